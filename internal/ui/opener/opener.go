// Package opener shows a file in the program the system opens it with, or a
// folder in the file manager, and says so when nothing opens: Fyne's
// OpenURL starts xdg-open and returns before it fails, so a missing PDF
// viewer went unnoticed. When a file does not open, the user is told and
// offered its folder; when a folder does not open either, its path is shown
// to copy.
package opener

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the package's Chinese and English strings to
// Fyne's translations.
func RegisterTranslations() error {
	return kit.AddTranslations(translations, "translations")
}

// Func opens path with the system and returns an error when nothing opened
// it.
type Func func(ctx context.Context, path string) error

// Opener opens files and folders for one window.
type Opener struct {
	Window fyne.Window
	// Open opens a file or folder; System unless a test sets another.
	Open Func
	// Post runs UI work from background goroutines; fyne.Do when nil.
	Post func(func())
}

// New returns an opener over w using the system's opener.
func New(w fyne.Window) *Opener { return &Opener{Window: w, Open: System} }

// useSystem is whether For gives openers the system's opener.
var useSystem bool

// openers are the openers For made, one per window.
var openers = map[fyne.Window]*Opener{}

// UseSystem makes the openers of For open with the system (System). The
// application calls it once at start; tests leave it off, so that they
// never start a viewer: their openers ask the Fyne app's OpenURL, which the
// test app only records.
func UseSystem() { useSystem = true }

// For returns the opener of window w, the same one each time. Call it on
// the UI goroutine.
func For(w fyne.Window) *Opener {
	if o, ok := openers[w]; ok {
		return o
	}
	o := &Opener{Window: w, Open: appOpen}
	if useSystem {
		o.Open = System
	}
	openers[w] = o
	return o
}

// appOpen opens path through the Fyne app's OpenURL.
func appOpen(_ context.Context, path string) error {
	a := fyne.CurrentApp()
	if a == nil {
		return ErrNoOpener
	}
	return a.OpenURL(FileURL(path))
}

// FileURL returns the file: URL of a path (file:///C:/… on Windows).
func FileURL(path string) *url.URL {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u
}

// ErrNotViewable is the outcome of OpenFile for a file of a type the
// system would run rather than show (a program, a script, a shortcut:
// domain.OpensSafely): it is never handed to the system.
var ErrNotViewable = errors.New("a program or script is not opened")

// OpenFile opens path in the background. When nothing opens it, a dialog
// says so and offers to show its folder. done, if not nil, runs on the UI
// goroutine with the outcome. A file of a type the system would run
// (domain.OpensSafely) is not opened: done gets ErrNotViewable at once.
func (o *Opener) OpenFile(path string, done func(error)) {
	if !domain.OpensSafely(filepath.Base(path)) {
		if done != nil {
			done(fmt.Errorf("%w: %s", ErrNotViewable, domain.QuoteText(filepath.Base(path))))
		}
		return
	}
	o.run(path, func(err error) {
		if err != nil {
			o.showCannotOpen(path, err)
		}
		if done != nil {
			done(err)
		}
	})
}

// OpenFolder opens a folder in the file manager in the background; when it
// does not open, a dialog shows the folder's path to copy.
func (o *Opener) OpenFolder(dir string) {
	o.run(dir, func(err error) {
		if err != nil {
			o.showFolderPath(dir)
		}
	})
}

// run opens path off the UI goroutine and reports to then on it.
func (o *Opener) run(path string, then func(error)) {
	open := o.Open
	if open == nil {
		open = System
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err := open(ctx, path)
		o.post(func() { then(err) })
	}()
}

func (o *Opener) post(f func()) {
	if o.Post != nil {
		o.Post(f)
		return
	}
	fyne.Do(f)
}

// showCannotOpen says that nothing opened the file, and offers its folder.
func (o *Opener) showCannotOpen(path string, err error) {
	fyne.LogError("open "+path, err)
	msg := widget.NewLabel(lang.L("No program on this computer opened {{.Name}}. Install a program for this kind of file, or open its folder and open it from there.",
		map[string]any{"Name": filepath.Base(path)}))
	msg.Wrapping = fyne.TextWrapWord
	where := pathLabel(path)
	var d dialog.Dialog
	folder := widget.NewButton(lang.L("Show in folder"), func() {
		d.Hide()
		o.OpenFolder(filepath.Dir(path))
	})
	folder.Importance = widget.HighImportance
	closeB := widget.NewButton(lang.L("Close"), func() { d.Hide() })
	body := container.NewVBox(msg, where, container.NewCenter(container.NewHBox(closeB, folder)))
	d = dialog.NewCustomWithoutButtons(lang.L("The file did not open"), sized(body), o.Window)
	d.Show()
}

// showFolderPath gives the folder's path to copy when no file manager
// opened it.
func (o *Opener) showFolderPath(dir string) {
	msg := widget.NewLabel(lang.L("No file manager opened the folder. It is here:"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("The folder did not open"), lang.L("Close"), sized(container.NewVBox(msg, pathLabel(dir))), o.Window)
	d.Show()
}

// pathLabel shows a path that can be selected and copied.
func pathLabel(p string) *widget.Label {
	l := widget.NewLabel(p)
	l.Wrapping = fyne.TextWrapBreak
	l.Selectable = true
	return l
}

// sized gives a dialog body a readable width, so that sentences do not wrap
// word by word.
func sized(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(460, o.MinSize().Height), o)
}

// ErrNoOpener is returned when the system has no program to open files.
var ErrNoOpener = errors.New("no program to open files with")

// System opens path with the system's default program: xdg-open on Linux
// (waiting a few seconds for it to fail, since it fails only after looking
// for a program), ShellExecute on Windows, open on macOS.
func System(ctx context.Context, path string) error {
	return systemOpen(ctx, path)
}
