//go:build !linux

package filedialog

// platformNatives lists the system dialogs to try: the Windows common
// dialog or the macOS panel, through zenity.
func platformNatives() []Native { return []Native{zenityNative{}} }
