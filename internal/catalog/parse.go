// Package catalog reads, checks and writes evaluation catalogs in the
// format pingce/catalog@1 (docs/formats.md §1), and gives access to the
// catalogs built into the program.
//
// Parse refuses a catalog with every problem it finds at once, each with
// its file, line and item, so that an author can fix them in one pass.
package catalog

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// Keys allowed in each mapping of a catalog file.
var (
	topKeys = []string{"format", "id", "version", "title", "source", "total", "unit_types",
		"grades", "item_grades", "caps", "vetoes", "veto_grade", "bonus", "categories"}
	categoryKeys = []string{"id", "title", "bonus", "item_grades", "deduct_cap", "bonus_cap", "categories", "items"}
	itemKeys     = []string{"id", "title", "requirement", "evidence", "evidence_required",
		"applies_to", "max", "scoring", "basis", "lead", "unit", "na", "method", "change", "difference", "levels",
		"bands", "linear", "shortfall", "piecewise", "slope", "exact", "by_unit_type", "per", "floor", "zero_at",
		"overflow", "uncapped", "kinds", "multipliers", "discretion", "relative", "rank", "parts"}
	partKeys = []string{"id", "title", "requirement", "evidence", "max", "scoring", "basis", "lead",
		"unit", "method", "change", "difference", "levels", "bands", "linear", "shortfall", "piecewise", "slope",
		"exact", "per", "floor", "zero_at", "kinds", "multipliers", "discretion"}
	// ruleKeys are the keys of a rule by unit type (by_unit_type).
	ruleKeys = []string{"bands", "linear", "shortfall", "piecewise", "slope"}
)

// Parse reads a catalog file. name is the file's name, used in problems.
// When the catalog is not valid the error is a *domain.Error with code
// EINVALID whose Problems list everything that is wrong, in line order.
//
// Parse checks the file's shape (YAML, keys, kinds of values) itself and
// the catalog's content with domain.Catalog.Check, whose findings it
// places at the line of the key they are about. A number Parse could not
// read reaches Check as NaN, which Check leaves alone with all that
// depends on it.
//
// Besides the keys of docs/formats.md §1 an item may have scoring, basis, lead
// and unit (§4). Items under a category with bonus: true get Item.Bonus.
// YAML aliases (*name) are refused where a value belongs: a catalog spells
// every value out.
// The file holds one YAML document: a second one after a "---" line is
// refused rather than ignored (a "---" with nothing or only comments after
// it is not a document).
func Parse(name string, data []byte) (c *domain.Catalog, err error) {
	d := &decoder{Decoder: yamlnode.Decoder{File: name}, at: map[any]place{}}
	var doc yaml.Node
	if perr := d.Document(data, &doc, "a catalog file"); domain.ErrorCode(perr) == domain.ETOOLARGE {
		return nil, perr
	} else if perr != nil {
		p := yamlnode.SyntaxProblem(data, perr)
		p.File = name
		return nil, &domain.Error{Code: domain.EINVALID,
			Message:  fmt.Sprintf("catalog %s is not valid YAML", name),
			Problems: []domain.Problem{p}}
	}
	c = d.catalog(&doc)
	if c != nil {
		d.findings(c.Check())
	}
	if len(d.Probs) > 0 {
		slices.SortStableFunc(d.Probs, func(a, b domain.Problem) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &domain.Error{Code: domain.EINVALID,
			Message:  fmt.Sprintf("catalog %s refused: %s", name, countProblems(len(d.Probs))),
			Problems: d.Probs}
	}
	return c, nil
}

func countProblems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// shapeCodes are the codes of Catalog.Check's findings that the file's
// shape has said already: a number Parse could not read (NaN), a missing
// or empty text or list, levels that are missing or not a list, and
// method parameters under keys that do not fit. Parse leaves them out, so
// that one mistake gives one problem.
var shapeCodes = []string{domain.ProbCatNotNumber, domain.ProbCatEmptyField, domain.ProbNoLevels,
	domain.ProbParam, domain.ProbParamOnParts, domain.ProbRankWhole}

// findings adds the findings of Catalog.Check to the problems, each at
// the line of the key it is about, with the place's prefix ("grades: ",
// "category A: ") and named values.
func (d *decoder) findings(fs []domain.CatalogFinding) {
	for _, f := range fs {
		if slices.Contains(shapeCodes, f.Code) {
			continue
		}
		p := f.Problem
		p.File = d.File
		if pl, ok := d.at[f.Elem]; ok {
			key := f.Field
			if pl.key != "" {
				key = pl.key
			}
			p.Line = pl.o.Line(key).Line
			args := make(map[string]string, len(p.Args)+len(pl.o.Ctx)/2)
			for k, v := range p.Args {
				if k != "in" && k != "category" {
					args[k] = v
				}
			}
			for i := 0; i+1 < len(pl.o.Ctx); i += 2 {
				args[pl.o.Ctx[i]] = pl.o.Ctx[i+1]
			}
			p.Msg = domain.ExpandMsg(pl.o.What, args) + p.Msg
			p.Args = args
		}
		if f.Code == domain.ProbIDTwice {
			if first, ok := d.at[f.First]; ok {
				line := strconv.Itoa(first.o.Line("id").Line)
				p.Code, p.Args["first"] = ProbDupID, line
				p.Msg += " (first on line " + line + ")"
			}
		}
		d.Probs = append(d.Probs, p)
	}
}

// put records where elem was read: the mapping o, or its key.
func (d *decoder) put(elem any, o *object, key string) {
	if o != nil {
		d.at[elem] = place{o, key}
	}
}

// num reads the number of key: 0 when it is absent and not required, NaN
// when it is absent but required or not a number (both reported), which
// Catalog.Check takes as "already reported".
func num(o *object, key string, required bool) float64 {
	if !required && !o.Has(key) {
		return 0
	}
	if v, ok := o.Num(key, required); ok {
		return v
	}
	return math.NaN()
}

// optNum reads an optional number: nil when key is absent.
func optNum(o *object, key string) *float64 {
	if !o.Has(key) {
		return nil
	}
	v := num(o, key, true)
	return &v
}

// catalog reads the whole document.
func (d *decoder) catalog(doc *yaml.Node) *domain.Catalog {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode ||
		(root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
		d.Add(nil, "", ProbEmpty, "the file is empty: want a catalog (format: {format})", "format", domain.CatalogFormat)
		return nil
	}
	o := d.Object(root, "", "", "the catalog")
	if o == nil {
		return nil
	}
	o.Allow(topKeys...)
	c := &domain.Catalog{}
	d.put(c, o, "")
	if f := o.Str("format", true); f != "" && f != domain.CatalogFormat {
		o.Errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", f, "want", domain.CatalogFormat)
	}
	c.ID = o.Str("id", true)
	c.Version = o.Str("version", true)
	c.Title = o.Str("title", true)
	c.Source = o.Str("source", false)
	c.Total = num(o, "total", true)
	c.UnitTypes = o.Strs("unit_types", true)

	d.grades(o, c)
	c.ItemGrades = d.itemGrades(o)
	d.vetoes(o, c)
	c.VetoGrade = o.Str("veto_grade", false)
	if o.Has("bonus") {
		if bo := d.Object(o.Value("bonus"), "bonus", "", "bonus"); bo != nil {
			bo.Allow("cap")
			v := num(bo, "cap", true)
			c.BonusCap = &v
			d.put(c.BonusCap, bo, "")
		}
	}
	cats := o.List("categories")
	if !o.Has("categories") {
		o.Errf("categories", yamlnode.ProbMissing, "missing {key}", "key", "categories")
	} else if len(cats) == 0 && o.Value("categories").Kind == yaml.SequenceNode {
		o.Errf("categories", yamlnode.ProbEmptyList, "{key} must not be empty", "key", "categories")
	}
	for _, n := range cats {
		if cat := d.category(n, false); cat != nil {
			c.Categories = append(c.Categories, cat)
		}
	}
	d.caps(o, c)
	return c
}

func (d *decoder) grades(o *object, c *domain.Catalog) {
	gs := o.List("grades")
	if !o.Has("grades") {
		o.Errf("grades", yamlnode.ProbMissing, "missing {key}", "key", "grades")
	} else if len(gs) == 0 && o.Value("grades").Kind == yaml.SequenceNode {
		o.Errf("grades", yamlnode.ProbEmptyList, "{key} must not be empty", "key", "grades")
	}
	var objs []*object
	for _, n := range gs {
		g := d.Object(n, "grades", "", "a grade")
		if g == nil {
			continue
		}
		g.Allow("min", "grade", "requires", "quota")
		band := domain.GradeBand{Grade: g.Str("grade", true), Min: num(g, "min", true)}
		gradeGate(g, &band) // round.go
		c.Grades = append(c.Grades, band)
		objs = append(objs, g)
	}
	for i, g := range objs { // after the last append: the bands do not move any more
		d.put(&c.Grades[i], g, "")
	}
}

// itemGrades reads the optional item grade bands of the catalog or of a
// category; Catalog.Check checks their order.
func (d *decoder) itemGrades(o *object) []domain.ItemGradeBand {
	if !o.Has("item_grades") {
		return nil
	}
	var bands []domain.ItemGradeBand
	var objs []*object
	for _, n := range o.List("item_grades") {
		g := d.Object(n, "item_grades", "", "an item grade")
		if g == nil {
			continue
		}
		g.Allow("min_ratio", "grade")
		bands = append(bands, domain.ItemGradeBand{Grade: g.Str("grade", true), MinRatio: num(g, "min_ratio", true)})
		objs = append(objs, g)
	}
	if len(bands) == 0 {
		o.Errf("item_grades", yamlnode.ProbEmptyList, "{key} must not be empty", "key", "item_grades")
	}
	for i, g := range objs {
		d.put(&bands[i], g, "")
	}
	return bands
}

func (d *decoder) vetoes(o *object, c *domain.Catalog) {
	var objs []*object
	for _, n := range o.List("vetoes") {
		v := d.Object(n, "vetoes", "", "a veto")
		if v == nil {
			continue
		}
		v.Allow("id", "title", "effect", "points")
		c.Vetoes = append(c.Vetoes, domain.Veto{ID: v.Str("id", true), Title: v.Str("title", true),
			Effect: v.Str("effect", false), Points: num(v, "points", false)})
		objs = append(objs, v)
	}
	for i, v := range objs {
		d.put(&c.Vetoes[i], v, "")
	}
}

func (d *decoder) caps(o *object, c *domain.Catalog) {
	var objs []*object
	for _, n := range o.List("caps") {
		co := d.Object(n, "caps", "", "a cap")
		if co == nil {
			continue
		}
		co.Allow("category_ratio_below", "item_lost", "below_average", "max_grade")
		var cp domain.Cap
		belowAverage(co, &cp) // round.go
		if co.Has("category_ratio_below") {
			r := num(co, "category_ratio_below", true)
			cp.CategoryRatioBelow = &r
		}
		if co.Has("item_lost") {
			cp.ItemLost = co.Str("item_lost", true)
		}
		cp.MaxGrade = co.Str("max_grade", true)
		c.Caps = append(c.Caps, cp)
		objs = append(objs, co)
	}
	for i, co := range objs {
		d.put(&c.Caps[i], co, "")
	}
}

// category reads a category; bonus tells that it is under a bonus one.
func (d *decoder) category(n *yaml.Node, bonus bool) *domain.Category {
	o := d.Object(n, "category", "", "a category")
	if o == nil {
		return nil
	}
	cat := &domain.Category{ID: o.Str("id", true)}
	if cat.ID != "" {
		o.What, o.Ctx = "category {category}: ", []string{"in", "category", "category", cat.ID}
	}
	d.put(cat, o, "")
	o.Allow(categoryKeys...)
	cat.Title = o.Str("title", true)
	cat.Bonus = o.Bool("bonus")
	cat.ItemGrades = d.itemGrades(o)
	cat.DeductCap = optNum(o, "deduct_cap")
	cat.BonusCap = optNum(o, "bonus_cap")
	bonus = bonus || cat.Bonus
	for _, in := range o.List("items") {
		if it := d.item(in, false, ""); it != nil {
			it.Bonus = bonus
			cat.Items = append(cat.Items, it)
		}
	}
	for _, sn := range o.List("categories") {
		if sub := d.category(sn, bonus); sub != nil {
			cat.Categories = append(cat.Categories, sub)
		}
	}
	return cat
}

// item reads an item, or (part true) a part of the item with id owner.
func (d *decoder) item(n *yaml.Node, part bool, owner string) *domain.Item {
	what := "an item"
	if part {
		what = "a part"
	}
	o := d.Object(n, "", owner, what)
	if o == nil {
		return nil
	}
	it := &domain.Item{ID: o.Str("id", true)}
	switch {
	case part && it.ID != "":
		o.Item = owner + "." + it.ID
	case part:
		o.What, o.Ctx = yamlnode.In("part")
	case it.ID == "":
		o.What, o.Ctx = yamlnode.In("item")
	default:
		o.Item = it.ID
	}
	d.put(it, o, "")
	if part {
		o.Allow(partKeys...)
	} else {
		o.Allow(itemKeys...)
	}
	it.Title = o.Str("title", true)
	it.Requirement = o.Str("requirement", false)
	it.Evidence = o.Strs("evidence", true)
	it.Scoring = o.Str("scoring", false)
	it.Basis = o.Str("basis", false)
	it.Lead = o.Str("lead", false)
	it.Unit = o.Str("unit", false)
	if !part {
		it.EvidenceRequired = o.Bool("evidence_required")
		it.AppliesTo = o.Strs("applies_to", true)
		it.NA = o.Str("na", false)
	}
	composite := !part && o.Has("parts")
	if o.Has("max") || !composite {
		it.Max = num(o, "max", true)
	}
	it.Method = domain.Method(o.Str("method", false))
	if composite {
		d.parts(o, it)
		return it
	}
	if !slices.Contains(domain.Methods, it.Method) {
		return it // Check reports a missing or unknown method; its parameters mean nothing
	}
	for _, key := range paramKeys {
		if o.Has(key) && !domain.ParamFits(key, it.Method) {
			o.Errf(key, ProbParam, "{key} does not fit method {method}", "key", key, "method", string(it.Method))
		}
	}
	switch it.Method {
	case domain.MethodLevels:
		d.levels(o, it)
	case domain.MethodNumeric:
		d.numeric(o, it)
	case domain.MethodDeduct, domain.MethodCount:
		d.counted(o, it) // tiered.go: kinds, multipliers, discretion
		it.Per = num(o, "per", !o.Has("kinds") && !(o.Has("discretion") && it.Method == domain.MethodDeduct))
		if it.Method == domain.MethodCount {
			it.Uncapped = o.Bool("uncapped")
			break
		}
		if o.Has("overflow") {
			ov := &domain.Overflow{At: math.NaN(), Extra: math.NaN()}
			it.Overflow = ov
			d.put(ov, o, "overflow")
			if oo := d.Object(o.Value("overflow"), "overflow", o.Item, "overflow"); oo != nil {
				oo.Allow("at", "extra")
				ov.At, ov.Extra = num(oo, "at", true), num(oo, "extra", true)
				d.put(ov, oo, "")
			}
		}
		it.Floor = num(o, "floor", false)
		if o.Has("zero_at") {
			// zero_at: 0 cannot reach the catalog (0 means "not set"), nor can 1.5.
			if z := num(o, "zero_at", true); z < 1 || z != math.Trunc(z) || z > 1e9 {
				if !math.IsNaN(z) {
					o.Errf("zero_at", ProbZeroAt, "zero_at must be a whole number of at least 1, not {value}", "value", formatNumber(z))
				}
			} else {
				it.ZeroAt = int(z)
			}
		}
	}
	return it
}

// paramKeys are the keys of method parameters, in the order they are reported.
var paramKeys = []string{"levels", "bands", "linear", "shortfall", "piecewise", "slope", "change",
	"difference", "exact", "by_unit_type", "per", "floor", "zero_at", "overflow", "uncapped",
	"kinds", "multipliers", "discretion", "relative", "rank"}

// parts reads the parts of a composite item. Without max of its own the
// item's max is the sum of the parts' max (those that could be read).
func (d *decoder) parts(o *object, it *domain.Item) {
	for _, key := range paramKeys {
		if o.Has(key) {
			o.Errf(key, ProbParamOnParts, "{key} does not fit an item with parts: put it on a part", "key", key)
		}
	}
	sum := 0.0
	it.Parts = []*domain.Item{} // parts, if none could be read: Check knows the item has them
	for _, n := range o.NonEmptyList("parts", yamlnode.ProbEmptyList, "{key} must not be empty") {
		p := d.item(n, true, it.ID)
		if p == nil {
			continue
		}
		if !math.IsNaN(p.Max) {
			sum += p.Max
		}
		it.Parts = append(it.Parts, p)
	}
	if !o.Has("max") {
		it.Max = sum
	}
}

func (d *decoder) levels(o *object, it *domain.Item) {
	var objs []*object
	for _, n := range o.NonEmptyList("levels", ProbNoLevels, "a levels item needs a non-empty list of levels") {
		lo := d.Object(n, "levels", o.Item, "a level")
		if lo == nil {
			continue
		}
		lo.Allow("label", "points")
		it.Levels = append(it.Levels, domain.Level{Label: lo.Str("label", true), Points: num(lo, "points", true)})
		objs = append(objs, lo)
	}
	for i, lo := range objs {
		d.put(&it.Levels[i], lo, "")
	}
}

func (d *decoder) numeric(o *object, it *domain.Item) {
	it.Change = o.Bool("change")
	it.Difference = o.Bool("difference")
	d.exact(o, it)
	if o.Has("by_unit_type") {
		d.byUnitType(o, it)
	}
	d.rule(o, it)
	d.roundRules(o, it) // round.go: relative, rank
}

// byUnitType reads the rules by unit type of a numeric item.
func (d *decoder) byUnitType(o *object, it *domain.Item) {
	it.ByUnitType = map[string]*domain.Item{}
	bo := d.Object(o.Value("by_unit_type"), "by_unit_type", o.Item, "by_unit_type")
	if bo == nil {
		return
	}
	n := o.Value("by_unit_type")
	for i := 0; i+1 < len(n.Content); i += 2 {
		t := n.Content[i].Value
		ro := d.Object(n.Content[i+1], t, o.Item, "a rule by unit type")
		if ro == nil {
			continue
		}
		ro.Allow(ruleKeys...)
		r := &domain.Item{ID: it.ID, Max: it.Max, Method: domain.MethodNumeric}
		d.put(r, ro, "")
		d.rule(ro, r)
		it.ByUnitType[t] = r
	}
}

// exact reads the exact values of a numeric item.
func (d *decoder) exact(o *object, it *domain.Item) {
	if !o.Has("exact") {
		return
	}
	it.Exact = []domain.Exact{}
	var objs []*object
	for _, n := range o.NonEmptyList("exact", yamlnode.ProbEmptyList, "{key} must not be empty") {
		eo := d.Object(n, "exact", o.Item, "an exact value")
		if eo == nil {
			continue
		}
		eo.Allow("value", "points")
		it.Exact = append(it.Exact, domain.Exact{Value: num(eo, "value", true), Points: num(eo, "points", true)})
		objs = append(objs, eo)
	}
	for i, eo := range objs {
		d.put(&it.Exact[i], eo, "")
	}
}

// rule reads the rule keys of a numeric item (or of a rule by unit type).
func (d *decoder) rule(o *object, it *domain.Item) {
	if o.Has("piecewise") {
		it.Piecewise = []domain.Segment{}
		var objs []*object
		for _, n := range o.NonEmptyList("piecewise", yamlnode.ProbEmptyList, "{key} must not be empty") {
			so := d.Object(n, "piecewise", o.Item, "a segment")
			if so == nil {
				continue
			}
			so.Allow("below", "above", "per")
			sg := domain.Segment{Below: optNum(so, "below"), Above: optNum(so, "above"), Per: num(so, "per", true)}
			it.Piecewise = append(it.Piecewise, sg)
			objs = append(objs, so)
		}
		for i, so := range objs {
			d.put(&it.Piecewise[i], so, "")
		}
	}
	if o.Has("slope") {
		sl := &domain.Slope{Base: math.NaN(), Points: math.NaN(), Per: math.NaN()}
		it.Slope = sl
		d.put(sl, o, "slope")
		if so := d.Object(o.Value("slope"), "slope", o.Item, "slope"); so != nil {
			so.Allow("base", "points", "per", "lower_is_better")
			sl.Base, sl.Points, sl.Per = num(so, "base", true), num(so, "points", true), num(so, "per", true)
			sl.LowerIsBetter = so.Bool("lower_is_better")
			d.put(sl, so, "")
		}
	}
	if o.Has("bands") {
		d.bands(o, it)
	}
	if o.Has("linear") {
		it.Linear = &domain.Linear{Zero: math.NaN(), Full: math.NaN()}
		d.put(it.Linear, o, "linear")
		if lo := d.Object(o.Value("linear"), "linear", o.Item, "linear"); lo != nil {
			lo.Allow("zero", "full")
			it.Linear.Zero, it.Linear.Full = num(lo, "zero", true), num(lo, "full", true)
			d.put(it.Linear, lo, "")
		}
	}
	if o.Has("shortfall") {
		s := &domain.Shortfall{Target: math.NaN(), Step: math.NaN(), Per: math.NaN()}
		it.Shortfall = s
		d.put(s, o, "shortfall")
		if so := d.Object(o.Value("shortfall"), "shortfall", o.Item, "shortfall"); so != nil {
			so.Allow("target", "step", "per", "lower_is_better", "whole_steps")
			s.Target, s.Step, s.Per = num(so, "target", true), num(so, "step", true), num(so, "per", true)
			s.LowerIsBetter = so.Bool("lower_is_better")
			s.WholeSteps = so.Bool("whole_steps")
			d.put(s, so, "")
		}
	}
}

// bands reads the bands of a numeric item: an empty list when they cannot
// be read, so that Check knows the item has its rule.
func (d *decoder) bands(o *object, it *domain.Item) {
	it.Bands = []domain.Band{}
	var objs []*object
	for _, n := range o.NonEmptyList("bands", yamlnode.ProbEmptyList, "{key} must not be empty") {
		bo := d.Object(n, "bands", o.Item, "a band")
		if bo == nil {
			continue
		}
		bo.Allow("at_least", "at_most", "points")
		var b domain.Band
		if bo.Has("at_least") {
			v := num(bo, "at_least", true)
			b.AtLeast = &v
		}
		if bo.Has("at_most") {
			v := num(bo, "at_most", true)
			b.AtMost = &v
		}
		b.Points = num(bo, "points", true)
		it.Bands = append(it.Bands, b)
		objs = append(objs, bo)
	}
	for i, bo := range objs {
		d.put(&it.Bands[i], bo, "")
	}
}
