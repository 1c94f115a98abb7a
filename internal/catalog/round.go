package catalog

import (
	"math"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// The keys of the round's rules (issue 15 shapes 7c, 11–13; docs/formats.md
// §1): a numeric item's relative and rank rules, a grade's requires and
// quota, and a cap's below_average. Catalog.Check checks what they say.

// roundRules reads the relative and rank rules of a numeric item.
func (d *decoder) roundRules(o *object, it *domain.Item) {
	if o.Has("relative") {
		rl := &domain.Relative{Points: math.NaN(), Per: math.NaN()}
		it.Relative = rl
		d.put(rl, o, "relative")
		if ro := d.Object(o.Value("relative"), "relative", o.Item, "relative"); ro != nil {
			ro.Allow("points", "per", "lower_is_better")
			rl.Points, rl.Per = num(ro, "points", true), num(ro, "per", true)
			rl.LowerIsBetter = ro.Bool("lower_is_better")
			d.put(rl, ro, "")
		}
	}
	if o.Has("rank") {
		r := &domain.RankRule{}
		it.Rank = r
		d.put(r, o, "rank")
		ro := d.Object(o.Value("rank"), "rank", o.Item, "rank")
		if ro == nil {
			r.Proportional = true // read as a rule, so that Check adds nothing to the shape's problem
			return
		}
		ro.Allow("points", "proportional", "top", "bottom", "per", "lower_is_better")
		d.put(r, ro, "")
		if ro.Has("points") {
			r.Points = []float64{}
			for _, n := range ro.NonEmptyList("points", yamlnode.ProbEmptyList, "{key} must not be empty") {
				v, is := yamlnode.Number(n)
				if is != nil {
					ro.Bad("points", n, is)
					v = math.NaN()
				}
				r.Points = append(r.Points, v)
			}
		}
		r.Proportional = ro.Bool("proportional")
		r.Top = wholeNumber(ro, "top")
		r.Bottom = wholeNumber(ro, "bottom")
		r.Per = num(ro, "per", false)
		r.LowerIsBetter = ro.Bool("lower_is_better")
	}
}

// wholeNumber reads a whole number of at least 1 (0 when absent); anything
// else is reported here, as zero_at's is, and read as -1, which Check
// takes as said already (shapeCodes) and as set.
func wholeNumber(o *object, key string) int {
	if !o.Has(key) {
		return 0
	}
	z := num(o, key, true)
	if z < 1 || z != math.Trunc(z) || z > 1e9 {
		if !math.IsNaN(z) {
			o.Errf(key, domain.ProbRankWhole, "{key} must be a whole number of at least 1, not {value}", "key", key, "value", formatNumber(z))
		}
		return -1
	}
	return int(z)
}

// gradeGate reads a grade band's requires and quota.
func gradeGate(g *object, band *domain.GradeBand) {
	band.Requires = g.Strs("requires", true)
	band.Quota = optNum(g, "quota")
}

// belowAverage reads a cap's below_average.
func belowAverage(co *object, cp *domain.Cap) {
	if co.Has("below_average") {
		cp.BelowAverage = co.Str("below_average", true)
	}
}

// roundNodes writes the relative and rank rules of a numeric item.
func roundNodes(m *yamlnode.Mapping, it *domain.Item) {
	if rl := it.Relative; rl != nil {
		var rm yamlnode.Mapping
		rm.Num("points", rl.Points)
		rm.Num("per", rl.Per)
		if rl.LowerIsBetter {
			rm.Bool("lower_is_better", true)
		}
		m.Add("relative", rm.Node(true))
	}
	if r := it.Rank; r != nil {
		var rm yamlnode.Mapping
		if r.Points != nil {
			ps := yamlnode.Seq(true)
			for _, p := range r.Points {
				ps.Content = append(ps.Content, yamlnode.NumNode(p))
			}
			rm.Add("points", ps)
		}
		if r.Proportional {
			rm.Bool("proportional", true)
		}
		if r.Top != 0 {
			rm.Num("top", float64(r.Top))
		}
		if r.Bottom != 0 {
			rm.Num("bottom", float64(r.Bottom))
		}
		if r.Per != 0 {
			rm.Num("per", r.Per)
		}
		if r.LowerIsBetter {
			rm.Bool("lower_is_better", true)
		}
		m.Add("rank", rm.Node(true))
	}
}

// gradeGateNodes writes a grade band's requires and quota.
func gradeGateNodes(gm *yamlnode.Mapping, g domain.GradeBand) {
	if len(g.Requires) > 0 {
		gm.Add("requires", yamlnode.StrList(g.Requires))
	}
	if g.Quota != nil {
		gm.Num("quota", *g.Quota)
	}
}
