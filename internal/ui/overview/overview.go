// Package overview is the evaluation lead's screen over a whole round
// (评测总览): every unit ranked in its peer group, the units × categories and
// units × items matrix of score rates with the items most units lose points
// on, a unit's trend over the rounds with a comparison of two assessments,
// and the export of the round report. Reviewers and administrators open it
// from home; a click on a matrix cell opens that unit's assessment at that
// item. Everything is read off the UI goroutine.
package overview

import (
	"context"
	"embed"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
	"pingce/internal/userfile"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the overview's strings.
func RegisterTranslations() error { return kit.AddTranslations(translations, "translations") }

// Report formats of the export.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// Deps is what the overview needs from the shell.
type Deps struct {
	App    fyne.App
	Window fyne.Window
	Tasks  *kit.Tasks
	Source Source
	// WriteRound writes the round report in format (FormatPDF or
	// FormatXLSX) to w; nil hides the export.
	WriteRound func(ctx context.Context, doc *report.RoundDocument, format string, w io.Writer) error
	// Outputs writes the report files and refuses the database's own.
	Outputs *userfile.Guard
	// Unprintable, when set, lists the characters of the round report's PDF
	// that no font can draw: the export asks before it writes such a PDF.
	Unprintable func(doc *report.RoundDocument) ([]kit.Missing, error)
	// OnBack returns to home.
	OnBack func()
	// OnOpenItem opens an assessment's walk-through at an item.
	OnOpenItem func(assessmentID int64, itemID string)
	// CanManageRounds reports whether the user may change the rounds'
	// settings (domain.ActManageRounds): it shows the 目标… editor of the
	// round's targets. Nil: nobody may (the store refuses others anyway).
	CanManageRounds func() bool
}

// Overview is the screen. Build it with New; it implements screen.Screen
// and screen.Scripted.
type Overview struct {
	deps    Deps
	content fyne.CanvasObject

	roundSelect   *widget.Select
	catalogSelect *widget.Select
	catalogBox    fyne.CanvasObject // holds catalogSelect
	approvedOnly  *widget.Check
	exportButton  *widget.Button
	targetsButton *widget.Button // 目标…: the round's targets (targets.go)
	progress      *widget.ProgressBarInfinite
	status        *widget.Label
	tabs          *container.AppTabs
	statusLine    *fyne.Container // the status and the progress bar

	targets *targetEditor // the target editor last opened
	ranking *rankingView
	matrix  *matrixView
	trend   *trendView

	data    *Data
	groups  []domain.RankGroup
	loading int      // loads and exports running
	written []string // the files of the last export

	shortcuts []fyne.Shortcut // registered by Activate
	// onLoaded runs once after the next load finished (tests, harness).
	onLoaded []func(error)
}

var (
	_ screen.Screen   = (*Overview)(nil)
	_ screen.Scripted = (*Overview)(nil)
)

// New builds the overview and starts loading the newest round.
func New(d Deps) *Overview {
	o := &Overview{deps: d}
	back := widget.NewButtonWithIcon(lang.X("overview.home", "Home"), theme.NavigateBackIcon(), func() { call(d.OnBack) })
	title := widget.NewLabelWithStyle(lang.L("Bureau overview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	o.roundSelect = widget.NewSelect(nil, func(r string) {
		if o.data != nil && r != o.data.Round {
			o.load(r, "")
		}
	})
	o.roundSelect.PlaceHolder = lang.L("Round")
	o.catalogSelect = widget.NewSelect(nil, func(c string) {
		if o.data != nil && c != o.data.CatalogID {
			o.load(o.data.Round, c)
		}
	})
	o.approvedOnly = widget.NewCheck(lang.L("Approved only"), func(bool) { o.rerank() })
	o.exportButton = widget.NewButtonWithIcon(lang.L("Export report…"), theme.DocumentSaveIcon(), o.onExportTapped)
	if d.WriteRound == nil {
		o.exportButton.Hide()
	}
	o.exportButton.Disable()
	o.targetsButton = widget.NewButtonWithIcon(lang.X("overview.targets.button", "Targets…"), theme.DocumentCreateIcon(), o.onTargetsTapped)
	o.targetsButton.Hide() // shown once a round is loaded, to those who may set targets
	o.progress = widget.NewProgressBarInfinite()
	o.progress.Stop()
	o.progress.Hide()
	o.status = widget.NewLabel("")
	o.status.Truncation = fyne.TextTruncateEllipsis

	o.ranking = newRankingView(o)
	o.matrix = newMatrixView(o)
	o.trend = newTrendView(o)
	o.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Ranking"), o.ranking.content),
		container.NewTabItem(lang.L("Matrix"), o.matrix.content),
		container.NewTabItem(lang.L("Trend"), o.trend.content),
	)
	o.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == o.trend.content {
			o.trend.shown()
		}
	}
	bar := container.NewHBox(back, title)
	wide := func(s *widget.Select, w float32) fyne.CanvasObject { // a round name, a catalog id: never "202…"
		return container.NewGridWrap(fyne.NewSize(w, s.MinSize().Height), s)
	}
	o.catalogBox = wide(o.catalogSelect, 220)
	o.catalogBox.Hide() // shown when the round uses several catalogs
	controls := container.NewHBox(widget.NewLabel(lang.L("Round")), wide(o.roundSelect, 130), o.catalogBox,
		o.approvedOnly, o.targetsButton, o.exportButton)
	top := container.NewBorder(nil, nil, bar, controls)
	// The progress bar sits in the status line, beside the text: showing it
	// changes the height of nothing, so nothing else lays out again.
	o.statusLine = container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(200, o.status.MinSize().Height), o.progress), o.status)
	o.content = container.NewPadded(container.NewBorder(top, container.NewVBox(widget.NewSeparator(), o.statusLine), nil, nil, o.tabs))
	o.load("", "")
	return o
}

// call runs fn when it is set.
func call(fn func()) {
	if fn != nil {
		fn()
	}
}

// Content returns the screen's widgets.
func (o *Overview) Content() fyne.CanvasObject { return o.content }

// HandleDrop ignores dropped files: they belong to an item of an assessment.
func (o *Overview) HandleDrop([]fyne.URI) {}

// Close lets the window's shortcuts go; the overview holds nothing
// unsaved.
func (o *Overview) Close() { o.deactivate() }

// Busy reports false: the overview holds nothing unsaved.
func (o *Overview) Busy() bool { return false }

// Data returns the round shown, or nil before the first load.
func (o *Overview) Data() *Data { return o.data }

// Groups returns the ranking shown.
func (o *Overview) Groups() []domain.RankGroup { return o.groups }

// WhenLoaded runs fn on the UI goroutine after the load under way (or at
// once when none is), with its error.
func (o *Overview) WhenLoaded(fn func(error)) {
	if o.loading == 0 {
		fn(nil)
		return
	}
	o.onLoaded = append(o.onLoaded, fn)
}

// load reads a round of a catalog ("" for the newest round, the main
// catalog) in the background and shows it.
func (o *Overview) load(round, catalogID string) {
	o.begin()
	o.status.SetText(lang.L("Loading the round…"))
	var d *Data
	o.deps.Tasks.Run(func(ctx context.Context) (err error) {
		d, err = Load(ctx, o.deps.Source, round, catalogID)
		return err
	}, func(err error) {
		defer o.end(err)
		if err != nil {
			o.status.SetText(kit.ErrorText(err))
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				kit.ShowError(o.deps.Window, err)
			}
		} else {
			o.show(d)
		}
	})
}

// begin shows the progress bar for work that starts.
func (o *Overview) begin() {
	o.loading++
	o.progress.Show()
	o.progress.Start()
	if o.statusLine != nil {
		o.statusLine.Refresh()
	}
}

// end hides the progress bar when no work is left and tells WhenLoaded's
// callers.
func (o *Overview) end(err error) {
	o.loading--
	if o.loading > 0 {
		return
	}
	o.progress.Stop()
	o.progress.Hide()
	o.statusLine.Refresh()
	fns := o.onLoaded
	o.onLoaded = nil
	for _, fn := range fns {
		fn(err)
	}
}

// show puts a loaded round on the screen.
func (o *Overview) show(d *Data) {
	o.data = d
	rounds := make([]string, len(d.Rounds))
	for i, r := range d.Rounds {
		rounds[len(d.Rounds)-1-i] = r // newest first
	}
	o.roundSelect.Options = rounds
	o.roundSelect.SetSelected(d.Round)
	o.catalogSelect.Options = d.Catalogs
	o.catalogSelect.SetSelected(d.CatalogID)
	if len(d.Catalogs) > 1 {
		o.catalogBox.Show()
	} else {
		o.catalogBox.Hide()
	}
	o.exportButton.Enable()
	o.updateTargetsButton()
	o.rerank()
	o.trend.reset()
	if o.tabs.Selected() != nil && o.tabs.Selected().Content == o.trend.content {
		o.trend.shown()
	}
}

// rerank ranks the round again (the approved-only switch) and refreshes
// every view.
func (o *Overview) rerank() {
	if o.data == nil {
		return
	}
	o.groups = o.data.Rank(o.approvedOnly.Checked)
	o.ranking.set(o.groups, o.data)
	o.matrix.set(o.data, o.groups)
	o.updateStatus()
}

// updateStatus writes the line at the bottom: the round, the catalog and
// the counts.
func (o *Overview) updateStatus() {
	ranked, units, bottom := 0, 0, 0
	for _, g := range o.groups {
		for _, r := range g.Rows {
			units++
			if r.Rank > 0 {
				ranked++
			}
			if r.Bottom {
				bottom++
			}
		}
	}
	o.status.SetText(lang.L("{{.Round}} · {{.Catalog}} · {{.Groups}} groups, {{.Ranked}} of {{.Units}} units ranked, {{.Bottom}} at the bottom",
		map[string]any{"Round": o.data.Round, "Catalog": o.data.Catalog.Title, "Groups": len(o.groups),
			"Ranked": ranked, "Units": units, "Bottom": bottom}))
}

// selectUnit makes a unit the trend's (a ranking row clicked).
func (o *Overview) selectUnit(unitID int64) { o.trend.selectUnit(unitID) }

// Do performs a scripted action, as the user's gesture would:
//
//	tab N           show tab N (0 ranking, 1 matrix, 2 trend)
//	round R         show round R
//	approved-only B rank approved assessments only (true/false)
//	matrix-items B  show the matrix by item (true) or category (false)
//	cell R,C        click the matrix cell at row R, column C
//	unit NAME       show the trend of the unit named NAME
//	export DIR      write the round report (PDF and XLSX) into DIR
//	targets         open the target editor (目标…), for those who may use it
func (o *Overview) Do(action, arg string) error {
	switch action {
	case "tab":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n >= len(o.tabs.Items) {
			return fmt.Errorf("overview: tab %q: want 0 to %d", arg, len(o.tabs.Items)-1)
		}
		o.tabs.SelectIndex(n)
	case "round":
		o.roundSelect.SetSelected(arg)
	case "approved-only":
		o.approvedOnly.SetChecked(arg == "true")
	case "matrix-items":
		o.matrix.setByItem(arg == "true")
	case "cell":
		var r, c int
		if _, err := fmt.Sscanf(arg, "%d,%d", &r, &c); err != nil {
			return fmt.Errorf("overview: cell %q: want ROW,COL", arg)
		}
		o.matrix.table.Select(widget.TableCellID{Row: r, Col: c})
	case "unit":
		if o.data == nil {
			return fmt.Errorf("overview: unit: nothing loaded")
		}
		for _, u := range o.data.Units {
			if u.Name == arg {
				o.tabs.SelectIndex(2)
				o.trend.selectUnit(u.ID)
				return nil
			}
		}
		return fmt.Errorf("overview: unit %q: no such unit", arg)
	case "export":
		return o.exportTo(arg, "")
	case "targets":
		if o.data == nil || !o.canEditTargets() {
			return fmt.Errorf("overview: targets: nothing loaded or not allowed")
		}
		o.onTargetsTapped()
	default:
		return screen.UnknownAction("overview", action, "tab", "round", "approved-only", "matrix-items", "cell", "unit", "export", "targets")
	}
	return nil
}

// Reload reads the round and catalog shown again (back from an
// assessment, whose answers or review may have changed).
func (o *Overview) Reload() {
	if o.data == nil {
		o.load("", "")
		return
	}
	o.load(o.data.Round, o.data.CatalogID)
}
