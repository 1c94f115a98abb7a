package cli

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/report"
)

// TestReport_ItemGradesXLSX (issue 19): pingce report --catalog X.yaml
// --answers A --xlsx F with a catalog that grades items writes the
// workbook with the 逐项等级 line, the grade column and the sheet of the
// items below the top grade.
func TestReport_ItemGradesXLSX(t *testing.T) {
	dir := t.TempDir()
	cat, ans, out := filepath.Join(dir, "key-work.yaml"), filepath.Join(dir, "answers.yaml"), filepath.Join(dir, "r.xlsx")
	writeText(t, cat, `format: pingce/catalog@1
id: key-work
version: "2026"
title: 重点业务工作考核
total: 30
grades:
  - {min: 27, grade: 优秀}
  - {min: 0, grade: 合格}
item_grades:
  - {min_ratio: 0.95, grade: 优秀}
  - {min_ratio: 0.85, grade: 良好}
  - {min_ratio: 0, grade: 较差}
categories:
  - id: A
    title: 打击犯罪
    items:
      - {id: A1, title: 命案侦破, max: 10, method: check}
      - id: A2
        title: 电诈防范
        max: 10
        method: levels
        levels: [{label: 全部, points: 10}, {label: 大部, points: 9}, {label: 无, points: 0}]
      - {id: A3, title: 禁毒工作, max: 10, method: check}
`)
	writeText(t, ans, `format: pingce/answers@1
catalog: key-work@2026
unit: {name: 某某区公安分局, type: 分县局}
round: "2026"
answers:
  A1: {met: true}
  A2: {level: 大部}
  A3: {met: false}
`)
	if code, _, errOut := run(t, "report", "--catalog", cat, "--answers", ans, "--xlsx", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lb := report.ChineseLabels()
	if !slices.Contains(f.GetSheetList(), lb.SheetBelowTop) {
		t.Fatalf("sheets %v lack %s", f.GetSheetList(), lb.SheetBelowTop)
	}
	if a, _ := f.GetCellValue(lb.Sheet, "A6"); a != lb.ItemGrades {
		t.Errorf("汇总!A6 = %q, want %q", a, lb.ItemGrades)
	}
	if b, _ := f.GetCellValue(lb.Sheet, "B6"); b != "优秀 1 项、良好 1 项、较差 1 项" {
		t.Errorf("汇总!B6 = %q", b)
	}
	rows, err := f.GetRows(lb.SheetDetail)
	if err != nil {
		t.Fatal(err)
	}
	g := slices.Index(rows[0], lb.Grade)
	if g < 0 || rows[1][g] != "优秀" || rows[2][g] != "良好" || rows[3][g] != "较差" {
		t.Errorf("明细 grade column %d: %q", g, rows)
	}
	below, _ := f.GetRows(lb.SheetBelowTop)
	if len(below) != 3 || below[1][1] != "A3" || below[2][1] != "A2" {
		t.Errorf("%s: %q", lb.SheetBelowTop, below)
	}
}
