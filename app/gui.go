package app

import (
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// AppID is the application id of FyneApp.toml; preferences are kept under it.
const AppID = "cn.pingce.desktop"

func runGUI(args []string) int {
	_ = args
	a := fyneapp.NewWithID(AppID)
	w := a.NewWindow("评测通 Pingce")
	w.SetContent(widget.NewLabel("Pingce"))
	w.ShowAndRun()
	return 0
}
