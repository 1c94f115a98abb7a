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
	"pingce/internal/yamlnode"
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
// The file holds one YAML document: a second one after a "---" line is
// refused rather than ignored (a "---" with nothing or only comments after
// it is not a document).
func Parse(name string, data []byte) (c *domain.Catalog, err error) {
	d := &decoder{yamlnode.Decoder{File: name}}
	var doc yaml.Node
	if perr := d.Document(data, &doc, "a catalog file"); perr != nil {
		p := yamlnode.SyntaxProblem(data, perr)
		p.File = name
		return nil, &domain.Error{Code: domain.EINVALID,
			Message:  fmt.Sprintf("catalog %s is not valid YAML", name),
			Problems: []domain.Problem{p}}
	}
	c = d.catalog(&doc)
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
		d.Add(nil, "", ProbEmpty, "the file is empty: want a catalog (format: {format})", "format", domain.CatalogFormat)
		return nil
	}
	o := d.Object(root, "", "", "the catalog")
	if o == nil {
		return nil
	}
	o.Allow(topKeys...)
	c := &domain.Catalog{}
	if f := o.Str("format", true); f != "" && f != domain.CatalogFormat {
		o.Errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", f, "want", domain.CatalogFormat)
	}
	c.ID = o.Str("id", true)
	if c.ID != "" && !validCatalogID(c.ID) {
		o.Errf("id", ProbCatalogID, "id {id:q}: use lower-case letters, digits and '-' only", "id", c.ID)
	}
	c.Version = o.Str("version", true)
	c.Title = o.Str("title", true)
	c.Source = o.Str("source", false)
	total, totalOK := o.Num("total", true)
	if totalOK && total <= 0 {
		o.Errf("total", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "total", "value", formatNumber(total))
		totalOK = false
	}
	c.Total = total
	c.UnitTypes = o.Strs("unit_types", true)

	w := &walk{c: c, cats: map[string]int{}, items: map[string]int{}, grades: map[string]bool{}}
	d.grades(o, w)
	d.vetoes(o, c)
	c.VetoGrade = o.Str("veto_grade", false)
	if o.Has("bonus") {
		if bo := d.Object(o.Value("bonus"), "bonus", "", "bonus"); bo != nil {
			bo.Allow("cap")
			if v, ok := bo.Num("cap", true); ok {
				if v <= 0 {
					bo.Errf("cap", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "cap", "value", formatNumber(v))
				}
				c.BonusCap = domain.Float(v)
			}
		}
	}

	cats := o.List("categories")
	if !o.Has("categories") {
		o.Errf("categories", yamlnode.ProbMissing, "missing {key}", "key", "categories")
	} else if len(cats) == 0 && o.Value("categories").Kind == yaml.SequenceNode {
		o.Errf("categories", yamlnode.ProbEmptyList, "{key} must not be empty", "key", "categories")
	}
	for _, n := range cats {
		if cat := d.category(n, false, w); cat != nil {
			c.Categories = append(c.Categories, cat)
		}
	}
	d.caps(o, w)
	if totalOK && !w.maxUnknown && !approxEqual(total, w.sumBase) {
		o.Errf("total", ProbTotal, "total is {total} but the base items' max add up to {sum}",
			"total", formatNumber(total), "sum", formatNumber(w.sumBase))
	}
	return c
}

// approxEqual compares sums of decimal fractions.
func approxEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func (d *decoder) grades(o *object, w *walk) {
	gs := o.List("grades")
	if !o.Has("grades") {
		o.Errf("grades", yamlnode.ProbMissing, "missing {key}", "key", "grades")
	} else if len(gs) == 0 && o.Value("grades").Kind == yaml.SequenceNode {
		o.Errf("grades", yamlnode.ProbEmptyList, "{key} must not be empty", "key", "grades")
	}
	var prev *float64
	for _, n := range gs {
		g := d.Object(n, "grades", "", "a grade")
		if g == nil {
			continue
		}
		g.Allow("min", "grade")
		band := domain.GradeBand{Grade: g.Str("grade", true)}
		low, ok := g.Num("min", true)
		band.Min = low
		if band.Grade != "" {
			if w.grades[band.Grade] {
				g.Errf("grade", ProbGradeTwice, "grade {grade:q} is listed twice", "grade", band.Grade)
			}
			w.grades[band.Grade] = true
		}
		if ok {
			if prev != nil && low >= *prev {
				g.Errf("min", ProbGradeOrder, "min must go down from grade to grade: {min} comes after {prev}",
					"min", formatNumber(low), "prev", formatNumber(*prev))
			}
			prev = &low
		}
		w.c.Grades = append(w.c.Grades, band)
	}
}

func (d *decoder) vetoes(o *object, c *domain.Catalog) {
	seen := map[string]int{}
	for _, n := range o.List("vetoes") {
		v := d.Object(n, "vetoes", "", "a veto")
		if v == nil {
			continue
		}
		v.Allow("id", "title")
		veto := domain.Veto{ID: v.Str("id", true), Title: v.Str("title", true)}
		if veto.ID != "" {
			if !validID(veto.ID) {
				v.Errf("id", ProbBadID, "veto id {id:q}: use letters, digits, '.', '_' and '-'", "id", veto.ID)
			}
			if line, dup := seen[veto.ID]; dup {
				v.Errf("id", ProbDupID, "veto id {id:q} is used twice (first on line {first})", "id", veto.ID, "first", strconv.Itoa(line))
			}
			seen[veto.ID] = v.Line("id").Line
		}
		c.Vetoes = append(c.Vetoes, veto)
	}
}

func (d *decoder) caps(o *object, w *walk) {
	for _, n := range o.List("caps") {
		co := d.Object(n, "caps", "", "a cap")
		if co == nil {
			continue
		}
		co.Allow("category_ratio_below", "item_lost", "max_grade")
		var cp domain.Cap
		hasRatio, hasItem := co.Has("category_ratio_below"), co.Has("item_lost")
		switch {
		case hasRatio && hasItem:
			co.Errf("item_lost", ProbCapBoth, "a cap has one condition: category_ratio_below or item_lost, not both")
		case !hasRatio && !hasItem:
			co.Errf("", ProbCapNone, "a cap needs a condition: category_ratio_below or item_lost")
		case hasRatio:
			if r, ok := co.Num("category_ratio_below", true); ok {
				if r <= 0 || r > 1 {
					co.Errf("category_ratio_below", ProbCapRatio, "category_ratio_below must be more than 0 and at most 1, not {value}", "value", formatNumber(r))
				}
				cp.CategoryRatioBelow = domain.Float(r)
			}
		default:
			cp.ItemLost = co.Str("item_lost", true)
			if _, ok := w.items[cp.ItemLost]; cp.ItemLost != "" && !ok {
				co.Errf("item_lost", ProbCapItem, "item_lost: the catalog has no item {id:q}", "id", cp.ItemLost)
			}
		}
		cp.MaxGrade = co.Str("max_grade", true)
		if cp.MaxGrade != "" && !w.grades[cp.MaxGrade] {
			co.Errf("max_grade", ProbCapGrade, "max_grade {grade:q} is not one of the grades", "grade", cp.MaxGrade)
		}
		w.c.Caps = append(w.c.Caps, cp)
	}
}

func (d *decoder) category(n *yaml.Node, bonus bool, w *walk) *domain.Category {
	o := d.Object(n, "category", "", "a category")
	if o == nil {
		return nil
	}
	cat := &domain.Category{ID: o.Str("id", true)}
	if cat.ID != "" {
		o.What, o.Ctx = "category {category}: ", []string{"in", "category", "category", cat.ID}
		if !validID(cat.ID) {
			o.Errf("id", ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", cat.ID)
		}
		if line, dup := w.cats[cat.ID]; dup {
			o.Errf("id", ProbDupID, "category id {id:q} is used twice (first on line {first})", "id", cat.ID, "first", strconv.Itoa(line))
		} else {
			w.cats[cat.ID] = o.Line("id").Line
		}
	}
	o.Allow(categoryKeys...)
	cat.Title = o.Str("title", true)
	cat.Bonus = o.Bool("bonus")
	bonus = bonus || cat.Bonus
	items, subs := o.List("items"), o.List("categories")
	if len(items) == 0 && len(subs) == 0 {
		o.Errf("", ProbCategoryEmpty, "a category must hold items or categories")
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
	if it.ID != "" && !validID(it.ID) {
		o.Errf("id", ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", it.ID)
	}
	if !part && it.ID != "" {
		if line, dup := w.items[it.ID]; dup {
			o.Errf("id", ProbDupID, "item id {id:q} is used twice (first on line {first})", "id", it.ID, "first", strconv.Itoa(line))
		} else {
			w.items[it.ID] = o.Line("id").Line
		}
	}
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
	it.Unit = o.Str("unit", false)
	if !part {
		it.EvidenceRequired = o.Bool("evidence_required")
		it.AppliesTo = o.Strs("applies_to", true)
		if len(w.c.UnitTypes) > 0 {
			for _, t := range it.AppliesTo {
				if !slices.Contains(w.c.UnitTypes, t) {
					o.Errf("applies_to", ProbUnitType, "applies_to: {type:q} is not one of the unit types {types}",
						"type", t, "types", strings.Join(w.c.UnitTypes, ", "))
				}
			}
		}
	}
	max, hasMax := o.Num("max", false)
	if hasMax && max <= 0 {
		o.Errf("max", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "max", "value", formatNumber(max))
		hasMax = false
	}
	it.Max = max
	composite := !part && o.Has("parts")
	if !hasMax && !composite {
		w.maxUnknown = true // the sum of maxes means nothing: do not compare it with total
	}

	if composite {
		d.parts(o, it, hasMax, w)
		return it
	}
	if !o.Has("max") {
		o.Errf("max", yamlnode.ProbMissing, "missing {key}", "key", "max")
	}
	if !o.Has("method") {
		if part {
			o.Errf("method", ProbNoMethod, "missing method (check, levels, numeric, deduct or count)")
		} else {
			o.Errf("method", ProbNoMethodOrParts, "missing method (check, levels, numeric, deduct or count) or parts")
		}
		return it
	}
	it.Method = domain.Method(o.Str("method", true))
	if it.Method == "" {
		return it
	}
	if !slices.Contains(domain.Methods, it.Method) {
		o.Errf("method", ProbMethod, "unknown method {method:q}: want check, levels, numeric, deduct or count", "method", string(it.Method))
		return it
	}
	for _, p := range methodParams {
		if o.Has(p.key) && !slices.Contains(p.methods, it.Method) {
			o.Errf(p.key, ProbParam, "{key} does not fit method {method}", "key", p.key, "method", string(it.Method))
		}
	}
	switch it.Method {
	case domain.MethodLevels:
		d.levels(o, it, hasMax)
	case domain.MethodNumeric:
		d.numeric(o, it, hasMax)
	case domain.MethodDeduct, domain.MethodCount:
		if per, ok := o.Num("per", true); ok {
			if per <= 0 {
				o.Errf("per", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "per", "value", formatNumber(per))
			}
			it.Per = per
		}
		if it.Method == domain.MethodCount {
			break
		}
		if f, ok := o.Num("floor", false); ok {
			if f < 0 || (hasMax && f >= max) {
				o.Errf("floor", ProbFloor, "floor must be at least 0 and below max ({max}), not {value}", "max", formatNumber(max), "value", formatNumber(f))
			}
			it.Floor = f
		}
		if z, ok := o.Num("zero_at", false); ok {
			if z < 1 || z != math.Trunc(z) || z > 1e9 {
				o.Errf("zero_at", ProbZeroAt, "zero_at must be a whole number of at least 1, not {value}", "value", formatNumber(z))
			} else {
				it.ZeroAt = int(z)
			}
		}
	}
	return it
}

// parts reads the parts of a composite item.
func (d *decoder) parts(o *object, it *domain.Item, hasMax bool, w *walk) {
	if o.Has("method") {
		o.Errf("method", ProbMethodAndParts, "an item has either method or parts, not both")
	}
	for _, p := range methodParams {
		if o.Has(p.key) {
			o.Errf(p.key, ProbParamOnParts, "{key} does not fit an item with parts: put it on a part", "key", p.key)
		}
	}
	nodes := o.NonEmptyList("parts", yamlnode.ProbEmptyList, "{key} must not be empty")
	seen := map[string]int{}
	sum := 0.0
	for _, n := range nodes {
		p := d.item(n, true, it.ID, w)
		if p == nil {
			continue
		}
		if p.ID != "" {
			if line, dup := seen[p.ID]; dup {
				d.Add(n, it.ID, ProbDupID, "part id {id:q} is used twice (first on line {first})", "id", p.ID, "first", strconv.Itoa(line))
			}
			seen[p.ID] = n.Line
		}
		sum += p.Max
		it.Parts = append(it.Parts, p)
	}
	if hasMax && !approxEqual(it.Max, sum) {
		o.Errf("max", ProbPartsMax, "max is {max} but the parts' max add up to {sum}", "max", formatNumber(it.Max), "sum", formatNumber(sum))
	}
	if !hasMax {
		it.Max = sum
	}
}

func (d *decoder) levels(o *object, it *domain.Item, hasMax bool) {
	nodes := o.NonEmptyList("levels", ProbNoLevels, "a levels item needs a non-empty list of levels")
	seen := map[string]bool{}
	for i, n := range nodes {
		lo := d.Object(n, "levels", o.Item, "a level")
		if lo == nil {
			continue
		}
		lo.Allow("label", "points")
		l := domain.Level{Label: lo.Str("label", true)}
		if l.Label != "" {
			if seen[l.Label] {
				lo.Errf("label", ProbLabelTwice, "label {label:q} is used twice", "label", l.Label)
			}
			seen[l.Label] = true
		}
		pts, ok := lo.Num("points", true)
		l.Points = pts
		if ok && hasMax {
			if pts < 0 || pts > it.Max {
				lo.Errf("points", ProbPoints, "points must be within 0 and max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
			} else if i == 0 && pts != it.Max {
				lo.Errf("points", ProbFirstLevel, "the first level must give max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
			}
		}
		it.Levels = append(it.Levels, l)
	}
}

func (d *decoder) numeric(o *object, it *domain.Item, hasMax bool) {
	it.Change = o.Bool("change")
	var rules []string
	for _, k := range []string{"bands", "linear", "shortfall"} {
		if o.Has(k) {
			rules = append(rules, k)
		}
	}
	switch len(rules) {
	case 0:
		o.Errf("", ProbNoRule, "a numeric item needs one rule: bands, linear or shortfall")
		return
	case 1:
	default:
		o.Errf(rules[1], ProbTwoRules, "a numeric item takes one rule, not "+strings.Join(rules, " and "), "rules", strings.Join(rules, ", "))
		return
	}
	switch rules[0] {
	case "bands":
		d.bands(o, it, hasMax)
	case "linear":
		lo := d.Object(o.Value("linear"), "linear", o.Item, "linear")
		if lo == nil {
			return
		}
		lo.Allow("zero", "full")
		zero, ok1 := lo.Num("zero", true)
		full, ok2 := lo.Num("full", true)
		if ok1 && ok2 && zero == full {
			lo.Errf("full", ProbLinear, "zero and full must differ (both are {value})", "value", formatNumber(zero))
		}
		it.Linear = &domain.Linear{Zero: zero, Full: full}
	case "shortfall":
		so := d.Object(o.Value("shortfall"), "shortfall", o.Item, "shortfall")
		if so == nil {
			return
		}
		so.Allow("target", "step", "per", "lower_is_better", "whole_steps")
		s := &domain.Shortfall{}
		s.Target, _ = so.Num("target", true)
		if step, ok := so.Num("step", true); ok {
			if step <= 0 {
				so.Errf("step", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "step", "value", formatNumber(step))
			}
			s.Step = step
		}
		if per, ok := so.Num("per", true); ok {
			if per < 0 {
				so.Errf("per", ProbNegative, "{key} must be 0 or more, not {value}", "key", "per", "value", formatNumber(per))
			}
			s.Per = per
		}
		s.LowerIsBetter = so.Bool("lower_is_better")
		s.WholeSteps = so.Bool("whole_steps")
		it.Shortfall = s
	}
}

func (d *decoder) bands(o *object, it *domain.Item, hasMax bool) {
	nodes := o.NonEmptyList("bands", yamlnode.ProbEmptyList, "{key} must not be empty")
	kind := ""
	var prev *float64
	for _, n := range nodes {
		bo := d.Object(n, "bands", o.Item, "a band")
		if bo == nil {
			continue
		}
		bo.Allow("at_least", "at_most", "points")
		var b domain.Band
		var k string
		switch hl, hm := bo.Has("at_least"), bo.Has("at_most"); {
		case hl && hm:
			bo.Errf("at_most", ProbBandBoth, "a band has at_least or at_most, not both")
		case !hl && !hm:
			bo.Errf("", ProbBandNone, "a band needs at_least or at_most")
		case hl:
			k = "at_least"
			if v, ok := bo.Num(k, true); ok {
				b.AtLeast = domain.Float(v)
			}
		default:
			k = "at_most"
			if v, ok := bo.Num(k, true); ok {
				b.AtMost = domain.Float(v)
			}
		}
		pts, ok := bo.Num("points", true)
		b.Points = pts
		if ok && hasMax && (pts < 0 || pts > it.Max) {
			bo.Errf("points", ProbPoints, "points must be within 0 and max ({max}), not {value}", "max", formatNumber(it.Max), "value", formatNumber(pts))
		}
		it.Bands = append(it.Bands, b)
		if k == "" {
			continue
		}
		if kind == "" {
			kind = k
		} else if k != kind {
			bo.Errf(k, ProbBandsMixed, "bands mix at_least and at_most: use one kind for all")
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
				bo.Errf(k, ProbBandsDown, "at_least bands must go down: {value} comes after {prev}", "value", formatNumber(*cur), "prev", formatNumber(*prev))
			}
			if k == "at_most" && *cur <= *prev {
				bo.Errf(k, ProbBandsUp, "at_most bands must go up: {value} comes after {prev}", "value", formatNumber(*cur), "prev", formatNumber(*prev))
			}
		}
		prev = cur
	}
}
