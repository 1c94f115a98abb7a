package overview

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
)

// PrefDir is the folder round reports were last exported to.
const PrefDir = "overview.export.dir"

// reportDoc lays out the round report of what the overview shows: the
// ranking as ranked now (the approved-only switch included), in the
// language of the interface.
func (o *Overview) reportDoc() *report.RoundDocument {
	d := o.data
	in := report.RoundInput{Catalog: d.Catalog, Round: d.Round, Date: time.Now().Format("2006-01-02"),
		Groups: o.groups, Results: d.Results, History: d.Earlier(o.approvedOnly.Checked), Bands: d.Bands()}
	if lang.L("Bureau overview") == "Bureau overview" { // the interface is in English
		lb := report.EnglishRoundLabels()
		in.Labels = &lb
	}
	return report.BuildRound(in)
}

// defaultName is the file name offered for the report, without extension.
func (o *Overview) defaultName() string {
	name := lang.L("{{.Catalog}} {{.Round}} ranking", map[string]any{"Catalog": o.data.Catalog.Title, "Round": o.data.Round})
	if clean, err := domain.CleanFileName(name); err == nil {
		return clean
	}
	return o.data.Round
}

// exportDir is the folder offered: the last one used, else the home folder.
func (o *Overview) exportDir() string {
	if o.deps.App != nil {
		if d := o.deps.App.Preferences().String(PrefDir); d != "" {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d
			}
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// onExportTapped asks where to write the round report.
func (o *Overview) onExportTapped() {
	if o.data == nil || o.deps.WriteRound == nil {
		return
	}
	pdfCheck := widget.NewCheck(lang.L("PDF (to print)"), nil)
	pdfCheck.Checked = true
	xlsxCheck := widget.NewCheck(lang.L("Excel XLSX (ranking, matrix and trend sheets)"), nil)
	xlsxCheck.Checked = true
	folder := widget.NewEntry()
	folder.SetText(o.exportDir())
	browse := widget.NewButton(lang.L("Choose…"), func() {
		opts := filedialog.Options{Mode: filedialog.Folder, Confirm: lang.L("Choose"), Location: strings.TrimSpace(folder.Text)}
		filedialog.For(o.deps.Window).Show(opts, func(paths []string) {
			if len(paths) == 1 {
				folder.SetText(paths[0])
			}
		})
	})
	name := widget.NewEntry()
	name.SetText(o.defaultName())
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Formats"), container.NewVBox(pdfCheck, xlsxCheck)),
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, browse, folder)),
		widget.NewFormItem(lang.L("File name"), name),
	)
	d := dialog.NewCustomConfirm(lang.L("Export round report"), lang.L("Export"), lang.L("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		var formats []string
		if pdfCheck.Checked {
			formats = append(formats, FormatPDF)
		}
		if xlsxCheck.Checked {
			formats = append(formats, FormatXLSX)
		}
		dir, base := strings.TrimSpace(folder.Text), strings.TrimSpace(name.Text)
		if len(formats) == 0 || dir == "" || base == "" {
			kit.ShowProblems(o.deps.Window, lang.L("Export round report"), lang.L("Choose a format, a folder and a file name."), nil)
			return
		}
		o.confirmReplace(dir, base, formats, func() {
			o.confirmMissing(formats, func() { o.export(dir, base, formats, nil) })
		})
	}, o.deps.Window)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

// confirmMissing runs then at once, or after asking when the PDF would show
// 〓 for characters no font on this computer can draw.
func (o *Overview) confirmMissing(formats []string, then func()) {
	if o.deps.Unprintable == nil || !slices.Contains(formats, FormatPDF) {
		then()
		return
	}
	ms, err := o.deps.Unprintable(o.reportDoc())
	if err != nil {
		kit.ShowError(o.deps.Window, err)
		return
	}
	if len(ms) == 0 {
		then()
		return
	}
	msg := widget.NewLabel(lang.L("No font on this computer can draw these characters of the report. The PDF will show 〓 in their place:") +
		"\n" + kit.MissingText(ms) + "\n" + lang.L("Export anyway?"))
	msg.Wrapping = fyne.TextWrapWord
	cd := dialog.NewCustomConfirm(lang.L("Characters that cannot be drawn"), lang.L("Export"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			then()
		}
	}, o.deps.Window)
	cd.Resize(fyne.NewSize(560, 0))
	cd.Show()
}

// confirmReplace runs then at once, or after asking when report files of
// that name are already in the folder.
func (o *Overview) confirmReplace(dir, base string, formats []string, then func()) {
	var there []string
	for _, f := range formats {
		if _, err := os.Stat(filepath.Join(dir, base+"."+f)); err == nil {
			there = append(there, base+"."+f)
		}
	}
	if len(there) == 0 {
		then()
		return
	}
	msg := widget.NewLabel(lang.L("These files are already in the folder:") + "\n" + strings.Join(there, "\n") + "\n" + lang.L("Replace them with the new report?"))
	msg.Wrapping = fyne.TextWrapWord
	cd := dialog.NewCustomConfirm(lang.L("Replace files?"), lang.L("Replace"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			then()
		}
	}, o.deps.Window)
	cd.Resize(fyne.NewSize(520, 0))
	cd.Show()
}

// exportTo writes both formats into dir without asking (the scripted
// action); base "" is the default name.
func (o *Overview) exportTo(dir, base string) error {
	if o.data == nil || o.deps.WriteRound == nil {
		return domain.Errorf(domain.EINVALID, "overview: nothing to export")
	}
	if base == "" {
		base = o.defaultName()
	}
	o.export(dir, base, []string{FormatPDF, FormatXLSX}, nil)
	return nil
}

// export writes the report files in the background with progress, then
// tells where they are; done, if set, runs after with the paths written.
func (o *Overview) export(dir, base string, formats []string, done func([]string, error)) {
	doc := o.reportDoc()
	o.begin()
	o.exportButton.Disable()
	var written []string
	o.deps.Tasks.Run(func(ctx context.Context) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range formats {
			if err := o.deps.Outputs.Check(filepath.Join(dir, base+"."+f)); err != nil {
				return err
			}
		}
		for _, f := range formats {
			path := filepath.Join(dir, base+"."+f)
			if err := o.deps.Outputs.WriteFile(ctx, path, func(w io.Writer) error { return o.deps.WriteRound(ctx, doc, f, w) }); err != nil {
				return err
			}
			written = append(written, path)
		}
		return nil
	}, func(err error) {
		defer o.end(err)
		o.exportButton.Enable()
		o.written = written
		if done != nil {
			done(written, err)
		}
		if err != nil {
			kit.ShowError(o.deps.Window, err)
		} else {
			if o.deps.App != nil {
				o.deps.App.Preferences().SetString(PrefDir, dir)
			}
			o.showExported(dir, written)
		}
	})
}

// Written returns the files of the last export.
func (o *Overview) Written() []string { return o.written }

// showExported says where the files are, with buttons to open them.
func (o *Overview) showExported(dir string, files []string) {
	var d dialog.Dialog
	list := widget.NewLabel(strings.Join(files, "\n"))
	list.Wrapping = fyne.TextWrapBreak
	buttons := container.NewHBox()
	for _, f := range files {
		b := widget.NewButton(lang.L("Open {{.Name}}", map[string]any{"Name": strings.ToUpper(strings.TrimPrefix(filepath.Ext(f), "."))}), func() {
			opener.For(o.deps.Window).OpenFile(f, nil)
		})
		buttons.Add(b)
	}
	buttons.Add(widget.NewButton(lang.L("Open folder"), func() { opener.For(o.deps.Window).OpenFolder(dir) }))
	closeB := widget.NewButton(lang.L("Close"), func() { d.Hide() })
	closeB.Importance = widget.HighImportance
	buttons.Add(closeB)
	body := container.NewVBox(widget.NewLabel(lang.L("The round report was saved:")), list, container.NewCenter(buttons))
	d = dialog.NewCustomWithoutButtons(lang.L("Report exported"), body, o.deps.Window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}
