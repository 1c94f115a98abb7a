package domain

import (
	"math"
	"slices"
	"strconv"
)

// The answer-side rule shapes of issue 15: tiered counts (several counted
// kinds, each with its points, capped together), multipliers on an
// occurrence (加倍扣分), and the reviewer's judgement within a range
// (酌情扣2-6分). All three are scored from Answer.Count and Answer.Counts.

// Kind is one counted kind of a count or deduct item with kinds: each
// occurrence of it gives (count) or costs (deduct) Per points.
type Kind struct {
	Key   string // the key of the kind in Answer.Counts (ValidID)
	Label string // what is counted, shown beside its entry (主要领导出席)
	Per   float64
}

// Multiplier marks occurrences of a count or deduct item that count Times
// times (重大安保期间发生: Times 2; 主动发现的减半: Times 0.5).
type Multiplier struct {
	Key   string // the key of the mark in Answer.Counts (ValidID)
	Label string // when an occurrence is marked, shown beside its entry
	Times float64
}

// Discretion is the range within which the reviewer picks the points one
// occurrence of a deduct item costs (酌情扣Min-Max分).
type Discretion struct {
	Min float64
	Max float64
}

// PointRange is the points an item can still reach: from Min (the worst
// case, which the score counts until the reviewer decides) to Max.
type PointRange struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Problem codes of the answer-side shapes, with the names of their Args.
const (
	ProbUnknownKind    = "unknown_kind"             // key: a count by a key that is none of the item's kinds or marks
	ProbMarkedTooMany  = "marked_over_count"        // marked, count: more marked occurrences than occurrences
	ProbCountsNoCount  = "counts_need_count"        // marked occurrences without count, the number of all of them
	ProbCatExclusive   = "catalog.keys_exclusive"   // key, other: two keys that exclude each other
	ProbCatKeyTwice    = "catalog.key_twice"        // key: a kind or mark key used twice on one item
	ProbCatTimes       = "catalog.times_range"      // value: a multiplier that is not more than 0 or is 1
	ProbCatDiscretion  = "catalog.discretion_range" // min, max: min above max, or below 0
	ProbCatDiscretionP = "catalog.discretion_part"  // discretion on a part: the reviewer decides whole items
	ProbCatDiscrMax    = "catalog.discretion_max"   // max, value: discretion max above the item's max

	ProbReviewDiscretion      = "review.discretion_pick"  // min, max: accept on a 酌情 item: pick the points
	ProbReviewDiscretionRange = "review.discretion_range" // min, max, value: points outside the 酌情 range
	ProbReviewDiscretionOpen  = "review.discretion_open"  // min, max: approving before the points are picked
)

// Counted reports whether the item's answer carries Answer.Counts: an
// item with kinds or multipliers.
func (it *Item) Counted() bool { return len(it.Kinds) > 0 || len(it.Multipliers) > 0 }

// CountKeys returns the keys Answer.Counts may hold for the item (its
// kinds' or its multipliers'), in catalog order.
func (it *Item) CountKeys() []string {
	var keys []string
	for _, k := range it.Kinds {
		keys = append(keys, k.Key)
	}
	for _, m := range it.Multipliers {
		keys = append(keys, m.Key)
	}
	return keys
}

// occurrences returns how many times what the count or deduct item counts
// occurred, and the points those occurrences give or cost before any cap
// (per × count; with kinds the sum of each kind's per × its count; with
// multipliers per × (count + Σ (times − 1) × marked)). ok is false when
// the answer gives no usable count: none, a negative one, or more marked
// occurrences than occurrences.
func (it *Item) occurrences(a Answer) (events int, amount float64, ok bool) {
	if len(it.Kinds) > 0 {
		if len(a.Counts) == 0 {
			return 0, 0, false
		}
		for _, k := range it.Kinds {
			n := a.Counts[k.Key]
			if n < 0 {
				return 0, 0, false
			}
			events += n
			amount += k.Per * float64(n)
		}
		return events, amount, true
	}
	if a.Count == nil || *a.Count < 0 {
		return 0, 0, false
	}
	events = *a.Count
	weighted, marked := float64(events), 0
	for _, m := range it.Multipliers {
		n := a.Counts[m.Key]
		if n < 0 {
			return 0, 0, false
		}
		marked += n
		weighted += (m.Times - 1) * float64(n)
	}
	if marked > events {
		return 0, 0, false
	}
	return events, it.Per * weighted, true
}

// deductPoints scores a deduct item: max − what the occurrences cost (a
// discretion item: the worst case, Discretion.Max each), never below
// floor; 0 once the occurrences reach zero_at.
func (it *Item) deductPoints(a Answer) float64 {
	events, amount, ok := it.occurrences(a)
	if !ok || it.ZeroAt > 0 && events >= it.ZeroAt {
		return 0
	}
	if d := it.Discretion; d != nil {
		amount = float64(events) * d.Max
	}
	return Round2(math.Max(it.Max-amount, it.Floor))
}

// countPoints scores a count item: what the occurrences give, capped at
// max unless the item is uncapped.
func (it *Item) countPoints(a Answer) float64 {
	_, amount, ok := it.occurrences(a)
	if !ok {
		return 0
	}
	if it.Uncapped {
		return Round2(amount)
	}
	return Round2(math.Min(amount, it.Max))
}

// DiscretionRange returns the points a discretion item can reach for
// answer a, from the worst case (every occurrence costs Discretion.Max)
// to the best (Discretion.Min each), within floor and max; ok is false
// when there is nothing to decide: not a discretion item, no usable count,
// no occurrence, zero_at reached, or both ends the same.
func (it *Item) DiscretionRange(a Answer) (PointRange, bool) {
	d := it.Discretion
	if d == nil || it.Method != MethodDeduct || a.NA {
		return PointRange{}, false
	}
	events, _, ok := it.occurrences(a)
	if !ok || events == 0 || it.ZeroAt > 0 && events >= it.ZeroAt {
		return PointRange{}, false
	}
	k := float64(events)
	r := PointRange{Min: Round2(math.Max(it.Max-k*d.Max, it.Floor)), Max: Round2(math.Max(it.Max-k*d.Min, it.Floor))}
	return r, r.Min < r.Max
}

// Contains reports whether points p (rounded to 2 decimals) lie within the range.
func (r PointRange) Contains(p float64) bool {
	p = Round2(p)
	return p >= r.Min && p <= r.Max
}

// checkCounts adds the problems of the counts of answer a to a count or
// deduct item: counts by keys that are none of the item's, negative
// counts, and (multipliers) more marked occurrences than occurrences.
func (it *Item) checkCounts(a Answer, add func(code, format string, kv ...string)) {
	keys := it.CountKeys()
	names := make([]string, 0, len(a.Counts))
	for key := range a.Counts {
		names = append(names, key)
	}
	slices.Sort(names)
	marked := 0
	for _, key := range names {
		n := a.Counts[key]
		switch {
		case !slices.Contains(keys, key):
			add(ProbUnknownKind, "counts: {key:q} is none of the item's kinds", "key", key)
		case n < 0:
			add(ProbNegativeCount, "count must be 0 or more, not {value}", "value", strconv.Itoa(n))
		default:
			marked += n
		}
	}
	if len(it.Multipliers) == 0 || marked == 0 {
		return
	}
	switch {
	case a.Count == nil:
		add(ProbCountsNoCount, "marked occurrences need count, the number of all occurrences")
	case *a.Count >= 0 && marked > *a.Count:
		add(ProbMarkedTooMany, "{marked} marked occurrences are more than all occurrences ({count})",
			"marked", strconv.Itoa(marked), "count", strconv.Itoa(*a.Count))
	}
}

// discretionVerdict returns what is wrong with review r of a discretion
// item whose own score is own: accepting the worst case instead of picking
// the points, or adjusted points outside the range of the answer they are
// for (the reviewer's own answer, else the unit's). rng is that range, nil
// when there is nothing to decide.
func (it *Item) discretionVerdict(r Review, own ItemScore) (ps []Problem, rng *PointRange) {
	if it.Discretion == nil {
		return nil, nil
	}
	rng = own.Pending
	if r.Verdict == VerdictAdjust && r.Answer != nil {
		rng = nil
		if pr, ok := it.DiscretionRange(*r.Answer); ok {
			rng = &pr
		}
	}
	if rng == nil {
		return nil, nil
	}
	add := func(code, format string, kv ...string) {
		p := NewProblem(code, format, kv...)
		p.ItemID = it.ID
		ps = append(ps, p)
	}
	lo, hi := formatPoints(rng.Min), formatPoints(rng.Max)
	switch r.Verdict {
	case VerdictAccept:
		add(ProbReviewDiscretion, "the points are the reviewer's to pick within {min} and {max}: adjust them and give the reason",
			"min", lo, "max", hi)
	case VerdictAdjust:
		if v, ok := r.ReviewedPoints(); ok && !rng.Contains(v) {
			add(ProbReviewDiscretionRange, "the points must lie within {min} and {max}, not {value}",
				"min", lo, "max", hi, "value", formatPoints(v))
		}
	}
	return ps, rng
}

// pendingDiscretion returns a problem for every discretion item whose
// points the reviewer has not picked yet (ProbReviewDiscretionOpen).
func (w *Workspace) pendingDiscretion() []Problem {
	var ps []Problem
	own := w.Result()
	for _, is := range own.Items {
		if is.Pending == nil || is.AwaitsRound {
			continue // a range that waits for the round is no reviewer's choice
		}
		if r, ok := w.Reviews[is.ID]; ok {
			if _, adjusted := r.ReviewedPoints(); adjusted {
				continue
			}
		}
		p := NewProblem(ProbReviewDiscretionOpen, "pick the points within {min} and {max} (酌情) before approving",
			"min", formatPoints(is.Pending.Min), "max", formatPoints(is.Pending.Max))
		p.ItemID = is.ID
		ps = append(ps, p)
	}
	return ps
}

// countedEqual reports whether two items count alike: the same kinds,
// multipliers and discretion (DiffCatalogs: a change of them changes the
// item's rule).
func countedEqual(o, n *Item) bool {
	return slices.Equal(o.Kinds, n.Kinds) && slices.Equal(o.Multipliers, n.Multipliers) &&
		ptrEqual(o.Discretion, n.Discretion)
}
