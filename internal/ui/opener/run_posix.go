//go:build !windows

package opener

import (
	"context"
	"fmt"
	"os/exec"
	"time"
)

// runWaiting starts name with args and returns its failure if it fails
// within grace; a program still running after grace (a viewer that xdg-open
// runs in the foreground) counts as opened.
func runWaiting(ctx context.Context, grace time.Duration, name string, args ...string) error {
	p, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoOpener, err)
	}
	cmd := exec.Command(p, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case err := <-waited:
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	case <-t.C:
		return nil
	case <-ctx.Done():
		return nil
	}
}
