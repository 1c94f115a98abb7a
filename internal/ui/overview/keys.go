package overview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Activate registers the overview's shortcuts on the window while it
// shows (the shell calls it each time it shows the overview; Close lets
// them go): Ctrl+1, 2, 3 the ranking, matrix and trend tabs, Ctrl+F the
// unit search of the trend, Ctrl+E the report export, Ctrl+T the
// round's targets (for those who may set them), Alt+← back home.
func (o *Overview) Activate() {
	if o.deps.Window == nil || o.shortcuts != nil {
		return
	}
	c := o.deps.Window.Canvas()
	add := func(key fyne.KeyName, mod fyne.KeyModifier, fn func()) {
		s := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		c.AddShortcut(s, func(fyne.Shortcut) { fn() })
		o.shortcuts = append(o.shortcuts, s)
	}
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3} {
		add(k, fyne.KeyModifierShortcutDefault, func() { o.tabs.SelectIndex(i) })
	}
	add(fyne.KeyF, fyne.KeyModifierShortcutDefault, func() {
		o.tabs.SelectIndex(2)
		c.Focus(o.trend.search)
	})
	add(fyne.KeyE, fyne.KeyModifierShortcutDefault, o.onExportTapped)
	add(fyne.KeyT, fyne.KeyModifierShortcutDefault, o.onTargetsTapped)
	add(fyne.KeyLeft, fyne.KeyModifierAlt, func() { call(o.deps.OnBack) })
}

// deactivate removes the shortcuts Activate registered.
func (o *Overview) deactivate() {
	if o.deps.Window == nil {
		return
	}
	for _, s := range o.shortcuts {
		o.deps.Window.Canvas().RemoveShortcut(s)
	}
	o.shortcuts = nil
}
