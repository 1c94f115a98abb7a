// Package autosave is the queue behind "changes save themselves": a change
// waits a moment after the user stops typing, then every change made so far
// is stored in the background, one batch at a time; a change made while a
// batch is being stored is stored by the next one. A failed change stays in
// the queue, so nothing typed is lost, and is stored with the next change or
// a retry. The walk-through saves answers with it; the review screen will
// save its points the same way.
//
// The queue knows nothing of Fyne: the caller gives it the function that
// runs code on the UI goroutine (fyne.Do in the app, a channel in tests).
// All methods but Busy must be called on that goroutine.
package autosave

import (
	"context"
	"sync/atomic"
	"time"
)

// DefaultDelay is how long a queue waits after the last change before it saves.
const DefaultDelay = 400 * time.Millisecond

// DefaultMaxWait is the longest a change waits while changes keep coming:
// someone typing without a pause still has their text stored every 2 s,
// so a crash loses at most that much.
const DefaultMaxWait = 2 * time.Second

// Config is what a queue is made of.
type Config[K comparable, V any] struct {
	// Save stores one change. It runs off the UI goroutine, one batch of
	// changes after another, never two at once.
	Save func(ctx context.Context, key K, value V) error
	// Context returns the context of a batch (it carries the user).
	// Nil: context.Background.
	Context func() context.Context
	// Post runs a function on the UI goroutine (fyne.Do).
	Post func(func())
	// Delay is how long the queue waits after the last change; 0 is
	// DefaultDelay.
	Delay time.Duration
	// MaxWait is the longest the first change not stored waits while
	// further changes keep restarting the delay; 0 is DefaultMaxWait.
	MaxWait time.Duration
	// OnSaving runs when a batch starts; OnSaved when everything is
	// stored; OnFailed when a batch failed, with the last error (the
	// failed changes stay in the queue). Each may be nil.
	OnSaving func()
	OnSaved  func()
	OnFailed func(err error)
}

// pending is a change not stored yet; seq tells a later change of the
// same key from the one a batch stored.
type pending[V any] struct {
	value V
	seq   int
}

// Queue holds the changes not stored yet. Make it with New.
type Queue[K comparable, V any] struct {
	cfg Config[K, V]

	// Delay is how long the queue waits after the last change. Tests may
	// shorten it before the first Set.
	Delay time.Duration
	// MaxWait is the longest a change waits while changes keep coming.
	// Tests may shorten it before the first Set.
	MaxWait time.Duration
	since   time.Time // when the oldest change not in a batch yet was made

	dirty  map[K]pending[V]
	seq    int
	saving bool
	err    error
	timer  *time.Timer
	after  []func()
	busy   atomic.Int64 // a timer waiting or a batch being stored
}

// New returns an empty queue.
func New[K comparable, V any](cfg Config[K, V]) *Queue[K, V] {
	d := cfg.Delay
	if d == 0 {
		d = DefaultDelay
	}
	m := cfg.MaxWait
	if m == 0 {
		m = DefaultMaxWait
	}
	return &Queue[K, V]{cfg: cfg, Delay: d, MaxWait: m, dirty: make(map[K]pending[V])}
}

// Set records a change of key and stores it once the user has stopped
// changing things for Delay. value goes to another goroutine: it must not
// be changed afterwards (pass a copy).
func (q *Queue[K, V]) Set(key K, value V) {
	q.seq++
	q.dirty[key] = pending[V]{value: value, seq: q.seq}
	if q.since.IsZero() {
		q.since = time.Now()
	}
	q.schedule()
}

// schedule (re)starts the wait before the next batch: Delay, but never
// beyond MaxWait after the oldest change not stored.
func (q *Queue[K, V]) schedule() {
	if q.timer != nil && q.timer.Stop() {
		q.busy.Add(-1)
	}
	wait := q.Delay
	if left := q.MaxWait - time.Since(q.since); left < wait {
		wait = max(left, 0)
	}
	q.busy.Add(1)
	q.timer = time.AfterFunc(wait, func() {
		q.cfg.Post(func() {
			defer q.busy.Add(-1)
			q.timer = nil
			q.SaveNow()
		})
	})
}

// Len returns how many changes are not stored yet.
func (q *Queue[K, V]) Len() int { return len(q.dirty) }

// Pending reports whether key has a change not stored yet.
func (q *Queue[K, V]) Pending(key K) bool {
	_, ok := q.dirty[key]
	return ok
}

// Err returns the error of the last batch, nil when it stored everything.
func (q *Queue[K, V]) Err() error { return q.err }

// Busy reports whether a change still waits to be stored or a batch is
// being stored. It only reads an atomic counter: it is safe on any
// goroutine.
func (q *Queue[K, V]) Busy() bool { return q.busy.Load() > 0 }

// SaveNow stores every change in the background at once, without waiting
// for the delay; while a batch runs, the changes made meanwhile follow it.
func (q *Queue[K, V]) SaveNow() {
	if q.timer != nil && q.timer.Stop() {
		q.busy.Add(-1)
		q.timer = nil
	}
	if q.saving {
		return
	}
	if len(q.dirty) == 0 {
		q.since = time.Time{}
		q.runAfter()
		return
	}
	q.saving = true
	q.since = time.Time{} // a change from now on waits its own MaxWait
	if q.cfg.OnSaving != nil {
		q.cfg.OnSaving()
	}
	batch := make(map[K]pending[V], len(q.dirty))
	for k, p := range q.dirty {
		batch[k] = p
	}
	ctx := context.Background()
	if q.cfg.Context != nil {
		ctx = q.cfg.Context()
	}
	q.busy.Add(1)
	go func() {
		var failed error
		saved := make(map[K]int, len(batch))
		for k, p := range batch {
			if err := q.cfg.Save(ctx, k, p.value); err != nil {
				failed = err
				continue
			}
			saved[k] = p.seq
		}
		q.cfg.Post(func() {
			defer q.busy.Add(-1)
			q.done(saved, failed)
		})
	}()
}

// done takes the outcome of a batch back on the UI goroutine.
func (q *Queue[K, V]) done(saved map[K]int, err error) {
	q.saving = false
	for k, seq := range saved {
		if p, ok := q.dirty[k]; ok && p.seq == seq {
			delete(q.dirty, k)
		}
	}
	q.err = err
	if err != nil {
		q.after = nil
		if q.cfg.OnFailed != nil {
			q.cfg.OnFailed(err)
		}
		return
	}
	if len(q.dirty) > 0 {
		q.SaveNow() // changed while the batch was stored
		return
	}
	if q.cfg.OnSaved != nil {
		q.cfg.OnSaved()
	}
	q.runAfter()
}

// WhenSaved runs fn once every change is stored: at once when nothing is
// pending, else after the batches SaveNow starts. When a batch fails, fn
// is dropped (OnFailed runs instead).
func (q *Queue[K, V]) WhenSaved(fn func()) {
	q.after = append(q.after, fn)
	q.SaveNow()
}

func (q *Queue[K, V]) runAfter() {
	fns := q.after
	q.after = nil
	for _, fn := range fns {
		fn()
	}
}
