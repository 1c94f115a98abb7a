//go:build cgo

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"

	"pingce/internal/ui/winsize"
)

// openWindowSized gives w the size it had when last closed (or the
// default), remembers its size when it closes, and once it is on screen
// shrinks and re-centres it if it is larger than the screen's work area.
func openWindowSized(a fyne.App, w fyne.Window) {
	w.Resize(winsize.Initial(a.Preferences()))
	w.CenterOnScreen()
	w.SetOnClosed(func() { winsize.Remember(a.Preferences(), w.Canvas().Size()) })
	go fyne.Do(func() { fitToScreen(w) }) // runs once the event loop (and GLFW) is up
}

// fitToScreen shrinks w to the primary monitor's work area (the screen
// less panels and docks), converted to Fyne units by the window's scale.
func fitToScreen(w fyne.Window) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return
	}
	_, _, width, height := m.GetWorkarea()
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	work := fyne.NewSize(float32(width)/scale, float32(height)/scale)
	size := w.Canvas().Size()
	if fit := winsize.Fit(size, work); fit != size {
		w.Resize(fit)
		w.CenterOnScreen()
	}
}
