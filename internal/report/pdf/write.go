package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// Write lays the document out on A4 pages and writes the PDF to w. It stops
// with ctx's error when ctx is cancelled, and calls doc.Progress, when set,
// as it goes.
func Write(ctx context.Context, w io.Writer, doc *report.Document) error {
	fc, err := fontContainer()
	if err != nil {
		return err
	}
	if _, err := prepare(doc); err != nil {
		return err
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	gp.SetCompressLevel(6)
	if err := gp.AddTTFFontFromFontContainer(family, fc); err != nil {
		return fmt.Errorf("pdf: add font: %w", err)
	}
	if err := gp.SetFont(family, "", 10); err != nil {
		return fmt.Errorf("pdf: set font: %w", err)
	}
	gp.SetInfo(gopdf.PdfInfo{Title: pdfString(doc.Title), Subject: pdfString(doc.Unit + " " + doc.Round), Creator: "Pingce"})

	m := &measurer{gp: gp, fam: family, size: 10}
	l := &lay{ctx: ctx, m: m, progress: doc.Progress, orphanPage: -1}
	l.total = len(doc.Categories) + len(doc.Shortfalls) + len(doc.Details) + len(doc.Excluded)
	if err := layoutDoc(l, doc); err != nil {
		return err
	}
	if m.err != nil {
		return fmt.Errorf("pdf: %w", m.err)
	}
	if err := render(ctx, gp, m, l.pages, l.outline, chrome{title: doc.Title, header: strings.TrimSpace(doc.Unit + "  " + doc.Round), right: doc.CatalogRef, page: doc.Labels.Page}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	if _, err := w.Write(fixToUnicode(fixStrings(buf.Bytes()))); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	if doc.Progress != nil {
		doc.Progress(l.total+1, l.total+1)
	}
	return nil
}

// chrome is what every page shows around the body: the document's title
// (its first bookmark), the running header (left and right) and the page
// number's format (%d page, %d pages).
type chrome struct {
	title, header, right, page string
}

// render draws the laid-out pages with the running header and the footer.
func render(ctx context.Context, gp *gopdf.GoPdf, m *measurer, pages [][]op, outline map[int][]string, ch chrome) error {
	var color rgb
	setColor := func(c rgb) {
		if c != color {
			color = c
			gp.SetTextColor(c.r, c.g, c.b)
		}
	}
	var fill, stroke rgb
	lineW := -1.0
	dashed := false
	setFill := func(c rgb) {
		if c != fill {
			fill = c
			gp.SetFillColor(c.r, c.g, c.b)
		}
	}
	setStroke := func(c rgb, w float64) {
		if c != stroke {
			stroke = c
			gp.SetStrokeColor(c.r, c.g, c.b)
		}
		if w != lineW {
			lineW = w
			gp.SetLineWidth(w)
		}
	}
	setDash := func(d bool) {
		if d != dashed {
			dashed = d
			if d {
				gp.SetLineType("dashed")
			} else {
				gp.SetLineType("")
			}
		}
	}
	draw := func(o op) error {
		switch o.kind {
		case opText:
			setColor(o.color)
			// Text sets the fill colour of the page (rg) to its own.
			fill = rgb{1, 2, 3}
			x := o.x
			for _, r := range runs(o.text) {
				if err := m.use(r.face, o.size); err != nil {
					return err
				}
				// gopdf puts the baseline one typographic ascender below
				// the top: move a fallback face so the baselines meet.
				gp.SetXY(x, o.y+(mainFace.ascent-r.face.ascent)*o.size)
				if err := gp.Cell(nil, r.text); err != nil {
					return err
				}
				x += m.width(r.src, o.size)
			}
			return nil
		case opRect:
			style := ""
			if o.fill != nil {
				setFill(*o.fill)
				style = "F"
			}
			if o.stroke {
				setStroke(o.color, o.lineW)
				setDash(false)
				style += "D"
			}
			if style != "" {
				gp.RectFromUpperLeftWithStyle(o.x, o.y, o.w, o.h, style)
			}
		case opLine:
			setStroke(o.color, o.lineW)
			setDash(o.dashed)
			gp.Line(o.x, o.y, o.x+o.w, o.y+o.h)
		}
		return nil
	}
	n := len(pages)
	header := ch.header
	for i, ops := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		gp.AddPage()
		if i == 0 {
			gp.AddOutline(pdfString(ch.title))
		}
		for _, h := range outline[i] {
			gp.AddOutline(pdfString(h))
		}
		// Graphics state starts afresh on every page.
		m.fam, m.size = "", -1
		color, fill, stroke, lineW, dashed = rgb{1, 2, 3}, rgb{1, 2, 3}, rgb{1, 2, 3}, -1, false
		var extra []op
		if i > 0 { // running header; the cover has none
			hs := 8.0
			right := ch.right
			rw := m.width(right, hs)
			extra = append(extra,
				op{kind: opText, x: marginL, y: 34, size: hs, color: gray, text: fitLine(m, header, textW-rw-12, hs)},
				op{kind: opText, x: marginL + textW - rw, y: 34, size: hs, color: gray, text: right},
				op{kind: opLine, x: marginL, y: 50, w: textW, lineW: 0.5, color: lightGray})
		}
		foot := fmt.Sprintf(ch.page, i+1, n)
		fs := 8.5
		extra = append(extra, op{kind: opText, x: marginL + (textW-m.width(foot, fs))/2, y: 806, size: fs, color: gray, text: foot})
		for _, o := range extra {
			if err := draw(o); err != nil {
				return fmt.Errorf("pdf: page %d: %w", i+1, err)
			}
		}
		for _, o := range ops {
			if err := draw(o); err != nil {
				return fmt.Errorf("pdf: page %d: %w", i+1, err)
			}
		}
		pages[i] = nil // drawn: let the collector have the page's operations
	}
	return nil
}

// fitLine shortens s with "…" so that it fits width; used only for the
// running header, which repeats facts printed whole on the cover.
func fitLine(m *measurer, s string, width, size float64) string {
	if m.width(s, size) <= width {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && m.width(string(rs)+"…", size) > width {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// layoutDoc lays out every part of the report.
func layoutDoc(l *lay, doc *report.Document) error {
	l.newPage()
	cover(l, doc)
	l.newPage()
	if err := summary(l, doc); err != nil {
		return err
	}
	chart(l, doc)
	if err := shortfalls(l, doc); err != nil {
		return err
	}
	if err := belowTop(l, doc); err != nil {
		return err
	}
	if err := details(l, doc); err != nil {
		return err
	}
	if err := excluded(l, doc); err != nil {
		return err
	}
	vetoes(l, doc)  // review.go
	opinion(l, doc) // review.go
	signatures(l, doc)
	return nil
}

// Sizes of the cover title: the largest, and the smallest it shrinks to so
// that the 《…》 part stays on one line.
const (
	titleBig   = 20.0
	titleSmall = 16.0
)

// coverTitle returns the lines of the cover title and their type size. A
// title too wide for one line breaks after the 》 that closes the catalog
// title, "《…》" over "自评报告", at the largest size down to titleSmall at
// which both fit; failing that it breaks at a space, into two lines as even
// as fit, or else wherever the line breaker balances it best.
func coverTitle(l *lay, s string, w float64) ([]string, float64) {
	if l.m.width(s, titleBig) <= w {
		return []string{s}, titleBig
	}
	if i := strings.LastIndex(s, "》"); i > 0 {
		head, tail := s[:i+len("》")], strings.TrimSpace(s[i+len("》"):])
		if tail != "" {
			for size := titleBig; size >= titleSmall; size-- {
				if l.m.width(head, size) <= w && l.m.width(tail, size) <= w {
					return []string{head, tail}, size
				}
			}
		}
	}
	var best []string
	bestW := w + 1
	for i, r := range s {
		if r != ' ' {
			continue
		}
		a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
		wa, wb := l.m.width(a, titleBig), l.m.width(b, titleBig)
		if a != "" && b != "" && max(wa, wb) < bestW {
			best, bestW = []string{a, b}, max(wa, wb)
		}
	}
	if best != nil {
		return best, titleBig
	}
	return l.balanced(s, w, titleBig), titleBig
}

func cover(l *lay, doc *report.Document) {
	lb := doc.Labels
	l.y = 84
	title, size := coverTitle(l, doc.Title, textW)
	for _, ln := range title {
		l.textAligned(marginL, l.y, textW, size, navy, ln, 1)
		l.y += lineH(size)
	}
	l.y += 6
	l.para(doc.Unit, marginL, textW, 14, black, 1)
	l.y += 16

	// Facts.
	t := &table{size: 10, cols: []column{{w: 110, align: 0}, {w: textW - 110}}}
	facts := [][2]string{
		{lb.Unit, doc.Unit},
		{lb.UnitType, doc.UnitType},
		{lb.Round, doc.Round},
		{lb.Catalog, doc.CatalogTitle},
		{lb.Version, doc.CatalogVersion + lb.Paren(doc.CatalogRef)},
		{lb.Source, doc.Source},
		{lb.Date, firstNonEmpty(doc.Date, lb.BlankDate)},
	}
	if doc.Status != "" {
		facts = append(facts, [2]string{lb.Status, doc.Status})
	}
	for _, f := range facts {
		b := l.cells(t, f[0], f[1])
		b.cells[0].color = gray
		b.cells[0].fill = &groupFill
		l.drawRow(t, &row{bands: []band{b}}, 0)
	}
	l.y += 14

	// Score.
	cols := []column{{w: 150}, {w: textW - 150, align: 1}}
	if doc.Reviewed != nil {
		cols = []column{{w: 150}, {title: lb.SelfScore, w: (textW - 150) / 2, align: 1}, {title: lb.Reviewed, w: (textW - 150) / 2, align: 1}}
	}
	st := &table{size: 9.5, cols: cols}
	figs := []report.Figures{doc.Self}
	if doc.Reviewed != nil {
		figs = append(figs, *doc.Reviewed)
		l.startTable(st, 30)
		l.endTable()
		l.y -= 6
	}
	type line struct {
		label string
		val   func(f report.Figures) string
		big   bool
	}
	lines := []line{
		{lb.FinalScore, func(f report.Figures) string { return report.FinalCell(f, lb) }, true}, // 待汇总: the range
		{lb.Percent, func(f report.Figures) string { return report.PercentCell(f, lb) }, true},
		{lb.Grade, func(f report.Figures) string { return report.GradeCell(f, lb) }, true},
		{lb.Raw + " / " + lb.Applicable, func(f report.Figures) string { return report.Num(f.Raw) + " / " + report.Num(f.ApplicableMax) }, false},
	}
	// The shapes' lines (report/shapes.go) show only where they did something.
	if doc.Self.Adjustment != 0 || doc.Reviewed != nil && doc.Reviewed.Adjustment != 0 {
		lines = append(lines, line{lb.Shapes.Adjustment, func(f report.Figures) string { return report.Signed(f.Adjustment) }, false})
	}
	lines = append(lines,
		line{lb.Scaled, func(f report.Figures) string { return report.Num(f.Scaled) }, false},
		line{lb.Bonus, func(f report.Figures) string { return report.Num(f.Bonus) }, false})
	if doc.Self.VetoDeduct != 0 || doc.Reviewed != nil && doc.Reviewed.VetoDeduct != 0 {
		lines = append(lines, line{lb.Shapes.VetoDeduct, func(f report.Figures) string { return report.Signed(-f.VetoDeduct) }, false})
	}
	lines = append(lines,
		line{lb.BandGrade, func(f report.Figures) string { return f.BandGrade }, false},
		line{lb.Answered, func(f report.Figures) string { return strconv.Itoa(f.Answered) + " / " + strconv.Itoa(f.Applicable) }, false})
	if len(doc.Self.ItemGrades) > 0 {
		lines = append(lines, line{lb.ItemGrades, func(f report.Figures) string { return report.ItemGradesText(lb, f.ItemGrades) }, false})
	}
	for _, ln := range lines {
		texts := []string{ln.label}
		for _, f := range figs {
			texts = append(texts, ln.val(f))
		}
		b := l.cells(st, texts...)
		b.cells[0].color = gray
		b.cells[0].fill = &groupFill
		if ln.big {
			for i := 1; i < len(b.cells); i++ {
				b.cells[i].size = 14
				b.cells[i].color = navy
				if ln.label == lb.Grade && figs[i-1].Vetoed {
					b.cells[i].color = red
				}
				b.cells[i].lines = l.wrap(texts[i], b.cells[i].w-2*pad, 14)
			}
		}
		l.drawRow(st, &row{bands: []band{b}}, 0)
	}
	l.y += 14

	// Notices: vetoes and caps.
	var notices []string
	notices = append(notices, doc.Self.Notices...)
	if doc.Reviewed != nil {
		notices = append(notices, doc.Reviewed.Notices...)
	}
	nt := &table{size: 10, cols: []column{{title: lb.Notices, w: textW}}}
	if len(notices) == 0 {
		b := l.wide(nt, lb.Notices+lb.Colon+lb.NoNotice, 10, gray)
		l.drawRow(nt, &row{bands: []band{b}}, 0)
		return
	}
	l.startTable(nt, 24)
	for _, n := range notices {
		l.drawRow(nt, &row{bands: []band{l.wide(nt, "■ "+n, 10, red)}, fill: &noticeBg}, 0)
	}
	l.endTable()
}

func summary(l *lay, doc *report.Document) error {
	lb := doc.Labels
	cols := []column{{title: lb.ID, w: 48, align: 0}, {title: lb.Category}, {title: lb.Max, w: 52, align: 2}, {title: lb.Score, w: 52, align: 2}, {title: lb.Rate, w: 58, align: 2}}
	if doc.Reviewed != nil {
		cols = append(cols, column{title: lb.Reviewed, w: 52, align: 2}, column{title: lb.Rate, w: 58, align: 2})
	}
	fixColumns(cols)
	t := &table{size: 9.5, cols: cols}
	l.heading(lb.Summary, l.headerH(t)+bandH(t, l.cells(t, "A")))
	l.startTable(t, bandH(t, l.cells(t, "A")))
	for _, c := range doc.Categories {
		if err := l.step(); err != nil {
			return err
		}
		title := c.Title
		if c.Bonus && c.Depth == 0 {
			title = lb.MarkBonus(title)
		}
		title += report.AdjustText(lb, c)
		texts := []string{c.ID, title, report.Num(c.Max), report.Num(c.Score), rateText(c.Rate, c.HasRate)}
		if doc.Reviewed != nil {
			texts = append(texts, report.Num(c.ReviewedScore), rateText(c.ReviewedRate, c.HasRate))
		}
		b := l.cells(t, texts...)
		indent := 12 * float64(c.Depth)
		b.cells[1].indent = indent
		b.cells[1].lines = l.wrap(title, b.cells[1].w-2*pad-indent, t.size)
		if c.HasRate && c.Rate < 60 && !c.Bonus {
			b.cells[4].fill = &lowFill
			b.cells[4].color = red
		}
		if doc.Reviewed != nil && c.HasRate && c.ReviewedRate < 60 && !c.Bonus {
			b.cells[6].fill = &lowFill
			b.cells[6].color = red
		}
		var fill *rgb
		if c.Depth == 0 {
			fill = &groupFill
		}
		l.drawRow(t, &row{bands: []band{b}, fill: fill}, 0)
	}
	l.endTable()
	return nil
}

// fixColumns gives the columns without a width the width left over.
func fixColumns(cols []column) {
	used, free := 0.0, 0
	for _, c := range cols {
		if c.w == 0 {
			free++
		}
		used += c.w
	}
	for i := range cols {
		if cols[i].w == 0 {
			cols[i].w = (textW - used) / float64(free)
		}
	}
}

func rateText(r float64, ok bool) string {
	if !ok {
		return "—"
	}
	return report.Pct(r)
}

// chart draws a horizontal bar per top-level category: its rate.
func chart(l *lay, doc *report.Document) {
	lb := doc.Labels
	type bar struct {
		lines []string
		rate  float64
		ok    bool
		bonus bool
	}
	const size = 9.0
	labelW, valueW := 150.0, 56.0
	barW := textW - labelW - valueW - 8
	var bars []bar
	h := 0.0
	for _, c := range doc.Categories {
		if c.Depth != 0 {
			continue
		}
		title := strings.TrimSpace(c.ID + " " + c.Title)
		if c.Bonus {
			title = lb.MarkBonus(title)
		}
		b := bar{lines: l.wrap(title, labelW-4, size), rate: c.Rate, ok: c.HasRate, bonus: c.Bonus}
		if doc.Reviewed != nil {
			b.rate = c.ReviewedRate
		}
		bars = append(bars, b)
		h += max(float64(len(b.lines))*lineH(size), 14) + 6
	}
	if len(bars) == 0 {
		return
	}
	heading := lb.Chart
	if doc.Reviewed != nil {
		heading += lb.Paren(lb.Reviewed)
	}
	l.heading(heading, h+chartFoot)
	x0 := marginL + labelW
	top := l.y
	// Grid: 0, 20 … 100 %.
	for p := 0; p <= 100; p += 20 {
		x := x0 + barW*float64(p)/100
		l.line(x, top, x, top+h, 0.4, lightGray, false)
		s := strconv.Itoa(p) + "%"
		l.text(x-l.m.width(s, 7)/2, top+h+3, 7, gray, s)
	}
	// The rate of each bar is written after the 60 % line is drawn, on
	// white, so that the line does not strike through it.
	type label struct {
		x, y float64
		s    string
	}
	var labels []label
	for _, b := range bars {
		rh := max(float64(len(b.lines))*lineH(size), 14) + 6
		y := l.y + 3
		for i, ln := range b.lines {
			l.textAligned(marginL, y+float64(i)*lineH(size), labelW-6, size, black, ln, 2)
		}
		if b.ok {
			w := barW * min(max(b.rate, 0), 100) / 100
			c := barFill
			switch {
			case b.bonus:
				c = bonusFill // bonus points are not held to the 60 % line
			case b.rate < 60:
				c = red
			}
			l.rect(x0, y, w, 11, &c, false, c)
			labels = append(labels, label{x0 + w + 4, y, report.Pct(b.rate)})
		} else {
			l.text(x0+4, y, size, gray, "—")
		}
		l.y += rh
	}
	x60 := x0 + barW*0.6
	l.line(x60, top, x60, top+h, 0.8, red, true)
	white := rgb{0xff, 0xff, 0xff}
	for _, lab := range labels {
		l.rect(lab.x-1, lab.y, l.m.width(lab.s, size)+2, 11, &white, false, white)
		l.text(lab.x, lab.y, size, black, lab.s)
	}
	l.text(x60+3, top+h+12, 7, red, lb.RateLine)
	l.y += chartFoot
}

// chartFoot is the height below the bars of the chart: the axis labels and
// the legend of the 60 % line.
const chartFoot = 28.0

// itemCols returns the columns of the detail and shortfall tables.
func itemCols(doc *report.Document, shortfall bool) []column {
	lb := doc.Labels
	var cols []column
	if shortfall {
		cols = append(cols, column{title: lb.No, w: 30, align: 1}, column{title: lb.ID, w: 44}, column{title: lb.Item},
			column{title: lb.Lost, w: 44, align: 2})
	} else {
		cols = append(cols, column{title: lb.ID, w: 46}, column{title: lb.Item})
	}
	item := 1 // the item column
	if shortfall {
		item = 2
	}
	cols = append(cols, column{title: lb.Answer})
	if doc.Reviewed != nil {
		cols = append(cols, column{title: lb.SelfScore + "/" + lb.Max, w: 58, align: 2}, column{title: lb.Reviewed, w: 48, align: 2})
	} else {
		cols = append(cols, column{title: lb.Score + "/" + lb.Max, w: 62, align: 2})
	}
	// The item and the answer share what the other columns leave; the item
	// gets more in the detail table, where its requirement goes under it.
	share := 0.52
	if !shortfall {
		share = 0.57
	}
	free := textW
	for _, c := range cols {
		free -= c.w
	}
	cols[item].w = math.Round(free * share)
	fixColumns(cols)
	return cols
}

// itemRow builds the row of an item: the cells, then the remarks across.
// In the detail table (no is 0) the item's requirement goes under its
// title in smaller grey type.
func itemRow(l *lay, t *table, doc *report.Document, it report.ItemRow, no int) *row {
	var texts []string
	if no > 0 {
		texts = append(texts, strconv.Itoa(no), it.ID, it.Title, report.Num(it.Lost))
	} else {
		texts = append(texts, it.ID, it.Title)
	}
	self, reviewed := scoreTexts(it)
	texts = append(texts, it.Answer, self)
	if doc.Reviewed != nil {
		texts = append(texts, reviewed)
	}
	r := &row{bands: []band{l.cells(t, texts...)}}
	cells := r.bands[0].cells
	if it.Status == domain.StatusUnanswered {
		answer := len(texts) - 2 - boolInt(doc.Reviewed != nil)
		cells[answer].color = red
	}
	if no == 0 && it.Requirement != "" {
		c := &cells[1]
		c.subSize = t.size - 1
		c.sub = l.wrap(requirementText(doc, it), c.w-2*pad, c.subSize)
	}
	if doc.Reviewed != nil && it.IsReviewed {
		cells[len(cells)-1].color = navy
		cells[len(cells)-1].fill = &headFill
	}
	if it.Remarks != "" {
		r.bands = append(r.bands, l.wide(t, it.Remarks, t.size-0.5, gray))
	}
	return r
}

// requirementText is the requirement line under an item's title.
func requirementText(doc *report.Document, it report.ItemRow) string {
	return doc.Labels.Requirement + doc.Labels.Colon + it.Requirement
}

// scoreTexts returns the score cell ("6 / 10", or "— / 10" for an item
// that is not applicable) and the reviewed score cell.
func scoreTexts(it report.ItemRow) (self, reviewed string) {
	if it.Status == domain.StatusNA && !it.NACounted {
		return "— / " + report.Num(it.Max), "—"
	}
	self = report.Num(it.Score) + " / " + report.Num(it.Max)
	reviewed = report.Num(it.ReviewedScore)
	if it.Grade != "" {
		self += "\n" + it.Grade
		reviewed += "\n" + it.ReviewedGrade
	}
	return self, reviewed
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func shortfalls(l *lay, doc *report.Document) error {
	lb := doc.Labels
	if len(doc.Shortfalls) == 0 {
		l.heading(lb.Shortfalls, 20)
		l.para(lb.NoShortfall, marginL, textW, 10, black, 0)
		return nil
	}
	t := &table{size: 9, cols: itemCols(doc, true)}
	first := l.rowH(t, itemRow(l, t, doc, doc.Shortfalls[0], 1))
	l.heading(lb.Shortfalls, l.headerH(t)+l.keepFirst(t, first))
	l.startTable(t, first)
	for i, it := range doc.Shortfalls {
		if err := l.step(); err != nil {
			return err
		}
		l.drawRow(t, itemRow(l, t, doc, it, i+1), 0)
	}
	l.endTable()
	return nil
}

// belowTop lists the graded items below the top grade of their bands.
func belowTop(l *lay, doc *report.Document) error {
	lb := doc.Labels
	if doc.Self.ItemGrades == nil {
		return nil // the catalog grades no items
	}
	if len(doc.BelowTop) == 0 {
		l.heading(lb.BelowTop, 20)
		l.para(lb.NoBelowTop, marginL, textW, 10, black, 0)
		return nil
	}
	t := &table{size: 9, cols: itemCols(doc, true)}
	first := l.rowH(t, itemRow(l, t, doc, doc.BelowTop[0], 1))
	l.heading(lb.BelowTop, l.headerH(t)+l.keepFirst(t, first))
	l.startTable(t, first)
	for i, it := range doc.BelowTop {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		l.drawRow(t, itemRow(l, t, doc, it, i+1), 0)
	}
	l.endTable()
	return nil
}

func details(l *lay, doc *report.Document) error {
	lb := doc.Labels
	t := &table{size: 9, cols: itemCols(doc, false)}
	group := func(it report.ItemRow) *row {
		return &row{bands: []band{l.wide(t, it.Category, 9.5, navy)}, fill: &groupFill}
	}
	first := 0.0
	if len(doc.Details) > 0 {
		first = l.rowH(t, group(doc.Details[0])) + l.rowH(t, itemRow(l, t, doc, doc.Details[0], 0))
	}
	l.heading(lb.Detail, l.headerH(t)+l.keepFirst(t, first))
	l.startTable(t, first)
	cat := "\x00"
	for _, it := range doc.Details {
		if err := l.step(); err != nil {
			return err
		}
		r := itemRow(l, t, doc, it, 0)
		if it.Category != cat {
			cat = it.Category
			l.drawRow(t, group(it), l.rowH(t, r))
		}
		l.drawRow(t, r, 0)
	}
	l.endTable()
	return nil
}

func excluded(l *lay, doc *report.Document) error {
	lb := doc.Labels
	if len(doc.Excluded) == 0 {
		l.heading(lb.Excluded, 20)
		l.para(lb.NoExcluded, marginL, textW, 10, black, 0)
		return nil
	}
	t := &table{size: 9, cols: []column{{title: lb.ID, w: 46}, {title: lb.Item}, {title: lb.Category, w: 130}, {title: lb.AppliesTo, w: 90}, {title: lb.Max, w: 40, align: 2}}}
	fixColumns(t.cols)
	exRow := func(e report.ExcludedRow) *row {
		return &row{bands: []band{l.cells(t, e.ID, e.Title, e.Category, e.AppliesTo, report.Num(e.Max))}}
	}
	first := l.rowH(t, exRow(doc.Excluded[0]))
	l.heading(lb.Excluded, l.headerH(t)+l.keepFirst(t, first))
	l.startTable(t, first)
	for _, e := range doc.Excluded {
		if err := l.step(); err != nil {
			return err
		}
		l.drawRow(t, exRow(e), 0)
	}
	l.endTable()
	return nil
}

func signatures(l *lay, doc *report.Document) {
	lb := doc.Labels
	const size = 11.0
	rowH := 40.0
	n := (len(doc.Signatures) + 1) / 2
	l.heading(lb.Signatures, float64(n)*rowH+10)
	half := textW / 2
	for i, s := range doc.Signatures {
		x := marginL + float64(i%2)*half
		y := l.y + float64(i/2)*rowH + 14
		label := s.Label + lb.Colon
		lw := l.m.width(label, size)
		l.text(x, y, size, black, label)
		l.line(x+lw+2, y+lineH(size)-1, x+half-24, y+lineH(size)-1, 0.6, black, false)
		if s.Name != "" {
			l.text(x+lw+8, y, size, black, s.Name)
		}
	}
	l.y += float64(n)*rowH + 10
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
