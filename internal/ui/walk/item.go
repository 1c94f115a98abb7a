package walk

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
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
	main      *editor   // the answer widget of a simple item
	parts     []*editor // the answer widgets of a composite item's parts
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
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func showProblem(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

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

	// What the item asks, as a two-column grid: label left, text right.
	col := &labelColumn{}
	var about []fyne.CanvasObject
	if it.Requirement != "" {
		about = append(about, gridLabel(lang.L("Requirement")), wrapped(it.Requirement))
	}
	if len(it.Evidence) > 0 {
		about = append(about, gridLabel(lang.L("How it is checked")), wrapped(strings.Join(it.Evidence, lang.L(", "))))
	}
	about = append(about, gridLabel(lang.L("How it is scored")), wrapped(describe(it)))
	objs = append(objs, grid(col, about...), widget.NewSeparator())

	// The answer, on a shaded panel, then N/A, the note, the files and the flag.
	var answer fyne.CanvasObject
	if it.IsComposite() {
		var boxes []fyne.CanvasObject
		for i, p := range it.Parts {
			e := newEditor(p, a.Parts[p.ID], f.onInputChanged, v.move)
			f.parts = append(f.parts, e)
			// A part's title is catalog text: not bold (see kit.Fonts).
			head := wrapped(p.ID + ". " + p.Title + " " +
				lang.L("({{.Max}} points)", map[string]any{"Max": kit.Number(p.Max)}))
			if i > 0 {
				boxes = append(boxes, widget.NewSeparator())
			}
			boxes = append(boxes, container.NewBorder(nil, nil, nil, container.NewVBox(muted(e.points)), head),
				wrapped(describe(p)), e.content)
		}
		answer = container.NewVBox(boxes...)
	} else {
		f.main = newEditor(it, a, f.onInputChanged, v.move)
		answer = f.main.content
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
		f.main.disable()
	}
	for _, e := range f.parts {
		e.disable()
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
		f.main.setEnabled(on)
	}
	for _, e := range f.parts {
		e.setEnabled(on)
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
			pa, good := e.read()
			ok = ok && good
			if good && !pa.IsZero() {
				parts[e.item.ID] = pa
			} else if !good {
				if old, had := a.Parts[e.item.ID]; had {
					parts[e.item.ID] = old
				}
			}
		}
		a.Parts = nil
		if len(parts) > 0 {
			a.Parts = parts
		}
	} else {
		m, good := f.main.read()
		ok = good
		if good {
			a.Met, a.Level, a.Value, a.Baseline, a.Count = m.Met, m.Level, m.Value, m.Baseline, m.Count
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
		f.main.refreshChange()
	}
	for _, e := range f.parts {
		e.refreshChange()
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
	case is.Status == domain.StatusExcluded:
		f.points.SetText(lang.L("Not scored for this unit"))
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
			e.points.SetText(lang.L("Points: {{.Score}} / {{.Max}}",
				map[string]any{"Score": kit.Number(ps.Score), "Max": kit.Number(ps.Max)}))
		} else {
			e.points.SetText("")
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

// editor is the answer widget of one simple item or part.
type editor struct {
	item     *domain.Item
	content  *fyne.Container
	met      *widget.RadioGroup
	level    *widget.RadioGroup
	levelOps []string
	value    *numberEntry
	baseline *numberEntry
	change   *widget.Label
	count    *numberEntry
	minus    *widget.Button
	plus     *widget.Button
	problem  *widget.Label
	points   *widget.Label
}

// Options of a check item's radio group.
func metOptions() []string { return []string{lang.L("Met (yes)"), lang.L("Not met (no)")} }

func newEditor(it *domain.Item, a domain.Answer, changed func(), nav func(int)) *editor {
	e := &editor{item: it, problem: problemLabel(), points: widget.NewLabel("")}
	var objs []fyne.CanvasObject
	unit := widget.NewLabel(it.Unit)
	switch it.Method {
	case domain.MethodCheck:
		opts := metOptions()
		e.met = widget.NewRadioGroup(opts, func(string) { changed() })
		e.met.Horizontal = true
		if a.Met != nil {
			if *a.Met {
				e.met.SetSelected(opts[0])
			} else {
				e.met.SetSelected(opts[1])
			}
		}
		objs = append(objs, e.met)
	case domain.MethodLevels:
		for _, l := range it.Levels {
			e.levelOps = append(e.levelOps, lang.L("{{.Label}} ({{.Points}} points)",
				map[string]any{"Label": l.Label, "Points": kit.Number(l.Points)}))
		}
		e.level = widget.NewRadioGroup(e.levelOps, func(string) { changed() })
		for i, l := range it.Levels {
			if l.Label == a.Level {
				e.level.SetSelected(e.levelOps[i])
			}
		}
		objs = append(objs, e.level)
	case domain.MethodNumeric:
		e.value = newNumberEntry(nav)
		e.value.SetPlaceHolder(valuePlaceholder(it.Unit))
		e.value.SetText(kit.InputNumber(a.Value))
		e.value.OnChanged = func(string) { changed() }
		label := lang.L("Value")
		if it.Change {
			label = lang.L("This period")
		}
		rows := []fyne.CanvasObject{widget.NewLabel(label), container.NewHBox(narrow(e.value), unit)}
		if it.Change || it.Difference { // a difference item (value − baseline) needs the baseline too
			e.baseline = newNumberEntry(nav)
			if it.Change {
				e.baseline.SetPlaceHolder(lang.L("Number, not 0"))
			}
			e.baseline.SetText(kit.InputNumber(a.Baseline))
			e.baseline.OnChanged = func(string) { changed() }
			e.change = widget.NewLabel("")
			rows = append(rows, widget.NewLabel(lang.L("Baseline (same period last year)")),
				container.NewHBox(narrow(e.baseline), widget.NewLabel(it.Unit)))
		}
		objs = append(objs, container.New(layout.NewFormLayout(), rows...))
		if e.change != nil {
			objs = append(objs, e.change)
		}
	case domain.MethodDeduct, domain.MethodCount:
		e.count = newNumberEntry(nav)
		e.count.SetPlaceHolder(lang.L("Whole number, 0 or more"))
		if a.Count != nil {
			e.count.SetText(strconv.Itoa(*a.Count))
		}
		e.count.OnChanged = func(string) { changed() }
		e.minus = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { e.step(-1) })
		e.plus = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { e.step(1) })
		// The catalog's rule says what is counted (cases, missing records…):
		// the label does not presume occurrences.
		label := lang.L("Number that deducts points")
		if it.Method == domain.MethodCount {
			label = lang.L("How many")
		}
		objs = append(objs, container.New(layout.NewFormLayout(), widget.NewLabel(label),
			container.NewHBox(narrow(e.count), unit, e.minus, e.plus)))
	}
	objs = append(objs, e.problem)
	e.content = container.NewVBox(objs...)
	e.refreshChange()
	return e
}

// countUnits are units of things counted one by one: their values are
// whole numbers, so the example has no decimals.
var countUnits = map[string]bool{"起": true, "人": true, "名": true, "件": true, "个": true, "次": true,
	"处": true, "项": true, "户": true, "家": true, "辆": true, "台": true, "套": true, "所": true,
	"座": true, "条": true, "宗": true, "例": true, "人次": true, "批": true}

// valuePlaceholder returns the example in a numeric item's entry.
func valuePlaceholder(unit string) string {
	if countUnits[unit] {
		return lang.L("Number, e.g. 12")
	}
	return lang.L("Number, e.g. 12.5")
}

// narrow holds a number entry at a width that fits a number, not the pane.
func narrow(e *numberEntry) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(220, e.MinSize().Height), e)
}

// digits maps full-width characters typed with a Chinese input method.
var digits = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "．", ".", "。", ".",
	"－", "-", "−", "-", "＋", "+", "，", "", ",", "", " ", "", "％", "%")

// parseNumber reads a number typed by a person; nil when the text is empty.
func parseNumber(text, unit string) (*float64, bool) {
	s := digits.Replace(strings.TrimSpace(text))
	if unit != "" {
		s = strings.TrimSuffix(s, unit)
	}
	s = strings.TrimSuffix(s, "%")
	if s == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	return &f, true
}

// parseCount reads a whole number of 0 or more; nil when the text is empty.
func parseCount(text string) (*int, bool) {
	s := digits.Replace(strings.TrimSpace(text))
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return nil, false
	}
	return &n, true
}

// read returns the method fields the widgets show and whether they are valid.
func (e *editor) read() (domain.Answer, bool) {
	var a domain.Answer
	msg := ""
	switch {
	case e.met != nil:
		switch e.met.Selected {
		case metOptions()[0]:
			a.Met = domain.Bool(true)
		case metOptions()[1]:
			a.Met = domain.Bool(false)
		}
	case e.level != nil:
		for i, o := range e.levelOps {
			if o == e.level.Selected {
				a.Level = e.item.Levels[i].Label
			}
		}
	case e.value != nil:
		v, ok := parseNumber(e.value.Text, e.item.Unit)
		if !ok {
			msg = lang.L("“{{.Text}}” is not a number. Type digits only, e.g. 12.5 or -3.", map[string]any{"Text": e.value.Text})
		}
		a.Value = v
		if e.baseline != nil {
			b, ok := parseNumber(e.baseline.Text, e.item.Unit)
			switch {
			case !ok && msg == "":
				msg = lang.L("“{{.Text}}” is not a number. Type digits only, e.g. 12.5 or -3.", map[string]any{"Text": e.baseline.Text})
			case ok && b != nil && *b == 0 && msg == "":
				msg = lang.L("The baseline must not be 0: the change cannot be computed from 0.")
			case ok && b == nil && v != nil && msg == "":
				msg = lang.L("Also enter the baseline; the item is scored on the change against it.")
			}
			a.Baseline = b
		}
	case e.count != nil:
		n, ok := parseCount(e.count.Text)
		if !ok {
			msg = lang.L("“{{.Text}}” is not a whole number of 0 or more.", map[string]any{"Text": e.count.Text})
		}
		a.Count = n
	}
	showProblem(e.problem, msg)
	return a, msg == ""
}

// step adds delta to a count, never going below 0.
func (e *editor) step(delta int) {
	n, ok := parseCount(e.count.Text)
	k := 0
	if ok && n != nil {
		k = *n
	}
	k += delta
	if k < 0 {
		k = 0
	}
	e.count.SetText(strconv.Itoa(k))
}

// refreshChange shows the percent change of a change item.
func (e *editor) refreshChange() {
	if e.change == nil {
		return
	}
	v, okV := parseNumber(e.value.Text, e.item.Unit)
	b, okB := parseNumber(e.baseline.Text, e.item.Unit)
	if !okV || !okB || v == nil || b == nil || (*b == 0 && !e.item.Difference) {
		e.change.SetText(lang.L("Change against the baseline: enter both numbers"))
		return
	}
	if e.item.Difference { // value − baseline, in the value's unit
		e.change.SetText(lang.L("Change against the baseline: {{.Percent}}", map[string]any{"Percent": kit.Signed(*v-*b) + e.item.Unit}))
		return
	}
	pct := (*v - *b) / *b * 100
	e.change.SetText(lang.L("Change against the baseline: {{.Percent}}", map[string]any{"Percent": kit.Signed(pct) + "%"}))
}

func (e *editor) disable() { e.setEnabled(false) }

// setEnabled enables or disables every input of the editor.
func (e *editor) setEnabled(on bool) {
	set := func(w fyne.Disableable) {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if e.met != nil {
		set(e.met)
	}
	if e.level != nil {
		set(e.level)
	}
	for _, x := range []*numberEntry{e.value, e.baseline, e.count} {
		if x != nil {
			set(x)
		}
	}
	for _, b := range []*widget.Button{e.minus, e.plus} {
		if b != nil {
			set(b)
		}
	}
}
