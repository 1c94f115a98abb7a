package settings

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestHintSaysChooseAndClears: a drop-down missing is asked for with
// "choose" (请选择), not "fill in", and the hint follows what is fixed
// until it goes (issue 11 #11).
func TestHintSaysChooseAndClears(t *testing.T) {
	h := newHarness(t, Profile{})
	f := h.show(true)
	f.operator.SetText("")
	f.unitName.SetText("某某区公安分局")
	h.tap(f.saveButton)
	h.tasks.Wait()
	want := lang.L("Please fill in {{.Fill}} and choose {{.Choose}}.",
		map[string]any{"Fill": lang.L("your name"), "Choose": lang.L("the unit type")})
	if !f.hint.Visible() || f.hint.Text != want {
		t.Fatalf("hint %q (shown %v), want %q", f.hint.Text, f.hint.Visible(), want)
	}
	f.operator.SetText("李四")
	want = lang.L("Please choose {{.What}}.", map[string]any{"What": lang.L("the unit type")})
	if f.hint.Text != want {
		t.Errorf("after the name: %q, want %q", f.hint.Text, want)
	}
	f.unitType.SetSelectedIndex(1)
	if f.hint.Visible() {
		t.Errorf("the hint %q stays after everything is filled in", f.hint.Text)
	}
}
