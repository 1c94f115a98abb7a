// Package app is Pingce's composition root: it reads flags and
// configuration, opens the store, and starts either the window or the
// command line. Only this package creates the Fyne application.
package app

import (
	"fmt"
	"os"
)

// Main runs Pingce with the given arguments (without the program name) and
// returns the process exit code.
func Main(args []string) int {
	if len(args) == 0 {
		return runGUI()
	}
	fmt.Fprintln(os.Stderr, "pingce: commands are not wired yet")
	return 2
}
