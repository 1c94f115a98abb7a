package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// widthLayout gives its objects a fixed width and the height they need at
// that width, so that a wrapping text in a dialog neither collapses into a
// narrow column nor stretches across the window.
type widthLayout struct{ width float32 }

func (l widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// FixedWidth holds o at the given width, as tall as it needs at that
// width: a wrapping text in a dialog.
func FixedWidth(o fyne.CanvasObject, width float32) *fyne.Container {
	return &fyne.Container{Layout: widthLayout{width}, Objects: []fyne.CanvasObject{o}}
}

// Sentence returns a dialog's message at the given width, wrapped where a
// line is full: Chinese has no spaces to wrap at, so a word-wrapped
// sentence broke at the one space it had ("删除" alone on the first line).
func Sentence(text string, width float32) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	return FixedWidth(l, width)
}
