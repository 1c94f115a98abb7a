package domain_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// oneItem is a catalog of item it alone (and a check item G1 worth the
// rest of 100 when it is worth less), graded 一级 ≥ 95, 二级 ≥ 85, 三级.
func oneItem(it *domain.Item) *domain.Catalog {
	items := []*domain.Item{it}
	if it.Max < 100 {
		items = append(items, &domain.Item{ID: "G1", Title: "必备条件", Max: 100 - it.Max, Method: domain.MethodCheck})
	}
	return &domain.Catalog{ID: "round", Version: "1", Title: "同类比较", Total: 100,
		Grades:     []domain.GradeBand{{Min: 95, Grade: "一级"}, {Min: 85, Grade: "二级"}, {Min: 0, Grade: "三级"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: items}}}
}

// roundOf builds a round of one peer group: unit i+1 (a 派出所) answers the
// item with answers[i] and G1 as met; all submitted.
func roundOf(c *domain.Catalog, item string, answers []domain.Answer) []domain.RoundResult {
	rs := make([]domain.RoundResult, len(answers))
	for i, a := range answers {
		set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Type: "派出所"},
			Answers: map[string]domain.Answer{item: a, "G1": {Met: yes}}}
		u := domain.Unit{ID: int64(i + 1), Name: fmt.Sprintf("单位%d", i+1), Type: "派出所"}
		own := domain.Score(c, set, domain.Options{})
		rs[i] = domain.RoundResult{AssessmentID: int64(100 + i), Unit: u, Status: domain.Submitted,
			Own: own, Reviewed: own, Answers: set}
	}
	return rs
}

func vals(vs ...float64) []domain.Answer {
	out := make([]domain.Answer, len(vs))
	for i, v := range vs {
		out[i] = val(v)
	}
	return out
}

// itemPoints returns the points of the item in each result's basis.
func itemPoints(rs []domain.RoundResult, item string) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		is, _ := r.Basis().Item(item)
		out[i] = is.Score
	}
	return out
}

// TestScoreRoundItems scores the round's item rules over one peer group;
// every figure is worked out by hand.
func TestScoreRoundItems(t *testing.T) {
	relative := func(lower bool, per float64) *domain.Item {
		return &domain.Item{ID: "R", Title: "破案率", Max: 8, Method: domain.MethodNumeric,
			Relative: &domain.Relative{Points: 4, Per: per, LowerIsBetter: lower}}
	}
	ranked := func(r domain.RankRule, max float64) *domain.Item {
		return &domain.Item{ID: "R", Title: "排名", Max: max, Method: domain.MethodNumeric, Rank: &r}
	}
	points := domain.RankRule{Points: []float64{60, 57, 54, 51, 48}}
	for _, tc := range []struct {
		name    string
		it      *domain.Item
		answers []domain.Answer
		want    []float64
	}{
		// 11. 达到基数计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.04分.
		{"relative exactly at the average", relative(false, 0.04), vals(85, 85), []float64{4, 4}},
		{"relative above and below", relative(false, 0.04), vals(90, 80, 85, 85), []float64{4.2, 3.8, 4, 4}},
		// mean 85.1665: 4 ± 0.04 × 5.1665 = 4.20666 / 3.79334
		{"relative rounds to cents", relative(false, 0.04), vals(90.333, 80), []float64{4.21, 3.79}},
		{"relative within 0 and max", relative(false, 1), vals(100, 0), []float64{8, 0}},
		{"relative lower is better", relative(true, 0.04), vals(10, 20), []float64{4.2, 3.8}},
		{"relative alone in the group", relative(false, 0.04), vals(70), []float64{4}},
		// 12a. 排名1-5名的依次赋予60分、57分、54分、51分、48分.
		{"rank points by place", ranked(points, 60), vals(6, 5, 4, 3, 2, 1), []float64{60, 57, 54, 51, 48, 0}},
		{"rank ties share the better place", ranked(points, 60), vals(100, 90, 90, 50), []float64{60, 57, 57, 51}},
		{"rank tie for first", ranked(points, 60), vals(5, 5), []float64{60, 60}},
		{"rank lower is better", ranked(domain.RankRule{Points: points.Points, LowerIsBetter: true}, 60), vals(3, 1, 2), []float64{54, 60, 57}},
		// 12b. 第2-5名按第1名的比例得分.
		{"proportional to the first", ranked(domain.RankRule{Proportional: true, Top: 5}, 10), vals(50, 40, 25, 0), []float64{10, 8, 5, 0}},
		{"proportional beyond top", ranked(domain.RankRule{Proportional: true, Top: 2}, 10), vals(50, 40, 25), []float64{10, 8, 0}},
		{"proportional rounds to cents", ranked(domain.RankRule{Proportional: true}, 10), vals(30, 10), []float64{10, 3.33}},
		{"proportional lower is better", ranked(domain.RankRule{Proportional: true, LowerIsBetter: true}, 10), vals(2, 4, 8), []float64{10, 5, 2.5}},
		{"proportional first at 0", ranked(domain.RankRule{Proportional: true}, 10), vals(0, 0), []float64{10, 10}},
		// 12c. 月度排名末两位的，扣0.5分.
		{"bottom two lose", ranked(domain.RankRule{Bottom: 2, Per: 0.5}, 2), vals(10, 9, 8, 7), []float64{2, 2, 1.5, 1.5}},
		{"bottom tie reaching up", ranked(domain.RankRule{Bottom: 2, Per: 0.5}, 2), vals(10, 8, 8, 8), []float64{2, 1.5, 1.5, 1.5}},
		{"bottom of a group of two: nobody", ranked(domain.RankRule{Bottom: 2, Per: 0.5}, 2), vals(1, 2), []float64{2, 2}},
		{"bottom of a group of three", ranked(domain.RankRule{Bottom: 2, Per: 0.5}, 2), vals(3, 2, 1), []float64{2, 1.5, 1.5}},
		// an exact value scores its own points whatever the peers do
		{"exact value beats the rank", func() *domain.Item {
			it := ranked(points, 60)
			it.Exact = []domain.Exact{{Value: 0, Points: 30}}
			return it
		}(), vals(0, 5), []float64{30, 60}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := oneItem(tc.it)
			if p := c.CheckProblems(); len(p) > 0 {
				t.Fatalf("catalog: %v", p)
			}
			rs := roundOf(c, "R", tc.answers)
			for _, r := range rs {
				if !r.Own.AwaitsRound && !(tc.it.Exact != nil && *tc.answers[0].Value == 0 && r.Unit.ID == 1) {
					t.Fatalf("alone, %s does not wait for the round", r.Unit.Name)
				}
			}
			before := itemPoints(rs, "R")
			out := domain.ScoreRound(c, rs, domain.RankOptions{})
			if got := itemPoints(out, "R"); !slices.Equal(got, tc.want) {
				t.Errorf("points %v, want %v", got, tc.want)
			}
			for _, r := range out {
				if r.Own.AwaitsRound {
					t.Errorf("%s still waits for the round", r.Unit.Name)
				}
			}
			if after := itemPoints(rs, "R"); !slices.Equal(after, before) {
				t.Errorf("ScoreRound changed its input: %v, was %v", after, before)
			}
		})
	}
}

// TestScoreRoundNAAverage: 7c. a N/A item scores the group's average of
// the points the others got on it (按同类单位平均分得分).
func TestScoreRoundNAAverage(t *testing.T) {
	it := &domain.Item{ID: "N", Title: "专项工作", Max: 10, Method: domain.MethodCheck, NA: domain.NAAverage}
	c := oneItem(it)
	na := domain.Answer{NA: true, Reason: "无此职能"}
	for _, tc := range []struct {
		name    string
		answers []domain.Answer
		want    []float64
		counts  []bool
	}{
		// (10 + 0 + 10) / 3 = 6.666… → 6.67
		{"average of the others", []domain.Answer{met(true), met(false), met(true), na}, []float64{10, 0, 10, 6.67}, []bool{true, true, true, true}},
		{"everyone N/A: left out", []domain.Answer{na, na}, []float64{0, 0}, []bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := domain.ScoreRound(c, roundOf(c, "N", tc.answers), domain.RankOptions{})
			if got := itemPoints(rs, "N"); !slices.Equal(got, tc.want) {
				t.Errorf("points %v, want %v", got, tc.want)
			}
			for i, r := range rs {
				is, _ := r.Own.Item("N")
				if is.Counts() != tc.counts[i] {
					t.Errorf("unit %d: counts %v, want %v", i+1, is.Counts(), tc.counts[i])
				}
				if r.Own.AwaitsRound {
					t.Errorf("unit %d still waits for the round", i+1)
				}
			}
			if tc.counts[3%len(tc.counts)] && rs[3].Own.Final != 96.67 { // 6.67 + 90 for G1
				t.Errorf("final %v, want 96.67", rs[3].Own.Final)
			}
		})
	}
	t.Run("alone: 0 to max, counted at 0", func(t *testing.T) {
		set := &domain.AnswerSet{Answers: map[string]domain.Answer{"N": na, "G1": {Met: yes}}}
		r := domain.Score(c, set, domain.Options{})
		is, _ := r.Item("N")
		if !is.AwaitsRound || is.Pending == nil || *is.Pending != (domain.PointRange{Min: 0, Max: 10}) || is.Score != 0 {
			t.Fatalf("item %+v", is)
		}
		if !r.AwaitsRound || r.Final != 90 || r.Reach == nil || *r.Reach != (domain.PointRange{Min: 90, Max: 100}) {
			t.Errorf("result final %v reach %+v awaits %v, want 90, 90–100, true", r.Final, r.Reach, r.AwaitsRound)
		}
	})
}

// TestScoreAlone: a unit alone gets the range its round items can still
// reach, never a figure the round could change.
func TestScoreAlone(t *testing.T) {
	for _, tc := range []struct {
		name      string
		rule      domain.RankRule
		max       float64
		item, res domain.PointRange
	}{
		{"rank points: 0 to the first's", domain.RankRule{Points: []float64{60, 57}}, 60, domain.PointRange{Min: 0, Max: 60}, domain.PointRange{Min: 40, Max: 100}},
		{"bottom: max − per to max", domain.RankRule{Bottom: 2, Per: 0.5}, 2, domain.PointRange{Min: 1.5, Max: 2}, domain.PointRange{Min: 99.5, Max: 100}},
		{"proportional: 0 to max", domain.RankRule{Proportional: true}, 10, domain.PointRange{Min: 0, Max: 10}, domain.PointRange{Min: 90, Max: 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.rule
			c := oneItem(&domain.Item{ID: "R", Title: "排名", Max: tc.max, Method: domain.MethodNumeric, Rank: &r})
			res := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"R": val(7), "G1": {Met: yes}}}, domain.Options{})
			is, _ := res.Item("R")
			if is.Pending == nil || *is.Pending != tc.item || is.Score != tc.item.Min || !is.AwaitsRound {
				t.Errorf("item %+v, want range %+v counted at its low end", is, tc.item)
			}
			if is.Lost() != 0 {
				t.Errorf("an item waiting for the round has lost %v", is.Lost())
			}
			if res.Reach == nil || *res.Reach != tc.res || res.Final != tc.res.Min {
				t.Errorf("final %v reach %+v, want %+v", res.Final, res.Reach, tc.res)
			}
		})
	}
	t.Run("unanswered waits for nothing", func(t *testing.T) {
		c := oneItem(&domain.Item{ID: "R", Title: "排名", Max: 10, Method: domain.MethodNumeric, Rank: &domain.RankRule{Proportional: true}})
		res := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"G1": {Met: yes}}}, domain.Options{})
		if res.AwaitsRound || res.Reach != nil || res.Final != 90 {
			t.Errorf("awaits %v reach %+v final %v", res.AwaitsRound, res.Reach, res.Final)
		}
	})
}

// TestScoreRoundPeers: who counts among the peers, and the empty group.
func TestScoreRoundPeers(t *testing.T) {
	it := &domain.Item{ID: "R", Title: "排名", Max: 10, Method: domain.MethodNumeric, Rank: &domain.RankRule{Proportional: true}}
	c := oneItem(it)
	t.Run("no results", func(t *testing.T) {
		if out := domain.ScoreRound(c, nil, domain.RankOptions{}); len(out) != 0 {
			t.Errorf("%d results", len(out))
		}
	})
	t.Run("a group of drafts only waits", func(t *testing.T) {
		rs := roundOf(c, "R", vals(50, 40))
		for i := range rs {
			rs[i].Status = domain.Draft
		}
		out := domain.ScoreRound(c, rs, domain.RankOptions{})
		for i, r := range out {
			if !r.Own.AwaitsRound || r.Own != rs[i].Own {
				t.Errorf("unit %d: scored without peers", i+1)
			}
		}
	})
	t.Run("drafts are no peers", func(t *testing.T) {
		rs := roundOf(c, "R", vals(100, 50, 40))
		rs[0].Status = domain.Draft // the best value, still being written
		out := domain.ScoreRound(c, rs, domain.RankOptions{})
		if got := itemPoints(out, "R"); !slices.Equal(got, []float64{0, 10, 8}) {
			t.Errorf("points %v, want the draft waiting (0) and 10, 8", got)
		}
		if !out[0].Own.AwaitsRound || out[1].Own.AwaitsRound {
			t.Errorf("awaits: draft %v, peer %v", out[0].Own.AwaitsRound, out[1].Own.AwaitsRound)
		}
	})
	t.Run("approved only", func(t *testing.T) {
		rs := roundOf(c, "R", vals(100, 50, 40))
		rs[2].Status = domain.Approved
		out := domain.ScoreRound(c, rs, domain.RankOptions{ApprovedOnly: true})
		if got := itemPoints(out, "R"); !slices.Equal(got, []float64{0, 0, 10}) {
			t.Errorf("points %v, want only the approved one scored, first", got)
		}
	})
	t.Run("peer groups are ranked apart", func(t *testing.T) {
		rs := roundOf(c, "R", vals(100, 50, 40, 20))
		groups := []domain.PeerGroup{{Name: "甲", UnitIDs: []int64{1, 2}}, {Name: "乙", UnitIDs: []int64{3, 4}}}
		out := domain.ScoreRound(c, rs, domain.RankOptions{Groups: groups})
		if got := itemPoints(out, "R"); !slices.Equal(got, []float64{10, 5, 10, 5}) {
			t.Errorf("points %v, want 10 5 | 10 5", got)
		}
	})
	t.Run("another catalog version is no peer", func(t *testing.T) {
		rs := roundOf(c, "R", vals(100, 50))
		old := *rs[0].Own
		old.Version = "0"
		rs[0].Own, rs[0].Reviewed = &old, &old
		out := domain.ScoreRound(c, rs, domain.RankOptions{})
		if got := itemPoints(out, "R"); got[1] != 10 {
			t.Errorf("points %v: the other version's value counted", got)
		}
	})
	t.Run("a reviewer's points stand", func(t *testing.T) {
		rs := roundOf(c, "R", vals(100, 50))
		rs[1].Status, rs[1].Overrides = domain.Approved, map[string]float64{"R": 9}
		out := domain.ScoreRound(c, rs, domain.RankOptions{})
		if own, _ := out[1].Own.Item("R"); own.Score != 5 {
			t.Errorf("own points %v, want 5", own.Score)
		}
		if rv, _ := out[1].Reviewed.Item("R"); rv.Score != 9 || !rv.Reviewed {
			t.Errorf("reviewed %+v, want the reviewer's 9", rv)
		}
	})
}

// linearItem is a numeric item scoring its value (0–100) as a share of max.
func linearItem(max float64) *domain.Item {
	return &domain.Item{ID: "L", Title: "线性", Max: max, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}}
}

// TestGradeRequires: 13a. 一级须达95分且具备必备条件.
func TestGradeRequires(t *testing.T) {
	c := oneItem(linearItem(98)) // G1 is worth 2
	c.Grades[0].Requires = []string{"G1"}
	for _, tc := range []struct {
		name  string
		g1    domain.Answer
		types []string
		final float64
		grade string
		hits  []domain.CapHit
	}{
		{"condition met", domain.Answer{Met: yes}, nil, 100, "一级", nil},
		{"condition missing: the next band", domain.Answer{Met: no}, nil, 98, "二级",
			[]domain.CapHit{{Kind: domain.CapRequires, Ref: "G1", MaxGrade: "二级"}}},
		{"condition N/A: missing too", domain.Answer{NA: true, Reason: "无"}, nil, 100, "二级",
			[]domain.CapHit{{Kind: domain.CapRequires, Ref: "G1", MaxGrade: "二级"}}},
		{"condition not for the unit type", domain.Answer{Met: no}, []string{"分县局"}, 100, "一级", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.Item("G1").AppliesTo = tc.types
			set := &domain.AnswerSet{Unit: domain.UnitRef{Type: "派出所"}, Answers: map[string]domain.Answer{"L": val(100), "G1": tc.g1}}
			r := domain.Score(c, set, domain.Options{})
			if r.Final != tc.final || r.Grade != tc.grade || !slices.Equal(r.Caps, tc.hits) {
				t.Errorf("final %v grade %s caps %+v, want %v %s %+v", r.Final, r.Grade, r.Caps, tc.final, tc.grade, tc.hits)
			}
			if r.AwaitsRound {
				t.Error("a gate does not wait for the round")
			}
		})
	}
}

// TestBelowAverageCap: 11b. 低于全市平均值的取消评优资格.
func TestBelowAverageCap(t *testing.T) {
	c := oneItem(linearItem(100))
	c.Caps = []domain.Cap{{BelowAverage: "L", MaxGrade: "二级"}}
	rs := domain.ScoreRound(c, roundOf(c, "L", vals(99, 96, 97.5, 97.5)), domain.RankOptions{}) // average 97.5
	for i, want := range []string{"一级", "二级", "一级", "一级"} {
		if g := rs[i].Own.Grade; g != want {
			t.Errorf("unit %d (%v): grade %s, want %s (caps %+v)", i+1, rs[i].Own.Final, g, want, rs[i].Own.Caps)
		}
	}
	if h := rs[1].Own.Caps; len(h) != 1 || h[0] != (domain.CapHit{Kind: domain.CapBelowAverage, Ref: "L", MaxGrade: "二级"}) {
		t.Errorf("caps %+v", h)
	}
	alone := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"L": val(99)}}, domain.Options{})
	if !alone.AwaitsRound || alone.Grade != "一级" || alone.Reach != nil {
		t.Errorf("alone: awaits %v grade %s reach %+v; want the grade waiting, no points open", alone.AwaitsRound, alone.Grade, alone.Reach)
	}
}

// TestGradeQuota: 13c. 优秀比例不得高于25%: the lowest beyond the quota
// drop, a tie at the line with them.
func TestGradeQuota(t *testing.T) {
	for _, tc := range []struct {
		name   string
		quota  float64
		second *float64 // a quota on 二级 too
		finals []float64
		want   []string
	}{
		{"within the quota", 0.5, nil, []float64{99, 96, 90, 80}, []string{"一级", "一级", "二级", "三级"}},
		{"exactly at the quota", 0.25, nil, []float64{99, 80, 80, 80}, []string{"一级", "三级", "三级", "三级"}},
		{"beyond: lowest drop", 0.25, nil, []float64{96, 99, 97, 80}, []string{"二级", "一级", "二级", "三级"}},
		{"a tie at the line drops together", 0.5, nil, []float64{99, 98, 98, 80}, []string{"一级", "二级", "二级", "三级"}},
		{"0.3 of 10 is 3, not 2", 0.3, nil, []float64{99, 99.5, 98, 97, 96, 80, 80, 80, 80, 80}, []string{"一级", "一级", "一级", "二级", "二级", "三级", "三级", "三级", "三级", "三级"}},
		{"dropped units count in the next quota", 0.25, f64(0.25), []float64{99, 98, 97, 96}, []string{"一级", "二级", "三级", "三级"}},
		{"a quota of 0 units", 0.2, nil, []float64{99, 98}, []string{"二级", "二级"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := oneItem(linearItem(100))
			c.Grades[0].Quota = f64(tc.quota)
			c.Grades[1].Quota = tc.second
			rs := roundOf(c, "L", vals(tc.finals...))
			if !rs[0].Own.AwaitsRound && rs[0].Own.Grade == "一级" {
				t.Error("alone, a quota grade does not wait for the round")
			}
			out := domain.ScoreRound(c, rs, domain.RankOptions{})
			for i, want := range tc.want {
				if g := out[i].Basis().Grade; g != want {
					t.Errorf("unit %d (%v): %s, want %s", i+1, tc.finals[i], g, want)
				}
			}
			if rs[0].Own.Grade != c.BandGrade(tc.finals[0]) {
				t.Error("ScoreRound changed its input")
			}
		})
	}
	t.Run("applied to the approved result", func(t *testing.T) {
		c := oneItem(linearItem(100))
		c.Grades[0].Quota = f64(0.5)
		rs := roundOf(c, "L", vals(99, 98))
		rs[1].Status, rs[1].Overrides = domain.Approved, map[string]float64{"L": 99.5}
		out := domain.ScoreRound(c, rs, domain.RankOptions{})
		if out[1].Reviewed.Grade != "一级" || out[0].Own.Grade != "二级" {
			t.Errorf("reviewed %s, own of the other %s; want 一级 (99.5 approved) and 二级", out[1].Reviewed.Grade, out[0].Own.Grade)
		}
		if h := out[0].Own.Caps; len(h) != 1 || h[0] != (domain.CapHit{Kind: domain.CapQuota, Ref: "一级", MaxGrade: "二级"}) {
			t.Errorf("caps %+v", h)
		}
		// a report scores the assessment again with the facts it was scored with
		again := domain.Score(c, rs[0].Answers, domain.Options{UnitType: "派出所", Peers: out[0].Peers})
		if out[0].Peers == nil || again.Grade != "二级" || again.Final != out[0].Own.Final {
			t.Errorf("scored again with its facts: %v %s, want %v 二级", again.Final, again.Grade, out[0].Own.Final)
		}
	})
}

// TestVetoForces: 14. every force a veto can have, alone and together.
func TestVetoForces(t *testing.T) {
	c := oneItem(linearItem(100))
	c.Grades = append(c.Grades, domain.GradeBand{Min: -1, Grade: "五级"})
	c.Grades[2].Min = 60
	c.Vetoes = []domain.Veto{{ID: "Z", Title: "清零", Effect: domain.VetoZero}, {ID: "G", Title: "降等", Effect: domain.VetoGrade},
		{ID: "N", Title: "一票否优", Effect: domain.VetoNoTop}, {ID: "D", Title: "扣30分", Effect: domain.VetoDeduct, Points: 30},
		{ID: "L", Title: "定为五级", Effect: domain.VetoLowest}}
	c.VetoGrade = "不合格"
	if p := c.CheckProblems(); len(p) > 0 {
		t.Fatal(p)
	}
	for _, tc := range []struct {
		name   string
		value  float64
		vetoes []string
		final  float64
		grade  string
	}{
		{"none", 98, nil, 98, "一级"},
		{"zero", 98, []string{"Z"}, 0, "五级"},
		{"grade", 98, []string{"G"}, 98, "不合格"},
		{"no top: 一级 becomes 二级", 98, []string{"N"}, 98, "二级"},
		{"no top leaves a lower grade", 90, []string{"N"}, 90, "二级"},
		{"deduct", 98, []string{"D"}, 68, "三级"},
		{"deduct never below 0", 20, []string{"D"}, 0, "五级"},
		{"lowest", 98, []string{"L"}, 98, "五级"},
		{"grade veto is strongest", 98, []string{"L", "G"}, 98, "不合格"},
		{"deduct then no top", 98, []string{"D", "N"}, 68, "三级"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"L": val(tc.value)}, Vetoes: tc.vetoes}, domain.Options{})
			if r.Final != tc.final || r.Grade != tc.grade {
				t.Errorf("final %v grade %s, want %v %s", r.Final, r.Grade, tc.final, tc.grade)
			}
		})
	}
}

// TestRoundCatalog scores testdata/round.yaml, every round rule at once,
// over a group of four 派出所 and one unit alone; worked out by hand.
func TestRoundCatalog(t *testing.T) {
	data, err := os.ReadFile("testdata/round.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("round.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	na := domain.Answer{NA: true, Reason: "无此职能"}
	answers := []map[string]domain.Answer{
		{"R1": val(90), "K1": val(100), "K2": val(50), "K3": val(10), "N1": met(true), "G1": met(true)},
		{"R1": val(80), "K1": val(90), "K2": val(40), "K3": val(9), "N1": met(false), "G1": met(true)},
		{"R1": val(85), "K1": val(90), "K2": val(25), "K3": val(8), "N1": met(true), "G1": met(true)},
		{"R1": val(85), "K1": val(50), "K2": val(0), "K3": val(8), "N1": na, "G1": met(true)},
	}
	rs := make([]domain.RoundResult, len(answers))
	for i, a := range answers {
		set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Type: "派出所"}, Answers: a}
		own := domain.Score(c, set, domain.Options{})
		rs[i] = domain.RoundResult{AssessmentID: int64(i + 1), Unit: domain.Unit{ID: int64(i + 1), Type: "派出所"},
			Status: domain.Submitted, Own: own, Reviewed: own, Answers: set}
	}
	t.Run("alone", func(t *testing.T) {
		r := rs[0].Own // R1 0–8, K1 0–60, K2 0–10, K3 1.5–2, N1 10, G1 10
		if !r.AwaitsRound || r.Final != 21.5 || r.Reach == nil || *r.Reach != (domain.PointRange{Min: 21.5, Max: 100}) {
			t.Errorf("final %v reach %+v awaits %v", r.Final, r.Reach, r.AwaitsRound)
		}
	})
	out := domain.ScoreRound(c, rs, domain.RankOptions{})
	for i, want := range []struct {
		final float64
		grade string
		items []float64 // R1 K1 K2 K3 N1
	}{
		{96.2, "一级", []float64{4.2, 60, 10, 2, 10}},
		{80.8, "三级", []float64{3.8, 57, 8, 2, 0}},
		{87.5, "二级", []float64{4, 57, 5, 1.5, 10}},
		{73.17, "三级", []float64{4, 51, 0, 1.5, 6.67}},
	} {
		r := out[i].Own
		var items []float64
		for _, id := range []string{"R1", "K1", "K2", "K3", "N1"} {
			is, _ := r.Item(id)
			items = append(items, is.Score)
		}
		if r.Final != want.final || r.Grade != want.grade || !slices.Equal(items, want.items) || r.AwaitsRound || r.Reach != nil {
			t.Errorf("unit %d: final %v grade %s items %v (awaits %v reach %+v), want %v %s %v",
				i+1, r.Final, r.Grade, items, r.AwaitsRound, r.Reach, want.final, want.grade, want.items)
		}
	}
	if h := out[1].Own.Caps; !slices.Contains(h, domain.CapHit{Kind: domain.CapBelowAverage, Ref: "R1", MaxGrade: "二级"}) {
		t.Errorf("unit 2 below the average of R1: caps %+v", h)
	}
	if is, _ := out[0].Own.Item("K1"); is.Place != 1 {
		t.Errorf("K1 place %d", is.Place)
	}
	if is, _ := out[0].Own.Item("R1"); is.Base == nil || *is.Base != 85 {
		t.Errorf("R1 base %v", is.Base)
	}
}

// TestMatrixLeavesWaitingItemsOut: in the round's matrix a draft's items
// that wait for the round are no figure (NaN), as unanswered ones are.
func TestMatrixLeavesWaitingItemsOut(t *testing.T) {
	c := oneItem(&domain.Item{ID: "R", Title: "排名", Max: 10, Method: domain.MethodNumeric, Rank: &domain.RankRule{Proportional: true}})
	rs := roundOf(c, "R", vals(50, 40, 100))
	rs[2].Status = domain.Draft
	m := domain.NewMatrix(c, domain.ScoreRound(c, rs, domain.RankOptions{}))
	if got := m.Rows[1].Items[0]; got != 0.8 {
		t.Errorf("a peer's rate %v, want 0.8", got)
	}
	if got := m.Rows[2].Items[0]; !math.IsNaN(got) {
		t.Errorf("the draft's waiting item rates %v, want no figure", got)
	}
}
