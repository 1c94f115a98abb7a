package opener

import (
	"context"
	"fmt"

	"golang.org/x/sys/windows"
)

// systemOpen asks the shell to open path; it fails (for example with "no
// application is associated") when nothing takes the file.
func systemOpen(_ context.Context, path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	if err := windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return nil
}
