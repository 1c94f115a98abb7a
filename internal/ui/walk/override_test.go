package walk

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"pingce/internal/ui/kit"
)

// TestNoThemeOverrides walks everything the view shows for several items
// and the score panel and fails on a container.ThemeOverride: Fyne gives
// each override its own font cache, so every one parses the 4.6 MB CJK
// font again (about 16 MB), and the item pane is rebuilt per item.
func TestNoThemeOverrides(t *testing.T) {
	app := test.NewTempApp(t)
	app.Settings().SetTheme(kit.NewTheme(bundledFonts, "light"))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	ws := bigWorkspace(100)
	v := openAndRender(w, app, ws)
	defer v.Close()
	check := func(where string) {
		t.Helper()
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if _, ok := o.(*container.ThemeOverride); ok {
				t.Fatalf("%s: a container.ThemeOverride is shown", where)
			}
			switch x := o.(type) {
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			case fyne.Widget:
				for _, c := range test.TempWidgetRenderer(t, x).Objects() {
					walk(c)
				}
			}
		}
		walk(w.Content())
	}
	for i, it := range ws.Catalog.Items() {
		if i == 5 {
			break
		}
		v.ShowItem(it.ID)
		w.Canvas().Capture()
		check("item " + it.ID)
	}
	v.ShowScore()
	w.Canvas().Capture()
	check("score panel")
}
