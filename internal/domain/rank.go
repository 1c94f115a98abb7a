package domain

import (
	"math"
	"sort"
)

// The ranking of a round (同类编组排名): every unit of a peer group ranked on
// its score, the 核定 score where the assessment is approved, else the
// unit's own. RankRound is pure: it works on the stored summaries, so that
// ranking a province's 1,500 units takes no scoring.

// RankStatus is where a unit's assessment of the round stands, as the
// ranking shows it.
type RankStatus string

// The statuses of a ranking row.
const (
	RankNotStarted RankStatus = "not_started" // 未开始: no assessment for the round
	RankInProgress RankStatus = "in_progress" // 填报中: a draft
	RankSubmitted  RankStatus = "submitted"   // 已提交
	RankReturned   RankStatus = "returned"    // 已退回
	RankApproved   RankStatus = "approved"    // 已审定
)

// Basis says which score a row ranks on.
type Basis string

// The bases of a ranking score.
const (
	BasisApproved Basis = "approved" // 审定: the 核定 score of an approved assessment
	BasisSelf     Basis = "self"     // 自评: the unit's own score
)

// RateBand is the colour of a score rate: green, yellow or red.
type RateBand string

// The bands of a score rate.
const (
	BandGreen  RateBand = "green"
	BandYellow RateBand = "yellow"
	BandRed    RateBand = "red"
)

// Bands are the lowest score rates (0 to 1) of the green and the yellow
// band; anything lower is red.
type Bands struct {
	Green, Yellow float64
}

// DefaultBands are the bands a round uses unless it sets its own: green from
// 90 %, yellow from 80 %.
var DefaultBands = Bands{Green: 0.9, Yellow: 0.8}

// Of returns the band of a score rate.
func (b Bands) Of(rate float64) RateBand {
	switch {
	case rate >= b.Green-1e-9:
		return BandGreen
	case rate >= b.Yellow-1e-9:
		return BandYellow
	}
	return BandRed
}

// PeerGroup is a named list of units ranked against each other (同类编组).
type PeerGroup struct {
	Name    string
	UnitIDs []int64
}

// RankOptions choose how a round is ranked.
type RankOptions struct {
	// Groups are the round's own peer groups. Nil groups the units by unit
	// type, in the order of TypeOrder and then by name; units in none of
	// the given groups are put in a last group named "".
	Groups []PeerGroup
	// TypeOrder orders the unit-type groups (a catalog's unit_types).
	TypeOrder []string
	// ApprovedOnly ranks approved assessments only; the others are listed
	// unranked.
	ApprovedOnly bool
	// Bands colour the score rates; the zero value means DefaultBands.
	Bands Bands
}

// BottomCount is how many units at the bottom of a group are marked: each
// month the bottom three get special supervision.
const BottomCount = 3

// RankRow is one unit in a group's ranking.
type RankRow struct {
	Unit         Unit
	AssessmentID int64 // 0 when the unit has no assessment for the round
	Status       RankStatus
	Score        float64 // on the Basis; 0 when not started
	Total        float64 // the catalog's total
	Rate         float64 // Score / Total, 0 to 1 (more with bonus)
	Basis        Basis
	Grade        string
	// Rank is the place in the group, ties sharing one (1, 1, 3); 0 for a
	// unit that is not ranked: no submitted or approved assessment (or, with
	// ApprovedOnly, none approved).
	Rank int
	// GapAbove is the score the unit lacks to the ranked unit above it (0
	// for the first and for ties); GapFirst the score it lacks to the first.
	GapAbove, GapFirst float64
	// Change is the places gained since the previous round (positive: up),
	// nil when the unit was not ranked in either round.
	Change *int
	// Bottom marks the units in the group's last BottomCount places, ties
	// with them included, when the group ranks more than BottomCount units.
	Bottom bool
	Band   RateBand // of Rate; "" when not ranked
}

// RankGroup is one peer group's ranking: the ranked units best first, then
// the unranked ones.
type RankGroup struct {
	Name string
	Rows []RankRow
}

// RankRound ranks the units of a round in their peer groups. round holds the
// summaries of the round's assessments of one catalog (one per unit),
// previous those of the round before (nil for none), for the change of rank.
func RankRound(units []Unit, round, previous []AssessmentSummary, opt RankOptions) []RankGroup {
	if opt.Bands == (Bands{}) {
		opt.Bands = DefaultBands
	}
	groups := rank(units, round, opt)
	if previous != nil {
		before := map[int64]int{}
		for _, g := range rank(units, previous, opt) {
			for _, r := range g.Rows {
				if r.Rank > 0 {
					before[r.Unit.ID] = r.Rank
				}
			}
		}
		for gi := range groups {
			for ri := range groups[gi].Rows {
				r := &groups[gi].Rows[ri]
				if was, ok := before[r.Unit.ID]; ok && r.Rank > 0 {
					c := was - r.Rank
					r.Change = &c
				}
			}
		}
	}
	return groups
}

// rank ranks one round without the change since the previous one.
func rank(units []Unit, round []AssessmentSummary, opt RankOptions) []RankGroup {
	byUnit := make(map[int64]*AssessmentSummary, len(round))
	for i := range round {
		// A unit with two assessments of the catalog in the round (a draft
		// moved to a new catalog version beside the kept old one) ranks
		// with the newer.
		id := round[i].Unit.ID
		if old, ok := byUnit[id]; ok && newer(old, &round[i]) {
			continue
		}
		byUnit[id] = &round[i]
	}
	var groups []RankGroup
	for _, g := range groupUnits(units, opt) {
		rows := make([]RankRow, 0, len(g.units))
		for _, u := range g.units {
			rows = append(rows, rankRow(u, byUnit[u.ID], opt))
		}
		order(rows)
		place(rows, opt.Bands)
		groups = append(groups, RankGroup{Name: g.name, Rows: rows})
	}
	return groups
}

// newer reports whether a was created after b (the higher id on a tie).
func newer(a, b *AssessmentSummary) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.ID > b.ID
}

// rankRow is a unit's row before it is placed.
func rankRow(u Unit, s *AssessmentSummary, opt RankOptions) RankRow {
	if s == nil {
		return RankRow{Unit: u, Status: RankNotStarted, Basis: BasisSelf}
	}
	r := RankRow{Unit: u, AssessmentID: s.ID, Total: s.Total, Score: s.Final, Grade: s.Grade, Basis: BasisSelf}
	if s.Assessment.Unit.Name != "" {
		r.Unit = s.Assessment.Unit // the facts it was scored with
		r.Unit.ID = u.ID
	}
	switch s.Status {
	case Draft:
		r.Status = RankInProgress
	case Submitted:
		r.Status = RankSubmitted
	case Returned:
		r.Status = RankReturned
	case Approved:
		r.Status = RankApproved
		r.Score, r.Grade, r.Basis = s.ReviewedFinal, s.ReviewedGrade, BasisApproved
	}
	if r.Total > 0 {
		r.Rate = r.Score / r.Total
	}
	ranked := r.Status == RankApproved || (r.Status == RankSubmitted && !opt.ApprovedOnly)
	if ranked {
		r.Rank = -1 // placed by place
	}
	return r
}

// statusOrder orders the unranked rows: the furthest along first.
var statusOrder = map[RankStatus]int{RankApproved: 0, RankSubmitted: 1, RankReturned: 2, RankInProgress: 3, RankNotStarted: 4}

// cents rounds a score to the hundredths it is shown in, so that scores
// equal on paper tie.
func cents(x float64) int64 { return int64(math.Round(x * 100)) }

// order sorts rows: ranked ones by score, best first, then the unranked
// ones by status; names break ties.
func order(rows []RankRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if (a.Rank != 0) != (b.Rank != 0) {
			return a.Rank != 0
		}
		if a.Rank != 0 && cents(a.Score) != cents(b.Score) {
			return cents(a.Score) > cents(b.Score)
		}
		if a.Rank == 0 && a.Status != b.Status {
			return statusOrder[a.Status] < statusOrder[b.Status]
		}
		return a.Unit.Name < b.Unit.Name
	})
}

// place gives the ranked rows (first in rows) their rank, gaps, band and
// bottom mark.
func place(rows []RankRow, bands Bands) {
	n := 0
	for n < len(rows) && rows[n].Rank != 0 {
		n++
	}
	for i := 0; i < n; i++ {
		r := &rows[i]
		r.Rank = i + 1
		if i > 0 && cents(r.Score) == cents(rows[i-1].Score) {
			r.Rank = rows[i-1].Rank
		}
		if i > 0 {
			r.GapAbove = float64(cents(rows[i-1].Score)-cents(r.Score)) / 100
			r.GapFirst = float64(cents(rows[0].Score)-cents(r.Score)) / 100
		}
		r.Band = bands.Of(r.Rate)
	}
	if n <= BottomCount {
		return
	}
	// A tie block is marked when any of its places is among the last three.
	for i := 0; i < n; {
		j := i
		for j < n && rows[j].Rank == rows[i].Rank {
			j++
		}
		if j > n-BottomCount { // the block's last place, j, is one of them
			for k := i; k < j; k++ {
				rows[k].Bottom = true
			}
		}
		i = j
	}
}

// unitGroup is a peer group's units before ranking.
type unitGroup struct {
	name  string
	units []Unit
}

// groupUnits puts the units into their peer groups.
func groupUnits(units []Unit, opt RankOptions) []unitGroup {
	if opt.Groups != nil {
		byID := make(map[int64]Unit, len(units))
		for _, u := range units {
			byID[u.ID] = u
		}
		placed := map[int64]bool{}
		var out []unitGroup
		for _, g := range opt.Groups {
			ug := unitGroup{name: g.Name}
			for _, id := range g.UnitIDs {
				if u, ok := byID[id]; ok && !placed[id] {
					ug.units = append(ug.units, u)
					placed[id] = true
				}
			}
			out = append(out, ug)
		}
		var rest unitGroup
		for _, u := range units {
			if !placed[u.ID] {
				rest.units = append(rest.units, u)
			}
		}
		if len(rest.units) > 0 {
			out = append(out, rest)
		}
		return out
	}
	index := map[string]int{}
	for i, t := range opt.TypeOrder {
		if _, dup := index[t]; !dup {
			index[t] = i
		}
	}
	byType := map[string][]Unit{}
	var types []string
	for _, u := range units {
		if _, seen := byType[u.Type]; !seen {
			types = append(types, u.Type)
		}
		byType[u.Type] = append(byType[u.Type], u)
	}
	sort.SliceStable(types, func(i, j int) bool {
		ii, iok := index[types[i]]
		ji, jok := index[types[j]]
		if iok != jok {
			return iok
		}
		if iok && ii != ji {
			return ii < ji
		}
		return types[i] < types[j]
	})
	out := make([]unitGroup, 0, len(types))
	for _, t := range types {
		out = append(out, unitGroup{name: t, units: byType[t]})
	}
	return out
}

// Standing is where a unit's assessment stands in its round, as its score
// panel shows it once the round's ranking is known: its place in its peer
// group and, when the round sets one, its target.
type Standing struct {
	Round  string
	Group  string // the peer group's name ("" for units in no named group)
	Rank   int    // 0 while the assessment is not ranked (not submitted)
	Ranked int    // how many units of the group are ranked
	Target *TargetGap
	// Peers are the facts of the peer group the round scored the unit with
	// (ScoreRound), for its rules comparing units; nil when the catalog has
	// none or the unit is not among its group's peers.
	Peers *PeerFacts
}

// StandingOf finds the unit's row in the groups and says where it stands,
// with its target t (nil for none) worked out on its result res. Nil when
// the unit is in no group, or its group ranks fewer than two units: a
// ranking of one says nothing.
func StandingOf(c *Catalog, round string, groups []RankGroup, unitID int64, res *Result, t *UnitTarget) *Standing {
	for _, g := range groups {
		ranked := 0
		var row *RankRow
		for i := range g.Rows {
			if g.Rows[i].Rank > 0 {
				ranked++
			}
			if g.Rows[i].Unit.ID == unitID {
				row = &g.Rows[i]
			}
		}
		if row == nil {
			continue
		}
		if ranked < 2 {
			return nil
		}
		s := &Standing{Round: round, Group: g.Name, Rank: row.Rank, Ranked: ranked}
		if t != nil {
			gap := Gap(c, g, *row, res, *t)
			s.Target = &gap
		}
		return s
	}
	return nil
}
