package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// numberEntry is an entry for a number that passes the view's navigation
// keys on (Ctrl+← / Ctrl+→, PageUp / PageDown): in a number there are no
// words to jump over, and the user should not have to leave the field to
// go to the next item.
type numberEntry struct {
	widget.Entry
	nav func(step int) // goes to the previous (−1) or next (1) item
}

func newNumberEntry(nav func(step int)) *numberEntry {
	e := &numberEntry{nav: nav}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut goes to another item on Ctrl+← / Ctrl+→.
func (e *numberEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.nav != nil && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyLeft:
			e.nav(-1)
			return
		case fyne.KeyRight:
			e.nav(1)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey goes to another item on PageUp / PageDown.
func (e *numberEntry) TypedKey(k *fyne.KeyEvent) {
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
