package sheet

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// FuzzRead reads arbitrary bytes as a workbook: never a panic, and a
// catalog only when it passes Check.
func FuzzRead(f *testing.F) {
	rows, merges := officialRows()
	f.Add(book(f, "S", rows, merges...))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), "f.xlsx", data, Options{})
		if err == nil && (res.Catalog == nil || len(res.Catalog.Check()) > 0) {
			t.Fatalf("accepted a catalog that fails Check")
		}
	})
}

// FuzzTable reads tables of arbitrary cell texts and merges (cells split
// at "|", rows at "\n"; merges as "A1:B2 C3:C4").
func FuzzTable(f *testing.F) {
	f.Add("序号|一级指标|二级指标|分值|评分标准\n1|组织|领导|10|每少1次扣2分\n2|||5|有得5分，无不得分\n|加分项|创新||每项加2分，最高加10分\n一票否决：1.弄虚作假", "B2:B3 A5:E5")
	f.Add("类目|分值|项目|考评办法\n甲|x|乙|超过98%(含)得5分；超过95%(含)得3分\n合计|5", "A1:A3 Z9:A1")
	f.Fuzz(func(t *testing.T, table, merges string) {
		g := &grid{file: "f.xlsx", sheet: "S"}
		for i, line := range strings.Split(table, "\n") {
			if i > 200 {
				break
			}
			g.rows = append(g.rows, strings.Split(line, "|"))
		}
		var ms [][2]string
		for _, m := range strings.Fields(merges) {
			a, b, _ := strings.Cut(m, ":")
			ms = append(ms, [2]string{a, b})
		}
		g.spread(ms)
		res, err := readGrids("f.xlsx", []*grid{g}, Options{})
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID || len(domain.ErrorProblems(err)) == 0 {
				t.Fatalf("error %v without problems", err)
			}
			for _, p := range domain.ErrorProblems(err) {
				if !strings.HasPrefix(p.File, "f.xlsx!S") {
					t.Fatalf("problem without its place: %v", p)
				}
			}
			return
		}
		if fs := res.Catalog.Check(); len(fs) > 0 {
			t.Fatalf("accepted a catalog that fails Check: %v", fs)
		}
	})
}

// FuzzTemplateCell changes one cell of a template that uses every rule
// shape (sheet, row and column chosen by the fuzzer) and reads it: never
// a panic, problems at their sheet, and an accepted catalog passes Check
// and goes through the template again unchanged.
func FuzzTemplateCell(f *testing.F) {
	data, err := os.ReadFile("../domain/testdata/shapes.yaml")
	if err != nil {
		f.Fatal(err)
	}
	c, err := catalog.Parse("shapes.yaml", data)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, c); err != nil {
		f.Fatal(err)
	}
	sheets := []string{SheetCatalog, SheetCategories, SheetItems, SheetGrades, SheetItemGrades, SheetCaps, SheetVetoes, SheetByUnitType}
	f.Add(uint8(2), uint8(6), uint8(38), "<96=0.25\n<90=abc")
	f.Add(uint8(2), uint8(4), uint8(44), "4")
	f.Add(uint8(7), uint8(2), uint8(1), "C1")
	f.Add(uint8(6), uint8(5), uint8(3), "-1")
	f.Add(uint8(1), uint8(2), uint8(5), "1e308")
	f.Fuzz(func(t *testing.T, sheet, row, col uint8, value string) {
		wb, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		name := sheets[int(sheet)%len(sheets)]
		cell, _ := excelize.CoordinatesToCellName(int(col)%60+1, int(row)%40+1)
		if !utf8.ValidString(value) || len(value) > 200 {
			return
		}
		if err := wb.SetCellStr(name, cell, value); err != nil {
			return
		}
		out, err := wb.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Read(context.Background(), "t.xlsx", out.Bytes(), Options{})
		if err != nil {
			for _, p := range domain.ErrorProblems(err) {
				if !strings.HasPrefix(p.File, "t.xlsx") {
					t.Fatalf("problem without its place: %v", p)
				}
			}
			return
		}
		if fs := res.Catalog.Check(); len(fs) > 0 {
			t.Fatalf("accepted a catalog that fails Check: %v", fs)
		}
		var again bytes.Buffer
		if err := WriteTemplate(&again, res.Catalog); err != nil {
			t.Fatalf("an accepted catalog does not go through the template again: %v", err)
		}
	})
}

// FuzzPropose reads arbitrary rule texts: never a panic, and a known
// proposal applies to an item without a panic.
func FuzzPropose(f *testing.F) {
	for _, s := range []string{"每发现一处扣0.5分，扣完为止", "每发现一处隐患扣1分；扣满4分的，追加扣除10分",
		"市局80%，分县局75%，派出所70%得满分；每低1个百分点扣1分", "每抓获一人加1分", "有预案得5分，无不得分；不具有该职能的以满分计"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p := Propose(text)
		if !p.Known && p.Reason == "" {
			t.Fatalf("%q: not known and no reason", text)
		}
		p.fits(10)
		p.Apply(&domain.Item{ID: "A", Max: 10})
		_ = p.Summary()
	})
}
