package storage

import (
	"os"
	"runtime"
)

// tightenMode makes each of the existing files among paths readable and
// writable by its owner only (0600) when group or others have any access:
// databases written by versions before 0600 was the rule were created 0644.
// It is best effort: a file that is missing, or that this user may not
// change (not its owner), is left as it is, and the database opens all the
// same. On Windows it does nothing: access there is governed by the
// folder's ACL (the profile folder is the user's own), not by mode bits,
// which Go maps to the read-only attribute only.
func tightenMode(paths ...string) {
	if runtime.GOOS == "windows" {
		return
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		_ = os.Chmod(p, 0o600)
	}
}
