package filedialog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/godbus/dbus/v5"
	"github.com/rymdport/portal/filechooser"
)

// portalNative shows the desktop's own file dialog through the XDG desktop
// portal (org.freedesktop.portal.FileChooser over D-Bus, pure Go): GNOME,
// KDE, Deepin/UOS and other desktops that ship a portal back end answer
// it with their dialog, with no helper program installed.
type portalNative struct{}

// platformNatives lists the system dialogs to try on Linux, best first:
// the desktop portal, then zenity and its kin.
func platformNatives() []Native { return []Native{portalNative{}, zenityNative{}} }

// Choose implements Native.
func (portalNative) Choose(_ context.Context, opts Options, parent any) ([]string, error) {
	if !portalAvailable() {
		return nil, ErrUnavailable
	}
	handle := ""
	if id, ok := parent.(int); ok && id != 0 {
		handle = fmt.Sprintf("x11:%x", id)
	}
	start := startFolder(opts.Location)
	var filters []*filechooser.Filter
	if f := opts.Filter; f != nil && len(f.Extensions) > 0 && opts.Mode != Folder {
		var rules []filechooser.Rule
		for _, p := range patterns(f) {
			rules = append(rules, filechooser.Rule{Type: filechooser.GlobPattern, Pattern: p},
				filechooser.Rule{Type: filechooser.GlobPattern, Pattern: strings.ToUpper(p)})
		}
		filters = []*filechooser.Filter{{Name: f.Name, Rules: rules}}
	}
	var uris []string
	var err error
	if opts.Mode == SaveFile {
		uris, err = filechooser.SaveFile(handle, opts.title(), &filechooser.SaveFileOptions{
			AcceptLabel: opts.confirm(), Filters: filters, CurrentFolder: start, CurrentName: opts.FileName})
	} else {
		uris, err = filechooser.OpenFile(handle, opts.title(), &filechooser.OpenFileOptions{
			AcceptLabel: opts.confirm(), Multiple: opts.Mode == OpenFiles, Directory: opts.Mode == Folder,
			Filters: filters, CurrentFolder: start})
	}
	if err != nil {
		return nil, fmt.Errorf("desktop portal file dialog: %w", err)
	}
	return cleanPaths(filePaths(uris)), nil
}

// filePaths turns the portal's file:// URIs into paths; others are left out.
func filePaths(uris []string) []string {
	var out []string
	for _, u := range uris {
		if p, ok := strings.CutPrefix(u, "file://"); ok && strings.HasPrefix(p, "/") {
			out = append(out, filepath.Clean(p))
		}
	}
	return out
}

// portalAvailable reports whether the session has a desktop portal with a
// file chooser: asking for its version starts the portal if it is
// D-Bus-activated, and fails where no back end offers the interface.
func portalAvailable() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" && os.Getenv("XDG_RUNTIME_DIR") == "" {
		return false
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	obj := conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
	v, err := obj.GetProperty("org.freedesktop.portal.FileChooser.version")
	return err == nil && v.Value() != nil
}
