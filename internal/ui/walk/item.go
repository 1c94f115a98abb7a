package walk

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/answerform"
	"pingce/internal/ui/kit"
)

// itemForm shows one item and the widgets that answer it.
type itemForm struct {
	v    *View
	item *domain.Item

	content   *fyne.Container
	header    *widget.Label
	path      *widget.Label
	points    *widget.Label
	excluded  *widget.Label
	main      *answerform.Editor   // the answer widget of a simple item
	parts     []*answerform.Editor // the answer widgets of a composite item's parts
	na        *navCheck
	reason    *navEntry
	reasonMsg *widget.Label
	note      *navEntry
	noteHint  *widget.Label
	flag      *navCheck
	files     *evidenceList

	loading bool // widgets are being filled from the stored answer
}

// section returns a bold heading. Only for the application's own words:
// bold text is drawn with a subset font (see kit.Fonts).
func section(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// gridLabel returns the label of a row of the item pane's grids.
func gridLabel(text string) fyne.CanvasObject {
	return muted(section(text))
}

// wrapped returns a label that wraps its text.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// problemLabel returns a hidden label for a validation message.
func problemLabel() *widget.Label { return answerform.ProblemLabel() }

// showProblem shows text in a problem label, or hides it when text is "".
func showProblem(l *widget.Label, text string) { answerform.ShowProblem(l, text) }

func newItemForm(v *View, it *domain.Item) *itemForm {
	f := &itemForm{v: v, item: it, loading: true}
	defer func() { f.loading = false }()
	a := v.answerOf(it.ID)
	is, _ := v.scores.item(it.ID)
	excluded := is.Status == domain.StatusExcluded
	editable := !v.readOnly && !excluded

	// The title is catalog text: larger, not bold (see kit.Fonts).
	f.header = widget.NewLabel(it.ID + "  " + it.Title)
	f.header.SizeName = theme.SizeNameSubHeadingText
	f.header.Wrapping = fyne.TextWrapWord
	f.path = widget.NewLabel(v.categoryPath(it.ID))
	f.path.Truncation = fyne.TextTruncateEllipsis
	// The live points stand out at the right, beside the breadcrumb, so that
	// the title keeps the pane's width.
	f.points = widget.NewLabel("")
	f.points.TextStyle = fyne.TextStyle{Bold: true}
	f.points.Importance = widget.HighImportance
	objs := []fyne.CanvasObject{f.header, container.NewBorder(nil, nil, nil, badge(f.points), muted(f.path))}

	if excluded {
		f.excluded = wrapped(lang.L("This item does not apply to units of type {{.Type}}: it is not scored and needs no answer.",
			map[string]any{"Type": v.ws.Assessment.Unit.Type}))
		f.excluded.Importance = widget.WarningImportance
		objs = append(objs, f.excluded)
	}
	if it.Bonus {
		objs = append(objs, wrapped(lang.L("Bonus item: its points are added on top of the score, up to the catalog's bonus cap.")))
	}
	if slices.Contains(v.ws.CatalogChanged, it.ID) { // made from another catalog version (指标已变更)
		ch := wrapped(lang.L("This item changed or is new in this version of the catalog: answer it again."))
		ch.Importance = widget.WarningImportance
		objs = append(objs, ch)
	}
	if note := v.reviewNote(it.ID); note != "" { // the reviewer's words at the item (reviewnote.go)
		rn := wrapped(note)
		rn.Importance = widget.WarningImportance
		objs = append(objs, rn)
	}
	if note := v.taskNote(it.ID); note != "" { // the item's 整改 entries (tasknote.go)
		objs = append(objs, wrapped(note))
	}
	objs = append(objs, v.taskActions(it)...) // 生成整改事项 (taskentry.go)

	// What the item asks, as a two-column grid: label left, text right.
	col := &labelColumn{}
	var about []fyne.CanvasObject
	if it.Requirement != "" {
		about = append(about, gridLabel(lang.L("Requirement")), wrapped(it.Requirement))
	}
	if len(it.Evidence) > 0 {
		about = append(about, gridLabel(lang.L("How it is checked")), wrapped(strings.Join(it.Evidence, lang.L(", "))))
	}
	about = append(about, gridLabel(lang.L("How it is scored")), wrapped(describeIn(v.ws.Catalog, it)))
	objs = append(objs, grid(col, about...), widget.NewSeparator())

	// The answer, on a shaded panel, then N/A, the note, the files and the flag.
	var answer fyne.CanvasObject
	if it.IsComposite() {
		var boxes []fyne.CanvasObject
		for i, p := range it.Parts {
			e := answerform.New(p, a.Parts[p.ID], f.onInputChanged, v.move)
			f.parts = append(f.parts, e)
			// A part's title is catalog text: not bold (see kit.Fonts).
			head := wrapped(p.ID + ". " + p.Title + " " +
				lang.L("({{.Max}} points)", map[string]any{"Max": kit.Number(p.Max)}))
			if i > 0 {
				boxes = append(boxes, widget.NewSeparator())
			}
			boxes = append(boxes, container.NewBorder(nil, nil, nil, container.NewVBox(muted(e.Points)), head),
				wrapped(describe(p)), e.Content)
		}
		answer = container.NewVBox(boxes...)
	} else {
		f.main = answerform.New(it, a, f.onInputChanged, v.move)
		answer = f.main.Content
	}

	f.na = newNavCheck(lang.L("This item does not apply to our unit (N/A)"), nil, v.move)
	f.na.SetChecked(a.NA)
	f.na.OnChanged = func(bool) { f.onNAChanged() }
	f.reason = newTextEntry(v.move, false)
	f.reason.SetPlaceHolder(lang.L("Why it does not apply (required)"))
	f.reason.SetText(a.Reason)
	f.reason.OnChanged = func(string) { f.onInputChanged() }
	f.reasonMsg = problemLabel()
	if !a.NA {
		f.reason.Hide()
	}

	f.note = newTextEntry(v.move, true)
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(3)
	f.note.SetPlaceHolder(lang.L("Explain your answer, or say where the supporting documents are"))
	f.note.SetText(a.Note)
	f.note.OnChanged = func(string) { f.onInputChanged() }
	note := []fyne.CanvasObject{f.note}
	if it.EvidenceRequired {
		f.noteHint = wrapped(lang.L("This item needs evidence: attach a file or write a note."))
		f.noteHint.Importance = widget.WarningImportance
		note = append(note, f.noteHint)
	}

	f.files = newEvidenceList(v, it.ID, editable)

	f.flag = newNavCheck(lang.L("Flag for review: come back to this item later"), func(bool) { f.onInputChanged() }, v.move)
	f.flag.SetChecked(a.Flagged)

	objs = append(objs, grid(col,
		gridLabel(lang.L("Answer")), panel(answer),
		widget.NewLabel(""), container.NewVBox(f.na, f.reason, f.reasonMsg),
		gridLabel(lang.L("Note")), container.NewVBox(note...),
		gridLabel(lang.L("Evidence files")), f.files.content,
		widget.NewLabel(""), f.flag))

	f.content = container.NewVBox(objs...)
	if !editable {
		f.disable()
	} else if a.NA {
		f.enableAnswer()
	}
	f.refreshPoints()
	return f
}

// disable makes every input read-only.
func (f *itemForm) disable() {
	if f.main != nil {
		f.main.SetEnabled(false)
	}
	for _, e := range f.parts {
		e.SetEnabled(false)
	}
	f.na.Disable()
	f.reason.Disable()
	f.note.Disable()
	f.flag.Disable()
}

func (f *itemForm) onNAChanged() {
	if f.na.Checked {
		f.reason.Show()
	} else {
		f.reason.Hide()
		showProblem(f.reasonMsg, "")
	}
	f.enableAnswer()
	f.onInputChanged()
}

// enableAnswer lets the answer be changed only while the item is not N/A:
// an N/A item is not scored, so a value typed there would count for
// nothing.
func (f *itemForm) enableAnswer() {
	on := !f.na.Checked && !f.v.readOnly
	if f.main != nil {
		f.main.SetEnabled(on)
	}
	for _, e := range f.parts {
		e.SetEnabled(on)
	}
}

// onInputChanged reads the widgets and, when their input is valid, records
// the answer (which saves it a moment later).
func (f *itemForm) onInputChanged() {
	if f.loading || f.v.readOnly {
		return
	}
	releaseFocus(f.v.deps.Window) // a radio button chosen with the mouse keeps no keys
	a, ok := f.read()
	f.refreshChanges()
	if !ok {
		f.v.bar.setStatus(lang.L("Not saved yet: correct the input marked in red."))
		return
	}
	f.v.setAnswer(f.item.ID, a)
}

// read returns the answer the widgets show and whether it is valid.
func (f *itemForm) read() (domain.Answer, bool) {
	a := cloneAnswer(f.v.answerOf(f.item.ID))
	ok := true
	if f.item.IsComposite() {
		parts := make(map[string]domain.Answer)
		for _, e := range f.parts {
			pa, good := e.Read()
			ok = ok && good
			if good && !pa.IsZero() {
				parts[e.Item.ID] = pa
			} else if !good {
				if old, had := a.Parts[e.Item.ID]; had {
					parts[e.Item.ID] = old
				}
			}
		}
		a.Parts = nil
		if len(parts) > 0 {
			a.Parts = parts
		}
	} else {
		m, good := f.main.Read()
		ok = good
		if good {
			a.Met, a.Level, a.Value, a.Baseline, a.Count, a.Counts = m.Met, m.Level, m.Value, m.Baseline, m.Count, m.Counts
		}
	}
	a.NA = f.na.Checked
	a.Reason = ""
	if a.NA {
		a.Reason = strings.TrimSpace(f.reason.Text)
		if a.Reason == "" {
			showProblem(f.reasonMsg, lang.L("Say why the item does not apply; it is saved once a reason is given."))
			ok = false
		} else {
			showProblem(f.reasonMsg, "")
		}
	}
	a.Note = strings.TrimSpace(f.note.Text)
	a.Flagged = f.flag.Checked
	return a, ok
}

// refreshChanges updates the computed percent changes of change items.
func (f *itemForm) refreshChanges() {
	if f.main != nil {
		f.main.RefreshChange()
	}
	for _, e := range f.parts {
		e.RefreshChange()
	}
}

// refreshPoints shows the item's current points.
func (f *itemForm) refreshPoints() {
	is, _ := f.v.scores.item(f.item.ID)
	f.points.Importance = widget.HighImportance
	switch {
	case f.v.scores.pending(f.item.ID):
		// Answered, but the submit check still lists it: not done.
		f.points.Importance = widget.DangerImportance
		f.points.SetText(lang.L("Not done: {{.Why}} · {{.Score}} / {{.Max}} points",
			map[string]any{"Why": pendingShort(f.v.scores.blockers[f.item.ID]), "Score": kit.Number(is.Score), "Max": kit.Number(is.Max)}))
	case is.AwaitsRound: // roundpending.go: 待全市汇总后计分
		text, _ := awaitText(is)
		f.points.SetText(text)
	case is.Pending != nil: // describe_counted.go: 酌情, the reviewer picks
		f.points.SetText(discretionPoints(is))
	case is.Status == domain.StatusExcluded:
		f.points.SetText(lang.L("Not scored for this unit"))
	case is.NAFull: // na: full (不具有该职能的以满分计)
		f.points.SetText(lang.L("N/A, counted as full marks · {{.Score}} / {{.Max}} points",
			map[string]any{"Score": kit.Number(is.Score), "Max": kit.Number(is.Max)}))
	case is.NAAverage: // na: average (按同类单位平均分计), scored with the round's peers
		f.points.SetText(lang.L("N/A, counted as the group's average · {{.Score}} / {{.Max}} points",
			map[string]any{"Score": kit.Number(is.Score), "Max": kit.Number(is.Max)}))
	case is.Status == domain.StatusNA:
		f.points.SetText(lang.L("Not applicable: not scored"))
	case is.Status == domain.StatusUnanswered:
		f.points.SetText(lang.L("Not answered yet · {{.Score}} / {{.Max}} points",
			map[string]any{"Score": kit.Number(is.Score), "Max": kit.Number(is.Max)}))
	case is.Grade != "":
		f.points.SetText(lang.L("Points: {{.Score}} / {{.Max}} · {{.Grade}}",
			map[string]any{"Score": kit.Number(is.Score), "Max": kit.Number(is.Max), "Grade": is.Grade}))
	default:
		f.points.SetText(lang.L("Points: {{.Score}} / {{.Max}}",
			map[string]any{"Score": kit.Number(is.Score), "Max": kit.Number(is.Max)}))
	}
	f.refreshHint()
	for i, e := range f.parts {
		if i < len(is.Parts) {
			ps := is.Parts[i]
			e.Points.SetText(lang.L("Points: {{.Score}} / {{.Max}}",
				map[string]any{"Score": kit.Number(ps.Score), "Max": kit.Number(ps.Max)}))
		} else {
			e.Points.SetText("")
		}
	}
}

// refreshHint shows the evidence hint while the item still lacks a note and a file.
func (f *itemForm) refreshHint() {
	if f.noteHint == nil {
		return
	}
	if strings.TrimSpace(f.note.Text) == "" && len(f.v.evidence[f.item.ID]) == 0 {
		f.noteHint.Show()
	} else {
		f.noteHint.Hide()
	}
}

// categoryPath returns "A title › A1 title" for the item's categories.
func (v *View) categoryPath(itemID string) string {
	var names []string
	for node := v.nav.parentOf[itemNode(itemID)]; node != ""; node = v.nav.parentOf[node] {
		if c := v.ws.Catalog.Category(node[2:]); c != nil {
			names = append([]string{c.ID + " " + c.Title}, names...)
		}
	}
	if len(names) == 0 {
		if c := v.ws.Catalog.CategoryOf(itemID); c != nil {
			names = []string{c.ID + " " + c.Title}
		}
	}
	return strings.Join(names, " › ")
}
