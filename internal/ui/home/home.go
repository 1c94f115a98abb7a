// Package home is the home screen of Pingce: the list of assessments with
// their progress and score, filters by round and status, and the actions on
// the selected one (open, export, delete a draft), with keyboard use: Enter
// opens, Delete deletes, a double click opens.
//
// For a reviewer the screen has a second tab, the 审核 area (ReviewArea,
// internal/ui/review's List): the submissions waiting, in review,
// returned and approved, by round and unit, with 自评分, 核定分 so far and
// the items reviewed; opening one shows its review screen.
package home

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/roundview"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
)

// Deps is what the home screen needs from the shell.
type Deps struct {
	Window      fyne.Window
	Assessments domain.AssessmentService
	Tasks       *kit.Tasks
	// CanExport enables the export button (a report writer is configured).
	CanExport bool
	// Who returns the own unit's name and the operator for the status line.
	Who func() (unit, operator string)
	// OnNew, OnOpen, OnExport and OnSettings are the actions of the buttons.
	OnNew      func()
	OnOpen     func(id int64)
	OnExport   func(id int64)
	OnSettings func()
	// OnOverview opens the bureau overview; CanOverview says whether the
	// user may (a reviewer or an administrator). The button shows only
	// when both are set and CanOverview reports true.
	OnOverview  func()
	CanOverview func() bool
	// ReviewArea is the 审核 area, shown as a second tab while CanReview
	// reports true (a reviewer); it is reloaded with the screen. OnReview
	// opens it as a screen of its own instead when there is no
	// ReviewArea; its button shows only when CanReview reports true.
	ReviewArea ReviewArea
	OnReview   func()
	CanReview  func() bool
	// OnTasks opens the rectification register's board (整改台账); the
	// button shows when it is set.
	OnTasks func()
	// OnCatalogs opens the catalog screen (stored catalogs, import from an
	// official table, versions); CanCatalogs says whether the user may
	// manage catalogs. The button shows only when both are set and
	// CanCatalogs reports true.
	OnCatalogs  func()
	CanCatalogs func() bool
	// OnExportPackage writes the exchange package of an assessment (a
	// submission, or the review of a received one); OnImportPackage
	// imports one. Their buttons show only when they are set.
	OnExportPackage func(id int64)
	OnImportPackage func()
	// CreateFrom starts the next round of an assessment (以上轮为基础新建,
	// nextround.go); nil: the Assessments service's own CreateFrom when it
	// has one (NextRounder), else the button hides.
	CreateFrom func(ctx context.Context, fromID int64, a *domain.Assessment) error
	// Round reads the database's rounds as the overview does (peers.go):
	// the score column then shows the round's figures of a round this
	// database holds whole instead of 待汇总. Zero (no Round service):
	// the store's figures, and those a review package brought.
	Round roundview.Source
}

// ReviewArea is what home needs of the 审核 area (review.List).
type ReviewArea interface {
	// Content returns the area's widgets.
	Content() fyne.CanvasObject
	// Reload reads the submissions again, off the UI goroutine.
	Reload()
}

// Home is the home screen. Build it with New; it implements screen.Screen
// and screen.Scripted.
type Home struct {
	deps    Deps
	content fyne.CanvasObject
	main    fyne.CanvasObject // the assessments: the screen, or its first tab
	root    *fyne.Container   // holds main, or the tabs around main and the 审核 area
	tabs    *container.AppTabs
	areaOn  bool // the 审核 tab shows

	newButton      *widget.Button
	openButton     *widget.Button
	exportButton   *widget.Button
	deleteButton   *widget.Button
	settingsButton *widget.Button
	overviewButton *widget.Button
	catalogsButton *widget.Button
	reviewButton   *widget.Button
	tasksButton    *widget.Button   // 整改台账
	packageButton  *widget.Button   // 导出交换包…
	importButton   *widget.Button   // 导入…
	nextButton     *widget.Button   // 以上轮为基础新建… (nextround.go)
	roundFilter    *widget.Select   // index 0: all rounds, then rounds[i-1]
	statusFilter   *widget.Select   // index 0: all statuses, then kit.Statuses[i-1]
	unitFilter     *widget.Select   // index 0: all units, then units[i-1] (sort.go)
	headers        []*widget.Button // the column titles, which sort the list
	sort           sortState
	units          []string // the units of the unit filter, by name
	list           *assessmentList
	empty          *fyne.Container // shown instead of the list when there is nothing to show
	emptyText      *widget.Label
	status         *widget.Label // the line at the bottom: counts, unit and operator

	rounds   []string                   // the rounds of the round filter, newest first
	all      []domain.AssessmentSummary // everything the store listed
	shown    []domain.AssessmentSummary // what passes the filters
	selected int                        // index into shown, or -1
	loaded   bool
}

var (
	_ screen.Screen   = (*Home)(nil)
	_ screen.Scripted = (*Home)(nil)
)

// New builds the home screen; call Reload to fill it.
func New(d Deps) *Home {
	h := &Home{deps: d, selected: -1}
	h.newButton = widget.NewButtonWithIcon(lang.L("New assessment"), theme.ContentAddIcon(), h.onNewTapped)
	h.newButton.Importance = widget.HighImportance
	h.openButton = widget.NewButtonWithIcon(lang.L("Open"), theme.FolderOpenIcon(), h.onOpenTapped)
	h.exportButton = widget.NewButtonWithIcon(lang.L("Export report…"), theme.DocumentSaveIcon(), h.onExportTapped)
	h.deleteButton = widget.NewButtonWithIcon(lang.L("Delete draft"), theme.DeleteIcon(), h.onDeleteTapped)
	h.settingsButton = widget.NewButtonWithIcon(lang.L("Settings"), theme.SettingsIcon(), h.onSettingsTapped)
	h.overviewButton = widget.NewButtonWithIcon(lang.L("Bureau overview"), theme.GridIcon(), func() { call(h.deps.OnOverview) })
	h.overviewButton.Hide()
	h.catalogsButton = widget.NewButtonWithIcon(lang.L("Catalogs"), theme.ListIcon(), func() { call(h.deps.OnCatalogs) })
	h.catalogsButton.Hide()
	h.reviewButton = widget.NewButtonWithIcon(lang.L("Lead review"), theme.ConfirmIcon(), func() { call(h.deps.OnReview) })
	h.reviewButton.Hide()
	h.tasksButton = widget.NewButtonWithIcon(lang.L("Rectification register"), theme.DocumentIcon(), func() { call(h.deps.OnTasks) })
	if h.deps.OnTasks == nil {
		h.tasksButton.Hide()
	}
	h.packageButton = widget.NewButtonWithIcon(lang.L("Export package…"), theme.MailSendIcon(), func() {
		if s := h.Selected(); s != nil && h.deps.OnExportPackage != nil {
			h.deps.OnExportPackage(s.ID)
		}
	})
	h.importButton = widget.NewButtonWithIcon(lang.L("Import…"), theme.DownloadIcon(), func() { call(h.deps.OnImportPackage) })
	if h.deps.OnExportPackage == nil {
		h.packageButton.Hide()
	}
	if h.deps.OnImportPackage == nil {
		h.importButton.Hide()
	}

	h.nextButton = widget.NewButtonWithIcon(lang.L("Next round from this…"), theme.ContentCopyIcon(), h.onNextRoundTapped)
	if h.deps.createFrom() == nil {
		h.nextButton.Hide()
	}

	h.roundFilter = widget.NewSelect([]string{lang.L("All rounds")}, func(string) { h.applyFilter() })
	h.roundFilter.PlaceHolder = lang.L("All rounds")
	h.statusFilter = widget.NewSelect(nil, func(string) { h.applyFilter() })
	h.statusFilter.PlaceHolder = lang.L("All statuses")
	opts := []string{lang.L("All statuses")}
	for _, s := range kit.Statuses {
		opts = append(opts, kit.StatusText(s))
	}
	h.statusFilter.Options = opts
	h.unitFilter = h.newUnitFilter()

	h.list = newAssessmentList(h)
	h.emptyText = widget.NewLabel("")
	h.emptyText.Alignment = fyne.TextAlignCenter
	emptyNew := widget.NewButtonWithIcon(lang.L("New assessment"), theme.ContentAddIcon(), h.onNewTapped)
	emptyNew.Importance = widget.HighImportance
	h.empty = container.NewCenter(container.NewVBox(h.emptyText, container.NewCenter(emptyNew)))
	h.empty.Hide()
	h.status = widget.NewLabel("")

	title := widget.NewLabelWithStyle(lang.L("Assessments"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	bar := container.NewHBox(h.newButton, h.nextButton, h.openButton, h.exportButton, h.deleteButton, h.packageButton, h.importButton, h.overviewButton, h.reviewButton, h.tasksButton, h.catalogsButton)
	filters := container.NewHBox(widget.NewLabel(lang.L("Unit")), h.unitFilter, widget.NewLabel(lang.L("Round")), h.roundFilter,
		widget.NewLabel(lang.L("Status")), h.statusFilter, h.settingsButton)
	// The filters share the title's line and the actions have a line of
	// their own: side by side they were wider than a 1024-pixel screen, and
	// Fyne widens the window to its content (issue 11 #12).
	// With every action (a reviewer and administrator with exchange) the
	// buttons are wider than a 1024-pixel screen in English: they scroll
	// sideways rather than widen the window.
	top := container.NewVBox(
		container.NewBorder(nil, nil, title, filters),
		container.NewHScroll(bar),
		widget.NewSeparator(),
		h.newSortHeader(),
	)
	center := container.NewStack(h.list, h.empty)
	h.main = container.NewBorder(top, container.NewVBox(widget.NewSeparator(), h.status), nil, nil, center)
	h.root = container.NewStack(h.main)
	h.content = container.NewPadded(h.root)
	h.updateButtons()
	return h
}

// updateArea shows the 审核 tab while the user may review, and only the
// assessments otherwise.
func (h *Home) updateArea() {
	on := h.deps.ReviewArea != nil && h.deps.CanReview != nil && h.deps.CanReview()
	if on == h.areaOn {
		return
	}
	h.areaOn = on
	if on {
		h.tabs = container.NewAppTabs(container.NewTabItemWithIcon(lang.L("Assessments"), theme.DocumentIcon(), h.main),
			container.NewTabItemWithIcon(lang.L("Lead review"), theme.ConfirmIcon(), h.deps.ReviewArea.Content()))
		h.root.Objects = []fyne.CanvasObject{h.tabs}
		h.deps.ReviewArea.Reload()
	} else {
		h.tabs = nil
		h.root.Objects = []fyne.CanvasObject{h.main}
	}
	h.root.Refresh()
}

// ShowReviewArea brings the 审核 tab to the front; false when it is not
// shown (the user does not review).
func (h *Home) ShowReviewArea() bool {
	h.updateArea()
	if h.tabs == nil {
		return false
	}
	h.tabs.SelectIndex(1)
	return true
}

// ReviewAreaShown reports whether the 审核 tab is in front.
func (h *Home) ReviewAreaShown() bool { return h.tabs != nil && h.tabs.SelectedIndex() == 1 }

// Content returns the screen's widgets.
func (h *Home) Content() fyne.CanvasObject { return h.content }

// HandleDrop ignores dropped files: they belong to an item of an assessment.
func (h *Home) HandleDrop([]fyne.URI) {}

// Close lets go of the keyboard focus as another screen takes the window:
// the home screen holds nothing unsaved, but its list kept the focus when
// the shell put another screen in its place, and Enter typed there (on
// the 整改 board) opened the assessment selected on the hidden list.
func (h *Home) Close() {
	if h.deps.Window != nil {
		h.deps.Window.Canvas().Unfocus()
	}
}

// Busy reports false: the home screen's work only reads.
func (h *Home) Busy() bool { return false }

// Focus gives the list the keyboard focus, so that arrows, Enter and
// Delete work at once.
func (h *Home) Focus() { h.deps.Window.Canvas().Focus(h.list) }

// TypedKey handles Enter (open) and Delete (delete the draft) typed while
// no widget has the focus.
func (h *Home) TypedKey(e *fyne.KeyEvent) { h.onListKey(e) }

// Do performs a scripted action: "select" arg i selects the i-th
// assessment shown; "delete-draft" selects the first draft shown and asks
// to delete it, as the Delete button does.
func (h *Home) Do(action, arg string) error {
	switch action {
	case "select":
		i, err := strconv.Atoi(arg)
		if err != nil || i < 0 || i >= len(h.shown) {
			return fmt.Errorf("home: select %q: %d assessments shown", arg, len(h.shown))
		}
		h.list.Select(i)
		return nil
	case "delete-draft":
		for i, a := range h.shown {
			if a.Status == domain.Draft {
				h.list.Select(i)
				h.onDeleteTapped()
				return nil
			}
		}
		return fmt.Errorf("home: no draft shown")
	}
	return screen.UnknownAction("home", action, "select", "delete-draft")
}

// Reload fetches the assessments from the store and shows them, and the
// 审核 area's submissions.
func (h *Home) Reload() {
	if h.areaOn {
		h.deps.ReviewArea.Reload()
	}
	var list []domain.AssessmentSummary
	h.deps.Tasks.Run(func(ctx context.Context) (err error) {
		list, err = h.deps.Assessments.ListAssessments(ctx, domain.AssessmentFilter{})
		if err == nil {
			h.deps.withRoundFigures(ctx, list) // peers.go: the round's facts a review package brought
		}
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(h.deps.Window, err)
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
	round := h.round()
	h.setUnits(list)
	h.all = list
	h.loaded = true
	seen := map[string]bool{}
	h.rounds = h.rounds[:0]
	for _, a := range list {
		if !seen[a.Round] {
			seen[a.Round] = true
			h.rounds = append(h.rounds, a.Round)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(h.rounds)))
	h.roundFilter.Options = append([]string{lang.L("All rounds")}, h.rounds...)
	h.roundFilter.Refresh()
	if round != "" && !seen[round] {
		h.roundFilter.ClearSelected()
	}
	h.applyFilterKeeping(keep)
}

// round returns the round the filter chose, or "" for all rounds.
func (h *Home) round() string {
	if i := h.roundFilter.SelectedIndex(); i > 0 && i-1 < len(h.rounds) {
		return h.rounds[i-1]
	}
	return ""
}

// statusChosen returns the status the filter chose, or "" for all statuses.
func (h *Home) statusChosen() domain.AssessmentStatus {
	if i := h.statusFilter.SelectedIndex(); i > 0 && i-1 < len(kit.Statuses) {
		return kit.Statuses[i-1]
	}
	return ""
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
	round := h.round()
	status := h.statusChosen()
	unit := h.unitChosen()
	h.shown = h.shown[:0]
	for _, a := range h.all {
		if (round == "" || a.Round == round) && (status == "" || a.Status == status) && (unit == "" || a.Unit.Name == unit) {
			h.shown = append(h.shown, a)
		}
	}
	h.sortShown()
	h.selected = -1
	h.list.UnselectAll()
	h.list.Refresh()
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
		h.list.Select(sel)
	}
	switch {
	case len(h.all) == 0:
		h.emptyText.SetText(lang.L("No assessments yet. Start with a new assessment of your unit."))
	case len(h.shown) == 0:
		h.emptyText.SetText(lang.L("No assessment matches the filters."))
	}
	if len(h.shown) == 0 && h.loaded {
		h.empty.Show()
		h.list.Hide()
	} else {
		h.empty.Hide()
		h.list.Show()
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

func (h *Home) onListSelected(id widget.ListItemID) {
	h.selected = id
	h.updateButtons()
}

func (h *Home) onListUnselected(widget.ListItemID) {
	h.selected = -1
	h.updateButtons()
}

// updateButtons enables the actions that apply to the selection.
// packageLabel names the package the selected assessment sends, as the
// exchange's kind rules choose it: 导出提交包… for a submitted assessment
// of the own unit, 导出审核结果包… for another unit's the lead returned,
// 导出交换包… where the kind depends on more than the list shows (an
// approved one: its review again or its 整改进展包, which Export asks).
func (h *Home) packageLabel(s *domain.AssessmentSummary) string {
	own := ""
	if h.deps.Who != nil {
		own, _ = h.deps.Who()
	}
	switch {
	case s == nil || own == "":
	case s.Status == domain.Submitted && s.Unit.Name == own:
		return lang.L("Export submission package…")
	case s.Status == domain.Returned && s.Unit.Name != own:
		return lang.L("Export review package…")
	}
	return lang.L("Export package…")
}

func (h *Home) updateButtons() {
	s := h.Selected()
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(h.openButton, s != nil)
	enable(h.nextButton, s != nil)
	enable(h.exportButton, s != nil && h.deps.CanExport)
	enable(h.deleteButton, s != nil && s.Status == domain.Draft)
	enable(h.packageButton, s != nil && s.Status != domain.Draft)
	if text := h.packageLabel(s); h.packageButton.Text != text {
		h.packageButton.SetText(text)
	}
	if h.deps.OnOverview != nil && h.deps.CanOverview != nil && h.deps.CanOverview() {
		h.overviewButton.Show()
	} else {
		h.overviewButton.Hide()
	}
	if h.deps.ReviewArea == nil && h.deps.OnReview != nil && h.deps.CanReview != nil && h.deps.CanReview() {
		h.reviewButton.Show()
	} else {
		h.reviewButton.Hide()
	}
	h.updateArea()
	if h.deps.OnCatalogs != nil && h.deps.CanCatalogs != nil && h.deps.CanCatalogs() {
		h.catalogsButton.Show()
	} else {
		h.catalogsButton.Hide()
	}
}

// updateStatus writes the line at the bottom.
func (h *Home) updateStatus() {
	var unit, op string
	if h.deps.Who != nil {
		unit, op = h.deps.Who()
	}
	s := lang.L("{{.Shown}} of {{.All}} assessments", map[string]any{"Shown": len(h.shown), "All": len(h.all)})
	if unit != "" {
		s += "    " + lang.L("Unit: {{.Unit}}", map[string]any{"Unit": unit})
	}
	if op != "" {
		s += "    " + lang.L("Operator: {{.Name}}", map[string]any{"Name": op})
	}
	h.status.SetText(s)
}

func (h *Home) onNewTapped() { call(h.deps.OnNew) }

func (h *Home) onSettingsTapped() { call(h.deps.OnSettings) }

// call runs fn when it is set.
func call(fn func()) {
	if fn != nil {
		fn()
	}
}

func (h *Home) onOpenTapped() {
	if s := h.Selected(); s != nil && h.deps.OnOpen != nil {
		h.deps.OnOpen(s.ID)
	}
}

func (h *Home) onExportTapped() {
	if s := h.Selected(); s != nil && h.deps.OnExport != nil {
		h.deps.OnExport(s.ID)
	}
}

// onDeleteTapped asks, then deletes the selected draft.
func (h *Home) onDeleteTapped() {
	s := h.Selected()
	if s == nil || s.Status != domain.Draft {
		return
	}
	id := s.ID
	msg := kit.Sentence(lang.L("Delete the draft of {{.Unit}} for {{.Round}} with all its answers and evidence files? This cannot be undone.",
		map[string]any{"Unit": s.Unit.Name, "Round": s.Round}), 420)
	d := dialog.NewCustomConfirm(lang.L("Delete draft?"), lang.L("Delete"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			h.deleteDraft(id)
		}
	}, h.deps.Window)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (h *Home) deleteDraft(id int64) {
	h.deps.Tasks.Run(func(ctx context.Context) error {
		return h.deps.Assessments.DeleteAssessment(ctx, id)
	}, func(err error) {
		if err != nil {
			kit.ShowError(h.deps.Window, err)
		}
		h.Reload()
	})
}

// dialogShown reports whether a dialog covers the window; the keys of the
// home screen then do nothing.
func (h *Home) dialogShown() bool {
	return h.deps.Window.Canvas().Overlays().Top() != nil
}

// onListKey handles Enter (open) and Delete (delete the draft).
func (h *Home) onListKey(e *fyne.KeyEvent) {
	if h.dialogShown() {
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

// Layout gives every cell its column width; the catalog column takes the rest.
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

// MinSize is the fixed columns plus a narrow catalog column, as tall as the tallest cell.
func (columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(120), float32(0)
	for i, o := range objs {
		w += columnWidths[i]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
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
	r.bar.TextFormatter = func() string { return kit.Percent(r.bar.Value) }
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
	r.cells[3].SetText(kit.StatusText(a.Status))
	r.bar.SetValue(a.Progress())
	if a.Answered == 0 { // a grade of nothing answered would only alarm
		r.cells[5].SetText("—")
		r.cells[6].SetText("—")
	} else {
		final := kit.Number(a.Final)
		if a.AwaitsRound { // the peers' rules at their low end: not the final figure
			final = lang.L("{{.Final}} (awaits the round)", map[string]any{"Final": final})
		}
		r.cells[5].SetText(final)
		r.cells[6].SetText(a.Grade)
	}
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
