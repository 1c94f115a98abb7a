package review

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// summaryRows returns the side-by-side table: per top-level category the
// unit's points, the approved points and the difference, then the totals
// and the grades.
func (s *Screen) summaryRows() [][]string {
	rows := [][]string{{lang.L("Category"), lang.L("Own score"), lang.L("Approved score"), lang.L("Difference")}}
	for _, c := range s.ws.Catalog.Categories {
		o, _ := s.own.Category(c.ID)
		r, _ := s.rev.Category(c.ID)
		rows = append(rows, []string{c.ID + " " + c.Title, kit.Number(o.Score), kit.Number(r.Score), kit.Signed(r.Score - o.Score)})
	}
	rows = append(rows,
		[]string{lang.L("Final"), kit.Number(s.own.Final), kit.Number(s.rev.Final), kit.Signed(s.rev.Final - s.own.Final)},
		[]string{lang.L("Grade"), s.own.Grade, s.rev.Grade, ""})
	return rows
}

// cutLines returns the 核减 items: the adjusted items whose approved points
// are below the unit's, with the reason.
func (s *Screen) cutLines() []string {
	var out []string
	for _, is := range s.own.Items {
		r, ok := s.ws.Reviews[is.ID]
		if !ok {
			continue
		}
		rs, _ := s.rev.Item(is.ID)
		if v, ok := r.ReviewedPoints(); ok && domain.Round2(v) != is.Score {
			out = append(out, fmt.Sprintf("%s  %s → %s  %s", is.ID, kit.Number(is.Score), kit.Number(rs.Score), domain.QuoteText(r.Reason)))
		}
	}
	return out
}

// requestLines returns the open requests (需补充), one line each.
func (s *Screen) requestLines() []string {
	var out []string
	for _, id := range s.ws.OpenRequests() {
		out = append(out, id+"  "+domain.QuoteText(s.ws.Reviews[id].Request))
	}
	return out
}

// ShowSummary shows the side-by-side summary with 退回 and 审定.
func (s *Screen) ShowSummary() {
	rows := s.summaryRows()
	grid := container.NewGridWithColumns(4)
	for _, r := range rows {
		for _, c := range r {
			grid.Add(widget.NewLabel(c))
		}
	}
	cuts := s.cutLines()
	cutText := lang.L("No item has fewer points than the unit gave.")
	if len(cuts) > 0 {
		cutText = strings.Join(cuts, "\n")
	}
	reqs := s.requestLines()
	reqText := lang.L("No open requests.")
	if len(reqs) > 0 {
		reqText = strings.Join(reqs, "\n")
	}
	var d dialog.Dialog
	returnBtn := widget.NewButton(lang.L("Return to the unit…"), func() { d.Hide(); s.askReturn() })
	approveBtn := widget.NewButton(lang.L("Approve"), func() { d.Hide(); s.askApprove() })
	approveBtn.Importance = widget.HighImportance
	if s.ws.Assessment.Status != domain.Submitted {
		returnBtn.Disable()
		approveBtn.Disable()
	}
	wrap := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	body := container.NewVBox(grid, widget.NewSeparator(),
		widget.NewLabel(lang.L("Items with fewer points (核减)")), wrap(cutText),
		widget.NewLabel(lang.L("Open requests (需补充)")), wrap(reqText))
	// 退回 and 审定 stay in the dialog's button row, in sight however long
	// the lists above are.
	cd := dialog.NewCustom(lang.L("Review summary"), lang.L("Close"), container.NewVScroll(body), s.deps.Window)
	closeBtn := widget.NewButton(lang.L("Close"), func() { cd.Hide() })
	cd.SetButtons([]fyne.CanvasObject{closeBtn, returnBtn, approveBtn})
	d = cd
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// returnMessage is the message a return starts with: every open request.
func (s *Screen) returnMessage() string {
	reqs := s.requestLines()
	if len(reqs) == 0 {
		return ""
	}
	return lang.L("Please add:") + "\n" + strings.Join(reqs, "\n")
}

// askReturn asks for the message and confirms before returning.
func (s *Screen) askReturn() {
	msg := widget.NewMultiLineEntry()
	msg.SetText(s.returnMessage())
	msg.SetMinRowsVisible(5)
	dialog.ShowForm(lang.L("Return to the unit"), lang.L("Return"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Message"), msg)}, func(ok bool) {
			if ok {
				s.Return(msg.Text)
			}
		}, s.deps.Window)
}

// Return sends the assessment back with the message, once confirmed.
func (s *Screen) Return(message string) {
	if strings.TrimSpace(message) == "" {
		s.status.SetText(lang.L("Say why the assessment goes back."))
		return
	}
	s.deps.Confirm(lang.L("Return to the unit"), lang.L("Send the assessment back to the unit with this message?"), func() {
		s.step(func(ctx context.Context) error { return s.deps.Reviews.Return(ctx, s.ws.Assessment.ID, message) },
			lang.L("Returned to the unit."))
	})
}

func (s *Screen) askApprove() { s.Approve() }

// Approve approves the assessment (审定), once confirmed: both sides are
// locked afterwards.
func (s *Screen) Approve() {
	if reqs := s.ws.OpenRequests(); len(reqs) > 0 {
		s.status.SetText(fmt.Sprintf(lang.L("Requests are still open on %s: accept or adjust them, or return the assessment."), strings.Join(reqs, "、")))
		return
	}
	s.deps.Confirm(lang.L("Approve"), fmt.Sprintf(lang.L("Approve with %s points (%s)? Nobody can change it afterwards."),
		kit.Number(s.rev.Final), s.rev.Grade), func() {
		s.step(func(ctx context.Context) error { return s.deps.Reviews.Approve(ctx, s.ws.Assessment.ID) },
			lang.L("Approved."))
	})
}

// step runs a workflow step once every review change is stored, then
// reads the assessment again.
func (s *Screen) step(do func(ctx context.Context) error, done string) {
	s.saves.WhenSaved(func() { s.runStep(do, done) })
}

func (s *Screen) runStep(do func(ctx context.Context) error, done string) {
	var ws *domain.Workspace
	s.deps.Tasks.Run(func(ctx context.Context) error {
		if err := do(ctx); err != nil {
			return err
		}
		if s.deps.Assessments == nil {
			return errors.New("no assessment service")
		}
		var err error
		ws, err = s.deps.Assessments.OpenAssessment(ctx, s.ws.Assessment.ID)
		return err
	}, func(err error) {
		if err != nil {
			s.status.SetText(strings.Join(append([]string{kit.ErrorText(err)}, kit.ErrorDetails(err)...), "\n"))
			return
		}
		s.ws = ws
		s.refresh()
		s.ShowItem(s.cur)
		s.status.SetText(done)
	})
}
