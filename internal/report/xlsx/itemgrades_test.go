package xlsx

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// columnOf returns the 1-based column of the header cell reading want, or 0.
func columnOf(header []string, want string) int {
	for i, h := range header {
		if h == want {
			return i + 1
		}
	}
	return 0
}

// rowOf returns the row (from GetRows) whose first cell reads first, or nil.
func rowOf(rows [][]string, first string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	return nil
}

// TestItemGradesInWorkbook (issue 19): a catalog with item_grades gives the
// workbook what the PDF has — the 逐项等级 line in 汇总, the grade of every
// item in 明细, and a sheet of the items below the top grade, most lost
// first; a catalog without item grades gets none of them.
func TestItemGradesInWorkbook(t *testing.T) {
	lb := report.ChineseLabels()
	for _, tc := range []struct {
		name     string
		ws       func() *domain.Workspace
		line     string            // 逐项等级 line, "" for none
		grades   map[string]string // 明细: item → grade
		reviewed map[string]string // 明细: item → reviewed grade
		below    [][]string        // 未达最高等级: 序号, 编号, 指标, 等级, 失分
		noSheet  bool
		allAtTop bool
	}{
		{name: "graded", ws: fixture.Graded, line: "优秀 1 项、良好 1 项、较差 1 项",
			grades: map[string]string{"A1": "优秀", "A2": "良好", "A3": "较差"},
			below:  [][]string{{"1", "A3", "禁毒工作", "较差", "10"}, {"2", "A2", "电诈防范", "良好", "1"}}},
		{name: "reviewed", ws: func() *domain.Workspace {
			ws := fixture.Graded()
			ws.Reviews = map[string]domain.Review{"A1": {Verdict: domain.VerdictAdjust, Score: domain.Float(9), Reason: "佐证不足", By: "李四"}}
			return ws
		}, line: "优秀 1 项、良好 1 项、较差 1 项（核定分：良好 2 项、较差 1 项）",
			grades:   map[string]string{"A1": "优秀", "A2": "良好", "A3": "较差"},
			reviewed: map[string]string{"A1": "良好", "A2": "良好", "A3": "较差"},
			// by the reviewer's points, as 短板: A1 lost 1 after the review
			below: [][]string{{"1", "A3", "禁毒工作", "较差", "10"}, {"2", "A1", "命案侦破", "良好", "1"}, {"3", "A2", "电诈防范", "良好", "1"}}},
		{name: "all at the top grade", ws: func() *domain.Workspace {
			ws := fixture.Graded()
			yes := true
			ws.Answers.Answers["A2"] = domain.Answer{Level: "全部"}
			ws.Answers.Answers["A3"] = domain.Answer{Met: &yes}
			return ws
		}, line: "优秀 3 项", grades: map[string]string{"A1": "优秀", "A2": "优秀", "A3": "优秀"}, allAtTop: true},
		{name: "no item grades", ws: func() *domain.Workspace {
			ws := fixture.Graded()
			ws.Catalog.ItemGrades = nil
			return ws
		}, noSheet: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := write(t, tc.ws())
			sum, err := f.GetRows(lb.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			line := rowOf(sum, lb.ItemGrades)
			switch {
			case tc.line == "" && line != nil:
				t.Errorf("汇总 has a %s line %q for a catalog without item grades", lb.ItemGrades, line)
			case tc.line != "" && (len(line) < 2 || line[1] != tc.line):
				t.Errorf("汇总 %s line = %q, want %q", lb.ItemGrades, line, tc.line)
			}
			// The category table still starts below its frozen header.
			p, err := f.GetPanes(lb.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			if p.YSplit < 1 || p.YSplit >= len(sum) || sum[p.YSplit-1][0] != lb.ID || sum[p.YSplit][0] != "A" {
				t.Errorf("汇总 frozen at row %d: header %q, first category %q", p.YSplit, sum[min(p.YSplit, len(sum))-1], sum[min(p.YSplit, len(sum)-1)])
			}

			det, err := f.GetRows(lb.SheetDetail)
			if err != nil {
				t.Fatal(err)
			}
			gc := columnOf(det[0], lb.Grade)
			if tc.grades == nil {
				if gc != 0 {
					t.Errorf("明细 has a %s column without item grades: %q", lb.Grade, det[0])
				}
			} else {
				if gc == 0 {
					t.Fatalf("明细 header %q has no %s column", det[0], lb.Grade)
				}
				for id, want := range tc.grades {
					if r := rowOf(det, id); len(r) < gc || r[gc-1] != want {
						t.Errorf("明细 %s grade = %q, want %q", id, r, want)
					}
				}
			}
			rc := columnOf(det[0], lb.ReviewedGrade)
			if (rc != 0) != (tc.reviewed != nil) {
				t.Errorf("明细 header %q: %s column at %d", det[0], lb.ReviewedGrade, rc)
			}
			for id, want := range tc.reviewed {
				if r := rowOf(det, id); rc == 0 || len(r) < rc || r[rc-1] != want {
					t.Errorf("明细 %s reviewed grade = %q, want %q", id, r, want)
				}
			}

			sheets := f.GetSheetList()
			has := false
			for _, s := range sheets {
				has = has || s == lb.SheetBelowTop
			}
			if has == tc.noSheet {
				t.Fatalf("sheets %q: %s present = %v", sheets, lb.SheetBelowTop, has)
			}
			if tc.noSheet {
				return
			}
			rows, err := f.GetRows(lb.SheetBelowTop)
			if err != nil {
				t.Fatal(err)
			}
			if tc.allAtTop {
				if len(rows) != 1 || rows[0][0] != lb.NoBelowTop {
					t.Errorf("%s = %q, want only %q", lb.SheetBelowTop, rows, lb.NoBelowTop)
				}
				return
			}
			h := rows[0]
			gradeHead := lb.Grade
			if tc.reviewed != nil {
				gradeHead = lb.ReviewedGrade
			}
			cols := []int{columnOf(h, lb.No), columnOf(h, lb.ID), columnOf(h, lb.Item), columnOf(h, gradeHead), columnOf(h, lb.Lost)}
			for i, c := range cols {
				if c == 0 {
					t.Fatalf("%s header %q lacks column %d", lb.SheetBelowTop, h, i)
				}
			}
			if len(rows)-1 != len(tc.below) {
				t.Fatalf("%s has %d item rows, want %d: %q", lb.SheetBelowTop, len(rows)-1, len(tc.below), rows)
			}
			for i, want := range tc.below {
				for j, c := range cols {
					if got := rows[i+1][c-1]; got != want[j] {
						t.Errorf("%s row %d %s = %q, want %q", lb.SheetBelowTop, i+2, h[c-1], got, want[j])
					}
				}
				ref := cell(cols[4], i+2)
				if got, want := calc(t, f, lb.SheetBelowTop, ref), number(t, f, lb.SheetBelowTop, ref); !near(got, want) {
					t.Errorf("%s!%s recalculates to %v, cached %v", lb.SheetBelowTop, ref, got, want)
				}
			}
		})
	}
}

// TestItemGradesEnglish: the English workbook names the sheet and line in English.
func TestItemGradesEnglish(t *testing.T) {
	lb := report.EnglishLabels()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, report.Build(fixture.Graded(), report.Options{Labels: &lb})); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, _ := f.GetRows(lb.Sheet)
	if r := rowOf(sum, lb.ItemGrades); len(r) < 2 || r[1] != "优秀: 1, 良好: 1, 较差: 1" {
		t.Errorf("summary line %q", r)
	}
	rows, err := f.GetRows(lb.SheetBelowTop)
	if err != nil || len(rows) != 3 {
		t.Errorf("%s: %q (%v)", lb.SheetBelowTop, rows, err)
	}
}
