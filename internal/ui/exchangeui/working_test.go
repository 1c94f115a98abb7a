package exchangeui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// TestWorkingProgressAndCancel: the dialog of a long piece of work fills
// its bar with the bytes the work reports and says the amount; 取消
// cancels the work's context, and done gets the work's end, once, after
// the dialog closed.
func TestWorkingProgressAndCancel(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 700))
	defer w.Close()
	tasks := &kit.Tasks{}
	d := Deps{Window: w, Tasks: tasks}
	const total = 4 << 20
	var ended []error
	fyne.DoAndWait(func() {
		newWorking(d, "Importing…").run(func(ctx context.Context, report func(done, total int64)) error {
			report(1<<20, total)
			<-ctx.Done() // a reader that stops when cancelled
			return ctx.Err()
		}, func(err error) { ended = append(ended, err) })
	})
	amount := kit.FileSize(1<<20) + " of " + kit.FileSize(total)
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), amount) })
	var cancel *widget.Button
	fyne.DoAndWait(func() {
		tasks.Interact(func() {
			bar, ok := uitest.Find(uitest.Top(w), func(*widget.ProgressBar) bool { return true })
			if !ok || bar.Value != 1<<20 || bar.Max != total {
				t.Errorf("bar %+v (found %v), want 1 MiB of 4 MiB", bar, ok)
			}
			if _, ok := uitest.Find(uitest.Top(w), func(*widget.ProgressBarInfinite) bool { return true }); ok {
				t.Error("the spinner still shows beside the bar")
			}
			cancel = uitest.Button(t, uitest.Top(w), "Cancel")
			if len(ended) != 0 {
				t.Errorf("ended before the cancel: %v", ended)
			}
		})
	})
	fyne.DoAndWait(func() { tasks.Interact(func() { test.Tap(cancel) }) })
	waitFor(t, tasks, func() bool { return len(ended) > 0 })
	tasks.Wait()
	fyne.DoAndWait(func() {
		tasks.Interact(func() {
			if len(ended) != 1 || !cancelled(ended[0]) {
				t.Errorf("the work ended with %v, want one context.Canceled", ended)
			}
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("the dialog still shows: %q", uitest.Text(top))
			}
		})
	})
}

// TestWorkingThrottles: of a reader's many small reports, most are
// dropped (at most one drawn per reportEvery), but the last — all done —
// is always drawn.
func TestWorkingThrottles(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	tasks := &kit.Tasks{}
	done := make(chan struct{})
	fyne.DoAndWait(func() {
		newWorking(Deps{Window: w, Tasks: tasks}, "Importing…").run(func(ctx context.Context, report func(done, total int64)) error {
			for i := int64(1); i <= 100_000; i++ {
				report(i, 100_000)
			}
			<-done
			return errors.New("stop")
		}, func(error) {})
	})
	waitFor(t, tasks, func() bool {
		bar, ok := uitest.Find(uitest.Top(w), func(*widget.ProgressBar) bool { return true })
		return ok && bar.Value == 100_000
	})
	close(done)
	tasks.Wait()
}
