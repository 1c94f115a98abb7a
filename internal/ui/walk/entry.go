package walk

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// navEntry is an entry that passes the view's navigation keys on, so that
// the user need not leave the field to go to another item.
//
// PageUp / PageDown and Alt+← / Alt+→ always go to the previous or next
// item (they are what the hint under the item names). Ctrl+← / Ctrl+→ go to
// another item only in a number entry: in a text (the note, the N/A reason)
// they move the cursor by word, as in every other text field. On macOS a
// text keeps Option+← / Option+→ (by word) and Cmd+← / Cmd+→ (line ends).
type navEntry struct {
	widget.Entry
	nav   func(step int) // goes to the previous (−1) or next (1) item
	words bool           // a text: Ctrl+arrows move by word
}

// numberEntry is a navEntry for a number: there are no words to jump over.
type numberEntry = navEntry

func newNumberEntry(nav func(step int)) *numberEntry {
	e := &navEntry{nav: nav}
	e.ExtendBaseWidget(e)
	return e
}

// newTextEntry returns a navEntry for text; multiLine makes it a note.
func newTextEntry(nav func(step int), multiLine bool) *navEntry {
	e := &navEntry{nav: nav, words: true}
	e.MultiLine = multiLine
	e.ExtendBaseWidget(e)
	return e
}

// wordModifier is the modifier with which arrows move by word in Fyne's entry.
func wordModifier() fyne.KeyModifier {
	if runtime.GOOS == "darwin" {
		return fyne.KeyModifierAlt
	}
	return fyne.KeyModifierShortcutDefault
}

// navStep returns the item step a shortcut stands for in this entry, or 0.
func (e *navEntry) navStep(s fyne.Shortcut) int {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || e.nav == nil {
		return 0
	}
	switch cs.Modifier {
	case fyne.KeyModifierAlt:
		if e.words && wordModifier() == fyne.KeyModifierAlt {
			return 0 // macOS: Option+arrows move by word in a text
		}
	case fyne.KeyModifierShortcutDefault:
		if e.words {
			return 0 // a text: Ctrl+arrows move by word (Cmd+arrows to the line ends on macOS)
		}
	default:
		return 0
	}
	switch cs.KeyName {
	case fyne.KeyLeft:
		return -1
	case fyne.KeyRight:
		return 1
	}
	return 0
}

// TypedShortcut goes to another item on Alt+← / Alt+→ (and Ctrl+← / Ctrl+→
// in a number).
func (e *navEntry) TypedShortcut(s fyne.Shortcut) {
	if step := e.navStep(s); step != 0 {
		e.nav(step)
		return
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.KeyName == fyne.KeyF && cs.Modifier == fyne.KeyModifierShortcutDefault {
		// Ctrl+F is the window's (the search box); an entry would swallow it.
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if sc, ok := c.(fyne.Shortcutable); ok {
				sc.TypedShortcut(s)
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey goes to another item on PageUp / PageDown, except in a
// multi-line text (the note), where they move through the text and
// Alt+← / Alt+→ change item.
func (e *navEntry) TypedKey(k *fyne.KeyEvent) {
	if step := pageStep(k); step != 0 && e.nav != nil && !e.MultiLine {
		e.nav(step)
		return
	}
	e.Entry.TypedKey(k)
}

// pageStep returns the item step of PageUp (−1) and PageDown (1), else 0.
func pageStep(k *fyne.KeyEvent) int {
	switch k.Name {
	case fyne.KeyPageUp:
		return -1
	case fyne.KeyPageDown:
		return 1
	}
	return 0
}

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
