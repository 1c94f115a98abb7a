package domain_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

// summary is a unit's assessment of a round with its own and its 核定 score.
func roundSummary(u domain.Unit, st domain.AssessmentStatus, own, reviewed float64) domain.AssessmentSummary {
	return domain.AssessmentSummary{
		Assessment:    domain.Assessment{ID: u.ID * 10, Unit: u, Status: st},
		Final:         own,
		Grade:         fmt.Sprintf("G%v", own),
		ReviewedFinal: reviewed,
		ReviewedGrade: fmt.Sprintf("R%v", reviewed),
		Total:         1000,
	}
}

// line renders a row as "name rank score basis gapAbove/gapFirst change bottom band".
func line(r domain.RankRow) string {
	change := "-"
	if r.Change != nil {
		change = fmt.Sprintf("%+d", *r.Change)
	}
	bottom := ""
	if r.Bottom {
		bottom = " bottom"
	}
	if r.Rank == 0 {
		return fmt.Sprintf("%s unranked %s", r.Unit.Name, r.Status)
	}
	return fmt.Sprintf("%s #%d %v %s gap %v/%v %s %s%s", r.Unit.Name, r.Rank, r.Score, r.Basis, r.GapAbove, r.GapFirst, change, r.Band, bottom)
}

func render(groups []domain.RankGroup) string {
	var b strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&b, "[%s]\n", g.Name)
		for _, r := range g.Rows {
			b.WriteString(line(r) + "\n")
		}
	}
	return b.String()
}

func TestRankRound(t *testing.T) {
	u := func(id int64, name, typ string) domain.Unit { return domain.Unit{ID: id, Name: name, Type: typ} }
	a, b, c, d, e, f := u(1, "甲", "分县局"), u(2, "乙", "分县局"), u(3, "丙", "分县局"), u(4, "丁", "分县局"), u(5, "戊", "分县局"), u(6, "己", "分县局")
	p1, p2 := u(11, "东派出所", "派出所"), u(12, "西派出所", "派出所")
	tests := []struct {
		name            string
		units           []domain.Unit
		round, previous []domain.AssessmentSummary
		opt             domain.RankOptions
		want            string
	}{
		{
			name:  "ties share a rank and the next skips (1, 1, 3)",
			units: []domain.Unit{a, b, c},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 900, 900), roundSummary(b, domain.Submitted, 950, 950), roundSummary(c, domain.Submitted, 950.004, 950),
			},
			want: "[分县局]\n丙 #1 950.004 self gap 0/0 - green\n乙 #1 950 self gap 0/0 - green\n甲 #3 900 self gap 50/50 - green\n",
		},
		{
			name:  "an approved assessment ranks on its 核定 score, the others on their own",
			units: []domain.Unit{a, b},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Approved, 960, 880), roundSummary(b, domain.Submitted, 900, 900),
			},
			want: "[分县局]\n乙 #1 900 self gap 0/0 - green\n甲 #2 880 approved gap 20/20 - yellow\n",
		},
		{
			name:  "approved only: the submitted ones are listed unranked",
			units: []domain.Unit{a, b},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Approved, 960, 880), roundSummary(b, domain.Submitted, 900, 900),
			},
			opt:  domain.RankOptions{ApprovedOnly: true},
			want: "[分县局]\n甲 #1 880 approved gap 0/0 - yellow\n乙 unranked submitted\n",
		},
		{
			name:  "units without a finished assessment come last, furthest along first",
			units: []domain.Unit{a, b, c, d},
			round: []domain.AssessmentSummary{
				roundSummary(b, domain.Draft, 990, 990), roundSummary(c, domain.Returned, 800, 800), roundSummary(d, domain.Submitted, 700, 700),
			},
			want: "[分县局]\n丁 #1 700 self gap 0/0 - red\n丙 unranked returned\n乙 unranked in_progress\n甲 unranked not_started\n",
		},
		{
			name:  "a 派出所 is never ranked against a 分县局: groups by unit type, in the catalog's order",
			units: []domain.Unit{p1, a, p2, b},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 800, 800), roundSummary(b, domain.Submitted, 850, 850),
				roundSummary(p1, domain.Submitted, 990, 990), roundSummary(p2, domain.Submitted, 700, 700),
			},
			opt:  domain.RankOptions{TypeOrder: []string{"市局", "分县局", "派出所"}},
			want: "[分县局]\n乙 #1 850 self gap 0/0 - yellow\n甲 #2 800 self gap 50/50 - yellow\n[派出所]\n东派出所 #1 990 self gap 0/0 - green\n西派出所 #2 700 self gap 290/290 - red\n",
		},
		{
			name:  "a round's own groups; units in none come in a last group",
			units: []domain.Unit{a, b, c},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 800, 800), roundSummary(b, domain.Submitted, 850, 850), roundSummary(c, domain.Submitted, 900, 900),
			},
			opt:  domain.RankOptions{Groups: []domain.PeerGroup{{Name: "城区", UnitIDs: []int64{1, 2, 99}}}},
			want: "[城区]\n乙 #1 850 self gap 0/0 - yellow\n甲 #2 800 self gap 50/50 - yellow\n[]\n丙 #1 900 self gap 0/0 - green\n",
		},
		{
			name:  "change of rank since the previous round",
			units: []domain.Unit{a, b, c},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 900, 900), roundSummary(b, domain.Submitted, 800, 800), roundSummary(c, domain.Submitted, 850, 850),
			},
			previous: []domain.AssessmentSummary{
				roundSummary(a, domain.Approved, 700, 700), roundSummary(b, domain.Approved, 900, 900),
			},
			want: "[分县局]\n甲 #1 900 self gap 0/0 +1 green\n丙 #2 850 self gap 50/50 - yellow\n乙 #3 800 self gap 50/100 -2 yellow\n",
		},
		{
			name:  "the bottom three are marked, a tie reaching into them included",
			units: []domain.Unit{a, b, c, d, e, f},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 950, 950), roundSummary(b, domain.Submitted, 940, 940), roundSummary(c, domain.Submitted, 930, 930),
				roundSummary(d, domain.Submitted, 930, 930), roundSummary(e, domain.Submitted, 930, 930), roundSummary(f, domain.Submitted, 800, 800),
			},
			want: "[分县局]\n甲 #1 950 self gap 0/0 - green\n乙 #2 940 self gap 10/10 - green\n丁 #3 930 self gap 10/20 - green bottom\n丙 #3 930 self gap 0/20 - green bottom\n戊 #3 930 self gap 0/20 - green bottom\n己 #6 800 self gap 130/150 - yellow bottom\n",
		},
		{
			name:  "a group of three has no bottom three",
			units: []domain.Unit{a, b, c},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 950, 950), roundSummary(b, domain.Submitted, 940, 940), roundSummary(c, domain.Submitted, 930, 930),
			},
			want: "[分县局]\n甲 #1 950 self gap 0/0 - green\n乙 #2 940 self gap 10/10 - green\n丙 #3 930 self gap 10/20 - green\n",
		},
		{
			name:  "bands exactly at their thresholds, and a round's own thresholds",
			units: []domain.Unit{a, b, c},
			round: []domain.AssessmentSummary{
				roundSummary(a, domain.Submitted, 900, 900), roundSummary(b, domain.Submitted, 800, 800), roundSummary(c, domain.Submitted, 799.99, 799.99),
			},
			opt:  domain.RankOptions{Bands: domain.Bands{Green: 0.9, Yellow: 0.8}},
			want: "[分县局]\n甲 #1 900 self gap 0/0 - green\n乙 #2 800 self gap 100/100 - yellow\n丙 #3 799.99 self gap 0.01/100.01 - red\n",
		},
		{
			name:  "an empty round lists every unit unranked",
			units: []domain.Unit{a, b},
			want:  "[分县局]\n乙 unranked not_started\n甲 unranked not_started\n",
		},
		{
			name: "no units, no groups",
			want: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(domain.RankRound(tc.units, tc.round, tc.previous, tc.opt))
			if got != tc.want {
				t.Errorf("RankRound:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestBands(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want domain.RateBand
	}{
		{1.02, domain.BandGreen}, {0.9, domain.BandGreen}, {0.8999, domain.BandYellow},
		{0.8, domain.BandYellow}, {0.7999, domain.BandRed}, {0, domain.BandRed},
	} {
		t.Run(fmt.Sprint(tc.rate), func(t *testing.T) {
			if got := domain.DefaultBands.Of(tc.rate); got != tc.want {
				t.Errorf("Of(%v) = %s, want %s", tc.rate, got, tc.want)
			}
		})
	}
}

// BenchmarkRankRound ranks a province's 1,500 units (four unit types) with
// the change since the previous round: the goal is under 100 ms.
func BenchmarkRankRound(b *testing.B) {
	types := []string{"市局", "分县局", "派出所", "局直单位"}
	var units []domain.Unit
	var round, previous []domain.AssessmentSummary
	status := []domain.AssessmentStatus{domain.Approved, domain.Submitted, domain.Submitted, domain.Draft, domain.Returned}
	for i := range 1500 {
		u := domain.Unit{ID: int64(i + 1), Name: fmt.Sprintf("单位%04d", i), Type: types[i%len(types)]}
		units = append(units, u)
		score := float64(600 + (i*7919)%400)
		round = append(round, roundSummary(u, status[i%len(status)], score, score-float64(i%9)))
		previous = append(previous, roundSummary(u, domain.Approved, float64(600+(i*104729)%400), float64(600+(i*104729)%400)))
	}
	opt := domain.RankOptions{TypeOrder: types}
	for b.Loop() {
		domain.RankRound(units, round, previous, opt)
	}
}

func TestGap(t *testing.T) {
	cat := &domain.Catalog{ID: "t", Version: "1", Total: 100,
		Grades: []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 80, Grade: "良好"}, {Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
			{ID: "A1", Max: 40}, {ID: "A2", Max: 40}, {ID: "A3", Max: 20}}},
			{ID: "X", Title: "X", Bonus: true, Items: []*domain.Item{{ID: "X1", Max: 10}}}}}
	u := func(id int64) domain.Unit {
		return domain.Unit{ID: id, Name: fmt.Sprint("单位", id), Type: "分县局"}
	}
	var units []domain.Unit
	var sums []domain.AssessmentSummary
	for i, score := range []float64{95, 90, 90, 85, 70} { // ranks 1, 2, 2, 4, 5
		units = append(units, u(int64(i+1)))
		sums = append(sums, roundSummary(units[i], domain.Submitted, score, score))
	}
	group := domain.RankRound(units, sums, nil, domain.RankOptions{})[0]
	rowOf := func(id int64) domain.RankRow {
		for _, r := range group.Rows {
			if r.Unit.ID == id {
				return r
			}
		}
		t.Fatalf("no row for unit %d", id)
		return domain.RankRow{}
	}
	// Unit 5 scored 70: A1 lost 15, A2 lost 5, A3 lost 10, X1 (bonus) lost 10;
	// applicable max 80 of total 100, so a raw point won back is 1.25 final.
	res5 := &domain.Result{Total: 100, ApplicableMax: 80, Items: []domain.ItemScore{
		{ID: "A1", Score: 25, Max: 40, Status: domain.StatusAnswered}, {ID: "A2", Score: 35, Max: 40, Status: domain.StatusAnswered},
		{ID: "A3", Score: 10, Max: 20, Status: domain.StatusAnswered}, {ID: "X1", Score: 0, Max: 10, Status: domain.StatusAnswered}}}
	for _, tc := range []struct {
		name   string
		unit   int64
		res    *domain.Result
		target domain.UnitTarget
		met    bool
		lacks  float64
		items  []string
		cover  float64
	}{
		{"rank reached", 2, nil, domain.UnitTarget{Rank: 3}, true, 0, nil, 0},
		{"a tie shares the target rank", 3, nil, domain.UnitTarget{Rank: 2}, true, 0, nil, 0},
		{"保三 from 5th: the score of the unit holding 3rd (a tie at 2nd)", 5, res5, domain.UnitTarget{Rank: 3}, false, 20, []string{"A1", "A3"}, 31.25},
		{"创一 from 4th", 4, nil, domain.UnitTarget{Rank: 1}, false, 10, nil, 0},
		{"a target score", 5, res5, domain.UnitTarget{Score: 80}, false, 10, []string{"A1"}, 18.75},
		{"a target grade", 4, nil, domain.UnitTarget{Grade: "优秀"}, false, 5, nil, 0},
		{"a grade already reached", 1, nil, domain.UnitTarget{Grade: "良好"}, true, 0, nil, 0},
		{"more than the unit can win", 5, res5, domain.UnitTarget{Score: 120}, false, 50, []string{"A1", "A3", "A2"}, 37.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			row := rowOf(tc.unit)
			row.Grade = cat.BandGrade(row.Score)
			g := domain.Gap(cat, group, row, tc.res, tc.target)
			var items []string
			for _, is := range g.Items {
				items = append(items, is.ID)
			}
			if g.Met != tc.met || g.Lacks != tc.lacks || fmt.Sprint(items) != fmt.Sprint(tc.items) || g.Cover != tc.cover {
				t.Errorf("Gap = met %v lacks %v items %v cover %v; want %v %v %v %v", g.Met, g.Lacks, items, g.Cover, tc.met, tc.lacks, tc.items, tc.cover)
			}
		})
	}
}

func TestStandingOf(t *testing.T) {
	u := func(id int64, typ string) domain.Unit {
		return domain.Unit{ID: id, Name: fmt.Sprint("单位", id), Type: typ}
	}
	units := []domain.Unit{u(1, "分县局"), u(2, "分县局"), u(3, "分县局"), u(4, "派出所")}
	sums := []domain.AssessmentSummary{
		roundSummary(units[0], domain.Submitted, 900, 900), roundSummary(units[1], domain.Approved, 950, 940),
		roundSummary(units[2], domain.Draft, 500, 500), roundSummary(units[3], domain.Submitted, 800, 800)}
	groups := domain.RankRound(units, sums, nil, domain.RankOptions{TypeOrder: []string{"分县局", "派出所"}})
	cat := &domain.Catalog{Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}}}
	for _, tc := range []struct {
		name   string
		unit   int64
		target *domain.UnitTarget
		want   string // "group rank/ranked target" or "nil"
	}{
		{"second of two", 1, nil, "分县局 2/2 -"},
		{"with a target it lacks", 1, &domain.UnitTarget{UnitID: 1, Rank: 1}, "分县局 2/2 lacks 40"},
		{"first, target reached", 2, &domain.UnitTarget{UnitID: 2, Rank: 1}, "分县局 1/2 met"},
		{"a draft is not ranked yet", 3, nil, "分县局 0/2 -"},
		{"alone in its group: nothing to say", 4, nil, "nil"},
		{"a unit the round does not know", 9, nil, "nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := domain.StandingOf(cat, "2026-Q3", groups, tc.unit, nil, tc.target)
			got := "nil"
			if st != nil {
				tgt := "-"
				if st.Target != nil {
					tgt = "lacks " + fmt.Sprint(st.Target.Lacks)
					if st.Target.Met {
						tgt = "met"
					}
				}
				got = fmt.Sprintf("%s %d/%d %s", st.Group, st.Rank, st.Ranked, tgt)
			}
			if got != tc.want {
				t.Errorf("StandingOf = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRankRound_NewerAssessmentCounts(t *testing.T) {
	a := domain.Unit{ID: 1, Name: "甲", Type: "分县局"}
	b := domain.Unit{ID: 2, Name: "乙", Type: "分县局"}
	old := roundSummary(a, domain.Submitted, 990, 990)
	old.ID, old.CreatedAt = 10, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	moved := roundSummary(a, domain.Draft, 100, 100) // migrated to the final catalog version
	moved.ID, moved.CreatedAt = 11, time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	for _, order := range [][]domain.AssessmentSummary{
		{old, moved, roundSummary(b, domain.Submitted, 900, 900)},
		{moved, old, roundSummary(b, domain.Submitted, 900, 900)},
	} {
		g := domain.RankRound([]domain.Unit{a, b}, order, nil, domain.RankOptions{})[0]
		for _, r := range g.Rows {
			if r.Unit.ID == 1 && (r.AssessmentID != 11 || r.Rank != 0) {
				t.Errorf("甲 ranks with assessment %d (rank %d), want the newer draft 11, unranked", r.AssessmentID, r.Rank)
			}
		}
	}
}
