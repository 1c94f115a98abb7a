package uitest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestCheckTranslations(t *testing.T) {
	dir := t.TempDir()
	src := `package x

import "fyne.io/fyne/v2/lang"

func f(k string) {
	_ = lang.L("Translated")
	_ = lang.L("Missing {{.N}}", map[string]any{"N": 1})
	_ = lang.X("key.one", "Fallback")
	_ = lang.L(k)
}
`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte(strings.Replace(src, "Missing", "Ignored", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	CheckTranslations(r, dir, map[string]string{"Translated": "已译", "key.one": "一"})
	got := strings.Join(r.errs, "\n")
	for _, want := range []string{`x.go:9: lang.L needs a string literal key`, `x.go:7: "Missing {{.N}}"`} {
		if !strings.Contains(got, want) {
			t.Errorf("failures lack %q:\n%s", want, got)
		}
	}
	if len(r.errs) != 2 {
		t.Errorf("%d failures, want 2:\n%s", len(r.errs), got)
	}
}
