//go:build windows

package app

import (
	"os"
	"syscall"
)

// attachConsole connects a windowsgui build to the console of the process
// that started it (cmd.exe, PowerShell), so that CLI output reaches the
// terminal. Started from Explorer there is no parent console and nothing
// changes. Handles already redirected (pingce … > out.txt, | more) are kept.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	attach := kernel32.NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return
	}
	reopen := func(f **os.File, name string, flag int) {
		if _, err := (*f).Stat(); err == nil {
			return // already a file or pipe: the caller redirected it
		}
		if h, err := os.OpenFile(name, flag, 0); err == nil {
			*f = h
		}
	}
	reopen(&os.Stdout, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stderr, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stdin, "CONIN$", os.O_RDONLY)
}
