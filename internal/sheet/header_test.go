package sheet

import (
	"context"
	"testing"

	"pingce/internal/domain"
)

// TestTwoRowHeader reads a table whose column names take two rows: “考评
// 指标” merged over 一级指标 and 二级指标, the other names merged down.
func TestTwoRowHeader(t *testing.T) {
	rows := [][]any{
		{"序号", "考评指标", "", "分值", "考评办法", "备注"},
		{"", "一级指标", "二级指标", "", "", ""},
		{1, "基础工作（30分）", "台账规范", 10, "每发现一处不规范扣1分，扣完为止"},
		{2, "", "制度健全", 20, "制度健全得20分；基本健全得10分；不健全不得分"},
		{"合计", "", "", 30},
	}
	data := book(t, "S", rows, "B1:C1", "A1:A2", "D1:D2", "E1:E2", "F1:F2", "B3:B4")
	res, err := Read(context.Background(), "h.xlsx", data, Options{})
	if err != nil {
		t.Fatalf("%v %v", err, domain.ErrorProblems(err))
	}
	c := res.Catalog
	if len(c.Categories) != 1 || c.Categories[0].Title != "基础工作" || len(c.Items()) != 2 || c.Total != 30 {
		t.Fatalf("categories %+v items %d total %v", c.Categories, len(c.Items()), c.Total)
	}
	if it := c.Item("A2"); it == nil || it.Method != domain.MethodLevels || len(it.Levels) != 3 {
		t.Fatalf("A2 %+v", it)
	}
	for _, col := range res.Columns {
		if col.Header == "一级指标" && col.Where != "h.xlsx!S!B2" {
			t.Errorf("一级指标 named at %s", col.Where)
		}
	}
	for _, w := range res.Warnings {
		if w.Code == ProbUnknownColumn || w.Code == ProbGroupPoints {
			t.Errorf("warning %v", w)
		}
	}
}
