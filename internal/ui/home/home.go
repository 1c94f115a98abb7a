package ui

import (
	"context"
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// Home is the home screen: the list of assessments with their progress and
// score, filters by round and status, and the actions on them.
type Home struct {
	u       *UI
	content fyne.CanvasObject

	NewButton      *widget.Button
	OpenButton     *widget.Button
	ExportButton   *widget.Button
	DeleteButton   *widget.Button
	SettingsButton *widget.Button
	RoundFilter    *widget.Select
	StatusFilter   *widget.Select
	List           *assessmentList
	Empty          *fyne.Container // shown instead of the list when there is nothing to show
	EmptyText      *widget.Label
	Status         *widget.Label // the line at the bottom: counts, unit and operator

	all      []domain.AssessmentSummary // everything the store listed
	shown    []domain.AssessmentSummary // what passes the filters
	selected int                        // index into shown, or -1
	loaded   bool
}

// statusText returns the localized name of an assessment status.
func statusText(s domain.AssessmentStatus) string {
	switch s {
	case domain.Draft:
		return lang.L("Draft")
	case domain.Submitted:
		return lang.L("Submitted")
	case domain.Returned:
		return lang.L("Returned")
	case domain.Approved:
		return lang.L("Approved")
	}
	return string(s)
}

// statuses lists the statuses in the order the filter offers them.
var statuses = []domain.AssessmentStatus{domain.Draft, domain.Returned, domain.Submitted, domain.Approved}

func newHome(u *UI) *Home {
	h := &Home{u: u, selected: -1}
	h.NewButton = widget.NewButtonWithIcon(lang.L("New assessment"), theme.ContentAddIcon(), h.onNewTapped)
	h.NewButton.Importance = widget.HighImportance
	h.OpenButton = widget.NewButtonWithIcon(lang.L("Open"), theme.FolderOpenIcon(), h.onOpenTapped)
	h.ExportButton = widget.NewButtonWithIcon(lang.L("Export report…"), theme.DocumentSaveIcon(), h.onExportTapped)
	h.DeleteButton = widget.NewButtonWithIcon(lang.L("Delete draft"), theme.DeleteIcon(), h.onDeleteTapped)
	h.SettingsButton = widget.NewButtonWithIcon(lang.L("Settings"), theme.SettingsIcon(), h.onSettingsTapped)

	h.RoundFilter = widget.NewSelect(nil, func(string) { h.applyFilter() })
	h.RoundFilter.PlaceHolder = lang.L("All rounds")
	h.StatusFilter = widget.NewSelect(nil, func(string) { h.applyFilter() })
	h.StatusFilter.PlaceHolder = lang.L("All statuses")
	opts := []string{lang.L("All statuses")}
	for _, s := range statuses {
		opts = append(opts, statusText(s))
	}
	h.StatusFilter.Options = opts

	h.List = newAssessmentList(h)
	h.EmptyText = widget.NewLabel("")
	h.EmptyText.Alignment = fyne.TextAlignCenter
	emptyNew := widget.NewButtonWithIcon(lang.L("New assessment"), theme.ContentAddIcon(), h.onNewTapped)
	emptyNew.Importance = widget.HighImportance
	h.Empty = container.NewCenter(container.NewVBox(h.EmptyText, container.NewCenter(emptyNew)))
	h.Empty.Hide()
	h.Status = widget.NewLabel("")

	title := widget.NewLabelWithStyle(lang.L("Assessments"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	bar := container.NewHBox(h.NewButton, h.OpenButton, h.ExportButton, h.DeleteButton)
	filters := container.NewHBox(widget.NewLabel(lang.L("Round")), h.RoundFilter,
		widget.NewLabel(lang.L("Status")), h.StatusFilter, h.SettingsButton)
	top := container.NewVBox(
		container.NewBorder(nil, nil, title, nil),
		container.NewBorder(nil, nil, bar, filters),
		widget.NewSeparator(),
		newRowHeader(),
	)
	center := container.NewStack(h.List, h.Empty)
	h.content = container.NewPadded(container.NewBorder(top, container.NewVBox(widget.NewSeparator(), h.Status), nil, nil, center))
	h.updateButtons()
	return h
}

// Reload fetches the assessments from the store and shows them.
func (h *Home) Reload() {
	var list []domain.AssessmentSummary
	h.u.async(func(ctx context.Context) (err error) {
		list, err = h.u.deps.Assessments.ListAssessments(ctx, domain.AssessmentFilter{})
		return err
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
			return
		}
		h.setAssessments(list)
	})
}

// setAssessments replaces the list and keeps the filters and the selection
// where they still make sense.
func (h *Home) setAssessments(list []domain.AssessmentSummary) {
	var keep int64
	if s := h.Selected(); s != nil {
		keep = s.ID
	}
	h.all = list
	h.loaded = true
	rounds := map[string]bool{}
	for _, a := range list {
		rounds[a.Round] = true
	}
	opts := make([]string, 0, len(rounds)+1)
	for r := range rounds {
		opts = append(opts, r)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(opts)))
	h.RoundFilter.Options = append([]string{lang.L("All rounds")}, opts...)
	if r := h.RoundFilter.Selected; r != "" && !rounds[r] {
		h.RoundFilter.ClearSelected()
	}
	h.RoundFilter.Refresh()
	h.applyFilterKeeping(keep)
}

// applyFilter shows the assessments that pass the round and status filters.
func (h *Home) applyFilter() {
	var keep int64
	if s := h.Selected(); s != nil {
		keep = s.ID
	}
	h.applyFilterKeeping(keep)
}

func (h *Home) applyFilterKeeping(keep int64) {
	round := h.RoundFilter.Selected
	if round == lang.L("All rounds") {
		round = ""
	}
	var status domain.AssessmentStatus
	for _, s := range statuses {
		if statusText(s) == h.StatusFilter.Selected {
			status = s
		}
	}
	h.shown = h.shown[:0]
	for _, a := range h.all {
		if (round == "" || a.Round == round) && (status == "" || a.Status == status) {
			h.shown = append(h.shown, a)
		}
	}
	h.selected = -1
	h.List.UnselectAll()
	h.List.Refresh()
	sel := -1
	for i, a := range h.shown {
		if a.ID == keep {
			sel = i
		}
	}
	if sel < 0 && len(h.shown) > 0 {
		sel = 0 // so that Enter and the buttons work at once
	}
	if sel >= 0 {
		h.List.Select(sel)
	}
	switch {
	case len(h.all) == 0:
		h.EmptyText.SetText(lang.L("No assessments yet. Start with a new assessment of your unit."))
	case len(h.shown) == 0:
		h.EmptyText.SetText(lang.L("No assessment matches the filters."))
	}
	if len(h.shown) == 0 && h.loaded {
		h.Empty.Show()
		h.List.Hide()
	} else {
		h.Empty.Hide()
		h.List.Show()
	}
	h.updateStatus()
	h.updateButtons()
}

// Shown returns the assessments the list shows.
func (h *Home) Shown() []domain.AssessmentSummary { return h.shown }

// Selected returns the selected assessment, or nil.
func (h *Home) Selected() *domain.AssessmentSummary {
	if h.selected < 0 || h.selected >= len(h.shown) {
		return nil
	}
	return &h.shown[h.selected]
}

// Select selects the i-th assessment shown.
func (h *Home) Select(i int) { h.List.Select(i) }

func (h *Home) onListSelected(id widget.ListItemID) {
	h.selected = id
	h.updateButtons()
}

func (h *Home) onListUnselected(widget.ListItemID) {
	h.selected = -1
	h.updateButtons()
}

// updateButtons enables the actions that apply to the selection.
func (h *Home) updateButtons() {
	s := h.Selected()
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(h.OpenButton, s != nil)
	enable(h.ExportButton, s != nil && h.u.deps.WriteReport != nil)
	enable(h.DeleteButton, s != nil && s.Status == domain.Draft)
}

// updateStatus writes the line at the bottom.
func (h *Home) updateStatus() {
	p := LoadProfile(h.u.prefs)
	s := lang.L("{{.Shown}} of {{.All}} assessments", map[string]any{"Shown": len(h.shown), "All": len(h.all)})
	if p.UnitName != "" {
		s += "    " + lang.L("Unit: {{.Unit}}", map[string]any{"Unit": p.UnitName})
	}
	if op := h.u.Operator(); op != "" {
		s += "    " + lang.L("Operator: {{.Name}}", map[string]any{"Name": op})
	}
	h.Status.SetText(s)
}

func (h *Home) onNewTapped() { h.u.ShowNew() }

func (h *Home) onSettingsTapped() { h.u.showProfile(false) }

func (h *Home) onOpenTapped() {
	if s := h.Selected(); s != nil {
		h.u.OpenAssessment(s.ID, nil)
	}
}

func (h *Home) onExportTapped() {
	if s := h.Selected(); s != nil {
		h.u.ExportAssessment(s.ID)
	}
}

// onDeleteTapped asks, then deletes the selected draft.
func (h *Home) onDeleteTapped() {
	s := h.Selected()
	if s == nil || s.Status != domain.Draft {
		return
	}
	id := s.ID
	msg := widget.NewLabel(lang.L("Delete the draft of {{.Unit}} for {{.Round}} with all its answers and evidence files? This cannot be undone.",
		map[string]any{"Unit": s.Unit.Name, "Round": s.Round}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Delete draft?"), lang.L("Delete"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			h.deleteDraft(id)
		}
	}, h.u.deps.Window)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

func (h *Home) deleteDraft(id int64) {
	h.u.async(func(ctx context.Context) error {
		return h.u.deps.Assessments.DeleteAssessment(ctx, id)
	}, func(err error) {
		if err != nil {
			h.u.showError(err)
		}
		h.Reload()
	})
}

// onListKey handles Enter (open) and Delete (delete the draft).
func (h *Home) onListKey(e *fyne.KeyEvent) {
	if h.u.dialogShown() {
		return
	}
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		h.onOpenTapped()
	case fyne.KeyDelete:
		h.onDeleteTapped()
	}
}

// Columns of the list, and their widths; the catalog column takes the rest.
var columnWidths = []float32{200, 90, 0, 100, 130, 90, 80}

const catalogColumn = 2

// columnsLayout places a row's cells at the fixed column widths.
type columnsLayout struct{}

func (columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for _, w := range columnWidths {
		fixed += w
	}
	flex := max(size.Width-fixed, 120)
	x := float32(0)
	for i, o := range objs {
		w := columnWidths[i]
		if i == catalogColumn {
			w = flex
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(120), float32(0)
	for i, o := range objs {
		w += columnWidths[i]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

// newRowHeader returns the column titles above the list.
func newRowHeader() fyne.CanvasObject {
	names := []string{lang.L("Unit"), lang.L("Round"), lang.L("Catalog"), lang.L("Status"),
		lang.L("Progress"), lang.L("Score"), lang.L("Grade")}
	objs := make([]fyne.CanvasObject, len(names))
	for i, n := range names {
		l := widget.NewLabelWithStyle(n, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		objs[i] = l
	}
	return container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding(), theme.Padding()),
		container.New(columnsLayout{}, objs...))
}

// assessmentList is the virtualized list of assessments; it opens on Enter
// and deletes on Delete.
type assessmentList struct {
	widget.List
	h *Home

	lastTap   time.Time // when a row was last tapped, for double clicks
	lastTapID widget.ListItemID
}

func newAssessmentList(h *Home) *assessmentList {
	l := &assessmentList{h: h}
	l.Length = func() int { return len(h.shown) }
	l.CreateItem = func() fyne.CanvasObject { return newAssessmentRow(l) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*assessmentRow).set(id, h.shown[id]) }
	l.OnSelected = h.onListSelected
	l.OnUnselected = h.onListUnselected
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey opens or deletes the selected assessment on Enter or Delete and
// otherwise moves through the list.
func (l *assessmentList) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDelete:
		l.h.onListKey(e)
	default:
		l.List.TypedKey(e)
	}
}

// assessmentRow is one line of the list; a double click opens it.
type assessmentRow struct {
	widget.BaseWidget
	list   *assessmentList
	id     widget.ListItemID
	cells  []*widget.Label
	bar    *widget.ProgressBar
	object *fyne.Container
}

func newAssessmentRow(l *assessmentList) *assessmentRow {
	r := &assessmentRow{list: l}
	objs := make([]fyne.CanvasObject, len(columnWidths))
	for i := range columnWidths {
		c := widget.NewLabel("")
		c.Truncation = fyne.TextTruncateEllipsis
		r.cells = append(r.cells, c)
		objs[i] = c
	}
	r.bar = widget.NewProgressBar()
	r.bar.TextFormatter = func() string { return fmt.Sprintf("%.0f%%", r.bar.Value*100) }
	objs[4] = container.New(layout.NewCustomPaddedLayout(6, 6, 0, 12), r.bar)
	r.object = container.New(columnsLayout{}, objs...)
	r.ExtendBaseWidget(r)
	return r
}

func (r *assessmentRow) set(id widget.ListItemID, a domain.AssessmentSummary) {
	r.id = id
	catalog := a.CatalogTitle
	if catalog == "" {
		catalog = a.CatalogID
	}
	r.cells[0].SetText(a.Unit.Name)
	r.cells[1].SetText(a.Round)
	r.cells[2].SetText(catalog + " @" + a.CatalogVersion)
	r.cells[3].SetText(statusText(a.Status))
	r.bar.SetValue(a.Progress())
	if a.Answered == 0 { // a grade of nothing answered would only alarm
		r.cells[5].SetText("—")
		r.cells[6].SetText("—")
	} else {
		r.cells[5].SetText(formatScore(a.Final))
		r.cells[6].SetText(a.Grade)
	}
}

// formatScore writes points with at most two decimals.
func formatScore(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return trimDot(s)
}

func trimDot(s string) string {
	if s[len(s)-1] == '.' {
		return s[:len(s)-1]
	}
	return s
}

// CreateRenderer draws the row's cells.
func (r *assessmentRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.object)
}

// doubleClick is the longest pause between the two clicks of a double click.
const doubleClick = 450 * time.Millisecond

// Tapped selects the row; a second tap on it soon after opens it. (The row
// does not implement fyne.DoubleTappable: the driver would then hold every
// single tap back until the double-tap delay passed.)
func (r *assessmentRow) Tapped(*fyne.PointEvent) {
	l := r.list
	now := time.Now()
	double := l.lastTapID == r.id && now.Sub(l.lastTap) < doubleClick
	l.lastTap, l.lastTapID = now, r.id
	l.Select(r.id)
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
	if double {
		l.lastTap = time.Time{}
		l.h.onOpenTapped()
	}
}
