package ui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// PrefExportDir is the folder reports were last exported to.
const PrefExportDir = "export.dir"

// ExportDialog exports the report of one assessment as PDF and/or XLSX
// into a folder.
type ExportDialog struct {
	u      *UI
	ws     *domain.Workspace
	dialog dialog.Dialog

	PDF          *widget.Check
	XLSX         *widget.Check
	Folder       *widget.Entry
	Browse       *widget.Button
	Name         *widget.Entry
	ExportButton *widget.Button
	CancelButton *widget.Button
	Hint         *widget.Label
	Progress     *widget.ProgressBarInfinite

	// Written holds the files of the last export.
	Written []string
}

// defaultExportDir returns the folder of the last export, else Documents
// or the home folder.
func (u *UI) defaultExportDir() string {
	if d := u.prefs.String(PrefExportDir); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, sub := range []string{"Documents", "文档"} {
		d := filepath.Join(home, sub)
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return home
}

// safeName turns text into something usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
}

// ExportAssessment loads an assessment and opens the export dialog for it.
func (u *UI) ExportAssessment(id int64) {
	var ws *domain.Workspace
	u.async(func(ctx context.Context) (err error) {
		ws, err = u.deps.Assessments.OpenAssessment(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.ShowExport(ws)
	})
}

// ShowExport opens the export dialog for ws.
func (u *UI) ShowExport(ws *domain.Workspace) {
	if u.deps.WriteReport == nil {
		return
	}
	e := &ExportDialog{u: u, ws: ws}
	e.PDF = widget.NewCheck(lang.L("PDF (to print and sign)"), func(bool) { e.validate() })
	e.PDF.Checked = true
	e.XLSX = widget.NewCheck(lang.L("Excel XLSX (item by item table)"), func(bool) { e.validate() })
	e.XLSX.Checked = true
	e.Folder = widget.NewEntry()
	e.Folder.SetText(u.defaultExportDir())
	e.Browse = widget.NewButton(lang.L("Choose…"), e.onBrowseTapped)
	e.Name = widget.NewEntry()
	e.Name.SetText(safeName(lang.L("{{.Unit}} {{.Round}} self-assessment report",
		map[string]any{"Unit": ws.Assessment.Unit.Name, "Round": ws.Assessment.Round})))
	e.Hint = widget.NewLabel("")
	e.Hint.Wrapping = fyne.TextWrapWord
	e.Hint.Hide()
	e.Progress = widget.NewProgressBarInfinite()
	e.Progress.Stop()
	e.Progress.Hide()
	e.ExportButton = widget.NewButton(lang.L("Export"), e.onExportTapped)
	e.ExportButton.Importance = widget.HighImportance
	e.CancelButton = widget.NewButton(lang.L("Cancel"), func() { e.dialog.Hide(); u.Export = nil })
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Formats"), container.NewVBox(e.PDF, e.XLSX)),
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, e.Browse, e.Folder)),
		widget.NewFormItem(lang.L("File name"), e.Name),
	)
	body := container.NewVBox(form, e.Hint, e.Progress,
		container.NewCenter(container.NewHBox(e.CancelButton, e.ExportButton)))
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("Export report"), body, u.deps.Window)
	e.dialog.Resize(fyne.NewSize(640, 0))
	u.Export = e
	e.Folder.OnChanged = func(string) { e.validate() }
	e.Name.OnChanged = func(string) { e.validate() }
	e.validate()
	e.dialog.Show()
}

// formats returns the formats ticked.
func (e *ExportDialog) formats() []string {
	var f []string
	if e.PDF.Checked {
		f = append(f, FormatPDF)
	}
	if e.XLSX.Checked {
		f = append(f, FormatXLSX)
	}
	return f
}

// validate enables Export when a format, a folder and a name are given.
func (e *ExportDialog) validate() {
	var hint string
	switch {
	case len(e.formats()) == 0:
		hint = lang.L("Tick PDF, Excel or both.")
	case strings.TrimSpace(e.Folder.Text) == "":
		hint = lang.L("Choose the folder to save the report in.")
	case strings.TrimSpace(e.Name.Text) == "":
		hint = lang.L("Enter a file name.")
	}
	gate(e.Hint, e.ExportButton, hint)
}

func (e *ExportDialog) onBrowseTapped() {
	fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			e.u.showError(err)
			return
		}
		if l != nil {
			e.Folder.SetText(l.Path())
		}
	}, e.u.deps.Window)
	if l, err := storage.ListerForURI(storage.NewFileURI(e.Folder.Text)); err == nil {
		fd.SetLocation(l)
	}
	fd.SetConfirmText(lang.L("Choose"))
	fd.SetDismissText(lang.L("Cancel"))
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}

// onExportTapped writes the files in the background.
func (e *ExportDialog) onExportTapped() { e.export(false) }

// errExists reports report files already in the folder.
type errExists struct{ names []string }

func (e *errExists) Error() string { return "exists: " + strings.Join(e.names, ", ") }

// export writes the files; unless replace is set, it first asks before
// replacing files already there.
func (e *ExportDialog) export(replace bool) {
	dir := strings.TrimSpace(e.Folder.Text)
	base := safeName(strings.TrimSpace(e.Name.Text))
	formats := e.formats()
	u := e.u
	ws := e.ws
	e.ExportButton.Disable()
	e.CancelButton.Disable()
	e.Progress.Show()
	e.Progress.Start()
	var written []string
	u.async(func(ctx context.Context) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if !replace {
			var there []string
			for _, f := range formats {
				if _, err := os.Stat(filepath.Join(dir, base+"."+f)); err == nil {
					there = append(there, base+"."+f)
				}
			}
			if len(there) > 0 {
				return &errExists{there}
			}
		}
		for _, f := range formats {
			path := filepath.Join(dir, base+"."+f)
			if err := writeFile(path, func(w *os.File) error { return u.deps.WriteReport(ctx, ws, f, w) }); err != nil {
				return err
			}
			written = append(written, path)
		}
		return nil
	}, func(err error) {
		e.Progress.Stop()
		e.Progress.Hide()
		e.CancelButton.Enable()
		e.ExportButton.Enable()
		e.Written = written
		var ex *errExists
		if errors.As(err, &ex) {
			msg := widget.NewLabel(lang.L("These files are already in the folder:") + "\n" + strings.Join(ex.names, "\n") +
				"\n" + lang.L("Replace them with the new report?"))
			msg.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustomConfirm(lang.L("Replace files?"), lang.L("Replace"), lang.L("Cancel"), msg, func(ok bool) {
				if ok {
					e.export(true)
				}
			}, u.deps.Window)
			d.Resize(fyne.NewSize(520, 0))
			d.Show()
			return
		}
		if err != nil {
			u.showError(err)
			return
		}
		u.prefs.SetString(PrefExportDir, dir)
		e.dialog.Hide()
		u.Export = nil
		u.showExported(dir, written)
	})
}

// writeFile writes a file through a temporary file, so that a failed
// export leaves no half-written report behind.
func writeFile(path string, write func(*os.File) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pingce-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		// Windows refuses to replace a file another program holds open.
		return errors.Join(err, errFileInUse)
	}
	return nil
}

// errFileInUse marks a report that could not replace an open file.
var errFileInUse = errors.New("file in use")

// fileURL returns the file:// URL of a path.
func fileURL(path string) *url.URL {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	}
	return u
}

// showExported tells where the files went and offers to open them.
func (u *UI) showExported(dir string, files []string) {
	list := widget.NewLabel(strings.Join(files, "\n"))
	list.Wrapping = fyne.TextWrapBreak
	list.Selectable = true
	var d dialog.Dialog
	buttons := container.NewHBox()
	for _, f := range files {
		f := f
		b := widget.NewButton(lang.L("Open {{.Name}}", map[string]any{"Name": strings.ToUpper(strings.TrimPrefix(filepath.Ext(f), "."))}), func() {
			_ = u.deps.App.OpenURL(fileURL(f))
		})
		buttons.Add(b)
	}
	buttons.Add(widget.NewButton(lang.L("Open folder"), func() { _ = u.deps.App.OpenURL(fileURL(dir)) }))
	closeB := widget.NewButton(lang.L("Close"), func() { d.Hide() })
	closeB.Importance = widget.HighImportance
	buttons.Add(closeB)
	body := container.NewVBox(widget.NewLabel(lang.L("The report was saved:")), list, container.NewCenter(buttons))
	d = dialog.NewCustomWithoutButtons(lang.L("Report exported"), body, u.deps.Window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}
