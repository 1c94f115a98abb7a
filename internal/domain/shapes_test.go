package domain_test

import (
	"os"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// loadShapes reads testdata/shapes.yaml, the catalog with every rule shape
// of issue 15 that one assessment scores.
func loadShapes(t testing.TB) *domain.Catalog {
	t.Helper()
	data, err := os.ReadFile("testdata/shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("shapes.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func diff(v, base float64) domain.Answer {
	return domain.Answer{Value: domain.Float(v), Baseline: domain.Float(base)}
}

func met(b bool) domain.Answer { return domain.Answer{Met: domain.Bool(b)} }

var naAnswer = domain.Answer{NA: true, Reason: "无此职能"}

// TestShapeItemPoints scores single items of the shapes catalog; every
// figure is worked out by hand from the rule in the item's title.
func TestShapeItemPoints(t *testing.T) {
	c := loadShapes(t)
	for _, tc := range []struct {
		name, item, unitType string
		a                    domain.Answer
		want                 float64
	}{
		// 3. piecewise: 0.25 per point from 96 down to 90, 0.5 per point below 90.
		{"piecewise above the first threshold", "C1", "", val(97), 10},
		{"piecewise exactly at 96", "C1", "", val(96), 10},
		{"piecewise in the first slope", "C1", "", val(93), 9.25}, // 10 − 0.25×3
		{"piecewise exactly at 90", "C1", "", val(90), 8.5},       // 10 − 0.25×6
		{"piecewise in the second slope", "C1", "", val(85), 6},   // 10 − 1.5 − 0.5×5
		{"piecewise with decimals", "C1", "", val(80.3), 3.65},    // 10 − 1.5 − 0.5×9.7
		{"piecewise rounds 9.9975 up", "C1", "", val(95.99), 10},  // 10 − 0.25×0.01
		{"piecewise floored at 0", "C1", "", val(70), 0},          // 10 − 1.5 − 10
		// 4. difference value − baseline, slope 6 at 0, ±0.2 a case, exact 0 → 8.
		{"difference flat", "C2", "", diff(5, 5), 6},
		{"difference down 2", "C2", "", diff(3, 5), 6.4},
		{"difference up 5", "C2", "", diff(10, 5), 5},
		{"exact zero overrides the slope", "C2", "", diff(0, 3), 8}, // slope alone: 6.6
		{"difference capped at max", "C2", "", diff(1, 40), 8},      // 6 + 7.8 → 8
		{"difference floored at 0", "C2", "", diff(40, 5), 0},       // 6 − 7
		{"difference without baseline", "C2", "", val(3), 0},
		// 9. thresholds by unit type: 80 / 75 / 70.
		{"city target 80", "C3", "市局", val(74), 4},
		{"county target 75", "C3", "分县局", val(74), 9},
		{"county exactly at 75", "C3", "分县局", val(75), 10},
		{"station target 70", "C3", "派出所", val(74), 10},
		{"type without a rule of its own", "C3", "局直单位", val(74), 4},
		// 6. uncapped bonus item: per × count beyond its max.
		{"uncapped beyond max", "X1", "", count(3), 3},
		{"capped bonus item", "X2", "", count(3), 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Item(tc.item).PointsFor(tc.a, tc.unitType); got != tc.want {
				t.Errorf("%s %+v as %q: %v points, want %v", tc.item, tc.a, tc.unitType, got, tc.want)
			}
		})
	}
}

// good answers every base item of the shapes catalog at full marks.
func good() map[string]domain.Answer {
	return map[string]domain.Answer{"A1": count(0), "A2": count(0), "B1": count(0), "B2": met(true),
		"C1": val(97), "C2": diff(0, 3), "C3": val(80), "C4": met(true), "C5": met(true)}
}

func answersWith(m map[string]domain.Answer, kv ...any) map[string]domain.Answer {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(domain.Answer)
	}
	return m
}

// TestShapeCategoryRules scores whole answer sets and checks the
// categories' deduction budget (1), overflow penalty (2), bonus caps (6),
// N/A treatments (7) and their effect on raw, scaled and final.
func TestShapeCategoryRules(t *testing.T) {
	c := loadShapes(t)
	type cat struct{ score, adj float64 }
	for _, tc := range []struct {
		name    string
		answers map[string]domain.Answer
		cats    map[string]cat
		raw     float64
		appMax  float64
		scaled  float64
		bonus   float64
		final   float64
	}{
		{name: "all at full marks", answers: good(),
			cats: map[string]cat{"A": {10, 0}, "B": {14, 0}, "C": {38, 0}}, raw: 62, appMax: 62, scaled: 62, final: 62},
		{name: "budget not reached", answers: answersWith(good(), "A1", count(2), "A2", count(1)), // lost 2 + 2
			cats: map[string]cat{"A": {6, 0}}, raw: 58, appMax: 62, scaled: 58, final: 58},
		{name: "budget hit exactly", answers: answersWith(good(), "A1", count(3), "A2", count(1)), // lost 3 + 2 = 5
			cats: map[string]cat{"A": {5, 0}}, raw: 57, appMax: 62, scaled: 57, final: 57},
		{name: "budget exceeded", answers: answersWith(good(), "A1", count(5), "A2", count(2)), // lost 5 + 4, 4 back
			cats: map[string]cat{"A": {5, 4}}, raw: 57, appMax: 62, scaled: 57, final: 57},
		{name: "overflow not reached", answers: answersWith(good(), "B1", count(3)), // 1 + 10
			cats: map[string]cat{"B": {11, 0}}, raw: 59, appMax: 62, scaled: 59, final: 59},
		{name: "overflow at exactly 4 lost", answers: answersWith(good(), "B1", count(4)), // 0 + 10 − 10
			cats: map[string]cat{"B": {0, -10}}, raw: 48, appMax: 62, scaled: 48, final: 48},
		{name: "overflow never below zero", answers: answersWith(good(), "B1", count(6), "B2", met(false)), // 0 + 0, nothing left
			cats: map[string]cat{"B": {0, 0}}, raw: 48, appMax: 62, scaled: 48, final: 48},
		{name: "overflow takes what is left", answers: answersWith(good(), "B1", count(6), "B2", met(true), "A1", count(5), "A2", count(2)),
			cats: map[string]cat{"A": {5, 4}, "B": {0, -10}}, raw: 43, appMax: 62, scaled: 43, final: 43},
		{name: "N/A counted as full marks", answers: answersWith(good(), "C4", naAnswer),
			cats: map[string]cat{"C": {38, 0}}, raw: 62, appMax: 62, scaled: 62, final: 62},
		{name: "N/A out of the denominator", answers: answersWith(good(), "C5", naAnswer, "C1", val(93)), // 61.25−5 of 57
			cats: map[string]cat{"C": {32.25, 0}}, raw: 56.25, appMax: 57, scaled: 61.18, final: 61.18}, // 56.25×62/57 = 61.184
		{name: "bonus category cap", answers: answersWith(good(), "X1", count(2), "X2", count(1)), // 2 + 2 → 3
			raw: 62, appMax: 62, scaled: 62, bonus: 3, final: 65},
		{name: "bonus category cap hit exactly", answers: answersWith(good(), "X1", count(3)),
			raw: 62, appMax: 62, scaled: 62, bonus: 3, final: 65},
		{name: "the whole mix", answers: answersWith(good(), "A1", count(5), "A2", count(2), "B1", count(4), "C1", val(93),
			"C2", diff(3, 5), "C3", val(74), "C4", naAnswer, "X1", count(2), "X2", count(1)),
			// A 1+4 = 5; B 0+10−10 = 0; C 9.25+6.4+9+5+5 = 34.65; 39.65 of 62; bonus 4 → 3
			cats: map[string]cat{"A": {5, 4}, "B": {0, -10}, "C": {34.65, 0}}, raw: 39.65, appMax: 62, scaled: 39.65, bonus: 3, final: 42.65},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(c, &domain.AnswerSet{Unit: domain.UnitRef{Type: "分县局"}, Answers: tc.answers}, domain.Options{})
			for id, want := range tc.cats {
				cs, _ := r.Category(id)
				if cs.Score != want.score || cs.Adjustment != want.adj {
					t.Errorf("category %s: %v (adjustment %v), want %v (%v)", id, cs.Score, cs.Adjustment, want.score, want.adj)
				}
			}
			if r.Raw != tc.raw || r.ApplicableMax != tc.appMax || r.Scaled != tc.scaled || r.Bonus != tc.bonus || r.Final != tc.final {
				t.Errorf("raw %v of %v, scaled %v, bonus %v, final %v; want %v of %v, %v, %v, %v",
					r.Raw, r.ApplicableMax, r.Scaled, r.Bonus, r.Final, tc.raw, tc.appMax, tc.scaled, tc.bonus, tc.final)
			}
		})
	}
}

// TestShapeNAFullStatus: a N/A item counted as full marks stays "na" but
// counts as applicable and answered.
func TestShapeNAFullStatus(t *testing.T) {
	c := loadShapes(t)
	r := domain.Score(c, &domain.AnswerSet{Answers: answersWith(good(), "C4", naAnswer)}, domain.Options{})
	is, _ := r.Item("C4")
	if is.Status != domain.StatusNA || !is.NAFull || is.Score != 5 || is.Lost() != 0 {
		t.Errorf("C4 %+v", is)
	}
	if r.Applicable != 9 || r.Answered != 9 {
		t.Errorf("applicable %d answered %d, want 9 9", r.Applicable, r.Answered)
	}
}

// TestShapeVetoes checks the four forces of a veto (10).
func TestShapeVetoes(t *testing.T) {
	c := loadShapes(t)
	for _, tc := range []struct {
		name    string
		answers map[string]domain.Answer
		vetoes  []string
		final   float64
		grade   string
	}{
		{"none", good(), nil, 62, "优秀"},
		{"grade veto (today's)", good(), []string{"V1"}, 62, "不予通过"},
		{"zero", good(), []string{"V2"}, 0, "不合格"},
		{"no top grade", good(), []string{"V3"}, 62, "良好"},
		{"no top grade below the top", answersWith(good(), "B1", count(4)), []string{"V3"}, 48, "良好"},
		{"fixed deduction", good(), []string{"V4"}, 32, "合格"},
		{"fixed deduction never below zero", nil, []string{"V4"}, 0, "不合格"},
		{"deduction and grade veto", good(), []string{"V4", "V1"}, 32, "不予通过"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(c, &domain.AnswerSet{Answers: tc.answers, Vetoes: tc.vetoes}, domain.Options{})
			if r.Final != tc.final || r.Grade != tc.grade {
				t.Errorf("final %v %s, want %v %s", r.Final, r.Grade, tc.final, tc.grade)
			}
			if len(r.Vetoes) != len(tc.vetoes) {
				t.Errorf("vetoes %v", r.Vetoes)
			}
		})
	}
}

// BenchmarkScoreShapes2000 scores the generated 2,000-item catalog with the
// issue 15 shapes mixed in: every sub-category a deduction budget, deduct
// items with an overflow, numeric items piecewise, by difference with an
// exact value, by unit type, N/A as full marks, vetoes of every force.
func BenchmarkScoreShapes2000(b *testing.B) {
	c, set := generated(20, 4, 25)
	c.Vetoes = []domain.Veto{{ID: "V1"}, {ID: "V2", Effect: domain.VetoDeduct, Points: 30}, {ID: "V3", Effect: domain.VetoNoTop}}
	set.Vetoes = []string{"V2", "V3"}
	for _, cat := range c.Categories {
		for _, sub := range cat.Categories {
			sub.DeductCap = domain.Float(5)
			for i, it := range sub.Items {
				switch {
				case it.Method == domain.MethodDeduct:
					it.Overflow = &domain.Overflow{At: 4, Extra: 2}
				case it.Linear != nil && i%2 == 0:
					it.Linear, it.Piecewise = nil, []domain.Segment{{Below: domain.Float(96), Per: 0.25}, {Below: domain.Float(90), Per: 0.5}}
				case it.Linear != nil:
					it.ByUnitType = map[string]*domain.Item{"分县局": {Max: it.Max, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 10, Full: 90}}}
				case it.Change:
					it.Change, it.Shortfall, it.Difference = false, nil, true
					it.Exact = []domain.Exact{{Value: 0, Points: 10}}
					it.Slope = &domain.Slope{Points: 6, Per: 0.2, LowerIsBetter: true}
				case it.Method == domain.MethodCheck:
					it.NA = domain.NAFull
				}
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		domain.Score(c, set, domain.Options{UnitType: "分县局"})
	}
}

// TestShapeDifferenceAnswers: a difference item takes a baseline (0 too)
// and needs one beside the value.
func TestShapeDifferenceAnswers(t *testing.T) {
	c := loadShapes(t)
	it := c.Item("C2")
	for _, tc := range []struct {
		name string
		a    domain.Answer
		code string
	}{
		{"value and baseline", diff(3, 5), ""},
		{"baseline 0 is fine", diff(3, 0), ""},
		{"baseline missing", val(3), domain.ProbMissingBaseline},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := it.CheckAnswer(tc.a)
			switch {
			case tc.code == "" && len(ps) > 0:
				t.Errorf("problems %v", ps)
			case tc.code != "" && (len(ps) != 1 || ps[0].Code != tc.code):
				t.Errorf("problems %v, want %s", ps, tc.code)
			}
		})
	}
}
