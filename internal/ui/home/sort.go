package home

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The list's order and its unit filter: a click on a column's title sorts
// by that column, a second click reverses the order; the unit filter keeps
// one unit's assessments (a bureau's database holds many units).

// sortState is the column the list is sorted by; none keeps the store's
// order (newest first).
type sortState struct {
	col  int // index into columnTitles, or -1
	desc bool
}

// columnTitles are the list's column titles, in column order.
func columnTitles() []string {
	return []string{lang.L("Unit"), lang.L("Round"), lang.L("Catalog"), lang.L("Status"),
		lang.L("Progress"), lang.L("Score"), lang.L("Grade")}
}

// newSortHeader returns the column titles above the list, as buttons that
// sort by their column.
func (h *Home) newSortHeader() fyne.CanvasObject {
	h.sort.col = -1
	names := columnTitles()
	objs := make([]fyne.CanvasObject, len(names))
	h.headers = make([]*widget.Button, len(names))
	for i := range names {
		b := widget.NewButton("", func() { h.onHeaderTapped(i) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		h.headers[i] = b
		objs[i] = b
	}
	h.updateHeaders()
	return container.New(layout.NewCustomPaddedLayout(0, 0, 0, 0), container.New(columnsLayout{}, objs...))
}

// onHeaderTapped sorts by column i, or reverses the order when the list is
// sorted by it already.
func (h *Home) onHeaderTapped(i int) {
	if h.sort.col == i {
		h.sort.desc = !h.sort.desc
	} else {
		// Scores and progress read best first; names from A.
		h.sort = sortState{col: i, desc: i == 4 || i == 5}
	}
	h.updateHeaders()
	h.applyFilter()
}

// updateHeaders marks the column sorted by with an arrow.
func (h *Home) updateHeaders() {
	for i, n := range columnTitles() {
		text := n
		if i == h.sort.col {
			if h.sort.desc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		h.headers[i].SetText(text)
	}
}

// sortShown orders the shown assessments by the column chosen; equal ones
// keep the store's order.
func (h *Home) sortShown() {
	if h.sort.col < 0 {
		return
	}
	statusRank := func(s domain.AssessmentStatus) int { return slices.Index(kit.Statuses, s) }
	scored := func(a domain.AssessmentSummary) float64 {
		if a.Status == domain.Draft && a.Answered == 0 {
			return -1 // "—": nothing answered yet
		}
		return a.Final
	}
	by := []func(a, b domain.AssessmentSummary) int{
		func(a, b domain.AssessmentSummary) int { return strings.Compare(a.Unit.Name, b.Unit.Name) },
		func(a, b domain.AssessmentSummary) int { return strings.Compare(a.Round, b.Round) },
		func(a, b domain.AssessmentSummary) int {
			return cmp.Or(strings.Compare(a.CatalogTitle, b.CatalogTitle), strings.Compare(a.CatalogVersion, b.CatalogVersion))
		},
		func(a, b domain.AssessmentSummary) int {
			return cmp.Compare(statusRank(a.Status), statusRank(b.Status))
		},
		func(a, b domain.AssessmentSummary) int { return cmp.Compare(a.Progress(), b.Progress()) },
		func(a, b domain.AssessmentSummary) int { return cmp.Compare(scored(a), scored(b)) },
		func(a, b domain.AssessmentSummary) int { return strings.Compare(a.Grade, b.Grade) },
	}[h.sort.col]
	slices.SortStableFunc(h.shown, func(a, b domain.AssessmentSummary) int {
		if h.sort.desc {
			return by(b, a)
		}
		return by(a, b)
	})
}

// newUnitFilter makes the unit filter: all units, then each unit listed.
func (h *Home) newUnitFilter() *widget.Select {
	s := widget.NewSelect([]string{lang.L("All units")}, func(string) { h.applyFilter() })
	s.PlaceHolder = lang.L("All units")
	return s
}

// setUnits fills the unit filter with the units of list, keeping the unit
// chosen while it is still listed.
func (h *Home) setUnits(list []domain.AssessmentSummary) {
	chosen := h.unitChosen()
	seen := map[string]bool{}
	h.units = h.units[:0]
	for _, a := range list {
		if !seen[a.Unit.Name] {
			seen[a.Unit.Name] = true
			h.units = append(h.units, a.Unit.Name)
		}
	}
	slices.Sort(h.units)
	h.unitFilter.Options = append([]string{lang.L("All units")}, h.units...)
	h.unitFilter.Refresh()
	if chosen != "" && !seen[chosen] {
		h.unitFilter.ClearSelected()
	}
}

// unitChosen returns the unit the filter chose, or "" for all units.
func (h *Home) unitChosen() string {
	if i := h.unitFilter.SelectedIndex(); i > 0 && i-1 < len(h.units) {
		return h.units[i-1]
	}
	return ""
}
