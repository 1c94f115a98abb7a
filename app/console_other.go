//go:build !windows

package app

// attachConsole does nothing outside Windows: the terminal is already there.
func attachConsole() {}
