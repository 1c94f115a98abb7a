package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// widthLayout gives its objects a fixed width and the height they need at
// that width, so that wrapping text in a dialog neither collapses nor
// stretches the dialog across the window.
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

// sized holds o at the given width.
func sized(o fyne.CanvasObject, width float32) *fyne.Container {
	return container.New(widthLayout{width}, o)
}

// heightLayout gives its objects the full width and at least a fixed height:
// a list inside a scrolled box, which would otherwise shrink to one row.
type heightLayout struct{ height float32 }

func (l heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.height)
}

func (l heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
