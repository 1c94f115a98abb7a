package walk

import "testing"

// TestScript drives the view as the screenshot and performance harness
// does, through screen.Scripted.
func TestScript(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	do := func(t *testing.T, action, arg string) {
		t.Helper()
		if err := v.Do(action, arg); err != nil {
			t.Fatalf("Do(%q, %q): %v", action, arg, err)
		}
	}
	t.Run("item", func(t *testing.T) {
		do(t, "item", "A2")
		mustEqual(t, "item shown", v.CurrentItem(), "A2")
	})
	t.Run("next and prev", func(t *testing.T) {
		do(t, "next", "")
		mustEqual(t, "after next", v.CurrentItem(), "A3")
		do(t, "prev", "")
		mustEqual(t, "after prev", v.CurrentItem(), "A2")
	})
	t.Run("answer chooses an option", func(t *testing.T) {
		do(t, "item", "A1")
		do(t, "answer", "1") // not met
		h.settle()
		if m := v.answerOf("A1").Met; m == nil || *m {
			t.Fatalf("A1 met = %v, want not met", m)
		}
	})
	t.Run("score and item tabs", func(t *testing.T) {
		do(t, "score", "")
		if v.pane.tabs.Selected() != v.pane.scoreTab {
			t.Fatal("the score tab does not show")
		}
		do(t, "item-tab", "")
		if v.pane.tabs.Selected() != v.pane.itemTab {
			t.Fatal("the item tab does not show")
		}
	})
	t.Run("filter", func(t *testing.T) {
		do(t, "filter", "2")
		mustEqual(t, "filter", v.nav.filter.SelectedIndex(), 2)
		do(t, "filter", "0")
	})
	t.Run("tree-scroll", func(t *testing.T) {
		do(t, "tree-scroll", "40")
	})
	for _, tc := range []struct{ name, action, arg string }{
		{"unknown action", "fly", ""},
		{"unknown item", "item", "Z9"},
		{"bad number", "filter", "x"},
		{"no such filter", "filter", "99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := v.Do(tc.action, tc.arg); err == nil {
				t.Fatalf("Do(%q, %q): no error", tc.action, tc.arg)
			}
		})
	}
	t.Run("check", func(t *testing.T) {
		do(t, "check", "")
		h.settle()
		if h.w.Canvas().Overlays().Top() == nil {
			t.Fatal("the submission check did not show")
		}
		h.closeOverlays()
	})
}
