package sheet

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// The sheets of Pingce's catalog template (docs/formats.md §7).
const (
	SheetCatalog    = "目录"
	SheetCategories = "类目"
	SheetItems      = "指标"
	SheetGrades     = "等次"
	SheetItemGrades = "逐项等次"
	SheetCaps       = "封顶"
	SheetVetoes     = "否决"
	SheetByUnitType = "按单位类型"
	sheetHelp       = "说明"
)

// column is a column of a template sheet: its key (the format's word)
// and its Chinese name; the header cell reads "名称 (key)".
type column struct{ key, name string }

var (
	catalogKeys = []column{{"format", "格式"}, {"id", "目录编号"}, {"version", "版本"}, {"title", "名称"},
		{"source", "来源"}, {"total", "总分"}, {"unit_types", "单位类型"}, {"veto_grade", "否决后等次"},
		{"bonus_cap", "加分上限"}}
	categoryCols = []column{{"id", "编号"}, {"parent", "上级类目"}, {"title", "名称"}, {"bonus", "加分项"}}
	// ruleCols are the rule columns of the first template (bands, linear,
	// shortfall), in the 指标 sheet after levels and in 按单位类型.
	ruleCols = []column{{"bands", "分段（≥值=分值，每行一段）"},
		{"linear_zero", "线性：零分值"}, {"linear_full", "线性：满分值"}, {"shortfall_target", "差距：目标值"},
		{"shortfall_step", "差距：步长"}, {"shortfall_per", "差距：每步扣分"}, {"lower_is_better", "越低越好"},
		{"whole_steps", "按整步计"}}
	itemCols = slices.Concat([]column{{"category", "所属类目"}, {"id", "编号"}, {"part_of", "所属组合指标"}, {"title", "指标名称"},
		{"max", "分值"}, {"method", "计分方法"}, {"levels", "档次（名称=分值，每行一档）"}}, ruleCols, []column{
		{"change", "按同比变化"}, {"per", "每次分值"}, {"floor", "最低分"},
		{"zero_at", "计零次数"}, {"requirement", "考核要求"}, {"evidence", "考核方式"},
		{"evidence_required", "须附佐证"}, {"applies_to", "适用单位"}, {"scoring", "评分标准原文"},
		{"basis", "依据"}, {"lead", "牵头单位"}, {"unit", "计量单位"}})
	gradeCols     = []column{{"min", "最低分"}, {"grade", "等次"}}
	itemGradeCols = []column{{"category", "类目（空为全部）"}, {"min_ratio", "得分率下限"}, {"grade", "等次"}}
	capCols       = []column{{"kind", "条件"}, {"value", "值"}, {"max_grade", "最高等次"}}
	vetoCols      = []column{{"id", "编号"}, {"title", "内容"}}
)

// shape adds the columns of format keys that came later (issue 15) to a
// sheet of the template: what an element writes into them, by key, and
// how a row's cells are read back into the element (a *domain.Item for
// SheetItems and sheetRule, *domain.Category, *domain.GradeBand,
// *domain.Cap, *domain.Veto for theirs). Old templates lack the columns:
// their cells read as empty, which is what the element had then.
type shape struct {
	sheet string
	cols  []column
	write func(elem any, cells map[string]any)
	read  func(tr *templateReader, w string, row tableRow, elem any)
}

// sheetRule names the rule columns a numeric item and its rules by unit
// type share (SheetItems and SheetByUnitType).
const sheetRule = "rule"

// shapes are the registered shapes, in the order of their columns.
var shapes []shape

// shapesOf returns the shapes of a sheet.
func shapesOf(sheet string) []shape {
	var out []shape
	for _, sh := range shapes {
		if sh.sheet == sheet {
			out = append(out, sh)
		}
	}
	return out
}

// sheetCols returns the columns of a template sheet: its own, then the
// shapes'.
func sheetCols(sheet string) []column {
	var cols []column
	switch sheet {
	case SheetItems:
		cols = slices.Clone(itemCols)
		for _, sh := range shapesOf(sheetRule) {
			cols = append(cols, sh.cols...)
		}
	case SheetByUnitType:
		cols = append([]column{{"item", "指标编号"}, {"unit_type", "单位类型"}}, ruleCols...)
		for _, sh := range shapesOf(sheetRule) {
			cols = append(cols, sh.cols...)
		}
		return cols
	case SheetCategories:
		cols = slices.Clone(categoryCols)
	case SheetGrades:
		cols = slices.Clone(gradeCols)
	case SheetCaps:
		cols = slices.Clone(capCols)
	case SheetVetoes:
		cols = slices.Clone(vetoCols)
	}
	for _, sh := range shapesOf(sheet) {
		cols = append(cols, sh.cols...)
	}
	return cols
}

// naChoices are the N/A treatments the 指标 sheet offers (Item.NA).
var naChoices = []string{domain.NAExclude, domain.NAFull}

// capKinds read the cap kinds beyond category_ratio_below and item_lost
// from the 封顶 sheet's value cell, by kind.
var capKinds = map[string]func(cp *domain.Cap, value string){}

// capKindNames returns the kinds of capKinds, sorted.
func capKindNames() []string {
	var out []string
	for k := range capKinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// isTemplate reports whether the workbook is Pingce's template.
func isTemplate(f *excelize.File) bool {
	v, err := f.GetCellValue(SheetCatalog, "B2")
	return err == nil && v == domain.CatalogFormat
}

// header writes a column's header cell.
func (c column) header() string { return c.name + " (" + c.key + ")" }

// reKey finds the key of a header cell: "分值 (max)" → max.
var reKey = regexp.MustCompile(`\(([a-z_]+)\)\s*$`)

// WriteTemplate writes catalog c as Pingce's template; a nil c writes a
// small example to start from. Importing the file back with Read gives
// the same catalog: WriteTemplate reads what it wrote and compares, and
// refuses (EINVALID, nothing written) a catalog that uses something the
// template cannot hold.
func WriteTemplate(w io.Writer, c *domain.Catalog) error {
	if c == nil {
		c = exampleCatalog()
	}
	var buf bytes.Buffer
	if err := writeTemplate(&buf, c); err != nil {
		return err
	}
	want, err := catalog.Marshal(c)
	if err != nil {
		return err
	}
	res, err := Read(context.Background(), "template.xlsx", buf.Bytes(), Options{})
	var got []byte
	if err == nil {
		got, err = catalog.Marshal(res.Catalog)
	}
	if err != nil || !bytes.Equal(got, want) {
		return domain.Errorf(domain.EINVALID, "catalog %s uses what the template cannot hold yet (%s): write it as YAML with pingce catalog export", c.Ref(), lostLine(want, got, err))
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// lostLine names the first line of the catalog's YAML that the template
// gave back otherwise.
func lostLine(want, got []byte, err error) string {
	if err != nil {
		return err.Error()
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i, l := range wl {
		if i >= len(gl) || gl[i] != l {
			return strings.TrimSpace(l)
		}
	}
	return "?"
}

// writeTemplate writes c as the template.
func writeTemplate(w io.Writer, c *domain.Catalog) error {
	f := excelize.NewFile()
	defer f.Close()
	tw := &templateWriter{f: f}
	tw.sheet(sheetHelp, nil)
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	tw.help()
	tw.catalog(c)
	tw.categories(c)
	tw.items(c)
	tw.sheet(SheetGrades, sheetCols(SheetGrades))
	for i := range c.Grades {
		g := &c.Grades[i]
		cells := map[string]any{"min": g.Min, "grade": g.Grade}
		tw.shaped(SheetGrades, g, cells)
	}
	tw.sheet(SheetItemGrades, itemGradeCols)
	for _, g := range c.ItemGrades {
		tw.row(SheetItemGrades, "", g.MinRatio, g.Grade)
	}
	var walk func(cs []*domain.Category)
	walk = func(cs []*domain.Category) {
		for _, cat := range cs {
			for _, g := range cat.ItemGrades {
				tw.row(SheetItemGrades, cat.ID, g.MinRatio, g.Grade)
			}
			walk(cat.Categories)
		}
	}
	walk(c.Categories)
	tw.sheet(SheetCaps, sheetCols(SheetCaps))
	for i := range c.Caps {
		cp := &c.Caps[i]
		cells := map[string]any{"kind": "item_lost", "value": cp.ItemLost, "max_grade": cp.MaxGrade}
		if cp.CategoryRatioBelow != nil {
			cells["kind"], cells["value"] = "category_ratio_below", *cp.CategoryRatioBelow
		}
		tw.shaped(SheetCaps, cp, cells)
	}
	tw.dropDown(SheetCaps, "A", append([]string{"category_ratio_below", "item_lost"}, capKindNames()...))
	tw.sheet(SheetVetoes, sheetCols(SheetVetoes))
	for i := range c.Vetoes {
		v := &c.Vetoes[i]
		cells := map[string]any{"id": v.ID, "title": v.Title}
		tw.shaped(SheetVetoes, v, cells)
	}
	tw.dropDownAt(SheetVetoes, sheetCols(SheetVetoes), "effect", domain.VetoEffects)
	tw.byUnitType(c)
	if tw.err != nil {
		return tw.err
	}
	f.SetActiveSheet(2)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// templateWriter writes the sheets of a template, keeping the first error.
type templateWriter struct {
	f    *excelize.File
	next map[string]int // next row of each sheet
	err  error
}

func (tw *templateWriter) fail(err error) {
	if err != nil && tw.err == nil {
		tw.err = fmt.Errorf("template: %w", err)
	}
}

// sheet adds a sheet with its header row, bold and frozen.
func (tw *templateWriter) sheet(name string, cols []column) {
	if tw.next == nil {
		tw.next = map[string]int{}
	}
	_, err := tw.f.NewSheet(name)
	tw.fail(err)
	tw.next[name] = 1
	if cols == nil {
		return
	}
	hs := make([]any, len(cols))
	for i, c := range cols {
		hs[i] = c.header()
	}
	tw.row(name, hs...)
	style, err := tw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	tw.fail(err)
	last, _ := excelize.ColumnNumberToName(len(cols))
	tw.fail(tw.f.SetCellStyle(name, "A1", last+"1", style))
	tw.fail(tw.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	tw.fail(tw.f.SetColWidth(name, "A", last, 14))
}

// row writes the next row of a sheet: strings as text, numbers as numbers,
// bools as 是 or nothing.
func (tw *templateWriter) row(sheet string, vals ...any) {
	r := tw.next[sheet]
	tw.next[sheet] = r + 1
	for i, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		switch v := v.(type) {
		case string:
			if v != "" {
				tw.fail(tw.f.SetCellStr(sheet, cell, v))
			}
		case float64:
			tw.fail(tw.f.SetCellFloat(sheet, cell, v, -1, 64))
		case *float64:
			if v != nil {
				tw.fail(tw.f.SetCellFloat(sheet, cell, *v, -1, 64))
			}
		case bool:
			if v {
				tw.fail(tw.f.SetCellStr(sheet, cell, "是"))
			}
		case nil:
		default:
			tw.fail(fmt.Errorf("cell %s!%s: %T", sheet, cell, v))
		}
	}
}

// shaped writes the next row of a sheet for elem: its cells by column
// key, with the shapes' cells added.
func (tw *templateWriter) shaped(sheet string, elem any, cells map[string]any) {
	for _, sh := range shapesOf(sheet) {
		sh.write(elem, cells)
	}
	tw.rowOf(sheet, sheetCols(sheet), cells)
}

// rowOf writes the next row of a sheet from its cells by column key.
func (tw *templateWriter) rowOf(sheet string, cols []column, cells map[string]any) {
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = cells[c.key]
	}
	tw.row(sheet, vals...)
}

// dropDownAt offers the choices in the column of key (when the sheet has it).
func (tw *templateWriter) dropDownAt(sheet string, cols []column, key string, choices []string) {
	if i := slices.IndexFunc(cols, func(c column) bool { return c.key == key }); i >= 0 {
		name, _ := excelize.ColumnNumberToName(i + 1)
		tw.dropDown(sheet, name, choices)
	}
}

// dropDown offers the choices in column col of a sheet.
func (tw *templateWriter) dropDown(sheet, col string, choices []string) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(col + "2:" + col + "5000")
	tw.fail(dv.SetDropList(choices))
	tw.fail(tw.f.AddDataValidation(sheet, dv))
}

func (tw *templateWriter) help() {
	lines := []string{
		"评测通（Pingce）指标模板",
		"“目录”写目录的编号、版本、名称、总分等；“类目”每行一个类目（上级类目为空即一级类目）；",
		"“指标”每行一个指标：所属类目填类目编号；计分方法从下拉列表选择：check 达到/未达到、levels 档次、numeric 数值、deduct 扣分、count 计次；",
		"levels 在“档次”一栏每行写“名称=分值”，第一档为满分；numeric 填“分段”（每行“≥98=30”）、“线性”或“差距”中的一种；",
		"deduct 填“每次分值”（每次扣分），可填“最低分”“计零次数”；count 填“每次分值”（每次加分）；",
		"组合指标：本行不填计分方法，各部分各占一行，“所属组合指标”填本指标编号；",
		"多个值（考核方式、适用单位、单位类型）用“、”或换行分隔；“是”表示是，空表示否。",
		"“等次”“逐项等次”“封顶”“否决”各一张表；加分上限写在“目录”。",
		"类目可填“本项限扣”（类目内扣分项合计最多扣N分）、“本类加分上限”；否决可选效果（grade 定为否决等次、zero 记0分、no_top 不得最高等次、deduct 扣“扣分”栏的分）；",
		"numeric 还可填“分段扣分”（每行“<96=0.25”：低于96每低1扣0.25分）或“基数”（基数值、基数得分、每差1增减）；“按差值计”以本期−基期计分；“固定值”每行“0=8”：恰为0时得8分；",
		"deduct 可填“追加扣分”（扣满N分再扣M分，从所属类目扣）；加分项 count 可选“加分不设本项上限”；“不适用时”选 full 则不适用按满分计；",
		"同一指标按单位类型设不同标准：在“按单位类型”表每行写指标编号、单位类型和该类型的计分规则。",
		"count/deduct 可填“分类计次”（每行“main:主要领导出席=1”，代替每次分值）、“加倍情形”（每行“double:重大安保期间=2”）；deduct 可填“酌情”每次最少/最多扣分，由审核人员在范围内确定；",
		"需要全市汇总的规则：numeric 可填“同类平均”（达到平均得分、每差1增减）或“排名”（依次得分如“60、57、54”，或按第1名比例、前几名，或末几位扣分）；“不适用时”可选 average 按同类平均分；",
		"“等次”可填必备指标（须满分）和比例上限（如0.25）；“封顶”条件可选 below_average（值填指标编号：低于同类平均值的最高等次）；否决效果还可选 lowest 定为最低等次。",
		"导入：pingce catalog import 本文件.xlsx -o catalog.yaml",
	}
	for _, l := range lines {
		tw.row(sheetHelp, l)
	}
	tw.fail(tw.f.SetColWidth(sheetHelp, "A", "A", 120))
}

func (tw *templateWriter) catalog(c *domain.Catalog) {
	tw.sheet(SheetCatalog, []column{{"field", "字段"}, {"value", "值"}})
	vals := map[string]any{"format": domain.CatalogFormat, "id": c.ID, "version": c.Version, "title": c.Title,
		"source": c.Source, "total": c.Total, "unit_types": joinList(c.UnitTypes), "veto_grade": c.VetoGrade,
		"bonus_cap": c.BonusCap}
	for _, k := range catalogKeys {
		tw.row(SheetCatalog, k.header(), vals[k.key])
	}
	tw.fail(tw.f.SetColWidth(SheetCatalog, "A", "A", 20))
	tw.fail(tw.f.SetColWidth(SheetCatalog, "B", "B", 60))
}

func (tw *templateWriter) categories(c *domain.Catalog) {
	tw.sheet(SheetCategories, sheetCols(SheetCategories))
	var walk func(parent string, cs []*domain.Category)
	walk = func(parent string, cs []*domain.Category) {
		for _, cat := range cs {
			cells := map[string]any{"id": cat.ID, "parent": parent, "title": cat.Title, "bonus": cat.Bonus}
			tw.shaped(SheetCategories, cat, cells)
			walk(cat.ID, cat.Categories)
		}
	}
	walk("", c.Categories)
}

func (tw *templateWriter) items(c *domain.Catalog) {
	tw.sheet(SheetItems, sheetCols(SheetItems))
	var walk func(cs []*domain.Category)
	walk = func(cs []*domain.Category) {
		for _, cat := range cs {
			for _, it := range cat.Items {
				tw.item(cat.ID, "", it)
				for _, p := range it.Parts {
					tw.item("", it.ID, p)
				}
			}
			walk(cat.Categories)
		}
	}
	walk(c.Categories)
	tw.dropDown(SheetItems, "F", []string{"check", "levels", "numeric", "deduct", "count"})
	tw.dropDownAt(SheetItems, sheetCols(SheetItems), "na", naChoices)
	tw.fail(tw.f.SetColWidth(SheetItems, "D", "D", 40))
	tw.fail(tw.f.SetColWidth(SheetItems, "X", "X", 40))
}

func (tw *templateWriter) item(cat, partOf string, it *domain.Item) {
	tw.rowOf(SheetItems, sheetCols(SheetItems), tw.itemCells(cat, partOf, it))
}

// itemCells returns the cells of an item's row on 指标, by column key.
func (tw *templateWriter) itemCells(cat, partOf string, it *domain.Item) map[string]any {
	var levels []string
	for _, l := range it.Levels {
		levels = append(levels, l.Label+"="+domain.CheckNumber(l.Points))
	}
	cells := map[string]any{"category": cat, "id": it.ID, "part_of": partOf, "title": it.Title, "max": it.Max,
		"method": string(it.Method), "levels": strings.Join(levels, "\n"), "change": it.Change,
		"per": optNumber(it.Per), "floor": optNumber(it.Floor), "zero_at": optNumber(float64(it.ZeroAt)),
		"requirement": it.Requirement, "evidence": joinList(it.Evidence), "evidence_required": it.EvidenceRequired,
		"applies_to": joinList(it.AppliesTo), "scoring": it.Scoring, "basis": it.Basis, "lead": it.Lead, "unit": it.Unit}
	ruleCells(it, cells)
	for _, sh := range shapesOf(SheetItems) {
		sh.write(it, cells)
	}
	return cells
}

// optNumber is nil (an empty cell) for 0, else f.
func optNumber(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

// ruleCells writes the rule of a numeric item (bands, linear, shortfall;
// piecewise and slope in template_shapes.go) into cells by key.
func ruleCells(it *domain.Item, cells map[string]any) {
	var bands []string
	for _, b := range it.Bands {
		if b.AtLeast != nil {
			bands = append(bands, "≥"+domain.CheckNumber(*b.AtLeast)+"="+domain.CheckNumber(b.Points))
		} else if b.AtMost != nil {
			bands = append(bands, "≤"+domain.CheckNumber(*b.AtMost)+"="+domain.CheckNumber(b.Points))
		}
	}
	cells["bands"] = strings.Join(bands, "\n")
	if l := it.Linear; l != nil {
		cells["linear_zero"], cells["linear_full"] = l.Zero, l.Full
	}
	if s := it.Shortfall; s != nil {
		cells["shortfall_target"], cells["shortfall_step"], cells["shortfall_per"] = s.Target, s.Step, s.Per
		cells["lower_is_better"], cells["whole_steps"] = s.LowerIsBetter, s.WholeSteps
	}
	for _, sh := range shapesOf(sheetRule) {
		sh.write(it, cells)
	}
}

// joinList writes a list in one cell: joined by 、 unless an entry holds
// one, then one entry a line (with a line break even for one entry).
func joinList(vs []string) string {
	if slices.ContainsFunc(vs, func(s string) bool { return strings.Contains(s, "、") }) {
		return strings.Join(vs, "\n") + "\n"
	}
	return strings.Join(vs, "、")
}

// readList reads a cell written by joinList (or by hand).
func readList(s string) []string {
	sep := "、"
	if strings.Contains(s, "\n") {
		sep = "\n"
	}
	var out []string
	for _, v := range strings.Split(s, sep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// exampleCatalog is the catalog an empty template shows, to be replaced.
func exampleCatalog() *domain.Catalog {
	bonus := 10.0
	return &domain.Catalog{ID: "my-catalog", Version: "1", Title: "（示例）某市公安局考评细则", Source: "示例，请替换",
		Total: 30, Grades: defaultGrades(30), Vetoes: []domain.Veto{{ID: "V1", Title: "自评材料弄虚作假"}},
		VetoGrade: "不予通过", BonusCap: &bonus,
		Categories: []*domain.Category{
			{ID: "A", Title: "组织领导", Items: []*domain.Item{
				{ID: "A1", Title: "成立领导小组", Max: 10, Method: domain.MethodCheck, Scoring: "有成立文件得10分，无不得分", Evidence: []string{"查文件"}},
				{ID: "A2", Title: "定期专题研究", Max: 20, Method: domain.MethodDeduct, Per: 5, Scoring: "每少1次扣5分，扣完为止"},
			}},
			{ID: "X", Title: "加分项", Bonus: true, Items: []*domain.Item{
				{ID: "X1", Title: "经验做法被上级推广", Max: 10, Method: domain.MethodCount, Per: 2, Scoring: "每项加2分，最高加10分"},
			}},
		}}
}

// templateReader reads a template workbook.
type templateReader struct {
	name  string
	f     *excelize.File
	probs []domain.Problem
	at    map[any]string
	field map[any]map[string]string
}

// tableRow is a row of a template sheet by column key, with its cells.
type tableRow struct {
	n     int // 1-based row number
	vals  map[string]string
	cells map[string]string
}

func (tr *templateReader) problem(where, item, code, format string, kv ...string) {
	p := domain.NewProblem(code, format, kv...)
	p.File, p.ItemID = where, item
	tr.probs = append(tr.probs, p)
}

// rows reads the rows of a sheet below its header, by the keys of its
// header cells. missing: the sheet is not there.
func (tr *templateReader) rows(sheet string, required bool) []tableRow {
	rows, err := tr.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 {
		if required {
			tr.problem(tr.name, "", ProbTemplateSheet, "the template has no sheet {sheet:q}", "sheet", sheet)
		}
		return nil
	}
	if len(rows) > maxRows {
		tr.problem(tr.name+"!"+sheet, "", ProbTooManyRows, "the sheet has more rows than Pingce reads ({limit})", "limit", strconv.Itoa(maxRows))
		return nil
	}
	keys := make([]string, len(rows[0]))
	for i, h := range rows[0] {
		if m := reKey.FindStringSubmatch(h); m != nil {
			keys[i] = m[1]
		}
	}
	var out []tableRow
	for r, row := range rows[1:] {
		tr := tableRow{n: r + 2, vals: map[string]string{}, cells: map[string]string{}}
		empty := true
		for c, v := range row {
			if c >= len(keys) || keys[c] == "" {
				continue
			}
			v = strings.ReplaceAll(v, "\r\n", "\n")
			if strings.TrimSpace(v) != "" {
				empty = false
			}
			tr.vals[keys[c]] = v
		}
		for c, k := range keys {
			if k != "" {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				tr.cells[k] = cell
			}
		}
		if !empty {
			out = append(out, tr)
		}
	}
	return out
}

// num reads a number of a row ("" gives 0, ok false).
func (tr *templateReader) num(where string, row tableRow, key string) (float64, bool) {
	s := strings.TrimSpace(row.vals[key])
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !domain.OrdinaryNumber(f) {
		tr.problem(where+"!"+row.cells[key], "", ProbTemplate, "{value:q} cannot be read as {key}", "key", key, "value", s)
		return 0, false
	}
	return f, true
}

// flag reads 是/否.
func (tr *templateReader) flag(where string, row tableRow, key string) bool {
	switch strings.ToLower(strings.TrimSpace(row.vals[key])) {
	case "", "否", "false", "0", "no", "n", "×":
		return false
	case "是", "true", "1", "yes", "y", "√":
		return true
	}
	tr.problem(where+"!"+row.cells[key], "", ProbTemplate, "{value:q} cannot be read as {key}", "key", key, "value", row.vals[key])
	return false
}

// text reads a text cell, trimmed (rule texts keep their inner lines).
func text(row tableRow, key string) string { return strings.TrimSpace(row.vals[key]) }

// readTemplate reads Pingce's template.
func readTemplate(ctx context.Context, name string, f *excelize.File) (*Result, error) {
	tr := &templateReader{name: name, f: f, at: map[any]string{}, field: map[any]map[string]string{}}
	c := &domain.Catalog{}
	where := func(sheet string) string { return name + "!" + sheet }
	// 目录
	for _, row := range tr.rows(SheetCatalog, true) {
		key := ""
		for _, k := range catalogKeys {
			if m := reKey.FindStringSubmatch(row.vals["field"]); m != nil && m[1] == k.key {
				key = k.key
			}
		}
		v := text(row, "value")
		cellAt := where(SheetCatalog) + "!" + row.cells["value"]
		switch key {
		case "id":
			c.ID = v
			tr.fieldAt(c, "id", cellAt)
		case "version":
			c.Version = v
			tr.fieldAt(c, "version", cellAt)
		case "title":
			c.Title = v
			tr.fieldAt(c, "title", cellAt)
		case "source":
			c.Source = v
		case "total":
			tr.fieldAt(c, "total", cellAt)
			c.Total, _ = tr.num(where(SheetCatalog), row, "value")
		case "unit_types":
			c.UnitTypes = readList(row.vals["value"])
			tr.fieldAt(c, "unit_types", cellAt)
		case "veto_grade":
			c.VetoGrade = v
			tr.fieldAt(c, "veto_grade", cellAt)
		case "bonus_cap":
			if f, ok := tr.num(where(SheetCatalog), row, "value"); ok {
				c.BonusCap = &f
				tr.at[c.BonusCap] = cellAt
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// 类目
	cats := map[string]*domain.Category{}
	for _, row := range tr.rows(SheetCategories, true) {
		w := where(SheetCategories)
		cat := &domain.Category{ID: text(row, "id"), Title: text(row, "title"), Bonus: tr.flag(w, row, "bonus")}
		tr.at[cat] = w + "!" + row.cells["id"]
		tr.fieldAt(cat, "title", w+"!"+row.cells["title"])
		for _, sh := range shapesOf(SheetCategories) {
			sh.read(tr, w, row, cat)
		}
		parent := text(row, "parent")
		switch p := cats[parent]; {
		case parent == "":
			c.Categories = append(c.Categories, cat)
		case p == nil:
			tr.problem(w+"!"+row.cells["parent"], "", ProbTemplateRef, "{key} names {id:q}, which the template does not have", "key", "parent", "id", parent)
		default:
			p.Categories = append(p.Categories, cat)
		}
		if _, twice := cats[cat.ID]; !twice && cat.ID != "" {
			cats[cat.ID] = cat
		}
	}
	// 指标
	items := map[string]*domain.Item{}
	for _, row := range tr.rows(SheetItems, true) {
		w := where(SheetItems)
		it := tr.item(w, row)
		if owner := text(row, "part_of"); owner != "" {
			if o := items[owner]; o != nil {
				o.Parts = append(o.Parts, it)
			} else {
				tr.problem(w+"!"+row.cells["part_of"], it.ID, ProbTemplateRef, "{key} names {id:q}, which the template does not have", "key", "part_of", "id", owner)
			}
			continue
		}
		if cat := cats[text(row, "category")]; cat != nil {
			cat.Items = append(cat.Items, it)
		} else {
			tr.problem(w+"!"+row.cells["category"], it.ID, ProbTemplateRef, "{key} names {id:q}, which the template does not have", "key", "category", "id", text(row, "category"))
		}
		if _, twice := items[it.ID]; !twice && it.ID != "" {
			items[it.ID] = it
		}
	}
	tr.byUnitType(items)
	// 等次, 逐项等次, 封顶, 否决
	var gradeRows []tableRow
	for _, row := range tr.rows(SheetGrades, true) {
		w := where(SheetGrades)
		min, _ := tr.num(w, row, "min")
		band := domain.GradeBand{Min: min, Grade: text(row, "grade")}
		for _, sh := range shapesOf(SheetGrades) {
			sh.read(tr, w, row, &band)
		}
		c.Grades = append(c.Grades, band)
		gradeRows = append(gradeRows, row)
	}
	for i, row := range gradeRows { // the bands do not move any more
		tr.at[&c.Grades[i]] = where(SheetGrades) + "!" + row.cells["min"]
	}
	for _, row := range tr.rows(SheetItemGrades, false) {
		w := where(SheetItemGrades)
		ratio, _ := tr.num(w, row, "min_ratio")
		band := domain.ItemGradeBand{MinRatio: ratio, Grade: text(row, "grade")}
		if id := text(row, "category"); id == "" {
			c.ItemGrades = append(c.ItemGrades, band)
		} else if cat := cats[id]; cat != nil {
			cat.ItemGrades = append(cat.ItemGrades, band)
		} else {
			tr.problem(w+"!"+row.cells["category"], "", ProbTemplateRef, "{key} names {id:q}, which the template does not have", "key", "category", "id", id)
		}
	}
	for _, row := range tr.rows(SheetCaps, false) {
		w := where(SheetCaps)
		cp := domain.Cap{MaxGrade: text(row, "max_grade")}
		switch text(row, "kind") {
		case "category_ratio_below":
			if f, ok := tr.num(w, row, "value"); ok {
				cp.CategoryRatioBelow = &f
			}
		case "item_lost":
			cp.ItemLost = text(row, "value")
		default:
			if read := capKinds[text(row, "kind")]; read != nil {
				read(&cp, text(row, "value"))
				break
			}
			tr.problem(w+"!"+row.cells["kind"], "", ProbTemplate, "{value:q} cannot be read as {key}", "key", "kind", "value", text(row, "kind"))
		}
		c.Caps = append(c.Caps, cp)
	}
	var vetoRows []tableRow
	for _, row := range tr.rows(SheetVetoes, false) {
		w := where(SheetVetoes)
		v := domain.Veto{ID: text(row, "id"), Title: text(row, "title")}
		for _, sh := range shapesOf(SheetVetoes) {
			sh.read(tr, w, row, &v)
		}
		c.Vetoes = append(c.Vetoes, v)
		vetoRows = append(vetoRows, row)
	}
	for i, row := range vetoRows { // the vetoes do not move any more
		tr.at[&c.Vetoes[i]] = where(SheetVetoes) + "!" + row.cells["id"]
		tr.fieldAt(&c.Vetoes[i], "effect", where(SheetVetoes)+"!"+row.cells["effect"])
		tr.fieldAt(&c.Vetoes[i], "points", where(SheetVetoes)+"!"+row.cells["points"])
	}
	// Caps and vetoes point into slices that are now complete.
	for i := range c.Caps {
		tr.at[&c.Caps[i]] = where(SheetCaps)
	}
	res := &Result{Template: true}
	if len(tr.probs) == 0 {
		for _, fd := range c.Check() {
			p := fd.Problem
			p.File = tr.findingWhere(name, fd)
			tr.probs = append(tr.probs, p)
		}
	}
	if len(tr.probs) > 0 {
		return res, refuse(name, tr.probs)
	}
	res.Catalog = c
	for _, it := range c.Items() {
		res.Rows = append(res.Rows, Row{Where: tr.at[it], ItemID: it.ID, Title: it.Title, Text: it.Scoring, Lead: it.Lead,
			Proposal: Proposal{Known: true, Method: it.Method}})
	}
	return res, nil
}

func (tr *templateReader) fieldAt(elem any, field, where string) {
	if tr.field[elem] == nil {
		tr.field[elem] = map[string]string{}
	}
	tr.field[elem][field] = where
}

func (tr *templateReader) findingWhere(name string, f domain.CatalogFinding) string {
	if w := tr.field[f.Elem][f.Field]; w != "" {
		return w
	}
	if w := tr.at[f.Elem]; w != "" {
		return w
	}
	return name
}

// item reads an item row (or a part row) of the 指标 sheet.
func (tr *templateReader) item(w string, row tableRow) *domain.Item {
	it := &domain.Item{ID: text(row, "id"), Title: text(row, "title"), Method: domain.Method(text(row, "method")),
		Requirement: text(row, "requirement"), Evidence: readList(row.vals["evidence"]),
		EvidenceRequired: tr.flag(w, row, "evidence_required"), AppliesTo: readList(row.vals["applies_to"]),
		Scoring: text(row, "scoring"), Basis: text(row, "basis"), Lead: text(row, "lead"), Unit: text(row, "unit"),
		Change: tr.flag(w, row, "change")}
	at := func(key string) string { return w + "!" + row.cells[key] }
	tr.at[it] = at("id")
	for _, k := range []string{"id", "title", "max", "method", "per", "floor", "zero_at", "levels", "bands", "applies_to"} {
		tr.fieldAt(it, k, at(k))
	}
	it.Max, _ = tr.num(w, row, "max")
	it.Per, _ = tr.num(w, row, "per")
	it.Floor, _ = tr.num(w, row, "floor")
	if z, ok := tr.num(w, row, "zero_at"); ok {
		it.ZeroAt = int(z)
		if float64(it.ZeroAt) != z {
			tr.problem(at("zero_at"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "zero_at", "value", row.vals["zero_at"])
		}
	}
	for _, line := range lines(row.vals["levels"]) {
		label, pts, ok := cutLast(line)
		f, err := strconv.ParseFloat(pts, 64)
		if !ok || err != nil || !domain.OrdinaryNumber(f) {
			tr.problem(at("levels"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "levels", "value", line)
			continue
		}
		it.Levels = append(it.Levels, domain.Level{Label: label, Points: f})
		tr.at[&it.Levels[len(it.Levels)-1]] = at("levels")
	}
	tr.rule(w, row, it)
	for _, sh := range shapesOf(SheetItems) {
		sh.read(tr, w, row, it)
	}
	return it
}

// rule reads the rule of a numeric item (or of a rule by unit type) from
// a row: bands, linear, shortfall, and the shapes' rule columns.
func (tr *templateReader) rule(w string, row tableRow, it *domain.Item) {
	at := func(key string) string { return w + "!" + row.cells[key] }
	tr.fieldAt(it, "bands", at("bands"))
	for _, line := range lines(row.vals["bands"]) {
		bound, pts, ok := cutLast(line)
		p, err1 := strconv.ParseFloat(pts, 64)
		var b domain.Band
		var v float64
		var err2 error
		switch {
		case strings.HasPrefix(bound, "≥"), strings.HasPrefix(bound, ">="):
			v, err2 = strconv.ParseFloat(strings.TrimLeft(bound, "≥>="), 64)
			b.AtLeast = &v
		case strings.HasPrefix(bound, "≤"), strings.HasPrefix(bound, "<="):
			v, err2 = strconv.ParseFloat(strings.TrimLeft(bound, "≤<="), 64)
			b.AtMost = &v
		default:
			ok = false
		}
		if !ok || err1 != nil || err2 != nil || !domain.OrdinaryNumber(p) || !domain.OrdinaryNumber(v) {
			tr.problem(at("bands"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "bands", "value", line)
			continue
		}
		b.Points = p
		it.Bands = append(it.Bands, b)
	}
	for i := range it.Bands {
		tr.at[&it.Bands[i]] = at("bands")
	}
	lz, okZ := tr.num(w, row, "linear_zero")
	lf, okF := tr.num(w, row, "linear_full")
	if okZ || okF {
		it.Linear = &domain.Linear{Zero: lz, Full: lf}
		tr.at[it.Linear] = at("linear_zero")
	}
	st, ok1 := tr.num(w, row, "shortfall_target")
	ss, ok2 := tr.num(w, row, "shortfall_step")
	sp, ok3 := tr.num(w, row, "shortfall_per")
	lower, whole := tr.flag(w, row, "lower_is_better"), tr.flag(w, row, "whole_steps")
	if ok1 || ok2 || ok3 || lower || whole {
		it.Shortfall = &domain.Shortfall{Target: st, Step: ss, Per: sp, LowerIsBetter: lower, WholeSteps: whole}
		tr.at[it.Shortfall] = at("shortfall_target")
	}
	for _, sh := range shapesOf(sheetRule) {
		sh.read(tr, w, row, it)
	}
}

// lines splits a cell into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// cutLast cuts "label=points" at its last "=".
func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:]), true
}
