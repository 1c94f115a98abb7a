package walk

import "testing"

// TestCloseLetsGoOfTheKeys: when the view leaves the window (the shell
// closes it and shows home), the search entry it focused no longer takes
// the keys typed on the next screen — Enter on home's list went to the
// hidden entry instead of opening the assessment.
func TestCloseLetsGoOfTheKeys(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	h.settle()
	h.w.Canvas().Focus(h.v.nav.search)
	if h.w.Canvas().Focused() == nil {
		t.Fatal("the search entry does not take the focus")
	}
	h.v.Close()
	h.settle()
	if f := h.w.Canvas().Focused(); f != nil {
		t.Errorf("after Close the focus stays on %T", f)
	}
}
