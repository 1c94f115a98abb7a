package pdf

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// Band fills of the round report: light enough to read black type on.
var (
	greenFill  = rgb{0xd9, 0xef, 0xdc}
	yellowFill = rgb{0xfb, 0xf0, 0xc8}
	redFill    = rgb{0xf8, 0xd7, 0xd7}
	naFill     = rgb{0xee, 0xee, 0xee}
	// series are the trend lines' colours, one per group.
	series = []rgb{{0x1f, 0x5f, 0xa8}, {0xc0, 0x5a, 0x12}, {0x2e, 0x8b, 0x57}, {0x8e, 0x44, 0xad}, {0xb0, 0x12, 0x12}, {0x55, 0x55, 0x55}}
)

// bandFill returns the fill of a score rate in bands b.
func bandFill(b domain.Bands, rate float64) *rgb {
	switch {
	case math.IsNaN(rate):
		return &naFill
	case b.Of(rate) == domain.BandGreen:
		return &greenFill
	case b.Of(rate) == domain.BandYellow:
		return &yellowFill
	}
	return &redFill
}

// WriteRound lays the round report out on A4 pages and writes the PDF to w:
// the ranking of every group, the category matrix in colour, the common
// losses, the trend chart and the bottom three.
func WriteRound(ctx context.Context, w io.Writer, doc *report.RoundDocument) error {
	if _, err := UnprintableRound(doc); err != nil { // looks for fonts for what the bundled one lacks
		return err
	}
	ch := chrome{title: doc.Title, header: doc.Round + "  " + doc.CatalogTitle, right: doc.CatalogRef, page: doc.Labels.Page}
	return writeDoc(ctx, w, nil, ch, func(l *lay) error { return layoutRound(l, doc) })
}

func layoutRound(l *lay, doc *report.RoundDocument) error {
	lb := doc.Labels
	l.newPage()
	l.y = bodyTop + 10
	l.para(doc.Title, marginL, textW, 18, navy, 1)
	l.y += 6
	meta := []string{lb.Round + "：" + doc.Round, lb.Catalog + "：" + doc.CatalogTitle + "（" + doc.CatalogRef + "）"}
	if doc.Date != "" {
		meta = append(meta, lb.Date+"："+doc.Date)
	}
	meta = append(meta, lb.Bands+"："+fmt.Sprintf(lb.BandsFormat, report.Pct(doc.Bands.Green*100), report.Pct(doc.Bands.Yellow*100)))
	for _, s := range meta {
		l.para(s, marginL, textW, 9.5, gray, 1)
	}
	l.y += 8
	for _, g := range doc.Groups {
		if err := rankingTable(l, doc, g); err != nil {
			return err
		}
	}
	if err := matrixTable(l, doc); err != nil {
		return err
	}
	if err := lossTable(l, doc); err != nil {
		return err
	}
	trendChart(l, doc)
	bottomTable(l, doc)
	return nil
}

func rankingTable(l *lay, doc *report.RoundDocument, g report.RoundGroup) error {
	lb := doc.Labels
	cols := []column{{lb.Rank, 30, 1}, {lb.Unit, 0, 0}, {lb.Status, 44, 1}, {lb.Score, 50, 2}, {lb.Basis, 32, 1},
		{lb.Grade, 44, 1}, {lb.GapAbove, 46, 2}, {lb.GapFirst, 46, 2}, {lb.Change, 46, 1}, {lb.Mark, 30, 1}}
	fixColumns(cols)
	t := &table{size: 9, cols: cols}
	first := bandH(t, l.cells(t, "1"))
	l.heading(lb.Ranking+" · "+g.Name, l.headerH(t)+first)
	l.startTable(t, first)
	for _, r := range g.Rows {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		mark := ""
		if r.Bottom {
			mark = lb.Bottom
		}
		b := l.cells(t, r.Rank, r.Unit, r.Status, r.Score, r.Basis, r.Grade, r.GapAbove, r.GapFirst, r.Change, mark)
		if r.Ranked {
			b.cells[3].fill = bandFill(doc.Bands, r.Rate)
		} else {
			for i := range b.cells {
				b.cells[i].color = gray
			}
		}
		if r.Bottom {
			b.cells[9].color = red
			b.cells[1].color = red
		}
		l.drawRow(t, &row{bands: []band{b}}, 0)
	}
	l.endTable()
	return nil
}

func matrixTable(l *lay, doc *report.RoundDocument) error {
	lb := doc.Labels
	if len(doc.Matrix) == 0 || len(doc.Categories) == 0 {
		return nil
	}
	cols := []column{{lb.Unit, 0, 0}, {lb.Group, 52, 1}}
	catW := math.Min(44, (textW-160)/float64(len(doc.Categories)))
	for _, c := range doc.Categories {
		cols = append(cols, column{c.ID, catW, 2})
	}
	fixColumns(cols)
	t := &table{size: 8.5, cols: cols}
	first := bandH(t, l.cells(t, "A"))
	var legend []string
	for _, c := range doc.Categories {
		legend = append(legend, c.ID+" "+c.Title)
	}
	l.heading(lb.Matrix, 3*lineH(8)+l.headerH(t)+first)
	l.para(strings.Join(legend, "；"), marginL, textW, 8, gray, 0)
	l.y += 4
	l.startTable(t, first)
	for _, m := range doc.Matrix {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		texts := []string{m.Unit, m.Group}
		for _, r := range m.Rates {
			if math.IsNaN(r) {
				texts = append(texts, "—")
			} else {
				texts = append(texts, report.Pct(domain.Round2(r*100)))
			}
		}
		b := l.cells(t, texts...)
		for i, r := range m.Rates {
			if !doc.Categories[i].Bonus {
				b.cells[2+i].fill = bandFill(doc.Bands, r)
			}
		}
		l.drawRow(t, &row{bands: []band{b}}, 0)
	}
	l.endTable()
	return nil
}

func lossTable(l *lay, doc *report.RoundDocument) error {
	lb := doc.Labels
	cols := []column{{lb.Item, 44, 0}, {lb.Title, 0, 0}, {lb.Losing, 64, 1}, {lb.AvgLoss, 56, 2}, {lb.MaxLoss, 56, 2}}
	fixColumns(cols)
	t := &table{size: 9, cols: cols}
	first := bandH(t, l.cells(t, "A"))
	if len(doc.CommonLosses) == 0 {
		l.heading(lb.CommonLosses, lineH(10))
		l.para(lb.NoCommonLoss, marginL, textW, 10, gray, 0)
		return nil
	}
	l.heading(lb.CommonLosses, l.headerH(t)+first)
	l.startTable(t, first)
	for _, c := range doc.CommonLosses {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		b := l.cells(t, c.ItemID, c.Title, strconv.Itoa(c.Losing)+" / "+strconv.Itoa(c.Units), c.AvgLossText, c.Most)
		if c.LosingShare >= 0.5 {
			b.cells[2].fill = &redFill
		}
		l.drawRow(t, &row{bands: []band{b}}, 0)
	}
	l.endTable()
	return nil
}

// trendChart draws each group's average score per round as a line.
func trendChart(l *lay, doc *report.RoundDocument) {
	lb := doc.Labels
	if len(doc.TrendRounds) == 0 || len(doc.Trend) == 0 {
		return
	}
	const h = 190.0
	legendH := lineH(8) * float64((len(doc.Trend)+3)/4)
	l.heading(lb.Trend, h+legendH+30)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range doc.Trend {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return
	}
	// A round range of ticks around the data.
	step := niceStep((hi - lo) / 4)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if hi == lo {
		hi = lo + step
	}
	left, top := marginL+40, l.y+6
	w := textW - 60
	n := len(doc.TrendRounds)
	x := func(i int) float64 {
		if n == 1 {
			return left + w/2
		}
		return left + w*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return top + h - h*(v-lo)/(hi-lo) }
	for v := lo; v <= hi+step/2; v += step {
		l.line(left, y(v), left+w, y(v), 0.4, lightGray, v != lo)
		s := report.Num(v)
		l.text(left-6-l.m.width(s, 7.5), y(v)-5, 7.5, gray, s)
	}
	for i, r := range doc.TrendRounds {
		l.text(x(i)-l.m.width(r, 7.5)/2, top+h+4, 7.5, gray, r)
	}
	for si, s := range doc.Trend {
		c := series[si%len(series)]
		prev := -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				prev = -1
				continue
			}
			if prev >= 0 {
				l.line(x(prev), y(s.Values[prev]), x(i), y(v), 1.4, c, false)
			}
			cc := c
			l.rect(x(i)-2, y(v)-2, 4, 4, &cc, false, c)
			prev = i
		}
	}
	l.y = top + h + 18
	// Legend: four series a line.
	lx := marginL
	for si, s := range doc.Trend {
		if si > 0 && si%4 == 0 {
			l.y += lineH(8)
			lx = marginL
		}
		c := series[si%len(series)]
		l.line(lx, l.y+5, lx+14, l.y+5, 1.4, c, false)
		label := s.Name
		if last := s.Values[len(s.Values)-1]; !math.IsNaN(last) {
			label += " " + report.Num(last)
		}
		l.text(lx+18, l.y, 8, black, label)
		lx += textW / 4
	}
	l.y += lineH(8) + 8
}

// niceStep rounds a tick step up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

func bottomTable(l *lay, doc *report.RoundDocument) {
	lb := doc.Labels
	cols := []column{{lb.Group, 90, 0}, {lb.Unit, 0, 0}, {lb.Rank, 50, 1}, {lb.Score, 70, 2}}
	fixColumns(cols)
	t := &table{size: 9, cols: cols}
	first := bandH(t, l.cells(t, "A"))
	if len(doc.Bottom) == 0 {
		l.heading(lb.BottomList, lineH(10))
		l.para(lb.NoBottom, marginL, textW, 10, gray, 0)
		return
	}
	l.heading(lb.BottomList, l.headerH(t)+first)
	l.startTable(t, first)
	for _, b := range doc.Bottom {
		bd := l.cells(t, b.Group, b.Unit, b.Rank, b.Score)
		bd.cells[1].color = red
		l.drawRow(t, &row{bands: []band{bd}}, 0)
	}
	l.endTable()
}
