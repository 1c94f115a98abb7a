// Package readahead reads a stream ahead of its consumer, in a goroutine
// of its own, so that producing the bytes (reading a database, inflating
// and hashing a zip entry) and consuming them (writing a package, storing
// a piece) run at once, on two processors, instead of one after the other.
// A reader holds a fixed number of buffers, whatever the stream's length:
// memory stays flat.
package readahead

import (
	"errors"
	"io"
	"sync"
)

// block is one buffer of the stream, and the error that ended it.
type block struct {
	buf []byte
	n   int
	err error
}

// Reader reads its source ahead. It is not safe for concurrent use; the
// source is read only by the reader's goroutine, and not at all once
// Close has returned.
type Reader struct {
	full   chan block  // read, in order
	free   chan []byte // buffers to fill
	done   chan struct{}
	exited chan struct{}
	cur    block
	off    int
	err    error      // the error the stream ended with, once reached
	pool   *sync.Pool // where the buffers come from and go back at Close
}

// pools keeps the buffers of closed readers by size (a *sync.Pool of
// *[]byte each): a reader per file of an export or import, hundreds of
// them, then costs no new buffers.
var pools sync.Map

// poolOf returns the pool of buffers of size bytes.
func poolOf(size int) *sync.Pool {
	if p, ok := pools.Load(size); ok {
		return p.(*sync.Pool)
	}
	p, _ := pools.LoadOrStore(size, &sync.Pool{New: func() any { b := make([]byte, size); return &b }})
	return p.(*sync.Pool)
}

// New starts reading src ahead into n buffers (at least 2) of size bytes
// (at least 1). The caller must Close the reader.
func New(src io.Reader, size, n int) *Reader {
	size, n = max(size, 1), max(n, 2)
	r := &Reader{full: make(chan block, n), free: make(chan []byte, n), done: make(chan struct{}), exited: make(chan struct{})}
	pool := poolOf(size)
	for range n {
		r.free <- *(pool.Get().(*[]byte))
	}
	r.pool = pool
	go r.fill(src)
	return r
}

// fill reads src into free buffers until it ends or the reader is closed.
func (r *Reader) fill(src io.Reader) {
	defer close(r.exited)
	for {
		select { // closed: no read more, even with a buffer free
		case <-r.done:
			return
		default:
		}
		var buf []byte
		select {
		case buf = <-r.free:
		case <-r.done:
			return
		}
		n, err := io.ReadFull(src, buf)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF // a short last buffer
		}
		select {
		case r.full <- block{buf: buf, n: n, err: err}:
		case <-r.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// next makes the current block one with bytes left, receiving the
// goroutine's next block as needed; it returns the stream's error (io.EOF
// at its end) once the bytes before it are read.
func (r *Reader) next() error {
	for r.off >= r.cur.n {
		if r.err != nil {
			return r.err
		}
		if r.cur.buf != nil {
			r.free <- r.cur.buf // never blocks: it holds room for every buffer
			r.cur.buf = nil
		}
		r.cur, r.off = <-r.full, 0
		r.err = r.cur.err
	}
	return nil
}

// Read reads what the goroutine has read, in order; it returns the
// source's error (io.EOF at its end) after the bytes read before it.
func (r *Reader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := r.next(); err != nil {
		return 0, err
	}
	n := copy(p, r.cur.buf[r.off:r.cur.n])
	r.off += n
	return n, nil
}

// WriteTo writes the rest of the stream to w, a buffer at a time (io.Copy
// uses it: no buffer of its own, no copy more).
func (r *Reader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if err := r.next(); err != nil {
			if errors.Is(err, io.EOF) {
				err = nil
			}
			return total, err
		}
		n, err := w.Write(r.cur.buf[r.off:r.cur.n])
		r.off += n
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
}

// Close stops reading ahead and waits until the goroutine has stopped:
// the source is not read after Close returns. It always returns nil.
func (r *Reader) Close() error {
	select {
	case <-r.done:
	default:
		close(r.done)
	}
	<-r.exited
	if r.err == nil {
		r.err = errClosed
	}
	if r.pool != nil { // the goroutine has stopped: every buffer is here
		give := func(b []byte) { b = b[:cap(b)]; r.pool.Put(&b) }
		if r.cur.buf != nil {
			give(r.cur.buf)
		}
		for len(r.full) > 0 {
			give((<-r.full).buf)
		}
		for len(r.free) > 0 {
			give(<-r.free)
		}
		r.pool, r.cur = nil, block{}
	}
	return nil
}

// errClosed is what a closed reader reads.
var errClosed = errors.New("readahead: read after close")
