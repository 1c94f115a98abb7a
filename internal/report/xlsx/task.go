package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// TaskSheet is the name of the register's sheet.
const TaskSheet = "整改台账"

// TaskColumns are the register's columns, in the order the issue lists
// the register's fields (docs/formats.md, 整改台账): the entry's number,
// then source, round, unit, assessment and item, problem, measure, target,
// the lead and co-organising units, the person responsible, the reviewer,
// the deadline, the type, the status (已超期 added when overdue), the
// extension's reason and date, the timeline, the closure evidence, the
// closure opinion, who closed it and when; then (appended, schema 16) the
// exchange package the entry came from.
var TaskColumns = []string{"编号", "来源", "轮次", "单位", "评测", "指标", "问题描述", "整改措施", "整改目标",
	"责任单位（主办）", "责任单位（协办）", "责任人", "复核人", "完成时限", "类型", "状态", "延期理由", "延期至",
	"进展情况", "销号佐证", "销号意见", "销号人", "销号时间", "来自"}

// TaskRow returns the register's cells of entry t at now, as text in
// TaskColumns order (the PDF uses the same).
func TaskRow(t *domain.Task, now time.Time) []string {
	item := t.ItemID
	if t.ItemTitle != "" {
		item = strings.TrimSpace(t.ItemID + " " + t.ItemTitle)
	}
	assessment := ""
	if t.AssessmentID != 0 {
		assessment = strconv.FormatInt(t.AssessmentID, 10)
	}
	status := domain.TaskStatusNames[t.Status]
	if t.Overdue(now) {
		status += "（已超期）"
	}
	notes := report.TaskNoteLines(t, now)
	files := report.TaskFileLines(t)
	origin := ""
	if t.Origin != nil {
		origin = report.TaskOriginText(t.Origin, now)
	}
	closedAt := ""
	if !t.ClosedAt.IsZero() {
		closedAt = t.ClosedAt.In(now.Location()).Format("2006-01-02 15:04")
	}
	return []string{strconv.FormatInt(t.ID, 10), domain.TaskSourceNames[t.Source], t.Round, t.UnitName, assessment, item,
		t.Problem, t.Measure, t.Target, t.Lead, t.Assist, t.Owner, t.Checker, domain.DateText(t.Deadline()),
		domain.TaskKindNames[t.Kind], status, t.ExtensionReason, domain.DateText(t.ExtensionDue),
		strings.Join(notes, "\n"), strings.Join(files, "\n"), t.ClosedComment, t.ClosedBy, closedAt, origin}
}

// WriteTasks writes the register as a workbook of one sheet, 整改台账, with
// TaskColumns as its first row and one row per entry.
func WriteTasks(ctx context.Context, w io.Writer, ts []domain.Task, now time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", TaskSheet); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	widths := []float64{7, 10, 10, 18, 7, 18, 40, 36, 24, 16, 16, 10, 10, 12, 10, 14, 20, 12, 40, 20, 28, 10, 17, 36}
	sw, err := newSheet(f, TaskSheet, widths)
	if err != nil {
		return err
	}
	if err := sw.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: panes: %w", err)
	}
	if err := sw.row(1, headerRow(TaskColumns, st.header)); err != nil {
		return err
	}
	for i := range ts {
		if i%500 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells := TaskRow(&ts[i], now)
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = text(c, st.textWrap)
		}
		row[0] = excelize.Cell{StyleID: st.text, Value: ts[i].ID}
		if err := sw.row(i+2, row); err != nil {
			return err
		}
	}
	if err := sw.flush(); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: TaskSheet, Creator: "Pingce"}); err != nil {
		return fmt.Errorf("xlsx: doc props: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}
