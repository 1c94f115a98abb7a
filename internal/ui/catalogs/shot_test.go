package catalogs

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/ui/kit"
	"pingce/internal/ui/walk"
)

// TestEditorScreenshot writes the editor as the user sees it, in Chinese,
// to $PINGCE_SHOTS/catalogs-editor.png (nothing without the variable).
func TestEditorScreenshot(t *testing.T) {
	dir := os.Getenv("PINGCE_SHOTS")
	if dir == "" {
		t.Skip("PINGCE_SHOTS not set")
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(kit.NewTheme(kit.BundledFonts(), kit.ThemeLight))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	if err := walk.RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 760))
	tasks := &kit.Tasks{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: &memCatalogs{}}) })
	tasks.Interact(func() { w.SetContent(s.Content()) })
	tasks.Wait()
	tasks.Interact(func() { _ = s.Do("import", table(t)) })
	tasks.Wait()
	tasks.Interact(func() {
		s.rows.Select(2)
		_ = s.Do("set", "method=deduct")
		_ = s.Do("set", "per=两分")
	})
	shot(t, w, filepath.Join(dir, "catalogs-editor-problem.png"))
	tasks.Interact(func() {
		_ = s.Do("set", "per=2")
		_ = s.Do("set", "overflow_at=4")
		_ = s.Do("set", "overflow_extra=2")
	})
	shot(t, w, filepath.Join(dir, "catalogs-editor.png"))
	w.Resize(fyne.NewSize(1024, 700))
	tasks.Interact(func() {
		s.rows.Select(1)
		for _, kv := range []string{"method=numeric", "rule=shortfall", "shortfall_target=95", "shortfall_step=1", "shortfall_per=0.5"} {
			_ = s.Do("set", kv)
		}
	})
	shot(t, w, filepath.Join(dir, "catalogs-editor-numeric.png"))
}

func shot(t *testing.T, w fyne.Window, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
