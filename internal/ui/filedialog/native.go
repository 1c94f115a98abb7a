package filedialog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/ncruces/zenity"
)

// System returns the system's dialogs: the Windows common file dialog on
// Windows, the Cocoa panel on macOS, and on Linux the desktop's own dialog
// through the XDG desktop portal, else zenity, qarma or matedialog when one
// is installed. Where there is none, its Choose returns ErrUnavailable.
func System() Native { return chain(platformNatives()) }

// chain tries its dialogs in order and uses the first one available.
type chain []Native

// Choose implements Native.
func (c chain) Choose(ctx context.Context, opts Options, parent any) ([]string, error) {
	for _, n := range c {
		paths, err := n.Choose(ctx, opts, parent)
		if errors.Is(err, ErrUnavailable) {
			continue
		}
		return paths, err
	}
	return nil, ErrUnavailable
}

// zenityNative shows dialogs through github.com/ncruces/zenity, which needs
// no cgo: Win32 calls on Windows, a helper program on Linux.
type zenityNative struct{}

// Choose implements Native.
func (zenityNative) Choose(ctx context.Context, opts Options, parent any) ([]string, error) {
	if !nativeAvailable() {
		return nil, ErrUnavailable
	}
	zo := []zenity.Option{zenity.Context(ctx), zenity.Title(opts.title())}
	if parent != nil {
		zo = append(zo, zenity.Attach(parent), zenity.Modal())
	}
	start := startFolder(opts.Location)
	switch opts.Mode {
	case SaveFile:
		zo = append(zo, zenity.Filename(filepath.Join(start, opts.FileName)), zenity.ConfirmOverwrite())
	default:
		zo = append(zo, zenity.Filename(start+string(filepath.Separator)))
	}
	if opts.Filter != nil && len(opts.Filter.Extensions) > 0 && opts.Mode != Folder {
		zo = append(zo, zenity.FileFilters{{Name: opts.Filter.Name, Patterns: patterns(opts.Filter), CaseFold: true}})
	}
	var paths []string
	var err error
	switch opts.Mode {
	case OpenFiles:
		paths, err = zenity.SelectFileMultiple(zo...)
	case Folder:
		var p string
		p, err = zenity.SelectFile(append(zo, zenity.Directory())...)
		paths = []string{p}
	case SaveFile:
		var p string
		p, err = zenity.SelectFileSave(zo...)
		paths = []string{p}
	default:
		var p string
		p, err = zenity.SelectFile(zo...)
		paths = []string{p}
	}
	if errors.Is(err, zenity.ErrCanceled) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("system file dialog: %w", err)
	}
	return cleanPaths(paths), nil
}

// nativeAvailable reports whether a system dialog can be shown here.
func nativeAvailable() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return false
	}
	return zenity.IsAvailable()
}

// patterns turns a filter's extensions into glob patterns.
func patterns(f *Filter) []string {
	var p []string
	for _, e := range f.Extensions {
		p = append(p, "*"+e)
	}
	return p
}

// cleanPaths drops empty answers and makes the rest absolute.
func cleanPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		out = append(out, p)
	}
	return out
}

// windowHandle returns w's system handle in the form zenity attaches to,
// or nil when there is none (tests, Wayland, macOS).
func windowHandle(w fyne.Window) any {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return nil
	}
	var h any
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			if c.HWND != 0 {
				h = c.HWND
			}
		case driver.X11WindowContext:
			if c.WindowHandle != 0 && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
				h = int(c.WindowHandle)
			}
		}
	})
	return h
}
