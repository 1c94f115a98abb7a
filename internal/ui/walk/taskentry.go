package walk

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// One click from the item pane to a rectification entry (生成整改事项,
// issue 17): on an item that lost points or carries the reviewer's
// request, and has no open entry yet, a button opens the entry prefilled
// as the register's generation writes it (domain.GenerateTasks: the item,
// the points lost, the reviewer's reason and request); the user adds the
// measure, the person responsible and the deadline, and saves.

// taskDays is how far the proposed deadline lies ahead.
const taskDays = 30

// taskProposal returns the entry the register would propose for item id
// now, or nil when the item lost nothing, nobody asked more of it, or it
// has an open entry already.
func (v *View) taskProposal(id string) *domain.Task {
	d := domain.TaskDefaults{Due: v.now().AddDate(0, 0, taskDays)}
	for _, t := range domain.GenerateTasks(v.ws, d, v.taskNotes[id]) {
		if t.ItemID == id {
			return &t
		}
	}
	return nil
}

// taskActions returns the item pane's 生成整改事项 button for it, or
// nothing when there is no entry to make or the user may not make one.
func (v *View) taskActions(it *domain.Item) []fyne.CanvasObject {
	if v.deps.CreateTasks == nil {
		return nil
	}
	t := v.taskProposal(it.ID)
	if t == nil || domain.AuthorizeTask(v.deps.User, domain.TaskActCreate, t) != nil {
		return nil
	}
	id := it.ID
	b := widget.NewButtonWithIcon(lang.L("Make a rectification entry"), theme.ContentAddIcon(), func() { v.showTaskForm(id) })
	b.Importance = widget.LowImportance
	return []fyne.CanvasObject{container.NewHBox(b)}
}

// showTaskForm shows the proposed entry of item id for the user to
// complete and save.
func (v *View) showTaskForm(id string) {
	t := v.taskProposal(id)
	if t == nil {
		v.showMessage(lang.L("This item has nothing to rectify, or has an open entry already."))
		return
	}
	required := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Required"))
		}
		return nil
	}
	problem := widget.NewMultiLineEntry()
	problem.Wrapping = fyne.TextWrapWord
	problem.SetMinRowsVisible(3)
	problem.SetText(t.Problem)
	problem.Validator = required
	measure := widget.NewMultiLineEntry()
	measure.Wrapping = fyne.TextWrapWord
	measure.SetPlaceHolder(lang.L("What will be done"))
	measure.Validator = required
	owner := widget.NewEntry()
	owner.Validator = required
	due := widget.NewEntry()
	due.SetText(domain.DateText(t.Due))
	due.Validator = func(s string) error {
		_, err := domain.ParseDate(s)
		if err != nil {
			return errors.New(lang.L("Write the date as 2026-06-30"))
		}
		return nil
	}
	source := widget.NewLabel(fmt.Sprintf("%s · %s", taskSourceName(t.Source), t.UnitName))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Source"), source),
		widget.NewFormItem(lang.L("Problem"), problem),
		widget.NewFormItem(lang.L("Measure"), measure),
		widget.NewFormItem(lang.L("Responsible"), owner),
		widget.NewFormItem(lang.L("Deadline"), due),
	}
	d := dialog.NewForm(lang.L("Make a rectification entry"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		t.Problem, t.Measure, t.Owner = strings.TrimSpace(problem.Text), strings.TrimSpace(measure.Text), strings.TrimSpace(owner.Text)
		t.Due, _ = domain.ParseDate(due.Text)
		v.saveTask(*t)
	}, v.deps.Window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// saveTask stores entry t in the background, then shows the item again
// with its new entry in the note.
func (v *View) saveTask(t domain.Task) {
	v.background(func() func() {
		got, err := v.deps.CreateTasks(v.ctx(), []domain.Task{t})
		return func() {
			if err != nil {
				kit.ShowError(v.deps.Window, err)
				return
			}
			v.loadTaskNotes()
			if len(got) == 1 {
				v.bar.setStatus(lang.L("Rectification entry #{{.ID}} made", map[string]any{"ID": got[0].ID}))
			}
			if f := v.pane.form; f != nil && f.item.ID == t.ItemID {
				v.showItem(t.ItemID)
			}
		}
	})
}

// taskSourceName is a source as the form writes it.
func taskSourceName(s domain.TaskSource) string {
	if s == domain.SourceReview {
		return lang.L("From the review (审核意见)")
	}
	return lang.L("Lost points (自评失分)")
}
