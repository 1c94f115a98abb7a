package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// keys are the window's shortcuts while the view shows: PageUp / PageDown
// and Ctrl / Alt with ← / → go to the previous and next item. PageUp /
// PageDown arrive here when no widget has the focus; the focusable widgets
// of the view pass them on themselves (navEntry, navCheck, navSelect,
// navTree; radio buttons give the focus up, see releaseFocus).
type keys struct {
	window      fyne.Window
	shortcuts   []fyne.Shortcut
	prevTypeKey func(*fyne.KeyEvent) // the window's handler before the view's
	attached    bool
}

// attach registers the shortcuts on v's window, once.
func (k *keys) attach(v *View) {
	if k.attached || v.deps.Window == nil {
		return
	}
	k.attached = true
	k.window = v.deps.Window
	c := k.window.Canvas()
	// What had the focus on the screen before (the home list) would take
	// PageUp / PageDown; the view starts with none.
	c.Unfocus()
	for _, m := range []fyne.KeyModifier{fyne.KeyModifierShortcutDefault, fyne.KeyModifierAlt} {
		prev := &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: m}
		next := &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: m}
		c.AddShortcut(prev, func(fyne.Shortcut) { v.onPrevTapped() })
		c.AddShortcut(next, func(fyne.Shortcut) { v.onNextTapped() })
		k.shortcuts = append(k.shortcuts, prev, next)
	}
	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	c.AddShortcut(find, func(fyne.Shortcut) { v.nav.focusSearch() })
	k.shortcuts = append(k.shortcuts, find)
	k.prevTypeKey = c.OnTypedKey()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { k.onTypedKey(v, e) })
}

// detach gives the window its shortcuts and key handler back.
func (k *keys) detach() {
	if !k.attached {
		return
	}
	k.attached = false
	c := k.window.Canvas()
	for _, s := range k.shortcuts {
		c.RemoveShortcut(s)
	}
	k.shortcuts = nil
	c.SetOnTypedKey(k.prevTypeKey)
}

// onTypedKey handles keys typed while no widget has the focus.
func (k *keys) onTypedKey(v *View, e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyPageDown:
		v.onNextTapped()
	case fyne.KeyPageUp:
		v.onPrevTapped()
	default:
		if k.prevTypeKey != nil {
			k.prevTypeKey(e)
		}
	}
}
