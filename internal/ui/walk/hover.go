package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// hoverBox runs in while the mouse is over its content and out when it
// leaves: Fyne 2.7 has no tooltips, so details that would crowd a row
// (an evidence file's hash) show in the status line while pointed at.
type hoverBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	in, out func()
}

func newHoverBox(content fyne.CanvasObject, in, out func()) *hoverBox {
	h := &hoverBox{content: content, in: in, out: out}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer draws the content.
func (h *hoverBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.content) }

// MouseIn runs in.
func (h *hoverBox) MouseIn(*desktop.MouseEvent) {
	if h.in != nil {
		h.in()
	}
}

// MouseMoved does nothing.
func (h *hoverBox) MouseMoved(*desktop.MouseEvent) {}

// MouseOut runs out.
func (h *hoverBox) MouseOut() {
	if h.out != nil {
		h.out()
	}
}
