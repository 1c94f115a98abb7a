package exchangeui

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
)

// reportEvery is how often at most the progress of a piece of work is
// shown: a package is read in small chunks, far more often than a bar
// needs redrawing.
const reportEvery = 100 * time.Millisecond

// working is the modal dialog of a long piece of work on a package
// (writing and verifying, verifying, importing): a bar that fills with
// the bytes done of the total once the work says them, the amount, and
// 取消, which cancels the work's context.
type working struct {
	tasks    *kit.Tasks
	dlg      *dialog.CustomDialog
	waiting  *widget.ProgressBarInfinite // until the work says how much there is
	bar      *widget.ProgressBar
	amount   *widget.Label
	about    *widget.Label // what the work found out so far (note)
	cancel   *widget.Button
	stop     chan struct{}
	stopOnce sync.Once
	last     atomic.Int64 // when the last progress was shown (UnixNano)
}

// newWorking shows the dialog of a piece of work titled text.
func newWorking(d Deps, text string) *working {
	w := &working{tasks: d.Tasks, stop: make(chan struct{})}
	w.waiting = widget.NewProgressBarInfinite()
	w.bar = widget.NewProgressBar()
	w.bar.Hide()
	w.amount = widget.NewLabel(" ")
	w.amount.Alignment = fyne.TextAlignCenter
	w.about = widget.NewLabel("")
	w.about.Alignment = fyne.TextAlignCenter // lines of its own, unwrapped: a wrapped label's height comes too late for the dialog
	w.about.Hide()
	w.cancel = widget.NewButton(lang.L("Cancel"), w.onCancel)
	// The title says what is being done; the note, once there is one,
	// what was found out so far.
	w.dlg = dialog.NewCustomWithoutButtons(text,
		container.NewVBox(w.about, container.NewStack(w.waiting, w.bar), w.amount), d.Window)
	w.dlg.SetButtons([]fyne.CanvasObject{w.cancel})
	w.dlg.Resize(fyne.NewSize(520, 0))
	w.dlg.Show()
	return w
}

// onCancel asks the work to stop (取消).
func (w *working) onCancel() {
	w.stopOnce.Do(func() { close(w.stop) })
	w.cancel.Disable()
	w.amount.SetText(lang.L("Cancelling…"))
}

// run runs work off the UI goroutine with a context 取消 cancels and a
// report function for its progress (any goroutine); then it closes the
// dialog and hands work's error to done on the UI goroutine.
func (w *working) run(work func(ctx context.Context, report func(done, total int64)) error, done func(err error)) {
	w.tasks.Run(func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-w.stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		return work(ctx, w.report)
	}, func(err error) {
		w.dlg.Hide()
		done(err)
	})
}

// report shows that done of total bytes are done; it may be called on any
// goroutine, as often as the work likes.
func (w *working) report(done, total int64) {
	now := time.Now().UnixNano()
	if last := w.last.Load(); done < total && now-last < int64(reportEvery) || !w.last.CompareAndSwap(last, now) {
		return
	}
	fyne.Do(func() { w.tasks.Interact(func() { w.show(done, total) }) })
}

// note says what the work found out so far (who signed the package, say),
// under the title; any goroutine.
func (w *working) note(text string) {
	fyne.Do(func() {
		w.tasks.Interact(func() {
			w.about.SetText(text)
			w.about.Show()
			w.dlg.Resize(fyne.NewSize(520, 0)) // lay out again with the note's lines
		})
	})
}

// show puts done of total on the bar.
func (w *working) show(done, total int64) {
	if total <= 0 {
		return
	}
	select {
	case <-w.stop:
		return // 取消 was tapped: the amount says so
	default:
	}
	if !w.bar.Visible() {
		w.waiting.Hide()
		w.bar.Show()
	}
	w.bar.Max = float64(total)
	w.bar.SetValue(float64(min(done, total)))
	w.amount.SetText(lang.L("{{.Done}} of {{.Total}}", map[string]any{"Done": kit.FileSize(done), "Total": kit.FileSize(total)}))
}

// cancelled reports whether err is the end of work the user cancelled.
func cancelled(err error) bool {
	return errors.Is(err, context.Canceled)
}
