package domain

import (
	"math"
	"slices"
)

// Item statuses in a Result.
const (
	StatusAnswered   = "answered"
	StatusUnanswered = "unanswered"
	StatusNA         = "na"
	StatusExcluded   = "excluded"
)

// Result is the score of one answer set against one catalog, in the shape of
// `pingce score --json` (docs/formats.md §3).
type Result struct {
	Catalog       string   `json:"catalog"`
	Version       string   `json:"version"`
	UnitType      string   `json:"unit_type"`
	Total         float64  `json:"total"`
	ApplicableMax float64  `json:"applicable_max"`
	Raw           float64  `json:"raw"`
	Scaled        float64  `json:"scaled"`
	Bonus         float64  `json:"bonus"`
	Final         float64  `json:"final"`
	Percent       float64  `json:"percent"`
	Grade         string   `json:"grade"`
	Vetoes        []string `json:"vetoes"`
	// VetoDeduct is what triggered deduct vetoes took off the final score.
	VetoDeduct float64         `json:"veto_deduct,omitempty"`
	Caps       []CapHit        `json:"caps"`
	Answered   int             `json:"answered"`
	Applicable int             `json:"applicable"`
	Categories []CategoryScore `json:"categories"`
	Items      []ItemScore     `json:"items"`
	// ItemGrades counts the answered base items of each item grade (优秀 25,
	// 良好 11) when the catalog grades items.
	ItemGrades map[string]int `json:"item_grades,omitempty"`

	// AwaitsRound is true when points or the grade depend on the other
	// units of the round and were scored without them (待全市汇总后计分):
	// the items say which (ItemScore.AwaitsRound), Final counts the low end
	// of their ranges, and the grade may still drop (quotas, caps below the
	// average).
	AwaitsRound bool `json:"awaits_round,omitempty"`
	// Reach, while any item's points are pending (the round's or a
	// reviewer's choice), is the range of Final those items leave open.
	Reach *PointRange `json:"reach,omitempty"`

	// BandGrade is the grade of the final score before caps and vetoes.
	BandGrade string `json:"-"`
}

// CapHit is a cap whose condition holds.
type CapHit struct {
	Kind     string  `json:"kind"`            // "category_ratio_below" or "item_lost"
	Ref      string  `json:"ref"`             // the category or item that triggered it
	Ratio    float64 `json:"ratio,omitempty"` // the cap's ratio, for category_ratio_below
	MaxGrade string  `json:"max_grade"`       // the grade it allows at best
}

// CategoryScore is the raw points and max of a category's applicable items.
type CategoryScore struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	// Adjustment is what the category's own rules add to its items' points
	// (included in Score): points a deduction budget gives back (+), an
	// overflow penalty (−). 0 for most categories.
	Adjustment float64 `json:"adjustment,omitempty"`
}

// ItemScore is one item's points.
type ItemScore struct {
	ID     string  `json:"id"`
	Score  float64 `json:"score"`
	Max    float64 `json:"max"`
	Status string  `json:"status"`
	// Grade is the item's grade by the catalog's item grade bands; "" when
	// the catalog grades no items, or for an item not answered or a bonus item.
	Grade string `json:"grade,omitempty"`
	// NAFull is true for a N/A item that counts as full marks (Item.NA).
	NAFull bool `json:"na_full,omitempty"`
	// Reviewed is true when the points come from a reviewer's override.
	Reviewed bool `json:"reviewed,omitempty"`
	// Pending, on an item whose points the reviewer picks (discretion, 酌情
	// 扣分) and has not yet, is the range they can take; Score is its Min.
	Pending *PointRange `json:"pending,omitempty"`
	// AwaitsRound is true for an item whose points depend on the other
	// units of the round, scored without them: Pending is its range.
	AwaitsRound bool `json:"awaits_round,omitempty"`
	// NAAverage is true for a N/A item that counts as its peer group's
	// average points (Item.NA average); Base is that average.
	NAAverage bool `json:"na_average,omitempty"`
	// Place is the unit's place among its peers on a rank item; Base the
	// group's average of a relative item's value (or the average points
	// of a N/A-average item).
	Place int32    `json:"place,omitempty"`
	Base  *float64 `json:"base,omitempty"`
	// Parts holds the points of a composite item's parts.
	Parts []ItemScore `json:"parts,omitempty"`
}

// Lost returns the points the item lost (max − score) when it is applicable,
// else 0; also 0 while its points wait for the round (AwaitsRound): the
// low end counted is no loss yet.
func (s ItemScore) Lost() float64 {
	if !s.Counts() || s.AwaitsRound {
		return 0
	}
	return Round2(math.Max(s.Max-s.Score, 0))
}

// Counts reports whether the item counts in the applicable max: answered
// or unanswered, or N/A counted as full marks or as the group's average.
func (s ItemScore) Counts() bool {
	return s.Status == StatusAnswered || s.Status == StatusUnanswered || s.NAFull || s.NAAverage
}

// Options adjusts scoring.
type Options struct {
	// UnitType overrides the answer set's unit type for applies_to.
	UnitType string
	// Overrides replaces the points of the named items (a reviewer's 核定分).
	// Values are clamped to [0, max] and rounded; NaN and infinities are
	// ignored. An override of an item the unit marked N/A makes it count
	// again (the reviewer does not accept the N/A); excluded items stay
	// excluded.
	Overrides map[string]float64
	// Peers are what the unit's peer group tells the rules that depend on
	// the round (ScoreRound gives them); nil scores the unit alone, and
	// those rules wait for the round (Result.AwaitsRound).
	Peers *PeerFacts

	high bool // totals for Result.Reach: stop at the final (highFinal)
}

// Round2 rounds to 2 decimals, half away from zero, treating the input as
// the decimal a person would read (1.005 rounds to 1.01).
func Round2(x float64) float64 {
	v := x * 100
	// Binary floating point stores 1.005 as 1.00499999999999989…; nudge by a
	// relative hair so that such values round as their decimal reading does.
	// (The hair is 1e-9 × max(1, |v|), written out: math.Max is a call, and
	// this is the hottest line of scoring; NaN stays NaN either way.)
	m := math.Abs(v)
	if !(m > 1) {
		m = 1
	}
	v += math.Copysign(1e-9*m, v)
	return math.Round(v) / 100
}

// Points returns the item's points for answer a (not rounded for composites'
// parts: every part is rounded before it is summed). An item that a does not
// answer scores 0. An item with rules by unit type is scored by its own
// rule; PointsFor picks the unit type's.
func (it *Item) Points(a Answer) float64 { return it.PointsFor(a, "") }

// PointsFor returns the item's points for answer a given by a unit of the
// given type (see Item.ByUnitType).
func (it *Item) PointsFor(a Answer, unitType string) float64 {
	if it.IsComposite() {
		sum := 0.0
		for _, p := range it.Parts {
			if pa, ok := a.Parts[p.ID]; ok {
				sum += Round2(p.PointsFor(pa, unitType))
			}
		}
		return Round2(sum)
	}
	switch it.Method {
	case MethodCheck:
		if a.Met != nil && *a.Met {
			return it.Max
		}
	case MethodLevels:
		if l, ok := it.Level(a.Level); ok {
			return Round2(l.Points)
		}
	case MethodNumeric:
		if v, ok := it.NumericValue(a); ok {
			for _, e := range it.Exact {
				if *a.Value == e.Value {
					return Round2(e.Points)
				}
			}
			return Round2(it.RuleFor(unitType).numericPoints(v, it.Max))
		}
	case MethodDeduct:
		return it.deductPoints(a) // tiered.go: kinds, multipliers, discretion
	case MethodCount:
		return it.countPoints(a)
	}
	return 0
}

// RuleFor returns the item that holds the numeric rule for a unit of the
// given type: the item of ByUnitType, or the item itself.
func (it *Item) RuleFor(unitType string) *Item {
	if r := it.ByUnitType[unitType]; r != nil && unitType != "" {
		return r
	}
	return it
}

// NumericValue returns the value a numeric item scores: the answer's value,
// or its percent change against the baseline for a change item. ok is false
// when the answer gives no usable value.
func (it *Item) NumericValue(a Answer) (v float64, ok bool) {
	if a.Value == nil || !finite(*a.Value) {
		return 0, false
	}
	if it.Difference {
		if a.Baseline == nil || !finite(*a.Baseline) {
			return 0, false
		}
		v = *a.Value - *a.Baseline
		return v, finite(v)
	}
	if !it.Change {
		return *a.Value, true
	}
	if a.Baseline == nil || *a.Baseline == 0 || !finite(*a.Baseline) {
		return 0, false
	}
	v = (*a.Value - *a.Baseline) / *a.Baseline * 100
	return v, finite(v)
}

// finite reports whether f is neither NaN nor an infinity: such values can
// come from user input (strconv.ParseFloat accepts "NaN" and "Inf") and
// must not reach a score, which JSON could not even carry.
func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// numericPoints scores v by the item's rule, for an item of the given max.
func (it *Item) numericPoints(v, max float64) float64 {
	switch {
	case len(it.Bands) > 0:
		for _, b := range it.Bands {
			if b.Matches(v) {
				return b.Points
			}
		}
		return 0
	case it.Linear != nil:
		l := it.Linear
		if l.Full == l.Zero {
			return 0
		}
		r := (v - l.Zero) / (l.Full - l.Zero)
		return max * math.Min(math.Max(r, 0), 1)
	case it.Shortfall != nil:
		s := it.Shortfall
		gap := s.Target - v
		if s.LowerIsBetter {
			gap = v - s.Target
		}
		if gap <= 0 {
			return max
		}
		if s.Step <= 0 {
			return 0
		}
		steps := gap / s.Step
		if s.WholeSteps {
			// 2.0000000001 steps is 2 steps read from decimal input, not 3.
			steps = math.Ceil(steps - 1e-9)
		}
		return math.Max(max-s.Per*steps, 0)
	case len(it.Piecewise) > 0:
		return math.Max(max-piecewiseLoss(it.Piecewise, v), 0)
	case it.Slope != nil:
		sl := it.Slope
		d := v - sl.Base
		if sl.LowerIsBetter {
			d = -d
		}
		return math.Min(math.Max(sl.Points+sl.Per*d, 0), max)
	}
	return 0
}

// piecewiseLoss returns the points a value loses under the segments: for
// "below" segments (thresholds going down) each unit under a threshold, down
// to the next one, costs that segment's Per; "above" segments mirror it.
func piecewiseLoss(segs []Segment, v float64) float64 {
	loss := 0.0
	for i, sg := range segs {
		var gap float64
		switch {
		case sg.Below != nil:
			lo := math.Inf(-1)
			if i+1 < len(segs) && segs[i+1].Below != nil {
				lo = *segs[i+1].Below
			}
			gap = *sg.Below - math.Max(v, lo)
		case sg.Above != nil:
			hi := math.Inf(1)
			if i+1 < len(segs) && segs[i+1].Above != nil {
				hi = *segs[i+1].Above
			}
			gap = math.Min(v, hi) - *sg.Above
		}
		if gap > 0 {
			loss += sg.Per * gap
		}
	}
	return loss
}

// Score scores the answer set against the catalog. It never fails: answers
// that do not fit an item score 0 and leave it unanswered; CheckAnswers says
// what is wrong with them.
//
// Items whose points are still open (a reviewer's choice within a range,
// or the round's rules for a unit scored alone) count the low end of their
// range; Result.Reach then says how high Final can still go.
func Score(c *Catalog, s *AnswerSet, opt Options) *Result {
	opt.high = false
	r, pending := score(c, s, opt)
	if pending {
		// A range the final cannot move in (a category's deduction budget
		// absorbs every pending point) is no range: Final is the figure.
		if high := highFinal(c, s, r, opt); high != r.Final {
			r.Reach = &PointRange{Min: r.Final, Max: high}
		}
	}
	return r
}

// highFinal is the final score of r with every pending item at the top of
// its range: the items' points are set to it, the totals up to the final
// added up again (no categories' figures, no grade: nothing else is
// written to the items), and the points put back.
func highFinal(c *Catalog, s *AnswerSet, r *Result, opt Options) float64 {
	h := &Result{Catalog: r.Catalog, Version: r.Version, UnitType: r.UnitType, Total: r.Total,
		ApplicableMax: r.ApplicableMax, Answered: r.Answered, Applicable: r.Applicable,
		Vetoes: []string{}, Caps: []CapHit{}, Items: r.Items}
	baseSum := 0.0
	var low []float64 // the pending items' points, in order, to put back
	for i, it := range c.Items() {
		is := &h.Items[i]
		if is.Pending != nil {
			low = append(low, is.Score)
			is.Score = is.Pending.Max
		}
		if !it.Bonus && is.Counts() {
			baseSum += is.Score
		}
	}
	defer func() {
		k := 0
		for i := range r.Items {
			if r.Items[i].Pending != nil {
				r.Items[i].Score = low[k]
				k++
			}
		}
	}()
	var answers map[string]Answer
	var vetoes []string
	if s != nil {
		answers, vetoes = s.Answers, s.Vetoes
	}
	opt.high = true
	return totals(c, h, baseSum, answers, vetoes, opt).Final
}

// score is Score without Result.Reach: the item pass, then the totals. It
// also reports whether any item's points are pending (a range).
func score(c *Catalog, s *AnswerSet, opt Options) (*Result, bool) {
	unitType := opt.UnitType
	if unitType == "" && s != nil {
		unitType = s.Unit.Type
	}
	var answers map[string]Answer
	var vetoes []string
	if s != nil {
		answers = s.Answers
		vetoes = s.Vetoes
	}
	items := c.Items()
	r := &Result{
		Catalog:    c.ID,
		Version:    c.Version,
		UnitType:   unitType,
		Total:      c.Total,
		Vetoes:     []string{},
		Caps:       []CapHit{},
		Items:      make([]ItemScore, len(items)),
		Categories: newCategories(c),
	}
	// The items are scored in place, and the few ranges and parts they
	// carry are cut from shared blocks: a score allocates a handful of
	// times, not once or twice per item.
	var blk blocks
	var parts []ItemScore
	overrides := len(opt.Overrides) > 0
	pending := false
	baseSum := 0.0
	for i, it := range items {
		is := &r.Items[i]
		is.ID, is.Max = it.ID, it.Max
		a, has := answers[it.ID]
		var o float64
		override := false
		if overrides {
			o, override = opt.Overrides[it.ID]
			override = override && finite(o)
		}
		switch {
		case !it.AppliesToType(unitType):
			is.Status = StatusExcluded
		case has && a.NA && !override:
			is.Status = StatusNA
			if it.NA == NAFull { // 以满分计: applicable, at full marks
				is.NAFull = true
				is.Score = it.Max
			}
			// 按同类单位平均分: the group's average, alone 0 to max (round.go)
			if is.NAFull || it.NA == NAAverage && naAverage(it, is, opt.Peers, &blk) {
				r.AwaitsRound = r.AwaitsRound || is.AwaitsRound
				pending = pending || is.Pending != nil
				if !it.Bonus {
					baseSum += is.Score
					r.ApplicableMax += it.Max
					r.Applicable++
					r.Answered++
				}
			}
		default:
			is.Status = StatusUnanswered
			if it.IsComposite() {
				// The parts' points, each rounded, sum to the item's
				// (Item.PointsFor); all parts answered answer the item.
				if len(parts) < len(it.Parts) { // the parts of this and the items after it
					n := 0
					for _, it := range items[i:] {
						n += len(it.Parts)
					}
					parts = make([]ItemScore, n)
				}
				is.Parts, parts = parts[:len(it.Parts):len(it.Parts)], parts[len(it.Parts):]
				sum, all := 0.0, len(a.Parts) > 0
				for i, p := range it.Parts {
					pa, ok := a.Parts[p.ID]
					ps := ItemScore{ID: p.ID, Max: p.Max, Status: StatusUnanswered}
					if ok {
						ps.Score = Round2(p.PointsFor(pa, unitType))
						sum += ps.Score
						if p.Answered(pa) {
							ps.Status = StatusAnswered
						}
					}
					all = all && ps.Status == StatusAnswered
					is.Parts[i] = ps
				}
				is.Score = Round2(sum)
				if has && (a.NA || all) {
					is.Status = StatusAnswered
				}
			} else {
				if has && it.Answered(a) {
					is.Status = StatusAnswered
				}
				is.Score = it.PointsFor(a, unitType)
			}
			if it.Discretion != nil && has && !override {
				if rng, ok := it.DiscretionRange(a); ok {
					is.Pending = blk.ranges.add(rng) // 酌情: the worst case until the reviewer picks
				}
			}
			if (it.Relative != nil || it.Rank != nil) && is.Status == StatusAnswered && !override {
				roundItem(it, a, is, opt.Peers, &blk) // against the peers (round.go)
				r.AwaitsRound = r.AwaitsRound || is.AwaitsRound
			}
			if override { // a reviewer's points; on a N/A item they make it applicable again
				is.Score = Round2(math.Min(math.Max(o, 0), it.Max))
				is.Reviewed = true
				if a.NA {
					is.Status = StatusAnswered
				}
			}
			pending = pending || is.Pending != nil
			if !it.Bonus {
				baseSum += is.Score
				r.ApplicableMax += it.Max
				r.Applicable++
				if is.Status == StatusAnswered {
					r.Answered++
				}
			}
		}
	}

	return totals(c, r, baseSum, answers, vetoes, opt), pending
}

// block hands out the values one result points at (pending ranges, the
// bases of N/A-average items) from blocks of 4, 8, … up to 64 of them,
// rather than one allocation each.
type block[T any] []T

// add returns a pointer to a copy of v.
func (b *block[T]) add(v T) *T {
	if len(*b) == cap(*b) {
		*b = make([]T, 0, min(max(2*cap(*b), 4), 64))
	}
	*b = append(*b, v)
	return &(*b)[len(*b)-1]
}

// blocks are a result's blocks of pending ranges and of bases.
type blocks struct {
	ranges block[PointRange]
	bases  block[float64]
}

// newCategories returns the empty list of a result's categories, with room
// for all of them (nil for a catalog without any, as appending gave).
func newCategories(c *Catalog) []CategoryScore {
	c.index()
	if len(c.cats) == 0 {
		return nil
	}
	return make([]CategoryScore, 0, len(c.cats))
}

// totals adds up a result whose items are scored (baseSum: the points of
// the counted base items): the categories and their rules, the raw,
// scaled and final scores, vetoes, caps and the grade.
func totals(c *Catalog, r *Result, baseSum float64, answers map[string]Answer, vetoes []string, opt Options) *Result {
	// Categories: points and max of applicable items, nested ones too, with
	// the category rules (deduction budget, overflow penalties, bonus caps).
	// The walk visits items in the order of c.Items(), hence of r.Items.
	next := 0
	adjust := 0.0 // what the category rules add to the base items' points
	var walk func(cat *Category, bonus bool) (score, max, bonusPts float64)
	walk = func(cat *Category, bonus bool) (float64, float64, float64) {
		bonus = bonus || cat.Bonus
		i := -1 // its place in r.Categories; none for Result.Reach's totals
		if !opt.high {
			i = len(r.Categories)
			r.Categories = append(r.Categories, CategoryScore{ID: cat.ID})
		}
		score, max, bonusPts, lost, penalty := 0.0, 0.0, 0.0, 0.0, 0.0
		for _, it := range cat.Items {
			is := &r.Items[next]
			next++
			if !is.Counts() {
				continue
			}
			score += is.Score
			max += it.Max
			if it.Bonus {
				bonusPts += is.Score
			}
			// A reviewer's points leave the budget, except those picked
			// within a discretion range, which the rules still govern.
			if it.Method == MethodDeduct && is.Status == StatusAnswered && (!is.Reviewed || it.Discretion != nil) {
				lost += is.Max - is.Score
				if ov := it.Overflow; ov != nil && is.Max-is.Score >= ov.At-1e-9 {
					penalty += ov.Extra
				}
			}
		}
		for _, sub := range cat.Categories {
			s, m, b := walk(sub, bonus)
			score += s
			max += m
			bonusPts += b
		}
		adj := 0.0
		if cat.DeductCap != nil && lost > *cat.DeductCap {
			adj += lost - *cat.DeductCap // 限扣: what is lost beyond the budget comes back
		}
		if penalty > 0 {
			adj -= math.Min(penalty, score+adj) // 追加扣除, never below zero
		}
		if adj != 0 {
			adj = Round2(adj)
			score += adj
			if i >= 0 {
				r.Categories[i].Adjustment = adj
			}
			if !bonus {
				adjust += adj
			}
		}
		if bonus && cat.BonusCap != nil && bonusPts > *cat.BonusCap {
			score -= bonusPts - *cat.BonusCap
			bonusPts = *cat.BonusCap
		}
		if i >= 0 {
			r.Categories[i].Score = Round2(score)
			r.Categories[i].Max = Round2(max)
		}
		return score, max, bonusPts
	}
	bonusSum := 0.0
	for _, cat := range c.Categories {
		_, _, b := walk(cat, false)
		bonusSum += b
	}

	r.Raw = Round2(baseSum + adjust)
	r.ApplicableMax = Round2(r.ApplicableMax)
	if r.ApplicableMax > 0 {
		r.Scaled = Round2(r.Raw * c.Total / r.ApplicableMax)
	}
	r.Bonus = Round2(bonusSum)
	if c.BonusCap != nil && r.Bonus > *c.BonusCap {
		r.Bonus = *c.BonusCap
	}
	r.Final = Round2(r.Scaled + r.Bonus)

	// Vetoes: which are triggered, and what each does to the final score.
	gradeVeto, noTop, zero, lowest := false, false, false, false
	for _, id := range vetoes {
		v, ok := c.Veto(id)
		if !ok || slices.Contains(r.Vetoes, id) { // each once
			continue
		}
		r.Vetoes = append(r.Vetoes, id)
		switch v.Effect {
		case VetoLowest:
			lowest = true
		case VetoZero:
			zero = true
		case VetoNoTop:
			noTop = true
		case VetoDeduct:
			r.VetoDeduct += v.Points
		default:
			gradeVeto = true
		}
	}
	if r.VetoDeduct > 0 {
		r.VetoDeduct = Round2(r.VetoDeduct)
		r.Final = Round2(math.Max(r.Final-r.VetoDeduct, 0))
	}
	if zero {
		r.Final = 0
	}
	if c.Total > 0 {
		r.Percent = Round2(r.Final / c.Total * 100)
	}
	if opt.high {
		return r // Result.Reach needs the final only (highFinal)
	}

	r.BandGrade = c.BandGrade(r.Final)
	var gates []CapHit
	r.Grade, gates = gradeOf(c, r) // a grade's required items (round.go)
	r.Caps = append(r.Caps, gates...)
	for _, cp := range c.Caps {
		from := len(r.Caps)
		if cp.BelowAverage != "" { // 低于平均值: the round's (round.go)
			hit, below, waits := belowAverage(c, r, cp, answers, opt.Peers)
			r.AwaitsRound = r.AwaitsRound || waits
			if below {
				r.Caps = append(r.Caps, hit)
			}
		} else {
			r.Caps = capHits(r.Caps, c, r, cp)
		}
		for _, h := range r.Caps[from:] {
			if c.GradeRank(h.MaxGrade) > c.GradeRank(r.Grade) {
				r.Grade = h.MaxGrade
			}
		}
	}
	if noTop && len(c.Grades) > 1 && c.GradeRank(r.Grade) == 0 {
		r.Grade = c.Grades[1].Grade // 一票否优
	}
	if lowest && len(c.Grades) > 0 {
		r.Grade = c.Grades[len(c.Grades)-1].Grade // 存在严重问题的定为最低等级
	}
	if gradeVeto {
		r.Grade = c.VetoGradeOrDefault()
	}
	if opt.Peers == nil && quotaWaits(c, r.Grade) {
		r.AwaitsRound = true // the grade's quota is the round's
	}
	applyQuota(c, r, opt.Peers) // round.go: what the group's quotas decided
	gradeItems(c, r)
	return r
}

// capHits appends to hits those of cap cp on r (not a below_average cap).
func capHits(hits []CapHit, c *Catalog, r *Result, cp Cap) []CapHit {
	if cp.CategoryRatioBelow != nil {
		ratio := *cp.CategoryRatioBelow
		for i, cat := range c.Categories {
			if cat.Bonus {
				continue
			}
			cs := r.Categories[topIndex(r, c, i)]
			// Scores are 2-decimal figures; ratio × max may carry a binary
			// hair above its decimal value (0.8 × 3 = 2.4000000000000004),
			// so a score exactly at the line must not count as under it.
			if cs.Max > 0 && cs.Score < ratio*cs.Max-1e-9 {
				if len(hits) == cap(hits) {
					hits = slices.Grow(hits, len(c.Categories)-i) // room for the rest at once
				}
				hits = append(hits, CapHit{Kind: cp.Kind(), Ref: cat.ID, Ratio: ratio, MaxGrade: cp.MaxGrade})
			}
		}
		return hits
	}
	if is, ok := r.Item(cp.ItemLost); ok {
		if is.Counts() && is.Score < is.Max {
			hits = append(hits, CapHit{Kind: cp.Kind(), Ref: cp.ItemLost, MaxGrade: cp.MaxGrade})
		}
	}
	return hits
}

// topIndex returns the index in r.Categories of the i-th top-level category.
func topIndex(r *Result, c *Catalog, i int) int {
	want := c.Categories[i].ID
	for j := range r.Categories {
		if r.Categories[j].ID == want {
			return j
		}
	}
	return 0
}

// BandGrade returns the grade of the first band whose Min <= final, or "".
func (c *Catalog) BandGrade(final float64) string {
	for _, g := range c.Grades {
		if g.Min <= final {
			return g.Grade
		}
	}
	return ""
}

// DefaultVetoGrade is the grade given on a veto when the catalog names none.
const DefaultVetoGrade = "不予通过"

// VetoGradeOrDefault returns VetoGrade, or DefaultVetoGrade when it is empty.
func (c *Catalog) VetoGradeOrDefault() string {
	if c.VetoGrade != "" {
		return c.VetoGrade
	}
	return DefaultVetoGrade
}

// Item returns the score of the item with the given id and whether it exists.
func (r *Result) Item(id string) (ItemScore, bool) {
	for _, is := range r.Items {
		if is.ID == id {
			return is, true
		}
	}
	return ItemScore{}, false
}

// Category returns the score of the category with the given id and whether it exists.
func (r *Result) Category(id string) (CategoryScore, bool) {
	for _, cs := range r.Categories {
		if cs.ID == id {
			return cs, true
		}
	}
	return CategoryScore{}, false
}
