//go:build cgo && !probe

package app

import (
	"fyne.io/fyne/v2"

	"pingce/internal/ui"
)

// startHarness does nothing: the screenshot and performance harness
// (gui_shot.go) is built only with -tags probe.
func startHarness(*ui.UI, fyne.Window) {}
