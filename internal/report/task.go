package report

import (
	"strings"
	"time"

	"pingce/internal/domain"
)

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
// 经办人：张三 · 2026-10-09 16:30导入" (the register's 来自 column).
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
