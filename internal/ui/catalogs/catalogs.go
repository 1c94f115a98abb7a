// Package catalogs is the catalog screen: the stored catalogs and their
// versions, import from an official spreadsheet or Word table (the column
// mapping, each item's proposed scoring beside its official rule text, the
// rows not understood to be confirmed, every problem at its cell), an
// editor of each item's method and parameters (editor.go: checked as the
// user types, said in the walk's words, stored only when the catalog
// passes Catalog.Check), and the differences between two versions.
package catalogs

import (
	"context"
	"embed"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/sheet"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/message"
	"pingce/internal/ui/screen"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the screen's strings to Fyne's.
func RegisterTranslations() error { return kit.AddTranslations(translations, "translations") }

// Deps is what the screen needs from the shell.
type Deps struct {
	Tasks    *kit.Tasks
	Catalogs domain.CatalogService
	// Builtins are the built-in catalogs, offered for the comparison.
	Builtins []*domain.Catalog
	// ChooseFile asks for a .xlsx or .docx file; nil offers no button
	// (files can still be dropped).
	ChooseFile func(done func(path string))
	// Read reads a table; nil means sheet.ReadFile.
	Read func(ctx context.Context, path string, opt sheet.Options) (*sheet.Result, error)
	// OnStored runs after a catalog is stored.
	OnStored func(info domain.CatalogInfo)
	// Assessments lists the assessments a comparison offers to move to
	// the later version with Migrate; either nil offers none.
	Assessments domain.AssessmentService
	// Migrate makes a new draft of an assessment on another catalog
	// version (storage.Store.MigrateAssessment); it runs off the UI goroutine.
	Migrate func(ctx context.Context, id int64, toRef string) (*domain.Assessment, domain.MigrationPlan, error)
	// OnMigrated runs after an assessment was moved.
	OnMigrated func(a *domain.Assessment)
}

// Screen is the catalog screen. It implements screen.Screen and
// screen.Scripted.
type Screen struct {
	deps Deps
	tabs *container.AppTabs

	stored     []domain.CatalogInfo
	storedList *widget.List

	path      string
	opt       sheet.Options
	res       *sheet.Result
	problems  []domain.Problem
	confirmed map[string]bool // rows not understood that the user confirmed as met / not met
	editor    *editor
	edits     map[string]map[string]string // the template cells the user gave each item changed
	edited    map[string]bool              // items the user changed in the editor
	invalid   map[string]bool              // items whose cells in the editor do not read ("category ID" for a category's)
	catEdits  map[string]map[string]string // the caps the user gave each category changed
	vetoEdits map[string]vetoEdit          // the effects the user gave vetoes, by id
	vetoesBtn *widget.Button
	fileLabel *widget.Label
	id        *widget.Entry
	version   *widget.Entry
	columns   *fyne.Container
	rows      *widget.List
	problemsL *widget.Label
	summary   *widget.Label
	store     *widget.Button

	from, to *widget.Select
	diffText *widget.Label
	movable  []domain.AssessmentSummary // assessments on the earlier version of the diff shown
	moveTo   string
	moveList *widget.List
	moveText *widget.Label
	content  fyne.CanvasObject
}

var (
	_ screen.Screen   = (*Screen)(nil)
	_ screen.Scripted = (*Screen)(nil)
)

// New makes the screen and starts reading the stored catalogs.
func New(d Deps) *Screen {
	if d.Read == nil {
		d.Read = sheet.ReadFile
	}
	s := &Screen{deps: d, confirmed: map[string]bool{}, opt: sheet.Options{Map: map[string]string{}},
		edits: map[string]map[string]string{}, edited: map[string]bool{}, invalid: map[string]bool{}, catEdits: map[string]map[string]string{}, vetoEdits: map[string]vetoEdit{}}
	s.storedList = widget.NewList(func() int { return len(s.stored) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.stored[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s", c.Ref(), c.Title,
				lang.L("{{.Items}} items, {{.Total}} points", map[string]any{"Items": c.Items, "Total": kit.Number(c.Total)})))
		})
	s.fileLabel = widget.NewLabel(lang.L("Choose an official table (.xlsx or .docx), or drop it here."))
	s.fileLabel.Wrapping = fyne.TextWrapWord
	choose := widget.NewButton(lang.L("Choose a table…"), func() {
		if s.deps.ChooseFile != nil {
			s.deps.ChooseFile(s.Import)
		}
	})
	if d.ChooseFile == nil {
		choose.Hide()
	}
	s.id, s.version = widget.NewEntry(), widget.NewEntry()
	s.id.SetPlaceHolder(lang.L("Catalog id (letters, digits, -)"))
	s.version.SetPlaceHolder(lang.L("Version"))
	reread := func(string) {
		s.opt.ID, s.opt.Version = strings.TrimSpace(s.id.Text), strings.TrimSpace(s.version.Text)
		s.Import(s.path)
	}
	s.id.OnSubmitted, s.version.OnSubmitted = reread, reread
	s.columns = container.NewGridWrap(fyne.NewSize(170, 76))
	s.rows = widget.NewList(func() int { return s.rowCount() }, s.newRow, s.updateRow)
	s.editor = newEditor(s)
	s.rows.OnSelected = func(i widget.ListItemID) {
		if s.res != nil && i < len(s.res.Rows) {
			s.editor.Open(s.res.Rows[i].ItemID)
		}
	}
	s.problemsL = widget.NewLabel("")
	s.problemsL.Wrapping = fyne.TextWrapWord
	problems := container.NewVScroll(s.problemsL)
	problems.SetMinSize(fyne.NewSize(0, 110))
	s.summary = widget.NewLabel("")
	s.store = widget.NewButton(lang.L("Store the catalog"), s.Store)
	s.store.Importance = widget.HighImportance
	s.store.Disable()
	size := fyne.NewSize(200, s.id.MinSize().Height)
	names := container.NewHBox(container.NewGridWrap(size, s.id), container.NewGridWrap(size, s.version))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, choose, s.fileLabel), s.columns,
		container.NewBorder(nil, nil, nil, names, s.summary))
	s.vetoesBtn = widget.NewButton(lang.L("Vetoes…"), func() { s.editor.OpenVetoes() })
	s.vetoesBtn.Disable()
	bottom := container.NewVBox(problems, container.NewHBox(s.store, s.vetoesBtn))
	split := container.NewHSplit(s.rows, s.editor.content)
	split.Offset = 0.45
	importTab := container.NewBorder(top, bottom, nil, nil, split)

	s.from = widget.NewSelect(nil, nil)
	s.to = widget.NewSelect(nil, nil)
	s.from.PlaceHolder, s.to.PlaceHolder = lang.L("Earlier version"), lang.L("Later version")
	s.diffText = widget.NewLabel("")
	s.diffText.Wrapping = fyne.TextWrapWord
	compare := widget.NewButton(lang.L("Compare"), func() { s.Diff(s.from.Selected, s.to.Selected) })
	s.moveText = widget.NewLabel("")
	s.moveText.Wrapping = fyne.TextWrapWord
	s.moveList = widget.NewList(func() int { return len(s.movable) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Move to the later version"), nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := s.movable[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d  %s  %s  %s", a.ID, a.Unit.Name, a.Round, a.CatalogRef()))
			id := a.ID
			c.Objects[1].(*widget.Button).OnTapped = func() { s.Move(id) }
		})
	moves := container.NewBorder(s.moveText, nil, nil, nil, s.moveList)
	diffTab := container.NewBorder(container.NewHBox(s.from, s.to, compare), nil, nil, nil,
		container.NewVSplit(container.NewVScroll(s.diffText), moves))

	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Stored catalogs"), s.storedList),
		container.NewTabItem(lang.L("Import from a table"), importTab),
		container.NewTabItem(lang.L("Compare versions"), diffTab))
	s.content = s.tabs
	s.refresh()
	return s
}

// Content implements screen.Screen.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// HandleDrop imports the first dropped .xlsx or .docx file.
func (s *Screen) HandleDrop(uris []fyne.URI) {
	for _, u := range uris {
		if ext := strings.ToLower(filepath.Ext(u.Path())); ext == ".xlsx" || ext == ".docx" {
			s.Import(u.Path())
			return
		}
	}
}

// Close implements screen.Screen.
func (s *Screen) Close() {}

// Busy implements screen.Screen.
func (s *Screen) Busy() bool { return s.deps.Tasks.Busy() }

// refresh reads the stored catalogs again.
func (s *Screen) refresh() {
	var infos []domain.CatalogInfo
	s.deps.Tasks.Run(func(ctx context.Context) error {
		var err error
		infos, err = s.deps.Catalogs.ListCatalogs(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.problemsL.SetText(kit.ErrorText(err))
			return
		}
		s.stored = infos
		s.storedList.Refresh()
		var refs []string
		for _, c := range s.deps.Builtins {
			refs = append(refs, c.Ref())
		}
		for _, c := range infos {
			if !slices.Contains(refs, c.Ref()) {
				refs = append(refs, c.Ref())
			}
		}
		s.from.SetOptions(refs)
		s.to.SetOptions(refs)
	})
}

// Import reads the table at path with the current column mapping.
func (s *Screen) Import(path string) {
	if path == "" {
		return
	}
	if path != s.path {
		s.opt.Map = map[string]string{}
		s.confirmed = map[string]bool{}
		s.edits, s.edited, s.invalid = map[string]map[string]string{}, map[string]bool{}, map[string]bool{}
		s.catEdits, s.vetoEdits = map[string]map[string]string{}, map[string]vetoEdit{}
	}
	s.path = path
	s.tabs.SelectIndex(1)
	s.fileLabel.SetText(lang.L("Reading {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	s.store.Disable()
	opt := s.opt
	opt.Map = maps(s.opt.Map)
	var res *sheet.Result
	var rerr error
	s.deps.Tasks.Run(func(ctx context.Context) error {
		res, rerr = s.deps.Read(ctx, path, opt)
		return nil
	}, func(error) { s.show(res, rerr) })
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// show shows what reading the table gave.
func (s *Screen) show(res *sheet.Result, err error) {
	s.res = res
	s.problems = domain.ErrorProblems(err)
	s.fileLabel.SetText(filepath.Base(s.path))
	if err != nil && len(s.problems) == 0 {
		s.problemsL.SetText(kit.ErrorText(err))
	} else {
		var lines []string
		for _, p := range s.problems {
			lines = append(lines, "✗ "+message.ProblemText(p))
		}
		if res != nil {
			for _, w := range res.Warnings {
				lines = append(lines, "⚠ "+message.ProblemText(w))
			}
		}
		s.problemsL.SetText(strings.Join(lines, "\n"))
	}
	s.showColumns()
	s.reapply()
	s.rows.UnselectAll()
	s.editor.close()
	s.rows.Refresh()
	s.update()
}

// reapply gives the items of a table read again (another column mapping,
// id or version) the changes the user made in the editor.
func (s *Screen) reapply() {
	s.edited, s.invalid = map[string]bool{}, map[string]bool{}
	c := s.catalog()
	if c == nil {
		return
	}
	for id, cells := range s.edits {
		it := c.Item(id)
		if it == nil {
			continue
		}
		s.edited[id] = true
		got, probs := itemFromCells(s.rowWhere(id), cells, it, true)
		if len(probs) > 0 {
			s.invalid[id] = true
			continue
		}
		*it = *got
	}
	if len(applyVetoes(c, s.vetoEdits, s.fileName())) > 0 {
		s.invalid["vetoes"] = true
	}
	for id, cells := range s.catEdits {
		if cat := c.Category(id); cat != nil && len(applyCategory(cat, filepath.Base(s.path), cells)) > 0 {
			s.invalid["category "+id] = true
		}
	}
}

// fileName is the name of the table read.
func (s *Screen) fileName() string { return filepath.Base(s.path) }

// catalog is the catalog read, nil when there is none.
func (s *Screen) catalog() *domain.Catalog {
	if s.res == nil {
		return nil
	}
	return s.res.Catalog
}

// rowWhere is the cell item id was read from.
func (s *Screen) rowWhere(id string) string {
	if s.res != nil {
		for _, r := range s.res.Rows {
			if r.ItemID == id {
				return r.Where
			}
		}
	}
	return filepath.Base(s.path)
}

// fieldChoices are the choices of a column's field, in sheet.Fields order.
func fieldChoices() []string {
	names := map[string]string{
		sheet.FieldHeading: lang.L("Heading (title)"), sheet.FieldSeq: lang.L("Number (序号)"), sheet.FieldMax: lang.L("Points"),
		sheet.FieldScoring: lang.L("Rule text"), sheet.FieldRequirement: lang.L("Requirement (column)"), sheet.FieldEvidence: lang.L("How it is checked (column)"),
		sheet.FieldLead: lang.L("Lead unit"), sheet.FieldBasis: lang.L("Basis"), sheet.FieldUnit: lang.L("Unit of measure"),
		sheet.FieldAppliesTo: lang.L("Applies to"), sheet.FieldIgnore: lang.L("Leave out"),
	}
	out := make([]string, len(sheet.Fields))
	for i, f := range sheet.Fields {
		out[i] = names[f]
	}
	return out
}

// showColumns shows each named column with the field it is taken for,
// to be changed.
func (s *Screen) showColumns() {
	s.columns.RemoveAll()
	if s.res == nil || s.res.Template {
		return
	}
	if c := s.res.Catalog; c != nil {
		s.id.SetText(c.ID)
		s.version.SetText(c.Version)
	}
	choices := fieldChoices()
	for _, col := range s.res.Columns {
		if col.Header == "" {
			continue
		}
		sel := widget.NewSelect(choices, nil)
		sel.PlaceHolder = lang.L("Unknown: left out")
		if i := slices.Index(sheet.Fields, col.Field); i >= 0 {
			sel.SetSelectedIndex(i)
		}
		header := col.Header
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i >= 0 {
				s.opt.Map[header] = sheet.Fields[i]
				s.Import(s.path)
			}
		}
		s.columns.Add(container.NewVBox(widget.NewLabel(header), sel))
	}
}

func (s *Screen) rowCount() int {
	if s.res == nil {
		return 0
	}
	return len(s.res.Rows)
}

// newRow is a line of the proposals: the item and its proposal, the
// official text below, and a check to confirm a row not understood.
func (s *Screen) newRow() fyne.CanvasObject {
	head := widget.NewLabel("")
	text := widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	ok := widget.NewCheck(lang.L("Score as met / not met"), nil)
	return container.NewBorder(nil, nil, nil, ok, container.NewVBox(head, text))
}

func (s *Screen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := s.res.Rows[i]
	b := o.(*fyne.Container)
	box := b.Objects[0].(*fyne.Container)
	head, text := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	ok := b.Objects[1].(*widget.Check)
	pts := ""
	if s.res.Catalog != nil {
		if it := s.res.Catalog.Item(row.ItemID); it != nil {
			pts = " [" + kit.Number(it.Max) + "]"
		}
	}
	switch {
	case s.invalid[row.ItemID]:
		head.SetText(fmt.Sprintf("✗ %s %s%s → %s", row.ItemID, row.Title, pts, lang.L("changed, does not read yet")))
		ok.Hide()
	case s.edited[row.ItemID]:
		m := domain.Method("")
		if it := s.catalog().Item(row.ItemID); it != nil {
			m = it.Method
		}
		head.SetText(fmt.Sprintf("✎ %s %s%s → %s", row.ItemID, row.Title, pts, lang.L("changed: {{.Method}}", map[string]any{"Method": methodName(m)})))
		ok.Hide()
	case row.Proposal.Known:
		head.SetText(fmt.Sprintf("%s %s%s → %s", row.ItemID, row.Title, pts, methodText(row.Proposal)))
		ok.Hide()
	default:
		head.SetText(fmt.Sprintf("⚠ %s %s%s → %s", row.ItemID, row.Title, pts, lang.L("not understood")))
		ok.OnChanged = nil
		ok.SetChecked(s.confirmed[row.ItemID])
		id := row.ItemID
		ok.OnChanged = func(on bool) { s.confirmed[id] = on; s.update() }
		ok.Show()
	}
	text.SetText(row.Text)
	s.rows.SetItemHeight(i, b.MinSize().Height)
}

// methodText writes a proposal in the user's language, with what the
// text adds to the rule (overflow, no cap, N/A, targets by unit type).
func methodText(p sheet.Proposal) string {
	s := ruleText(p)
	n := kit.Number
	if p.Overflow != nil {
		s += lang.L("; {{.Extra}} more off the category once {{.At}} are lost", map[string]any{"At": n(p.Overflow.At), "Extra": n(p.Overflow.Extra)})
	}
	if p.Uncapped {
		s += lang.L("; no cap of its own")
	}
	for _, m := range p.Multipliers {
		s += lang.L("; {{.Label}}: counts {{.Times}} times", map[string]any{"Label": m.Label, "Times": n(m.Times)})
	}
	if len(p.Targets) > 1 {
		var ts []string
		for _, t := range p.Targets {
			ts = append(ts, t.UnitType+" "+n(t.Target))
		}
		s += lang.L("; targets by unit type: {{.Targets}}", map[string]any{"Targets": strings.Join(ts, "、")})
	}
	if p.NA != "" {
		s += "; " + naName(p.NA)
	}
	return s
}

// ruleText writes a proposal's method and parameters.
func ruleText(p sheet.Proposal) string {
	n := kit.Number
	switch p.Method {
	case domain.MethodDeduct:
		if d := p.Discretion; d != nil {
			return lang.L("deduct {{.Min}}–{{.Max}} per case, as the reviewer judges", map[string]any{"Min": n(d.Min), "Max": n(d.Max)})
		}
		return lang.L("deduct {{.Per}} per case", map[string]any{"Per": n(p.Per)})
	case domain.MethodCount:
		if len(p.Kinds) > 0 {
			var ks []string
			for _, k := range p.Kinds {
				ks = append(ks, k.Label+" "+n(k.Per))
			}
			return lang.L("points per case by kind: {{.Kinds}}", map[string]any{"Kinds": strings.Join(ks, "、")})
		}
		return lang.L("add {{.Per}} per case", map[string]any{"Per": n(p.Per)})
	case domain.MethodCheck:
		return lang.L("met / not met")
	case domain.MethodLevels:
		var ls []string
		for _, l := range p.Levels {
			ls = append(ls, l.Label+" "+n(l.Points))
		}
		return lang.L("levels: {{.Levels}}", map[string]any{"Levels": strings.Join(ls, "、")})
	case domain.MethodNumeric:
		switch {
		case len(p.Piecewise) > 0:
			var ss []string
			for _, sg := range p.Piecewise {
				ss = append(ss, lang.L("below {{.At}}: {{.Per}} off per 1", map[string]any{"At": n(*sg.Below), "Per": n(sg.Per)}))
			}
			return strings.Join(ss, "；")
		case p.Slope != nil:
			s := lang.L("this period − baseline: {{.Points}} at {{.Base}}, {{.Per}} more or less per 1", map[string]any{"Points": n(p.Slope.Points), "Base": n(p.Slope.Base), "Per": n(p.Slope.Per)})
			for _, e := range p.Exact {
				s += lang.L("; exactly {{.Value}}: {{.Points}}", map[string]any{"Value": n(e.Value), "Points": n(e.Points)})
			}
			return s
		case p.Relative != nil:
			return lang.L("{{.Points}} at the group's average, {{.Per}} more or less per 1", map[string]any{"Points": n(p.Relative.Points), "Per": n(p.Relative.Per)})
		case p.Rank != nil && p.Rank.Proportional:
			return lang.L("the first {{.N}} places in proportion to the first's value", map[string]any{"N": p.Rank.Top})
		case p.Rank != nil && p.Rank.Bottom > 0:
			return lang.L("the last {{.N}} places lose {{.Per}}", map[string]any{"N": p.Rank.Bottom, "Per": n(p.Rank.Per)})
		case p.Rank != nil:
			var ps []string
			for _, v := range p.Rank.Points {
				ps = append(ps, n(v))
			}
			return lang.L("by rank: {{.Points}}", map[string]any{"Points": strings.Join(ps, "、")})
		case p.Shortfall != nil:
			return lang.L("target {{.Target}}, {{.Per}} off per {{.Step}} short", map[string]any{"Target": n(p.Shortfall.Target), "Per": n(p.Shortfall.Per), "Step": n(p.Shortfall.Step)})
		case p.Linear != nil:
			return lang.L("in proportion up to {{.Full}}", map[string]any{"Full": n(p.Linear.Full)})
		}
		var bs []string
		for _, b := range p.Bands {
			bs = append(bs, "≥"+n(*b.AtLeast)+" "+n(b.Points))
		}
		return lang.L("bands: {{.Bands}}", map[string]any{"Bands": strings.Join(bs, "、")})
	}
	return string(p.Method)
}

// update enables storing once the table reads and every row not
// understood is confirmed.
func (s *Screen) update() {
	if s.res == nil || s.res.Catalog == nil {
		s.summary.SetText("")
		s.store.Disable()
		s.vetoesBtn.Disable()
		return
	}
	s.vetoesBtn.Enable()
	c := s.res.Catalog
	open := 0
	for _, r := range s.res.Unrecognized() {
		if !s.confirmed[r.ItemID] && !s.edited[r.ItemID] {
			open++
		}
	}
	text := lang.L("{{.Ref}}: {{.Items}} items, {{.Total}} points; {{.Open}} rule texts not understood still to confirm",
		map[string]any{"Ref": c.Ref(), "Items": len(c.Items()), "Total": kit.Number(c.Total), "Open": open})
	bad := len(s.invalid)
	if bad == 0 {
		bad = len(c.Check())
	}
	if bad > 0 {
		text += "\n" + lang.L("{{.N}} problems in the changed rules: the catalog can be stored once they are fixed.", map[string]any{"N": bad})
	}
	s.summary.SetText(text)
	if open == 0 && bad == 0 {
		s.store.Enable()
	} else {
		s.store.Disable()
	}
}

// Store stores the catalog read (all rows understood or confirmed).
func (s *Screen) Store() {
	if s.res == nil || s.res.Catalog == nil {
		return
	}
	c := s.res.Catalog
	if len(s.invalid) > 0 || len(c.Check()) > 0 {
		s.update()
		return // only a catalog that passes Check is stored
	}
	s.store.Disable()
	var info domain.CatalogInfo
	s.deps.Tasks.Run(func(ctx context.Context) error {
		var err error
		info, _, err = s.deps.Catalogs.ImportCatalog(ctx, c)
		return err
	}, func(err error) {
		if err != nil {
			s.problemsL.SetText(kit.ErrorText(err))
			s.update()
			return
		}
		s.summary.SetText(lang.L("Stored {{.Ref}}.", map[string]any{"Ref": info.Ref()}))
		s.refresh()
		if s.deps.OnStored != nil {
			s.deps.OnStored(info)
		}
	})
}

// find returns the catalog ref: built-in, else stored.
func (s *Screen) find(ctx context.Context, ref string) (*domain.Catalog, error) {
	for _, c := range s.deps.Builtins {
		if c.Ref() == ref {
			return c, nil
		}
	}
	return s.deps.Catalogs.FindCatalog(ctx, ref)
}

// Diff shows what changed from catalog a to b.
func (s *Screen) Diff(a, b string) {
	if a == "" || b == "" {
		return
	}
	s.tabs.SelectIndex(2)
	var d domain.CatalogDiff
	s.deps.Tasks.Run(func(ctx context.Context) error {
		ca, err := s.find(ctx, a)
		if err != nil {
			return err
		}
		cb, err := s.find(ctx, b)
		if err != nil {
			return err
		}
		d = domain.DiffCatalogs(ca, cb)
		return nil
	}, func(err error) {
		if err != nil {
			s.diffText.SetText(kit.ErrorText(err))
			return
		}
		s.diffText.SetText(diffText(d))
		s.offerMoves(d)
	})
}

// offerMoves lists the assessments on the earlier version of d, each to
// be moved to the later one.
func (s *Screen) offerMoves(d domain.CatalogDiff) {
	s.movable, s.moveTo = nil, d.To
	s.moveList.Refresh()
	if s.deps.Assessments == nil || s.deps.Migrate == nil || d.From == d.To {
		s.moveText.SetText("")
		return
	}
	var list []domain.AssessmentSummary
	s.deps.Tasks.Run(func(ctx context.Context) error {
		all, err := s.deps.Assessments.ListAssessments(ctx, domain.AssessmentFilter{})
		for _, a := range all {
			if a.CatalogRef() == d.From {
				list = append(list, a)
			}
		}
		return err
	}, func(err error) {
		if err != nil {
			s.moveText.SetText(kit.ErrorText(err))
			return
		}
		s.movable = list
		s.moveList.Refresh()
		s.moveText.SetText(lang.L("Assessments on {{.From}}: {{.N}}. Moving one makes a new draft on {{.To}}; the old one is kept.",
			map[string]any{"From": d.From, "N": len(list), "To": d.To}))
	})
}

// Move makes a new draft of assessment id on the later version shown.
func (s *Screen) Move(id int64) {
	to := s.moveTo
	var (
		na   *domain.Assessment
		plan domain.MigrationPlan
	)
	s.deps.Tasks.Run(func(ctx context.Context) error {
		var err error
		na, plan, err = s.deps.Migrate(ctx, id, to)
		return err
	}, func(err error) {
		if err != nil {
			s.moveText.SetText(kit.ErrorText(err) + "\n" + strings.Join(problemTexts(domain.ErrorProblems(err)), "\n"))
			return
		}
		kept := 0
		for _, c := range plan.Carried {
			if c.Kept {
				kept++
			}
		}
		s.moveText.SetText(lang.L("New draft {{.ID}} on {{.To}}: {{.Kept}} answers carried, {{.Needs}} items need a new answer ({{.Items}}). Notes and evidence were carried.",
			map[string]any{"ID": na.ID, "To": to, "Kept": kept, "Needs": len(plan.NeedsAnswer), "Items": strings.Join(plan.NeedsAnswer, "、")}))
		if s.deps.OnMigrated != nil {
			s.deps.OnMigrated(na)
		}
	})
}

func problemTexts(ps []domain.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = message.ProblemText(p)
	}
	return out
}

// diffText writes a diff for the user.
func diffText(d domain.CatalogDiff) string {
	n := kit.Number
	lines := []string{
		d.From + " → " + d.To,
		lang.L("Items {{.From}} → {{.To}}, total {{.TotalFrom}} → {{.TotalTo}}", map[string]any{"From": d.ItemsFrom, "To": d.ItemsTo, "TotalFrom": n(d.TotalFrom), "TotalTo": n(d.TotalTo)}),
		lang.L("Added {{.Added}}, removed {{.Removed}}, changed {{.Changed}}, unchanged {{.Same}}", map[string]any{"Added": len(d.Added), "Removed": len(d.Removed), "Changed": len(d.Changed), "Same": d.Unchanged}),
	}
	for _, it := range d.Added {
		lines = append(lines, lang.L("Added: {{.ID}} {{.Title}} ({{.Max}} points)", map[string]any{"ID": it.ID, "Title": it.Title, "Max": n(it.Max)}))
	}
	for _, it := range d.Removed {
		lines = append(lines, lang.L("Removed: {{.ID}} {{.Title}} ({{.Max}} points)", map[string]any{"ID": it.ID, "Title": it.Title, "Max": n(it.Max)}))
	}
	for _, c := range d.Changed {
		var what []string
		for _, k := range c.Changes {
			what = append(what, kindText(k, c))
		}
		lines = append(lines, lang.L("Changed: {{.ID}} {{.Title}}: {{.What}}", map[string]any{"ID": c.New.ID, "Title": c.New.Title, "What": strings.Join(what, "；")}))
	}
	return strings.Join(lines, "\n")
}

func kindText(k domain.DiffKind, c domain.ItemChange) string {
	n := kit.Number
	switch k {
	case domain.DiffID:
		return lang.L("was {{.ID}}", map[string]any{"ID": c.Old.ID})
	case domain.DiffTitle:
		return lang.L("renamed from “{{.Title}}”", map[string]any{"Title": c.Old.Title})
	case domain.DiffMax:
		return lang.L("points {{.From}} → {{.To}}", map[string]any{"From": n(c.Old.Max), "To": n(c.New.Max)})
	case domain.DiffMethod:
		return lang.L("scoring method changed")
	case domain.DiffLevels:
		return lang.L("levels changed")
	case domain.DiffParams:
		return lang.L("scoring rule changed")
	case domain.DiffParts:
		return lang.L("parts changed")
	case domain.DiffAppliesTo:
		return lang.L("applies to other unit types")
	case domain.DiffCategory:
		return lang.L("moved to another category")
	case domain.DiffBonus:
		return lang.L("bonus item or not")
	}
	return string(k)
}

// Do implements screen.Scripted: "import" PATH, "map" HEADER=FIELD,
// "confirm" ITEM, "edit" ITEM (open it in the editor), "set" KEY=VALUE
// (a widget of the editor: "method", "rule", "na", "deduct_cap",
// "bonus_cap" or a template key such as "per"), "vetoes" (show them in the
// editor), "veto" ID=EFFECT [POINTS], "reset" (the item edited back to
// its proposal), "store", "diff" A|B, "move" ID.
func (s *Screen) Do(action, arg string) error {
	switch action {
	case "import":
		s.Import(arg)
	case "map":
		k, v, _ := strings.Cut(arg, "=")
		s.opt.Map[k] = v
		s.Import(s.path)
	case "confirm":
		s.confirmed[arg] = true
		s.rows.Refresh()
		s.update()
	case "store":
		s.Store()
	case "edit":
		s.editor.Open(arg)
	case "reset":
		s.editor.Reset()
	case "vetoes":
		s.editor.OpenVetoes()
	case "veto":
		return s.editor.setVeto(arg)
	case "set":
		k, v, _ := strings.Cut(arg, "=")
		return s.editor.set(k, v)
	case "diff":
		a, b, _ := strings.Cut(arg, "|")
		s.Diff(a, b)
	case "move":
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return fmt.Errorf("catalogs: move %q: %w", arg, err)
		}
		s.Move(id)
	default:
		return screen.UnknownAction("catalogs", action, "import", "map", "confirm", "edit", "set", "reset", "vetoes", "veto", "store", "diff", "move")
	}
	return nil
}
