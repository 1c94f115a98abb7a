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
	notes := TaskNoteLines(t, now)
	files := TaskFileLines(t)
	origin := ""
	if t.Origin != nil {
		origin = TaskOriginText(t.Origin, now)
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

// TaskFileLines returns the entry's closure evidence (销号佐证), one line
// per file: its name, and the name it was given when that was cleaned
// (“（原名：…）”, hidden characters shown as domain.QuoteText does).
func TaskFileLines(t *domain.Task) []string {
	var files []string
	for _, f := range t.Files {
		line := f.Name
		if f.OriginalName != "" {
			line += "（原名：" + domain.QuoteText(f.OriginalName) + "）"
		}
		files = append(files, line)
	}
	return files
}

// PackageKindNames name the kinds of exchange packages an entry comes from.
var PackageKindNames = map[string]string{"submission": "提交包", "review": "审核结果包", "register": "整改进展包"}

// PackageKindName is the Chinese name of a package kind; 交换包 when the
// kind is not known (an entry received before schema 16 whose package the
// audit trail did not name).
func PackageKindName(kind string) string {
	if n, ok := PackageKindNames[kind]; ok {
		return n
	}
	return "交换包"
}

// TaskOriginText says which exchange package o is, who sent it and when it
// was imported, in now's location: "提交包 · 发送单位：某某区公安分局 ·
// 经办人：张三 · 2026-10-09 16:30导入" (the 来自 column).
func TaskOriginText(o *domain.TaskOrigin, now time.Time) string {
	parts := []string{PackageKindName(o.Kind)}
	if o.Unit != "" {
		parts = append(parts, "发送单位："+o.Unit)
	}
	if o.Operator != "" {
		parts = append(parts, "经办人："+o.Operator)
	}
	if !o.At.IsZero() {
		parts = append(parts, o.At.In(now.Location()).Format("2006-01-02 15:04")+"导入")
	}
	return strings.Join(parts, " · ")
}

// TaskNoteLines returns the entry's timeline (进展情况), one line per note:
// date, who, the status reached or 督办, and the note's text. A note's own
// text may hold line breaks; the 进展情况 cell joins the lines with "\n".
func TaskNoteLines(t *domain.Task, now time.Time) []string {
	var notes []string
	for _, n := range t.Notes {
		line := n.At.In(now.Location()).Format("2006-01-02") + " " + n.By
		switch {
		case n.Kind == domain.NoteStatus && n.Status != "":
			line += " " + domain.TaskStatusNames[n.Status]
		case n.Kind == domain.NoteNotice:
			line += " 督办"
		}
		if n.Text != "" {
			line += "：" + n.Text
		}
		notes = append(notes, line)
	}
	return notes
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
