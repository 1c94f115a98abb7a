package walk

import (
	"context"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
)

// offerSave says why a file of a type that could run a program (an
// executable, a script, a shortcut: domain.OpensSafely) is not handed to
// the system to open, with its real extension, and offers to save it to a
// folder instead. On Windows the system would run a disguised program
// from a shared database.
func (v *View) offerSave(e domain.Evidence) {
	if v.deps.Window == nil {
		return
	}
	ext := domain.Extension(e.Name)
	if ext == "" {
		ext = lang.L("without an extension")
	}
	msg := wrapped(lang.L("{{.Name}} is a file of the type {{.Ext}}, which could run a program on this computer. Pingce does not open such files: save it to a folder, and open it there only if you trust where it comes from.",
		map[string]any{"Name": domain.QuoteText(e.Name), "Ext": ext}))
	var d dialog.Dialog
	save := widget.NewButton(lang.L("Save as…"), func() {
		d.Hide()
		v.saveEvidenceAs(e)
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	body := container.NewVBox(sized(msg, 460), container.NewCenter(container.NewHBox(cancel, save)))
	d = dialog.NewCustomWithoutButtons(lang.L("Not opened"), body, v.deps.Window)
	d.Show()
}

// saveEvidenceAs asks where to save the evidence file and writes it there.
func (v *View) saveEvidenceAs(e domain.Evidence) {
	files := v.deps.Files
	if files == nil {
		files = filedialog.For(v.deps.Window)
	}
	name, err := domain.CleanFileName(e.Name)
	if err != nil {
		name = "evidence"
	}
	files.Show(filedialog.Options{Mode: filedialog.SaveFile, FileName: name, Confirm: lang.L("Save")}, func(paths []string) {
		if len(paths) == 0 {
			return
		}
		path, ctx := paths[0], v.ctx()
		v.background(func() func() {
			err := v.writeEvidence(ctx, e, path)
			return func() {
				if err != nil {
					v.showMessage(lang.L("Could not save {{.Name}}: {{.Reason}}",
						map[string]any{"Name": domain.QuoteText(e.Name), "Reason": kit.ErrorText(err)}))
					return
				}
				v.bar.setStatus(lang.L("Saved {{.Name}} to {{.Folder}}",
					map[string]any{"Name": filepath.Base(path), "Folder": filepath.Dir(path)}))
			}
		})
	})
}

// writeEvidence writes the content of e to path through the view's output
// guard: atomically, readable by the owner only, never onto the database.
func (v *View) writeEvidence(ctx context.Context, e domain.Evidence, path string) error {
	if err := v.deps.Outputs.Check(path); err != nil {
		return err
	}
	return v.deps.Outputs.WriteFile(ctx, path, func(w io.Writer) error { // streamed, never whole in memory
		return domain.CopyEvidence(ctx, w, v.deps.Evidence, e.ID)
	})
}
