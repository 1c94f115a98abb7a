// Package benchmem samples the live heap while a benchmark runs, so that the
// report writers' benchmarks can report their peak memory next to time.
package benchmem

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

const heapMetric = "/memory/classes/heap/objects:bytes"

// Peak samples the bytes of live heap objects every millisecond until Stop.
type Peak struct {
	stop chan struct{}
	wg   sync.WaitGroup
	max  uint64
}

// Start collects garbage (so that earlier work does not count) and starts
// sampling.
func Start() *Peak {
	runtime.GC()
	p := &Peak{stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		s := []metrics.Sample{{Name: heapMetric}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if s[0].Value.Kind() == metrics.KindUint64 {
				p.max = max(p.max, s[0].Value.Uint64())
			}
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// Stop ends sampling and returns the peak in megabytes.
func (p *Peak) Stop() float64 {
	close(p.stop)
	p.wg.Wait()
	return float64(p.max) / (1 << 20)
}
