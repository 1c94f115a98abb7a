package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/ui/export"
	"pingce/internal/ui/home"
	"pingce/internal/ui/newassessment"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/settings"
	"pingce/internal/ui/uitest"
)

// TestScript drives the shell as the screenshot harness does, through
// screen.Scripted, and checks that each action reaches its screen.
func TestScript(t *testing.T) {
	h := newHarness(t, true)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	h.seed(unit, "2026-Q2", domain.Submitted, 1)
	h.seed(unit, "2026-Q3", domain.Draft, 1)
	h.reload()
	var shown []screen.Screen
	h.u.Watch(func(s screen.Screen) { shown = append(shown, s) })
	closeDialog := func() {
		if h.u.dialog != nil {
			h.interact(h.u.dialog.Close)
		}
		for top := h.w.Canvas().Overlays().Top(); top != nil; top = h.w.Canvas().Overlays().Top() {
			h.w.Canvas().Overlays().Remove(top)
		}
	}
	for _, tc := range []struct {
		action string
		is     func(screen.Screen) bool
	}{
		{"new", func(s screen.Screen) bool { _, ok := s.(*newassessment.Dialog); return ok }},
		{"settings", func(s screen.Screen) bool { _, ok := s.(*settings.Form); return ok }},
		{"export", func(s screen.Screen) bool { _, ok := s.(*export.Dialog); return ok }},
	} {
		t.Run(tc.action, func(t *testing.T) {
			shown = nil
			var err error
			h.interact(func() { err = h.u.Do(tc.action, "") })
			h.u.wait()
			if err != nil {
				t.Fatal(err)
			}
			if len(shown) != 1 || !tc.is(shown[0]) || h.u.Current() != shown[0] {
				t.Fatalf("shown %T, current %T", shown, h.u.Current())
			}
			closeDialog()
		})
	}
	t.Run("delete asks about the first draft", func(t *testing.T) {
		var err error
		h.interact(func() { err = h.u.Do("delete", "") })
		if err != nil {
			t.Fatal(err)
		}
		if text := uitest.Text(uitest.Top(h.w)); !strings.Contains(text, "2026-Q3") {
			t.Fatalf("no question about the draft: %q", text)
		}
		if b := uitest.Button(t, uitest.Top(h.w), lang.L("Delete")); b == nil {
			t.Fatal("no delete button")
		}
		closeDialog()
	})
	t.Run("open shows the first editable assessment", func(t *testing.T) {
		shown = nil
		var err error
		h.interact(func() { err = h.u.Do("open", "") })
		h.u.wait()
		if err != nil {
			t.Fatal(err)
		}
		s, ok := h.u.Current().(*summaryView)
		if !ok || len(shown) != 1 || shown[0] != screen.Screen(s) {
			t.Fatalf("current %T, shown %v", h.u.Current(), shown)
		}
		if _, home := shown[0].(*home.Home); home {
			t.Fatal("still on home")
		}
		h.interact(h.u.ShowHome)
		h.u.wait()
	})
	t.Run("an unknown action is an error", func(t *testing.T) {
		if err := h.u.Do("fly", ""); err == nil {
			t.Fatal("no error")
		}
	})
}

// TestUnitTypesFromCatalogs: the settings offer the unit types of the
// built-in and the stored catalogs, each once, not a list of the UI's own.
func TestUnitTypesFromCatalogs(t *testing.T) {
	h := newHarness(t, true)
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	// Built on the text of the built-in one: another id and one more unit type.
	data, err := catalog.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("id: demo-city-ref"), []byte("id: my-catalog"), 1)
	data = bytes.Replace(data, []byte("unit_types: ["), []byte("unit_types: [交警大队, "), 1)
	path := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	mine, err := catalog.LoadFile(ctx, path)
	if err != nil {
		t.Fatalf("%v %v", err, domain.ErrorProblems(err))
	}
	if _, _, err := h.store.ImportCatalog(ctx, mine); err != nil {
		t.Fatal(err)
	}
	got, err := h.u.unitTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, ty := range got {
		seen[ty]++
	}
	for _, want := range append(append([]string(nil), c.UnitTypes...), "交警大队") {
		if seen[want] != 1 {
			t.Errorf("unit types %q: %q listed %d times, want once", got, want, seen[want])
		}
	}
}
