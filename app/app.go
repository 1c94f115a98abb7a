// Package app is Pingce's composition root: it reads flags and
// configuration, opens the store, and starts either the window or the
// command line. Only this package creates the Fyne application.
package app

import (
	"context"
	"os"
	"os/signal"
)

// Version is the program version; the build may override it with
// -ldflags "-X pingce/app.Version=…".
var Version = "0.1.0"

// Main runs Pingce with the given arguments (without the program name) and
// returns the process exit code.
func Main(args []string) int {
	if len(args) == 0 || (len(args) >= 1 && isGUIFlag(args[0])) {
		return runGUI(args)
	}
	attachConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runCLI(ctx, newEnv(), args)
}

// isGUIFlag reports whether the first argument is a flag rather than a
// command: "pingce --db FILE" opens the window on that database.
func isGUIFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && a != "-h" && a != "--help" && a != "-help"
}
