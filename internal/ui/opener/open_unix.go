//go:build !windows && !darwin

package opener

import (
	"context"
	"time"
)

// systemOpen runs xdg-open, which exits 3 or 4 when no program takes the
// file.
func systemOpen(ctx context.Context, path string) error {
	return runWaiting(ctx, 5*time.Second, "xdg-open", path)
}
