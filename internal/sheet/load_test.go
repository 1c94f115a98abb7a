package sheet

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"pingce/internal/domain"
)

func TestLoadCatalog(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl, nil); err != nil {
		t.Fatal(err)
	}
	t.Run("template", func(t *testing.T) {
		c, err := LoadCatalog(t.Context(), write("模板.xlsx", tmpl.Bytes()))
		if err != nil || c.Ref() != "my-catalog@1" {
			t.Fatalf("%v %v", c, err)
		}
	})
	t.Run("a table with a rule not understood is refused at its cell", func(t *testing.T) {
		rows, merges := officialRows()
		_, err := LoadCatalog(t.Context(), write("细则.xlsx", book(t, "S", rows, merges...)))
		ps := domain.ErrorProblems(err)
		if len(ps) != 1 || ps[0].Code != ProbRuleVague || ps[0].File != "细则.xlsx!S!F8" {
			t.Fatalf("problems %v (%v)", ps, err)
		}
	})
	t.Run("a table understood", func(t *testing.T) {
		rows, merges := officialRows()
		rows[7][5] = "每发现一处扣1分"
		c, err := LoadCatalog(t.Context(), write("好.xlsx", book(t, "S", rows, merges...)))
		if err != nil || c.Item("B1.3").Method != domain.MethodDeduct {
			t.Fatalf("%v", err)
		}
	})
	t.Run("yaml", func(t *testing.T) {
		_, err := LoadCatalog(t.Context(), write("x.yaml", []byte("format: pingce/catalog@1\n")))
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("a bad YAML catalog: %v", err)
		}
	})
}
