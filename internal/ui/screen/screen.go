// Package screen is the contract between Pingce's shell and its screens:
// every screen (home, the walk-through, the new-assessment, settings and
// export dialogs, and the review, overview and 整改 screens to come)
// implements Screen, and may offer Scripted to the screenshot and
// performance harness.
package screen

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// Screen is one screen of the window: the content of the window (home, a
// walk-through) or of a dialog over it. All methods but Busy run on the UI
// goroutine.
type Screen interface {
	// Content returns the screen's widgets.
	Content() fyne.CanvasObject
	// HandleDrop receives files dropped on the window while the screen is
	// the top one. A screen that takes no files tells the user so or
	// ignores them.
	HandleDrop(uris []fyne.URI)
	// Close is called when the screen leaves the window (or the window
	// closes): it stores what is still pending and lets go of the window's
	// shortcuts. The screen may still be Busy afterwards.
	Close()
	// Busy reports whether a change still waits to be stored or work is
	// still running; the window waits for it before it closes. It is safe
	// on any goroutine.
	Busy() bool
}

// Scripted is a screen a script can drive: the screenshot and performance
// harness (app, built with -tags probe) calls Do instead of pressing the
// screen's widgets, which stay unexported.
type Scripted interface {
	// Do performs a named action as the user's gesture would; arg is its
	// argument, "" when it takes none. It runs on the UI goroutine; work it
	// starts in the background finishes later.
	Do(action, arg string) error
}

// UnknownAction returns the error of Do for an action the screen does not know.
func UnknownAction(screen, action string, known ...string) error {
	return fmt.Errorf("%s: unknown action %q (know %q)", screen, action, known)
}
