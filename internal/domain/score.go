package domain

import "math"

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
	Catalog       string          `json:"catalog"`
	Version       string          `json:"version"`
	UnitType      string          `json:"unit_type"`
	Total         float64         `json:"total"`
	ApplicableMax float64         `json:"applicable_max"`
	Raw           float64         `json:"raw"`
	Scaled        float64         `json:"scaled"`
	Bonus         float64         `json:"bonus"`
	Final         float64         `json:"final"`
	Percent       float64         `json:"percent"`
	Grade         string          `json:"grade"`
	Vetoes        []string        `json:"vetoes"`
	Caps          []CapHit        `json:"caps"`
	Answered      int             `json:"answered"`
	Applicable    int             `json:"applicable"`
	Categories    []CategoryScore `json:"categories"`
	Items         []ItemScore     `json:"items"`
	// ItemGrades counts the answered base items of each item grade (优秀 25,
	// 良好 11) when the catalog grades items.
	ItemGrades map[string]int `json:"item_grades,omitempty"`

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
	// Reviewed is true when the points come from a reviewer's override.
	Reviewed bool `json:"reviewed,omitempty"`
	// Parts holds the points of a composite item's parts.
	Parts []ItemScore `json:"parts,omitempty"`
}

// Lost returns the points the item lost (max − score) when it is applicable,
// else 0.
func (s ItemScore) Lost() float64 {
	if s.Status == StatusNA || s.Status == StatusExcluded {
		return 0
	}
	return Round2(s.Max - s.Score)
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
}

// Round2 rounds to 2 decimals, half away from zero, treating the input as
// the decimal a person would read (1.005 rounds to 1.01).
func Round2(x float64) float64 {
	v := x * 100
	// Binary floating point stores 1.005 as 1.00499999999999989…; nudge by a
	// relative hair so that such values round as their decimal reading does.
	v += math.Copysign(1e-9*math.Max(1, math.Abs(v)), v)
	return math.Round(v) / 100
}

// Points returns the item's points for answer a (not rounded for composites'
// parts: every part is rounded before it is summed). An item that a does not
// answer scores 0.
func (it *Item) Points(a Answer) float64 {
	if it.IsComposite() {
		sum := 0.0
		for _, p := range it.Parts {
			if pa, ok := a.Parts[p.ID]; ok {
				sum += Round2(p.Points(pa))
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
			return Round2(it.numericPoints(v))
		}
	case MethodDeduct:
		if a.Count == nil || *a.Count < 0 {
			return 0
		}
		k := *a.Count
		if it.ZeroAt > 0 && k >= it.ZeroAt {
			return 0
		}
		return Round2(math.Max(it.Max-it.Per*float64(k), it.Floor))
	case MethodCount:
		if a.Count == nil || *a.Count < 0 {
			return 0
		}
		return Round2(math.Min(it.Per*float64(*a.Count), it.Max))
	}
	return 0
}

// NumericValue returns the value a numeric item scores: the answer's value,
// or its percent change against the baseline for a change item. ok is false
// when the answer gives no usable value.
func (it *Item) NumericValue(a Answer) (v float64, ok bool) {
	if a.Value == nil || !finite(*a.Value) {
		return 0, false
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

func (it *Item) numericPoints(v float64) float64 {
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
		return it.Max * math.Min(math.Max(r, 0), 1)
	case it.Shortfall != nil:
		s := it.Shortfall
		gap := s.Target - v
		if s.LowerIsBetter {
			gap = v - s.Target
		}
		if gap <= 0 {
			return it.Max
		}
		if s.Step <= 0 {
			return 0
		}
		steps := gap / s.Step
		if s.WholeSteps {
			// 2.0000000001 steps is 2 steps read from decimal input, not 3.
			steps = math.Ceil(steps - 1e-9)
		}
		return math.Max(it.Max-s.Per*steps, 0)
	}
	return 0
}

// Score scores the answer set against the catalog. It never fails: answers
// that do not fit an item score 0 and leave it unanswered; CheckAnswers says
// what is wrong with them.
func Score(c *Catalog, s *AnswerSet, opt Options) *Result {
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
	r := &Result{
		Catalog:  c.ID,
		Version:  c.Version,
		UnitType: unitType,
		Total:    c.Total,
		Vetoes:   []string{},
		Caps:     []CapHit{},
		Items:    make([]ItemScore, 0, len(c.Items())),
	}
	bonusSum := 0.0
	for _, it := range c.Items() {
		is := ItemScore{ID: it.ID, Max: it.Max}
		a, has := answers[it.ID]
		o, override := opt.Overrides[it.ID]
		override = override && finite(o)
		switch {
		case !it.AppliesToType(unitType):
			is.Status = StatusExcluded
		case has && a.NA && !override:
			is.Status = StatusNA
		default:
			is.Status = StatusUnanswered
			if has && it.Answered(a) {
				is.Status = StatusAnswered
			}
			is.Score = it.Points(a)
			if it.IsComposite() {
				is.Parts = make([]ItemScore, len(it.Parts))
				for i, p := range it.Parts {
					pa, ok := a.Parts[p.ID]
					ps := ItemScore{ID: p.ID, Max: p.Max, Status: StatusUnanswered}
					if ok {
						ps.Score = Round2(p.Points(pa))
						if p.Answered(pa) {
							ps.Status = StatusAnswered
						}
					}
					is.Parts[i] = ps
				}
			}
			if override { // a reviewer's points; on a N/A item they make it applicable again
				is.Score = Round2(math.Min(math.Max(o, 0), it.Max))
				is.Reviewed = true
				if a.NA {
					is.Status = StatusAnswered
				}
			}
			if it.Bonus {
				bonusSum += is.Score
			} else {
				r.Raw += is.Score
				r.ApplicableMax += it.Max
				r.Applicable++
				if is.Status == StatusAnswered {
					r.Answered++
				}
			}
		}
		r.Items = append(r.Items, is)
	}
	r.Raw = Round2(r.Raw)
	r.ApplicableMax = Round2(r.ApplicableMax)
	if r.ApplicableMax > 0 {
		r.Scaled = Round2(r.Raw * c.Total / r.ApplicableMax)
	}
	r.Bonus = Round2(bonusSum)
	if c.BonusCap != nil && r.Bonus > *c.BonusCap {
		r.Bonus = *c.BonusCap
	}
	r.Final = Round2(r.Scaled + r.Bonus)
	if c.Total > 0 {
		r.Percent = Round2(r.Final / c.Total * 100)
	}

	// Categories: raw points and max of applicable items, nested ones too.
	// The walk visits items in the order of c.Items(), hence of r.Items.
	next := 0
	var walk func(cat *Category) (score, max float64)
	walk = func(cat *Category) (float64, float64) {
		i := len(r.Categories)
		r.Categories = append(r.Categories, CategoryScore{ID: cat.ID})
		score, max := 0.0, 0.0
		for _, it := range cat.Items {
			is := r.Items[next]
			next++
			if is.Status == StatusAnswered || is.Status == StatusUnanswered {
				score += is.Score
				max += it.Max
			}
		}
		for _, sub := range cat.Categories {
			s, m := walk(sub)
			score += s
			max += m
		}
		r.Categories[i].Score = Round2(score)
		r.Categories[i].Max = Round2(max)
		return score, max
	}
	for _, cat := range c.Categories {
		walk(cat)
	}

	r.Grade = c.BandGrade(r.Final)
	r.BandGrade = r.Grade
	for _, cp := range c.Caps {
		hits := capHits(c, r, cp)
		for _, h := range hits {
			r.Caps = append(r.Caps, h)
			if c.GradeRank(h.MaxGrade) > c.GradeRank(r.Grade) {
				r.Grade = h.MaxGrade
			}
		}
	}
	seen := map[string]bool{}
	for _, v := range vetoes {
		if _, ok := c.Veto(v); ok && !seen[v] {
			seen[v] = true
			r.Vetoes = append(r.Vetoes, v)
		}
	}
	if len(r.Vetoes) > 0 {
		r.Grade = c.VetoGradeOrDefault()
	}
	gradeItems(c, r)
	return r
}

func capHits(c *Catalog, r *Result, cp Cap) []CapHit {
	var hits []CapHit
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
				hits = append(hits, CapHit{Kind: cp.Kind(), Ref: cat.ID, Ratio: ratio, MaxGrade: cp.MaxGrade})
			}
		}
		return hits
	}
	if is, ok := r.Item(cp.ItemLost); ok {
		if (is.Status == StatusAnswered || is.Status == StatusUnanswered) && is.Score < is.Max {
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
