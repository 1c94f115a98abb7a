// Package filedialog asks the user for a file or a folder. It shows the
// system's own dialog where there is one (the Windows file dialog; zenity,
// qarma or matedialog on Linux desktops) and otherwise a Fyne browser of its
// own: translated, sized to the window, with a path box, and quick in a
// folder of thousands of files.
package filedialog

import (
	"context"
	"embed"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the dialog's Chinese and English strings to
// Fyne's translations. Call it once before a dialog is shown.
func RegisterTranslations() error {
	return kit.AddTranslations(translations, "translations")
}

// Mode is what the dialog asks for.
type Mode int

// The kinds of dialog.
const (
	OpenFile  Mode = iota // one existing file
	OpenFiles             // one or more existing files
	Folder                // an existing folder
	SaveFile              // a file name to write, which may exist
)

// Filter limits the files offered to some extensions.
type Filter struct {
	Name       string   // shown to the user, e.g. "YAML 目录文件"
	Extensions []string // with the dot, e.g. ".yaml"; matched without case
}

// Match reports whether the file name has one of the filter's extensions.
// A nil filter or one without extensions matches every file.
func (f *Filter) Match(name string) bool {
	if f == nil || len(f.Extensions) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range f.Extensions {
		if strings.ToLower(e) == ext {
			return true
		}
	}
	return false
}

// Options describe one dialog.
type Options struct {
	Mode     Mode
	Title    string  // the dialog's title; empty for the mode's own
	Confirm  string  // the accept button's label; empty for the mode's own
	Filter   *Filter // nil: all files
	Location string  // the folder to start in; empty for the last one used, or home
	FileName string  // SaveFile: the suggested name
}

// title returns the dialog's title.
func (o Options) title() string {
	if o.Title != "" {
		return o.Title
	}
	switch o.Mode {
	case OpenFiles:
		return lang.L("Choose files")
	case Folder:
		return lang.L("Choose a folder")
	case SaveFile:
		return lang.L("Save as")
	}
	return lang.L("Choose a file")
}

// confirm returns the accept button's label.
func (o Options) confirm() string {
	if o.Confirm != "" {
		return o.Confirm
	}
	switch o.Mode {
	case Folder:
		return lang.L("Choose")
	case SaveFile:
		return lang.L("Save")
	}
	return lang.L("Open")
}

// ErrUnavailable is returned by a Native that cannot show a dialog here; the
// chooser then shows its own.
var ErrUnavailable = errors.New("no system file dialog")

// Native shows a system dialog and waits for it. It returns the chosen
// paths, none when the user cancelled, or ErrUnavailable. parent is the
// window's system handle, or nil.
type Native interface {
	Choose(ctx context.Context, opts Options, parent any) ([]string, error)
}

// Chooser shows file dialogs over one window.
type Chooser struct {
	// Window is the window the dialogs belong to.
	Window fyne.Window
	// Native shows the system's dialog; nil always shows the Fyne one.
	Native Native

	// Post runs UI work of background goroutines (the system dialog's answer,
	// a folder read); fyne.Do when nil. Tests set it to run that work when
	// they choose.
	Post func(func())

	last    string // the folder of the last choice
	showing bool   // a dialog is open: a second request is ignored
	browser *browser
}

// New returns a chooser over w that uses the system's dialogs where there
// are any.
func New(w fyne.Window) *Chooser { return &Chooser{Window: w, Native: System()} }

// systemDialogs is whether For gives choosers the system's dialogs.
var systemDialogs bool

// choosers are the choosers For made, one per window.
var choosers = map[fyne.Window]*Chooser{}

// UseSystemDialogs makes the choosers of For use the system's dialogs. The
// application calls it once at start; tests leave it off, so that they
// never open a real dialog.
func UseSystemDialogs() { systemDialogs = true }

// For returns the chooser of window w, the same one each time, so that
// every dialog of the window starts in the folder last chosen. Call it on
// the UI goroutine.
func For(w fyne.Window) *Chooser {
	if c, ok := choosers[w]; ok {
		return c
	}
	c := &Chooser{Window: w}
	if systemDialogs {
		c.Native = System()
	}
	choosers[w] = c
	return c
}

// Show asks for files or a folder, as opts say. done runs on the UI
// goroutine with the absolute paths chosen, or with none when the user
// cancelled. Show must be called on the UI goroutine. While a dialog is
// open, another Show does nothing.
func (c *Chooser) Show(opts Options, done func(paths []string)) {
	if c.showing {
		return
	}
	if opts.Location == "" {
		opts.Location = c.last
	}
	c.showing = true
	finish := func(paths []string) {
		c.showing = false
		c.browser = nil
		if len(paths) > 0 {
			dir := paths[0]
			if opts.Mode != Folder {
				dir = filepath.Dir(dir)
			}
			c.last = dir
		}
		done(paths)
	}
	if c.Native == nil {
		c.showBrowser(opts, finish)
		return
	}
	parent := windowHandle(c.Window)
	go func() {
		paths, err := c.Native.Choose(context.Background(), opts, parent)
		c.postUI(func() {
			if err != nil {
				if !errors.Is(err, ErrUnavailable) {
					fyne.LogError("system file dialog", err)
				}
				c.showBrowser(opts, finish)
				return
			}
			finish(paths)
		})
	}()
}

// showBrowser shows the Fyne dialog.
func (c *Chooser) showBrowser(opts Options, done func([]string)) {
	c.browser = newBrowser(c.Window, opts, done)
	c.browser.post = c.postUI
	c.browser.show()
}

// postUI runs f on the UI goroutine.
func (c *Chooser) postUI(f func()) {
	if c.Post != nil {
		c.Post(f)
		return
	}
	fyne.Do(f)
}

// startFolder returns the folder a dialog opens in: loc when it is a folder
// (or the folder of a file), else the user's home, else the working folder.
func startFolder(loc string) string {
	for _, p := range []string{loc, filepath.Dir(loc)} {
		if p == "" || p == "." {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if abs, err := filepath.Abs(p); err == nil {
				return abs
			}
			return p
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return string(filepath.Separator)
}
