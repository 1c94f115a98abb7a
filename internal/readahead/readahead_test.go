package readahead

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"testing/iotest"
)

// TestReader reads streams of every length around the buffer size, in
// small and large reads and through WriteTo, and checks the bytes.
func TestReader(t *testing.T) {
	const size = 64
	lengths := []int{0, 1, size - 1, size, size + 1, 3*size + 7}
	reads := []struct {
		name string
		read func(r io.Reader) ([]byte, error)
	}{
		{"ReadAll", io.ReadAll},
		{"one byte at a time", func(r io.Reader) ([]byte, error) { return io.ReadAll(iotest.OneByteReader(r)) }},
		{"WriteTo", func(r io.Reader) ([]byte, error) {
			var b bytes.Buffer
			_, err := r.(io.WriterTo).WriteTo(&b)
			return b.Bytes(), err
		}},
	}
	for _, n := range lengths {
		want := make([]byte, n)
		rand.Read(want)
		for _, rd := range reads {
			for _, src := range []struct {
				name string
				r    func() io.Reader
			}{
				{"whole reads", func() io.Reader { return bytes.NewReader(want) }},
				{"short reads", func() io.Reader { return iotest.HalfReader(bytes.NewReader(want)) }},
			} {
				t.Run(rd.name+"/"+src.name, func(t *testing.T) {
					r := New(src.r(), size, 3)
					defer r.Close()
					got, err := rd.read(r)
					if err != nil {
						t.Fatalf("%d bytes: %v", n, err)
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("%d bytes: read %d, not the same", n, len(got))
					}
				})
			}
		}
	}
}

// TestReaderError checks that the source's error comes after the bytes
// read before it, and again on every read after.
func TestReaderError(t *testing.T) {
	boom := errors.New("boom")
	data := bytes.Repeat([]byte("x"), 100)
	tests := []struct {
		name string
		via  string
	}{{"Read", "read"}, {"WriteTo", "writeto"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)), 16, 2)
			defer r.Close()
			var got []byte
			var err error
			if tt.via == "read" {
				got, err = io.ReadAll(r)
			} else {
				var b bytes.Buffer
				_, err = r.WriteTo(&b)
				got = b.Bytes()
			}
			if !errors.Is(err, boom) || !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes and %v, want %d and %v", len(got), err, len(data), boom)
			}
			if _, err := r.Read(make([]byte, 1)); !errors.Is(err, boom) {
				t.Errorf("read after the error: %v", err)
			}
		})
	}
}

// counting is an endless source that counts its reads and can be made to
// wait in one.
type counting struct {
	reads   atomic.Int64
	gate    chan struct{} // when not nil, every read waits for a value
	started chan struct{} // when not nil, told of every read as it starts
}

func (c *counting) Read(p []byte) (int, error) {
	if c.started != nil {
		c.started <- struct{}{}
	}
	if c.gate != nil {
		<-c.gate
	}
	c.reads.Add(1)
	return len(p), nil
}

// TestReaderClose checks that the reader reads ahead at most its buffers,
// and that after Close returns the source is not read again, even when
// Close came while a read was under way.
func TestReaderClose(t *testing.T) {
	t.Run("bounded", func(t *testing.T) {
		src := &counting{gate: make(chan struct{})}
		r := New(src, 8, 3)
		for range 10 { // let through more reads than there are buffers
			select {
			case src.gate <- struct{}{}:
			default:
			}
		}
		close(src.gate)
		buf := make([]byte, 8)
		if _, err := io.ReadFull(r, buf); err != nil {
			t.Fatal(err)
		}
		r.Close()
		n := src.reads.Load()
		if n > 4 { // the one given and the three buffers
			t.Errorf("%d reads of the source for 8 bytes with 3 buffers of 8", n)
		}
		if _, err := r.Read(buf); err == nil {
			t.Error("a read after Close succeeded")
		}
		if src.reads.Load() != n {
			t.Error("the source was read after Close")
		}
	})
	t.Run("during a read", func(t *testing.T) {
		src := &counting{gate: make(chan struct{}), started: make(chan struct{}, 16)}
		r := New(src, 8, 2)
		<-src.started // a read is under way
		closed := make(chan struct{})
		go func() { r.Close(); close(closed) }()
		<-r.done // Close has begun
		select {
		case <-closed:
			t.Fatal("Close returned while the source's read was under way")
		default:
		}
		src.gate <- struct{}{} // the read under way ends
		<-closed
		n := src.reads.Load()
		close(src.gate)
		if src.reads.Load() != n {
			t.Error("the source was read after Close")
		}
	})
}

// TestReaderReusesBuffers: readers one after another (a reader per file
// of an export) take their buffers from those of the closed ones, not new
// ones each: 50 readers of two 1 MiB buffers allocate far less than 100 MiB.
func TestReaderReusesBuffers(t *testing.T) {
	if raceOn {
		t.Skip("under the race detector sync.Pool drops buffers at random")
	}
	data := bytes.Repeat([]byte("x"), 3<<20/2)
	run := func() {
		r := New(bytes.NewReader(data), 1<<20, 2)
		if _, err := io.Copy(io.Discard, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	run()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 50 {
		run()
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 20<<20 {
		t.Errorf("50 readers allocated %d MiB", got>>20)
	}
}
