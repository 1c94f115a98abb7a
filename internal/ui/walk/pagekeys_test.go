package walk

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// press delivers a key as the desktop driver does: to the focused widget,
// else to the window.
func press(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// radioItem returns the first tappable choice inside a radio group.
func radioItem(t *testing.T, g *widget.RadioGroup) fyne.Tappable {
	t.Helper()
	var item fyne.Tappable
	walkObjects(g, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil && o != fyne.CanvasObject(g) {
			if _, focusable := o.(fyne.Focusable); focusable {
				item = tp
			}
		}
	})
	if item == nil {
		t.Fatal("no radio item")
	}
	return item
}

// TestPageKeysEverywhere: PageUp / PageDown go to another item wherever the
// focus is, after a click on an answer widget, a check box, the tree or the
// filter, and right after the view replaces another screen; only inside
// the multi-line note do they stay in the text, where Alt+arrows change item.
func TestPageKeysEverywhere(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	c := h.w.Canvas()
	steps := []struct {
		name  string
		focus func()
		key   fyne.KeyName
		from  string
		want  string
	}{
		{"after choosing a radio button with the mouse", func() { test.Tap(radioItem(t, v.pane.form.main.Met)) }, fyne.KeyPageDown, "A1", "A2"},
		{"after a click on the N/A box", func() { test.Tap(v.pane.form.na) }, fyne.KeyPageDown, "A2", "A3"},
		{"after a click on the flag box", func() { test.Tap(v.pane.form.flag) }, fyne.KeyPageUp, "A3", "A2"},
		{"with the tree focused", func() { c.Focus(v.nav.tree) }, fyne.KeyPageDown, "A2", "A3"},
		{"with the filter focused", func() { c.Focus(v.nav.filter) }, fyne.KeyPageUp, "A3", "A2"},
		{"in a number entry", func() { c.Focus(v.pane.form.main.Value) }, fyne.KeyPageDown, "A3", "A4"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			v.ShowItem(st.from)
			st.focus()
			press(c, st.key)
			mustEqual(t, "item", v.nav.current, st.want)
		})
	}
	t.Run("in the note PageDown stays, Alt+→ changes item", func(t *testing.T) {
		v.ShowItem("A1")
		c.Focus(v.pane.form.note)
		press(c, fyne.KeyPageDown)
		mustEqual(t, "item after PageDown", v.nav.current, "A1")
		v.pane.form.note.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
		mustEqual(t, "item after Alt+→", v.nav.current, "A2")
	})
	t.Run("right after the view takes the window", func(t *testing.T) {
		other := widget.NewEntry()
		h.w.SetContent(other)
		v.Close()
		c.Focus(other) // the home screen's list had the focus
		h.w.SetContent(v.Content())
		v.ShowItem("A1")
		press(c, fyne.KeyPageDown)
		mustEqual(t, "item", v.nav.current, "A2")
	})
}
