package domain_test

import (
	"fmt"
	"testing"

	"pingce/internal/domain"
)

// The benchmark catalog of issue 15: 2,000 items in which every rule shape
// appears — the five methods, the shapes one assessment scores (deduction
// budget, overflow, piecewise, difference + slope + exact, uncapped bonus
// under a category bonus cap, N/A as full marks, rules by unit type,
// tiered counts, multipliers, discretion) and the round's (N/A as the
// group's average, relative to the group's average, points by rank, in
// proportion to the first, bottom places, a cap below the average, a
// grade gate, a grade quota, every veto force).

// shapeKinds is how many item shapes shapesCatalog cycles through.
const shapeKinds = 19

// shapesCatalog builds cats × subs × per items (per a multiple of
// shapeKinds is not needed: the shapes cycle) and a full answer set for a
// unit whose values depend on seed, so that units of a round differ.
func shapesCatalog(cats, subs, per int) *domain.Catalog {
	c := &domain.Catalog{ID: "shapes-bench", Version: "1", Title: "基准", UnitTypes: []string{"分县局", "派出所"},
		Grades: []domain.GradeBand{{Min: 0, Grade: "一级", Requires: []string{"C0.0.0"}, Quota: f64(0.25)},
			{Min: 0, Grade: "二级"}, {Min: 0, Grade: "三级"}},
		Caps: []domain.Cap{{CategoryRatioBelow: f64(0.6), MaxGrade: "三级"}, {ItemLost: "C0.0.1", MaxGrade: "二级"},
			{BelowAverage: "C0.0.13", MaxGrade: "二级"}},
		Vetoes: []domain.Veto{{ID: "V1", Title: "零", Effect: domain.VetoZero}, {ID: "V2", Title: "降", Effect: domain.VetoGrade},
			{ID: "V3", Title: "否优", Effect: domain.VetoNoTop}, {ID: "V4", Title: "扣", Effect: domain.VetoDeduct, Points: 30},
			{ID: "V5", Title: "最低", Effect: domain.VetoLowest}},
		BonusCap: f64(20)}
	n, total := 0, 0.0
	for i := range cats {
		cat := &domain.Category{ID: fmt.Sprintf("C%d", i), Title: "类"}
		for j := range subs {
			sub := &domain.Category{ID: fmt.Sprintf("C%d.%d", i, j), Title: "子类", DeductCap: f64(5)}
			for k := range per {
				it := shapeItem(fmt.Sprintf("C%d.%d.%d", i, j, k), n)
				sub.Items = append(sub.Items, it)
				total += it.Max
				n++
			}
			cat.Categories = append(cat.Categories, sub)
		}
		c.Categories = append(c.Categories, cat)
	}
	// 6. uncapped bonus items under a category bonus cap.
	bonus := &domain.Category{ID: "X", Title: "加分", Bonus: true, BonusCap: f64(10)}
	for k := range 3 {
		bonus.Items = append(bonus.Items, &domain.Item{ID: fmt.Sprintf("X%d", k), Title: "加分", Max: 2,
			Method: domain.MethodCount, Per: 1, Uncapped: true})
	}
	c.Categories = append(c.Categories, bonus)
	c.Total = total
	// the grades: 95 %, 85 % and 0 of the total
	c.Grades[0].Min, c.Grades[1].Min = 0.95*total, 0.85*total
	return c
}

// shapeItem is item number n of the benchmark catalog: shape n % shapeKinds.
func shapeItem(id string, n int) *domain.Item {
	it := &domain.Item{ID: id, Title: "指标", Max: 10}
	switch n % shapeKinds {
	case 0:
		it.Method = domain.MethodCheck
	case 1:
		it.Method, it.Levels = domain.MethodLevels, []domain.Level{{Label: "好", Points: 10}, {Label: "中", Points: 5}}
	case 2:
		it.Method, it.Linear = domain.MethodNumeric, &domain.Linear{Zero: 0, Full: 100}
	case 3: // 1, 2. deduct under the sub-category's budget, with an overflow
		it.Method, it.Per, it.Overflow = domain.MethodDeduct, 2, &domain.Overflow{At: 4, Extra: 1}
	case 4:
		it.Method, it.Per = domain.MethodCount, 2
	case 5: // 3. piecewise
		it.Method, it.Piecewise = domain.MethodNumeric, []domain.Segment{{Below: f64(96), Per: 0.25}, {Below: f64(90), Per: 0.5}}
	case 6: // 4. difference + slope + exact
		it.Method, it.Difference = domain.MethodNumeric, true
		it.Slope = &domain.Slope{Base: 0, Points: 6, Per: 0.2, LowerIsBetter: true}
		it.Exact = []domain.Exact{{Value: 0, Points: 8}}
	case 7: // 7b. N/A as full marks
		it.Method, it.NA = domain.MethodCheck, domain.NAFull
	case 8: // 10. rules by unit type
		it.Method, it.Shortfall = domain.MethodNumeric, &domain.Shortfall{Target: 80, Step: 1, Per: 1}
		it.ByUnitType = map[string]*domain.Item{"派出所": {ID: id, Max: 10, Method: domain.MethodNumeric,
			Shortfall: &domain.Shortfall{Target: 70, Step: 1, Per: 1}}}
	case 9: // 5. tiered counts
		it.Method, it.Kinds = domain.MethodCount, []domain.Kind{{Key: "main", Label: "主要领导", Per: 1}, {Key: "other", Label: "其他领导", Per: 0.5}}
	case 10: // 9. multipliers
		it.Method, it.Per, it.Multipliers = domain.MethodDeduct, 1, []domain.Multiplier{{Key: "double", Label: "重大安保期间", Times: 2}}
	case 11: // 8. the assessor's range
		it.Method, it.Discretion = domain.MethodDeduct, &domain.Discretion{Min: 2, Max: 6}
	case 12: // 7c. N/A as the group's average
		it.Method, it.NA = domain.MethodCheck, domain.NAAverage
	case 13: // 11. relative to the group's average
		it.Method, it.Relative = domain.MethodNumeric, &domain.Relative{Points: 4, Per: 0.04}
	case 14: // 12a. points by rank
		it.Method, it.Rank = domain.MethodNumeric, &domain.RankRule{Points: []float64{10, 9, 8, 7, 6}}
	case 15: // 12b. in proportion to the first
		it.Method, it.Rank = domain.MethodNumeric, &domain.RankRule{Proportional: true, Top: 5}
	case 16: // 12c. the bottom places
		it.Method, it.Rank = domain.MethodNumeric, &domain.RankRule{Bottom: 2, Per: 0.5}
	case 17:
		it.Method, it.Bands = domain.MethodNumeric, []domain.Band{{AtLeast: f64(90), Points: 10}, {AtLeast: f64(60), Points: 5}}
	default:
		it.Method, it.Per, it.Floor, it.ZeroAt = domain.MethodDeduct, 1, 1, 5
	}
	return it
}

// shapesAnswers answers every item of c; seed varies the values.
func shapesAnswers(c *domain.Catalog, seed int) *domain.AnswerSet {
	set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Type: "派出所"}, Answers: map[string]domain.Answer{},
		Vetoes: []string{"V3"}}
	for n, it := range c.Items() {
		v := float64((n*7 + seed*13) % 100)
		var a domain.Answer
		switch {
		case it.NA != "" && (n+seed)%3 == 0:
			a = domain.Answer{NA: true, Reason: "无此职能"}
		case it.Method == domain.MethodCheck:
			a = domain.Answer{Met: domain.Bool((n+seed)%4 != 0)}
		case it.Method == domain.MethodLevels:
			a = level("中")
		case it.Method == domain.MethodNumeric && it.Difference:
			a = domain.Answer{Value: f64(v / 10), Baseline: f64(5)}
		case it.Method == domain.MethodNumeric:
			a = val(v)
		case it.Kinds != nil:
			a = domain.Answer{Counts: map[string]int{"main": seed % 3, "other": n % 4}}
		case it.Multipliers != nil:
			a = domain.Answer{Count: domain.Int(2), Counts: map[string]int{"double": 1}}
		default:
			a = count((n + seed) % 3)
		}
		set.Answers[it.ID] = a
	}
	return set
}

// TestShapesCatalogValid: the benchmark catalog is a valid catalog holding
// every shape, and a round of it is scored in full.
func TestShapesCatalogValid(t *testing.T) {
	c := shapesCatalog(20, 4, 25)
	if n := len(c.Items()); n != 2003 {
		t.Fatalf("%d items", n)
	}
	if p := c.CheckProblems(); len(p) > 0 {
		t.Fatalf("%d problems, first %v", len(p), p[0])
	}
	if !c.RoundScored() {
		t.Fatal("no round rules")
	}
	if r := domain.Score(c, shapesAnswers(c, 1), domain.Options{}); !r.AwaitsRound || r.Reach == nil {
		t.Errorf("alone: awaits %v reach %v", r.AwaitsRound, r.Reach)
	}
	out := domain.ScoreRound(c, benchRound(c, 12), domain.RankOptions{})
	for _, r := range out {
		if r.Own.AwaitsRound {
			t.Fatalf("unit %d still waits for the round", r.Unit.ID)
		}
	}
}

// benchRound is a round of n submitted units of the catalog, half of them
// 派出所 and half 分县局 (two peer groups).
func benchRound(c *domain.Catalog, n int) []domain.RoundResult {
	rs := make([]domain.RoundResult, n)
	for i := range rs {
		set := shapesAnswers(c, i)
		u := domain.Unit{ID: int64(i + 1), Name: fmt.Sprintf("单位%04d", i+1), Type: c.UnitTypes[i%2]}
		set.Unit.Type = u.Type
		own := domain.Score(c, set, domain.Options{})
		rs[i] = domain.RoundResult{AssessmentID: int64(i + 1), Unit: u, Status: domain.Submitted, Own: own, Reviewed: own, Answers: set}
	}
	return rs
}

// BenchmarkScoreAllShapes2000 scores one unit alone against the 2,000-item
// catalog with every issue 15 shape (its round items as ranges, so that
// Result.Reach adds the totals up a second time). Goal: under 1 ms.
func BenchmarkScoreAllShapes2000(b *testing.B) {
	c := shapesCatalog(20, 4, 25)
	set := shapesAnswers(c, 1)
	b.ReportAllocs()
	for b.Loop() {
		domain.Score(c, set, domain.Options{})
	}
}

// BenchmarkScoreAllShapes2000Peers scores the same unit with its peers known
// (what ScoreRound does for each unit).
func BenchmarkScoreAllShapes2000Peers(b *testing.B) {
	c := shapesCatalog(20, 4, 25)
	rs := domain.ScoreRound(c, benchRound(c, 4), domain.RankOptions{})
	set := rs[0].Answers
	peers := &domain.PeerFacts{Items: map[string]domain.PeerPoints{}, Means: map[string]float64{}, NAAverages: map[string]float64{}}
	for _, is := range rs[0].Own.Items {
		if it := c.Item(is.ID); it != nil && (it.Rank != nil || it.Relative != nil) && is.Status == domain.StatusAnswered {
			peers.Items[is.ID] = domain.PeerPoints{Points: is.Score, Place: is.Place, Base: is.Base}
		}
		if is.NAAverage {
			peers.NAAverages[is.ID] = is.Score
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		domain.Score(c, set, domain.Options{UnitType: "派出所", Peers: peers})
	}
}

// BenchmarkScoreRound1500 scores a round of 1,500 units (two peer groups)
// of a catalog of 64 items with rank, relative and N/A-average items and a
// grade quota. Goal: under 50 ms.
func BenchmarkScoreRound1500(b *testing.B) {
	c := shapesCatalog(4, 2, 8)
	rs := benchRound(c, 1500)
	b.ReportAllocs()
	for b.Loop() {
		domain.ScoreRound(c, rs, domain.RankOptions{})
	}
}

// BenchmarkScoreRound1500OneGroup is the same round as a single peer group
// of all 1,500 units (the groups of a round are scored at once; one group
// is scored on every processor only unit by unit).
func BenchmarkScoreRound1500OneGroup(b *testing.B) {
	c := shapesCatalog(4, 2, 8)
	rs := benchRound(c, 1500)
	all := domain.PeerGroup{Name: "全部"}
	for _, r := range rs {
		all.UnitIDs = append(all.UnitIDs, r.Unit.ID)
	}
	opt := domain.RankOptions{Groups: []domain.PeerGroup{all}}
	b.ReportAllocs()
	for b.Loop() {
		domain.ScoreRound(c, rs, opt)
	}
}
