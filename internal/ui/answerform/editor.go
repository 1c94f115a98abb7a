package answerform

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// Editor is the answer widget of one simple item or part, by its method.
// Exactly one group of inputs is set: Met (check), Level (levels), Value
// and, for a change or difference item, Baseline (numeric), or Count
// with Minus and Plus and, for an item with kinds or multipliers, Counts
// (deduct, count; with kinds Counts only).
type Editor struct {
	// Item is the item or part answered.
	Item *domain.Item
	// Content holds the inputs and the problem label.
	Content *fyne.Container
	// Met chooses 达到 or 未达到 (check items).
	Met *widget.RadioGroup
	// Level chooses a level (levels items); LevelOptions are its options,
	// in the order of Item.Levels.
	Level        *widget.RadioGroup
	LevelOptions []string
	// Value is the number of a numeric item; Baseline its base for a
	// change or difference item, whose Change shows the computed change.
	Value, Baseline *Entry
	Change          *widget.Label
	// Count is the whole number of a deduct or count item; Minus and Plus
	// step it.
	Count       *Entry
	Minus, Plus *widget.Button
	// Counts are the entries of an item's counted kinds (in place of
	// Count) or of the marks of its occurrences (beside Count), by the key
	// at the same index of CountKeys (counts.go).
	Counts    []*Entry
	CountKeys []string
	// Problem shows why the input is not valid.
	Problem *widget.Label
	// Points is for the screen to show the points of a part; the editor
	// leaves it empty.
	Points *widget.Label

	setting bool // Set is filling the inputs: not the user's change
}

// metOptions are the options of a check item's radio group.
func metOptions() []string { return []string{lang.L("Met (yes)"), lang.L("Not met (no)")} }

// New returns the editor of item it showing answer a. changed is called
// whenever the user changes an input; nav (may be nil) goes to the
// previous (−1) or next (1) item from a number entry (see Entry).
func New(it *domain.Item, a domain.Answer, changed func(), nav func(int)) *Editor {
	e := &Editor{Item: it, Problem: ProblemLabel(), Points: widget.NewLabel("")}
	user := changed
	changed = func() {
		if !e.setting && user != nil {
			user()
		}
	}
	var objs []fyne.CanvasObject
	unit := widget.NewLabel(it.Unit)
	switch it.Method {
	case domain.MethodCheck:
		e.Met = widget.NewRadioGroup(metOptions(), func(string) { changed() })
		e.Met.Horizontal = true
		objs = append(objs, e.Met)
	case domain.MethodLevels:
		for _, l := range it.Levels {
			e.LevelOptions = append(e.LevelOptions, lang.L("{{.Label}} ({{.Points}} points)",
				map[string]any{"Label": l.Label, "Points": kit.Number(l.Points)}))
		}
		e.Level = widget.NewRadioGroup(e.LevelOptions, func(string) { changed() })
		objs = append(objs, e.Level)
	case domain.MethodNumeric:
		e.Value = NewNumberEntry(nav)
		e.Value.SetPlaceHolder(valuePlaceholder(it.Unit))
		e.Value.OnChanged = func(string) { changed() }
		label := lang.L("Value")
		if it.Change {
			label = lang.L("This period")
		}
		rows := []fyne.CanvasObject{widget.NewLabel(label), container.NewHBox(narrow(e.Value), unit)}
		if it.Change || it.Difference { // a difference item (value − baseline) needs the baseline too
			e.Baseline = NewNumberEntry(nav)
			if it.Change {
				e.Baseline.SetPlaceHolder(lang.L("Number, not 0"))
			}
			e.Baseline.OnChanged = func(string) { changed() }
			e.Change = widget.NewLabel("")
			rows = append(rows, widget.NewLabel(lang.L("Baseline (same period last year)")),
				container.NewHBox(narrow(e.Baseline), widget.NewLabel(it.Unit)))
		}
		objs = append(objs, container.New(layout.NewFormLayout(), rows...))
		if e.Change != nil {
			objs = append(objs, e.Change)
		}
	case domain.MethodDeduct, domain.MethodCount:
		var rows []fyne.CanvasObject
		if len(it.Kinds) == 0 { // with kinds, a count per kind instead (counts.go)
			e.Count = NewNumberEntry(nav)
			e.Count.SetPlaceHolder(lang.L("Whole number, 0 or more"))
			e.Count.OnChanged = func(string) { changed() }
			e.Minus = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { e.Step(-1) })
			e.Plus = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { e.Step(1) })
			rows = append(rows, widget.NewLabel(countLabel(it)), container.NewHBox(narrow(e.Count), unit, e.Minus, e.Plus))
		}
		rows = append(rows, e.countRows(nav, changed)...)
		objs = append(objs, container.New(layout.NewFormLayout(), rows...))
	}
	objs = append(objs, e.Problem)
	e.Content = container.NewVBox(objs...)
	e.Set(a)
	return e
}

// Set shows the method fields of answer a in the inputs (its other
// fields are not the editor's). It does not call the editor's changed.
func (e *Editor) Set(a domain.Answer) {
	e.setting = true
	defer func() { e.setting = false }()
	switch {
	case e.Met != nil:
		switch {
		case a.Met == nil:
			e.Met.SetSelected("")
		case *a.Met:
			e.Met.SetSelected(metOptions()[0])
		default:
			e.Met.SetSelected(metOptions()[1])
		}
	case e.Level != nil:
		sel := ""
		for i, l := range e.Item.Levels {
			if l.Label == a.Level {
				sel = e.LevelOptions[i]
			}
		}
		e.Level.SetSelected(sel)
	case e.Value != nil:
		e.Value.SetText(kit.InputNumber(a.Value))
		if e.Baseline != nil {
			e.Baseline.SetText(kit.InputNumber(a.Baseline))
		}
	case e.Count != nil || len(e.Counts) > 0:
		if e.Count != nil {
			e.Count.SetText("")
			if a.Count != nil {
				e.Count.SetText(strconv.Itoa(*a.Count))
			}
		}
		e.setCounts(a)
	}
	e.RefreshChange()
}

// narrow holds a number entry at a width that fits a number, not the pane.
func narrow(e *Entry) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(220, e.MinSize().Height), e)
}

// Read returns the method fields the inputs show and whether they are
// valid; an invalid input's message is shown under the inputs.
func (e *Editor) Read() (domain.Answer, bool) {
	var a domain.Answer
	msg := ""
	switch {
	case e.Met != nil:
		switch e.Met.Selected {
		case metOptions()[0]:
			a.Met = domain.Bool(true)
		case metOptions()[1]:
			a.Met = domain.Bool(false)
		}
	case e.Level != nil:
		for i, o := range e.LevelOptions {
			if o == e.Level.Selected {
				a.Level = e.Item.Levels[i].Label
			}
		}
	case e.Value != nil:
		v, ok := ParseNumber(e.Value.Text, e.Item.Unit)
		if !ok {
			msg = lang.L("“{{.Text}}” is not a number. Type digits only, e.g. 12.5 or -3.", map[string]any{"Text": e.Value.Text})
		}
		a.Value = v
		if e.Baseline != nil {
			b, ok := ParseNumber(e.Baseline.Text, e.Item.Unit)
			switch {
			case !ok && msg == "":
				msg = lang.L("“{{.Text}}” is not a number. Type digits only, e.g. 12.5 or -3.", map[string]any{"Text": e.Baseline.Text})
			case ok && b != nil && *b == 0 && !e.Item.Difference && msg == "":
				msg = lang.L("The baseline must not be 0: the change cannot be computed from 0.")
			case ok && b == nil && v != nil && msg == "":
				msg = lang.L("Also enter the baseline; the item is scored on the change against it.")
			}
			a.Baseline = b
		}
	case e.Count != nil || len(e.Counts) > 0:
		if e.Count != nil {
			n, ok := ParseCount(e.Count.Text)
			if !ok {
				msg = lang.L("“{{.Text}}” is not a whole number of 0 or more.", map[string]any{"Text": e.Count.Text})
			}
			a.Count = n
		}
		if m := e.readCounts(&a); msg == "" {
			msg = m
		}
	}
	ShowProblem(e.Problem, msg)
	return a, msg == ""
}

// Step adds delta to a count, never going below 0.
func (e *Editor) Step(delta int) {
	if e.Count == nil {
		return
	}
	n, ok := ParseCount(e.Count.Text)
	k := 0
	if ok && n != nil {
		k = *n
	}
	k += delta
	if k < 0 {
		k = 0
	}
	e.Count.SetText(strconv.Itoa(k))
}

// RefreshChange shows the change of a change item (percent) or a
// difference item (value − baseline, in the value's unit).
func (e *Editor) RefreshChange() {
	if e.Change == nil {
		return
	}
	v, okV := ParseNumber(e.Value.Text, e.Item.Unit)
	b, okB := ParseNumber(e.Baseline.Text, e.Item.Unit)
	if !okV || !okB || v == nil || b == nil || (*b == 0 && !e.Item.Difference) {
		e.Change.SetText(lang.L("Change against the baseline: enter both numbers"))
		return
	}
	if e.Item.Difference {
		e.Change.SetText(lang.L("Change against the baseline: {{.Percent}}", map[string]any{"Percent": kit.Signed(*v-*b) + e.Item.Unit}))
		return
	}
	pct := (*v - *b) / *b * 100
	e.Change.SetText(lang.L("Change against the baseline: {{.Percent}}", map[string]any{"Percent": kit.Signed(pct) + "%"}))
}

// SetEnabled enables or disables every input of the editor.
func (e *Editor) SetEnabled(on bool) {
	set := func(w fyne.Disableable) {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if e.Met != nil {
		set(e.Met)
	}
	if e.Level != nil {
		set(e.Level)
	}
	for _, x := range append([]*Entry{e.Value, e.Baseline, e.Count}, e.Counts...) {
		if x != nil {
			set(x)
		}
	}
	for _, b := range []*widget.Button{e.Minus, e.Plus} {
		if b != nil {
			set(b)
		}
	}
}
