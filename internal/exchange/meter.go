package exchange

import (
	"context"
	"io"
	"sync"
)

// progressStep is how many bytes read go between two calls of
// Options.Progress (besides the end of each entry).
const progressStep = 1 << 20

// meter counts the bytes of a package as they are read and hashed, for
// Options.Progress: each entry once, however often it is read again.
type meter struct {
	mu                sync.Mutex
	fn                func(done, total int64)
	done, total, last int64
	counted           map[string]bool // entries read to their end and counted
}

// start begins a pass over total bytes (Open: the sealed file, then the
// entries).
func (m *meter) start(total int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done, m.total, m.last = 0, total, -1
	m.report(true)
}

// add counts n more bytes read, reporting at most every progressStep.
func (m *meter) add(n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done = min(m.done+n, m.total)
	m.report(false)
}

// finish marks the entry name as read to its end: it is not counted again.
func (m *meter) finish(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counted == nil {
		m.counted = map[string]bool{}
	}
	m.counted[name] = true
	m.report(true)
}

// counts reports whether reading the entry name adds to the count (it was
// not read to its end before).
func (m *meter) counts(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return !m.counted[name]
}

// report calls fn when a step was read since the last call, or at the end
// of an entry (always) when anything was; m.mu is held, so that the calls
// come one at a time and in order.
func (m *meter) report(always bool) {
	if m.fn == nil || m.done == m.last || (!always && m.done-m.last < progressStep && m.done != m.total) {
		return
	}
	m.last = m.done
	m.fn(m.done, m.total)
}

// SetProgress replaces the Progress callback Open was given (nil: none),
// for the reads and verification still to come: a window that opened the
// package cheaply (CheckEvidenceLater) shows the bar of VerifyEvidence.
// It is called at once with what is done so far.
func (p *Package) SetProgress(fn func(done, total int64)) {
	p.meter.mu.Lock()
	defer p.meter.mu.Unlock()
	p.meter.fn, p.meter.last = fn, -1
	p.meter.report(true)
}

// Progress returns the bytes of the entries read and hashed so far and
// the sum of their declared sizes (Options.Progress's figures).
func (p *Package) Progress() (done, total int64) {
	p.meter.mu.Lock()
	defer p.meter.mu.Unlock()
	return p.meter.done, p.meter.total
}

// countingReader counts what it reads on the meter (and stops when ctx
// is done), for the sealed file's pass.
type countingReader struct {
	ctx context.Context
	r   io.Reader
	m   *meter
}

func (c countingReader) Read(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(b)
	c.m.add(int64(n))
	return n, err
}
