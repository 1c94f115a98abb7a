package review

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/roundview"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
)

// ListDeps is what the 审核 area needs from the shell.
type ListDeps struct {
	Tasks       *kit.Tasks
	Assessments domain.AssessmentService
	// OnOpen opens an assessment: its review screen while it is
	// submitted, else what the shell shows for it.
	OnOpen func(id int64)
	// OnBack returns to home; nil hides the back button (the area is a
	// tab of home).
	OnBack func()
	// Round reads the database's rounds as the overview does: the scores
	// of a round it holds whole are the round's figures (as home's list),
	// not the unit's own waiting for the round. Zero: the own figures.
	Round roundview.Source
}

// Line is one submission of the 审核 area.
type Line struct {
	ID       int64
	Unit     string
	Round    string
	Status   domain.AssessmentStatus
	Own      float64 // 自评分
	Approved float64 // 核定分 so far
	Reviewed int     // items reviewed
	Items    int     // applicable items
	Requests int     // open requests
	Changed  int     // items changed since the last submission
	// Unrecorded: submitted before submissions were recorded (早期提交),
	// so nothing can count as changed.
	Unrecorded bool
	// AwaitsRound: the scores count the low end of the catalog's rules
	// that compare units (待汇总), as the home list says.
	AwaitsRound bool
}

// List is the 审核 area: every submission that is waiting, in review,
// returned or approved, by round and unit. It implements screen.Screen.
type List struct {
	deps    ListDeps
	all     []Line
	shown   []Line
	round   *widget.Select
	unit    *widget.Select
	status  *widget.Select
	list    *widget.List
	info    *widget.Label
	counts  *widget.Label // how many in each phase
	content fyne.CanvasObject
}

var _ screen.Screen = (*List)(nil)

// The status filter's choices.
func statusChoices() []string {
	return []string{lang.L("All"), lang.L("Waiting"), lang.L("In review"), lang.L("Returned"), lang.L("Approved")}
}

// NewList builds the 审核 area; call Reload to read it.
func NewList(d ListDeps) *List {
	l := &List{deps: d}
	back := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), func() {
		if d.OnBack != nil {
			d.OnBack()
		}
	})
	l.round = widget.NewSelect(nil, func(string) { l.filter() })
	l.round.PlaceHolder = lang.L("All rounds")
	l.unit = widget.NewSelect(nil, func(string) { l.filter() })
	l.unit.PlaceHolder = lang.L("All units")
	l.info = widget.NewLabel(lang.L("Loading…"))
	l.status = widget.NewSelect(statusChoices(), func(string) { l.filter() })
	l.list = widget.NewList(func() int { return len(l.shown) },
		func() fyne.CanvasObject { return newRow(make([]string, len(columnTitles()))) },
		func(i widget.ListItemID, o fyne.CanvasObject) { setRow(o.(*fyne.Container), l.cells(l.shown[i])) })
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.UnselectAll()
		if i < len(l.shown) && d.OnOpen != nil {
			d.OnOpen(l.shown[i].ID)
		}
	}
	l.status.SetSelected(lang.L("All"))
	l.counts = widget.NewLabel("")
	var bar *fyne.Container
	if d.OnBack != nil {
		bar = container.NewHBox(back, widget.NewLabel(lang.L("Lead review")), l.round, l.unit, l.status, l.info)
	} else {
		bar = container.NewHBox(widget.NewLabel(lang.L("Round")), l.round, widget.NewLabel(lang.L("Unit")), l.unit,
			widget.NewLabel(lang.L("Status")), l.status, l.info)
	}
	header := newRow(columnTitles())
	for _, o := range header.Objects {
		o.(*widget.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	l.content = container.NewBorder(container.NewVBox(bar, l.counts, widget.NewSeparator(), header), nil, nil, nil, l.list)
	return l
}

// countsText says how many submissions are in each phase.
func countsText(lines []Line) string {
	n := map[string]int{}
	for _, x := range lines {
		n[phase(x)]++
	}
	return lang.L("Waiting {{.Waiting}} · in review {{.InReview}} · returned {{.Returned}} · approved {{.Approved}}",
		map[string]any{"Waiting": n[lang.L("Waiting")], "InReview": n[lang.L("In review")],
			"Returned": n[lang.L("Returned")], "Approved": n[lang.L("Approved")]})
}

// phase returns where a line stands for the reviewer: waiting (nothing
// reviewed yet), in review, returned or approved.
func phase(x Line) string {
	switch {
	case x.Status == domain.Returned:
		return lang.L("Returned")
	case x.Status == domain.Approved:
		return lang.L("Approved")
	case x.Reviewed == 0:
		return lang.L("Waiting")
	}
	return lang.L("In review")
}

// columnTitles are the titles of the area's columns, in the order of
// (*List).cells.
func columnTitles() []string {
	return []string{lang.L("Unit"), lang.L("Round"), lang.L("Status"), lang.L("Own score"), lang.L("Approved score"),
		lang.L("Items reviewed"), lang.L("Notes")}
}

// cells are a line's texts in the area's columns.
func (l *List) cells(x Line) []string {
	var notes []string
	if x.Requests > 0 {
		notes = append(notes, fmt.Sprintf(lang.L("%d open request(s)"), x.Requests))
	}
	if x.Changed > 0 {
		notes = append(notes, fmt.Sprintf(lang.L("%d changed"), x.Changed))
	}
	if x.Unrecorded {
		notes = append(notes, lang.L("early submission, not recorded"))
	}
	return []string{x.Unit, x.Round, phase(x), scoreText(x.Own, x.AwaitsRound), scoreText(x.Approved, x.AwaitsRound),
		fmt.Sprintf("%d/%d", x.Reviewed, x.Items), strings.Join(notes, lang.L("; "))}
}

// columnWidths are the widths of the area's columns; the unit and the
// notes (0) share what is left, at least 120 px each.
var columnWidths = []float32{0, 90, 90, 100, 120, 110, 0}

// newRow returns a row of labels in the area's columns.
func newRow(texts []string) *fyne.Container {
	row := container.New(&rowLayout{})
	for _, t := range texts {
		lb := widget.NewLabel(t)
		lb.Truncation = fyne.TextTruncateEllipsis
		row.Add(lb)
	}
	return row
}

func setRow(row *fyne.Container, texts []string) {
	for i, o := range row.Objects {
		if i < len(texts) {
			o.(*widget.Label).SetText(texts[i])
		}
	}
}

// rowLayout lays a row's cells out at columnWidths.
type rowLayout struct{}

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		cw := columnWidths[i%len(columnWidths)]
		if cw == 0 {
			cw = 120
		}
		w += cw
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed, free := float32(0), 0
	for i := range objs {
		if w := columnWidths[i%len(columnWidths)]; w > 0 {
			fixed += w
		} else {
			free++
		}
	}
	rest := max(size.Width-fixed, 0) / float32(max(free, 1))
	x := float32(0)
	for i, o := range objs {
		w := columnWidths[i%len(columnWidths)]
		if w == 0 {
			w = rest
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// Lines returns the lines shown (tests).
func (l *List) Lines() []Line { return slices.Clone(l.shown) }

// Reload reads the submissions again, off the UI goroutine.
func (l *List) Reload() {
	var lines []Line
	l.deps.Tasks.Run(func(ctx context.Context) error {
		var err error
		lines, err = linesWith(ctx, l.deps.Assessments, l.deps.Round)
		return err
	}, func(err error) {
		if err != nil {
			l.info.SetText(kit.ErrorText(err))
			return
		}
		sortLines(lines)
		l.all = lines
		l.counts.SetText(countsText(lines))
		rounds := []string{lang.L("All rounds")}
		for _, x := range lines {
			if !slices.Contains(rounds, x.Round) {
				rounds = append(rounds, x.Round)
			}
		}
		l.round.Options = rounds
		l.round.Refresh()
		units := []string{lang.L("All units")}
		for _, x := range lines {
			if !slices.Contains(units, x.Unit) {
				units = append(units, x.Unit)
			}
		}
		slices.Sort(units[1:])
		l.unit.Options = units
		l.unit.Refresh()
		l.filter()
	})
}

// phaseOrder ranks a line's phase for the reviewer's work: waiting and in
// review first, then returned, then approved.
func phaseOrder(x Line) int {
	switch {
	case x.Status == domain.Approved:
		return 3
	case x.Status == domain.Returned:
		return 2
	case x.Reviewed == 0:
		return 0
	}
	return 1
}

// sortLines orders the area by round (newest first), then by what is left
// to do (phaseOrder), then by unit.
func sortLines(lines []Line) {
	slices.SortStableFunc(lines, func(a, b Line) int {
		if c := strings.Compare(b.Round, a.Round); c != 0 {
			return c
		}
		if c := phaseOrder(a) - phaseOrder(b); c != 0 {
			return c
		}
		return strings.Compare(a.Unit, b.Unit)
	})
}

// Lines reads the submissions of the 审核 area: every assessment that is
// not a draft, newest first, with its review progress.
func Lines(ctx context.Context, as domain.AssessmentService) ([]Line, error) {
	return linesWith(ctx, as, roundview.Source{})
}

// linesWith is Lines with the round's figures of the rounds src holds
// whole (src.Round nil: none).
func linesWith(ctx context.Context, as domain.AssessmentService, src roundview.Source) ([]Line, error) {
	list, err := as.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		return nil, err
	}
	var out []Line
	type key struct{ round, catalog string }
	waiting := map[key][]int{} // the lines whose scores wait for the round, by round and catalog
	var keys []key
	for _, sum := range list {
		if sum.Status == domain.Draft {
			continue
		}
		ws, err := as.OpenAssessment(ctx, sum.ID)
		if err != nil {
			return nil, err
		}
		// Scored from the workspace, with the round's peer facts a review
		// package brought when it has them (Workspace.Peers), as its walk.
		own, rev := ws.Result(), ws.ReviewedResult()
		x := Line{ID: sum.ID, Unit: sum.Unit.Name, Round: sum.Round, Status: sum.Status, Own: own.Final,
			Approved: rev.Final, Reviewed: len(ws.Reviews), Requests: len(ws.OpenRequests()), Changed: len(ws.ChangedItems()),
			Unrecorded: ws.ChangeBase() == domain.BaseUnrecorded, AwaitsRound: own.AwaitsRound || rev.AwaitsRound}
		for _, is := range own.Items {
			if is.Status != domain.StatusExcluded {
				x.Items++
			}
		}
		if x.AwaitsRound && src.Round != nil {
			k := key{sum.Round, sum.CatalogID}
			if waiting[k] == nil {
				keys = append(keys, k)
			}
			waiting[k] = append(waiting[k], len(out))
		}
		out = append(out, x)
	}
	for _, k := range keys {
		scored, err := roundview.Scored(ctx, src, k.round, k.catalog)
		if err != nil { // the own figures stay, said to wait for the round: the lines are still right
			fyne.LogError("审核 area: the round's figures", fmt.Errorf("round %s of %s: %w", k.round, k.catalog, err))
			continue
		}
		for _, i := range waiting[k] {
			if r, ok := scored[out[i].ID]; ok {
				rev := r.Reviewed
				if rev == nil {
					rev = r.Own
				}
				out[i].Own, out[i].Approved, out[i].AwaitsRound = r.Own.Final, rev.Final, r.Own.AwaitsRound || rev.AwaitsRound
			}
		}
	}
	return out, nil
}

func (l *List) filter() {
	if l.list == nil { // while building
		return
	}
	l.shown = l.shown[:0]
	for _, x := range l.all {
		if r := l.round.Selected; r != "" && r != lang.L("All rounds") && x.Round != r {
			continue
		}
		if u := l.unit.Selected; u != "" && u != lang.L("All units") && x.Unit != u {
			continue
		}
		if st := l.status.Selected; st != "" && st != lang.L("All") && phase(x) != st {
			continue
		}
		l.shown = append(l.shown, x)
	}
	l.info.SetText(fmt.Sprintf(lang.L("%d submission(s)"), len(l.shown)))
	l.list.Refresh()
}

// Content returns the screen's widgets.
func (l *List) Content() fyne.CanvasObject { return l.content }

// HandleDrop ignores dropped files.
func (l *List) HandleDrop([]fyne.URI) {}

// Close does nothing: the area holds nothing pending.
func (l *List) Close() {}

// Busy reports whether the list is being read.
func (l *List) Busy() bool { return l.deps.Tasks != nil && l.deps.Tasks.Busy() }

// scoreText writes a score, said to wait for the round when it counts the
// low end of the rules that compare units: "11.5（待汇总）".
func scoreText(v float64, awaits bool) string {
	if awaits {
		return lang.L("{{.Final}} (awaits the round)", map[string]any{"Final": kit.Number(v)})
	}
	return kit.Number(v)
}
