package sheet

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// Limits of what is read.
const (
	MaxFileSize = 32 << 20  // bytes of a .xlsx or .docx file
	maxUnzipped = 128 << 20 // bytes of its unpacked parts
	maxRows     = 20000
	maxColumns  = 64
	headerRows  = 20 // the column names are in the first rows
)

// Problem codes of the spreadsheet reader, with the names of their Args.
// Each problem's File is "file!sheet!cell" (or "file!sheet").
const (
	ProbNotWorkbook   = "sheet.not_workbook"   // reason: the file is not a readable .xlsx/.docx
	ProbNoTable       = "sheet.no_table"       // a document without a table
	ProbNoHeader      = "sheet.no_header"      // rows: no row names the columns
	ProbNoHeading     = "sheet.no_heading"     // no column holds the items' titles
	ProbUnknownColumn = "sheet.unknown_column" // header: a column Pingce does not know (left out)
	ProbMapColumn     = "sheet.map_no_column"  // header: --map names a column the table lacks
	ProbMapField      = "sheet.map_bad_field"  // header, field, fields: --map names a field Pingce lacks
	ProbNotNumber     = "sheet.not_a_number"   // value: points that are not a number
	ProbNoPoints      = "sheet.no_points"      // an item without points in its column or its text
	ProbGroupPoints   = "sheet.group_points"   // points, sum: points over several items that do not add up
	ProbNoItems       = "sheet.no_items"       // the table holds no item
	ProbTooManyRows   = "sheet.too_many_rows"  // limit
	ProbDefaultGrades = "sheet.default_grades" // grades: the table names no grades, these were used
	ProbDefaultVeto   = "sheet.default_veto"   // grade: the veto grade was not named, this was used
	ProbTemplate      = "sheet.template_value" // key, value: a template cell Pingce cannot read
	ProbTemplateSheet = "sheet.template_sheet" // sheet: a template sheet is missing
	ProbTemplateRef   = "sheet.template_ref"   // key, id: a template row names an unknown id

	// Warnings of rule texts not understood, one per Reason.
	ProbRuleEmpty    = "sheet.rule_empty"
	ProbRuleVague    = "sheet.rule_vague"
	ProbRuleRange    = "sheet.rule_range"
	ProbRuleMixed    = "sheet.rule_mixed"
	ProbRuleUnknown  = "sheet.rule_unknown"
	ProbRuleConflict = "sheet.rule_conflict"
)

// Options say how to read a table. Zero values take the defaults.
type Options struct {
	// Map maps column names to fields (--map 列名=field), over the
	// synonyms Pingce knows. Field "ignore" leaves a column out.
	Map map[string]string
	// ID, Version and Title of the catalog. Defaults: the file name
	// (letters and digits), "1", and the title row above the table.
	ID, Version, Title string
	// Source is the catalog's provenance; default: the file name.
	Source string
}

// Result is what was read: the catalog (nil when there are problems), the
// columns and how they were taken, each item's rule text and proposal,
// and warnings that do not stop the import (unknown columns, rule texts
// not understood, default grades).
type Result struct {
	Catalog  *domain.Catalog
	Columns  []Column
	Rows     []Row
	Warnings []domain.Problem
	// Template is true when the file was Pingce's own template.
	Template bool
}

// Unrecognized returns the rows whose rule text was not understood.
func (r *Result) Unrecognized() []Row {
	var out []Row
	for _, row := range r.Rows {
		if !row.Proposal.Known {
			out = append(out, row)
		}
	}
	return out
}

// ReadFile reads a catalog from a .xlsx or .docx file, through the size
// limit. See Read.
func ReadFile(ctx context.Context, path string, opt Options) (*Result, error) {
	data, err := userfile.ReadFile(ctx, "spreadsheet", path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Read(ctx, filepath.Base(path), data, opt)
}

// Read reads a catalog from the bytes of a .xlsx file (or a .docx file,
// told by its name), either Pingce's template or an official table.
// The error is a *domain.Error EINVALID whose Problems list everything
// wrong, each as file!sheet!cell; the Result then still holds what was
// read, for a preview, with a nil Catalog.
func Read(ctx context.Context, name string, data []byte, opt Options) (*Result, error) {
	if int64(len(data)) > MaxFileSize {
		return nil, userfile.TooLarge("spreadsheet", name, MaxFileSize)
	}
	base := filepath.Base(name)
	var grids []*grid
	if strings.EqualFold(filepath.Ext(name), ".docx") {
		gs, err := docxGrids(ctx, base, data)
		if err != nil {
			return nil, err
		}
		grids = gs
	} else {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
		if err != nil {
			return nil, notWorkbook(base, err)
		}
		defer f.Close()
		if isTemplate(f) {
			return readTemplate(ctx, base, f)
		}
		gs, err := workbookGrids(ctx, base, f)
		if err != nil {
			return nil, err
		}
		grids = gs
	}
	return readGrids(base, grids, opt)
}

func notWorkbook(name string, err error) error {
	p := domain.NewProblem(ProbNotWorkbook, "the file cannot be read as a workbook (.xlsx): {reason}", "reason", err.Error())
	p.File = name
	return &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s: not a readable workbook", name), Problems: []domain.Problem{p}}
}

// workbookGrids reads every worksheet as a grid.
func workbookGrids(ctx context.Context, name string, f *excelize.File) ([]*grid, error) {
	var out []*grid
	for _, sh := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: false})
		if err != nil {
			return nil, notWorkbook(name, err)
		}
		g := &grid{file: name, sheet: sh, rows: rows}
		if len(rows) > maxRows {
			return nil, tooLarge(g, maxRows)
		}
		for i, r := range rows {
			if len(r) > maxColumns {
				rows[i] = r[:maxColumns]
			}
		}
		mcs, err := f.GetMergeCells(sh)
		if err != nil {
			return nil, notWorkbook(name, err)
		}
		merges := make([][2]string, 0, len(mcs))
		for _, m := range mcs {
			merges = append(merges, [2]string{m.GetStartAxis(), m.GetEndAxis()})
		}
		g.spread(merges)
		out = append(out, g)
	}
	return out, nil
}

func tooLarge(g *grid, limit int) error {
	p := domain.NewProblem(ProbTooManyRows, "the sheet has more rows than Pingce reads ({limit})", "limit", strconv.Itoa(limit))
	p.File = g.where(-1, -1)
	return &domain.Error{Code: domain.ETOOLARGE, Message: p.String(), Problems: []domain.Problem{p}}
}

// readGrids reads the first grid that has a header row.
func readGrids(name string, grids []*grid, opt Options) (*Result, error) {
	for _, g := range grids {
		if h, from, cols := findHeader(g, opt); h >= 0 {
			return readOfficial(name, g, h, from, cols, opt)
		}
	}
	p := domain.NewProblem(ProbNoHeader, "no row in the first {rows} names the table's columns (序号, 一级指标, 分值, 评分标准 …)", "rows", strconv.Itoa(headerRows))
	p.File = name
	if len(grids) > 0 {
		p.File = grids[0].where(-1, -1)
	}
	return &Result{}, &domain.Error{Code: domain.EINVALID, Message: p.String(), Problems: []domain.Problem{p}}
}

// findHeader finds the row naming the columns: the first with a heading
// and at least one more known column. A name merged over two rows
// ("指标" over "一级指标 二级指标") takes the names of the row below.
func findHeader(g *grid, opt Options) (header, dataFrom int, cols []Column) {
	mapped := map[string]string{}
	for k, v := range opt.Map {
		mapped[headerKey(k)] = v
	}
	field := func(s string) (string, bool) {
		if f, ok := mapped[headerKey(s)]; ok {
			return f, true
		}
		return fieldOf(s), false
	}
	for r := 0; r < min(len(g.rows), headerRows); r++ {
		known, heading := 0, false
		for _, s := range g.rows[r] {
			if f, _ := field(s); f != "" {
				known++
				heading = heading || f == FieldHeading
			}
		}
		if known < 2 || !heading {
			continue
		}
		two := false
		width := len(g.rows[r])
		if r+1 < len(g.rows) {
			width = max(width, len(g.rows[r+1]))
		}
		cols = make([]Column, width)
		for c := range width {
			s := clean(g.cell(r, c))
			at := g.where(r, c)
			// The row below names the columns a merged name spans.
			if below := clean(g.cell(r+1, c)); below != "" && below != s {
				if f, _ := field(below); f != "" && (s == "" || g.across(r, c)) {
					s, at, two = below, g.where(r+1, c), true
				}
			}
			f, m := field(s)
			cols[c] = Column{Where: at, Header: s, Field: f, Mapped: m}
		}
		// Merged names repeat over their columns: keep the first.
		for c := 1; c < width; c++ {
			if cols[c].Header != "" && cols[c].Header == cols[c-1].Header && cols[c].Field != FieldHeading {
				cols[c].Field, cols[c].Header = FieldIgnore, ""
			}
		}
		dataFrom = r + 1
		if two {
			dataFrom = r + 2
		}
		return r, dataFrom, cols
	}
	return -1, 0, nil
}

// readOfficial reads an official table whose columns are cols.
func readOfficial(name string, g *grid, header, from int, cols []Column, opt Options) (*Result, error) {
	res := &Result{Columns: cols}
	t := &tableReader{g: g, opt: opt, res: res, cols: cols, leafMax: -1, headMax: map[int]int{},
		one: map[string]int{}, groups: map[pos]*group{}, at: map[any]string{}, fields: map[any]map[string]string{}}
	for c, col := range cols {
		switch col.Field {
		case FieldHeading:
			t.headings = append(t.headings, c)
		case FieldMax:
			t.maxCols = append(t.maxCols, c)
		case "":
			if col.Header != "" {
				p := domain.NewProblem(ProbUnknownColumn, "the column {header:q} is not one Pingce knows: it is left out (name its field with --map)", "header", col.Header)
				p.File = col.Where
				t.warns = append(t.warns, p)
			}
		default:
			if _, ok := t.one[col.Field]; !ok {
				t.one[col.Field] = c
			}
		}
	}
	for k, v := range opt.Map {
		if !slices.Contains(Fields, v) {
			p := domain.NewProblem(ProbMapField, "--map {header}={field}: there is no field {field:q}; fields are {fields}", "header", k, "field", v, "fields", strings.Join(Fields, ", "))
			p.File = g.where(-1, -1)
			t.probs = append(t.probs, p)
		}
		if !slices.ContainsFunc(cols, func(c Column) bool { return headerKey(c.Header) == headerKey(k) }) {
			p := domain.NewProblem(ProbMapColumn, "--map names the column {header:q}, which the table does not have", "header", k)
			p.File = g.where(header, 0)
			t.probs = append(t.probs, p)
		}
	}
	if len(t.headings) == 0 {
		p := domain.NewProblem(ProbNoHeading, "no column holds the items' titles (一级指标, 项目, 考评内容 …)")
		p.File = g.where(header, 0)
		t.probs = append(t.probs, p)
		return res, refuse(name, t.probs)
	}
	// A points column belongs to the heading on its left, unless it is
	// right of the last heading: then it gives the items' points.
	lastHeading := t.headings[len(t.headings)-1]
	for _, c := range t.maxCols {
		if c > lastHeading {
			if t.leafMax < 0 {
				t.leafMax = c
			}
			continue
		}
		for k := len(t.headings) - 1; k >= 0; k-- {
			if t.headings[k] < c {
				t.headMax[k] = c
				break
			}
		}
	}
	t.cat = &domain.Catalog{ID: opt.ID, Version: opt.Version, Title: opt.Title, Source: opt.Source}
	if t.cat.Title == "" {
		t.cat.Title = titleAbove(g, header)
	}
	if t.cat.Title == "" {
		t.cat.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	if t.cat.ID == "" {
		t.cat.ID = idFromName(name)
	}
	if t.cat.Version == "" {
		t.cat.Version = "1"
	}
	if t.cat.Source == "" {
		t.cat.Source = name
	}
	for r := from; r < len(g.rows); r++ {
		t.row(r)
	}
	t.finish()
	res.Warnings = t.warns
	if len(t.probs) > 0 {
		return res, refuse(name, t.probs)
	}
	res.Catalog = t.cat
	return res, nil
}

// refuse returns the EINVALID error of problems.
func refuse(name string, ps []domain.Problem) error {
	return &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s: %d problem(s)", name, len(ps)), Problems: ps}
}

// titleAbove returns the title row above the header: its longest text.
func titleAbove(g *grid, header int) string {
	for r := range header {
		if s := firstText(g.rows[r]); s != "" {
			return s
		}
	}
	return ""
}

// idFromName makes a catalog id of a file name: its ASCII letters and
// digits, lower case, or "imported".
func idFromName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name))) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == '_' || r == ' ' || r == '.':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" && domain.ValidCatalogID(s) {
		return s
	}
	return "imported"
}

// finish gives each item its points and method, the catalog its total,
// grades and veto grade, and runs Catalog.Check.
func (t *tableReader) finish() {
	c := t.cat
	for o, gr := range t.groups {
		if len(gr.items) == 1 && gr.items[0].Max == 0 {
			gr.items[0].Max = gr.points
			delete(t.groups, o)
		}
	}
	for i := range t.res.Rows {
		row := &t.res.Rows[i]
		it := c.Item(row.ItemID)
		if it == nil {
			continue
		}
		p := &row.Proposal
		if p.Known && p.Uncapped {
			// Without a cap in the text or points in their column, a bonus
			// counted per case is bounded by the bonus caps only; its
			// max is then what one case gives.
			if it.Max != 0 || !it.Bonus {
				p.Uncapped = false
			} else {
				p.Max = p.Per
			}
		}
		if it.Max == 0 && p.Known && p.Max > 0 {
			it.Max = p.Max
		}
		if it.Max == 0 && slices.ContainsFunc(t.probs, func(p domain.Problem) bool { return p.ItemID == it.ID }) {
			continue // its points are not a number: said already
		}
		if it.Max == 0 {
			where := t.fields[it]["max"]
			if where == "" {
				where = row.Where
			}
			t.probs = append(t.probs, t.problem(where, it.ID, ProbNoPoints, "the item has no points: neither its points column nor its rule text gives them"))
			continue
		}
		p.fits(it.Max)
		if p.Known {
			p.Apply(it)
		} else {
			it.Method = domain.MethodCheck // a stand-in the user must confirm; reported below
			where := t.fields[it]["scoring"]
			if where == "" {
				where = row.Where
			}
			w := t.problem(where, it.ID, "sheet.rule_"+p.Reason, "the rule text was not understood ("+p.Reason+"): scored as met / not met for now; choose the method")
			t.warns = append(t.warns, w)
		}
	}
	for _, gr := range t.groups {
		sum := 0.0
		for _, it := range gr.items {
			sum += it.Max
		}
		if math.Abs(sum-gr.points) > 1e-9 {
			t.warns = append(t.warns, t.problem(gr.where, "", ProbGroupPoints, "the points {points} are merged over items whose points add up to {sum}", "points", domain.CheckNumber(gr.points), "sum", domain.CheckNumber(sum)))
		}
	}
	t.headingSums(t.top)
	t.deductCaps(c.Categories)
	if len(c.Items()) == 0 {
		t.probs = append(t.probs, t.problem(t.g.where(-1, -1), "", ProbNoItems, "the table holds no item"))
		return
	}
	sum := 0.0
	for _, it := range c.Items() {
		if !it.Bonus {
			sum += it.Max
		}
	}
	c.Total = round2(sum)
	if t.totalAt != "" {
		c.Total = t.total
		t.at[c] = t.totalAt
	}
	if len(c.Grades) == 0 && c.Total > 0 {
		c.Grades = defaultGrades(c.Total)
		names := make([]string, len(c.Grades))
		for i, g := range c.Grades {
			names[i] = g.Grade + "≥" + domain.CheckNumber(g.Min)
		}
		t.warns = append(t.warns, t.problem(t.g.where(-1, -1), "", ProbDefaultGrades, "the table names no grades: {grades} are used; change them in the template if they differ", "grades", strings.Join(names, "、")))
	}
	if len(c.Vetoes) > 0 && c.VetoGrade == "" {
		c.VetoGrade = "不予通过"
		t.warns = append(t.warns, t.problem(t.g.where(-1, -1), "", ProbDefaultVeto, "the table does not say what a triggered veto gives: {grade:q} is used", "grade", c.VetoGrade))
	}
	for i := range c.Vetoes {
		t.at[&c.Vetoes[i]] = t.vetoAt[i]
	}
	told := map[string]bool{}
	for _, p := range t.probs {
		told[p.ItemID] = p.ItemID != ""
	}
	for _, f := range c.Check() {
		p := f.Problem
		if id, _, _ := strings.Cut(p.ItemID, "."); told[p.ItemID] || told[id] {
			continue // one problem of an item is enough: its points are missing
		}
		switch f.Elem.(type) {
		case *domain.Catalog, *domain.GradeBand:
			if len(told) > 0 {
				continue // the total and the grades follow from points not read
			}
		}
		p.File = t.findingWhere(f)
		t.probs = append(t.probs, p)
	}
}

// deductCaps keeps a heading's deduction budget ("本项限扣5分") only where
// the category holds deduct items itself.
func (t *tableReader) deductCaps(cs []*domain.Category) {
	for _, cat := range cs {
		t.deductCaps(cat.Categories)
		if cat.DeductCap != nil && !slices.ContainsFunc(cat.Items, func(it *domain.Item) bool { return it.Method == domain.MethodDeduct }) {
			cat.DeductCap = nil
		}
	}
}

// headingSums warns where a heading's own points differ from its items'.
func (t *tableReader) headingSums(ns []*node) {
	for _, n := range ns {
		t.headingSums(n.subs)
		if math.IsNaN(n.points) {
			continue
		}
		sum := 0.0
		var add func(cat *domain.Category)
		add = func(cat *domain.Category) {
			for _, it := range cat.Items {
				sum += it.Max
			}
			for _, s := range cat.Categories {
				add(s)
			}
		}
		add(n.cat)
		if math.Abs(sum-n.points) > 1e-9 && !n.cat.Bonus {
			t.warns = append(t.warns, t.problem(n.pointsAt, "", ProbGroupPoints, "the points {points} are merged over items whose points add up to {sum}", "points", domain.CheckNumber(n.points), "sum", domain.CheckNumber(sum)))
		}
	}
}

// findingWhere places a finding of Check at its cell.
func (t *tableReader) findingWhere(f domain.CatalogFinding) string {
	if m := t.fields[f.Elem]; m != nil {
		if w := m[f.Field]; w != "" {
			return w
		}
	}
	if w := t.at[f.Elem]; w != "" {
		return w
	}
	if it := t.cat.Item(f.ItemID); it != nil && t.at[it] != "" {
		return t.at[it]
	}
	return t.g.where(-1, -1)
}

// problem returns a problem at where (file!sheet!cell) about item.
func (t *tableReader) problem(where, item, code, format string, kv ...string) domain.Problem {
	p := domain.NewProblem(code, format, kv...)
	p.File, p.ItemID = where, item
	return p
}

// defaultGrades are the grades of a table that names none: 90 %, 80 %
// and 70 % of the total (the grades of the built-in catalogs).
func defaultGrades(total float64) []domain.GradeBand {
	return []domain.GradeBand{
		{Min: round2(total * 0.9), Grade: "优秀"},
		{Min: round2(total * 0.8), Grade: "良好"},
		{Min: round2(total * 0.7), Grade: "合格"},
		{Min: 0, Grade: "不合格"},
	}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
