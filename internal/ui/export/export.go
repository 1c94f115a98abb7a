// Package export is the dialog that writes the report of one assessment
// as PDF and/or XLSX into a folder: it asks before replacing files, writes
// through a temporary file so that a failed export leaves nothing behind,
// and offers to open what it wrote.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
	"pingce/internal/ui/screen"
	"pingce/internal/userfile"
)

// PrefDir is the folder reports were last exported to.
const PrefDir = "export.dir"

// Report formats offered by the dialog.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// Deps is what the dialog needs from the shell.
type Deps struct {
	App    fyne.App // opens the files written
	Window fyne.Window
	Tasks  *kit.Tasks
	// WriteReport writes the report of ws in format (FormatPDF or
	// FormatXLSX) to w.
	WriteReport func(ctx context.Context, ws *domain.Workspace, format string, w io.Writer) error
	// Unprintable, when set, lists the characters of the PDF report of ws
	// that no font on this machine can draw; the dialog asks before it
	// writes a PDF that would show 〓 for them.
	Unprintable func(ctx context.Context, ws *domain.Workspace) ([]Missing, error)
	// Outputs writes the report files (atomically, readable by the owner
	// only) and refuses a path that is the database or one of its files;
	// nil protects no file but still writes atomically.
	Outputs *userfile.Guard
	// OnClosed runs when the dialog closes.
	OnClosed func()
}

// Missing is a character of a report that no font can draw, and where it
// stands (kit.Missing).
type Missing = kit.Missing

// Place is where a text of a report stands (kit.Place).
type Place = kit.Place

// Dialog exports the report of one assessment as PDF and/or XLSX
// into a folder.
// It implements screen.Screen.
type Dialog struct {
	deps   Deps
	prefs  fyne.Preferences
	ws     *domain.Workspace
	dialog dialog.Dialog
	body   fyne.CanvasObject
	busy   bool // files are being written

	pdf          *widget.Check
	xlsx         *widget.Check
	folder       *widget.Entry
	browse       *widget.Button
	name         *widget.Entry
	exportButton *widget.Button
	cancelButton *widget.Button
	hint         *widget.Label
	progress     *widget.ProgressBarInfinite

	written []string // the files of the last export
}

var _ screen.Screen = (*Dialog)(nil)

// defaultExportDir returns the folder of the last export, else Documents
// or the home folder.
func defaultDir(prefs fyne.Preferences) string {
	if d := prefs.String(PrefDir); d != "" {
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

// Show opens the export dialog for ws.
func Show(d Deps, ws *domain.Workspace) *Dialog {
	e := &Dialog{deps: d, prefs: d.App.Preferences(), ws: ws}
	e.pdf = widget.NewCheck(lang.L("PDF (to print and sign)"), func(bool) { e.validate() })
	e.pdf.Checked = true
	e.xlsx = widget.NewCheck(lang.L("Excel XLSX (item by item table)"), func(bool) { e.validate() })
	e.xlsx.Checked = true
	e.folder = widget.NewEntry()
	e.folder.SetText(defaultDir(e.prefs))
	e.browse = widget.NewButton(lang.L("Choose…"), e.onBrowseTapped)
	e.name = widget.NewEntry()
	e.name.SetText(safeName(lang.L("{{.Unit}} {{.Round}} self-assessment report",
		map[string]any{"Unit": ws.Assessment.Unit.Name, "Round": ws.Assessment.Round})))
	e.hint = widget.NewLabel("")
	e.hint.Wrapping = fyne.TextWrapWord
	e.hint.Hide()
	e.progress = widget.NewProgressBarInfinite()
	e.progress.Stop()
	e.progress.Hide()
	e.exportButton = widget.NewButton(lang.L("Export"), e.onExportTapped)
	e.exportButton.Importance = widget.HighImportance
	e.cancelButton = widget.NewButton(lang.L("Cancel"), e.Close)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Formats"), container.NewVBox(e.pdf, e.xlsx)),
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, e.browse, e.folder)),
		widget.NewFormItem(lang.L("File name"), e.name),
	)
	e.body = container.NewVBox(form, e.hint, e.progress,
		container.NewCenter(container.NewHBox(e.cancelButton, e.exportButton)))
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("Export report"), e.body, d.Window)
	e.dialog.Resize(fyne.NewSize(640, 0))
	e.folder.OnChanged = func(string) { e.validate() }
	e.name.OnChanged = func(string) { e.validate() }
	e.validate()
	e.dialog.Show()
	return e
}

// Content returns the dialog's body.
func (e *Dialog) Content() fyne.CanvasObject { return e.body }

// HandleDrop takes a dropped folder as the folder to export to.
func (e *Dialog) HandleDrop(uris []fyne.URI) {
	for _, u := range uris {
		if ok, _ := storage.CanList(u); ok {
			e.folder.SetText(u.Path())
			return
		}
	}
}

// Close closes the dialog; files being written are finished.
func (e *Dialog) Close() {
	e.dialog.Hide()
	if e.deps.OnClosed != nil {
		e.deps.OnClosed()
	}
}

// Busy reports whether report files are being written.
func (e *Dialog) Busy() bool { return e.busy }

// Written returns the files of the last export.
func (e *Dialog) Written() []string { return e.written }

// formats returns the formats ticked.
func (e *Dialog) formats() []string {
	var f []string
	if e.pdf.Checked {
		f = append(f, FormatPDF)
	}
	if e.xlsx.Checked {
		f = append(f, FormatXLSX)
	}
	return f
}

// validate enables Export when a format, a folder and a name are given.
func (e *Dialog) validate() {
	var hint string
	switch {
	case len(e.formats()) == 0:
		hint = lang.L("Tick PDF, Excel or both.")
	case strings.TrimSpace(e.folder.Text) == "":
		hint = lang.L("Choose the folder to save the report in.")
	case strings.TrimSpace(e.name.Text) == "":
		hint = lang.L("Enter a file name.")
	}
	kit.Gate(e.hint, e.exportButton, hint)
}

func (e *Dialog) onBrowseTapped() {
	opts := filedialog.Options{Mode: filedialog.Folder, Confirm: lang.L("Choose"), Location: strings.TrimSpace(e.folder.Text)}
	filedialog.For(e.deps.Window).Show(opts, func(paths []string) {
		if len(paths) == 1 {
			e.folder.SetText(paths[0])
		}
	})
}

// onExportTapped writes the files in the background.
func (e *Dialog) onExportTapped() { e.export(exportOpts{}) }

// exportOpts are what the user already agreed to.
type exportOpts struct {
	replace bool // replace report files already in the folder
	missing bool // write a PDF with characters no font can draw
}

// errMissing reports characters of the PDF that no font can draw.
type errMissing struct{ chars []Missing }

func (e *errMissing) Error() string {
	return fmt.Sprintf("%d characters no font can draw", len(e.chars))
}

// errExists reports report files already in the folder.
type errExists struct{ names []string }

func (e *errExists) Error() string { return "exists: " + strings.Join(e.names, ", ") }

// export writes the files; unless opts say the user agreed, it first asks
// before replacing files already there and before writing a PDF that shows
// 〓 for characters no font can draw.
func (e *Dialog) export(opts exportOpts) {
	dir := strings.TrimSpace(e.folder.Text)
	base := safeName(strings.TrimSpace(e.name.Text))
	formats := e.formats()
	d := e.deps
	ws := e.ws
	e.busy = true
	e.exportButton.Disable()
	e.cancelButton.Disable()
	e.progress.Show()
	e.progress.Start()
	var written []string
	d.Tasks.Run(func(ctx context.Context) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if !opts.missing && d.Unprintable != nil && slices.Contains(formats, FormatPDF) {
			ms, err := d.Unprintable(ctx, ws)
			if err != nil {
				return err
			}
			if len(ms) > 0 {
				return &errMissing{ms}
			}
		}
		for _, f := range formats {
			if err := d.Outputs.Check(filepath.Join(dir, base+"."+f)); err != nil {
				return err
			}
		}
		if !opts.replace {
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
			if err := d.Outputs.WriteFile(ctx, path, func(w io.Writer) error { return d.WriteReport(ctx, ws, f, w) }); err != nil {
				return err
			}
			written = append(written, path)
		}
		return nil
	}, func(err error) {
		e.busy = false
		e.progress.Stop()
		e.progress.Hide()
		e.cancelButton.Enable()
		e.exportButton.Enable()
		e.written = written
		var em *errMissing
		if errors.As(err, &em) {
			msg := widget.NewLabel(lang.L("No font on this computer can draw these characters of the report. The PDF will show 〓 in their place:") +
				"\n" + kit.MissingText(em.chars) + "\n" + lang.L("Export anyway?"))
			msg.Wrapping = fyne.TextWrapWord
			cd := dialog.NewCustomConfirm(lang.L("Characters that cannot be drawn"), lang.L("Export"), lang.L("Cancel"), msg, func(ok bool) {
				if ok {
					opts.missing = true
					e.export(opts)
				}
			}, d.Window)
			cd.Resize(fyne.NewSize(560, 0))
			cd.Show()
			return
		}
		var ex *errExists
		if errors.As(err, &ex) {
			msg := widget.NewLabel(lang.L("These files are already in the folder:") + "\n" + strings.Join(ex.names, "\n") +
				"\n" + lang.L("Replace them with the new report?"))
			msg.Wrapping = fyne.TextWrapWord
			cd := dialog.NewCustomConfirm(lang.L("Replace files?"), lang.L("Replace"), lang.L("Cancel"), msg, func(ok bool) {
				if ok {
					opts.replace = true
					e.export(opts)
				}
			}, d.Window)
			cd.Resize(fyne.NewSize(520, 0))
			cd.Show()
			return
		}
		if err != nil {
			kit.ShowError(d.Window, err)
			return
		}
		e.prefs.SetString(PrefDir, dir)
		e.Close()
		showExported(d, dir, written)
	})
}

// showExported tells where the files went and offers to open them.
func showExported(deps Deps, dir string, files []string) {
	list := widget.NewLabel(strings.Join(files, "\n"))
	list.Wrapping = fyne.TextWrapBreak
	list.Selectable = true
	var d dialog.Dialog
	buttons := container.NewHBox()
	for _, f := range files {
		f := f
		b := widget.NewButton(lang.L("Open {{.Name}}", map[string]any{"Name": strings.ToUpper(strings.TrimPrefix(filepath.Ext(f), "."))}), func() {
			opener.For(deps.Window).OpenFile(f, nil) // says so when no program opens it
		})
		buttons.Add(b)
	}
	buttons.Add(widget.NewButton(lang.L("Open folder"), func() { opener.For(deps.Window).OpenFolder(dir) }))
	closeB := widget.NewButton(lang.L("Close"), func() { d.Hide() })
	closeB.Importance = widget.HighImportance
	buttons.Add(closeB)
	body := container.NewVBox(widget.NewLabel(lang.L("The report was saved:")), list, container.NewCenter(buttons))
	d = dialog.NewCustomWithoutButtons(lang.L("Report exported"), body, deps.Window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}
