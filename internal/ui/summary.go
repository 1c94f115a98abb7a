package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
)

// summaryView stands in for the walk-through when none is configured: the
// assessment's score and status, with the way back and to the export.
type summaryView struct {
	content fyne.CanvasObject
}

func newSummaryView(u *UI, ws *domain.Workspace) *summaryView {
	a := ws.Assessment
	r := ws.Result()
	back := widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), u.ShowHome)
	export := widget.NewButtonWithIcon(lang.L("Export report…"), theme.DocumentSaveIcon(), func() { u.ShowExport(ws) })
	if u.deps.WriteReport == nil {
		export.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Unit"), widget.NewLabel(a.Unit.Name+" ("+a.Unit.Type+")")),
		widget.NewFormItem(lang.L("Round"), widget.NewLabel(a.Round)),
		widget.NewFormItem(lang.L("Catalog"), widget.NewLabel(ws.Catalog.Title+" @"+ws.Catalog.Version)),
		widget.NewFormItem(lang.L("Status"), widget.NewLabel(kit.StatusText(a.Status))),
		widget.NewFormItem(lang.L("Progress"), widget.NewLabel(fmt.Sprintf("%d / %d", r.Answered, r.Applicable))),
		widget.NewFormItem(lang.L("Score"), widget.NewLabel(kit.Number(r.Final)+" / "+kit.Number(r.Total))),
		widget.NewFormItem(lang.L("Grade"), widget.NewLabel(r.Grade)),
	)
	top := container.NewHBox(back, export)
	return &summaryView{content: container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(form)))}
}

// Content returns the view's widgets.
func (s *summaryView) Content() fyne.CanvasObject { return s.content }

// HandleDrop ignores dropped files.
func (s *summaryView) HandleDrop([]fyne.URI) {}

// Close does nothing: the summary changes nothing.
func (s *summaryView) Close() {}

// Busy reports false: the summary changes nothing.
func (s *summaryView) Busy() bool { return false }

var _ screen.Screen = (*summaryView)(nil)
