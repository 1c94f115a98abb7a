package domain

import (
	"slices"
	"strings"
)

// Problem codes of the round's rules (round.go), with the names of their
// Args.
const (
	ProbRankKind       = "catalog.rank_kind"           // a rank rule needs one of points, proportional and bottom
	ProbRankOrder      = "catalog.rank_points_order"   // value, prev: rank points must not go up
	ProbRankWhole      = "catalog.rank_whole"          // key, value: top and bottom are whole numbers
	ProbRankKey        = "catalog.rank_key_not_here"   // key, with: top only with proportional, per only with bottom
	ProbRoundNotHere   = "catalog.round_rule_not_here" // key: relative or rank on a part or beside rules by unit type
	ProbGradeRequires  = "catalog.grade_requires_item" // id: requires names no item
	ProbQuotaRange     = "catalog.quota_range"         // value: more than 0 and less than 1
	ProbQuotaLast      = "catalog.quota_last_grade"    // grade: the last grade has nowhere to drop to
	ProbCapAverageItem = "catalog.cap_average_item"    // id: below_average names no numeric item
)

// roundRule checks a relative or rank rule of a numeric item.
func (k *checker) roundRule(it *Item, in []string, item string, maxOK bool) {
	if it.ByUnitType != nil {
		key := "relative"
		if it.Rank != nil {
			key = "rank"
		}
		k.add(it, "by_unit_type", in, item, ProbRoundNotHere, "{key} compares the units of a group: it takes no rules by unit type", "key", key)
	}
	if rl := it.Relative; rl != nil {
		rin := []string{"in", "relative"}
		k.pointsIn(rl, rin, item, rl.Points, it.Max, maxOK)
		if k.number(rl, "per", rin, item, rl.Per) && rl.Per < 0 {
			k.add(rl, "per", rin, item, ProbNegative, "{key} must be 0 or more, not {value}", "key", "per", "value", CheckNumber(rl.Per))
		}
		return
	}
	r, rin := it.Rank, []string{"in", "rank"}
	var kinds []string
	if r.Points != nil {
		kinds = append(kinds, "points")
	}
	if r.Proportional {
		kinds = append(kinds, "proportional")
	}
	if r.Bottom != 0 {
		kinds = append(kinds, "bottom")
	}
	switch len(kinds) {
	case 0:
		k.add(r, "", rin, item, ProbRankKind, "a rank rule needs one of points, proportional and bottom")
	case 1:
	default:
		k.add(r, kinds[1], rin, item, ProbRankKind, "a rank rule takes one of points, proportional and bottom, not {kinds}",
			"kinds", strings.Join(kinds, ", "))
	}
	if r.Points != nil && len(r.Points) == 0 {
		k.add(r, "points", rin, item, ProbCatEmptyField, "{key} must not be empty", "key", "points")
	}
	for i, p := range r.Points {
		k.pointsIn(r, rin, item, p, it.Max, maxOK)
		if i > 0 && finite(p) && finite(r.Points[i-1]) && p > r.Points[i-1] {
			k.add(r, "points", rin, item, ProbRankOrder, "rank points must not go up from place to place: {value} comes after {prev}",
				"value", CheckNumber(p), "prev", CheckNumber(r.Points[i-1]))
		}
	}
	if r.Top < 0 {
		k.add(r, "top", rin, item, ProbRankWhole, "{key} must be a whole number of at least 1, not {value}", "key", "top", "value", CheckNumber(float64(r.Top)))
	} else if r.Top > 0 && !r.Proportional {
		k.add(r, "top", rin, item, ProbRankKey, "{key} fits only a rank rule with {with}", "key", "top", "with", "proportional")
	}
	if r.Bottom < 0 {
		k.add(r, "bottom", rin, item, ProbRankWhole, "{key} must be a whole number of at least 1, not {value}", "key", "bottom", "value", CheckNumber(float64(r.Bottom)))
	}
	switch {
	case r.Bottom != 0:
		if k.positive(r, "per", rin, item, r.Per) && maxOK && r.Per > it.Max {
			k.add(r, "per", rin, item, ProbPoints, "points must be within 0 and max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(r.Per))
		}
	case r.Per != 0:
		k.add(r, "per", rin, item, ProbRankKey, "{key} fits only a rank rule with {with}", "key", "per", "with", "bottom")
	}
}

// belowAverageCap checks a below_average cap: one condition, naming a
// numeric item.
func (k *checker) belowAverageCap(cp *Cap, in []string) {
	if cp.CategoryRatioBelow != nil || cp.ItemLost != "" {
		k.add(cp, "below_average", in, "", ProbCapBoth, "a cap has one condition: category_ratio_below, item_lost or below_average")
		return
	}
	if it := k.items[cp.BelowAverage]; it == nil || it.Method != MethodNumeric {
		k.add(cp, "below_average", in, "", ProbCapAverageItem, "below_average: {id:q} is no numeric item of the catalog: its value is averaged", "id", cp.BelowAverage)
	}
}

// gradeGates checks the grades' required items and quotas, and that no
// part or rule by unit type carries a round's rule.
func (k *checker) gradeGates() {
	in := []string{"in", "grades"}
	for i := range k.c.Grades {
		g := &k.c.Grades[i]
		for _, id := range g.Requires {
			if k.items[id] == nil {
				k.add(g, "requires", in, "", ProbGradeRequires, "requires: the catalog has no item {id:q}", "id", id)
			}
		}
		if g.Quota == nil {
			continue
		}
		if q := *g.Quota; k.number(g, "quota", in, "", q) && (q <= 0 || q >= 1) {
			k.add(g, "quota", in, "", ProbQuotaRange, "quota must be more than 0 and less than 1, not {value}", "value", CheckNumber(q))
		} else if i == len(k.c.Grades)-1 {
			k.add(g, "quota", in, "", ProbQuotaLast, "grade {grade:q} is the last: a quota needs a grade below it to drop to", "grade", g.Grade)
		}
	}
	var walk func(cs []*Category)
	walk = func(cs []*Category) {
		for _, cat := range cs {
			if cat == nil {
				continue
			}
			for _, it := range cat.Items {
				if it != nil {
					k.roundPlaces(it)
				}
			}
			walk(cat.Categories)
		}
	}
	walk(k.c.Categories)
}

// roundPlaces reports a round's rule on a part of the item or in its rules
// by unit type.
func (k *checker) roundPlaces(it *Item) {
	for _, p := range it.Parts {
		if p != nil && (p.Rank != nil || p.Relative != nil) {
			k.add(p, "", nil, it.ID+"."+p.ID, ProbRoundNotHere, "{key} compares the units of a group: it fits an item, not a part", "key", "rank")
		}
	}
	types := make([]string, 0, len(it.ByUnitType))
	for t, r := range it.ByUnitType {
		if r != nil && (r.Rank != nil || r.Relative != nil) {
			types = append(types, t)
		}
	}
	slices.Sort(types)
	for _, t := range types {
		k.add(it, "by_unit_type", []string{"in", "by_unit_type", "type", t}, it.ID, ProbRoundNotHere,
			"{key} compares the units of a group: it takes no rules by unit type", "key", "rank")
	}
}
