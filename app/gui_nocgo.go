//go:build !cgo

package app

import "fmt"

// runGUI explains that a build without cgo has no window: Fyne's desktop
// driver needs cgo (OpenGL). The commands still work.
func runGUI(args []string) int {
	_ = args
	fmt.Fprintln(newEnv().Stderr, "pingce: this build has no window (it was built without cgo); run \"pingce help\" for the commands")
	return 1
}
