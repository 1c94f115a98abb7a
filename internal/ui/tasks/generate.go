package tasks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// 为所有失分项生成整改事项: the entries GenerateTasks proposes for an
// assessment's lost points and review requests, in one table where the
// user edits the measure, the person responsible and the deadline of
// each (or of all at once) and leaves out what needs none, then saves
// them together.

// DefaultMeasure is the measure generated entries start with.
const DefaultMeasure = "对照指标要求逐项整改，完善相关工作和台账"

// proposal is one row of the generation table.
type proposal struct {
	task    domain.Task
	include bool
}

// generator is the open generation dialog.
type generator struct {
	b        *Board
	rows     []proposal
	list     *widget.List
	dlg      dialog.Dialog
	measure  *widget.Entry // applies to every row
	owner    *widget.Entry
	due      *widget.Entry
	summary  *widget.Label
	problems *widget.Label
}

// ShowGenerate asks for an assessment, then shows the table of the
// entries proposed for it.
func (b *Board) ShowGenerate() {
	if b.deps.Assessments == nil {
		return
	}
	var list []domain.AssessmentSummary
	b.deps.Tasks.Run(func(ctx context.Context) (err error) {
		list, err = b.deps.Assessments.ListAssessments(ctx, domain.AssessmentFilter{})
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(b.deps.Window, err)
			return
		}
		if len(list) == 0 {
			dialog.ShowInformation(lang.L("Generate entries"), lang.L("There is no assessment yet."), b.deps.Window)
			return
		}
		names := make([]string, len(list))
		for i, s := range list {
			names[i] = fmt.Sprintf("%d · %s · %s", s.ID, s.Unit.Name, s.Round)
		}
		pick := widget.NewSelect(names, nil)
		pick.SetSelectedIndex(0)
		dialog.ShowForm(lang.L("Generate entries"), lang.L("Next step"), lang.L("Cancel"),
			[]*widget.FormItem{widget.NewFormItem(lang.L("Assessment"), pick)}, func(ok bool) {
				if ok && pick.SelectedIndex() >= 0 {
					b.Generate(list[pick.SelectedIndex()].ID)
				}
			}, b.deps.Window)
	})
}

// Generate proposes the entries of assessment id and shows them for
// editing; nothing is stored until the user saves.
func (b *Board) Generate(id int64) {
	var ws *domain.Workspace
	var existing []domain.Task
	b.deps.Tasks.Run(func(ctx context.Context) (err error) {
		if ws, err = b.deps.Assessments.OpenAssessment(ctx, id); err != nil {
			return err
		}
		existing, err = b.deps.Register.ListTasks(ctx, domain.TaskFilter{AssessmentID: id, Open: true})
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(b.deps.Window, err)
			return
		}
		n := b.now().AddDate(0, 0, 30)
		d := domain.TaskDefaults{Measure: DefaultMeasure, Owner: ws.Assessment.Unit.Name,
			Due: time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)}
		gen := domain.GenerateTasks(ws, d, existing)
		if len(gen) == 0 {
			dialog.ShowInformation(lang.L("Generate entries"),
				lang.L("No item of this assessment lost points or carries a request without an open entry."), b.deps.Window)
			return
		}
		b.gen = newGenerator(b, gen, d)
		b.gen.show()
	})
}

func newGenerator(b *Board, ts []domain.Task, d domain.TaskDefaults) *generator {
	g := &generator{b: b}
	for _, t := range ts {
		g.rows = append(g.rows, proposal{task: t, include: true})
	}
	g.measure, g.owner, g.due = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	g.measure.SetText(d.Measure)
	g.owner.SetText(d.Owner)
	g.due.SetText(domain.DateText(d.Due))
	g.measure.SetPlaceHolder(lang.L("Measure"))
	g.owner.SetPlaceHolder(lang.L("Responsible"))
	g.due.SetPlaceHolder("2026-06-30")
	g.summary = widget.NewLabel("")
	g.problems = widget.NewLabel("")
	g.problems.Importance = widget.DangerImportance
	g.problems.Wrapping = fyne.TextWrapWord
	g.problems.Hide()
	return g
}

// row widgets: include, problem (read only), measure, owner, due.
func (g *generator) newRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	problem := widget.NewLabel("")
	problem.Truncation = fyne.TextTruncateEllipsis
	measure, owner, due := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	right := container.NewGridWithColumns(3, measure, owner, due)
	return container.NewBorder(nil, nil, check, nil, container.NewGridWithColumns(2, problem, right))
}

func rowParts(o fyne.CanvasObject) (check *widget.Check, problem *widget.Label, measure, owner, due *widget.Entry) {
	c := o.(*fyne.Container)
	grid := c.Objects[0].(*fyne.Container)
	check = c.Objects[1].(*widget.Check)
	problem = grid.Objects[0].(*widget.Label)
	right := grid.Objects[1].(*fyne.Container)
	return check, problem, right.Objects[0].(*widget.Entry), right.Objects[1].(*widget.Entry), right.Objects[2].(*widget.Entry)
}

func (g *generator) fillRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(g.rows) {
		return
	}
	check, problem, measure, owner, due := rowParts(o)
	r := &g.rows[i]
	check.OnChanged = nil
	check.SetChecked(r.include)
	check.OnChanged = func(on bool) { g.rows[i].include = on; g.updateSummary() }
	problem.SetText(r.task.Problem)
	for _, e := range []struct {
		entry *widget.Entry
		value *string
	}{{measure, &r.task.Measure}, {owner, &r.task.Owner}} {
		e.entry.OnChanged = nil
		e.entry.SetText(*e.value)
		v := e.value
		e.entry.OnChanged = func(s string) { *v = s }
	}
	due.OnChanged = nil
	due.SetText(domain.DateText(r.task.Due))
	due.OnChanged = func(s string) {
		if d, err := domain.ParseDate(s); err == nil {
			g.rows[i].task.Due = d
		} else {
			g.rows[i].task.Due = time.Time{}
		}
	}
}

func (g *generator) updateSummary() {
	n := 0
	for _, r := range g.rows {
		if r.include {
			n++
		}
	}
	g.summary.SetText(fmt.Sprintf(lang.L("%d of %d entries will be saved"), n, len(g.rows)))
}

// applyAll writes the measure, person and deadline above the table into
// every row.
func (g *generator) applyAll() {
	d, err := domain.ParseDate(g.due.Text)
	for i := range g.rows {
		g.rows[i].task.Measure, g.rows[i].task.Owner = strings.TrimSpace(g.measure.Text), strings.TrimSpace(g.owner.Text)
		if err == nil {
			g.rows[i].task.Due = d
		}
	}
	g.list.Refresh()
}

func (g *generator) show() {
	g.list = widget.NewList(func() int { return len(g.rows) }, g.newRow, g.fillRow)
	head := container.NewBorder(nil, nil, widget.NewLabel("　"), nil, container.NewGridWithColumns(2,
		widget.NewLabelWithStyle(lang.L("Problem"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3, widget.NewLabelWithStyle(lang.L("Measure"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(lang.L("Responsible"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(lang.L("Deadline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))))
	all := container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Apply to all"), g.applyAll),
		container.NewGridWithColumns(3, g.measure, g.owner, g.due))
	top := container.NewVBox(widget.NewLabel(lang.L("The same for every entry:")), all, widget.NewSeparator(), head)
	body := container.NewBorder(top, container.NewVBox(g.problems, g.summary), nil, nil, g.list)
	g.updateSummary()
	g.dlg = dialog.NewCustomConfirm(lang.L("Generate entries for every lost point"), lang.L("Save"), lang.L("Cancel"), body,
		func(ok bool) {
			if ok {
				g.save()
			}
		}, g.b.deps.Window)
	g.dlg.Resize(fyne.NewSize(1100, 640))
	g.dlg.Show()
}

// entries returns the rows to save.
func (g *generator) entries() []domain.Task {
	var out []domain.Task
	for _, r := range g.rows {
		if r.include {
			out = append(out, r.task)
		}
	}
	return out
}

// save stores the included rows, all or none; on a refusal the table
// shows again with the problem.
func (g *generator) save() {
	ts := g.entries()
	if len(ts) == 0 {
		return
	}
	var saved []domain.Task
	g.b.deps.Tasks.Run(func(ctx context.Context) (err error) {
		saved, err = g.b.deps.Register.CreateTasks(ctx, ts)
		return err
	}, func(err error) {
		if err != nil {
			g.problems.SetText(kit.ErrorText(err))
			g.problems.Show()
			g.dlg.Show()
			return
		}
		g.b.gen = nil
		g.b.status.SetText(fmt.Sprintf(lang.L("%d entries made"), len(saved)))
		g.b.Reload()
	})
}
