package sheet

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
)

// shapeCatalogs are the catalogs that use the rule shapes of issue 15,
// every shape at least once.
var shapeCatalogs = []string{"../domain/testdata/shapes.yaml", "../domain/testdata/tiered.yaml", "../domain/testdata/round.yaml"}

// TestTemplateShapesRoundTrip writes catalogs using every rule shape as the
// template and reads them back: the same catalog, by its canonical hash.
func TestTemplateShapesRoundTrip(t *testing.T) {
	for _, path := range shapeCatalogs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			c := loadYAML(t, path)
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, c); err != nil {
				t.Fatalf("WriteTemplate: %v", err)
			}
			res, err := Read(context.Background(), "t.xlsx", buf.Bytes(), Options{})
			if err != nil {
				t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
			}
			sameCatalog(t, res.Catalog, c)
		})
	}
}

func loadYAML(t *testing.T, path string) *domain.Catalog {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("%s: %v %v", path, err, domain.ErrorProblems(err))
	}
	return c
}

func sameCatalog(t *testing.T, got, want *domain.Catalog) {
	t.Helper()
	wh, wb, err := storage.CatalogHash(want)
	if err != nil {
		t.Fatal(err)
	}
	gh, gb, err := storage.CatalogHash(got)
	if err != nil {
		t.Fatal(err)
	}
	if gh != wh {
		t.Fatalf("hash %s, want %s\ngot  %s\nwant %s", gh, wh, firstDiff(gb, wb), firstDiff(wb, gb))
	}
}

// TestOldTemplateStillReads: a template written before the shapes' columns
// (no 按单位类型 sheet, none of their columns) reads as it did.
func TestOldTemplateStillReads(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	saved := shapes
	shapes = nil
	var buf bytes.Buffer
	err = writeTemplate(&buf, cs[0])
	shapes = saved
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DeleteSheet(SheetByUnitType); err != nil {
		t.Fatal(err)
	}
	head, _ := f.GetRows(SheetItems)
	if len(head) == 0 || strings.Contains(strings.Join(head[0], " "), "(na)") || len(head[0]) != len(itemCols) {
		t.Fatalf("the old template has the new columns: %q", head[0])
	}
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), "old.xlsx", out.Bytes(), Options{})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	sameCatalog(t, res.Catalog, cs[0])
}

// TestTemplateShapeProblems: cells of the shapes' columns that cannot be
// read are reported at their cells, all at once.
func TestTemplateShapeProblems(t *testing.T) {
	c := loadYAML(t, "../domain/testdata/shapes.yaml")
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, c); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	cellOf := func(sheet, key string, row int) string {
		for i, col := range sheetCols(sheet) {
			if col.key == key {
				name, _ := excelize.CoordinatesToCellName(i+1, row)
				return name
			}
		}
		t.Fatalf("no column %s on %s", key, sheet)
		return ""
	}
	// Rows: 指标 2 A1, 3 A2, 4 B1, 5 B2, 6 C1, 7 C2, 8 C3 …; 按单位类型 2 C3 分县局.
	bad := []struct {
		sheet, key string
		row        int
		value      string
		code       string
	}{
		{SheetItems, "piecewise", 6, "≈96=0.25", ProbTemplate},
		{SheetItems, "exact", 7, "零=8", ProbTemplate},
		{SheetItems, "overflow_at", 4, "四", ProbTemplate},
		{SheetCategories, "deduct_cap", 2, "五分", ProbTemplate},
		{SheetByUnitType, "item", 2, "ZZ", ProbTemplateRef},
		{SheetVetoes, "points", 5, "三十", ProbTemplate},
	}
	var want []string
	for _, b := range bad {
		cell := cellOf(b.sheet, b.key, b.row)
		if err := f.SetCellStr(b.sheet, cell, b.value); err != nil {
			t.Fatal(err)
		}
		want = append(want, "m.xlsx!"+b.sheet+"!"+cell+" "+b.code)
	}
	out, _ := f.WriteToBuffer()
	_, err = Read(context.Background(), "m.xlsx", out.Bytes(), Options{})
	got := map[string]bool{}
	for _, p := range domain.ErrorProblems(err) {
		got[p.File+" "+p.Code] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("no problem %s; got %v", w, got)
		}
	}
	// A veto effect that is none of the format's is Check's finding, at its row.
	f2, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	_ = f2.SetCellStr(SheetVetoes, cellOf(SheetVetoes, "effect", 3), "explode")
	out2, _ := f2.WriteToBuffer()
	_, err = Read(context.Background(), "m.xlsx", out2.Bytes(), Options{})
	ps := domain.ErrorProblems(err)
	if len(ps) == 0 || !strings.HasPrefix(ps[0].File, "m.xlsx!否决!") {
		t.Errorf("bad veto effect: %v %v", err, ps)
	}
}
