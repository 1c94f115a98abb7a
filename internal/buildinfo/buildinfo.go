// Package buildinfo holds what a release build stamps into the binary: the
// version, the commit it was built from and the build date. The Makefile sets
// them through the linker:
//
//	go build -ldflags "-X pingce/internal/buildinfo.version=0.1.0 \
//	    -X pingce/internal/buildinfo.commit=d75a230… \
//	    -X pingce/internal/buildinfo.date=2026-12-01T20:15:00Z"
//
// The date is the commit's time (SOURCE_DATE_EPOCH), not the wall clock, so
// that two builds of one commit are byte for byte the same. A plain `go build`
// in a Git checkout falls back to the revision and time Go records itself.
package buildinfo

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// Set with -ldflags -X; see the package comment.
var (
	version = "0.1.0-dev"
	commit  = ""
	date    = ""
)

// Info is the stamped build information.
type Info struct {
	// Version is the release version, such as "0.1.0".
	Version string
	// Commit is the full Git commit hash, or "" when unknown.
	Commit string
	// Date is the build date in RFC 3339 (UTC), or "" when unknown.
	Date string
	// Modified reports a build from a tree with uncommitted changes, as
	// recorded by the Go toolchain (never set for a Makefile release build).
	Modified bool
}

var (
	once   sync.Once
	cached Info
)

// Get returns the build information of the running binary.
func Get() Info {
	once.Do(func() {
		cached = Info{Version: version, Commit: commit, Date: date}
		if cached.Commit != "" {
			return
		}
		if bi, ok := debug.ReadBuildInfo(); ok {
			cached = fromSettings(cached, bi.Settings)
		}
	})
	return cached
}

// fromSettings fills the commit and date that the linker flags left empty
// from the VCS settings the Go toolchain records (vcs.revision, vcs.time,
// vcs.modified).
func fromSettings(in Info, settings []debug.BuildSetting) Info {
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			in.Commit = s.Value
		case "vcs.time":
			if in.Date == "" {
				in.Date = s.Value
			}
		case "vcs.modified":
			in.Modified = s.Value == "true"
		}
	}
	return in
}

// ShortCommit returns the first 12 characters of the commit hash.
func (i Info) ShortCommit() string {
	if len(i.Commit) > 12 {
		return i.Commit[:12]
	}
	return i.Commit
}

// String formats the information for `pingce version`, one line:
// "0.1.0 (commit d75a230c1f2e, built 2026-12-01T20:15:00Z)".
func (i Info) String() string {
	c := i.ShortCommit()
	if c == "" {
		c = "unknown"
	} else if i.Modified {
		c += "+modified"
	}
	d := i.Date
	if d == "" {
		d = "unknown"
	}
	return fmt.Sprintf("%s (commit %s, built %s)", i.Version, c, d)
}
