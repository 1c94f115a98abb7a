// Package benchmem samples the heap while a benchmark runs, so that the
// report writers' benchmarks can report their peak memory next to time.
package benchmem

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

const (
	// heapMetric counts live objects and dead ones not yet swept: the heap
	// the process really holds, garbage included.
	heapMetric = "/memory/classes/heap/objects:bytes"
	// liveMetric is the heap marked live by the latest collection.
	liveMetric = "/gc/heap/live:bytes"
)

// Peak samples the heap every millisecond until Stop.
type Peak struct {
	stop      chan struct{}
	wg        sync.WaitGroup
	heap, liv uint64
}

// Start collects garbage (so that earlier work does not count) and starts
// sampling.
func Start() *Peak {
	runtime.GC()
	p := &Peak{stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		s := []metrics.Sample{{Name: heapMetric}, {Name: liveMetric}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if s[0].Value.Kind() == metrics.KindUint64 {
				p.heap = max(p.heap, s[0].Value.Uint64())
			}
			if s[1].Value.Kind() == metrics.KindUint64 {
				p.liv = max(p.liv, s[1].Value.Uint64())
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

// Stop ends sampling and returns, in megabytes, the peak heap (garbage not
// yet collected included) and the peak live heap (what the latest
// collection found reachable).
func (p *Peak) Stop() (heapMB, liveMB float64) {
	close(p.stop)
	p.wg.Wait()
	return float64(p.heap) / (1 << 20), float64(p.liv) / (1 << 20)
}
