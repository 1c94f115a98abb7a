package domain_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// builtinPath is where the built-in catalogs live, from this package's folder.
const builtinDir = "../../assets/catalogs"

// loadBuiltin parses one built-in catalog file from assets/catalogs.
func loadBuiltin(tb testing.TB, file string) *domain.Catalog {
	tb.Helper()
	path := filepath.Join(builtinDir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	c, err := catalog.Parse(file, data)
	if err != nil {
		for _, p := range domain.ErrorProblems(err) {
			tb.Log(p.String())
		}
		tb.Fatalf("parse %s: %v", file, err)
	}
	return c
}

// TestBuiltinCatalogs checks the shape of the two built-in catalogs against
// what criteria.md part B and C.1 ask for.
func TestBuiltinCatalogs(t *testing.T) {
	files, err := fs.Glob(os.DirFS(builtinDir), "*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("built-in catalogs: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) { loadBuiltin(t, f) })
	}
}
