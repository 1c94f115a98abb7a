package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
)

// sized holds o at the given width (a wrapping text in a dialog).
func sized(o fyne.CanvasObject, width float32) *fyne.Container { return kit.FixedWidth(o, width) }

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

// labelColumn is the left column of the item pane's grids: every grid that
// shares it gives its labels the width of the widest of them, so that the
// texts and inputs of all rows start at the same x.
type labelColumn struct{ labels []fyne.CanvasObject }

func (c *labelColumn) width() float32 {
	w := float32(0)
	for _, l := range c.labels {
		if l.Visible() {
			w = max(w, l.MinSize().Width)
		}
	}
	return w
}

// gridLayout lays out its objects as rows of a label (left, at the shared
// column's width) and a value (right, the rest of the width, as tall as it
// needs at that width: wrapping text never clips). A row whose label and
// value are both hidden takes no space.
type gridLayout struct{ col *labelColumn }

// grid returns a grid of label, value pairs; it adds the labels to col.
func grid(col *labelColumn, pairs ...fyne.CanvasObject) *fyne.Container {
	for i := 0; i+1 < len(pairs); i += 2 {
		col.labels = append(col.labels, pairs[i])
	}
	return container.New(gridLayout{col}, pairs...)
}

func (g gridLayout) rows(objs []fyne.CanvasObject, f func(label, value fyne.CanvasObject)) {
	for i := 0; i+1 < len(objs); i += 2 {
		if objs[i].Visible() || objs[i+1].Visible() {
			f(objs[i], objs[i+1])
		}
	}
}

func (g gridLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	lw := g.col.width()
	w, h, n := float32(0), float32(0), 0
	g.rows(objs, func(label, value fyne.CanvasObject) {
		vs := value.MinSize()
		w = max(w, vs.Width)
		h += max(label.MinSize().Height, vs.Height)
		n++
	})
	if n > 1 {
		h += float32(n-1) * pad
	}
	return fyne.NewSize(lw+pad+w, h)
}

func (g gridLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw := g.col.width()
	vw := max(size.Width-lw-pad, 0)
	y := float32(0)
	g.rows(objs, func(label, value fyne.CanvasObject) {
		// A wrapping text knows its height once it has its width.
		value.Resize(fyne.NewSize(vw, value.MinSize().Height))
		lh := label.MinSize().Height
		h := max(lh, value.MinSize().Height)
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(lw, lh))
		value.Move(fyne.NewPos(lw+pad, y))
		value.Resize(fyne.NewSize(vw, h))
		y += h + pad
	})
}

// muted returns a label in a secondary colour: low importance, which the
// application's theme (internal/ui) draws in a readable grey. It returns the
// label itself: a container.ThemeOverride here would give every such label
// its own font cache scope, and Fyne parses the 4.6 MB CJK font again for
// each (about 16 MB apiece, again for every item shown).
func muted(l *widget.Label) fyne.CanvasObject {
	l.Importance = widget.LowImportance
	return l
}

// panel puts o on a subtly shaded, rounded background with a thin border.
func panel(o fyne.CanvasObject) *fyne.Container {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(o))
}

// badge puts a label on a tinted, rounded background.
func badge(l *widget.Label) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, l)
}
