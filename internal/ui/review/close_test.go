package review

import "testing"

// TestCloseLetsGoOfTheKeys: when the review screen leaves the window, the
// field of the review box it focused no longer takes the keys typed on
// the next screen.
func TestCloseLetsGoOfTheKeys(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	c := f.deps.Window.Canvas()
	f.tasks.Interact(func() { c.Focus(s.comment) })
	if c.Focused() == nil {
		t.Fatal("the comment field does not take the focus")
	}
	f.tasks.Interact(s.Close)
	f.settle(s)
	if got := c.Focused(); got != nil {
		t.Errorf("after Close the focus stays on %T", got)
	}
}
