package walk

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// bigWorkspace returns a draft of n items with every other one answered.
func bigWorkspace(n int) *domain.Workspace {
	c := storagetest.BigCatalog(n)
	answers := make(map[string]domain.Answer)
	for i, it := range c.Items() {
		if i%2 == 0 {
			answers[it.ID] = domain.Answer{Met: domain.Bool(true)}
		}
	}
	return &domain.Workspace{
		Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Name: "某某区公安分局", Type: "分县局"},
			Round: "2026-Q3", CatalogID: c.ID, CatalogVersion: c.Version, Status: domain.Draft},
		Catalog: c,
		Answers: &domain.AnswerSet{Catalog: c.Ref(), Answers: answers},
	}
}

// openAndRender builds the view of ws, puts it in the window and paints it.
func openAndRender(w fyne.Window, app fyne.App, ws *domain.Workspace) *View {
	v := New(Deps{App: app, Window: w}, ws)
	w.SetContent(v.Content())
	w.Canvas().Capture()
	return v
}

// BenchmarkOpen2000 measures opening a 2,000-item assessment until its first
// item is painted (New, Content and a software render of the 1280×800 window).
func BenchmarkOpen2000(b *testing.B) {
	app := test.NewTempApp(b)
	app.Settings().SetTheme(kit.NewTheme(bundledFonts, "light"))
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	for b.Loop() {
		b.StopTimer()
		ws := bigWorkspace(2000)
		b.StartTimer()
		v := openAndRender(w, app, ws)
		v.Close()
	}
}

// BenchmarkAnswer2000 measures what one answer change costs the UI goroutine
// in a 2,000-item assessment: rescoring, the tree rows and the score panel.
func BenchmarkAnswer2000(b *testing.B) {
	app := test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	v := openAndRender(w, app, bigWorkspace(2000))
	v.saves.Delay = time.Hour
	v.ShowItem("I1")
	opts := v.pane.form.main.Level.Options
	i := 0
	for b.Loop() {
		v.pane.form.main.Level.SetSelected(opts[i%len(opts)])
		i++
	}
}

// TestOpenBigShowsFirstItem opens a 2,000-item assessment and checks that
// the first item is the one shown. Its speed is measured by
// BenchmarkOpen2000, not here.
func TestOpenBigShowsFirstItem(t *testing.T) {
	app := test.NewTempApp(t)
	app.Settings().SetTheme(kit.NewTheme(bundledFonts, "light"))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	v := openAndRender(w, app, bigWorkspace(2000))
	defer v.Close()
	mustEqual(t, "first item", v.nav.current, "I1")
}

// BenchmarkNext2000 measures going to the next item (PageDown) in a
// 2,000-item assessment, on the UI goroutine: the new item form, the tree
// selection and scroll, and a software render of the window.
func BenchmarkNext2000(b *testing.B) {
	app := test.NewTempApp(b)
	app.Settings().SetTheme(kit.NewTheme(bundledFonts, "light"))
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	v := openAndRender(w, app, bigWorkspace(2000))
	defer v.Close()
	v.ShowItem("I1000")
	for b.Loop() {
		if v.nav.neighbour(1) == "" {
			v.ShowItem("I1000")
		}
		v.onNextTapped()
		w.Canvas().Capture()
	}
}
