package kit

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// Tasks runs the screens' storage work off the UI goroutine and hands each
// outcome back on the UI goroutine. The shell makes one and gives it to
// every screen, so that closing the window can wait for all of them.
type Tasks struct {
	// Context returns the context of a piece of work: it carries the
	// operator recorded as "who" of changes. Nil: context.Background.
	Context func() context.Context
	// OnError shows the error of work run without a done function.
	OnError func(error)

	wg      sync.WaitGroup
	running atomic.Int64
	// mu serializes the completions. In the app they all run on the UI
	// goroutine anyway; Fyne's test driver runs fyne.Do on the calling
	// goroutine, where they would otherwise race.
	mu sync.Mutex
}

// Run runs work off the UI goroutine; done, if not nil, then runs on the UI
// goroutine with work's error. Errors go to OnError when done is nil.
func (t *Tasks) Run(work func(ctx context.Context) error, done func(err error)) {
	ctx := context.Background()
	if t.Context != nil {
		ctx = t.Context()
	}
	t.wg.Add(1)
	t.running.Add(1)
	go func() {
		defer t.wg.Done()
		err := work(ctx)
		fyne.Do(func() {
			defer t.running.Add(-1)
			t.mu.Lock()
			defer t.mu.Unlock()
			if done != nil {
				done(err)
			} else if err != nil && t.OnError != nil {
				t.OnError(err)
			}
		})
	}()
}

// Busy reports whether work is still running or its outcome not handled.
// It is safe on any goroutine.
func (t *Tasks) Busy() bool { return t.running.Load() > 0 }

// Wait blocks until all work has finished (tests, and the window's close).
func (t *Tasks) Wait() { t.wg.Wait() }

// Interact runs f as the UI goroutine would: completions of background work
// wait until it is done (tests; the test driver runs them on their own
// goroutines).
func (t *Tasks) Interact(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f()
}
