package filedialog

import (
	"cmp"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry is one row of the folder shown.
type entry struct {
	name string
	dir  bool
}

// browser is the Fyne dialog shown when the system has none. It lists one
// folder at a time in a virtual list (rows are drawn only when visible, and
// no file is opened to draw an icon), so a folder of many thousands of
// files opens at once.
type browser struct {
	win  fyne.Window
	opts Options
	done func([]string)
	post func(func()) // runs the result of a background read on the UI goroutine

	dlg      dialog.Dialog
	dir      string
	entries  []entry
	chosen   map[string]bool // OpenFiles: names chosen in dir
	gen      int             // which load is current, so a slow one left behind is dropped
	finished bool

	path   *widget.Entry // the folder shown, or a path typed
	name   *widget.Entry // the file name (all modes but Folder)
	list   *widget.List
	places *widget.List
	status *widget.Label
	up     *widget.Button
	ok     *widget.Button
	cancel *widget.Button
	spots  []place
}

// newBrowser builds the dialog; show puts it on screen.
func newBrowser(w fyne.Window, opts Options, done func([]string)) *browser {
	b := &browser{win: w, opts: opts, done: done, chosen: map[string]bool{}, spots: places()}
	b.path = widget.NewEntry()
	b.path.OnSubmitted = b.onPathSubmitted
	b.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), b.onUp)
	b.name = widget.NewEntry()
	b.name.SetText(opts.FileName)
	b.name.OnChanged = func(string) { b.updateOK() }
	b.name.OnSubmitted = func(string) { b.onConfirm() }
	b.status = widget.NewLabel("")
	b.status.Truncation = fyne.TextTruncateEllipsis
	b.list = widget.NewList(func() int { return len(b.entries) }, b.newRow, b.updateRow)
	b.list.OnSelected = b.onSelected
	b.places = widget.NewList(func() int { return len(b.spots) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(b.spots[id].Name)
			icon := theme.FolderIcon()
			switch {
			case id == 0:
				icon = theme.HomeIcon()
			case b.spots[id].Path == "/" || strings.HasSuffix(b.spots[id].Path, `:\`):
				icon = theme.ComputerIcon()
			}
			c.Objects[1].(*widget.Icon).SetResource(icon)
		})
	b.places.OnSelected = func(id widget.ListItemID) {
		b.places.Unselect(id)
		b.load(b.spots[id].Path)
	}
	b.ok = widget.NewButton(opts.confirm(), b.onConfirm)
	b.ok.Importance = widget.HighImportance
	b.cancel = widget.NewButton(lang.L("Cancel"), func() { b.finish(nil) })

	top := container.NewBorder(nil, nil, b.up, nil, b.path)
	var bottom fyne.CanvasObject = container.NewBorder(nil, nil, nil, container.NewHBox(b.cancel, b.ok), b.status)
	if opts.Mode != Folder {
		label := lang.L("File name")
		if opts.Mode == OpenFiles {
			label = lang.L("File names")
		}
		form := container.NewBorder(nil, nil, widget.NewLabel(label), nil, b.name)
		bottom = container.NewVBox(form, bottom)
	}
	split := container.NewHSplit(b.places, b.list)
	split.Offset = 0.22
	body := container.NewBorder(top, bottom, nil, nil, split)
	b.dlg = dialog.NewCustomWithoutButtons(opts.title(), body, w)
	return b
}

// show puts the dialog on screen, sized to the window, and lists the start
// folder.
func (b *browser) show() {
	b.dlg.Resize(dialogSize(b.win.Canvas().Size()))
	b.dlg.Show()
	b.updateOK()
	b.load(startFolder(b.opts.Location))
	b.win.Canvas().Focus(b.path)
}

// dialogSize returns the dialog's size for a window of size win: most of
// the window, at most 1000×700.
func dialogSize(win fyne.Size) fyne.Size {
	return fyne.NewSize(min(win.Width*0.92, 1000), min(win.Height*0.9, 700))
}

// newRow makes a list row: icon and name.
func (b *browser) newRow() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), nil, l)
}

// updateRow fills row id.
func (b *browser) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(b.entries) {
		return
	}
	e := b.entries[id]
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(e.name)
	icon := theme.FileIcon()
	switch {
	case e.dir:
		icon = theme.FolderIcon()
	case b.chosen[e.name]:
		icon = theme.CheckButtonCheckedIcon()
	}
	c.Objects[1].(*widget.Icon).SetResource(icon)
}

// load lists dir in the background.
func (b *browser) load(dir string) {
	b.gen++
	gen := b.gen
	b.status.SetText(lang.L("Reading the folder…"))
	opts := b.opts
	go func() {
		entries, err := readDir(dir, opts)
		b.post(func() {
			if gen != b.gen || b.finished {
				return
			}
			if err != nil {
				b.path.SetText(b.dir)
				b.status.SetText(lang.X("filedialog.cannot", "Cannot open {{.Path}}: {{.Err}}",
					map[string]any{"Path": dir, "Err": err.Error()}))
				return
			}
			b.dir = dir
			b.entries = entries
			clear(b.chosen)
			b.path.SetText(dir)
			b.path.CursorColumn = len([]rune(dir))
			b.list.UnselectAll()
			b.list.Refresh()
			b.list.ScrollToTop()
			b.up.Enable()
			if filepath.Dir(dir) == dir {
				b.up.Disable()
			}
			b.showCount()
			b.updateOK()
		})
	}()
}

// showCount writes how many entries the folder shows, and the filter.
func (b *browser) showCount() {
	text := lang.X("filedialog.count", "{{.N}} folders and files", map[string]any{"N": len(b.entries)})
	if f := b.opts.Filter; f != nil && len(f.Extensions) > 0 && b.opts.Mode != Folder {
		text += " · " + lang.X("filedialog.only", "Showing only {{.Name}} ({{.Patterns}})",
			map[string]any{"Name": f.Name, "Patterns": strings.Join(patterns(f), ", ")})
	}
	if n := len(b.chosen); n > 0 {
		text += " · " + lang.X("filedialog.chosen", "{{.N}} chosen", map[string]any{"N": n})
	}
	b.status.SetText(text)
}

// readDir lists dir for the dialog: folders first, then the files the
// filter lets through (none when choosing a folder), each group by name;
// hidden entries are left out.
func readDir(dir string, opts Options) ([]entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil && len(des) == 0 {
		return nil, err
	}
	out := make([]entry, 0, len(des))
	for _, de := range des {
		name := de.Name()
		if hidden(name) {
			continue
		}
		isDir := de.IsDir()
		if de.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		if !isDir && (opts.Mode == Folder || !opts.Filter.Match(name)) {
			continue
		}
		out = append(out, entry{name: name, dir: isDir})
	}
	slices.SortFunc(out, func(a, b entry) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), cmp.Compare(a.name, b.name))
	})
	return out, nil
}

// hidden reports whether a name is a hidden entry on Unix.
func hidden(name string) bool {
	return runtime.GOOS != "windows" && strings.HasPrefix(name, ".")
}

// onSelected opens a folder, or takes a file.
func (b *browser) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(b.entries) {
		return
	}
	e := b.entries[id]
	switch {
	case e.dir:
		b.list.Unselect(id)
		b.load(filepath.Join(b.dir, e.name))
	case b.opts.Mode == OpenFiles:
		b.list.Unselect(id)
		if b.chosen[e.name] {
			delete(b.chosen, e.name)
		} else {
			b.chosen[e.name] = true
		}
		b.list.RefreshItem(id)
		b.name.SetText(b.chosenText())
		b.showCount()
	default:
		b.name.SetText(e.name)
	}
	b.updateOK()
}

// chosenText lists the chosen names for the name box.
func (b *browser) chosenText() string {
	var names []string
	for _, e := range b.entries {
		if b.chosen[e.name] {
			names = append(names, `"`+e.name+`"`)
		}
	}
	return strings.Join(names, " ")
}

// onUp shows the parent folder.
func (b *browser) onUp() {
	if p := filepath.Dir(b.dir); p != b.dir {
		b.load(p)
	}
}

// onPathSubmitted goes to a folder typed in the path box, or takes a file.
func (b *browser) onPathSubmitted(text string) {
	p := expandHome(strings.TrimSpace(text))
	if p == "" {
		return
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.dir, p)
	}
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.IsDir():
		b.load(p)
	case err == nil && b.opts.Mode != Folder:
		b.take(p)
	case b.opts.Mode == SaveFile && dirExists(filepath.Dir(p)):
		b.take(p)
	default:
		b.status.SetText(lang.X("filedialog.nosuch", "There is no folder or file {{.Path}}.", map[string]any{"Path": p}))
	}
}

// onConfirm takes what the dialog shows.
func (b *browser) onConfirm() {
	if b.opts.Mode == Folder {
		if b.dir != "" {
			b.finish([]string{b.dir})
		}
		return
	}
	if b.opts.Mode == OpenFiles && len(b.chosen) > 0 {
		var paths []string
		for _, e := range b.entries {
			if b.chosen[e.name] {
				paths = append(paths, filepath.Join(b.dir, e.name))
			}
		}
		b.finish(paths)
		return
	}
	name := expandHome(strings.TrimSpace(b.name.Text))
	if name == "" {
		return
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.dir, p)
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		b.name.SetText("")
		b.load(p)
		return
	}
	b.take(p)
}

// take finishes with the file p after the checks of the mode: an open
// dialog needs an existing file; a save dialog adds the filter's extension
// and asks before replacing a file.
func (b *browser) take(p string) {
	if b.opts.Mode != SaveFile {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			b.status.SetText(lang.X("filedialog.nosuch", "There is no folder or file {{.Path}}.", map[string]any{"Path": p}))
			return
		}
		b.finish([]string{p})
		return
	}
	if f := b.opts.Filter; f != nil && len(f.Extensions) > 0 && !f.Match(p) {
		p += f.Extensions[0]
	}
	if _, err := os.Stat(p); err == nil {
		msg := widget.NewLabel(lang.X("filedialog.replace", "{{.Name}} already exists. Replace it?", map[string]any{"Name": filepath.Base(p)}))
		msg.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustomConfirm(lang.L("Replace file?"), lang.L("Replace"), lang.L("Cancel"),
			container.NewGridWrap(fyne.NewSize(380, msg.MinSize().Height*2), msg), func(ok bool) {
				if ok {
					b.finish([]string{p})
				}
			}, b.win)
		d.Show()
		return
	}
	b.finish([]string{p})
}

// updateOK enables the accept button when there is something to accept.
func (b *browser) updateOK() {
	ready := b.opts.Mode == Folder && b.dir != "" ||
		b.opts.Mode != Folder && strings.TrimSpace(b.name.Text) != ""
	if ready {
		b.ok.Enable()
	} else {
		b.ok.Disable()
	}
}

// finish closes the dialog and reports paths (none: cancelled), once.
func (b *browser) finish(paths []string) {
	if b.finished {
		return
	}
	b.finished = true
	b.dlg.Hide()
	b.done(paths)
}

// expandHome turns a leading "~" into the user's home.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[1:])
		}
	}
	return p
}

// dirExists reports whether p is a folder.
func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
