package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvidenceListShowsOriginalName lists a file stored under a cleaned
// name with the name it was given beside it, escaped (issue 10 #8), and a
// file that kept its name as it is.
func TestEvidenceListShowsOriginalName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pingce.db")
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
	dir := t.TempDir()
	for _, name := range []string{"report\u202efdp.exe", "规划.pdf"} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte("content of "+name), 0o600); err != nil {
			t.Fatal(err)
		}
		mustRun(t, db, "evidence", "add", "--assessment", "1", "--item", "A1.1", file)
	}
	out := mustRun(t, db, "evidence", "list", "--assessment", "1")
	if !strings.Contains(out, `report_fdp.exe (given as report\u202efdp.exe)`) || strings.Contains(out, "\u202e") {
		t.Errorf("cleaned file listed without its escaped original name:\n%s", out)
	}
	if !strings.Contains(out, "规划.pdf ") || strings.Contains(out, "规划.pdf (given as") {
		t.Errorf("file that kept its name listed wrongly:\n%s", out)
	}
}
