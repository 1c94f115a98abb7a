package cli

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/catalog"
)

const smallCatalog = `format: pingce/catalog@1
id: small
version: "1"
title: 小目录
total: 10
grades:
  - {min: 5, grade: 好}
  - {min: 0, grade: 差}
categories:
  - id: A
    title: A
    items:
      - {id: A1, title: a, max: 10, method: check}
`

func TestCatalogList(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "catalog", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != len(cs)+1 || !strings.HasPrefix(lines[0], "CATALOG") {
		t.Fatalf("want a header and %d lines, got:\n%s", len(cs), out)
	}
	titleAt := strings.Index(lines[0], "TITLE")
	for i, c := range cs {
		l := lines[i+1]
		f := strings.Fields(l)
		if len(f) < 5 || f[0] != c.Ref() || f[3] != catalogPoints(c.Total) {
			t.Errorf("line %q does not show %s with total %v", l, c.Ref(), c.Total)
		}
		if !strings.HasSuffix(l, c.Title) || strings.Index(l, c.Title) != titleAt {
			t.Errorf("title of %s not aligned under TITLE (column %d): %q", c.Ref(), titleAt, l)
		}
	}
	if code, _, _ := run(t, "catalog", "list", "extra"); code != 2 {
		t.Errorf("catalog list extra: exit %d, want 2", code)
	}
}

func TestCatalogCheck(t *testing.T) {
	good := writeFile(t, "good.yaml", smallCatalog)
	bad := writeFile(t, "bad.yaml", strings.Replace(strings.Replace(smallCatalog, "total: 10", "total: 12", 1),
		"method: check}", "method: check, per: 1}", 1))
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err []string // lines that must appear
		noOut    bool
	}{
		{"good", []string{good}, 0, []string{"OK small@1: 1 items, total 10"}, nil, false},
		{"bad", []string{bad}, 1, nil, []string{
			bad + ":5: total is 12 but the base items' max add up to 10",
			bad + ":13: item A1: per does not fit method check",
		}, true},
		{"good and bad", []string{good, bad}, 1, []string{"OK small@1"}, []string{bad + ":13: item A1:", "1 of 2 files refused"}, false},
		{"missing file", []string{filepath.Join(t.TempDir(), "none.yaml")}, 1, nil, []string{"none.yaml: catalog file", "does not exist"}, true},
		{"no file", nil, 2, nil, []string{"usage: pingce catalog check"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"catalog", "check"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.err {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if tt.noOut && out != "" {
				t.Errorf("stdout should be empty, got:\n%s", out)
			}
		})
	}
}

// TestCatalogExportCheck exports every built-in catalog, checks the file and
// compares what it reads back with the built-in.
func TestCatalogExportCheck(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Skip("no built-in catalogs")
	}
	for _, c := range cs {
		for _, ref := range []string{c.Ref(), c.ID} {
			t.Run(ref, func(t *testing.T) {
				code, out, errOut := run(t, "catalog", "export", ref)
				if code != 0 {
					t.Fatalf("export exit %d: %s", code, errOut)
				}
				path := writeFile(t, "exported.yaml", out)
				code, checkOut, errOut := run(t, "catalog", "check", path)
				if code != 0 || !strings.HasPrefix(checkOut, "OK ") {
					t.Fatalf("check of the export: exit %d\n%s%s", code, checkOut, errOut)
				}
				got, err := catalog.LoadFile(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				want, err := catalog.Builtin(ref)
				if err != nil {
					t.Fatal(err)
				}
				if got.Ref() != want.Ref() || !reflect.DeepEqual(got.Categories, want.Categories) ||
					!reflect.DeepEqual(got.Grades, want.Grades) || !reflect.DeepEqual(got.Caps, want.Caps) ||
					!reflect.DeepEqual(got.Vetoes, want.Vetoes) || got.Total != want.Total {
					t.Errorf("exported %s reads back different", ref)
				}
			})
		}
	}
	code, _, errOut := run(t, "catalog", "export", "no-such-catalog")
	if code != 1 || !strings.Contains(errOut, "no built-in catalog no-such-catalog") {
		t.Errorf("export of an unknown catalog: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := run(t, "catalog", "export"); code != 2 {
		t.Errorf("export without an id: exit %d, want 2", code)
	}
}
