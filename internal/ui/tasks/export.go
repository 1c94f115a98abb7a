package tasks

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
)

// Writing the register out from the board: the entries shown, as a
// workbook or a PDF (Deps.WriteRegister), and 督办通知 for the selected
// card or every overdue one shown (Deps.WriteNotices), recorded on each
// entry before the file is written.

// Formats of the register's export.
const (
	FormatXLSX = "xlsx"
	FormatPDF  = "pdf"
)

// shownTasks returns the entries the filters let through, by column.
func (b *Board) shownTasks() []domain.Task {
	var out []domain.Task
	for c := range b.shown {
		for _, i := range b.shown[c] {
			out = append(out, b.all[i])
		}
	}
	return out
}

// ShowExport asks where to write the entries shown, in format.
func (b *Board) ShowExport(format string) {
	if b.deps.WriteRegister == nil {
		return
	}
	ts := b.shownTasks()
	name := "整改台账." + format
	filedialog.For(b.deps.Window).Show(filedialog.Options{Mode: filedialog.SaveFile, FileName: name,
		Filter: &filedialog.Filter{Name: name, Extensions: []string{"." + format}}}, func(paths []string) {
		if len(paths) == 1 {
			b.export(paths[0], format, ts)
		}
	})
}

func (b *Board) export(path, format string, ts []domain.Task) {
	now := b.now()
	b.deps.Tasks.Run(func(ctx context.Context) error {
		return b.deps.Outputs.WriteFile(ctx, path, func(w io.Writer) error {
			return b.deps.WriteRegister(ctx, w, format, ts, now)
		})
	}, func(err error) {
		if err != nil {
			kit.ShowError(b.deps.Window, err)
			return
		}
		b.status.SetText(fmt.Sprintf(lang.L("%d entries written to %s"), len(ts), path))
	})
}

// noticeTasks is what a notice is for: the selected card, else every
// overdue entry shown.
func (b *Board) noticeTasks() []domain.Task {
	if t := b.selected(); t != nil && !t.Status.Done() {
		return []domain.Task{*t}
	}
	now := b.now()
	var out []domain.Task
	for _, t := range b.shownTasks() {
		if t.Overdue(now) {
			out = append(out, t)
		}
	}
	return out
}

// ShowNotices asks where to write 督办通知 for noticeTasks.
func (b *Board) ShowNotices() {
	if b.deps.WriteNotices == nil {
		return
	}
	ts := b.noticeTasks()
	if len(ts) == 0 {
		dialog.ShowInformation(lang.L("Supervision notices"), lang.L("Select a card, or show overdue entries, to issue a notice."), b.deps.Window)
		return
	}
	filedialog.For(b.deps.Window).Show(filedialog.Options{Mode: filedialog.SaveFile, FileName: "督办通知.pdf",
		Filter: &filedialog.Filter{Name: "PDF", Extensions: []string{".pdf"}}}, func(paths []string) {
		if len(paths) == 1 {
			b.notices(paths[0], ts)
		}
	})
}

// notices records a notice on every entry (refused for an entry the user
// may not supervise, before anything is written), then writes the PDF.
func (b *Board) notices(path string, ts []domain.Task) {
	now := b.now()
	var numbers []string
	var done []domain.Task
	b.deps.Tasks.Run(func(ctx context.Context) error {
		for i, t := range ts {
			n := fmt.Sprintf("督〔%d〕%d-%d号", now.Year(), t.ID, t.Notices+1)
			got, err := b.deps.Register.StepTask(ctx, t.ID, domain.TaskActNotice, domain.TaskStep{Text: n})
			if err != nil {
				return fmt.Errorf("entry %d: %w", ts[i].ID, err)
			}
			numbers, done = append(numbers, n), append(done, *got)
		}
		return b.deps.Outputs.WriteFile(ctx, path, func(w io.Writer) error {
			return b.deps.WriteNotices(ctx, w, done, numbers, now)
		})
	}, func(err error) {
		if err != nil {
			kit.ShowError(b.deps.Window, err)
		} else {
			b.status.SetText(fmt.Sprintf(lang.L("%d notices written to %s"), len(done), path))
		}
		b.Reload()
	})
}
