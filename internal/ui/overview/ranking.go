package overview

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// rankingView is the ranking tab: every group's units in one virtualized
// table, a heading row before each group.
type rankingView struct {
	o     *Overview
	table *widget.Table
	rows  []rankLine
	cols  []column
	// gaps are the units' targets and how they stand (round target), by
	// unit id.
	gaps    map[int64]domain.TargetGap
	content fyne.CanvasObject
}

// rankLine is one line of the ranking table: a group's heading (row nil)
// or a unit.
type rankLine struct {
	group *domain.RankGroup
	row   *domain.RankRow
}

// rankColumns are the headings and widths of the ranking table.
func rankColumns() []column {
	return []column{
		{lang.L("Rank"), 56}, {lang.L("Unit"), 240}, {lang.L("Status"), 80}, {lang.L("Score"), 72},
		{lang.L("Basis"), 60}, {lang.L("Grade"), 72}, {lang.L("Score rate"), 80}, {lang.L("Gap above"), 90},
		{lang.L("Gap to first"), 90}, {lang.L("Change"), 80}, {lang.L("Mark"), 60}, {lang.L("Target"), 260},
	}
}

// column is a table column: heading and width.
type column struct {
	title string
	width float32
}

func newRankingView(o *Overview) *rankingView {
	v := &rankingView{o: o, cols: rankColumns()}
	cols := v.cols
	v.table = newTable(cols, func() int { return len(v.rows) }, v.update)
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.rows) && v.rows[id.Row].row != nil {
			o.selectUnit(v.rows[id.Row].row.Unit.ID)
		}
	}
	hint := widget.NewLabel(lang.L("Ties share a rank; units without a submitted assessment follow unranked. Click a unit to see its trend."))
	hint.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(nil, hint, nil, nil, v.table)
	return v
}

// set shows a ranking, with the targets of the round's units in d (nil: none).
func (v *rankingView) set(groups []domain.RankGroup, d *Data) {
	v.rows = v.rows[:0]
	v.gaps = targetGaps(groups, d)
	for gi := range groups {
		g := &groups[gi]
		v.rows = append(v.rows, rankLine{group: g})
		for ri := range g.Rows {
			v.rows = append(v.rows, rankLine{group: g, row: &g.Rows[ri]})
		}
	}
	v.table.UnselectAll()
	v.table.Refresh()
}

// newTable is a virtualized table of rows() rows under a heading row of
// cols, its cells made by newCell and filled by update.
func newTable(cols []column, rows func() int, update func(widget.TableCellID, fyne.CanvasObject)) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(cols) }, newCell, update)
	t.ShowHeaderColumn = false
	t.CreateHeader = newCell
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			setCell(o, cols[id.Col].title, nil, fyne.TextStyle{Bold: true})
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// newCell is the template of a table cell: a background under a text. A
// canvas.Text, not a Label: a 1,500-row table redraws many cells at once,
// and a Label shapes its text twice over to truncate it.
func newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextSize()
	return container.NewStack(bg, container.NewPadded(t))
}

// setCell fills a cell made by newCell; fill nil leaves it uncoloured.
func setCell(o fyne.CanvasObject, text string, fill color.Color, style fyne.TextStyle) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	if fill == nil {
		fill = color.Transparent
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	t := cellText(o)
	fg := theme.Color(theme.ColorNameForeground)
	if t.Text != text || t.TextStyle != style || t.Color != fg {
		t.Text, t.TextStyle, t.Color = text, style, fg
		t.Refresh()
	}
}

// cellText returns the text of a cell made by newCell.
func cellText(o fyne.CanvasObject) *canvas.Text {
	return o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
}

// fit shortens text with an ellipsis to about the width of a column, by
// the width of its characters: a CJK character as wide as the text size,
// others about half (no shaping, which a large table cannot afford).
func fit(text string, width float32) string {
	size := theme.TextSize()
	room := width - 2*theme.Padding() - 1.5*size // keep room for the ellipsis
	w := float32(0)
	for i, r := range text {
		if r >= 0x2e80 {
			w += size
		} else {
			w += size * 0.55
		}
		if w > room {
			return text[:i] + "…"
		}
	}
	return text
}

// groupName names a group for people.
func groupName(g *domain.RankGroup) string {
	if g.Name == "" {
		return lang.L("Ungrouped")
	}
	return g.Name
}

func (v *rankingView) update(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(v.rows) {
		return
	}
	line := v.rows[id.Row]
	if line.row == nil {
		text := ""
		switch id.Col {
		case 1:
			text = groupName(line.group)
		case 2:
			text = lang.L("{{.N}} units", map[string]any{"N": len(line.group.Rows)})
		}
		setCell(o, text, headingColor(), fyne.TextStyle{}) // a unit type: catalog text, never bold
		return
	}
	text := rankText(line.row, id.Col)
	if id.Col == 11 {
		if gap, ok := v.gaps[line.row.Unit.ID]; ok {
			text = fit(targetText(gap), v.cols[11].width)
		}
	}
	if id.Col == 1 {
		text = fit(text, v.cols[1].width)
	}
	setCell(o, text, rankFill(line.row, id.Col), fyne.TextStyle{})
}

// rankText is the text of a column of a ranking row.
func rankText(r *domain.RankRow, col int) string {
	started := r.Status != domain.RankNotStarted
	switch col {
	case 0:
		if r.Rank > 0 {
			return fmt.Sprint(r.Rank)
		}
		return "—"
	case 1:
		return r.Unit.Name
	case 2:
		return statusText(r.Status)
	case 3:
		if started {
			return kit.Number(r.Score)
		}
	case 4:
		if started {
			return basisText(r.Basis)
		}
	case 5:
		if started {
			return r.Grade
		}
	case 6:
		if started && r.Total > 0 {
			return rateText(r.Rate)
		}
	case 7:
		if r.Rank > 1 || r.GapFirst > 0 {
			return kit.Number(r.GapAbove)
		}
	case 8:
		if r.Rank > 1 || r.GapFirst > 0 {
			return kit.Number(r.GapFirst)
		}
	case 9:
		if r.Change != nil {
			switch c := *r.Change; {
			case c > 0:
				return fmt.Sprintf("↑%d", c)
			case c < 0:
				return fmt.Sprintf("↓%d", -c)
			}
			return "—"
		}
	case 10:
		if r.Bottom {
			return lang.L("Bottom")
		}
	}
	return ""
}

// rankFill is the background of a column of a ranking row: the band on the
// score rate, red on the bottom mark.
func rankFill(r *domain.RankRow, col int) color.Color {
	switch col {
	case 6:
		if r.Band != "" {
			return bandColor(r.Band)
		}
	case 10:
		if r.Bottom {
			return bandColor(domain.BandRed)
		}
	}
	return nil
}

// headingColor is the fill of a group's heading row: the primary colour,
// faint.
func headingColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30}
}

// bandColor is the fill of a band: light enough for dark text on the light
// theme and light text on the dark one.
func bandColor(b domain.RateBand) color.Color {
	switch b {
	case domain.BandGreen:
		return color.NRGBA{R: 0x2e, G: 0xa0, B: 0x43, A: 0x70}
	case domain.BandYellow:
		return color.NRGBA{R: 0xf0, G: 0xc0, B: 0x20, A: 0x80}
	case domain.BandRed:
		return color.NRGBA{R: 0xe0, G: 0x40, B: 0x30, A: 0x70}
	}
	return nil
}

// statusText names a ranking status: 未开始, 填报中, 已提交, 已退回, 已审定.
func statusText(s domain.RankStatus) string {
	switch s {
	case domain.RankNotStarted:
		return lang.L("Not started")
	case domain.RankInProgress:
		return lang.L("In progress")
	case domain.RankSubmitted:
		return lang.L("Submitted")
	case domain.RankReturned:
		return lang.L("Returned")
	case domain.RankApproved:
		return lang.X("overview.approved", "Approved")
	}
	return string(s)
}

// basisText names the basis of a score: 审定 or 自评.
func basisText(b domain.Basis) string {
	if b == domain.BasisApproved {
		return lang.L("Reviewed")
	}
	return lang.L("Self")
}

// rateText writes a score rate with one decimal (79.7%): a whole percent
// would show 80% on a rate the band counts below 80.
func rateText(rate float64) string {
	return kit.Number(math.Round(rate*1000)/10) + "%"
}

// targetGaps works out how every unit with a target in the round stands.
func targetGaps(groups []domain.RankGroup, d *Data) map[int64]domain.TargetGap {
	if d == nil || len(d.Settings.Targets) == 0 {
		return nil
	}
	out := map[int64]domain.TargetGap{}
	for _, g := range groups {
		for _, r := range g.Rows {
			t, ok := d.Settings.Target(r.Unit.ID)
			if !ok {
				continue
			}
			var res *domain.Result
			if rr := d.ResultOf(d.Round, r.Unit.ID); rr != nil {
				res = rr.Basis()
			}
			out[r.Unit.ID] = domain.Gap(d.Catalog, g, r, res, t)
		}
	}
	return out
}

// targetText says a unit's target and how it stands: "保3 ✓", or "保3 · 差
// 71 分 · 先补 B1.5 C1.2 G1.3".
func targetText(g domain.TargetGap) string {
	var goal string
	switch t := g.Target; {
	case t.Rank > 0:
		goal = lang.L("Rank {{.N}}", map[string]any{"N": t.Rank})
	case t.Score > 0:
		goal = lang.L("Score {{.N}}", map[string]any{"N": kit.Number(t.Score)})
	default:
		goal = lang.L("Grade {{.G}}", map[string]any{"G": t.Grade})
	}
	if g.Met {
		return lang.L("{{.Goal}}: reached", map[string]any{"Goal": goal})
	}
	if g.Lacks == 0 {
		return goal
	}
	ids := make([]string, 0, len(g.Items))
	for _, is := range g.Items {
		ids = append(ids, is.ID)
	}
	return lang.L("{{.Goal}}: lacks {{.Lacks}} · first {{.Items}}",
		map[string]any{"Goal": goal, "Lacks": kit.Number(g.Lacks), "Items": strings.Join(ids, " ")})
}
