package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"pingce/internal/domain"
)

func TestSyntaxLine(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		msg  string
	}{
		{"mapping in plain value after a multi-line flow list", "a: 1\nb: [1,\n  2]\nc: d: e\nf: 1\n", 4, "mapping values are not allowed"},
		{"bad indentation of a list", "a: 1\nb:\n  - x\n - y\n", 4, "did not find expected key"},
		{"unterminated quote", "a: 1\nb: \"unterminated\nc: 2\n", 2, "found unexpected end of stream"},
		{"over-indented key", "a: 1\nb: x\n  c: y\n", 3, "mapping values are not allowed"},
		{"tab", "a: 1\n\tb: 2\n", 2, "tab character"},
		{"unclosed flow list", "a:\n  b: 1\n  b2: [1, 2\n  c: 3\n", 3, "did not find expected ',' or ']'"},
		{"reserved character", "a: 1\nb: @x\n", 2, "cannot start any token"},
		{"unknown anchor", "a: 1\nb: *nope\n", 2, "unknown anchor 'nope'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tt.yaml))
			ps := problems(t, err)
			if len(ps) != 1 || ps[0].Line != tt.line || ps[0].Code != ProbSyntax || !strings.Contains(ps[0].Msg, tt.msg) {
				t.Errorf("problems:\n%swant one syntax problem on line %d with %q", list(ps), tt.line, tt.msg)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		"a.yaml":   {Data: []byte(base)},
		"bad.yaml": {Data: []byte("format: x\n")},
	}
	c, err := Load(ctx, fsys, "a.yaml")
	if err != nil || c.Ref() != "t@1" {
		t.Errorf("Load(a.yaml) = %v, %v", c, err)
	}
	_, err = Load(ctx, fsys, "bad.yaml")
	if ps := domain.ErrorProblems(err); len(ps) == 0 || ps[0].File != "bad.yaml" {
		t.Errorf("Load(bad.yaml) error %v, problems %v", err, ps)
	}
	if _, err := Load(ctx, fsys, "none.yaml"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("Load(none.yaml) error %v, want ENOTFOUND", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Load(cancelled, fsys, "a.yaml"); err == nil {
		t.Error("Load with a cancelled context succeeded")
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte(base), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadFile(context.Background(), good)
	if err != nil || c.ID != "t" {
		t.Fatalf("LoadFile = %v, %v", c, err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(edit(t, "total: 10", "total: 11")), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadFile(context.Background(), bad)
	if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].String() != bad+":5: total is 11 but the base items' max add up to 10" {
		t.Errorf("LoadFile(bad) problems %v", ps)
	}
	if _, err := LoadFile(context.Background(), filepath.Join(dir, "none.yaml")); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("LoadFile(none) error %v, want ENOTFOUND", err)
	}
}

// version returns base as catalog id@version.
func version(t *testing.T, id, v string) []byte {
	return []byte(strings.Replace(edit(t, `version: "1"`, fmt.Sprintf("version: %q", v)), "id: t\n", "id: "+id+"\n", 1))
}

func TestLoadDirAndFind(t *testing.T) {
	fsys := fstest.MapFS{
		"b.yaml":       {Data: version(t, "beta", "2026.9")},
		"b2.yaml":      {Data: version(t, "beta", "2026.10")},
		"a.yaml":       {Data: version(t, "alpha", "1")},
		"README.md":    {Data: []byte("not a catalog")},
		"sub/ign.yaml": {Data: []byte("ignored: true")},
	}
	cs, err := LoadDir(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range cs {
		refs = append(refs, c.Ref())
	}
	if got, want := strings.Join(refs, " "), "alpha@1 beta@2026.9 beta@2026.10"; got != want {
		t.Errorf("LoadDir = %s, want %s", got, want)
	}
	tests := []struct{ ref, want string }{
		{"beta", "beta@2026.10"},
		{"beta@2026.9", "beta@2026.9"},
		{"alpha", "alpha@1"},
		{"beta@2026.11", ""},
		{"gamma", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			c, err := Find(cs, tt.ref)
			if tt.want == "" {
				if domain.ErrorCode(err) != domain.ENOTFOUND {
					t.Errorf("Find(%q) = %v, %v; want ENOTFOUND", tt.ref, c, err)
				}
				return
			}
			if err != nil || c.Ref() != tt.want {
				t.Errorf("Find(%q) = %v, %v; want %s", tt.ref, c, err, tt.want)
			}
		})
	}

	fsys["dup.yaml"] = &fstest.MapFile{Data: version(t, "alpha", "1")}
	if _, err := LoadDir(context.Background(), fsys); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("LoadDir with a duplicate: %v, want ECONFLICT", err)
	}
	delete(fsys, "dup.yaml")
	fsys["x.yaml"] = &fstest.MapFile{Data: []byte("format: [\n")}
	if _, err := LoadDir(context.Background(), fsys); len(domain.ErrorProblems(err)) == 0 {
		t.Errorf("LoadDir with a bad file: %v, want problems", err)
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2026.1", "2026.1", 0},
		{"2026.9", "2026.10", -1},
		{"2026.10", "2026.9", 1},
		{"1", "1.0", -1},
		{"2026.1-rc", "2026.1", 1},
		{"a", "b", -1},
		{"v2", "v10", -1},
		{"01", "1", 1},
		{"99999999999999999999999", "100000000000000000000000", -1},
		{"", "1", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_vs_"+tt.b, func(t *testing.T) {
			if got := CompareVersions(tt.a, tt.b); got != tt.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := CompareVersions(tt.b, tt.a); got != -tt.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

// TestBuiltins checks the catalogs shipped in assets/catalogs: each one is
// valid, survives Marshal and Parse, and Builtin finds it.
func TestBuiltins(t *testing.T) {
	cs, err := Builtins()
	if err != nil {
		t.Fatalf("Builtins: %v\n%s", err, list(domain.ErrorProblems(err)))
	}
	for _, c := range cs {
		t.Run(c.Ref(), func(t *testing.T) {
			got, err := Builtin(c.Ref())
			if err != nil || got != c {
				t.Errorf("Builtin(%q) = %v, %v", c.Ref(), got, err)
			}
			if got, err := Builtin(c.ID); err != nil || got.ID != c.ID {
				t.Errorf("Builtin(%q) = %v, %v", c.ID, got, err)
			}
			roundTrip(t, c)
		})
	}
	if _, err := Builtin("no-such-catalog"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("Builtin(no-such-catalog) error %v, want ENOTFOUND", err)
	}
}

func TestIDs(t *testing.T) {
	tests := []struct {
		id            string
		item, catalog bool
	}{
		{"A1.1", true, false},
		{"demo-city-ref", true, true},
		{"一.1", true, false},
		{"x_y-2", true, false},
		{"2026", true, true},
		{"", false, false},
		{"-a", false, true}, // the contract's pattern [a-z0-9-]+ allows it
		{".a", false, false},
		{"a b", false, false},
		{"a@b", false, false},
		{"a/b", false, false},
		{"Ab", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := validID(tt.id); got != tt.item {
				t.Errorf("validID(%q) = %v", tt.id, got)
			}
			if got := validCatalogID(tt.id); got != tt.catalog {
				t.Errorf("validCatalogID(%q) = %v", tt.id, got)
			}
		})
	}
}
