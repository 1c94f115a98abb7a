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
	e.Entry.TypedShortcut(s)
}

// TypedKey goes to another item on PageUp / PageDown.
func (e *navEntry) TypedKey(k *fyne.KeyEvent) {
	if e.nav != nil {
		switch k.Name {
		case fyne.KeyPageUp:
			e.nav(-1)
			return
		case fyne.KeyPageDown:
			e.nav(1)
			return
		}
	}
	e.Entry.TypedKey(k)
}
