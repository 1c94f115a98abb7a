package xlsx

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
)

// TestWriteTasksReadBack writes a register and reads it back: the header
// is exactly TaskColumns, each entry one row with its fields, overdue
// derived from the clock, the timeline one line per note.
func TestWriteTasksReadBack(t *testing.T) {
	due := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC)
	ts := []domain.Task{
		{ID: 12, Source: domain.SourceReview, Round: "2026-Q2", UnitName: "某某区公安分局", AssessmentID: 3, ItemID: "A2",
			ItemTitle: "台账完整", Problem: "〔A2〕台账完整：失 10 分", Measure: "补齐台账", Target: "台账齐全", Lead: "某某区公安分局",
			Assist: "法制大队", Owner: "王五", Checker: "刘建国", Due: due, Kind: domain.KindDeadline, Status: domain.TaskInProgress,
			Notes: []domain.TaskNote{{At: due.AddDate(0, 0, -20), By: "王五", Kind: domain.NoteProgress, Text: "已部署"},
				{At: due.AddDate(0, 0, -10), By: "王五", Kind: domain.NoteProgress, Text: "基本完成"}}},
		{ID: 13, Source: domain.SourceManual, Round: "2026-Q2", UnitName: "甲派出所", Problem: "=1+1", Measure: "m", Owner: "o",
			Due: due, Kind: domain.KindImmediate, Status: domain.TaskClosed,
			Files:         []domain.TaskFile{{Name: "报告.pdf"}, {Name: "照片_1_.jpg", OriginalName: "照片<1>.jpg"}},
			ClosedComment: "已整改", ClosedBy: "刘建国", ClosedAt: due,
			Origin: &domain.TaskOrigin{Kind: "submission", Unit: "甲派出所", Operator: "钱七", Package: "p", At: due.Add(9 * time.Hour)}},
	}
	var buf bytes.Buffer
	if err := WriteTasks(context.Background(), &buf, ts, now); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(TaskSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if !slices.Equal(rows[0], TaskColumns) {
		t.Fatalf("header %v", rows[0])
	}
	get := func(r int, col string) string {
		i := slices.Index(TaskColumns, col)
		if i < 0 {
			t.Fatalf("no column %s", col)
		}
		if i >= len(rows[r]) {
			return ""
		}
		return rows[r][i]
	}
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{1, "编号", "12"}, {1, "来源", "审核意见"}, {1, "指标", "A2 台账完整"}, {1, "责任单位（协办）", "法制大队"},
		{1, "完成时限", "2026-06-30"}, {1, "类型", "限期整改"}, {1, "状态", "整改中（已超期）"},
		{1, "进展情况", "2026-06-10 王五：已部署\n2026-06-20 王五：基本完成"},
		{2, "问题描述", "=1+1"}, {2, "状态", "已销号"}, {2, "销号佐证", "报告.pdf\n照片_1_.jpg（原名：照片<1>.jpg）"}, {2, "销号人", "刘建国"},
		{2, "销号时间", "2026-06-30 00:00"}, {2, "评测", ""}, {1, "来自", ""},
		{2, "来自", "提交包 · 发送单位：甲派出所 · 经办人：钱七 · 2026-06-30 09:00导入"},
	} {
		if got := get(c.row, c.col); got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
	if formula, _ := f.GetCellFormula(TaskSheet, "G3"); formula != "" {
		t.Errorf("a problem text became the formula %q", formula)
	}
}
