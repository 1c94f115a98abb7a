package settings

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"pingce/internal/ui/uitest"
)

// TestSettingsShowTheKeyFingerprint: the settings show this database's
// exchange key fingerprint, read off the UI goroutine, to be read aloud.
func TestSettingsShowTheKeyFingerprint(t *testing.T) {
	h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三"})
	const fp = "0421-7730-5512-0093-8861-2204-7319-4450"
	h.deps.Fingerprint = func(context.Context) (string, error) { return fp, nil }
	f := h.show(false)
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		h.tasks.Wait()
		shown := false
		fyne.DoAndWait(func() { shown = strings.Contains(uitest.Text(f.Content()), fp) })
		if shown {
			return
		}
	}
	t.Errorf("the fingerprint is not shown: %q", uitest.Text(f.Content()))
}
