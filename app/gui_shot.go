//go:build cgo && probe

// The screenshot and performance harness: compiled only with -tags probe
// (scripts/screenshots.sh, scripts/perfprobe.sh), never into a release.

package app

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"pingce/internal/ui"
	"pingce/internal/ui/screen"
)

// shotEnv names the environment variable that makes the window open on a
// given screen, for scripts/screenshots.sh and scripts/perfprobe.sh only.
// See showShot.
const shotEnv = "PINGCE_SHOT"

// probeEnv, set to 1 together with PINGCE_SHOT=walk:ITEMID, makes the app
// measure itself and print "probe: …" lines to stderr (scripts/perfprobe.sh):
// the time from the open request to the first painted frame of the item,
// the longest time the UI goroutine did not answer during a scripted series
// of interactions, and the resident memory.
const probeEnv = "PINGCE_PROBE"

// startHarness brings the window to the screen PINGCE_SHOT names, when set.
func startHarness(u *ui.UI, w fyne.Window) {
	if spec := os.Getenv(shotEnv); spec != "" {
		showShot(u, w, spec)
	}
}

// showShot brings the window to a screen for screenshots. spec is one of
// home, new, settings, export, delete, import:FILE, walk:ITEMID, score,
// check, overview[:A=V;…], reviews (home's 审核 area), review[:A=V;…] (the
// review screen of the first submission listed, then its actions),
// tasks[:A=V;…] (the 整改 board, then its actions); the
// screens of an assessment use the first editable one listed.
// It drives the shell and the screens through their scripting interface
// (screen.Scripted), as a user would, never through their widgets.
func showShot(u *ui.UI, w fyne.Window, spec string) {
	kind, arg, _ := strings.Cut(spec, ":")
	var p *probe
	if os.Getenv(probeEnv) == "1" && kind == "walk" {
		p = newProbe(w)
	}
	do := func(s screen.Scripted, action, arg string) {
		if err := s.Do(action, arg); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", shotEnv, err)
		}
	}
	go func() {
		time.Sleep(1500 * time.Millisecond) // let the list load
		fyne.Do(func() {
			switch kind {
			case "home":
			case "walk", "score", "check":
				home := u.Current()
				u.Watch(func(s screen.Screen) {
					v, ok := s.(screen.Scripted)
					if s == home || !ok {
						return
					}
					u.Watch(nil)
					switch kind {
					case "walk":
						if arg != "" {
							do(v, "item", arg)
						}
						if p != nil {
							p.shown(v, arg)
						}
					case "score":
						do(v, "score", "")
					case "check":
						do(v, "check", "")
					}
				})
				if p != nil {
					p.opening()
				}
				do(u, "open", "")
			default:
				do(u, kind, arg)
			}
		})
	}()
}

// probe measures the walk-through in the real application (PINGCE_PROBE=1).
type probe struct {
	w     fyne.Window
	start time.Time // the open request
	built time.Duration
	paint sync.Once

	profiles string // folder for pprof profiles (PINGCE_PROBE_PROFILE), or ""

	mu     sync.Mutex
	phase  string
	stalls []time.Duration // the UI goroutine's answer times in the phase
}

func newProbe(w fyne.Window) *probe {
	p := &probe{w: w, phase: "start", profiles: os.Getenv("PINGCE_PROBE_PROFILE")}
	if p.profiles != "" {
		if f, err := os.Create(filepath.Join(p.profiles, "cpu.pprof")); err == nil {
			_ = pprof.StartCPUProfile(f)
		}
	}
	go p.monitor()
	return p
}

func (p *probe) printf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "probe: "+format+"\n", args...)
}

// monitor asks the UI goroutine to run an empty function every 5 ms and
// keeps the longest wait: the longest the UI goroutine was busy (event
// handling, layout, painting) while the user would have waited.
func (p *probe) monitor() {
	for {
		sent := time.Now()
		fyne.DoAndWait(func() {})
		d := time.Since(sent)
		p.mu.Lock()
		p.stalls = append(p.stalls, d)
		p.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

// begin starts a phase and returns the stalls of the one before. When
// profiling, CPU samples of the UI goroutine carry the phase as label
// "phase" (go tool pprof -tagfocus phase=scroll).
func (p *probe) begin(phase string) (string, []time.Duration) {
	if p.profiles != "" {
		go fyne.Do(func() {
			pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("phase", phase)))
		})
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	prev, stalls := p.phase, p.stalls
	p.phase, p.stalls = phase, nil
	return prev, stalls
}

// end reports the stalls of the phase that ends.
func (p *probe) end(next string) {
	phase, stalls := p.begin(next)
	over := 0
	for _, d := range stalls {
		if d > 50*time.Millisecond {
			over++
		}
	}
	p.printf("%s: UI stall %s, %d of %d samples over 50ms", phase, spread(stalls), over, len(stalls))
}

// spread writes the median, 95th percentile and maximum of durations.
func spread(ds []time.Duration) string {
	if len(ds) == 0 {
		return "-"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) int64 { return s[int(q*float64(len(s)-1))].Milliseconds() }
	return fmt.Sprintf("median %dms, p95 %dms, max %dms", at(0.5), at(0.95), s[len(s)-1].Milliseconds())
}

// opening marks the open request (on the UI goroutine).
func (p *probe) opening() {
	p.memory("on the home screen, before opening")
	p.begin("open")
	p.start = time.Now()
}

// shown runs on the UI goroutine once the view is in the window with the
// item on screen; the first frame painted after it shows the item. A 1×1
// raster on an overlay reports that frame: its pixels are made when it is
// first painted, in the same frame as the view.
func (p *probe) shown(v screen.Scripted, item string) {
	p.built = time.Since(p.start)
	var overlay fyne.CanvasObject
	r := canvas.NewRaster(func(w, h int) image.Image {
		p.paint.Do(func() {
			total := time.Since(p.start)
			p.printf("walk first item shown in %dms (item %s; opened and built in %dms, laid out and painted in %dms)",
				total.Milliseconds(), item, p.built.Milliseconds(), (total - p.built).Milliseconds())
			go fyne.Do(func() { p.w.Canvas().Overlays().Remove(overlay) })
			go p.exercise(v)
		})
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	r.Resize(fyne.NewSize(1, 1))
	overlay = container.NewWithoutLayout(r)
	p.w.Canvas().Overlays().Add(overlay)
}

// memory prints the resident memory (Linux only).
func (p *probe) memory(when string) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	var fields []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") ||
			strings.HasPrefix(line, "RssAnon:") || strings.HasPrefix(line, "RssFile:") {
			fields = append(fields, strings.Join(strings.Fields(line), " "))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.printf("memory %s: %s; Go: heap in use %d MB, held by the runtime %d MB, live after the last GC %d MB",
		when, strings.Join(fields, ", "), ms.HeapInuse>>20, (ms.Sys-ms.HeapReleased)>>20, ms.NextGC*100/uint64(100+gogc())>>20)
	if p.profiles != "" {
		name := strings.ReplaceAll(when, " ", "-")
		if f, err := os.Create(filepath.Join(p.profiles, "heap-"+name+".pprof")); err == nil {
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
}

// gogc returns the GOGC percentage in effect.
func gogc() int {
	old := debug.SetGCPercent(100)
	debug.SetGCPercent(old)
	if old <= 0 {
		return 100
	}
	return old
}

// step runs f on the UI goroutine and returns how long it took there.
func step(f func()) time.Duration {
	var d time.Duration
	fyne.DoAndWait(func() {
		t := time.Now()
		f()
		d = time.Since(t)
	})
	return d
}

// exercise goes through the interactions of a working session, one phase at
// a time, as fast as a quick user: next item, answering, filtering the tree,
// scrolling it from top to bottom, the score tab. Between the phases a
// "wheel" phase waits for the script's real mouse-wheel scrolling.
func (p *probe) exercise(v screen.Scripted) {
	time.Sleep(time.Second)
	p.end("idle")
	p.memory("after the view shows")
	time.Sleep(500 * time.Millisecond)

	var steps []time.Duration
	timed := func(f func()) {
		steps = append(steps, step(f))
	}
	report := func(what string, next string) {
		p.printf("%s: %d steps on the UI goroutine: %s", what, len(steps), spread(steps))
		steps = nil
		p.end(next)
	}

	p.begin("next item")
	for i := 0; i < 40; i++ {
		timed(func() { p.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown}) })
		time.Sleep(60 * time.Millisecond)
	}
	report("next item (PageDown)", "answer")

	for i := 0; i < 40; i++ {
		timed(func() { _ = v.Do("answer", strconv.Itoa(i)) })
		time.Sleep(30 * time.Millisecond)
		step(func() { p.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown}) })
		time.Sleep(60 * time.Millisecond)
	}
	time.Sleep(time.Second) // the saves
	report("answer (radio) and next", "filter")

	for i := 0; i < 4; i++ {
		timed(func() { _ = v.Do("filter", strconv.Itoa((i+1)%2)) })
		time.Sleep(300 * time.Millisecond)
	}
	report("filter unanswered / all", "scroll")

	fyne.DoAndWait(func() { _ = v.Do("tree-scroll", "0") })
	// About 2,100 rows of ~37 px: ~78,000 px, in steps of three rows
	// every 16 ms (a fast flick of the wheel).
	for off := 0; off < 80000; off += 110 {
		timed(func() { _ = v.Do("tree-scroll", strconv.Itoa(off)) })
		time.Sleep(16 * time.Millisecond)
	}
	report("tree scroll top to bottom", "score")
	p.memory("after scrolling the tree")

	for i := 0; i < 4; i++ {
		timed(func() {
			if i%2 == 0 {
				_ = v.Do("score", "")
			} else {
				_ = v.Do("item-tab", "")
			}
		})
		time.Sleep(300 * time.Millisecond)
	}
	report("score tab / item tab", "wheel")

	p.printf("wheel: scroll now")
	time.Sleep(8 * time.Second)
	p.end("settle")
	p.memory("after the wheel")
	// Fyne keeps the textures of text drawn while scrolling for a minute.
	time.Sleep(75 * time.Second)
	p.end("redraw")
	p.memory("75 s later")
	// Anything on screen that changes lets Fyne drop what it drew more than
	// a minute ago; the window's housekeeping then gives the memory back
	// (every minute; here at once, while the view keeps changing, to see
	// whether it holds up the UI goroutine).
	fyne.DoAndWait(func() { _ = v.Do("score", "") })
	time.Sleep(time.Second)
	fyne.DoAndWait(func() { _ = v.Do("item-tab", "") })
	time.Sleep(time.Second)
	p.end("housekeeping")
	done := make(chan time.Duration)
	go func() {
		t0 := time.Now()
		releaseMemory()
		done <- time.Since(t0)
	}()
	var took time.Duration
	for i := 0; took == 0; i++ {
		select {
		case took = <-done:
		default:
			timed(func() {
				if i%2 == 0 {
					_ = v.Do("score", "")
				} else {
					_ = v.Do("item-tab", "")
				}
			})
			time.Sleep(10 * time.Millisecond)
		}
	}
	time.Sleep(100 * time.Millisecond)
	report("view changes during the housekeeping", "done")
	p.printf("housekeeping took %dms", took.Milliseconds())
	p.memory("after a redraw and the housekeeping")
	pprof.StopCPUProfile()
	p.printf("done")
}
