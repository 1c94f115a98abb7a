package domain

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Problem codes of Catalog.Check, with the names of their Args. Every
// reader of catalogs (YAML, a spreadsheet, a package) gets these checks
// the same way; the YAML reader adds its own codes for the file's shape.
const (
	ProbCatEmptyField   = "catalog.empty_field"    // key: a required text or list is empty
	ProbCatNotNumber    = "catalog.not_a_number"   // key: a number that is NaN or infinite
	ProbCatalogID       = "catalog.bad_catalog_id" // id
	ProbBadID           = "catalog.bad_id"         // id
	ProbIDTwice         = "catalog.id_twice"       // id: used twice (CatalogFinding.First says where first)
	ProbDupID           = "catalog.duplicate_id"   // id, first: as ProbIDTwice, with the line of the first
	ProbNotPositive     = "catalog.not_positive"   // key, value
	ProbNegative        = "catalog.negative"       // key, value
	ProbTotal           = "catalog.total_mismatch" // total, sum
	ProbGradeTwice      = "catalog.grade_twice"    // grade
	ProbGradeOrder      = "catalog.grades_order"   // min, prev
	ProbCapBoth         = "catalog.cap_two_conditions"
	ProbCapNone         = "catalog.cap_no_condition"
	ProbCapRatio        = "catalog.cap_ratio_range"   // value
	ProbCapItem         = "catalog.cap_unknown_item"  // id
	ProbCapGrade        = "catalog.cap_unknown_grade" // grade
	ProbCategoryEmpty   = "catalog.category_empty"
	ProbUnitType        = "catalog.unknown_unit_type" // type, types
	ProbNoMethod        = "catalog.missing_method"
	ProbNoMethodOrParts = "catalog.missing_method_or_parts"
	ProbMethod          = "catalog.unknown_method"       // method
	ProbParam           = "catalog.param_not_for_method" // key, method
	ProbFloor           = "catalog.floor_range"          // max, value
	ProbZeroAt          = "catalog.zero_at_whole"        // value
	ProbMethodAndParts  = "catalog.method_and_parts"
	ProbParamOnParts    = "catalog.param_on_parts"     // key
	ProbPartsMax        = "catalog.parts_max_mismatch" // max, sum
	ProbNoLevels        = "catalog.no_levels"
	ProbLabelTwice      = "catalog.label_twice"     // label
	ProbPoints          = "catalog.points_range"    // max, value
	ProbFirstLevel      = "catalog.first_level_max" // max, value
	ProbNoRule          = "catalog.numeric_no_rule"
	ProbTwoRules        = "catalog.numeric_two_rules" // rules
	ProbLinear          = "catalog.linear_same"       // value
	ProbBandBoth        = "catalog.band_two_bounds"
	ProbBandNone        = "catalog.band_no_bound"
	ProbBandsMixed      = "catalog.bands_mixed"
	ProbBandsDown       = "catalog.bands_order_down" // value, prev
	ProbBandsUp         = "catalog.bands_order_up"   // value, prev

	// Rule shapes beyond the five methods (issue 15).
	ProbDeductCapUnused = "catalog.deduct_cap_unused"     // a deduct_cap on a category without deduct items
	ProbBonusCapNotHere = "catalog.bonus_cap_not_bonus"   // bonus_cap on a category that is not a bonus one
	ProbNotInBonus      = "catalog.rule_not_in_bonus"     // key: a base-only rule under a bonus category
	ProbOnlyInBonus     = "catalog.rule_only_in_bonus"    // key: a bonus-only rule under a base category
	ProbOverflowAt      = "catalog.overflow_at_range"     // max, value
	ProbSegmentBound    = "catalog.segment_bound"         // a piecewise segment needs below or above, one of them
	ProbSegmentsMixed   = "catalog.segments_mixed"        // below and above mixed
	ProbSegmentsOrder   = "catalog.segments_order"        // key, value, prev
	ProbChangeTwice     = "catalog.change_and_difference" // change and difference together
	ProbNAKind          = "catalog.unknown_na"            // value
	ProbVetoEffect      = "catalog.unknown_veto_effect"   // effect
	ProbVetoPoints      = "catalog.veto_points"           // points only with effect deduct
	ProbByUnitType      = "catalog.by_unit_type_unknown"  // type, types
)

// CatalogFinding is one problem Catalog.Check found, with the element of
// the catalog it is about, so that a reader can say where it is in its
// file (the YAML reader: file and line; a spreadsheet: sheet and cell).
//
// The Problem's ItemID is the item (or "item.part") it is about, and Args
// "in" and "category" say which part of the catalog, as for any problem.
type CatalogFinding struct {
	Problem
	// Elem is the element the finding is about: the *Catalog, a
	// *GradeBand, *Cap or *Veto of it, BonusCap (*float64), a *Category,
	// an *Item (items and parts), or an item's *Level, *Band, *Linear or
	// *Shortfall.
	Elem any
	// Field is the field of Elem it is about, named as in the catalog
	// format (docs/formats.md §1): "total", "min", "max", "points", "id" …;
	// "" for Elem as a whole.
	Field string
	// First is, for ProbIDTwice, the element that has the id first.
	First any
}

// Check returns every problem of the catalog's content, whatever format it
// was read from: ids (valid, none used twice), required texts and lists,
// numbers (finite, positive where they must be), the total against the
// base items' max, grades (each once, min going down), caps and their
// references to items and grades, vetoes, categories that hold nothing,
// unit types of items, and each item's method and parameters (levels,
// bands, linear, shortfall, per, floor, zero_at, parts).
//
// A number that is NaN or infinite is reported once; what depends on it
// (the total, points against max …) is not checked, so one mistake gives
// one finding. An item whose Parts is not nil is taken as made of parts,
// even when the list is empty (which Check reports). Findings come in
// catalog order.
func (c *Catalog) Check() []CatalogFinding {
	k := &checker{c: c, items: map[string]*Item{}, cats: map[string]*Category{}, grades: map[string]bool{}}
	k.catalog()
	return k.out
}

// CheckProblems returns the problems of Check without their elements.
func (c *Catalog) CheckProblems() []Problem {
	fs := c.Check()
	ps := make([]Problem, len(fs))
	for i, f := range fs {
		ps[i] = f.Problem
	}
	return ps
}

// checker is the state of one Check.
type checker struct {
	c      *Catalog
	out    []CatalogFinding
	items  map[string]*Item
	cats   map[string]*Category
	grades map[string]bool
}

// add records a finding about field of elem, in part "in" of the catalog
// (see Problem.Args) and about item.
func (k *checker) add(elem any, field string, where []string, item, code, format string, kv ...string) *CatalogFinding {
	p := NewProblem(code, format, slices.Concat(where, kv)...)
	p.ItemID = item
	k.out = append(k.out, CatalogFinding{Problem: p, Elem: elem, Field: field})
	return &k.out[len(k.out)-1]
}

// number reports a value that is not a finite number and returns whether
// it is one.
func (k *checker) number(elem any, key string, where []string, item string, v float64) bool {
	if finite(v) {
		return true
	}
	k.add(elem, key, where, item, ProbCatNotNumber, "{key} must be a finite number", "key", key)
	return false
}

// text reports a required text that is empty.
func (k *checker) text(elem any, key string, where []string, item, v string) {
	if strings.TrimSpace(v) == "" {
		k.add(elem, key, where, item, ProbCatEmptyField, "{key} must not be empty", "key", key)
	}
}

// CheckNumber writes a number in a finding: as a catalog file writes it.
func CheckNumber(f float64) string {
	if a := math.Abs(f); a < 1e15 && (a >= 1e-4 || a == 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func (k *checker) catalog() {
	c := k.c
	k.text(c, "id", nil, "", c.ID)
	if c.ID != "" && !ValidCatalogID(c.ID) {
		k.add(c, "id", nil, "", ProbCatalogID, "id {id:q}: use lower-case letters, digits and '-' only", "id", c.ID)
	}
	k.text(c, "version", nil, "", c.Version)
	k.text(c, "title", nil, "", c.Title)
	totalOK := k.number(c, "total", nil, "", c.Total)
	if totalOK && c.Total <= 0 {
		k.add(c, "total", nil, "", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "total", "value", CheckNumber(c.Total))
		totalOK = false
	}
	k.gradeBands()
	k.itemGradeBands(c.ItemGrades, []string{"in", "item_grades"})
	k.vetoes()
	if c.BonusCap != nil {
		in := []string{"in", "bonus"}
		if v := *c.BonusCap; k.number(c.BonusCap, "cap", in, "", v) && v <= 0 {
			k.add(c.BonusCap, "cap", in, "", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "cap", "value", CheckNumber(v))
		}
	}
	if len(c.Categories) == 0 {
		k.add(c, "categories", nil, "", ProbCatEmptyField, "{key} must not be empty", "key", "categories")
	}
	sum, known := 0.0, true
	for _, cat := range c.Categories {
		if cat == nil {
			continue
		}
		s, ok := k.category(cat, false)
		sum += s
		known = known && ok
	}
	k.caps()
	k.gradeGates() // round.go: requires and quota, once the items are known
	if totalOK && known && len(c.Categories) > 0 && !approxEqual(c.Total, sum) {
		k.add(c, "total", nil, "", ProbTotal, "total is {total} but the base items' max add up to {sum}",
			"total", CheckNumber(c.Total), "sum", CheckNumber(sum))
	}
}

// approxEqual compares sums of decimal fractions.
func approxEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func (k *checker) gradeBands() {
	in := []string{"in", "grades"}
	if len(k.c.Grades) == 0 {
		k.add(k.c, "grades", nil, "", ProbCatEmptyField, "{key} must not be empty", "key", "grades")
	}
	prev := math.NaN()
	for i := range k.c.Grades {
		g := &k.c.Grades[i]
		k.text(g, "grade", in, "", g.Grade)
		if g.Grade != "" {
			if k.grades[g.Grade] {
				k.add(g, "grade", in, "", ProbGradeTwice, "grade {grade:q} is listed twice", "grade", g.Grade)
			}
			k.grades[g.Grade] = true
		}
		if !k.number(g, "min", in, "", g.Min) {
			continue
		}
		if !math.IsNaN(prev) && g.Min >= prev {
			k.add(g, "min", in, "", ProbGradeOrder, "min must go down from grade to grade: {min} comes after {prev}",
				"min", CheckNumber(g.Min), "prev", CheckNumber(prev))
		}
		prev = g.Min
	}
}

func (k *checker) vetoes() {
	in := []string{"in", "vetoes"}
	first := map[string]*Veto{}
	for i := range k.c.Vetoes {
		v := &k.c.Vetoes[i]
		k.text(v, "id", in, "", v.ID)
		k.text(v, "title", in, "", v.Title)
		switch {
		case v.Effect != "" && !slices.Contains(VetoEffects, v.Effect):
			k.add(v, "effect", in, "", ProbVetoEffect, "effect {effect:q}: want grade, zero, no_top, deduct or lowest", "effect", v.Effect)
		case v.Effect == VetoDeduct:
			if k.number(v, "points", in, "", v.Points) && v.Points <= 0 {
				k.add(v, "points", in, "", ProbNotPositive, "{key} must be more than 0, not {value}", "key", "points", "value", CheckNumber(v.Points))
			}
		case v.Points != 0:
			k.add(v, "points", in, "", ProbVetoPoints, "points fit only a veto with effect: deduct")
		}
		if v.ID == "" {
			continue
		}
		if !ValidID(v.ID) {
			k.add(v, "id", in, "", ProbBadID, "veto id {id:q}: use letters, digits, '.', '_' and '-'", "id", v.ID)
		}
		if f, dup := first[v.ID]; dup {
			k.add(v, "id", in, "", ProbIDTwice, "veto id {id:q} is used twice", "id", v.ID).First = f
		} else {
			first[v.ID] = v
		}
	}
}

func (k *checker) caps() {
	in := []string{"in", "caps"}
	for i := range k.c.Caps {
		cp := &k.c.Caps[i]
		switch {
		case cp.BelowAverage != "":
			k.belowAverageCap(cp, in) // round.go
		case cp.CategoryRatioBelow != nil && cp.ItemLost != "":
			k.add(cp, "item_lost", in, "", ProbCapBoth, "a cap has one condition: category_ratio_below or item_lost, not both")
		case cp.CategoryRatioBelow == nil && cp.ItemLost == "":
			k.add(cp, "", in, "", ProbCapNone, "a cap needs a condition: category_ratio_below or item_lost")
		case cp.CategoryRatioBelow != nil:
			if r := *cp.CategoryRatioBelow; k.number(cp, "category_ratio_below", in, "", r) && (r <= 0 || r > 1) {
				k.add(cp, "category_ratio_below", in, "", ProbCapRatio,
					"category_ratio_below must be more than 0 and at most 1, not {value}", "value", CheckNumber(r))
			}
		default:
			if k.items[cp.ItemLost] == nil {
				k.add(cp, "item_lost", in, "", ProbCapItem, "item_lost: the catalog has no item {id:q}", "id", cp.ItemLost)
			}
		}
		k.text(cp, "max_grade", in, "", cp.MaxGrade)
		if cp.MaxGrade != "" && !k.grades[cp.MaxGrade] {
			k.add(cp, "max_grade", in, "", ProbCapGrade, "max_grade {grade:q} is not one of the grades", "grade", cp.MaxGrade)
		}
	}
}

// category checks a category and what it holds, and returns the sum of
// its base items' max and whether every one of them is known.
func (k *checker) category(cat *Category, bonus bool) (sum float64, known bool) {
	var in []string
	if cat.ID != "" {
		in = []string{"in", "category", "category", cat.ID}
	} else {
		in = []string{"in", "category"}
	}
	k.text(cat, "id", in, "", cat.ID)
	if cat.ID != "" {
		if !ValidID(cat.ID) {
			k.add(cat, "id", in, "", ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", cat.ID)
		}
		if f, dup := k.cats[cat.ID]; dup {
			k.add(cat, "id", in, "", ProbIDTwice, "category id {id:q} is used twice", "id", cat.ID).First = f
		} else {
			k.cats[cat.ID] = cat
		}
	}
	k.text(cat, "title", in, "", cat.Title)
	k.itemGradeBands(cat.ItemGrades, []string{"in", "item_grades", "category", cat.ID})
	if len(cat.Items) == 0 && len(cat.Categories) == 0 {
		k.add(cat, "", in, "", ProbCategoryEmpty, "a category must hold items or categories")
	}
	bonus = bonus || cat.Bonus
	k.categoryRules(cat, in, bonus)
	known = true
	for _, it := range cat.Items {
		if it == nil {
			continue
		}
		k.bonusRules(it, bonus)
		max, ok := k.item(it)
		if !bonus {
			sum += max
			known = known && ok
		}
	}
	for _, sub := range cat.Categories {
		if sub == nil {
			continue
		}
		s, ok := k.category(sub, bonus)
		sum += s
		known = known && ok
	}
	return sum, known
}

// positive reports a value that is not a finite number above 0.
func (k *checker) positive(elem any, key string, where []string, item string, v float64) bool {
	if !k.number(elem, key, where, item, v) {
		return false
	}
	if v <= 0 {
		k.add(elem, key, where, item, ProbNotPositive, "{key} must be more than 0, not {value}", "key", key, "value", CheckNumber(v))
		return false
	}
	return true
}

// categoryRules checks a category's deduction budget and bonus cap.
func (k *checker) categoryRules(cat *Category, in []string, bonus bool) {
	if cat.DeductCap != nil && k.positive(cat, "deduct_cap", in, "", *cat.DeductCap) {
		switch {
		case bonus:
			k.add(cat, "deduct_cap", in, "", ProbNotInBonus, "{key} does not fit a bonus category", "key", "deduct_cap")
		case !slices.ContainsFunc(cat.Items, func(it *Item) bool { return it != nil && it.Method == MethodDeduct }):
			k.add(cat, "deduct_cap", in, "", ProbDeductCapUnused, "deduct_cap needs deduct items directly in the category")
		}
	}
	if cat.BonusCap != nil && k.positive(cat, "bonus_cap", in, "", *cat.BonusCap) && !bonus {
		k.add(cat, "bonus_cap", in, "", ProbBonusCapNotHere, "bonus_cap fits only a bonus category")
	}
}

// bonusRules checks the rules that fit only base items (overflow) or only
// bonus items (uncapped).
func (k *checker) bonusRules(it *Item, bonus bool) {
	in := itemWhere(it, false)
	if it.Overflow != nil && bonus {
		k.add(it, "overflow", in, it.ID, ProbNotInBonus, "{key} does not fit a bonus item", "key", "overflow")
	}
	if it.Uncapped && !bonus {
		k.add(it, "uncapped", in, it.ID, ProbOnlyInBonus, "{key} fits only a bonus item: a base item keeps its max", "key", "uncapped")
	}
}

// itemWhere is the part of the catalog an item is in: nothing for an item
// with an id (ItemID says which), else "an item without id".
func itemWhere(it *Item, part bool) []string {
	switch {
	case it.ID != "":
		return nil
	case part:
		return []string{"in", "part"}
	}
	return []string{"in", "item"}
}

// item checks an item and returns its max and whether it is known.
func (k *checker) item(it *Item) (float64, bool) {
	in := itemWhere(it, false)
	k.text(it, "id", in, it.ID, it.ID)
	if it.ID != "" {
		if !ValidID(it.ID) {
			k.add(it, "id", in, it.ID, ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", it.ID)
		}
		if f, dup := k.items[it.ID]; dup {
			k.add(it, "id", in, it.ID, ProbIDTwice, "item id {id:q} is used twice", "id", it.ID).First = f
		} else {
			k.items[it.ID] = it
		}
	}
	if types := k.c.UnitTypes; len(types) > 0 {
		for _, t := range it.AppliesTo {
			if !slices.Contains(types, t) {
				k.add(it, "applies_to", in, it.ID, ProbUnitType, "applies_to: {type:q} is not one of the unit types {types}",
					"type", t, "types", strings.Join(types, ", "))
			}
		}
	}
	if it.NA != "" && it.NA != NAExclude && it.NA != NAFull && it.NA != NAAverage {
		k.add(it, "na", in, it.ID, ProbNAKind, "na {value:q}: want exclude, full or average", "value", it.NA)
	}
	if it.Parts == nil {
		return k.leaf(it, it.ID, false)
	}
	if len(it.Parts) == 0 {
		k.add(it, "parts", in, it.ID, ProbCatEmptyField, "{key} must not be empty", "key", "parts")
	}
	maxOK := k.max(it, in, it.ID)
	if it.Method != "" {
		k.add(it, "method", in, it.ID, ProbMethodAndParts, "an item has either method or parts, not both")
	}
	for _, key := range it.params() {
		k.add(it, key, in, it.ID, ProbParamOnParts, "{key} does not fit an item with parts: put it on a part", "key", key)
	}
	first := map[string]*Item{}
	sum, known := 0.0, true
	for _, p := range it.Parts {
		if p == nil {
			continue
		}
		if p.ID != "" {
			if f, dup := first[p.ID]; dup {
				k.add(p, "id", nil, it.ID, ProbIDTwice, "part id {id:q} is used twice", "id", p.ID).First = f
			} else {
				first[p.ID] = p
			}
		}
		id := it.ID // a part without id: the problems are about its item
		if p.ID != "" {
			id += "." + p.ID
		}
		pm, ok := k.leaf(p, id, true)
		sum += pm
		known = known && ok
	}
	if maxOK && known && len(it.Parts) > 0 && !approxEqual(it.Max, sum) {
		k.add(it, "max", in, it.ID, ProbPartsMax, "max is {max} but the parts' max add up to {sum}",
			"max", CheckNumber(it.Max), "sum", CheckNumber(sum))
	}
	return it.Max, maxOK
}

// max checks an item's max and returns whether it is a usable number.
func (k *checker) max(it *Item, in []string, item string) bool {
	if !k.number(it, "max", in, item, it.Max) {
		return false
	}
	if it.Max <= 0 {
		k.add(it, "max", in, item, ProbNotPositive, "{key} must be more than 0, not {value}", "key", "max", "value", CheckNumber(it.Max))
		return false
	}
	return true
}

// params returns the method parameters the item sets, as the catalog
// format names them.
func (it *Item) params() []string {
	var out []string
	for _, p := range []struct {
		key string
		set bool
	}{
		{"levels", it.Levels != nil},
		{"bands", it.Bands != nil},
		{"linear", it.Linear != nil},
		{"shortfall", it.Shortfall != nil},
		{"change", it.Change},
		{"per", it.Per != 0},
		{"floor", it.Floor != 0},
		{"zero_at", it.ZeroAt != 0},
		{"overflow", it.Overflow != nil},
		{"piecewise", it.Piecewise != nil},
		{"slope", it.Slope != nil},
		{"difference", it.Difference},
		{"exact", it.Exact != nil},
		{"uncapped", it.Uncapped},
		{"by_unit_type", it.ByUnitType != nil},
		{"relative", it.Relative != nil},
		{"rank", it.Rank != nil},
		{"kinds", it.Kinds != nil},
		{"multipliers", it.Multipliers != nil},
		{"discretion", it.Discretion != nil},
	} {
		if p.set {
			out = append(out, p.key)
		}
	}
	return out
}

// paramMethods lists the methods each parameter fits.
var paramMethods = map[string][]Method{
	"levels": {MethodLevels}, "bands": {MethodNumeric}, "linear": {MethodNumeric},
	"shortfall": {MethodNumeric}, "change": {MethodNumeric},
	"per": {MethodDeduct, MethodCount}, "floor": {MethodDeduct}, "zero_at": {MethodDeduct},
	"overflow": {MethodDeduct}, "piecewise": {MethodNumeric}, "slope": {MethodNumeric},
	"difference": {MethodNumeric}, "exact": {MethodNumeric}, "uncapped": {MethodCount},
	"by_unit_type": {MethodNumeric}, "relative": {MethodNumeric}, "rank": {MethodNumeric},
	"kinds": {MethodCount, MethodDeduct}, "multipliers": {MethodCount, MethodDeduct}, "discretion": {MethodDeduct},
}

// ParamFits reports whether the method parameter key (levels, bands,
// linear, shortfall, change, per, floor, zero_at) belongs to method m.
func ParamFits(key string, m Method) bool { return slices.Contains(paramMethods[key], m) }

// leaf checks an item or part scored by a method; item is its id in
// findings. It returns its max and whether that is known.
func (k *checker) leaf(it *Item, item string, part bool) (float64, bool) {
	in := itemWhere(it, part)
	if part {
		k.text(it, "id", in, item, it.ID)
		if it.ID != "" && !ValidID(it.ID) {
			k.add(it, "id", in, item, ProbBadID, "id {id:q}: use letters, digits, '.', '_' and '-'", "id", it.ID)
		}
	}
	k.text(it, "title", in, item, it.Title)
	maxOK := k.max(it, in, item)
	switch {
	case it.Method == "" && part:
		k.add(it, "method", in, item, ProbNoMethod, "missing method (check, levels, numeric, deduct or count)")
		return it.Max, maxOK
	case it.Method == "":
		k.add(it, "method", in, item, ProbNoMethodOrParts, "missing method (check, levels, numeric, deduct or count) or parts")
		return it.Max, maxOK
	case !slices.Contains(Methods, it.Method):
		k.add(it, "method", in, item, ProbMethod, "unknown method {method:q}: want check, levels, numeric, deduct or count", "method", string(it.Method))
		return it.Max, maxOK
	}
	for _, key := range it.params() {
		if !ParamFits(key, it.Method) {
			k.add(it, key, in, item, ProbParam, "{key} does not fit method {method}", "key", key, "method", string(it.Method))
		}
	}
	switch it.Method {
	case MethodLevels:
		k.levels(it, in, item, maxOK)
	case MethodNumeric:
		k.numeric(it, in, item, maxOK)
	case MethodDeduct, MethodCount:
		// counted (catalogtiered.go) checks kinds, multipliers and discretion,
		// and says whether they replace per.
		if !k.counted(it, in, item, part, maxOK) && k.number(it, "per", in, item, it.Per) && it.Per <= 0 {
			k.add(it, "per", in, item, ProbNotPositive, "{key} must be more than 0, not {value}", "key", "per", "value", CheckNumber(it.Per))
		}
		if it.Method == MethodCount {
			break
		}
		if k.number(it, "floor", in, item, it.Floor) && (it.Floor < 0 || maxOK && it.Floor >= it.Max) {
			k.add(it, "floor", in, item, ProbFloor, "floor must be at least 0 and below max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(it.Floor))
		}
		if it.ZeroAt < 0 {
			k.add(it, "zero_at", in, item, ProbZeroAt, "zero_at must be a whole number of at least 1, not {value}", "value", strconv.Itoa(it.ZeroAt))
		}
		if ov := it.Overflow; ov != nil {
			oin := []string{"in", "overflow"}
			if k.positive(ov, "at", oin, item, ov.At) && maxOK && ov.At > it.Max {
				k.add(ov, "at", oin, item, ProbOverflowAt, "at must be more than 0 and at most max ({max}), not {value}",
					"max", CheckNumber(it.Max), "value", CheckNumber(ov.At))
			}
			k.positive(ov, "extra", oin, item, ov.Extra)
		}
	}
	return it.Max, maxOK
}

func (k *checker) levels(it *Item, in []string, item string, maxOK bool) {
	if len(it.Levels) == 0 {
		k.add(it, "levels", in, item, ProbNoLevels, "a levels item needs a non-empty list of levels")
		return
	}
	lin := []string{"in", "levels"}
	seen := map[string]bool{}
	for i := range it.Levels {
		l := &it.Levels[i]
		k.text(l, "label", lin, item, l.Label)
		if l.Label != "" {
			if seen[l.Label] {
				k.add(l, "label", lin, item, ProbLabelTwice, "label {label:q} is used twice", "label", l.Label)
			}
			seen[l.Label] = true
		}
		if !k.number(l, "points", lin, item, l.Points) || !maxOK {
			continue
		}
		if l.Points < 0 || l.Points > it.Max {
			k.add(l, "points", lin, item, ProbPoints, "points must be within 0 and max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(l.Points))
		} else if i == 0 && l.Points != it.Max {
			k.add(l, "points", lin, item, ProbFirstLevel, "the first level must give max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(l.Points))
		}
	}
}

func (k *checker) numeric(it *Item, in []string, item string, maxOK bool) {
	var rules []string
	if it.Bands != nil {
		rules = append(rules, "bands")
	}
	if it.Linear != nil {
		rules = append(rules, "linear")
	}
	if it.Shortfall != nil {
		rules = append(rules, "shortfall")
	}
	if it.Piecewise != nil {
		rules = append(rules, "piecewise")
	}
	if it.Slope != nil {
		rules = append(rules, "slope")
	}
	if it.Relative != nil {
		rules = append(rules, "relative")
	}
	if it.Rank != nil {
		rules = append(rules, "rank")
	}
	if it.Change && it.Difference {
		k.add(it, "difference", in, item, ProbChangeTwice, "change (a percent) and difference (value − baseline) exclude each other")
	}
	for i := range it.Exact {
		e, ein := &it.Exact[i], []string{"in", "exact"}
		k.number(e, "value", ein, item, e.Value)
		k.pointsIn(e, ein, item, e.Points, it.Max, maxOK)
	}
	if it.ByUnitType != nil {
		types := make([]string, 0, len(it.ByUnitType))
		for t := range it.ByUnitType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			r := it.ByUnitType[t]
			if r == nil {
				continue
			}
			if len(k.c.UnitTypes) > 0 && !slices.Contains(k.c.UnitTypes, t) {
				k.add(it, "by_unit_type", in, item, ProbByUnitType, "by_unit_type: {type:q} is not one of the unit types {types}",
					"type", t, "types", strings.Join(k.c.UnitTypes, ", "))
			}
			if r.Max != it.Max { // a rule by unit type scores within the item's max
				rc := *r
				rc.Max, r = it.Max, &rc
			}
			k.numeric(r, []string{"in", "by_unit_type", "type", t}, item, maxOK)
		}
	}
	switch len(rules) {
	case 0:
		k.add(it, "", in, item, ProbNoRule, "a numeric item needs one rule: bands, linear or shortfall")
		return
	case 1:
	default:
		k.add(it, rules[1], in, item, ProbTwoRules, "a numeric item takes one rule, not "+strings.Join(rules, " and "),
			"rules", strings.Join(rules, ", "))
		return
	}
	switch {
	case it.Relative != nil || it.Rank != nil:
		k.roundRule(it, in, item, maxOK) // round.go
	case it.Bands != nil:
		k.bands(it, item, maxOK)
	case it.Piecewise != nil:
		k.piecewise(it, item)
	case it.Slope != nil:
		sl, sin := it.Slope, []string{"in", "slope"}
		k.number(sl, "base", sin, item, sl.Base)
		k.pointsIn(sl, sin, item, sl.Points, it.Max, maxOK)
		if k.number(sl, "per", sin, item, sl.Per) && sl.Per < 0 {
			k.add(sl, "per", sin, item, ProbNegative, "{key} must be 0 or more, not {value}", "key", "per", "value", CheckNumber(sl.Per))
		}
	case it.Linear != nil:
		l, lin := it.Linear, []string{"in", "linear"}
		if k.number(l, "zero", lin, item, l.Zero) && k.number(l, "full", lin, item, l.Full) && l.Zero == l.Full {
			k.add(l, "full", lin, item, ProbLinear, "zero and full must differ (both are {value})", "value", CheckNumber(l.Zero))
		}
	default:
		s, sin := it.Shortfall, []string{"in", "shortfall"}
		k.number(s, "target", sin, item, s.Target)
		if k.number(s, "step", sin, item, s.Step) && s.Step <= 0 {
			k.add(s, "step", sin, item, ProbNotPositive, "{key} must be more than 0, not {value}", "key", "step", "value", CheckNumber(s.Step))
		}
		if k.number(s, "per", sin, item, s.Per) && s.Per < 0 {
			k.add(s, "per", sin, item, ProbNegative, "{key} must be 0 or more, not {value}", "key", "per", "value", CheckNumber(s.Per))
		}
	}
}

// pointsIn reports points that are not a number within 0 and max.
func (k *checker) pointsIn(elem any, in []string, item string, v, max float64, maxOK bool) {
	if k.number(elem, "points", in, item, v) && maxOK && (v < 0 || v > max) {
		k.add(elem, "points", in, item, ProbPoints, "points must be within 0 and max ({max}), not {value}",
			"max", CheckNumber(max), "value", CheckNumber(v))
	}
}

// piecewise checks the segments of a piecewise rule: one bound each, all of
// one kind, below thresholds going down (above ones going up), per > 0.
func (k *checker) piecewise(it *Item, item string) {
	in := []string{"in", "piecewise"}
	if len(it.Piecewise) == 0 {
		k.add(it, "piecewise", itemWhere(it, false), item, ProbCatEmptyField, "{key} must not be empty", "key", "piecewise")
		return
	}
	kind, prev := "", math.NaN()
	for i := range it.Piecewise {
		sg := &it.Piecewise[i]
		k.positive(sg, "per", in, item, sg.Per)
		var key string
		var cur float64
		switch {
		case (sg.Below == nil) == (sg.Above == nil):
			k.add(sg, "", in, item, ProbSegmentBound, "a segment has below or above, exactly one of them")
			continue
		case sg.Below != nil:
			key, cur = "below", *sg.Below
		default:
			key, cur = "above", *sg.Above
		}
		if kind == "" {
			kind = key
		} else if key != kind {
			k.add(sg, key, in, item, ProbSegmentsMixed, "segments mix below and above: use one kind for all")
			continue
		}
		if !k.number(sg, key, in, item, cur) {
			continue
		}
		if !math.IsNaN(prev) && (key == "below" && cur >= prev || key == "above" && cur <= prev) {
			k.add(sg, key, in, item, ProbSegmentsOrder, "{key} thresholds must move away from the target: {value} comes after {prev}",
				"key", key, "value", CheckNumber(cur), "prev", CheckNumber(prev))
		}
		prev = cur
	}
}

func (k *checker) bands(it *Item, item string, maxOK bool) {
	in := []string{"in", "bands"}
	if len(it.Bands) == 0 {
		k.add(it, "bands", itemWhere(it, false), item, ProbCatEmptyField, "{key} must not be empty", "key", "bands")
		return
	}
	kind := ""
	prev := math.NaN()
	for i := range it.Bands {
		b := &it.Bands[i]
		var key string
		var cur float64
		switch {
		case b.AtLeast != nil && b.AtMost != nil:
			k.add(b, "at_most", in, item, ProbBandBoth, "a band has at_least or at_most, not both")
		case b.AtLeast == nil && b.AtMost == nil:
			k.add(b, "", in, item, ProbBandNone, "a band needs at_least or at_most")
		case b.AtLeast != nil:
			key, cur = "at_least", *b.AtLeast
		default:
			key, cur = "at_most", *b.AtMost
		}
		if k.number(b, "points", in, item, b.Points) && maxOK && (b.Points < 0 || b.Points > it.Max) {
			k.add(b, "points", in, item, ProbPoints, "points must be within 0 and max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(b.Points))
		}
		if key == "" {
			continue
		}
		if kind == "" {
			kind = key
		} else if key != kind {
			k.add(b, key, in, item, ProbBandsMixed, "bands mix at_least and at_most: use one kind for all")
			prev = math.NaN()
			continue
		}
		if !k.number(b, key, in, item, cur) {
			continue
		}
		if !math.IsNaN(prev) {
			if key == "at_least" && cur >= prev {
				k.add(b, key, in, item, ProbBandsDown, "at_least bands must go down: {value} comes after {prev}",
					"value", CheckNumber(cur), "prev", CheckNumber(prev))
			}
			if key == "at_most" && cur <= prev {
				k.add(b, key, in, item, ProbBandsUp, "at_most bands must go up: {value} comes after {prev}",
					"value", CheckNumber(cur), "prev", CheckNumber(prev))
			}
		}
		prev = cur
	}
}

// ValidCatalogID reports whether s is a catalog id: [a-z0-9-]+.
func ValidCatalogID(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// ValidID reports whether s is an id of an item, part, category or veto:
// letters and digits (any script), '_', then also '.' and '-'.
func ValidID(s string) bool {
	for i, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), r == '_':
		case (r == '.' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}
