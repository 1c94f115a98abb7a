package uitest

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/go-text/typesetting/font"
)

// BoldChecker finds bold text holding characters that a font lacks. The
// theme draws bold with a subset font (ui.Fonts), so catalog and user text
// must not be bold.
type BoldChecker struct {
	face *font.Face
	// Seen counts the bold texts checked, so that a test can tell it
	// reached the widgets.
	Seen int
}

// NewBoldChecker parses ttf, the font bold text is drawn with.
func NewBoldChecker(t testing.TB, ttf []byte) *BoldChecker {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		t.Fatalf("parse the bold font: %v", err)
	}
	return &BoldChecker{face: f}
}

// Check walks what c shows, its content and overlays, and fails the test
// on visible bold text with a character the font lacks; where names the
// screen in the message.
func (b *BoldChecker) Check(t *testing.T, where string, c fyne.Canvas) {
	t.Helper()
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			if !x.TextStyle.Bold {
				return
			}
			b.Seen++
			for _, r := range x.Text {
				if _, ok := b.face.NominalGlyph(r); !ok {
					t.Errorf("%s: bold text %q has %q, which the bold font lacks", where, x.Text, r)
					return
				}
			}
		case *fyne.Container:
			for _, o := range x.Objects {
				walk(o)
			}
		case *container.Scroll:
			walk(x.Content)
		case fyne.Widget:
			for _, o := range test.TempWidgetRenderer(t, x).Objects() {
				walk(o)
			}
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
}
