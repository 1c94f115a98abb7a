package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		name string
		in   Info
		want string
	}{
		{"stamped", Info{Version: "0.1.0", Commit: "d75a230c1f2e4b5a6978", Date: "2026-12-01T20:15:00Z"},
			"0.1.0 (commit d75a230c1f2e, built 2026-12-01T20:15:00Z)"},
		{"short commit kept", Info{Version: "1.2.3", Commit: "abc", Date: "2026-01-02T03:04:05Z"},
			"1.2.3 (commit abc, built 2026-01-02T03:04:05Z)"},
		{"modified tree", Info{Version: "0.1.0-dev", Commit: "d75a230c1f2e4b5a6978", Modified: true},
			"0.1.0-dev (commit d75a230c1f2e+modified, built unknown)"},
		{"nothing known", Info{Version: "0.1.0-dev"}, "0.1.0-dev (commit unknown, built unknown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFromSettings(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "-tags", Value: "no_emoji"},
		{Key: "vcs.revision", Value: "0123456789abcdef"},
		{Key: "vcs.time", Value: "2026-12-01T20:15:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		name     string
		in       Info
		settings []debug.BuildSetting
		want     Info
	}{
		{"vcs fills commit, date, modified", Info{Version: "v"}, vcs,
			Info{Version: "v", Commit: "0123456789abcdef", Date: "2026-12-01T20:15:00Z", Modified: true}},
		{"stamped date wins", Info{Version: "v", Date: "2030-01-01T00:00:00Z"}, vcs,
			Info{Version: "v", Commit: "0123456789abcdef", Date: "2030-01-01T00:00:00Z", Modified: true}},
		{"no vcs settings", Info{Version: "v"}, []debug.BuildSetting{{Key: "GOOS", Value: "linux"}},
			Info{Version: "v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromSettings(tt.in, tt.settings); got != tt.want {
				t.Errorf("fromSettings() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestGetUsesLinkerValues(t *testing.T) {
	// In a test binary the variables keep their defaults; Get must return
	// the version variable unchanged.
	if got := Get().Version; got != version {
		t.Errorf("Get().Version = %q, want %q", got, version)
	}
}
