package demo

import (
	"math"
	"math/rand/v2"
	"slices"

	"pingce/internal/domain"
)

// The single demo's unit, rounds and catalog.
const (
	SingleUnit      = "某某区公安分局"
	SingleUnitType  = "分县局"
	SingleSuperior  = "某某市公安局"
	SingleRound     = "2026-Q3"
	SinglePrevRound = "2026-Q2"
	DefaultCatalog  = "demo-city-ref"
)

// Single is the demo of one unit, 某某区公安分局: 2026-Q2 fully answered and
// submitted, 2026-Q3 about half answered with notes, a N/A, a flagged item
// and two evidence files. The user of the context does everything, and
// becomes the operator of the unit's profile with every role.
func Single() Options {
	return Options{
		Catalog: DefaultCatalog,
		Profile: &ProfileSpec{Unit: 0, Roles: slices.Clone(domain.Roles)},
		Units:   []domain.Unit{{Name: SingleUnit, Type: SingleUnitType, Superior: SingleSuperior}},
		Assessments: []Spec{
			{Unit: 0, Round: SinglePrevRound, State: domain.Submitted, Share: 1},
			{Unit: 0, Round: SingleRound, State: domain.Draft, Share: 0.5, Extras: true},
		},
	}
}

// The bureau demo's rounds, oldest first, and its reviewer.
var (
	BureauRounds   = []string{"2026-Q1", "2026-Q2", "2026-Q3"}
	BureauReviewer = "刘建国"
)

// Bureau is the demo of a whole city bureau: one 市局, 8 分县局 with their
// 20 派出所, and 4 局直单位, over three rounds (see roundStates), drafts
// at every stage; the reviewer marked items down on some. Each unit has its own standard (how often an answer
// earns full points), and does a little better each round. seed decides
// all of it. The user of the context becomes the operator of the 市局's
// profile, as the evaluation lead: reviewer and administrator.
func Bureau(seed uint64) Options {
	opt := Options{Catalog: DefaultCatalog, Seed: seed, People: true, Reviewer: BureauReviewer,
		Profile: &ProfileSpec{Unit: 0, Roles: []domain.Role{domain.RoleReviewer, domain.RoleAdmin}}}
	const city = "某某市公安局"
	opt.Units = append(opt.Units, domain.Unit{Name: city, Type: "市局", Superior: "某某省公安厅"})
	for _, b := range branches {
		opt.Units = append(opt.Units, domain.Unit{Name: b.name, Type: "分县局", Superior: city})
	}
	for _, b := range branches {
		for _, s := range b.stations {
			opt.Units = append(opt.Units, domain.Unit{Name: s, Type: "派出所", Superior: b.name})
		}
	}
	for _, d := range directs {
		opt.Units = append(opt.Units, domain.Unit{Name: d, Type: "局直单位", Superior: city})
	}
	for q, name := range BureauRounds {
		start, end := dates(2026, q+1)
		opt.Rounds = append(opt.Rounds, domain.Round{Name: name, Start: start, End: end})
	}

	rng := rand.New(rand.NewPCG(seed, 0x6275726561)) // "bureau"
	quality := make([]float64, len(opt.Units))
	for i := range quality {
		quality[i] = 0.45 + 0.5*rng.Float64()
	}
	extras := false
	for r, round := range BureauRounds {
		states := roundStates(r, len(opt.Units))
		rng.Shuffle(len(states), func(i, j int) { states[i], states[j] = states[j], states[i] })
		for u := range opt.Units {
			sp := Spec{Unit: u, Round: round, State: states[u], Share: 1, Quality: min(0.98, quality[u]+0.04*float64(r))}
			if sp.State == domain.Draft {
				sp.Share = 0.15 + 0.8*rng.Float64()
				if !extras && sp.Share > 0.4 && sp.Share < 0.7 {
					sp.Extras, extras = true, true
				}
			} else if rng.Float64() < 0.4 {
				sp.Reviews = 1 + rng.IntN(4)
			}
			opt.Assessments = append(opt.Assessments, sp)
		}
	}
	return opt
}

// roundStates returns the states n units' assessments end in, in round r
// of BureauRounds: the oldest round approved; the middle one three in five
// approved, the rest submitted or returned; the current one in every
// state, drafts and submitted ones the most.
func roundStates(r, n int) []domain.AssessmentStatus {
	var shares []float64 // of draft, submitted, returned; the rest approved
	switch r {
	case 0:
		shares = []float64{0, 0, 0}
	case 1:
		shares = []float64{0, 0.25, 0.15}
	default:
		shares = []float64{0.3, 0.3, 0.15}
	}
	var out []domain.AssessmentStatus
	for i, s := range []domain.AssessmentStatus{domain.Draft, domain.Submitted, domain.Returned} {
		for range int(math.Round(shares[i] * float64(n))) {
			out = append(out, s)
		}
	}
	for len(out) < n {
		out = append(out, domain.Approved)
	}
	return out
}

// branches are the bureau's 分县局 with their 派出所.
var branches = []struct {
	name     string
	stations []string
}{
	{"东城区公安分局", []string{"东门派出所", "北街派出所", "新华派出所"}},
	{"西城区公安分局", []string{"西关派出所", "人民路派出所", "长安派出所"}},
	{"南湖区公安分局", []string{"南湖派出所", "滨湖派出所", "湖光派出所"}},
	{"北山区公安分局", []string{"北山派出所", "龙泉派出所", "石桥派出所"}},
	{"高新区公安分局", []string{"科技城派出所", "创业路派出所"}},
	{"经开区公安分局", []string{"开发区派出所", "临港派出所"}},
	{"临江县公安局", []string{"城关派出所", "临江镇派出所"}},
	{"青山县公安局", []string{"青山镇派出所", "白水派出所"}},
}

// directs are the bureau's 局直单位.
var directs = []string{"交通警察支队", "刑事侦查支队", "治安管理支队", "特警支队"}
