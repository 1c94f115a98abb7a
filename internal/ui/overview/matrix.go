package overview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// matrixView is the matrix tab: units × categories or units × items, each
// cell the score rate coloured by band, in a virtualized table whose unit
// column stays put; beside it the 共性失分项.
type matrixView struct {
	o      *Overview
	m      *domain.Matrix
	bands  domain.Bands
	byItem bool
	group  map[int64]string // unit → its group, for the unit column

	mode     *widget.RadioGroup
	table    *widget.Table
	losses   []domain.CommonLoss
	lossTab  *widget.Table
	lossCols []column
	content  fyne.CanvasObject
}

// matrixFixed is the number of columns before the categories or items: the
// unit and its score.
const matrixFixed = 2

// unitWidth is the width of the matrix's unit column.
const unitWidth = 200

func newMatrixView(o *Overview) *matrixView {
	v := &matrixView{o: o, bands: domain.DefaultBands}
	byCategory, byItem := lang.L("By category"), lang.L("By item")
	v.mode = widget.NewRadioGroup([]string{byCategory, byItem}, func(s string) { v.setByItem(s == byItem) })
	v.mode.Horizontal = true
	v.mode.Required = true
	v.mode.Selected = byCategory

	v.table = widget.NewTableWithHeaders(v.size, newCell, v.update)
	v.table.ShowHeaderColumn = false
	v.table.StickyColumnCount = 1
	v.table.CreateHeader = newCell
	v.table.UpdateHeader = v.updateHeader
	v.table.OnSelected = v.onCellSelected

	v.lossCols = lossColumns()
	v.lossTab = newTable(v.lossCols, func() int { return len(v.losses) }, v.updateLoss)
	v.lossTab.OnSelected = v.onLossSelected

	hint := widget.NewLabel(lang.L("Click a cell to open that unit's assessment at the item."))
	lossHead := widget.NewLabelWithStyle(lang.L("Items most units lose points on"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(container.NewHBox(v.mode), hint, nil, nil, v.table)
	right := container.NewBorder(lossHead, nil, nil, nil, v.lossTab)
	split := container.NewHSplit(left, right)
	split.Offset = 0.58
	v.content = split
	return v
}

// lossColumns are the headings and widths of the common-loss table.
func lossColumns() []column {
	return []column{{lang.L("Item"), 64}, {lang.L("Title"), 170}, {lang.L("Units losing"), 84}, {lang.L("Avg loss"), 70}, {lang.L("Most lost"), 70}}
}

// set shows the matrix and the common losses of a ranked round.
func (v *matrixView) set(d *Data, groups []domain.RankGroup) {
	v.m = d.Matrix(groups)
	v.bands = d.Bands()
	v.group = map[int64]string{}
	for gi := range groups {
		for _, r := range groups[gi].Rows {
			v.group[r.Unit.ID] = groupName(&groups[gi])
		}
	}
	v.losses = d.CommonLosses(groups)
	v.lossTab.UnselectAll()
	v.lossTab.Refresh()
	v.layoutColumns()
}

// setByItem switches between the category and the item columns.
func (v *matrixView) setByItem(on bool) {
	if v.byItem == on {
		return
	}
	v.byItem = on
	v.mode.SetSelected(v.mode.Options[map[bool]int{false: 0, true: 1}[on]])
	v.layoutColumns()
}

// layoutColumns sets the column widths for the mode and redraws the table.
func (v *matrixView) layoutColumns() {
	v.table.SetColumnWidth(0, unitWidth)
	v.table.SetColumnWidth(1, 64)
	_, cols := v.size()
	w := float32(96)
	if v.byItem {
		w = 64
	}
	for c := matrixFixed; c < cols; c++ {
		v.table.SetColumnWidth(c, w)
	}
	v.table.UnselectAll()
	v.table.Refresh()
}

func (v *matrixView) size() (int, int) {
	if v.m == nil {
		return 0, 0
	}
	if v.byItem {
		return len(v.m.Rows), matrixFixed + len(v.m.Items)
	}
	return len(v.m.Rows), matrixFixed + len(v.m.Categories)
}

func (v *matrixView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	text := ""
	switch {
	case id.Col == 0:
		text = lang.L("Unit")
	case id.Col == 1:
		text = lang.L("Score")
	case v.m == nil:
	case v.byItem && id.Col-matrixFixed < len(v.m.Items):
		text = v.m.Items[id.Col-matrixFixed].ID
	case !v.byItem && id.Col-matrixFixed < len(v.m.Categories):
		text = fit(v.m.Categories[id.Col-matrixFixed].Title, 96)
	}
	setCell(o, text, nil, fyne.TextStyle{Bold: true})
}

// rate returns the score rate of a cell and whether it is banded (bonus
// categories and items are not).
func (v *matrixView) rate(row *domain.MatrixRow, col int) (float64, bool) {
	i := col - matrixFixed
	if v.byItem {
		return row.Items[i], !v.m.Items[i].Bonus
	}
	return row.Categories[i], !v.m.Categories[i].Bonus
}

func (v *matrixView) update(id widget.TableCellID, o fyne.CanvasObject) {
	if v.m == nil || id.Row < 0 || id.Row >= len(v.m.Rows) {
		return
	}
	row := &v.m.Rows[id.Row]
	switch id.Col {
	case 0:
		name := row.Unit.Name
		if row.Status != domain.Submitted && row.Status != domain.Approved {
			name += " (" + kit.StatusText(row.Status) + ")"
		}
		setCell(o, fit(name, unitWidth), nil, fyne.TextStyle{})
	case 1:
		setCell(o, kit.Number(row.Final), nil, fyne.TextStyle{})
	default:
		r, banded := v.rate(row, id.Col)
		if math.IsNaN(r) {
			setCell(o, "—", nil, fyne.TextStyle{})
			return
		}
		var fill = bandColor(v.bands.Of(r))
		if !banded {
			fill = nil
		}
		setCell(o, rateText(r), fill, fyne.TextStyle{})
	}
}

// cellItem returns the assessment and item a cell opens: the item of an
// item column, the first item of a category column; ok is false for the
// unit and score columns and empty cells.
func (v *matrixView) cellItem(id widget.TableCellID) (assessment int64, item string, ok bool) {
	if v.m == nil || id.Row < 0 || id.Row >= len(v.m.Rows) || id.Col < matrixFixed {
		return 0, "", false
	}
	row := &v.m.Rows[id.Row]
	i := id.Col - matrixFixed
	if v.byItem {
		if i >= len(v.m.Items) {
			return 0, "", false
		}
		return row.AssessmentID, v.m.Items[i].ID, true
	}
	if i >= len(v.m.Categories) {
		return 0, "", false
	}
	it := firstItem(v.m.Categories[i])
	if it == nil {
		return 0, "", false
	}
	return row.AssessmentID, it.ID, true
}

func (v *matrixView) onCellSelected(id widget.TableCellID) {
	defer v.table.UnselectAll() // a second click on the cell opens it again
	if v.m != nil && id.Row >= 0 && id.Row < len(v.m.Rows) && id.Col < matrixFixed {
		v.o.selectUnit(v.m.Rows[id.Row].Unit.ID)
		return
	}
	if a, item, ok := v.cellItem(id); ok && v.o.deps.OnOpenItem != nil {
		v.o.deps.OnOpenItem(a, item)
	}
}

func (v *matrixView) updateLoss(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(v.losses) {
		return
	}
	l := &v.losses[id.Row]
	text := ""
	switch id.Col {
	case 0:
		text = l.Item.ID
	case 1:
		text = fit(l.Item.Title, v.lossCols[1].width)
	case 2:
		text = lang.L("{{.Losing}} of {{.Units}}", map[string]any{"Losing": l.Losing, "Units": l.Applicable})
	case 3:
		text = kit.Number(l.AvgLoss)
	case 4:
		text = kit.Number(l.MaxLoss)
	}
	setCell(o, text, nil, fyne.TextStyle{})
}

// onLossSelected shows the item's column of the matrix.
func (v *matrixView) onLossSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(v.losses) || v.m == nil {
		return
	}
	for i, it := range v.m.Items {
		if it.ID == v.losses[id.Row].Item.ID {
			v.setByItem(true)
			v.table.ScrollTo(widget.TableCellID{Row: 0, Col: matrixFixed + i})
			return
		}
	}
}

// firstItem returns the first item of a category, depth first, or nil.
func firstItem(c *domain.Category) *domain.Item {
	if len(c.Items) > 0 {
		return c.Items[0]
	}
	for _, sc := range c.Categories {
		if it := firstItem(sc); it != nil {
			return it
		}
	}
	return nil
}
