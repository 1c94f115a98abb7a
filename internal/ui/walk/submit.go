package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/message"
)

// problemsDialog lists what blocks submission; a click goes to the item.
type problemsDialog struct {
	dialog   *dialog.CustomDialog
	list     *widget.List
	problems []domain.Problem
}

func (v *View) onSubmitTapped() {
	if v.readOnly {
		return
	}
	v.saves.WhenSaved(v.submitCheck)
}

// submitCheck shows what still blocks submission, or asks to confirm it.
func (v *View) submitCheck() {
	if ps := v.ws.SubmissionProblems(); len(ps) > 0 {
		v.showProblems(ps)
		return
	}
	msg := lang.L("Everything needed is filled in. After submitting, the assessment is locked and can no longer be changed unless it is returned to you. Submit now?")
	d := dialog.NewCustomConfirm(lang.L("Submit the assessment"), lang.L("Submit"), lang.L("Not yet"),
		sized(wrapped(msg), 440), func(ok bool) {
			if ok {
				v.submit()
			}
		}, v.deps.Window)
	d.Show()
}

// submit locks the assessment for review, in the background.
func (v *View) submit() {
	svc := v.deps.Assessments
	id := v.ws.Assessment.ID
	ctx := v.ctx()
	v.bar.setStatus(lang.L("Submitting…"))
	v.background(func() func() {
		err := svc.Submit(ctx, id)
		return func() { v.onSubmitted(err) }
	})
}

func (v *View) onSubmitted(err error) {
	switch {
	case err == nil:
		v.ws.Assessment.Status = domain.Submitted
		v.ws.Assessment.SubmittedBy = v.deps.User.Name
		v.ws.Assessment.SubmittedAt = v.now()
		v.lock()
		v.bar.setStatus(lang.L("Submitted {{.Time}}", map[string]any{"Time": v.now().Format("15:04:05")}))
	case domain.ErrorCode(err) == domain.EBLOCKED && len(domain.ErrorProblems(err)) > 0:
		v.bar.setStatus(lang.L("Not submitted: some items still need attention."))
		v.showProblems(domain.ErrorProblems(err))
	default:
		v.bar.setStatus(lang.L("Not submitted: {{.Reason}}", map[string]any{"Reason": kit.ErrorText(err)}))
		v.showMessage(lang.L("The assessment was not submitted: {{.Reason}}", map[string]any{"Reason": kit.ErrorText(err)}))
	}
}

// showProblems opens the list of what blocks submission.
func (v *View) showProblems(ps []domain.Problem) {
	pd := &problemsDialog{problems: ps}
	pd.list = widget.NewList(
		func() int { return len(pd.problems) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("A1.1 Template title: not answered")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(v.problemText(pd.problems[i]))
		})
	pd.list.OnSelected = func(i widget.ListItemID) {
		pd.dialog.Hide()
		v.problemDlg = nil
		v.ShowItem(pd.problems[i].ItemID)
	}
	head := wrapped(lang.L("{{.N}} things still block submission. Click one to go to the item.", map[string]any{"N": len(ps)}))
	body := container.NewBorder(head, nil, nil, nil, pd.list)
	holder := container.NewGridWrap(fyne.NewSize(620, 380), body)
	pd.dialog = dialog.NewCustom(lang.L("Not ready to submit"), lang.L("Close"), holder, v.deps.Window)
	pd.dialog.SetOnClosed(func() { v.problemDlg = nil })
	v.problemDlg = pd
	pd.dialog.Show()
}

// problemText says in words what blocks an item.
func (v *View) problemText(p domain.Problem) string {
	name := p.ItemID
	if it := v.ws.Catalog.Item(p.ItemID); it != nil {
		name = it.ID + " " + it.Title
	}
	return lang.L("{{.Item}}: {{.What}}", map[string]any{"Item": name, "What": message.ProblemMessage(p)})
}
