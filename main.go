// Command pingce (评测通) is the desktop self-assessment tool for public
// security units. With no arguments it opens the window; with a subcommand it
// is the command line (run "pingce help").
package main

import (
	"os"

	"pingce/app"
	_ "pingce/internal/posixlocale" // before Fyne reads the locale: see its doc
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
