package domain

import (
	"maps"
	"slices"
)

// DiffKind names what changed in an item between two catalog versions.
type DiffKind string

// The kinds of change DiffCatalogs reports.
const (
	DiffID        DiffKind = "id"         // the item has another id (same title)
	DiffTitle     DiffKind = "title"      // renamed (same id)
	DiffMax       DiffKind = "max"        // full points
	DiffMethod    DiffKind = "method"     // scoring method, or parts instead of a method
	DiffLevels    DiffKind = "levels"     // level labels or points
	DiffParams    DiffKind = "params"     // bands, linear, shortfall, change, per, floor, zero_at
	DiffParts     DiffKind = "parts"      // the parts of a composite item
	DiffAppliesTo DiffKind = "applies_to" // unit types
	DiffCategory  DiffKind = "category"   // moved to another category
	DiffBonus     DiffKind = "bonus"      // became or stopped being a bonus item
)

// ItemChange is an item found in both versions, with what changed.
type ItemChange struct {
	Old, New *Item
	Changes  []DiffKind
}

// Has reports whether the change includes k.
func (c ItemChange) Has(k DiffKind) bool { return slices.Contains(c.Changes, k) }

// CatalogDiff is what changed from one catalog version to another.
type CatalogDiff struct {
	From, To           string  // id@version
	Added              []*Item // in To only
	Removed            []*Item // in From only
	Changed            []ItemChange
	Unchanged          int
	TotalFrom, TotalTo float64
	ItemsFrom, ItemsTo int
	BonusCapFrom       *float64
	BonusCapTo         *float64
	// GradesChanged, VetoesChanged, CapsChanged: the catalog's rules differ.
	GradesChanged, VetoesChanged, CapsChanged bool
}

// DiffCatalogs compares two catalogs (usually two versions of one) item by
// item: items are matched by id, then the rest by exact title (an id
// change). Added and Removed are in catalog order; so is Changed (by To).
func DiffCatalogs(from, to *Catalog) CatalogDiff {
	d := CatalogDiff{From: from.Ref(), To: to.Ref(), TotalFrom: from.Total, TotalTo: to.Total,
		ItemsFrom: len(from.Items()), ItemsTo: len(to.Items()), BonusCapFrom: from.BonusCap, BonusCapTo: to.BonusCap,
		GradesChanged: !slices.EqualFunc(from.Grades, to.Grades, gradeEqual) || !slices.Equal(from.ItemGrades, to.ItemGrades),
		VetoesChanged: !slices.Equal(from.Vetoes, to.Vetoes) || from.VetoGrade != to.VetoGrade,
		CapsChanged:   !slices.EqualFunc(from.Caps, to.Caps, capEqual)}
	match := ItemMatches(from, to)
	matched := map[*Item]bool{}
	for _, n := range to.Items() {
		o := match[n]
		if o == nil {
			d.Added = append(d.Added, n)
			continue
		}
		matched[o] = true
		ch := ItemChange{Old: o, New: n, Changes: itemChanges(from, to, o, n)}
		if len(ch.Changes) == 0 {
			d.Unchanged++
		} else {
			d.Changed = append(d.Changed, ch)
		}
	}
	for _, o := range from.Items() {
		if !matched[o] {
			d.Removed = append(d.Removed, o)
		}
	}
	return d
}

// ItemMatches maps each item of to onto the item of from it continues:
// the one with its id, else the one left with its exact title (when only
// one has it).
func ItemMatches(from, to *Catalog) map[*Item]*Item {
	m := map[*Item]*Item{}
	used := map[*Item]bool{}
	for _, n := range to.Items() {
		if o := from.Item(n.ID); o != nil {
			m[n], used[o] = o, true
		}
	}
	byTitle := map[string][]*Item{}
	for _, o := range from.Items() {
		if !used[o] {
			byTitle[o.Title] = append(byTitle[o.Title], o)
		}
	}
	left := map[string]int{}
	for _, n := range to.Items() {
		if m[n] == nil {
			left[n.Title]++
		}
	}
	for _, n := range to.Items() {
		if os := byTitle[n.Title]; m[n] == nil && len(os) == 1 && left[n.Title] == 1 {
			m[n] = os[0]
		}
	}
	return m
}

func capEqual(a, b Cap) bool {
	return a.ItemLost == b.ItemLost && a.MaxGrade == b.MaxGrade && a.BelowAverage == b.BelowAverage &&
		(a.CategoryRatioBelow == nil) == (b.CategoryRatioBelow == nil) &&
		(a.CategoryRatioBelow == nil || *a.CategoryRatioBelow == *b.CategoryRatioBelow)
}

// itemChanges lists what differs between item o of from and n of to.
func itemChanges(from, to *Catalog, o, n *Item) []DiffKind {
	var cs []DiffKind
	add := func(c DiffKind, differ bool) {
		if differ {
			cs = append(cs, c)
		}
	}
	add(DiffID, o.ID != n.ID)
	add(DiffTitle, o.Title != n.Title)
	add(DiffMax, o.Max != n.Max)
	add(DiffMethod, o.Method != n.Method || o.IsComposite() != n.IsComposite())
	add(DiffLevels, !slices.Equal(o.Levels, n.Levels))
	add(DiffParams, !sameParams(o, n))
	add(DiffParts, !partsEqual(o, n))
	add(DiffAppliesTo, !sameSet(o.AppliesTo, n.AppliesTo))
	oc, nc := from.CategoryOf(o.ID), to.CategoryOf(n.ID)
	add(DiffCategory, oc != nil && nc != nil && oc.ID != nc.ID)
	add(DiffBonus, o.Bonus != n.Bonus)
	return cs
}

func sameParams(o, n *Item) bool {
	return slices.EqualFunc(o.Bands, n.Bands, bandEqual) && ptrEqual(o.Linear, n.Linear) &&
		ptrEqual(o.Shortfall, n.Shortfall) && o.Change == n.Change && o.Per == n.Per &&
		o.Floor == n.Floor && o.ZeroAt == n.ZeroAt && roundRulesEqual(o, n) && countedEqual(o, n)
}

func bandEqual(a, b Band) bool {
	return ptrEqual(a.AtLeast, b.AtLeast) && ptrEqual(a.AtMost, b.AtMost) && a.Points == b.Points
}

func ptrEqual[T comparable](a, b *T) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func partsEqual(o, n *Item) bool {
	if len(o.Parts) != len(n.Parts) {
		return false
	}
	for i := range o.Parts {
		p, q := o.Parts[i], n.Parts[i]
		if p.ID != q.ID || p.Title != q.Title || p.Max != q.Max || p.Method != q.Method ||
			!slices.Equal(p.Levels, q.Levels) || !sameParams(p, q) {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// Carried says how one answer crosses to a new catalog version.
type Carried struct {
	OldID, NewID string
	// Answer is what the new draft holds for the item: the scored part
	// when it fits the new item, and always the note, evidence and flag.
	Answer Answer
	// Kept is true when the scored part (or N/A) was carried.
	Kept bool
}

// MigrationPlan is how a set of answers crosses to a new catalog version.
type MigrationPlan struct {
	Diff    CatalogDiff
	Answers map[string]Answer // the new draft's answers, by new item id
	// Carried lists every old answer that found its item, by new id order.
	Carried []Carried
	// NeedsAnswer lists the new items that need a (new) answer: added,
	// or answered before in a way the new item cannot take.
	NeedsAnswer []string
	// Dropped lists the old answers whose item is gone.
	Dropped []string
	Vetoes  []string // the triggered vetoes the new version still has
}

// PlanMigration carries the answers (and vetoes) given against from
// over to to: an answer keeps its scored part where the item's method and
// parameters still take it (same method; a level label that still
// exists; same parts), its note, evidence and flag always.
func PlanMigration(from, to *Catalog, answers map[string]Answer, vetoes []string) MigrationPlan {
	p := MigrationPlan{Diff: DiffCatalogs(from, to), Answers: map[string]Answer{}}
	match := ItemMatches(from, to)
	seen := map[string]bool{}
	for _, n := range to.Items() {
		o := match[n]
		if o == nil {
			p.NeedsAnswer = append(p.NeedsAnswer, n.ID)
			continue
		}
		a, ok := answers[o.ID]
		if !ok {
			continue
		}
		seen[o.ID] = true
		c := Carried{OldID: o.ID, NewID: n.ID}
		if fits(o, n, a) {
			c.Answer, c.Kept = a, true
		} else {
			c.Answer = Answer{Note: a.Note, Evidence: slices.Clone(a.Evidence), Flagged: a.Flagged}
			if o.Answered(a) {
				p.NeedsAnswer = append(p.NeedsAnswer, n.ID)
			}
		}
		if !c.Answer.IsZero() {
			p.Answers[n.ID] = c.Answer
		}
		p.Carried = append(p.Carried, c)
	}
	for _, id := range slices.Sorted(maps.Keys(answers)) {
		if !seen[id] {
			p.Dropped = append(p.Dropped, id)
		}
	}
	for _, v := range vetoes {
		if slices.ContainsFunc(to.Vetoes, func(x Veto) bool { return x.ID == v }) {
			p.Vetoes = append(p.Vetoes, v)
		}
	}
	return p
}

// fits reports whether answer a to item o is a valid answer to item n.
func fits(o, n *Item, a Answer) bool {
	if a.NA {
		return true // not applicable stays so, with its reason
	}
	if o.IsComposite() || n.IsComposite() {
		if !o.IsComposite() || !n.IsComposite() || len(o.Parts) != len(n.Parts) {
			return false
		}
		for i, op := range o.Parts {
			np := n.Parts[i]
			if op.ID != np.ID {
				return false
			}
			if pa, ok := a.Parts[op.ID]; ok && !fits(op, np, pa) {
				return false
			}
		}
		return true
	}
	if o.Method != n.Method {
		return false
	}
	switch n.Method {
	case MethodLevels:
		if a.Level == "" {
			return true
		}
		_, ok := n.Level(a.Level)
		return ok
	case MethodNumeric:
		return o.Change == n.Change
	}
	return true
}
