package opener

import (
	"context"
	"time"
)

// systemOpen runs open(1), which fails when no application takes the file.
func systemOpen(ctx context.Context, path string) error {
	return runWaiting(ctx, 5*time.Second, "open", path)
}
