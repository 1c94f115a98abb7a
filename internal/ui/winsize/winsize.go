// Package winsize decides how large the main window opens: the size it had
// when it was last closed, or a default, and never larger than the screen's
// work area, so that a 1024×768 screen does not get a window whose edges
// and buttons are off-screen.
package winsize

import "fyne.io/fyne/v2"

// Preference keys of the remembered size, in Fyne units.
const (
	PrefWidth  = "window.width"
	PrefHeight = "window.height"
)

// Default is the size of the first window on a screen large enough for it.
var Default = fyne.NewSize(1200, 780)

// Smallest is the least size remembered: a window closed smaller (or a
// broken preference) opens at Default instead.
var Smallest = fyne.NewSize(640, 480)

// Room left on the work area for the window's title bar and frame, in Fyne
// units: the size set is that of the window's content.
const (
	frameWidth  = 16
	frameHeight = 48
)

// Initial returns the size to open the window at: the remembered one, or
// Default.
func Initial(p fyne.Preferences) fyne.Size {
	s := fyne.NewSize(float32(p.Float(PrefWidth)), float32(p.Float(PrefHeight)))
	if s.Width < Smallest.Width || s.Height < Smallest.Height || s.Width > 20000 || s.Height > 20000 {
		return Default
	}
	return s
}

// Remember stores the window's size for the next start.
func Remember(p fyne.Preferences, size fyne.Size) {
	if size.Width < Smallest.Width || size.Height < Smallest.Height {
		return
	}
	p.SetFloat(PrefWidth, float64(size.Width))
	p.SetFloat(PrefHeight, float64(size.Height))
}

// Fit returns size made small enough for a window with its frame to fit a
// work area of workArea (both in Fyne units). A zero work area (unknown)
// leaves size as it is.
func Fit(size, workArea fyne.Size) fyne.Size {
	if workArea.Width <= 0 || workArea.Height <= 0 {
		return size
	}
	return fyne.NewSize(
		min(size.Width, max(workArea.Width-frameWidth, workArea.Width*0.8)),
		min(size.Height, max(workArea.Height-frameHeight, workArea.Height*0.8)))
}
