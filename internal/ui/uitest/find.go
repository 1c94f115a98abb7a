package uitest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Top returns the top overlay of w (a dialog), or its content when no
// overlay shows: where a user's next click goes.
func Top(w fyne.Window) fyne.CanvasObject {
	if top := w.Canvas().Overlays().Top(); top != nil {
		return top
	}
	return w.Content()
}

// Find returns the first visible object under root, as laid out, of type T
// that match accepts; ok is false when there is none. Tests find widgets as
// a user does, by what they show, so that screens need not export them.
func Find[T fyne.CanvasObject](root fyne.CanvasObject, match func(T) bool) (found T, ok bool) {
	for _, o := range test.LaidOutObjects(root) {
		if x, is := o.(T); is && o.Visible() && (match == nil || match(x)) {
			return x, true
		}
	}
	return found, false
}

// Button returns the visible button showing text under root; the test fails
// without one.
func Button(t testing.TB, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b, ok := Find(root, func(b *widget.Button) bool { return b.Text == text })
	if !ok {
		t.Fatalf("no button %q; the screen shows %q", text, Text(root))
	}
	return b
}

// Entry returns the visible entry with the given placeholder under root;
// the test fails without one.
func Entry(t testing.TB, root fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	e, ok := Find(root, func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
	if !ok {
		t.Fatalf("no entry %q", placeholder)
	}
	return e
}

// Select returns the visible select with the given placeholder under root;
// the test fails without one.
func Select(t testing.TB, root fyne.CanvasObject, placeholder string) *widget.Select {
	t.Helper()
	s, ok := Find(root, func(s *widget.Select) bool { return s.PlaceHolder == placeholder })
	if !ok {
		t.Fatalf("no select %q", placeholder)
	}
	return s
}

// Text returns the text of every visible label under root, one per line.
func Text(root fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(root) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}
