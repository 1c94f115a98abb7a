package domain

import "slices"

// counted checks the answer-side shapes of a count or deduct item (kinds,
// multipliers, discretion; tiered.go) and returns whether they replace
// per, which the item then must not set.
func (k *checker) counted(it *Item, in []string, item string, part, maxOK bool) (perReplaced bool) {
	exclusive := func(key, other string) {
		k.add(it, key, in, item, ProbCatExclusive, "{key} and {other} exclude each other: keep one", "key", key, "other", other)
	}
	if it.Kinds != nil {
		perReplaced = true
		if it.Per != 0 {
			exclusive("per", "kinds")
		}
		if it.Multipliers != nil {
			exclusive("multipliers", "kinds")
		}
		k.countKeys(it, "kinds", item, len(it.Kinds), func(i int) (any, string, string) {
			return &it.Kinds[i], it.Kinds[i].Key, it.Kinds[i].Label
		})
		for i := range it.Kinds {
			kd := &it.Kinds[i]
			k.positive(kd, "per", []string{"in", "kinds"}, item, kd.Per)
		}
	}
	if it.Multipliers != nil {
		k.countKeys(it, "multipliers", item, len(it.Multipliers), func(i int) (any, string, string) {
			return &it.Multipliers[i], it.Multipliers[i].Key, it.Multipliers[i].Label
		})
		for i := range it.Multipliers {
			m := &it.Multipliers[i]
			if k.number(m, "times", []string{"in", "multipliers"}, item, m.Times) && (m.Times <= 0 || m.Times == 1) {
				k.add(m, "times", []string{"in", "multipliers"}, item, ProbCatTimes,
					"times must be more than 0 and not 1, not {value}", "value", CheckNumber(m.Times))
			}
		}
	}
	d := it.Discretion
	if d == nil || it.Method != MethodDeduct { // on a count item: ProbParam says it
		return perReplaced
	}
	perReplaced = true
	switch {
	case part:
		k.add(it, "discretion", in, item, ProbCatDiscretionP, "discretion fits a whole item, not a part: the reviewer picks an item's points")
	case it.Per != 0:
		exclusive("per", "discretion")
	case it.Kinds != nil:
		exclusive("kinds", "discretion")
	case it.Multipliers != nil:
		exclusive("multipliers", "discretion")
	}
	din := []string{"in", "discretion"}
	minOK := k.number(d, "min", din, item, d.Min)
	if k.positive(d, "max", din, item, d.Max) && minOK {
		switch {
		case d.Min < 0 || d.Min > d.Max:
			k.add(d, "min", din, item, ProbCatDiscretion, "min must be at least 0 and at most max ({max}), not {min}",
				"min", CheckNumber(d.Min), "max", CheckNumber(d.Max))
		case maxOK && d.Max > it.Max:
			k.add(d, "max", din, item, ProbCatDiscrMax, "max must be at most the item's max ({max}), not {value}",
				"max", CheckNumber(it.Max), "value", CheckNumber(d.Max))
		}
	}
	return perReplaced
}

// countKeys checks the keys and labels of an item's kinds or multipliers
// (key names the list): non-empty, each key an id used once.
func (k *checker) countKeys(it *Item, key, item string, n int, elem func(i int) (any, string, string)) {
	if n == 0 {
		k.add(it, key, itemWhere(it, false), item, ProbCatEmptyField, "{key} must not be empty", "key", key)
		return
	}
	in := []string{"in", key}
	var seen []string
	for i := range n {
		e, id, label := elem(i)
		k.text(e, "key", in, item, id)
		k.text(e, "label", in, item, label)
		if id == "" {
			continue
		}
		if !ValidID(id) {
			k.add(e, "key", in, item, ProbBadID, "key {id:q}: use letters, digits, '.', '_' and '-'", "id", id)
		}
		if slices.Contains(seen, id) {
			k.add(e, "key", in, item, ProbCatKeyTwice, "key {key:q} is used twice", "key", id)
		}
		seen = append(seen, id)
	}
}
