package walk

import "testing"

func TestScreenshots(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	h.shot("first")
	h.v.ShowItem("A4")
	h.shot("a4")
	h.v.ShowItem("B3")
	h.shot("b3")
	h.v.pane.tabs.Select(h.v.pane.scoreTab)
	h.shot("score")
}
