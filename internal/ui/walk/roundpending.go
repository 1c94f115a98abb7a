package walk

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// What the walk-through shows while points wait for the round (issue 15):
// a unit working alone cannot know its rank, its group's averages or a
// grade quota, so it sees 待全市汇总后计分 with the range it can still
// reach, never a figure the round could change.

// finalText is the score panel's line of the final score: the range still
// open while points wait for the round or a reviewer's choice.
func finalText(r *domain.Result) string {
	switch {
	case r.Reach != nil && r.AwaitsRound:
		return lang.L("Scored once the round is in: {{.Min}}–{{.Max}} / {{.Total}} points",
			map[string]any{"Min": kit.Number(r.Reach.Min), "Max": kit.Number(r.Reach.Max), "Total": kit.Number(r.Total)})
	case r.Reach != nil:
		return lang.L("{{.Min}}–{{.Max}} / {{.Total}} points, some points still to be decided",
			map[string]any{"Min": kit.Number(r.Reach.Min), "Max": kit.Number(r.Reach.Max), "Total": kit.Number(r.Total)})
	}
	return lang.L("{{.Final}} / {{.Total}} points ({{.Percent}}%)",
		map[string]any{"Final": kit.Number(r.Final), "Total": kit.Number(r.Total), "Percent": kit.Number(r.Percent)})
}

// gradeText is the score panel's grade: said to wait when the round's
// rules (quotas, a value below the group's average, ranks) may still
// change it, from the grade of the low end to the best the range's top
// could give.
func gradeText(c *domain.Catalog, r *domain.Result) string {
	if !r.AwaitsRound {
		return r.Grade
	}
	grade := r.Grade
	if r.Reach != nil && len(r.Vetoes) == 0 {
		if best := c.BandGrade(r.Reach.Max); best != "" && c.GradeRank(best) >= 0 && c.GradeRank(best) < c.GradeRank(r.Grade) {
			grade = lang.L("{{.Low}} to {{.High}}", map[string]any{"Low": r.Grade, "High": best})
		}
	}
	return lang.L("{{.Grade}} (to be confirmed with the round)", map[string]any{"Grade": grade})
}

// awaitText is the item pane's points of an item that waits for the
// round, and whether it does.
func awaitText(is domain.ItemScore) (string, bool) {
	if !is.AwaitsRound || is.Pending == nil {
		return "", false
	}
	return lang.L("Scored once the round is in: {{.Min}}–{{.Max}} of {{.ItemMax}} points",
		map[string]any{"Min": kit.Number(is.Pending.Min), "Max": kit.Number(is.Pending.Max), "ItemMax": kit.Number(is.Max)}), true
}

// describeRound says in words how a relative or rank item scores against
// the unit's peers; max is the item's max, written.
func describeRound(it *domain.Item, max string) string {
	s := lang.L("Compared with the units of the same group; scored once the round is in.") + "\n"
	if rl := it.Relative; rl != nil {
		d := map[string]any{"Points": kit.Number(rl.Points), "Per": kit.Number(rl.Per), "Max": max}
		if rl.LowerIsBetter {
			return s + lang.L("The group's average scores {{.Points}} points; each 1 lower adds {{.Per}}, each 1 higher deducts {{.Per}}, within 0 and {{.Max}} points.", d)
		}
		return s + lang.L("The group's average scores {{.Points}} points; each 1 higher adds {{.Per}}, each 1 lower deducts {{.Per}}, within 0 and {{.Max}} points.", d)
	}
	r := it.Rank
	order := lang.L("the highest value ranks first")
	if r.LowerIsBetter {
		order = lang.L("the lowest value ranks first")
	}
	switch {
	case len(r.Points) > 0:
		ps := make([]string, len(r.Points))
		for i, p := range r.Points {
			ps[i] = kit.Number(p)
		}
		return s + lang.L("By rank in the group ({{.Order}}): places 1 to {{.N}} score {{.Points}} points, the others 0.",
			map[string]any{"Order": order, "N": len(r.Points), "Points": strings.Join(ps, "、")})
	case r.Proportional && r.Top > 0:
		return s + lang.L("By rank in the group ({{.Order}}): the first scores {{.Max}} points, places 2 to {{.Top}} in proportion to the first's value, the others 0.",
			map[string]any{"Order": order, "Max": max, "Top": r.Top})
	case r.Proportional:
		return s + lang.L("By rank in the group ({{.Order}}): the first scores {{.Max}} points, the others in proportion to the first's value.",
			map[string]any{"Order": order, "Max": max})
	}
	return s + lang.L("By rank in the group ({{.Order}}): the last {{.N}} places lose {{.Per}} of {{.Max}} points.",
		map[string]any{"Order": order, "N": r.Bottom, "Per": kit.Number(r.Per), "Max": max})
}

// awaitShort is the tree's points of an item that waits for the round:
// 待汇总 and the range.
func awaitShort(is domain.ItemScore) string {
	if is.Pending == nil {
		return lang.L("awaits the round")
	}
	return lang.L("awaits the round") + " · " + kit.Number(is.Pending.Min) + "–" + kit.Number(is.Pending.Max) + "/" + kit.Number(is.Max)
}

// categoryReach returns the range of a category's points while items in it
// (or below) wait for the round: its points as scored, up to those plus
// what the waiting items can still add. ok is false when none waits.
func categoryReach(cat *domain.Category, r *domain.Result) (lo, hi float64, ok bool) {
	cs, found := r.Category(cat.ID)
	if !found {
		return 0, 0, false
	}
	extra := 0.0
	for _, it := range cat.AllItems() {
		if is, _ := r.Item(it.ID); is.AwaitsRound && is.Pending != nil {
			extra += is.Pending.Max - is.Pending.Min
			ok = true
		}
	}
	return cs.Score, domain.Round2(cs.Score + extra), ok
}

// lowEnd prefixes the score panel's formula while points are open: the
// figures in it count the low end of their ranges.
func lowEnd(r *domain.Result) string {
	if r.Reach == nil {
		return ""
	}
	return lang.L("At the lowest points still open: ")
}
