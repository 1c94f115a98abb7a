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

	// Nothing but headings (a section heading, a table header, a group
	// row) stands between orphanY on page orphanPage and the current
	// position when the position is there: a row is not moved to the next
	// page from there, for that would leave the headings alone.
	orphanPage int
	orphanY    float64
}

// onlyHeadings reports whether nothing but headings lies above the current
// position since the last section heading.
func (l *lay) onlyHeadings() bool {
	return l.page() == l.orphanPage && l.y >= l.orphanY-eps && l.y <= l.orphanY+eps
}

// markHeadings records the current position as one that only headings lie above.
func (l *lay) markHeadings() { l.orphanPage, l.orphanY = l.page(), l.y }

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
	if align == 1 {
		lines = l.balanced(s, w, size)
	}
	for _, ln := range lines {
		l.ensure(lh)
		l.textAligned(x, l.y, w, size, c, ln, align)
		l.y += lh
	}
}

// balanced wraps s into as few lines as fit w, made as even as they can be
// without adding a line.
func (l *lay) balanced(s string, w, size float64) []string {
	lines := l.wrap(s, w, size)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := w/2, w
	for range 20 {
		mid := (lo + hi) / 2
		if len(l.wrap(s, mid, size)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return l.wrap(s, hi, size)
}

// heading lays out a section heading and keeps it with keep points of what
// follows: a heading is never the last thing on a page.
func (l *lay) heading(s string, keep float64) {
	const size = 13
	lines := l.wrap(s, textW, size)
	top := 0.0
	if l.y > bodyTop+eps {
		top = 12
	}
	if l.y+headingH(len(lines), top)+keep > bodyBot+eps && l.y > bodyTop+eps {
		l.newPage()
		top = 0
	}
	l.y += top
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
	l.markHeadings()
}

// headingH is the height of a heading of n lines with top points above it.
func headingH(n int, top float64) float64 { return top + float64(n)*lineH(13) + 8 }

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

// cell is the text of one cell of a band: its lines, then sub lines in
// smaller grey type (an item's requirement under its title).
type cell struct {
	x, w    float64
	lines   []string
	align   int
	color   rgb
	fill    *rgb
	size    float64
	indent  float64
	sub     []string
	subSize float64
}

// n is the number of lines of c, sub lines included.
func (c cell) n() int { return len(c.lines) + len(c.sub) }

// lineAt is the height of line i of c in a band whose lines are lh high.
func (c cell) lineAt(i int, lh float64) float64 {
	if i < len(c.lines) {
		return lh
	}
	return lineH(c.subSize)
}

// height is the height of lines [from, n) of c.
func (c cell) height(from int, lh float64) float64 {
	h := 0.0
	for i := from; i < c.n(); i++ {
		h += c.lineAt(i, lh)
	}
	return h
}

// band is a horizontal strip of a row: the cells under the columns, or one
// cell across the table.
type band struct {
	cells []cell
}

// row is one table row: one or more bands kept together on a page.
type row struct {
	bands []band
	fill  *rgb
}

// bandH is the height of band b: its tallest cell and the padding.
func bandH(t *table, b band) float64 {
	lh := lineH(bandSize(t, b))
	h := 0.0
	for _, c := range b.cells {
		h = max(h, c.height(0, lh))
	}
	return 2*pad + h
}

func (l *lay) rowH(t *table, r *row) float64 {
	h := 0.0
	for _, b := range r.bands {
		h += bandH(t, b)
	}
	return h
}

// bandSize is the type size that sets the line height of a band: the
// table's, or a larger size one of its cells asks for.
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
	l.drawWhole(t, l.headerBand(t), &headFill)
}

// startTable draws the header of t and makes it repeat on new pages, keeping
// it with the first row of height first. Right below a section heading it
// stays where it is: the heading has kept room for it.
func (l *lay) startTable(t *table, first float64) {
	hb := l.headerBand(t)
	below := l.onlyHeadings()
	if !below {
		l.ensure(bandH(t, hb) + l.keepFirst(t, first))
	}
	l.tab = t
	l.drawWhole(t, hb, &headFill)
	if below {
		l.markHeadings()
	}
}

// keepFirst is how much of a first row of height h to keep with the
// headings above it: all of it, unless it is taller than a page and will
// be split anyway, then its first lines.
func (l *lay) keepFirst(t *table, h float64) float64 {
	if h > bodyBot-bodyTop-l.headerH(t) {
		return min(h, 2*pad+3*lineH(t.size))
	}
	return h
}

// headerH is the height of the header of t.
func (l *lay) headerH(t *table) float64 { return bandH(t, l.headerBand(t)) }

func (l *lay) endTable() {
	l.tab = nil
	l.y += 6
}

// drawRow lays out a row, kept with keep points of what follows. A row
// that does not fit below moves to the next page whole; only a row taller
// than a page is split, band by band and line by line, continuing each
// cell's text on the next page.
func (l *lay) drawRow(t *table, r *row, keep float64) {
	h := l.rowH(t, r)
	avail := bodyBot - bodyTop
	if l.tab != nil {
		avail -= l.headerH(l.tab)
	}
	below := l.onlyHeadings()
	switch {
	case below:
		// Moving would leave the headings above alone: split if need be.
	case l.y+h+keep > bodyBot+eps && h+keep <= avail:
		l.newPage()
	case l.y+h > bodyBot+eps && h <= avail:
		l.newPage()
	}
	for _, b := range r.bands {
		l.drawBand(t, b, r.fill)
	}
	if below && keep > 0 {
		l.markHeadings() // a group row is a heading too
	}
}

// drawBand draws band b at the current position and moves down. What does
// not fit above the foot of the page continues on the next: each cell
// draws the lines that fit and goes on from the first it could not draw.
func (l *lay) drawBand(t *table, b band, fill *rgb) {
	lh := lineH(bandSize(t, b))
	from := make([]int, len(b.cells))
	for {
		room := bodyBot - l.y - 2*pad + eps
		fresh := l.y <= l.pageTop()+eps
		to := make([]int, len(b.cells))
		used, drawn, done := 0.0, false, true
		for i, c := range b.cells {
			j, h := from[i], 0.0
			for j < c.n() && (h+c.lineAt(j, lh) <= room || (fresh && j == from[i])) {
				h += c.lineAt(j, lh)
				j++
			}
			to[i] = j
			used = max(used, h)
			drawn = drawn || j > from[i]
			done = done && j == c.n()
		}
		if !drawn && !done {
			l.newPage()
			continue
		}
		l.drawSeg(t, b, from, to, 2*pad+used, fill)
		if done {
			return
		}
		from = to
		l.newPage()
	}
}

// pageTop is where the first row of a page goes: below the repeated header
// of the table being drawn.
func (l *lay) pageTop() float64 {
	if l.tab != nil {
		return bodyTop + l.headerH(l.tab)
	}
	return bodyTop
}

// drawWhole draws every line of b at the current position and moves down.
func (l *lay) drawWhole(t *table, b band, fill *rgb) {
	from := make([]int, len(b.cells))
	to := make([]int, len(b.cells))
	for i, c := range b.cells {
		to[i] = c.n()
	}
	l.drawSeg(t, b, from, to, bandH(t, b), fill)
}

// drawSeg draws lines [from[i], to[i]) of every cell i of b at the current
// position in a strip h high, with borders, and moves down.
func (l *lay) drawSeg(t *table, b band, from, to []int, h float64, fill *rgb) {
	size := bandSize(t, b)
	lh := lineH(size)
	for _, c := range b.cells {
		f := fill
		if c.fill != nil {
			f = c.fill
		}
		l.rect(c.x, l.y, c.w, h, f, true, lightGray)
	}
	for i, c := range b.cells {
		cs := t.size
		if c.size > 0 {
			cs = c.size
		}
		y := l.y + pad
		for j := from[i]; j < to[i]; j++ {
			if j < len(c.lines) {
				l.textAligned(c.x+pad+c.indent, y+(lh-lineH(cs))/2, c.w-2*pad-c.indent, cs, c.color, c.lines[j], c.align)
			} else {
				l.textAligned(c.x+pad+c.indent, y, c.w-2*pad-c.indent, c.subSize, gray, c.sub[j-len(c.lines)], c.align)
			}
			y += c.lineAt(j, lh)
		}
	}
	l.y += h
}
