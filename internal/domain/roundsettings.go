package domain

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// RoundSettings are how a round is ranked: its own peer groups (同类编组),
// named lists of units, and its band thresholds. A round without settings
// groups its units by unit type and uses DefaultBands.
type RoundSettings struct {
	Round   string
	Groups  []PeerGroup  // nil: by unit type
	Bands   Bands        // zero: DefaultBands
	Targets []UnitTarget // the units' targets (保五争三创一), one per unit at most
}

// RankOptions returns the options a ranking of the round uses, with the
// unit-type order of the catalog for rounds grouped by type.
func (s RoundSettings) RankOptions(typeOrder []string) RankOptions {
	return RankOptions{Groups: s.Groups, TypeOrder: typeOrder, Bands: s.Bands}
}

// The problems of round settings.
const (
	ProbGroupName   = "round.group_name"    // group: a peer group without a name
	ProbGroupTwice  = "round.group_twice"   // group: two groups of one name
	ProbGroupUnit   = "round.group_unit"    // unit, group, other: a unit in two groups
	ProbGroupNoUnit = "round.group_no_unit" // unit, group: an id that is no unit
	ProbBands       = "round.bands"         // green, yellow: thresholds out of order or out of 0..1
)

// CheckRoundSettings checks a round's settings: named groups, each name
// once, each unit in one group at most, and 0 ≤ yellow ≤ green ≤ 1 (the
// zero Bands means the defaults). EINVALID with every problem.
func CheckRoundSettings(s RoundSettings) error {
	var ps []Problem
	seen := map[string]bool{}
	where := map[int64]string{}
	for _, g := range s.Groups {
		name := strings.TrimSpace(g.Name)
		if name == "" {
			ps = append(ps, NewProblem(ProbGroupName, "a peer group needs a name", "group", g.Name))
			continue
		}
		if err := ValidName(name); err != nil {
			ps = append(ps, ErrorProblems(err)...)
		}
		if seen[name] {
			ps = append(ps, NewProblem(ProbGroupTwice, "two peer groups are named {group}", "group", name))
		}
		seen[name] = true
		for _, id := range g.UnitIDs {
			if id <= 0 {
				ps = append(ps, NoUnitProblem(id, name))
				continue
			}
			if other, dup := where[id]; dup {
				ps = append(ps, NewProblem(ProbGroupUnit, "unit {unit} is in group {group} and in {other}",
					"unit", fmt.Sprint(id), "group", name, "other", other))
				continue
			}
			where[id] = name
		}
	}
	seenTarget := map[int64]bool{}
	for _, t := range s.Targets {
		if t.UnitID <= 0 || t.Rank < 0 || t.Score < 0 || seenTarget[t.UnitID] {
			ps = append(ps, NewProblem(ProbTarget, "the target of unit {unit} needs a rank of 1 or more, a score of 0 or more, once per unit",
				"unit", fmt.Sprint(t.UnitID)))
		}
		seenTarget[t.UnitID] = true
	}
	if b := s.Bands; b != (Bands{}) && (b.Yellow < 0 || b.Green > 1 || b.Yellow > b.Green) {
		ps = append(ps, NewProblem(ProbBands, "the bands need 0 ≤ yellow ({yellow}) ≤ green ({green}) ≤ 1",
			"green", fmt.Sprint(b.Green), "yellow", fmt.Sprint(b.Yellow)))
	}
	if len(ps) > 0 {
		return &Error{Code: EINVALID, Message: ps[0].Msg, Problems: ps}
	}
	return nil
}

// NoUnitProblem says that group names a unit id that is no unit.
func NoUnitProblem(id int64, group string) Problem {
	return NewProblem(ProbGroupNoUnit, "group {group} names unit {unit}, which does not exist", "unit", fmt.Sprint(id), "group", group)
}

// RoundSettingsService keeps the rounds' ranking settings.
type RoundSettingsService interface {
	// RoundSettings returns the settings of a round; a round without any
	// has the zero settings (by unit type, default bands).
	RoundSettings(ctx context.Context, round string) (RoundSettings, error)
	// SaveRoundSettings stores a round's settings. EINVALID (see
	// CheckRoundSettings), EFORBIDDEN without the right to manage rounds.
	SaveRoundSettings(ctx context.Context, s RoundSettings) error
}

// UnitTarget is what a round expects of a unit (保五争三创一): a rank in its
// group, or a score, or a grade; zero fields are not set.
type UnitTarget struct {
	UnitID int64
	Rank   int
	Score  float64
	Grade  string
}

// IsZero reports whether the target sets nothing.
func (t UnitTarget) IsZero() bool { return t.Rank == 0 && t.Score == 0 && t.Grade == "" }

// Target returns the round's target for a unit, and whether it has one.
func (s RoundSettings) Target(unitID int64) (UnitTarget, bool) {
	for _, t := range s.Targets {
		if t.UnitID == unitID {
			return t, true
		}
	}
	return UnitTarget{}, false
}

// TargetGap is how a unit stands against its target.
type TargetGap struct {
	Target UnitTarget
	Met    bool
	// Lacks is the score the unit lacks: to the score of the unit holding
	// the target rank (a tie shares it), to the target score, or to the
	// lowest score of the target grade; 0 when met.
	Lacks float64
	// Items are where those points are cheapest to win: the unit's items
	// that lost the most points first, as many as cover Lacks (all that lost
	// points when even they do not).
	Items []ItemScore
	// Cover is the final score those items would add if won back whole.
	Cover float64
}

// ProbTarget is the problem of a target that names nothing reachable.
const ProbTarget = "round.target" // unit: a target with a rank below 1, a negative score

// Gap works out how row, of group, stands against target t, with its
// result res (nil: no items proposed) in catalog c (for a grade target).
func Gap(c *Catalog, group RankGroup, row RankRow, res *Result, t UnitTarget) TargetGap {
	g := TargetGap{Target: t}
	need := 0.0
	switch {
	case t.Rank > 0:
		if row.Rank == 0 {
			break // not ranked: nothing to compare
		}
		if row.Rank <= t.Rank {
			g.Met = true
			break
		}
		// The unit holding the target place: the t.Rank-th ranked row.
		n := 0
		for _, r := range group.Rows {
			if r.Rank == 0 {
				continue
			}
			n++
			if n == t.Rank {
				need = r.Score - row.Score
				break
			}
		}
	case t.Score > 0:
		need = t.Score - row.Score
		g.Met = need <= 0
	case t.Grade != "" && c != nil:
		want := c.GradeRank(t.Grade)
		if have := c.GradeRank(row.Grade); want >= 0 && have >= 0 && have <= want {
			g.Met = true
			break
		}
		for _, b := range c.Grades {
			if b.Grade == t.Grade {
				need = b.Min - row.Score
			}
		}
		g.Met = need <= 0 && c.GradeRank(row.Grade) <= want
	}
	if g.Met || need <= 0 {
		return g
	}
	g.Lacks = Round2(need)
	if res == nil {
		return g
	}
	// A raw point won back adds total / applicable_max final points.
	factor := 1.0
	if res.ApplicableMax > 0 {
		factor = res.Total / res.ApplicableMax
	}
	lost := make([]ItemScore, 0, len(res.Items))
	for _, is := range res.Items {
		if it := c.Item(is.ID); it != nil && !it.Bonus && is.Lost() > 0 {
			lost = append(lost, is)
		}
	}
	sort.SliceStable(lost, func(i, j int) bool { return lost[i].Lost() > lost[j].Lost() })
	for _, is := range lost {
		if g.Cover >= g.Lacks-1e-9 {
			break
		}
		g.Items = append(g.Items, is)
		g.Cover = Round2(g.Cover + is.Lost()*factor)
	}
	return g
}
