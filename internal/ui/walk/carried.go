package walk

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
)

// Answers carried from the last round (沿用上轮, issue 17): each blocks
// submission until it is changed or confirmed. Changing an answer on
// screen confirms it; the toolbar's button confirms all the unchanged
// ones at once (Deps.ConfirmCarried, audited by storage).

// newCarriedButton is the toolbar's 确认沿用上轮 button; hidden until
// updateCarried shows it.
func newCarriedButton(v *View) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.ConfirmIcon(), v.onConfirmCarried)
	b.Hide()
	return b
}

// updateCarried shows the button while carried answers wait and the user
// may confirm them.
func (c *chrome) updateCarried() {
	n := len(c.v.ws.Carried)
	if c.v.readOnly || n == 0 || c.v.deps.ConfirmCarried == nil {
		c.carried.Hide()
		return
	}
	c.carried.SetText(lang.L("Confirm {{.N}} carried answers", map[string]any{"N": n}))
	c.carried.Show()
}

// dropCarried forgets the 沿用上轮 mark of an item whose answer the user
// changed on screen.
func (v *View) dropCarried(id string) {
	for i, it := range v.ws.Carried {
		if it == id {
			v.ws.Carried = append(v.ws.Carried[:i:i], v.ws.Carried[i+1:]...)
			return
		}
	}
}

// onConfirmCarried asks, then confirms every carried answer unchanged.
func (v *View) onConfirmCarried() {
	if v.readOnly || v.deps.ConfirmCarried == nil || len(v.ws.Carried) == 0 {
		return
	}
	msg := lang.L("{{.N}} answers were carried from the last round unchanged. Confirm that they still hold for this round? Each confirmation is recorded.",
		map[string]any{"N": len(v.ws.Carried)})
	dialog.NewCustomConfirm(lang.L("Confirm carried answers"), lang.L("Confirm"), lang.L("Later"),
		sized(wrapped(msg), 440), func(ok bool) {
			if ok {
				v.saves.WhenSaved(v.confirmCarried)
			}
		}, v.deps.Window).Show()
}

// confirmCarried stores the confirmation in the background.
func (v *View) confirmCarried() {
	confirm, id, ctx := v.deps.ConfirmCarried, v.ws.Assessment.ID, v.ctx()
	v.background(func() func() {
		done, err := confirm(ctx, id, nil)
		return func() {
			if err != nil {
				v.showMessage(lang.L("The carried answers were not confirmed: {{.Reason}}", map[string]any{"Reason": kit.ErrorText(err)}))
				return
			}
			for _, it := range done {
				v.dropCarried(it)
				v.nav.refreshItem(it)
			}
			v.rescore()
			v.bar.updateBlockers()
			v.bar.setStatus(lang.L("{{.N}} carried answers confirmed", map[string]any{"N": len(done)}))
		}
	})
}
