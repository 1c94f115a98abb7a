package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

// TestBoldTextInChromeFont goes through the home screen and its dialogs
// with a unit whose name holds characters outside GB 2312 (埇桥, 浉河) and
// fails on bold text holding a character the chrome font lacks: bold is
// drawn with that subset (Fonts), so such text would show boxes on a
// machine without CJK fonts.
func TestBoldTextInChromeFont(t *testing.T) {
	h := newHarness(t, false)
	bold := uitest.NewBoldChecker(t, assets.ChromeFont())
	h.w.Canvas().Capture()
	bold.Check(t, "first start", h.w.Canvas())
	if h.u.dialog == nil {
		t.Fatal("no first-start dialog")
	}
	h.fillProfile("埇桥区公安分局浉河派出所", "派出所", "", "王喆")
	h.tap(h.findButton(lang.L("Save")))
	h.u.wait()

	unit := domain.Unit{Name: "埇桥区公安分局浉河派出所", Type: "派出所"}
	sub := h.seed(unit, "2026-Q2", domain.Submitted, 2)
	h.seed(unit, "2026-Q3", domain.Draft, 3)
	h.reload()
	h.w.Canvas().Capture()
	bold.Check(t, "home", h.w.Canvas())

	for i, a := range h.u.home.Shown() {
		if a.ID != sub {
			if err := h.u.home.Do("select", strconv.Itoa(i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.tap(h.findButton(lang.L("Delete draft")))
	h.w.Canvas().Capture()
	bold.Check(t, "delete draft?", h.w.Canvas())
	h.interact(func() { h.w.Canvas().Overlays().Top().Hide() })

	screens := []struct {
		name string
		show func()
	}{
		{"new assessment", h.u.ShowNew},
		{"settings", h.u.ShowSettings},
	}
	for _, s := range screens {
		h.interact(s.show)
		h.u.wait()
		h.w.Canvas().Capture()
		bold.Check(t, s.name, h.w.Canvas())
		for top := h.w.Canvas().Overlays().Top(); top != nil; top = h.w.Canvas().Overlays().Top() {
			h.w.Canvas().Overlays().Remove(top)
		}
	}
	h.u.home.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.u.wait()
	h.w.Canvas().Capture()
	bold.Check(t, "opened assessment", h.w.Canvas())
	if bold.Seen == 0 {
		t.Fatal("no bold text seen: the walk does not reach the widgets")
	}
}
