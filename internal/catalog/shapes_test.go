package catalog

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestShapesRoundTrip reads the catalog with every rule shape of issue 15,
// writes it and reads it back to the same catalog.
func TestShapesRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../domain/testdata/shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("shapes.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if cp := c.Category("A").DeductCap; cp == nil || *cp != 5 {
		t.Errorf("deduct_cap %v", cp)
	}
	if ov := c.Item("B1").Overflow; ov == nil || ov.At != 4 || ov.Extra != 10 {
		t.Errorf("overflow %+v", ov)
	}
	if r := c.Item("C3").ByUnitType["派出所"]; r == nil || r.Shortfall == nil || r.Shortfall.Target != 70 || r.Max != 10 {
		t.Errorf("by_unit_type %+v", r)
	}
	if v, _ := c.Veto("V4"); v.Effect != domain.VetoDeduct || v.Points != 30 {
		t.Errorf("veto %+v", v)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(c.Categories, c2.Categories) || !reflect.DeepEqual(c.Vetoes, c2.Vetoes) {
		t.Errorf("round trip changed the catalog:\n%s", out)
	}
}

// TestShapesRefused: every new rule's mistakes are found, each at its line.
func TestShapesRefused(t *testing.T) {
	data, err := os.ReadFile("../ui/message/testdata/bad-shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("bad-shapes.yaml", data)
	e, ok := err.(*domain.Error)
	if !ok {
		t.Fatalf("not refused: %v", err)
	}
	want := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		if _, code, ok := strings.Cut(line, "# want "); ok {
			want[code] = i + 1
		}
	}
	got := map[string]int{}
	for _, p := range e.Problems {
		got[p.Code] = p.Line
	}
	for code, line := range want {
		if got[code] != line {
			t.Errorf("%s: line %d, want %d (problems %v)", code, got[code], line, e.Problems)
		}
	}
}

// FuzzParseShapes fuzzes the reader from the catalogs with the issue 15
// rule shapes (good and bad): a catalog read is written and read back the
// same, a refused one says why.
func FuzzParseShapes(f *testing.F) {
	for _, name := range []string{"../domain/testdata/shapes.yaml", "../ui/message/testdata/bad-shapes.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(readOrRefuse)
}
