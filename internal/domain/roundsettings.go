package domain

import (
	"context"
	"fmt"
	"strings"
)

// RoundSettings are how a round is ranked: its own peer groups (同类编组),
// named lists of units, and its band thresholds. A round without settings
// groups its units by unit type and uses DefaultBands.
type RoundSettings struct {
	Round  string
	Groups []PeerGroup // nil: by unit type
	Bands  Bands       // zero: DefaultBands
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
