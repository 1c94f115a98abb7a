package answerform

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Entry is an entry that passes the screen's item navigation keys on, so
// that the user need not leave the field to go to another item.
//
// PageUp / PageDown and Alt+← / Alt+→ always go to the previous or next
// item. Ctrl+← / Ctrl+→ go to another item only in a number entry: in a
// text (a note, a reason) they move the cursor by word, as in every other
// text field. On macOS a text keeps Option+← / Option+→ (by word) and
// Cmd+← / Cmd+→ (line ends). Ctrl+F and Ctrl+Enter are the window's (the
// search box, 认可 and next), which a plain entry would swallow.
type Entry struct {
	widget.Entry
	nav   func(step int) // goes to the previous (−1) or next (1) item
	words bool           // a text: Ctrl+arrows move by word
}

// NewNumberEntry returns an Entry for a number: there are no words to
// jump over, so Ctrl+← / Ctrl+→ change item too. nav may be nil.
func NewNumberEntry(nav func(step int)) *Entry {
	e := &Entry{nav: nav}
	e.ExtendBaseWidget(e)
	return e
}

// NewTextEntry returns an Entry for text; multiLine makes it a note, in
// which PageUp / PageDown move through the text. nav may be nil.
func NewTextEntry(nav func(step int), multiLine bool) *Entry {
	e := &Entry{nav: nav, words: true}
	e.MultiLine = multiLine
	e.ExtendBaseWidget(e)
	return e
}

// WordModifier is the modifier with which arrows move by word in Fyne's entry.
func WordModifier() fyne.KeyModifier {
	if runtime.GOOS == "darwin" {
		return fyne.KeyModifierAlt
	}
	return fyne.KeyModifierShortcutDefault
}

// navStep returns the item step a shortcut stands for in this entry, or 0.
func (e *Entry) navStep(s fyne.Shortcut) int {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || e.nav == nil {
		return 0
	}
	switch cs.Modifier {
	case fyne.KeyModifierAlt:
		if e.words && WordModifier() == fyne.KeyModifierAlt {
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

// windowsShortcut reports whether s belongs to the window rather than to
// the entry: Ctrl+F (find) and Ctrl+Enter (认可 and next).
func windowsShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyF, fyne.KeyReturn, fyne.KeyEnter:
		return true
	}
	return false
}

// TypedShortcut goes to another item on Alt+← / Alt+→ (and Ctrl+← / Ctrl+→
// in a number) and hands the window's shortcuts to the window.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if step := e.navStep(s); step != 0 {
		e.nav(step)
		return
	}
	if windowsShortcut(s) {
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
// multi-line text, where they move through the text and Alt+← / Alt+→
// change item.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if step := PageStep(k); step != 0 && e.nav != nil && !e.MultiLine {
		e.nav(step)
		return
	}
	e.Entry.TypedKey(k)
}

// PageStep returns the item step of PageUp (−1) and PageDown (1), else 0.
func PageStep(k *fyne.KeyEvent) int {
	switch k.Name {
	case fyne.KeyPageUp:
		return -1
	case fyne.KeyPageDown:
		return 1
	}
	return 0
}
