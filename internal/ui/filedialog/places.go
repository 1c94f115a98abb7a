package filedialog

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// place is a shortcut in the browser's side list.
type place struct {
	Name string // translated
	Path string
}

// places returns the shortcuts: home, the desktop, documents and downloads
// folders that exist (with the names the desktop gave them, so 桌面 on a
// Chinese desktop), and the computer's roots.
func places() []place {
	var out []place
	home, err := os.UserHomeDir()
	if err == nil {
		out = append(out, place{lang.X("filedialog.home", "Home"), home}) // not "Home": the shell's 首页 button has that key
		dirs := map[string]string{}
		if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
			if f, err := os.Open(filepath.Join(configDir(home), "user-dirs.dirs")); err == nil {
				dirs = parseUserDirs(io.LimitReader(f, 64<<10), home)
				_ = f.Close()
			}
		}
		for _, d := range []struct{ key, en, zh, name string }{
			{"DESKTOP", "Desktop", "桌面", lang.L("Desktop")},
			{"DOCUMENTS", "Documents", "文档", lang.L("Documents")},
			{"DOWNLOAD", "Downloads", "下载", lang.L("Downloads")},
		} {
			// The desktop's own setting, else the usual English or Chinese
			// folder (a Chinese desktop without user-dirs.dirs names them 桌面…).
			for _, p := range []string{dirs[d.key], filepath.Join(home, d.en), filepath.Join(home, d.zh)} {
				if p == "" || p == home {
					continue // unset, or the desktop's way of saying "none"
				}
				if fi, err := os.Stat(p); err == nil && fi.IsDir() {
					out = append(out, place{d.name, p})
					break
				}
			}
		}
	}
	return append(out, roots()...)
}

// configDir returns $XDG_CONFIG_HOME or ~/.config.
func configDir(home string) string {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(home, ".config")
}

// roots returns the computer's file-system roots: "/" on Unix, the drives
// that exist on Windows.
func roots() []place {
	if runtime.GOOS != "windows" {
		return []place{{lang.L("Computer"), "/"}}
	}
	var out []place
	for c := 'A'; c <= 'Z'; c++ {
		p := string(c) + `:\`
		if _, err := os.Stat(p); err == nil {
			out = append(out, place{lang.L("Drive") + " " + string(c) + ":", p})
		}
	}
	return out
}

// parseUserDirs reads the freedesktop user-dirs.dirs file (lines such as
// XDG_DESKTOP_DIR="$HOME/桌面") into a map from "DESKTOP" to the folder.
// Lines it does not understand are skipped; only $HOME-relative and
// absolute folders are taken.
func parseUserDirs(r io.Reader, home string) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(key, "XDG_") || !strings.HasSuffix(key, "_DIR") {
			continue
		}
		val = strings.TrimSpace(val)
		if len(val) < 2 || val[0] != '"' || val[len(val)-1] != '"' {
			continue
		}
		val = val[1 : len(val)-1]
		switch {
		case val == "$HOME":
			val = home
		case strings.HasPrefix(val, "$HOME/"):
			val = filepath.Join(home, filepath.FromSlash(val[len("$HOME/"):]))
		case strings.HasPrefix(val, "/"):
			val = filepath.Clean(val)
		default:
			continue
		}
		if name := strings.TrimSuffix(strings.TrimPrefix(key, "XDG_"), "_DIR"); name != "" {
			out[name] = val
		}
	}
	return out
}
