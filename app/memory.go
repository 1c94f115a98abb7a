package app

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// guiGCPercent is the GOGC of the window unless GOGC says otherwise. Most of
// what the window holds for good is Fyne's parsed fonts (13 MB for the
// text font, 5 MB for the bold subset, a few for Fyne's own and the
// system's fallback fonts) and the open assessment, 30–45 MB in all; text
// drawn while scrolling is most of the garbage. With the default of 100 the
// heap grows to twice what is live between collections; 50 keeps it to one
// and a half, for a little more collector work. A fixed memory limit would
// be cheaper still here but could make the collector run without pause on
// a system whose fallback fonts Fyne loads as well.
const guiGCPercent = 50

func limitMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(guiGCPercent)
	}
}

// housekeepingInterval is how often the window gives memory back.
const housekeepingInterval = time.Minute

// releaseMemory gives the system back the memory the process holds but no
// longer uses. After fast scrolling through a long tree that is a lot:
// Fyne drops the textures of text it drew more than a minute ago and the
// Go heap shrinks, but neither the Go runtime (which returns free pages
// slowly) nor the C allocator (where the OpenGL driver kept the textures)
// hands the pages back by itself. Measured with the software renderer
// after scrolling every row of a 2,000-item tree (docs/performance.md,
// "Memory"): 254 → 203–207 MB resident. It costs one full collection,
// about 36 ms off the UI goroutine.
func releaseMemory() {
	debug.FreeOSMemory()
	trimCHeap()
}

// startHousekeeping calls release every interval on its own goroutine until
// the returned function is called; that function waits for a running call.
func startHousekeeping(interval time.Duration, release func()) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				release()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		wg.Wait()
	}
}
