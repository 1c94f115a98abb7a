package overview

import (
	"context"
	"image/color"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// trendView is the trend tab: a unit chosen on the left, its score rate and
// each category's over the rounds as a line chart, and below a comparison
// of two of its rounds or of it with a unit of its group.
type trendView struct {
	o       *Overview
	units   []domain.Unit // the list, filtered
	unit    int64         // the unit shown, 0 for none
	loading bool

	search  *widget.Entry
	list    *widget.List
	head    *widget.Label
	scores  *widget.Label
	chart   *lineChart
	legend  *fyne.Container
	trend   Trend
	mode    *widget.RadioGroup
	pickA   *widget.Select
	pickB   *widget.Select
	cmp     domain.Comparison
	cmpRows []domain.CompareRow // categories, then items
	cmpTab  *widget.Table
	cmpCols []column
	content fyne.CanvasObject
}

func newTrendView(o *Overview) *trendView {
	v := &trendView{o: o}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(lang.L("Find a unit"))
	v.search.OnChanged = func(string) { v.filter() }
	v.list = widget.NewList(func() int { return len(v.units) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, c fyne.CanvasObject) {
			if i < len(v.units) {
				c.(*widget.Label).SetText(v.units[i].Name)
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.units) && v.units[i].ID != v.unit {
			v.show(v.units[i].ID)
		}
	}
	v.head = widget.NewLabel(lang.L("Choose a unit on the left.")) // a unit's name: never bold
	v.scores = widget.NewLabel("")
	v.scores.Wrapping = fyne.TextWrapWord
	v.chart = newLineChart()
	v.legend = container.NewStack()

	twoRounds, twoUnits := lang.L("Two rounds of the unit"), lang.L("With a unit of its group")
	v.mode = widget.NewRadioGroup([]string{twoRounds, twoUnits}, func(string) { v.fillPicks() })
	v.mode.Horizontal = true
	v.mode.Required = true
	v.mode.Selected = twoRounds
	v.pickA = widget.NewSelect(nil, func(string) { v.compare() })
	v.pickB = widget.NewSelect(nil, func(string) { v.compare() })
	v.cmpCols = compareColumns()
	v.cmpTab = newTable(v.cmpCols, func() int { return len(v.cmpRows) }, v.updateCompare)

	left := container.NewBorder(v.search, nil, nil, nil, v.list)
	chart := container.NewBorder(container.NewVBox(v.head, v.scores), v.legend, nil, nil, v.chart)
	pick := container.NewHBox(widget.NewLabel(lang.L("Compare")), v.mode, widget.NewLabel("A"), v.pickA, widget.NewLabel("B"), v.pickB)
	compare := container.NewBorder(pick, nil, nil, nil, v.cmpTab)
	right := container.NewVSplit(chart, compare)
	right.Offset = 0.5
	split := container.NewHSplit(left, right)
	split.Offset = 0.22
	v.content = split
	return v
}

// compareColumns are the headings and widths of the comparison table.
func compareColumns() []column {
	return []column{{lang.L("Item"), 72}, {lang.L("Title"), 260}, {"A", 64}, {"B", 64}, {"B − A", 64}, {lang.L("Movement"), 90}}
}

// reset forgets the unit after another round or catalog loaded and lists
// the units of the new one.
func (v *trendView) reset() {
	keep := v.unit
	v.unit = 0
	v.filter()
	if keep != 0 {
		v.selectUnit(keep)
	}
}

// filter lists the units whose name holds the search text.
func (v *trendView) filter() {
	v.units = v.units[:0]
	if d := v.o.data; d != nil {
		q := strings.TrimSpace(v.search.Text)
		for _, u := range d.Units {
			if q == "" || strings.Contains(u.Name, q) {
				v.units = append(v.units, u)
			}
		}
	}
	v.list.UnselectAll()
	v.list.Refresh()
	for i, u := range v.units {
		if u.ID == v.unit {
			v.list.Select(i)
		}
	}
}

// shown loads the scores of the other rounds the first time the tab shows.
func (v *trendView) shown() {
	d := v.o.data
	if d == nil || v.loading {
		return
	}
	need := d.NeedHistory()
	if len(need) == 0 {
		v.refresh()
		return
	}
	v.loading = true
	v.o.begin()
	var h map[string][]domain.RoundResult
	v.o.deps.Tasks.Run(func(ctx context.Context) (err error) {
		h, err = LoadHistory(ctx, v.o.deps.Source.Round, d.CatalogID, need)
		return err
	}, func(err error) {
		defer v.o.end(err)
		v.loading = false
		if err != nil {
			kit.ShowError(v.o.deps.Window, err)
			return
		}
		d.SetHistory(h)
		if d == v.o.data {
			v.refresh()
		}
	})
}

// selectUnit shows a unit's trend and selects it in the list.
func (v *trendView) selectUnit(id int64) {
	for i, u := range v.units {
		if u.ID == id {
			v.list.Select(i)
			v.list.ScrollTo(i)
			return
		}
	}
	v.show(id) // filtered out of the list
}

// show makes id the unit shown.
func (v *trendView) show(id int64) {
	v.unit = id
	v.refresh()
}

// Trend returns what the chart shows (tests).
func (v *trendView) Trend() Trend { return v.trend }

// unitName returns the name of a unit of the round.
func (v *trendView) unitName(id int64) string {
	for _, u := range v.o.data.Units {
		if u.ID == id {
			return u.Name
		}
	}
	return ""
}

// refresh redraws the chart and the comparison for the unit.
func (v *trendView) refresh() {
	d := v.o.data
	if d == nil || v.unit == 0 {
		v.chart.set(nil, nil)
		v.legend.Objects = nil
		v.cmpRows = nil
		v.cmpTab.Refresh()
		return
	}
	v.trend = d.TrendOf(v.unit, lang.L("Total"))
	v.head.SetText(v.unitName(v.unit) + " · " + d.Catalog.Title)
	var parts []string
	for i, r := range v.trend.Rounds {
		s := "—"
		if !math.IsNaN(v.trend.Scores[i]) {
			s = kit.Number(v.trend.Scores[i])
		}
		parts = append(parts, r+" "+s)
	}
	v.scores.SetText(lang.L("Score by round: {{.Scores}}", map[string]any{"Scores": strings.Join(parts, "    ")}))
	v.chart.set(v.trend.Rounds, v.trend.Series)
	v.legend.Objects = []fyne.CanvasObject{legend(v.trend.Series)}
	v.legend.Refresh()
	v.fillPicks()
}

// comparingUnits reports whether the comparison is of two units (else of
// two rounds of the unit).
func (v *trendView) comparingUnits() bool { return v.mode.Selected == v.mode.Options[1] }

// fillPicks offers the rounds of the unit, or the units of its group in
// the round, to compare, the newest two or the unit and the first of the
// group chosen.
func (v *trendView) fillPicks() {
	d := v.o.data
	if d == nil || v.unit == 0 {
		return
	}
	var a, b []string
	selA, selB := "", ""
	if v.comparingUnits() {
		a = []string{v.unitName(v.unit)}
		selA = a[0]
		for _, g := range v.o.groups {
			in := false
			for _, r := range g.Rows {
				in = in || r.Unit.ID == v.unit
			}
			if !in {
				continue
			}
			for _, r := range g.Rows {
				if r.Unit.ID != v.unit && d.ResultOf(d.Round, r.Unit.ID) != nil {
					b = append(b, r.Unit.Name)
				}
			}
		}
		if len(b) > 0 {
			selB = b[0]
		}
	} else {
		for _, r := range v.trend.Rounds {
			if d.ResultOf(r, v.unit) != nil {
				a = append(a, r)
			}
		}
		b = a
		if n := len(a); n > 0 {
			selA, selB = a[max(n-2, 0)], a[n-1]
		}
	}
	v.pickA.Options, v.pickB.Options = a, b
	v.pickA.Selected, v.pickB.Selected = selA, selB
	v.pickA.Refresh()
	v.pickB.Refresh()
	v.compare()
}

// sides returns the two results compared, nil when one is missing.
func (v *trendView) sides() (a, b *domain.Result) {
	d := v.o.data
	if v.comparingUnits() {
		ra := d.ResultOf(d.Round, v.unit)
		var rb *domain.RoundResult
		for _, u := range d.Units {
			if u.Name == v.pickB.Selected {
				rb = d.ResultOf(d.Round, u.ID)
			}
		}
		if ra == nil || rb == nil {
			return nil, nil
		}
		return ra.Basis(), rb.Basis()
	}
	ra, rb := d.ResultOf(v.pickA.Selected, v.unit), d.ResultOf(v.pickB.Selected, v.unit)
	if ra == nil || rb == nil {
		return nil, nil
	}
	return ra.Basis(), rb.Basis()
}

// compare fills the comparison table from the picks.
func (v *trendView) compare() {
	v.cmpRows = nil
	if v.o.data != nil && v.unit != 0 {
		if a, b := v.sides(); a != nil {
			v.cmp = domain.Compare(v.o.data.Catalog, a, b)
			v.cmpRows = append(append(v.cmpRows, v.cmp.Categories...), v.cmp.Items...)
			// The biggest moves first within categories and items, so that
			// what changed shows at the top.
			items := v.cmpRows[len(v.cmp.Categories):]
			sort.SliceStable(items, func(i, j int) bool { return math.Abs(items[i].Diff) > math.Abs(items[j].Diff) })
		}
	}
	v.cmpTab.Refresh()
}

func (v *trendView) updateCompare(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(v.cmpRows) {
		return
	}
	r := &v.cmpRows[id.Row]
	style := fyne.TextStyle{}
	text := ""
	var fill color.Color
	if id.Row < len(v.cmp.Categories) {
		fill = headingColor() // catalog text is never bold: categories stand out by their fill
	}
	switch id.Col {
	case 0:
		text = r.ID
	case 1:
		text = fit(r.Title, v.cmpCols[1].width)
	case 2:
		text = kit.Number(r.A)
	case 3:
		text = kit.Number(r.B)
	case 4:
		if r.Change == domain.ChangeUp || r.Change == domain.ChangeDown || r.Change == domain.ChangeSame {
			text = kit.Signed(r.Diff)
		}
	case 5:
		text = changeText(r.Change)
		switch r.Change { // on the category fill too
		case domain.ChangeUp:
			fill = bandColor(domain.BandGreen)
		case domain.ChangeDown:
			fill = bandColor(domain.BandRed)
		}
	}
	setCell(o, text, fill, style)
}

// changeText names how a row moved: 进步, 退步, 持平, or that it applies to
// one side only.
func changeText(c domain.Change) string {
	switch c {
	case domain.ChangeUp:
		return lang.L("Better")
	case domain.ChangeDown:
		return lang.L("Worse")
	case domain.ChangeSame:
		return lang.L("Same")
	case domain.ChangeOnlyA:
		return lang.L("A only")
	case domain.ChangeOnlyB:
		return lang.L("B only")
	}
	return string(c)
}
