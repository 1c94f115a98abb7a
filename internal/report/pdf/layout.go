package pdf

import (
	"context"
	"strings"
)

// Page geometry in points (A4).
const (
	pageW   = 595.28
	pageH   = 841.89
	marginL = 50.0
	marginR = 50.0
	bodyTop = 66.0  // first line of the body, below the running header
	bodyBot = 790.0 // the body ends here; the footer sits below
	pad     = 4.0   // cell padding
)

const textW = pageW - marginL - marginR

type rgb struct{ r, g, b uint8 }

var (
	black     = rgb{0x1a, 0x1a, 0x1a}
	gray      = rgb{0x59, 0x59, 0x59}
	lightGray = rgb{0xbf, 0xbf, 0xbf}
	navy      = rgb{0x1f, 0x3a, 0x5f}
	red       = rgb{0xb0, 0x12, 0x12}
	headFill  = rgb{0xdc, 0xe4, 0xef}
	groupFill = rgb{0xf1, 0xf4, 0xf8}
	lowFill   = rgb{0xfb, 0xe1, 0xe1}
	barFill   = rgb{0x3c, 0x6e, 0xa8}
	bonusFill = rgb{0x8a, 0xa8, 0x6b}
	noticeBg  = rgb{0xfd, 0xf1, 0xf1}
)

type opKind uint8

const (
	opText opKind = iota // text with its top-left corner at x, y
	opRect               // rectangle x, y, w, h: filled and/or stroked
	opLine               // line from x, y to x+w, y+h
)

// op is one drawing operation of a laid-out page.
type op struct {
	kind   opKind
	x, y   float64
	w, h   float64
	text   string
	size   float64
	color  rgb // text or stroke colour
	fill   *rgb
	stroke bool
	lineW  float64
	dashed bool
}

// lay lays the document out on pages of drawing operations.
type lay struct {
	ctx   context.Context
	m     *measurer
	pages [][]op
	y     float64 // top of the free space on the current page

	// table being drawn, to repeat its header on a new page
	tab *table

	steps, total int
	progress     func(done, total int)

	// outline holds the section headings by page, for the PDF's bookmarks.
	outline map[int][]string
}

func (l *lay) page() int { return len(l.pages) - 1 }

func (l *lay) add(o op) { l.pages[l.page()] = append(l.pages[l.page()], o) }

// newPage starts a page; the header of the table being drawn repeats on it.
func (l *lay) newPage() {
	l.pages = append(l.pages, nil)
	l.y = bodyTop
	if l.tab != nil {
		l.drawHeader(l.tab)
	}
}

// step counts one unit of work for the progress callback and reports
// whether the context is still live.
func (l *lay) step() error {
	l.steps++
	if l.progress != nil && l.steps <= l.total {
		l.progress(l.steps, l.total+1)
	}
	return l.ctx.Err()
}

func lineH(size float64) float64 { return size * 1.5 }

// wrap breaks s into lines that fit width at size.
func (l *lay) wrap(s string, width, size float64) []string {
	return breakLines(s, width, func(r rune) float64 { return l.m.adv(r) * size })
}

func (l *lay) text(x, y, size float64, c rgb, s string) {
	if s == "" {
		return
	}
	l.add(op{kind: opText, x: x, y: y, size: size, color: c, text: s})
}

// textAligned draws s in a box of width w at x: align 0 left, 1 centre, 2 right.
func (l *lay) textAligned(x, y, w, size float64, c rgb, s string, align int) {
	switch align {
	case 1:
		x += (w - l.m.width(strings.TrimRight(s, " "), size)) / 2
	case 2:
		x += w - l.m.width(strings.TrimRight(s, " "), size)
	}
	l.text(x, y, size, c, s)
}

func (l *lay) rect(x, y, w, h float64, fill *rgb, stroke bool, c rgb) {
	l.add(op{kind: opRect, x: x, y: y, w: w, h: h, fill: fill, stroke: stroke, color: c, lineW: 0.5})
}

func (l *lay) line(x1, y1, x2, y2, width float64, c rgb, dashed bool) {
	l.add(op{kind: opLine, x: x1, y: y1, w: x2 - x1, h: y2 - y1, lineW: width, color: c, dashed: dashed})
}

// ensure starts a new page unless h points fit below the current position.
func (l *lay) ensure(h float64) {
	if l.y+h > bodyBot+eps && l.y > bodyTop+eps {
		l.newPage()
	}
}

// para lays out a wrapped paragraph, breaking pages between lines. A
// centred paragraph is balanced: its lines are made as even as they can be
// without adding a line, so that a title does not end in a lone character.
func (l *lay) para(s string, x, w, size float64, c rgb, align int) {
	lh := lineH(size)
	lines := l.wrap(s, w, size)
	if align == 1 && len(lines) > 1 {
		lo, hi := w/2, w
		for range 20 {
			mid := (lo + hi) / 2
			if len(l.wrap(s, mid, size)) > len(lines) {
				lo = mid
			} else {
				hi = mid
			}
		}
		lines = l.wrap(s, hi, size)
	}
	for _, ln := range lines {
		l.ensure(lh)
		l.textAligned(x, l.y, w, size, c, ln, align)
		l.y += lh
	}
}

// heading lays out a section heading and keeps it with keep points of what
// follows.
func (l *lay) heading(s string, keep float64) {
	const size = 13
	lines := l.wrap(s, textW, size)
	h := float64(len(lines))*lineH(size) + 6
	l.ensure(h + keep)
	if l.y > bodyTop+eps {
		l.y += 8
	}
	if l.outline == nil {
		l.outline = map[int][]string{}
	}
	l.outline[l.page()] = append(l.outline[l.page()], s)
	for _, ln := range lines {
		l.text(marginL, l.y, size, navy, ln)
		l.y += lineH(size)
	}
	l.line(marginL, l.y+1, marginL+textW, l.y+1, 0.8, navy, false)
	l.y += 8
}

// ---- tables ----

// column is one column of a table.
type column struct {
	title string
	w     float64
	align int
}

// table is a table's columns and type size.
type table struct {
	cols []column
	size float64
}

// cell is the text of one cell of a band.
type cell struct {
	x, w   float64
	lines  []string
	align  int
	color  rgb
	fill   *rgb
	size   float64
	indent float64
}

// band is a horizontal strip of a row: the cells under the columns, or one
// cell across the table.
type band struct {
	cells []cell
}

func (b band) lines() int {
	n := 0
	for _, c := range b.cells {
		n = max(n, len(c.lines))
	}
	return n
}

// row is one table row: one or more bands kept together on a page.
type row struct {
	bands []band
	fill  *rgb
}

func bandH(n int, size float64) float64 { return 2*pad + float64(n)*lineH(size) }

func (l *lay) rowH(t *table, r *row) float64 {
	h := 0.0
	for _, b := range r.bands {
		h += bandH(b.lines(), bandSize(t, b))
	}
	return h
}

func bandSize(t *table, b band) float64 {
	s := t.size
	for _, c := range b.cells {
		if c.size > 0 {
			s = max(s, c.size)
		}
	}
	return s
}

// cells builds a band of cells under the table's columns from texts.
func (l *lay) cells(t *table, texts ...string) band {
	var b band
	x := marginL
	for i, col := range t.cols {
		s := ""
		if i < len(texts) {
			s = texts[i]
		}
		b.cells = append(b.cells, cell{x: x, w: col.w, lines: l.wrap(s, col.w-2*pad, t.size), align: col.align, color: black})
		x += col.w
	}
	return b
}

// wide builds a band of one cell across the table.
func (l *lay) wide(t *table, s string, size float64, c rgb) band {
	w := tableW(t)
	return band{cells: []cell{{x: marginL, w: w, lines: l.wrap(s, w-2*pad, size), color: c, size: size}}}
}

func tableW(t *table) float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	return w
}

func (l *lay) headerBand(t *table) band {
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	b := l.cells(t, titles...)
	for i := range b.cells {
		b.cells[i].align = 1
		b.cells[i].color = navy
	}
	return b
}

func (l *lay) drawHeader(t *table) {
	b := l.headerBand(t)
	l.drawBand(t, b, 0, b.lines(), &headFill)
}

// startTable draws the header of t and makes it repeat on new pages, keeping
// it with the first row of height first.
func (l *lay) startTable(t *table, first float64) {
	hb := l.headerBand(t)
	l.ensure(bandH(hb.lines(), t.size) + first)
	l.tab = t
	l.drawBand(t, hb, 0, hb.lines(), &headFill)
}

func (l *lay) endTable() {
	l.tab = nil
	l.y += 6
}

// drawRow lays out a row. A row that does not fit below moves to the next
// page whole; only a row taller than a page is split, band by band and line
// by line, continuing each cell's text on the next page.
func (l *lay) drawRow(t *table, r *row, keep float64) {
	h := l.rowH(t, r)
	hb := l.headerBand(t)
	avail := bodyBot - bodyTop - bandH(hb.lines(), t.size)
	if l.y+h+keep > bodyBot+eps && h+keep <= avail {
		l.newPage()
	} else if l.y+h > bodyBot+eps && h <= avail {
		l.newPage()
	}
	for _, b := range r.bands {
		size := bandSize(t, b)
		n := b.lines()
		for off := 0; off < n; {
			k := int((bodyBot - l.y - 2*pad + eps) / lineH(size))
			if k < 1 {
				l.newPage()
				continue
			}
			k = min(k, n-off)
			l.drawBand(t, b, off, k, r.fill)
			off += k
		}
	}
}

// drawBand draws lines [off, off+k) of every cell of b at the current
// position, with borders, and moves down.
func (l *lay) drawBand(t *table, b band, off, k int, fill *rgb) {
	size := bandSize(t, b)
	h := bandH(k, size)
	for _, c := range b.cells {
		f := fill
		if c.fill != nil {
			f = c.fill
		}
		l.rect(c.x, l.y, c.w, h, f, true, lightGray)
	}
	for _, c := range b.cells {
		cs := t.size
		if c.size > 0 {
			cs = c.size
		}
		y := l.y + pad + (lineH(size)-lineH(cs))/2
		for i := off; i < off+k && i < len(c.lines); i++ {
			l.textAligned(c.x+pad+c.indent, y, c.w-2*pad-c.indent, cs, c.color, c.lines[i], c.align)
			y += lineH(size)
		}
	}
	l.y += h
}
