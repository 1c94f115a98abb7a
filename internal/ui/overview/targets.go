package overview

import (
	"context"
	"errors"
	"strconv"
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

// The kinds of target a row of the editor sets, in the order of its select.
const (
	targetNone = iota
	targetRank
	targetScore
	targetGrade
)

// targetEditor is the dialog that sets the round's targets (保五争三创一):
// a row per unit with the kind of target and its value.
type targetEditor struct {
	o      *Overview
	round  string
	rows   []*targetRow
	others []domain.UnitTarget // targets of units the editor does not list: kept
	errors *widget.Label
	save   *widget.Button
	dlg    dialog.Dialog
}

// targetRow is one unit's line of the editor.
type targetRow struct {
	unit  domain.Unit
	kind  *widget.Select
	value *widget.Entry
}

// canEditTargets reports whether the user may change the round's targets:
// the round settings are kept and the user may manage rounds.
func (o *Overview) canEditTargets() bool {
	return o.deps.Source.Settings != nil && o.deps.CanManageRounds != nil && o.deps.CanManageRounds()
}

// updateTargetsButton shows the 目标… button to those who may use it.
func (o *Overview) updateTargetsButton() {
	if o.canEditTargets() && o.data != nil {
		o.targetsButton.Show()
		o.targetsButton.Enable()
	} else {
		o.targetsButton.Hide()
	}
}

// onTargetsTapped opens the target editor of the round shown.
func (o *Overview) onTargetsTapped() {
	if o.data == nil || !o.canEditTargets() {
		return
	}
	e := &targetEditor{o: o, round: o.data.Round}
	kinds := []string{lang.X("overview.targets.none", "None"), lang.X("overview.targets.rank", "Rank (place N)"),
		lang.X("overview.targets.score", "Score"), lang.X("overview.targets.grade", "Grade")}
	listed := map[int64]bool{}
	grid := container.NewVBox()
	bold := fyne.TextStyle{Bold: true}
	grid.Add(targetLine(widget.NewLabelWithStyle(lang.X("overview.targets.unit", "Unit"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.X("overview.targets.kind", "Target"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.X("overview.targets.value", "Value"), fyne.TextAlignLeading, bold)))
	for _, u := range o.data.Units {
		listed[u.ID] = true
		r := &targetRow{unit: u, value: widget.NewEntry()}
		r.value.OnSubmitted = func(string) { e.onSave() }
		r.kind = widget.NewSelect(kinds, func(string) { r.kindChanged() })
		t, _ := o.data.Settings.Target(u.ID)
		switch {
		case t.Rank > 0:
			r.value.SetText(strconv.Itoa(t.Rank))
			r.kind.SetSelectedIndex(targetRank)
		case t.Score > 0:
			r.value.SetText(kit.Number(t.Score))
			r.kind.SetSelectedIndex(targetScore)
		case t.Grade != "":
			r.value.SetText(t.Grade)
			r.kind.SetSelectedIndex(targetGrade)
		default:
			r.kind.SetSelectedIndex(targetNone)
		}
		name := widget.NewLabel(u.Name + "（" + u.Type + "）")
		name.Truncation = fyne.TextTruncateEllipsis
		grid.Add(targetLine(name, r.kind, r.value))
		e.rows = append(e.rows, r)
	}
	for _, t := range o.data.Settings.Targets {
		if !listed[t.UnitID] {
			e.others = append(e.others, t)
		}
	}
	e.errors = widget.NewLabel("")
	e.errors.Importance = widget.DangerImportance
	e.errors.Wrapping = fyne.TextWrapWord
	e.errors.Hide()
	hint := widget.NewLabel(lang.X("overview.targets.hint",
		"A rank is the place to reach in the unit's peer group (5 for place 5); choose None to remove a target. Enter saves."))
	hint.Wrapping = fyne.TextWrapWord
	e.save = widget.NewButtonWithIcon(lang.X("overview.targets.save", "Save targets"), theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("overview.targets.cancel", "Close"), theme.CancelIcon(), func() { e.dlg.Hide() })
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(560, 360))
	body := container.NewBorder(hint, container.NewBorder(nil, nil, nil, container.NewHBox(cancel, e.save), e.errors), nil, nil, scroll)
	title := lang.X("overview.targets.title", "Targets of round {{.Round}}", map[string]any{"Round": e.round})
	e.dlg = dialog.NewCustomWithoutButtons(title, body, o.deps.Window)
	o.targets = e
	e.dlg.Show()
	if len(e.rows) > 0 {
		o.deps.Window.Canvas().Focus(e.rows[0].kind)
	}
}

// targetLine lays out a line of the editor: the unit, then the kind and
// the value at fixed widths.
func targetLine(unit, kind, value fyne.CanvasObject) fyne.CanvasObject {
	h := max(kind.MinSize().Height, value.MinSize().Height)
	return container.NewBorder(nil, nil, nil, container.NewHBox(
		container.NewGridWrap(fyne.NewSize(170, h), kind), container.NewGridWrap(fyne.NewSize(150, h), value)), unit)
}

// kindChanged enables the value for a kind that needs one and says what
// to enter.
func (r *targetRow) kindChanged() {
	switch r.kind.SelectedIndex() {
	case targetRank:
		r.value.SetPlaceHolder(lang.X("overview.targets.rank_hint", "e.g. 5"))
	case targetScore:
		r.value.SetPlaceHolder(lang.X("overview.targets.score_hint", "e.g. 950"))
	case targetGrade:
		r.value.SetPlaceHolder(lang.X("overview.targets.grade_hint", "e.g. 优秀"))
	default:
		r.value.SetPlaceHolder("")
		r.value.Disable()
		return
	}
	r.value.Enable()
}

// target reads the row: its target (zero for none), or what is wrong.
func (r *targetRow) target() (domain.UnitTarget, string) {
	t := domain.UnitTarget{UnitID: r.unit.ID}
	v := strings.TrimSpace(r.value.Text)
	args := map[string]any{"Unit": r.unit.Name}
	switch r.kind.SelectedIndex() {
	case targetRank:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return t, lang.X("overview.targets.bad_rank", "{{.Unit}}: a rank is a whole number of 1 or more, e.g. 5", args)
		}
		t.Rank = n
	case targetScore:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f > 0) || f > 1e9 {
			return t, lang.X("overview.targets.bad_score", "{{.Unit}}: a score is a number above 0, e.g. 950", args)
		}
		t.Score = f
	case targetGrade:
		if v == "" {
			return t, lang.X("overview.targets.no_grade", "{{.Unit}}: enter the grade to reach, e.g. 优秀", args)
		}
		t.Grade = v
	}
	return t, ""
}

// onSave checks the rows and saves the targets in the background: checked
// as the CLI checks them (domain.CheckTarget), through the round settings
// service. A refusal leaves the round's settings as they were and says,
// in the dialog, what is wrong for which unit.
func (e *targetEditor) onSave() {
	if e.save.Disabled() {
		return
	}
	var ts []domain.UnitTarget
	var wrong []string
	for _, r := range e.rows {
		t, msg := r.target()
		if msg != "" {
			wrong = append(wrong, msg)
			continue
		}
		if !t.IsZero() {
			ts = append(ts, t)
		}
	}
	if len(wrong) > 0 {
		e.showErrors(wrong)
		return
	}
	ts = append(ts, e.others...)
	src, round := e.o.deps.Source, e.round
	names := map[int64]string{}
	for _, r := range e.rows {
		names[r.unit.ID] = r.unit.Name
	}
	e.save.Disable()
	e.o.begin()
	e.o.deps.Tasks.Run(func(ctx context.Context) error {
		return saveTargets(ctx, src, round, ts)
	}, func(err error) {
		defer e.o.end(nil)
		e.save.Enable()
		if err != nil {
			e.showErrors(targetErrorTexts(err, names))
			return
		}
		e.dlg.Hide()
		e.o.status.SetText(lang.X("overview.targets.saved", "The targets of round {{.Round}} are saved.", map[string]any{"Round": round}))
		e.o.Reload()
	})
}

// showErrors lists what is wrong in the dialog.
func (e *targetEditor) showErrors(msgs []string) {
	e.errors.SetText(strings.Join(msgs, "\n"))
	e.errors.Show()
}

// saveTargets checks every target against the units and the round's
// catalogs and stores them with the round's other settings as they are
// now. EINVALID with a problem for each target refused; nothing is saved
// then.
func saveTargets(ctx context.Context, src Source, round string, ts []domain.UnitTarget) error {
	units, err := src.Units.ListUnits(ctx)
	if err != nil {
		return err
	}
	cats, err := domain.RoundCatalogs(ctx, src.Assessments, src.Catalogs, round)
	if err != nil {
		return err
	}
	var ps []domain.Problem
	for _, t := range ts {
		if err := domain.CheckTarget(t, units, cats); err != nil {
			if p := domain.ErrorProblems(err); len(p) > 0 {
				ps = append(ps, p...)
				continue
			}
			return err
		}
	}
	if len(ps) > 0 {
		return &domain.Error{Code: domain.EINVALID, Message: ps[0].Msg, Problems: ps}
	}
	rs, err := src.Settings.RoundSettings(ctx, round)
	if err != nil {
		return err
	}
	rs.Round, rs.Targets = round, ts
	return src.Settings.SaveRoundSettings(ctx, rs)
}

// targetErrorTexts says what is wrong with the targets, for which unit,
// in the user's language.
func targetErrorTexts(err error, names map[int64]string) []string {
	var de *domain.Error
	if !errors.As(err, &de) || len(de.Problems) == 0 {
		return []string{kit.ErrorText(err)}
	}
	var out []string
	for _, p := range de.Problems {
		id, _ := strconv.ParseInt(p.Args["unit"], 10, 64)
		name := names[id]
		if name == "" {
			name = p.Args["unit"]
		}
		args := map[string]any{"Unit": name, "Grade": p.Args["grade"], "Grades": strings.ReplaceAll(p.Args["grades"], ", ", "、")}
		switch p.Code {
		case domain.ProbTargetGrade:
			out = append(out, lang.X("overview.targets.bad_grade", "{{.Unit}}: the round's catalogs have no grade {{.Grade}}; choose one of {{.Grades}}", args))
		case domain.ProbTargetUnit, domain.ProbGroupNoUnit:
			out = append(out, lang.X("overview.targets.no_unit", "{{.Unit}}: the unit no longer exists", args))
		case domain.ProbTarget:
			out = append(out, lang.X("overview.targets.bad_target", "{{.Unit}}: the target is not valid", args))
		default:
			out = append(out, kit.ErrorDetails(&domain.Error{Code: de.Code, Problems: []domain.Problem{p}})...)
		}
	}
	return out
}
