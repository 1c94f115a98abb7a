package kit

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/assets"
)

// BenchmarkFontMemory measures the Go heap that Fyne keeps for the theme's
// fonts once it has drawn regular and bold text (it parses the font once
// per text style and caches it): with the chrome subset for bold, as the
// application runs, and with the text font for every style. live-MB is the
// heap live after drawing a label and a button less the heap live once the
// window is closed and the font cache cleared; docs/performance.md, "GUI".
func BenchmarkFontMemory(b *testing.B) {
	live := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	draw := func(fonts Fonts) fyne.Window {
		a := test.NewTempApp(b) // clears Fyne's font cache
		a.Settings().SetTheme(NewTheme(fonts, ThemeLight))
		w := test.NewWindow(container.NewVBox(
			widget.NewLabel("自评分 核定分 Score 95.5"),
			widget.NewButton("提交 Submit", func() {}),
		))
		w.Resize(fyne.NewSize(400, 200))
		w.Canvas().Capture()
		return w
	}
	// Fyne loads the index of the system's fonts once per process, on the
	// first text it draws: not the theme's cost.
	draw(Fonts{}).Close()
	for _, tc := range []struct {
		name  string
		fonts Fonts
	}{
		{"chrome subset for bold", bundledFonts},
		{"text font for every style", Fonts{Text: assets.Font()}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var sum float64
			n := 0
			for b.Loop() {
				w := draw(tc.fonts)
				with := live()
				w.Close()
				test.NewTempApp(b)
				without := live()
				sum += float64(with) - float64(without)
				n++
			}
			b.ReportMetric(sum/float64(n)/(1<<20), "live-MB")
		})
	}
}
