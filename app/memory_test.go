package app

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestHousekeeping(t *testing.T) {
	t.Run("calls release every interval until stopped", func(t *testing.T) {
		var calls atomic.Int32
		stop := startHousekeeping(2*time.Millisecond, func() { calls.Add(1) })
		deadline := time.Now().Add(5 * time.Second)
		for calls.Load() < 3 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		stop()
		n := calls.Load()
		if n < 3 {
			t.Fatalf("%d calls in 5 s at a 2 ms interval", n)
		}
		time.Sleep(20 * time.Millisecond)
		if m := calls.Load(); m != n {
			t.Fatalf("%d calls after stop, %d before", m, n)
		}
		stop() // a second stop does nothing
	})
	t.Run("stop waits for a running release", func(t *testing.T) {
		started := make(chan struct{})
		var finished atomic.Bool
		stop := startHousekeeping(time.Millisecond, func() {
			select {
			case <-started:
			default:
				close(started)
			}
			time.Sleep(30 * time.Millisecond)
			finished.Store(true)
		})
		<-started
		stop()
		if !finished.Load() {
			t.Fatal("stop returned while release was running")
		}
	})
}
