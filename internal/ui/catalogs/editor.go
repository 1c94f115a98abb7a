package catalogs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/sheet"
	"pingce/internal/ui/message"
	"pingce/internal/ui/walk"
)

// editor changes the method and parameters of one item of the catalog
// read, in the cells of Pingce's template (sheet.ItemCells): every change
// is read back as the template reads it and, when it reads, written into
// the catalog, which is then checked. The item's problems are shown with
// its id and the cell it came from; the preview says the rule in the
// words the walk will use.
type editor struct {
	s     *Screen
	id    string // the item edited; "" when none
	where string // the cell the item came from
	cells map[string]string

	head, text  *widget.Label
	method      *widget.Select
	rule        *widget.Select
	na          *widget.Select
	entries     map[string]*widget.Entry
	checks      map[string]*widget.Check
	form        *fyne.Container
	preview     *widget.Label
	problems    *widget.Label
	scroll      *container.Scroll
	content     fyne.CanvasObject
	keepByType  bool // the item's rules by unit type are more than targets: kept as they are
	category    *categoryFields
	reset       *widget.Button // back to what the importer proposed
	vetoes      bool           // the editor shows the catalog's vetoes (editor_veto.go)
	vetoWidgets []vetoWidgets
	loading     bool // widgets are being set from the cells: no apply
}

// The numeric rules the editor offers, by the template keys they fill.
var (
	numericRules = []string{"bands", "linear", "shortfall", "piecewise", "slope"}
	ruleKeys     = map[string][]string{
		"bands":     {"bands"},
		"linear":    {"linear_zero", "linear_full"},
		"shortfall": {"shortfall_target", "shortfall_step", "shortfall_per", "lower_is_better", "whole_steps", unitTargetsKey},
		"piecewise": {"piecewise"},
		"slope":     {"slope_base", "slope_points", "slope_per", "slope_lower_is_better"},
	}
	// methodKeys are the keys each method fills besides a numeric rule's.
	methodKeys = map[domain.Method][]string{
		domain.MethodCheck:   nil,
		domain.MethodLevels:  {"levels"},
		domain.MethodNumeric: {"change", "difference", "exact"},
		domain.MethodDeduct:  {"per", "floor", "zero_at", "overflow_at", "overflow_extra", "kinds", "multipliers", "discretion_min", "discretion_max"},
		domain.MethodCount:   {"per", "uncapped", "kinds", "multipliers"},
	}
	// keptKeys are the item's own fields: no method's parameters.
	keptKeys = []string{"category", "id", "part_of", "title", "max", "requirement", "evidence", "evidence_required",
		"applies_to", "scoring", "basis", "lead", "unit", "na", "method"}
	multiLine = []string{"levels", "bands", "piecewise", "exact", "kinds", "multipliers", unitTargetsKey}
	flagKeys  = []string{"lower_is_better", "whole_steps", "slope_lower_is_better", "change", "difference", "uncapped"}
)

// keyLabel names a template key for the user.
func keyLabel(key string) string {
	switch key {
	case "levels":
		return lang.L("Levels (one “name=points” a line, the full marks first)")
	case "bands":
		return lang.L("Bands (one “≥98=30” or “≤5=10” a line)")
	case "linear_zero":
		return lang.L("Value that scores 0")
	case "linear_full":
		return lang.L("Value that scores full marks")
	case "shortfall_target":
		return lang.L("Target")
	case "shortfall_step":
		return lang.L("Step")
	case "shortfall_per":
		return lang.L("Points off per step short")
	case "lower_is_better", "slope_lower_is_better":
		return lang.L("Lower is better")
	case "whole_steps":
		return lang.L("A part of a step counts as a whole step")
	case "piecewise":
		return lang.L("Segments (one “<96=0.25” or “>5=0.5” a line: points per 1 below / above)")
	case "slope_base":
		return lang.L("Base value")
	case "slope_points":
		return lang.L("Points at the base value")
	case "slope_per":
		return lang.L("Points more or less per 1")
	case "change":
		return lang.L("Score the percent change against a baseline")
	case "difference":
		return lang.L("Score this period − baseline")
	case "exact":
		return lang.L("Exact values (one “0=8” a line: this value gives these points)")
	case unitTargetsKey:
		return lang.L("Targets by unit type (one “分县局=75” a line; other unit types: the target above)")
	case "per":
		return lang.L("Points per case")
	case "floor":
		return lang.L("Lowest score")
	case "zero_at":
		return lang.L("Cases that score 0")
	case "overflow_at":
		return lang.L("Extra deduction once this many points are lost")
	case "overflow_extra":
		return lang.L("Extra points off the category")
	case "uncapped":
		return lang.L("No cap of its own (bonus: only the bonus caps)")
	case "kinds":
		return lang.L("Kinds counted apart (one “key:name=points per case” a line; instead of points per case)")
	case "multipliers":
		return lang.L("Cases that count more (one “key:name=times” a line)")
	case "discretion_min":
		return lang.L("Assessor's range: at least, per case")
	case "discretion_max":
		return lang.L("Assessor's range: at most, per case")
	}
	if f := moreLabels[key]; f != nil {
		return f()
	}
	return key
}

// moreLabels name the keys and rules that files of later shapes add
// (editor_round.go), in the user's language.
var moreLabels = map[string]func() string{}

// methodName names a method for the user.
func methodName(m domain.Method) string {
	switch m {
	case domain.MethodCheck:
		return lang.L("Met / not met")
	case domain.MethodLevels:
		return lang.L("Levels")
	case domain.MethodNumeric:
		return lang.L("A value (numeric)")
	case domain.MethodDeduct:
		return lang.L("Deductions per case")
	case domain.MethodCount:
		return lang.L("Points per case (count)")
	}
	return string(m)
}

// ruleName names a numeric rule for the user.
func ruleName(r string) string {
	switch r {
	case "bands":
		return lang.L("Bands")
	case "linear":
		return lang.L("In proportion")
	case "shortfall":
		return lang.L("Target, points off per step short")
	case "piecewise":
		return lang.L("Slopes below thresholds")
	case "slope":
		return lang.L("Base value and slope")
	}
	if f := moreLabels[r]; f != nil {
		return f()
	}
	return r
}

// naName names a N/A treatment for the user.
func naName(na string) string {
	switch na {
	case "", domain.NAExclude:
		return lang.L("N/A: left out of the maximum")
	case domain.NAFull:
		return lang.L("N/A: full marks")
	}
	if f := moreLabels["na:"+na]; f != nil {
		return f()
	}
	return na
}

var naValues = []string{domain.NAExclude, domain.NAFull}

func newEditor(s *Screen) *editor {
	e := &editor{s: s, entries: map[string]*widget.Entry{}, checks: map[string]*widget.Check{}}
	e.head = widget.NewLabel(lang.L("Choose an item in the list to change its method and parameters."))
	e.head.Wrapping = fyne.TextWrapWord
	e.head.TextStyle.Bold = true
	e.text = widget.NewLabel("")
	e.text.Wrapping = fyne.TextWrapWord
	var methods []string
	for _, m := range domain.Methods {
		methods = append(methods, methodName(m))
	}
	e.method = widget.NewSelect(methods, func(string) { e.changed(true) })
	var rules []string
	for _, r := range numericRules {
		rules = append(rules, ruleName(r))
	}
	e.rule = widget.NewSelect(rules, func(string) {
		if !e.loading {
			e.layout()
		}
		e.changed(false)
	})
	var nas []string
	for _, v := range naValues {
		nas = append(nas, naName(v))
	}
	e.na = widget.NewSelect(nas, func(string) { e.changed(false) })
	e.category = newCategoryFields(e)
	e.reset = widget.NewButton(lang.L("As proposed"), func() { e.Reset() })
	for _, keys := range ruleKeys {
		e.widgets(keys)
	}
	for _, keys := range methodKeys {
		e.widgets(keys)
	}
	e.form = container.NewVBox()
	e.preview = widget.NewLabel("")
	e.preview.Wrapping = fyne.TextWrapWord
	e.problems = widget.NewLabel("")
	e.problems.Wrapping = fyne.TextWrapWord
	// The preview and the problems stay in sight below the parameters.
	said := container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("How the walk will say it"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		e.preview, e.problems))
	// A split, so that the user gives the parameters or the preview more
	// room in a small window.
	e.scroll = container.NewVScroll(container.NewVBox(e.head, e.text, widget.NewSeparator(), e.form))
	split := container.NewVSplit(e.scroll, said)
	split.Offset = 0.62
	e.content = split
	e.layout()
	return e
}

// widgets makes the entry or check of each key.
func (e *editor) widgets(keys []string) {
	for _, k := range keys {
		if _, ok := e.entries[k]; ok {
			continue
		}
		if _, ok := e.checks[k]; ok {
			continue
		}
		if slices.Contains(flagKeys, k) {
			e.checks[k] = widget.NewCheck(keyLabel(k), func(bool) { e.changed(false) })
			continue
		}
		var en *widget.Entry
		if slices.Contains(multiLine, k) {
			en = widget.NewMultiLineEntry()
			en.SetMinRowsVisible(3)
		} else {
			en = widget.NewEntry()
		}
		en.OnChanged = func(string) { e.changed(false) }
		e.entries[k] = en
	}
}

// Open shows item id of the catalog read in the editor.
func (e *editor) Open(id string) {
	c := e.s.catalog()
	if c == nil || c.Item(id) == nil {
		return
	}
	it := c.Item(id)
	if it.IsComposite() {
		e.close()
		e.head.SetText(lang.L("{{.ID}} {{.Title}} is made of parts: change their rules in the template (pingce catalog export --xlsx), then import it.",
			map[string]any{"ID": it.ID, "Title": it.Title}))
		return
	}
	e.id, e.where = id, e.s.rowWhere(id)
	e.cells = sheet.ItemCells(it)
	if text, ok := unitTargets(it); ok {
		e.cells[unitTargetsKey] = text
	}
	e.keepByType = len(it.ByUnitType) > 0 && e.cells[unitTargetsKey] == ""
	e.loading = true
	e.head.SetText(lang.L("{{.ID}} {{.Title}} [{{.Max}} points] — from {{.Where}}",
		map[string]any{"ID": it.ID, "Title": it.Title, "Max": domain.CheckNumber(it.Max), "Where": e.where}))
	e.text.SetText(it.Scoring)
	e.method.SetSelectedIndex(slices.Index(domain.Methods, it.Method))
	e.rule.SetSelectedIndex(slices.Index(numericRules, ruleOf(e.cells)))
	e.na.SetSelectedIndex(max(0, slices.Index(naValues, e.cells["na"])))
	for k, en := range e.entries {
		en.SetText(e.cells[k])
	}
	for k, ch := range e.checks {
		ch.SetChecked(e.cells[k] != "")
	}
	e.loading = false
	e.category.open(id)
	e.layout()
	e.show(it)
}

// ruleOf says which numeric rule cells hold ("" for none).
func ruleOf(cells map[string]string) string {
	for _, r := range numericRules {
		for _, k := range ruleKeys[r] {
			if strings.TrimSpace(cells[k]) != "" {
				return r
			}
		}
	}
	return ""
}

// selectedMethod is the method chosen ("" for none).
func (e *editor) selectedMethod() domain.Method {
	if i := e.method.SelectedIndex(); i >= 0 {
		return domain.Methods[i]
	}
	return ""
}

// keys returns the parameter keys of the method and rule chosen.
func (e *editor) keys() []string {
	m := e.selectedMethod()
	var keys []string
	if m == domain.MethodNumeric {
		if i := e.rule.SelectedIndex(); i >= 0 {
			keys = append(keys, ruleKeys[numericRules[i]]...)
		}
	}
	return append(keys, methodKeys[m]...)
}

// layout shows the widgets of the method chosen.
func (e *editor) layout() {
	e.form.RemoveAll()
	if e.id == "" {
		if e.scroll != nil {
			e.scroll.Refresh()
		}
		return
	}
	e.form.Add(container.NewBorder(nil, nil, nil, e.reset, labelled(lang.L("Method"), e.method)))
	if e.selectedMethod() == domain.MethodNumeric {
		e.form.Add(labelled(lang.L("Rule"), e.rule))
	}
	for _, k := range e.keys() {
		if ch := e.checks[k]; ch != nil {
			e.form.Add(ch)
		} else if en := e.entries[k]; en != nil {
			e.form.Add(labelled(keyLabel(k), en))
		}
	}
	e.form.Add(labelled(lang.L("Not applicable"), e.na))
	for _, o := range e.category.objects() {
		e.form.Add(o)
	}
	e.form.Refresh()
	e.scroll.Refresh()
}

func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(l, o)
}

// changed takes the widgets into the cells and applies them. A new
// method drops the parameters of every other method.
func (e *editor) changed(newMethod bool) {
	if e.loading || e.id == "" {
		return
	}
	if newMethod {
		e.layout()
	}
	m := e.selectedMethod()
	e.cells["method"] = string(m)
	if i := e.na.SelectedIndex(); i >= 0 {
		e.cells["na"] = naValues[i]
		if naValues[i] == domain.NAExclude && e.s.catalog().Item(e.id).NA == "" {
			e.cells["na"] = ""
		}
	}
	mine := e.keys()
	for k := range e.cells {
		if slices.Contains(keptKeys, k) || slices.Contains(mine, k) {
			continue
		}
		// Parameters of other rules go; those the editor does not show
		// (kinds, rules by unit type …) stay while the method stays.
		if newMethod || e.entries[k] != nil || e.checks[k] != nil {
			delete(e.cells, k)
		}
	}
	for _, k := range mine {
		if en := e.entries[k]; en != nil {
			e.cells[k] = en.Text
		}
		if ch := e.checks[k]; ch != nil {
			e.cells[k] = ""
			if ch.Checked {
				e.cells[k] = "是"
			}
		}
	}
	e.apply(newMethod)
}

// apply reads the cells; when they read, the item in the catalog takes
// them and the catalog is checked.
func (e *editor) apply(newMethod bool) {
	c := e.s.catalog()
	old := c.Item(e.id)
	e.s.edits[e.id] = e.cells
	it, probs := itemFromCells(e.where, e.cells, old, e.keepByType && !newMethod)
	if len(probs) > 0 {
		e.s.invalid[e.id] = true
		e.problems.SetText(problemLines(probs))
		e.preview.SetText("")
		e.s.edited[e.id] = true
		e.s.rows.Refresh()
		e.s.update()
		return
	}
	delete(e.s.invalid, e.id)
	*old = *it
	e.s.edited[e.id] = true
	e.show(old)
	e.s.rows.Refresh()
	e.s.update()
}

// show writes the item's preview and its problems under Catalog.Check.
func (e *editor) show(it *domain.Item) {
	e.preview.SetText(walk.Describe(it))
	mine := append([]domain.Problem(nil), e.category.problems...)
	cat := e.category.cat
	for _, f := range e.s.catalog().Check() {
		if id, _, _ := strings.Cut(f.ItemID, "."); f.ItemID == e.id || id == e.id || (cat != nil && f.Elem == cat) {
			p := f.Problem
			p.File = e.where
			mine = append(mine, p)
		}
	}
	if len(mine) == 0 {
		e.problems.SetText("✓ " + lang.L("The rule checks."))
		return
	}
	e.problems.SetText(problemLines(mine))
}

// problemLines writes problems one a line, in the user's language.
func problemLines(ps []domain.Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = "✗ " + message.ProblemText(p)
	}
	return strings.Join(lines, "\n")
}

// set sets the widget of key (a template key, "method", "rule" or "na")
// to value, as the user would: for scripts and tests.
func (e *editor) set(key, value string) error {
	switch key {
	case "method":
		i := slices.Index(domain.Methods, domain.Method(value))
		if i < 0 {
			return unknownValue(key, value)
		}
		e.method.SetSelectedIndex(i)
	case "rule":
		i := slices.Index(numericRules, value)
		if i < 0 {
			return unknownValue(key, value)
		}
		e.rule.SetSelectedIndex(i)
	case "deduct_cap":
		e.category.deduct.SetText(value)
	case "bonus_cap":
		e.category.bonus.SetText(value)
	case "na":
		i := slices.Index(naValues, value)
		if i < 0 {
			return unknownValue(key, value)
		}
		e.na.SetSelectedIndex(i)
	default:
		switch {
		case e.entries[key] != nil:
			e.entries[key].SetText(value)
		case e.checks[key] != nil:
			e.checks[key].SetChecked(value != "")
		default:
			return unknownValue(key, value)
		}
	}
	return nil
}

func unknownValue(key, value string) error {
	return fmt.Errorf("catalogs: %s %q is not one of the choices", key, value)
}

// close empties the editor (the table was read again).
func (e *editor) close() {
	e.id, e.cells = "", nil
	e.category.cat = nil
	e.vetoes, e.vetoWidgets = false, nil
	e.head.SetText(lang.L("Choose an item in the list to change its method and parameters."))
	e.text.SetText("")
	e.preview.SetText("")
	e.problems.SetText("")
	e.layout()
}

// unitTargetsKey is the editor's own cell of a shortfall's targets by unit
// type ("分县局=75" a line): rules by unit type that differ from the
// item's shortfall in the target only.
const unitTargetsKey = "unit_targets"

// unitTargets writes an item's rules by unit type as targets, when they
// are shortfalls like the item's own but for the target (ok false when
// they are more than that).
func unitTargets(it *domain.Item) (string, bool) {
	if len(it.ByUnitType) == 0 {
		return "", true
	}
	if it.Shortfall == nil {
		return "", false
	}
	types := make([]string, 0, len(it.ByUnitType))
	for t := range it.ByUnitType {
		types = append(types, t)
	}
	slices.Sort(types)
	var lines []string
	for _, t := range types {
		r := it.ByUnitType[t]
		if r == nil || r.Shortfall == nil || r.Bands != nil || r.Linear != nil || r.Piecewise != nil || r.Slope != nil {
			return "", false
		}
		sf := *r.Shortfall
		sf.Target = it.Shortfall.Target
		if sf != *it.Shortfall {
			return "", false
		}
		lines = append(lines, t+"="+domain.CheckNumber(r.Shortfall.Target))
	}
	return strings.Join(lines, "\n"), true
}

// itemFromCells reads an item from the editor's cells, as sheet.ReadItemCells
// does, with its rules by unit type: from the targets cell, or (keep) the
// old item's.
func itemFromCells(where string, cells map[string]string, old *domain.Item, keep bool) (*domain.Item, []domain.Problem) {
	it, probs := sheet.ReadItemCells(where, cells)
	if len(probs) > 0 {
		return nil, probs
	}
	it.Bonus, it.Parts = old.Bonus, old.Parts
	if it.Method != domain.MethodNumeric {
		return it, nil
	}
	text, has := cells[unitTargetsKey]
	if !has || strings.TrimSpace(text) == "" {
		if keep {
			it.ByUnitType = old.ByUnitType
		}
		return it, nil
	}
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		t, v, ok := strings.Cut(strings.NewReplacer("＝", "=", "：", "=", ":", "=").Replace(line), "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if t = strings.TrimSpace(t); !ok || t == "" || err != nil || !domain.OrdinaryNumber(f) || it.Shortfall == nil || it.ByUnitType[t] != nil {
			p := domain.NewProblem(sheet.ProbTemplate, "{value:q} cannot be read as {key}", "key", unitTargetsKey, "value", line)
			p.File, p.ItemID = where, it.ID
			probs = append(probs, p)
			continue
		}
		if it.ByUnitType == nil {
			it.ByUnitType = map[string]*domain.Item{}
		}
		sf := *it.Shortfall
		sf.Target = f
		it.ByUnitType[t] = &domain.Item{ID: it.ID, Max: it.Max, Method: domain.MethodNumeric, Shortfall: &sf}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return it, nil
}

// Reset gives the item edited back the rule the importer proposed (a
// text not understood: met / not met), dropping the user's changes.
func (e *editor) Reset() {
	c := e.s.catalog()
	if e.id == "" || c == nil {
		return
	}
	it := c.Item(e.id)
	var p sheet.Proposal
	for _, r := range e.s.res.Rows {
		if r.ItemID == e.id {
			p = r.Proposal
		}
	}
	all, cells := sheet.ItemCells(it), map[string]string{}
	for _, k := range keptKeys {
		cells[k] = all[k]
	}
	cells["method"], cells["na"] = string(domain.MethodCheck), ""
	if got, probs := sheet.ReadItemCells(e.where, cells); len(probs) == 0 {
		got.Bonus, got.Parts = it.Bonus, it.Parts
		*it = *got
	}
	p.Apply(it)
	delete(e.s.edits, e.id)
	delete(e.s.edited, e.id)
	delete(e.s.invalid, e.id)
	e.Open(e.id)
	e.s.rows.Refresh()
	e.s.update()
}
