package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/answerform"
)

// navEntry is an entry that passes the view's navigation keys on
// (answerform.Entry): PageUp / PageDown and Alt+← / Alt+→ always go to the
// previous or next item, Ctrl+← / Ctrl+→ only in a number entry.
type navEntry = answerform.Entry

// newTextEntry returns a navEntry for text; multiLine makes it a note.
func newTextEntry(nav func(step int), multiLine bool) *navEntry {
	return answerform.NewTextEntry(nav, multiLine)
}

// pageStep returns the item step of PageUp (−1) and PageDown (1), else 0.
func pageStep(k *fyne.KeyEvent) int { return answerform.PageStep(k) }

// navCheck is a check box that passes PageUp / PageDown on to the view:
// clicking it gives it the keyboard focus, which would swallow them.
type navCheck struct {
	widget.Check
	nav func(step int)
}

func newNavCheck(label string, changed func(bool), nav func(int)) *navCheck {
	c := &navCheck{nav: nav}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey goes to another item on PageUp / PageDown.
func (c *navCheck) TypedKey(k *fyne.KeyEvent) {
	if step := pageStep(k); step != 0 && c.nav != nil {
		c.nav(step)
		return
	}
	c.Check.TypedKey(k)
}

// navSelect is a drop-down that passes PageUp / PageDown on to the view.
type navSelect struct {
	widget.Select
	nav func(step int)
}

func newNavSelect(options []string, changed func(string), nav func(int)) *navSelect {
	s := &navSelect{nav: nav}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey goes to another item on PageUp / PageDown.
func (s *navSelect) TypedKey(k *fyne.KeyEvent) {
	if step := pageStep(k); step != 0 && s.nav != nil {
		s.nav(step)
		return
	}
	s.Select.TypedKey(k)
}

// navTree is the item tree: it passes PageUp / PageDown on to the view,
// since a click on a row gives the tree the keyboard focus.
type navTree struct {
	widget.Tree
	nav      func(step int)
	scroller fyne.Scrollable // the tree's own scroller (see hoverRow.Scrolled)
}

// TypedKey goes to another item on PageUp / PageDown.
func (t *navTree) TypedKey(k *fyne.KeyEvent) {
	if step := pageStep(k); step != 0 && t.nav != nil {
		t.nav(step)
		return
	}
	t.Tree.TypedKey(k)
}

// releaseFocus takes the keyboard focus from a radio button the user just
// chose with: Fyne's radio items swallow every key, PageUp / PageDown
// included, and cannot be extended. Entries keep the focus.
func releaseFocus(w fyne.Window) {
	if w == nil {
		return
	}
	c := w.Canvas()
	switch c.Focused().(type) {
	case nil, *navEntry, *widget.Entry, *navCheck, *navSelect, *navTree:
		return
	}
	c.Unfocus()
}
