package autosave

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// store is a fake of what a queue saves into: it records every call and
// fails while fail is set. block, when set, holds each save until it is
// closed.
type store struct {
	mu    sync.Mutex
	calls []string // "key=value"
	data  map[string]string
	fail  error
	block chan struct{}
}

func (s *store) save(_ context.Context, k, v string) error {
	if s.block != nil {
		<-s.block
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, k+"="+v)
	if s.fail != nil {
		return s.fail
	}
	if s.data == nil {
		s.data = map[string]string{}
	}
	s.data[k] = v
	return nil
}

func (s *store) get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

func (s *store) ncalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

// harness is a queue whose UI goroutine is the test's: posted functions
// wait in a channel until settle runs them.
type harness struct {
	t      *testing.T
	q      *Queue[string, string]
	st     *store
	posted chan func()
	events []string
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, st: &store{}, posted: make(chan func(), 100)}
	h.q = New(Config[string, string]{
		Save:     h.st.save,
		Post:     func(f func()) { h.posted <- f },
		Delay:    20 * time.Millisecond,
		OnSaving: func() { h.events = append(h.events, "saving") },
		OnSaved:  func() { h.events = append(h.events, "saved") },
		OnFailed: func(err error) { h.events = append(h.events, "failed: "+err.Error()) },
	})
	return h
}

// settle runs posted functions until the queue is no longer busy.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.After(5 * time.Second)
	for h.q.Busy() {
		select {
		case f := <-h.posted:
			f()
		case <-deadline:
			h.t.Fatal("the queue stays busy")
		}
	}
}

func TestQueue(t *testing.T) {
	t.Run("changes within the delay make one batch with the last values", func(t *testing.T) {
		h := newHarness(t)
		h.q.Set("A1", "1")
		h.q.Set("A1", "12")
		h.q.Set("A2", "x")
		if !h.q.Busy() || h.q.Len() != 2 {
			t.Fatalf("busy %v, %d pending; want busy with 2", h.q.Busy(), h.q.Len())
		}
		if h.st.ncalls() != 0 {
			t.Fatal("saved before the delay")
		}
		h.settle()
		if got := h.st.ncalls(); got != 2 {
			t.Fatalf("%d saves %q, want 2", got, h.st.calls)
		}
		if h.st.get("A1") != "12" || h.st.get("A2") != "x" {
			t.Fatalf("stored %v", h.st.data)
		}
		if h.q.Len() != 0 || h.q.Busy() || h.q.Err() != nil {
			t.Fatalf("after saving: %d pending, busy %v, err %v", h.q.Len(), h.q.Busy(), h.q.Err())
		}
		if len(h.events) != 2 || h.events[0] != "saving" || h.events[1] != "saved" {
			t.Fatalf("events %q", h.events)
		}
	})
	t.Run("a change made while a batch is stored follows it", func(t *testing.T) {
		h := newHarness(t)
		h.st.block = make(chan struct{})
		h.q.Set("A1", "old")
		h.q.SaveNow()
		h.q.Set("A1", "new") // the batch with "old" is still running
		close(h.st.block)
		h.settle()
		if got := h.st.get("A1"); got != "new" {
			t.Fatalf("stored %q, want the later change", got)
		}
		if h.q.Pending("A1") {
			t.Fatal("the later change is still pending")
		}
	})
	t.Run("a failed change stays and is stored by the next batch", func(t *testing.T) {
		h := newHarness(t)
		h.st.fail = errors.New("disk full")
		ran := false
		h.q.Set("A1", "typed")
		h.q.WhenSaved(func() { ran = true })
		h.settle()
		if !h.q.Pending("A1") || h.q.Err() == nil {
			t.Fatalf("after a failure: pending %v, err %v; want the change kept", h.q.Pending("A1"), h.q.Err())
		}
		if ran {
			t.Fatal("WhenSaved ran although the change was not stored")
		}
		if last := h.events[len(h.events)-1]; last != "failed: disk full" {
			t.Fatalf("events %q", h.events)
		}
		h.st.fail = nil
		h.q.Set("A2", "other")
		h.settle()
		if h.st.get("A1") != "typed" || h.st.get("A2") != "other" || h.q.Len() != 0 {
			t.Fatalf("stored %v, %d pending", h.st.data, h.q.Len())
		}
	})
	t.Run("WhenSaved runs at once when nothing is pending", func(t *testing.T) {
		h := newHarness(t)
		ran := false
		h.q.WhenSaved(func() { ran = true })
		if !ran || h.q.Busy() {
			t.Fatalf("ran %v, busy %v", ran, h.q.Busy())
		}
	})
	t.Run("WhenSaved waits for the changes and skips the delay", func(t *testing.T) {
		h := newHarness(t)
		h.q.Delay = time.Hour
		h.q.Set("A1", "v")
		ran := false
		h.q.WhenSaved(func() { ran = h.st.get("A1") == "v" })
		h.settle()
		if !ran {
			t.Fatal("WhenSaved did not run after the change was stored")
		}
	})
	t.Run("the default delay", func(t *testing.T) {
		q := New(Config[string, int]{Save: func(context.Context, string, int) error { return nil }, Post: func(f func()) { f() }})
		if q.Delay != DefaultDelay {
			t.Fatalf("delay %v, want %v", q.Delay, DefaultDelay)
		}
	})
}
