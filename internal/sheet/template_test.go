package sheet

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
)

// TestTemplateRoundTrip writes each built-in catalog as the template and
// reads it back: the same catalog, by its canonical hash.
func TestTemplateRoundTrip(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 2 {
		t.Fatalf("%d built-in catalogs", len(cs))
	}
	for _, c := range cs {
		t.Run(c.Ref(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, c); err != nil {
				t.Fatal(err)
			}
			res, err := Read(context.Background(), "t.xlsx", buf.Bytes(), Options{})
			if err != nil {
				t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
			}
			if !res.Template {
				t.Fatal("the template was not read as one")
			}
			want, wantBody, err := storage.CatalogHash(c)
			if err != nil {
				t.Fatal(err)
			}
			got, gotBody, err := storage.CatalogHash(res.Catalog)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("hash %s, want %s\ngot  %s\nwant %s", got, want, firstDiff(gotBody, wantBody), firstDiff(wantBody, gotBody))
			}
		})
	}
}

// firstDiff shows where a differs from b.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return string(a[max(0, i-80):min(len(a), i+80)])
}

func TestEmptyTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, nil); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), "模板.xlsx", buf.Bytes(), Options{})
	if err != nil {
		t.Fatalf("the example of the template does not import: %v %v", err, domain.ErrorProblems(err))
	}
	if res.Catalog.Ref() != "my-catalog@1" || len(res.Catalog.Items()) != 3 {
		t.Errorf("example %s with %d items", res.Catalog.Ref(), len(res.Catalog.Items()))
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(SheetItems)
	var lists []string
	for _, dv := range dvs {
		lists = append(lists, dv.Sqref+" "+dv.Formula1)
	}
	if err != nil || len(dvs) != 2 || !strings.Contains(lists[0], "F2:F5000") || !strings.Contains(lists[0], "deduct") || !strings.Contains(strings.Join(lists, " "), "full") {
		t.Errorf("method and N/A drop-downs %q %v", lists, err)
	}
	for _, sh := range []string{SheetCatalog, SheetCategories, SheetItems, SheetGrades, SheetItemGrades, SheetCaps, SheetVetoes} {
		if i, _ := f.GetSheetIndex(sh); i < 0 {
			t.Errorf("no sheet %s", sh)
		}
	}
}

// TestTemplateProblems edits a template so that it is wrong in several
// places: each is reported at its cell, all at once.
func TestTemplateProblems(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set(SheetItems, "E2", "十")       // A1's max
	set(SheetItems, "A3", "Q")       // A2's category
	set(SheetCategories, "B3", "NO") // X's parent
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), "m.xlsx", out.Bytes(), Options{})
	var got []string
	for _, p := range domain.ErrorProblems(err) {
		got = append(got, p.File+" "+p.Code)
	}
	want := []string{"m.xlsx!类目!B3 " + ProbTemplateRef, "m.xlsx!指标!E2 " + ProbTemplate, "m.xlsx!指标!A3 " + ProbTemplateRef}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Content errors are found by Catalog.Check, at their cells.
	f2, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	defer f2.Close()
	_ = f2.SetCellValue(SheetItems, "E3", 25) // A2's max: the total no longer adds up
	_ = f2.SetCellValue(SheetItems, "F2", "guess")
	out2, _ := f2.WriteToBuffer()
	_, err = Read(context.Background(), "m.xlsx", out2.Bytes(), Options{})
	got = nil
	for _, p := range domain.ErrorProblems(err) {
		got = append(got, p.File+" "+p.Code)
	}
	want = []string{"m.xlsx!指标!F2 " + domain.ProbMethod, "m.xlsx!目录!B7 " + domain.ProbTotal}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTemplateRefusesWhatItCannotHold: a catalog the template would not
// give back the same (here a level label on two lines, which the
// template writes one a line) is refused, nothing written.
func TestTemplateRefusesWhatItCannotHold(t *testing.T) {
	c := exampleCatalog()
	c.Categories[0].Items[0] = &domain.Item{ID: "A1", Title: "t", Max: 10, Method: domain.MethodLevels,
		Levels: []domain.Level{{Label: "两行\n标签", Points: 10}, {Label: "无", Points: 0}}}
	var buf bytes.Buffer
	err := WriteTemplate(&buf, c)
	if domain.ErrorCode(err) != domain.EINVALID || buf.Len() != 0 {
		t.Fatalf("err %v, %d bytes written", err, buf.Len())
	}
}
