package tasks

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
)

// Where an entry came from, on its card and in its details: the exchange
// package that brought it into this database (提交包, 审核结果包,
// 整改进展包), its sender and when it was imported, and the last package
// that changed it; and the entry's details with its timeline and closure
// files under their original names.

// packageName is the kind of exchange package that brought or changed an
// entry, as the board writes it.
func packageName(kind string) string {
	switch kind {
	case "submission":
		return lang.L("Submission package (origin)")
	case "review":
		return lang.L("Review package (origin)")
	case "register":
		return lang.L("Register package (origin)")
	}
	return lang.L("Exchange package (origin)")
}

// originChoice is the board's origin filter choice of entry t: made here,
// or the kind of package that brought it.
func originChoice(t *domain.Task) string {
	if t.Origin == nil {
		return lang.L("Made here")
	}
	return packageName(t.Origin.Kind)
}

// originTag marks the card of an entry a package brought: "［提交包］".
func originTag(t *domain.Task) string {
	if t.Origin == nil {
		return ""
	}
	return fmt.Sprintf(lang.L("[%s]"), packageName(t.Origin.Kind))
}

// originText says which package o is, who sent it and when it was
// imported here, in now's location: "提交包 · 发送单位：某某区公安分局 ·
// 经办人：张三 · 2026-10-09 16:30导入".
func originText(o *domain.TaskOrigin, now time.Time) string {
	parts := []string{packageName(o.Kind)}
	if o.Unit != "" {
		parts = append(parts, fmt.Sprintf(lang.L("Sent by %s"), o.Unit))
	}
	if o.Operator != "" {
		parts = append(parts, fmt.Sprintf(lang.L("Operator: %s"), o.Operator))
	}
	if !o.At.IsZero() {
		parts = append(parts, fmt.Sprintf(lang.L("Imported %s"), o.At.In(now.Location()).Format("2006-01-02 15:04")))
	}
	return strings.Join(parts, " · ")
}

// fileLine is a closure file as the details list it: its name, the name
// it was given when that was cleaned, its size, who added it and when.
func fileLine(f domain.TaskFile, now time.Time) string {
	line := f.Name
	if f.OriginalName != "" {
		line += fmt.Sprintf(lang.L("(given as %s)"), domain.QuoteText(f.OriginalName))
	}
	parts := []string{line, sizeText(f.Size)}
	if f.AddedBy != "" {
		parts = append(parts, f.AddedBy)
	}
	if !f.AddedAt.IsZero() {
		parts = append(parts, f.AddedAt.In(now.Location()).Format("2006-01-02"))
	}
	return strings.Join(parts, " · ")
}

// sizeText is a file size in bytes, KB or MB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// noteLine is a timeline note: date, who, the status reached or 督办, and
// its text.
func noteLine(n domain.TaskNote, now time.Time) string {
	line := n.At.In(now.Location()).Format("2006-01-02") + " " + n.By
	switch {
	case n.Kind == domain.NoteStatus && n.Status != "":
		line += " " + statusName(n.Status)
	case n.Kind == domain.NoteNotice:
		line += " " + lang.L("Supervision")
	}
	if n.Text != "" {
		line += lang.L(": ") + n.Text
	}
	return line
}

// kindName is how an entry is to be rectified, as the board writes it.
func kindName(k domain.TaskKind) string {
	switch k {
	case domain.KindImmediate:
		return lang.L("At once (kind)")
	case domain.KindDeadline:
		return lang.L("By the deadline (kind)")
	case domain.KindOngoing:
		return lang.L("Ongoing (kind)")
	}
	return string(k)
}

// detailRows are the label and text of each line of entry t's details
// at now; lines without text are left out.
func detailRows(t *domain.Task, now time.Time) [][2]string {
	item := strings.TrimSpace(t.ItemID + " " + t.ItemTitle)
	status := statusName(t.Status)
	if t.Overdue(now) {
		status += fmt.Sprintf(lang.L("(%d days overdue)"), -t.DaysLeft(now))
	}
	extension := ""
	if t.ExtensionReason != "" || !t.ExtensionDue.IsZero() {
		extension = strings.TrimSpace(domain.DateText(t.ExtensionDue) + " " + t.ExtensionReason)
	}
	var notes, files []string
	for _, n := range t.Notes {
		notes = append(notes, noteLine(n, now))
	}
	for _, f := range t.Files {
		files = append(files, fileLine(f, now))
	}
	origin, received := lang.L("Made here"), ""
	if t.Origin != nil {
		origin = originText(t.Origin, now)
	}
	if t.Received != nil {
		received = originText(t.Received, now)
	}
	lost := ""
	if t.Lost > 0 {
		lost = fmt.Sprintf(lang.L("%s points"), strconv.FormatFloat(t.Lost, 'f', -1, 64))
	}
	closed := ""
	if t.Status.Done() {
		closed = strings.TrimSpace(t.ClosedComment + " · " + t.ClosedBy + " " + t.ClosedAt.In(now.Location()).Format("2006-01-02 15:04"))
	}
	rows := [][2]string{
		{lang.L("Entry (details)"), "#" + strconv.FormatInt(t.ID, 10)},
		{lang.L("Source"), sourceName(t.Source)},
		{lang.L("Came from"), origin},
		{lang.L("Last changed by"), received},
		{lang.L("Round (details)"), t.Round},
		{lang.L("First round (details)"), t.FirstRound},
		{lang.L("Unit"), t.UnitName},
		{lang.L("Catalog item"), item},
		{lang.L("Lost points (details)"), lost},
		{lang.L("Problem"), t.Problem},
		{lang.L("Measure"), t.Measure},
		{lang.L("Target (details)"), t.Target},
		{lang.L("Lead unit (details)"), t.Lead},
		{lang.L("Co-organisers (details)"), t.Assist},
		{lang.L("Responsible"), t.Owner},
		{lang.L("Checker (details)"), t.Checker},
		{lang.L("Deadline"), domain.DateText(t.Deadline())},
		{lang.L("Kind (details)"), kindName(t.Kind)},
		{lang.L("Status (details)"), status},
		{lang.L("Extension (details)"), extension},
		{lang.L("Timeline (details)"), strings.Join(notes, "\n")},
		{lang.L("Closure evidence (details)"), strings.Join(files, "\n")},
		{lang.L("Closure (details)"), closed},
	}
	out := rows[:0]
	for _, r := range rows {
		if r[1] != "" {
			out = append(out, r)
		}
	}
	return out
}

// ShowDetail shows the selected entry's details in a dialog, each closure
// file with a button that saves a copy of it; nothing when no card is
// selected.
func (b *Board) ShowDetail() {
	t := b.selected()
	if t == nil {
		return
	}
	now := b.now()
	newText := func(s string) *widget.Label {
		text := widget.NewLabel(s)
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		return text
	}
	grid := container.New(layout.NewFormLayout())
	filesLabel := lang.L("Closure evidence (details)")
	for _, r := range detailRows(t, now) {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{}))
		if r[0] != filesLabel || b.deps.Outputs == nil {
			grid.Add(newText(r[1]))
			continue
		}
		files := container.NewVBox()
		for _, f := range t.Files {
			save := widget.NewButtonWithIcon(lang.L("Save a copy…"), theme.DocumentSaveIcon(), func() { b.askSaveFile(f) })
			files.Add(container.NewBorder(nil, nil, nil, save, newText(fileLine(f, now))))
		}
		grid.Add(files)
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(640, 560))
	d := dialog.NewCustom(fmt.Sprintf(lang.L("Entry #%d"), t.ID), lang.L("Close the details"), scroll, b.deps.Window)
	b.detail = d
	d.SetOnClosed(func() { b.detail = nil })
	d.Show()
}

// askSaveFile asks where to save a copy of closure file f, under its name.
func (b *Board) askSaveFile(f domain.TaskFile) {
	filedialog.For(b.deps.Window).Show(filedialog.Options{Mode: filedialog.SaveFile, FileName: f.Name}, func(paths []string) {
		if len(paths) == 1 {
			b.saveFile(f, paths[0])
		}
	})
}

// saveFile writes closure file f's content to path in the background (the
// guard keeps the database's own files), and says where.
func (b *Board) saveFile(f domain.TaskFile, path string) {
	b.deps.Tasks.Run(func(ctx context.Context) error {
		data, err := b.deps.Register.TaskFileContent(ctx, f.ID)
		if err != nil {
			return err
		}
		return b.deps.Outputs.WriteData(ctx, path, data)
	}, func(err error) {
		if err != nil {
			b.status.SetText(kit.ErrorText(err))
			kit.ShowError(b.deps.Window, err)
			return
		}
		b.status.SetText(fmt.Sprintf(lang.L("%s saved to %s"), f.Name, path))
	})
}
