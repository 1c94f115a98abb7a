package sheet

import (
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// TestItemCells: every item of the shapes catalog goes through its cells
// unchanged, and a cell that cannot be read is a problem naming its key.
func TestItemCells(t *testing.T) {
	c := loadYAML(t, "../domain/testdata/shapes.yaml")
	for _, it := range c.Items() {
		t.Run(it.ID, func(t *testing.T) {
			got, probs := ReadItemCells("x.xlsx!S!A1", ItemCells(it))
			if len(probs) > 0 {
				t.Fatalf("problems %v", probs)
			}
			got.Bonus, got.ByUnitType = it.Bonus, it.ByUnitType
			c2 := &domain.Catalog{Categories: []*domain.Category{{ID: "A", Items: []*domain.Item{got}}}}
			c1 := &domain.Catalog{Categories: []*domain.Category{{ID: "A", Items: []*domain.Item{it}}}}
			sameItems(t, c2, c1)
		})
	}
	cells := ItemCells(c.Item("C1"))
	cells["piecewise"] = "<96=0.25\n约90=0.5"
	cells["per"] = "x"
	_, probs := ReadItemCells("x.xlsx!S!D6", cells)
	if len(probs) != 2 || probs[0].File != "x.xlsx!S!D6" || probs[0].ItemID != "C1" {
		t.Fatalf("problems %+v", probs)
	}
	keys := map[string]bool{}
	for _, p := range probs {
		keys[p.Args["key"]] = true
	}
	if !keys["piecewise"] || !keys["per"] {
		t.Errorf("problems name %v", keys)
	}
}

// sameItems compares the items of two catalogs by their YAML.
func sameItems(t *testing.T, got, want *domain.Catalog) {
	t.Helper()
	for i, it := range want.Items() {
		g := got.Items()[i]
		if a, b := itemYAML(t, g), itemYAML(t, it); a != b {
			t.Errorf("item %s:\ngot  %s\nwant %s", it.ID, a, b)
		}
	}
}

// itemYAML writes a catalog of the one item as YAML.
func itemYAML(t *testing.T, it *domain.Item) string {
	t.Helper()
	c := &domain.Catalog{ID: "x", Version: "1", Title: "x", Categories: []*domain.Category{{ID: "A", Title: "a", Items: []*domain.Item{it}}}}
	out, err := catalog.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
