package overview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
)

// lineChart draws score rates over rounds: one line per series, a dot per
// value, the rounds along the bottom and 0 to 100 % up the side. A missing
// value (NaN) breaks the line.
type lineChart struct {
	widget.BaseWidget
	labels []string
	series []Series
}

func newLineChart() *lineChart {
	c := &lineChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set shows new series over the labels (one value per label each).
func (c *lineChart) set(labels []string, series []Series) {
	c.labels, c.series = labels, series
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *lineChart) CreateRenderer() fyne.WidgetRenderer { return &chartRenderer{c: c} }

// seriesColor is the colour of the i-th series: the total first, then the
// categories.
func seriesColor(i int) color.Color {
	palette := []color.NRGBA{
		{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff}, {R: 0xd9, G: 0x5f, B: 0x02, A: 0xff}, {R: 0x1b, G: 0x9e, B: 0x77, A: 0xff},
		{R: 0x75, G: 0x70, B: 0xb3, A: 0xff}, {R: 0xe7, G: 0x29, B: 0x8a, A: 0xff}, {R: 0x66, G: 0xa6, B: 0x1e, A: 0xff},
		{R: 0xa6, G: 0x76, B: 0x1d, A: 0xff}, {R: 0x66, G: 0x66, B: 0x66, A: 0xff}, {R: 0x17, G: 0xbe, B: 0xcf, A: 0xff},
		{R: 0xbc, G: 0xbd, B: 0x22, A: 0xff}, {R: 0x8c, G: 0x56, B: 0x4b, A: 0xff}, {R: 0x9e, G: 0x0e, B: 0x3f, A: 0xff},
	}
	return palette[i%len(palette)]
}

type chartRenderer struct {
	c    *lineChart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *chartRenderer) Layout(s fyne.Size) {
	r.size = s
	r.build()
}

func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(320, 220) }

func (r *chartRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) Destroy() {}

// top is the highest rate on the axis: 100 %, more when a bonus goes above.
func (r *chartRenderer) top() float64 {
	top := 1.0
	for _, s := range r.c.series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > top {
				top = math.Ceil(v*10) / 10
			}
		}
	}
	return top
}

// build lays the chart out for the current size.
func (r *chartRenderer) build() {
	r.objs = r.objs[:0]
	w, h := r.size.Width, r.size.Height
	const left, right, topM, bottom = 48, 40, 10, 30 // right: room for half the last round's name
	pw, ph := w-left-right, h-topM-bottom
	if pw <= 10 || ph <= 10 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	textSize := theme.TextSize() * 0.85
	top := r.top()
	y := func(v float64) float32 { return topM + ph - float32(v/top)*ph }
	for v := 0.0; v <= top+1e-9; v += 0.2 {
		yy := y(v)
		ln := canvas.NewLine(grid)
		ln.StrokeWidth = 1
		ln.Position1, ln.Position2 = fyne.NewPos(left, yy), fyne.NewPos(left+pw, yy)
		t := canvas.NewText(kit.Percent(v), fg)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignTrailing
		ts := t.MinSize()
		t.Move(fyne.NewPos(left-6-ts.Width, yy-ts.Height/2))
		t.Resize(ts)
		r.objs = append(r.objs, ln, t)
	}
	n := len(r.c.labels)
	if n == 0 {
		return
	}
	x := func(i int) float32 {
		if n == 1 {
			return left + pw/2
		}
		return left + float32(i)*pw/float32(n-1)
	}
	for i, l := range r.c.labels {
		t := canvas.NewText(l, fg)
		t.TextSize = textSize
		ts := t.MinSize()
		t.Move(fyne.NewPos(x(i)-ts.Width/2, topM+ph+6))
		t.Resize(ts)
		r.objs = append(r.objs, t)
	}
	// The total last, so that it is drawn over the categories.
	order := make([]int, 0, len(r.c.series))
	for i := len(r.c.series) - 1; i >= 0; i-- {
		order = append(order, i)
	}
	for _, si := range order {
		s := r.c.series[si]
		col := seriesColor(si)
		width, radius := float32(1.5), float32(3)
		if s.Bold {
			width, radius = 3, 4.5
		}
		prev := -1
		for i, v := range s.Values {
			if i >= n || math.IsNaN(v) {
				prev = -1
				continue
			}
			p := fyne.NewPos(x(i), y(v))
			if prev >= 0 {
				ln := canvas.NewLine(col)
				ln.StrokeWidth = width
				ln.Position1, ln.Position2 = fyne.NewPos(x(prev), y(s.Values[prev])), p
				r.objs = append(r.objs, ln)
			}
			dot := canvas.NewCircle(col)
			dot.Move(fyne.NewPos(p.X-radius, p.Y-radius))
			dot.Resize(fyne.NewSize(2*radius, 2*radius))
			r.objs = append(r.objs, dot)
			prev = i
		}
	}
}

// legend names the series of a chart in their colours.
func legend(series []Series) fyne.CanvasObject {
	var items []fyne.CanvasObject
	for i, s := range series {
		swatch := canvas.NewRectangle(seriesColor(i))
		swatch.SetMinSize(fyne.NewSize(18, 4))
		if s.Bold {
			swatch.SetMinSize(fyne.NewSize(18, 6))
		}
		l := widget.NewLabel(s.Name)
		l.Truncation = fyne.TextTruncateEllipsis
		if s.Bold {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		items = append(items, container.NewBorder(nil, nil, container.NewCenter(swatch), nil, l))
	}
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(190, 30)), items...)
}
