package tasks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
)

// applyForClosure asks for the closure evidence to add to entry t and
// applies for closure (申请销号) with it, all or nothing: when the register
// refuses the application, none of the files chosen is kept. A register
// that cannot change an entry so (no domain.TaskChanger) takes the step
// alone, with the evidence the entry has.
func (b *Board) applyForClosure(t *domain.Task) {
	ch, ok := b.deps.Register.(domain.TaskChanger)
	if !ok {
		b.step(t.ID, domain.TaskActRequestClosure, domain.TaskStep{})
		return
	}
	id, have := t.ID, len(t.Files)
	var paths []string
	files := widget.NewLabel("")
	files.Wrapping = fyne.TextWrapWord
	show := func() {
		lines := []string{fmt.Sprintf(lang.L("The entry has %d closure evidence files."), have)}
		for _, p := range paths {
			lines = append(lines, "＋ "+domain.QuoteText(filepath.Base(p)))
		}
		files.SetText(strings.Join(lines, "\n"))
	}
	show()
	add := widget.NewButton(lang.L("Add closure evidence…"), func() {
		filedialog.For(b.deps.Window).Show(filedialog.Options{Mode: filedialog.OpenFiles, Confirm: lang.L("Attach")}, func(ps []string) {
			paths = append(paths, ps...)
			show()
		})
	})
	d := dialog.NewCustomConfirm(stepName(domain.TaskActRequestClosure), lang.L("Apply"), lang.L("Cancel"),
		container.NewVBox(files, add), func(ok bool) {
			if ok {
				b.applyWith(ch, id, paths)
			}
		}, b.deps.Window)
	d.Show()
}

// applyWith adds the files at paths to entry id and applies for closure,
// in one change, in the background.
func (b *Board) applyWith(ch domain.TaskChanger, id int64, paths []string) {
	var got *domain.Task
	b.deps.Tasks.Run(func(ctx context.Context) error {
		var c domain.TaskChange
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				return fmt.Errorf("read closure evidence: %w", err)
			}
			defer f.Close()
			c.Files = append(c.Files, domain.TaskUpload{Name: filepath.Base(p), Content: f})
		}
		c.Steps = []domain.TaskMove{{Act: domain.TaskActRequestClosure}}
		var err error
		got, err = ch.ChangeTask(ctx, id, c)
		return err
	}, func(err error) { b.stepped(id, got, err) })
}
