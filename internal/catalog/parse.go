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
	"strings"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// Keys allowed in each mapping of a catalog file.
var (
	topKeys = []string{"format", "id", "version", "title", "source", "total", "unit_types",
		"grades", "caps", "vetoes", "veto_grade", "bonus", "categories"}
	categoryKeys = []string{"id", "title", "bonus", "categories", "items"}
	itemKeys     = []string{"id", "title", "requirement", "evidence", "evidence_required",
		"applies_to", "max", "scoring", "basis", "unit", "method", "change", "levels",
		"bands", "linear", "shortfall", "per", "floor", "zero_at", "parts"}
	partKeys = []string{"id", "title", "requirement", "evidence", "max", "scoring", "basis",
		"unit", "method", "change", "levels", "bands", "linear", "shortfall", "per", "floor", "zero_at"}
)

// methodParams lists the method parameters and the methods they fit.
var methodParams = []struct {
	key     string
	methods []domain.Method
}{
	{"levels", []domain.Method{domain.MethodLevels}},
	{"bands", []domain.Method{domain.MethodNumeric}},
	{"linear", []domain.Method{domain.MethodNumeric}},
	{"shortfall", []domain.Method{domain.MethodNumeric}},
	{"change", []domain.Method{domain.MethodNumeric}},
	{"per", []domain.Method{domain.MethodDeduct, domain.MethodCount}},
	{"floor", []domain.Method{domain.MethodDeduct}},
	{"zero_at", []domain.Method{domain.MethodDeduct}},
}

// Parse reads a catalog file. name is the file's name, used in problems.
// When the catalog is not valid the error is a *domain.Error with code
// EINVALID whose Problems list everything that is wrong, in line order.
//
// Besides the keys of docs/formats.md §1 an item may have scoring, basis
// and unit (§4). Items under a category with bonus: true get Item.Bonus.
// YAML aliases (*name) are refused where a value belongs: a catalog spells
// every value out.
func Parse(name string, data []byte) (c *domain.Catalog, err error) {
	d := &decoder{file: name}
	var doc yaml.Node
	if perr := unmarshal(data, &doc); perr != nil {
		p := syntaxProblem(data, perr)
		p.File, p.Code = name, ProbSyntax
		return nil, &domain.Error{Code: domain.EINVALID,
			Message:  fmt.Sprintf("catalog %s is not valid YAML", name),
			Problems: []domain.Problem{p}}
	}
	c = d.catalog(&doc)
	if len(d.probs) > 0 {
		slices.SortStableFunc(d.probs, func(a, b domain.Problem) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &domain.Error{Code: domain.EINVALID,
			Message:  fmt.Sprintf("catalog %s refused: %s", name, countProblems(len(d.probs))),
			Problems: d.probs}
	}
	return c, nil
}

// unmarshal parses YAML into a node tree and turns a panic of the parser
// into an error: user data must never crash the program.
func unmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

func countProblems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// walk is the state of one catalog walk.
type walk struct {
	c       *domain.Catalog
	cats    map[string]int // category id → line
	items   map[string]int // item id → line
	grades  map[string]bool
	sumBase float64
	// maxUnknown is set when an item's max is missing or wrong.
	maxUnknown bool
}

// catalog reads the whole document.
func (d *decoder) catalog(doc *yaml.Node) *domain.Catalog {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode ||
		(root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
		d.add(nil, "", ProbEmpty, "the file is empty: want a catalog (format: {format})", "format", domain.CatalogFormat)
		return nil
	}
	o := d.object(root, "", "", "the catalog")
	if o == nil {
		return nil
	}
	o.allow(topKeys...)
	c := &domain.Catalog{}
	if f := o.str("format", true); f != "" && f != domain.CatalogFormat {
		o.errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", f, "want", domain.CatalogFormat)
	}
	c.ID = o.str("id", true)
	if c.ID != "" && !validCatalogID(c.ID) {
		o.errf("id", ProbCatalogID, "id {id:q}: use lower-case letters, digits and '-' only", "id", c.ID)
	}
	c.Version = o.str("version", true)
	c.Title = o.str("title", true)
	c.Source = o.str("source", false)
	total, totalOK := o.num("total", true)
	if totalOK && total <= 0 {
		o.errf("total", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "total", "value", formatNumber(total))
		totalOK = false
	}
	c.Total = total
	c.UnitTypes = o.strs("unit_types")

	w := &walk{c: c, cats: map[string]int{}, items: map[string]int{}, grades: map[string]bool{}}
	d.grades(o, w)
	d.vetoes(o, c)
	c.VetoGrade = o.str("veto_grade", false)
	if o.has("bonus") {
		if bo := d.object(o.value("bonus"), "bonus", "", "bonus"); bo != nil {
			bo.allow("cap")
			if v, ok := bo.num("cap", true); ok {
				if v <= 0 {
					bo.errf("cap", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "cap", "value", formatNumber(v))
				}
				c.BonusCap = domain.Float(v)
			}
		}
	}

	cats := o.list("categories")
	if !o.has("categories") {
		o.errf("categories", ProbMissing, "missing {key}", "key", "categories")
	} else if len(cats) == 0 && o.value("categories").Kind == yaml.SequenceNode {
		o.errf("categories", ProbEmptyList, "{key} must not be empty", "key", "categories")
	}
	for _, n := range cats {
		if cat := d.category(n, false, w); cat != nil {
			c.Categories = append(c.Categories, cat)
		}
	}
	d.caps(o, w)
	if totalOK && !w.maxUnknown && !approxEqual(total, w.sumBase) {
		o.errf("total", ProbTotal, "total is {total} but the base items' max add up to {sum}",
			"total", formatNumber(total), "sum", formatNumber(w.sumBase))
	}
	return c
}

// approxEqual compares sums of decimal fractions.
func approxEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func (d *decoder) grades(o *object, w *walk) {
	gs := o.list("grades")
	if !o.has("grades") {
		o.errf("grades", ProbMissing, "missing {key}", "key", "grades")
	} else if len(gs) == 0 && o.value("grades").Kind == yaml.SequenceNode {
		o.errf("grades", ProbEmptyList, "{key} must not be empty", "key", "grades")
	}
	var prev *float64
	for _, n := range gs {
		g := d.object(n, "grades", "", "a grade")
		if g == nil {
			continue
		}
		g.allow("min", "grade")
		band := domain.GradeBand{Grade: g.str("grade", true)}
		low, ok := g.num("min", true)
		band.Min = low
		if band.Grade != "" {
			if w.grades[band.Grade] {
				g.errf("grade", ProbGradeTwice, "grade {grade:q} is listed twice", "grade", band.Grade)
			}
			w.grades[band.Grade] = true
		}
		if ok {
			if prev != nil && low >= *prev {
				g.errf("min", ProbGradeOrder, "min must go down from grade to grade: {min} comes after {prev}",
					"min", formatNumber(low), "prev", formatNumber(*prev))
			}
			prev = &low
		}
		w.c.Grades = append(w.c.Grades, band)
	}
}

func (d *decoder) vetoes(o *object, c *domain.Catalog) {
	seen := map[string]int{}
	for _, n := range o.list("vetoes") {
		v := d.object(n, "vetoes", "", "a veto")
		if v == nil {
			continue
		}
		v.allow("id", "title")
		veto := domain.Veto{ID: v.str("id", true), Title: v.str("title", true)}
		if veto.ID != "" {
			if !validID(veto.ID) {
				v.errf("id", ProbBadID, "veto id {id:q}: use letters, digits, '.', '_' and '-'", "id", veto.ID)
			}
			if line, dup := seen[veto.ID]; dup {
				v.errf("id", ProbDupID, "veto id {id:q} is used twice (first on line {first})", "id", veto.ID, "first", strconv.Itoa(line))
			}
			seen[veto.ID] = v.line("id").Line
		}
		c.Vetoes = append(c.Vetoes, veto)
	}
}

func (d *decoder) caps(o *object, w *walk) {
	for _, n := range o.list("caps") {
		co := d.object(n, "caps", "", "a cap")
		if co == nil {
			continue
		}
		co.allow("category_ratio_below", "item_lost", "max_grade")
		var cp domain.Cap
		hasRatio, hasItem := co.has("category_ratio_below"), co.has("item_lost")
		switch {
		case hasRatio && hasItem:
			co.errf("item_lost", ProbCapBoth, "a cap has one condition: category_ratio_below or item_lost, not both")
		case !hasRatio && !hasItem:
			co.errf("", ProbCapNone, "a cap needs a condition: category_ratio_below or item_lost")
		case hasRatio:
			if r, ok := co.num("category_ratio_below", true); ok {
				if r <= 0 || r > 1 {
					co.errf("category_ratio_below", ProbCapRatio, "category_ratio_below must be more than 0 and at most 1, not {value}", "value", formatNumber(r))
				}
				cp.CategoryRatioBelow = domain.Float(r)
			}
		default:
			cp.ItemLost = co.str("item_lost", true)
			if _, ok := w.items[cp.ItemLost]; cp.ItemLost != "" && !ok {
				co.errf("item_lost", ProbCapItem, "item_lost: the catalog has no item {id:q}", "id", cp.ItemLost)
			}
		}
		cp.MaxGrade = co.str("max_grade", true)
		if cp.MaxGrade != "" && !w.grades[cp.MaxGrade] {
			co.errf("max_grade", ProbCapGrade, "max_grade {grade:q} is not one of the grades", "grade", cp.MaxGrade)
		}
		w.c.Caps = append(w.c.Caps, cp)
	}
}

func (d *decoder) category(n *yaml.Node, bonus bool, w *walk) *domain.Category {
	o := d.object(n, "category", "", "a category")
	if o == nil {
		return nil
	}
	cat := &domain.Category{ID: o.str("id", true)}
	if cat.ID != "" {
		o.what, o.ctx = "category {category}: ", []string{"in", "category", "category", cat.ID}
		if !validID(cat.ID) {
			o.errf("id", ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", cat.ID)
		}
		if line, dup := w.cats[cat.ID]; dup {
			o.errf("id", ProbDupID, "category id {id:q} is used twice (first on line {first})", "id", cat.ID, "first", strconv.Itoa(line))
		} else {
			w.cats[cat.ID] = o.line("id").Line
		}
	}
	o.allow(categoryKeys...)
	cat.Title = o.str("title", true)
	cat.Bonus = o.boolean("bonus")
	bonus = bonus || cat.Bonus
	items, subs := o.list("items"), o.list("categories")
	if len(items) == 0 && len(subs) == 0 {
		o.errf("", ProbCategoryEmpty, "a category must hold items or categories")
	}
	for _, in := range items {
		it := d.item(in, false, "", w)
		if it == nil {
			continue
		}
		it.Bonus = bonus
		if !bonus {
			w.sumBase += it.Max
		}
		cat.Items = append(cat.Items, it)
	}
	for _, sn := range subs {
		if sub := d.category(sn, bonus, w); sub != nil {
			cat.Categories = append(cat.Categories, sub)
		}
	}
	return cat
}

// item reads an item, or (part true) a part of the item with id owner.
func (d *decoder) item(n *yaml.Node, part bool, owner string, w *walk) *domain.Item {
	what := "an item"
	if part {
		what = "a part"
	}
	o := d.object(n, "", owner, what)
	if o == nil {
		return nil
	}
	it := &domain.Item{ID: o.str("id", true)}
	switch {
	case part && it.ID != "":
		o.item = owner + "." + it.ID
	case part:
		o.what, o.ctx = in("part")
	case it.ID == "":
		o.what, o.ctx = in("item")
	default:
		o.item = it.ID
	}
	if it.ID != "" && !validID(it.ID) {
		o.errf("id", ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", it.ID)
	}
	if !part && it.ID != "" {
		if line, dup := w.items[it.ID]; dup {
			o.errf("id", ProbDupID, "item id {id:q} is used twice (first on line {first})", "id", it.ID, "first", strconv.Itoa(line))
		} else {
			w.items[it.ID] = o.line("id").Line
		}
	}
	if part {
		o.allow(partKeys...)
	} else {
		o.allow(itemKeys...)
	}
	it.Title = o.str("title", true)
	it.Requirement = o.str("requirement", false)
	it.Evidence = o.strs("evidence")
	it.Scoring = o.str("scoring", false)
	it.Basis = o.str("basis", false)
	it.Unit = o.str("unit", false)
	if !part {
		it.EvidenceRequired = o.boolean("evidence_required")
		it.AppliesTo = o.strs("applies_to")
		if len(w.c.UnitTypes) > 0 {
			for _, t := range it.AppliesTo {
				if !slices.Contains(w.c.UnitTypes, t) {
					o.errf("applies_to", ProbUnitType, "applies_to: {type:q} is not one of the unit types {types}",
						"type", t, "types", strings.Join(w.c.UnitTypes, ", "))
				}
			}
		}
	}
	max, hasMax := o.num("max", false)
	if hasMax && max <= 0 {
		o.errf("max", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "max", "value", formatNumber(max))
		hasMax = false
	}
	it.Max = max
	composite := !part && o.has("parts")
	if !hasMax && !composite {
		w.maxUnknown = true // the sum of maxes means nothing: do not compare it with total
	}

	if composite {
		d.parts(o, it, hasMax, w)
		return it
	}
	if !o.has("max") {
		o.errf("max", ProbMissing, "missing {key}", "key", "max")
	}
	if !o.has("method") {
		if part {
			o.errf("method", ProbNoMethod, "missing method (check, levels, numeric, deduct or count)")
		} else {
			o.errf("method", ProbNoMethodOrParts, "missing method (check, levels, numeric, deduct or count) or parts")
		}
		return it
	}
	it.Method = domain.Method(o.str("method", true))
	if it.Method == "" {
		return it
	}
	if !slices.Contains(domain.Methods, it.Method) {
		o.errf("method", ProbMethod, "unknown method {method:q}: want check, levels, numeric, deduct or count", "method", string(it.Method))
		return it
	}
	for _, p := range methodParams {
		if o.has(p.key) && !slices.Contains(p.methods, it.Method) {
			o.errf(p.key, ProbParam, "{key} does not fit method {method}", "key", p.key, "method", string(it.Method))
		}
	}
	switch it.Method {
	case domain.MethodLevels:
		d.levels(o, it, hasMax)
	case domain.MethodNumeric:
		d.numeric(o, it, hasMax)
	case domain.MethodDeduct, domain.MethodCount:
		if per, ok := o.num("per", true); ok {
			if per <= 0 {
				o.errf("per", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "per", "value", formatNumber(per))
			}
			it.Per = per
		}
		if it.Method == domain.MethodCount {
			break
		}
		if f, ok := o.num("floor", false); ok {
			if f < 0 || (hasMax && f >= max) {
				o.errf("floor", ProbFloor, "floor must be at least 0 and below max ({max}), not {value}", "max", formatNumber(max), "value", formatNumber(f))
			}
			it.Floor = f
		}
		if z, ok := o.num("zero_at", false); ok {
			if z < 1 || z != math.Trunc(z) || z > 1e9 {
				o.errf("zero_at", ProbZeroAt, "zero_at must be a whole number of at least 1, not {value}", "value", formatNumber(z))
			} else {
				it.ZeroAt = int(z)
			}
		}
	}
	return it
}

// parts reads the parts of a composite item.
func (d *decoder) parts(o *object, it *domain.Item, hasMax bool, w *walk) {
	if o.has("method") {
		o.errf("method", ProbMethodAndParts, "an item has either method or parts, not both")
	}
	for _, p := range methodParams {
		if o.has(p.key) {
			o.errf(p.key, ProbParamOnParts, "{key} does not fit an item with parts: put it on a part", "key", p.key)
		}
	}
	nodes := o.nonEmptyList("parts", ProbEmptyList, "{key} must not be empty")
	seen := map[string]int{}
	sum := 0.0
	for _, n := range nodes {
		p := d.item(n, true, it.ID, w)
		if p == nil {
			continue
		}
		if p.ID != "" {
			if line, dup := seen[p.ID]; dup {
				d.add(n, it.ID, ProbDupID, "part id {id:q} is used twice (first on line {first})", "id", p.ID, "first", strconv.Itoa(line))
			}
			seen[p.ID] = n.Line
		}
		sum += p.Max
		it.Parts = append(it.Parts, p)
	}
	if hasMax && !approxEqual(it.Max, sum) {
		o.errf("max", ProbPartsMax, "max is {max} but the parts' max add up to {sum}", "max", formatNumber(it.Max), "sum", formatNumber(sum))
	}
	if !hasMax {
		it.Max = sum
	}
}

func (d *decoder) levels(o *object, it *domain.Item, hasMax bool) {
	nodes := o.nonEmptyList("levels", ProbNoLevels, "a levels item needs a non-empty list of levels")
	seen := map[string]bool{}
	for i, n := range nodes {
		lo := d.object(n, "levels", o.item, "a level")
		if lo == nil {
			continue
		}
		lo.allow("label", "points")
		l := domain.Level{Label: lo.str("label", true)}
		if l.Label != "" {
			if seen[l.Label] {
				lo.errf("label", ProbLabelTwice, "label {label:q} is used twice", "label", l.Label)
			}
			seen[l.Label] = true
		}
		pts, ok := lo.num("points", true)
		l.Points = pts
		if ok && hasMax {
			if pts < 0 || pts > it.Max {
				lo.errf("points", ProbPoints, "points must be within 0 and max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
			} else if i == 0 && pts != it.Max {
				lo.errf("points", ProbFirstLevel, "the first level must give max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
			}
		}
		it.Levels = append(it.Levels, l)
	}
}

func (d *decoder) numeric(o *object, it *domain.Item, hasMax bool) {
	it.Change = o.boolean("change")
	var rules []string
	for _, k := range []string{"bands", "linear", "shortfall"} {
		if o.has(k) {
			rules = append(rules, k)
		}
	}
	switch len(rules) {
	case 0:
		o.errf("", ProbNoRule, "a numeric item needs one rule: bands, linear or shortfall")
		return
	case 1:
	default:
		o.errf(rules[1], ProbTwoRules, "a numeric item takes one rule, not "+strings.Join(rules, " and "), "rules", strings.Join(rules, ", "))
		return
	}
	switch rules[0] {
	case "bands":
		d.bands(o, it, hasMax)
	case "linear":
		lo := d.object(o.value("linear"), "linear", o.item, "linear")
		if lo == nil {
			return
		}
		lo.allow("zero", "full")
		zero, ok1 := lo.num("zero", true)
		full, ok2 := lo.num("full", true)
		if ok1 && ok2 && zero == full {
			lo.errf("full", ProbLinear, "zero and full must differ (both are {value})", "value", formatNumber(zero))
		}
		it.Linear = &domain.Linear{Zero: zero, Full: full}
	case "shortfall":
		so := d.object(o.value("shortfall"), "shortfall", o.item, "shortfall")
		if so == nil {
			return
		}
		so.allow("target", "step", "per", "lower_is_better", "whole_steps")
		s := &domain.Shortfall{}
		s.Target, _ = so.num("target", true)
		if step, ok := so.num("step", true); ok {
			if step <= 0 {
				so.errf("step", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "step", "value", formatNumber(step))
			}
			s.Step = step
		}
		if per, ok := so.num("per", true); ok {
			if per < 0 {
				so.errf("per", ProbNegative, "{key} must be 0 or more, not {value}", "key", "per", "value", formatNumber(per))
			}
			s.Per = per
		}
		s.LowerIsBetter = so.boolean("lower_is_better")
		s.WholeSteps = so.boolean("whole_steps")
		it.Shortfall = s
	}
}

func (d *decoder) bands(o *object, it *domain.Item, hasMax bool) {
	nodes := o.nonEmptyList("bands", ProbEmptyList, "{key} must not be empty")
	kind := ""
	var prev *float64
	for _, n := range nodes {
		bo := d.object(n, "bands", o.item, "a band")
		if bo == nil {
			continue
		}
		bo.allow("at_least", "at_most", "points")
		var b domain.Band
		var k string
		switch hl, hm := bo.has("at_least"), bo.has("at_most"); {
		case hl && hm:
			bo.errf("at_most", ProbBandBoth, "a band has at_least or at_most, not both")
		case !hl && !hm:
			bo.errf("", ProbBandNone, "a band needs at_least or at_most")
		case hl:
			k = "at_least"
			if v, ok := bo.num(k, true); ok {
				b.AtLeast = domain.Float(v)
			}
		default:
			k = "at_most"
			if v, ok := bo.num(k, true); ok {
				b.AtMost = domain.Float(v)
			}
		}
		pts, ok := bo.num("points", true)
		b.Points = pts
		if ok && hasMax && (pts < 0 || pts > it.Max) {
			bo.errf("points", ProbPoints, "points must be within 0 and max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
		}
		it.Bands = append(it.Bands, b)
		if k == "" {
			continue
		}
		if kind == "" {
			kind = k
		} else if k != kind {
			bo.errf(k, ProbBandsMixed, "bands mix at_least and at_most: use one kind for all")
			prev = nil
			continue
		}
		cur := b.AtLeast
		if k == "at_most" {
			cur = b.AtMost
		}
		if cur == nil {
			continue
		}
		if prev != nil {
			if k == "at_least" && *cur >= *prev {
				bo.errf(k, ProbBandsDown, "at_least bands must go down: {value} comes after {prev}", "value", formatNumber(*cur), "prev", formatNumber(*prev))
			}
			if k == "at_most" && *cur <= *prev {
				bo.errf(k, ProbBandsUp, "at_most bands must go up: {value} comes after {prev}", "value", formatNumber(*cur), "prev", formatNumber(*prev))
			}
		}
		prev = cur
	}
}
