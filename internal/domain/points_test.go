package domain_test

import (
	"math"
	"testing"

	"pingce/internal/domain"
)

// Short-hands for building answers and catalogs in tests.
var (
	f64 = domain.Float
	yes = domain.Bool(true)
	no  = domain.Bool(false)
)

func val(v float64) domain.Answer { return domain.Answer{Value: f64(v)} }

func change(v, base float64) domain.Answer {
	return domain.Answer{Value: f64(v), Baseline: f64(base)}
}

func count(k int) domain.Answer { return domain.Answer{Count: domain.Int(k)} }

func level(l string) domain.Answer { return domain.Answer{Level: l} }

type pointsCase struct {
	name string
	a    domain.Answer
	want float64
}

// runPoints checks it.Points for every case.
func runPoints(t *testing.T, it *domain.Item, cases []pointsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := it.Points(tc.a)
			if got != tc.want {
				t.Errorf("Points(%s) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

func TestRound2(t *testing.T) {
	// Half away from zero, read as the decimal a person typed: 1.005 is
	// stored as 1.00499999…, yet a person rounds it to 1.01.
	cases := []struct {
		name string
		in   float64
		want float64
	}{
		{"1.005 up", 1.005, 1.01},
		{"2.675 up", 2.675, 2.68},
		{"-1.005 away from zero", -1.005, -1.01},
		{"0.125 up", 0.125, 0.13},
		{"-0.125 away from zero", -0.125, -0.13},
		{"1.004 down", 1.004, 1},
		{"1.0049 down", 1.0049, 1},
		{"1.015 up", 1.015, 1.02},
		{"8.345 up", 8.345, 8.35},
		{"already 2 decimals", 12.34, 12.34},
		{"integer", 25, 25},
		{"zero", 0, 0},
		{"one third", 1.0 / 3, 0.33},
		{"two thirds", 2.0 / 3, 0.67},
		{"846.354 down", 846.354, 846.35},
		{"846.355 up", 846.355, 846.36},
		{"999.995 up to 1000", 999.995, 1000},
		{"sum 0.1+0.2", 0.1 + 0.2, 0.3},
		{"large 123456.785", 123456.785, 123456.79},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.Round2(tc.in); got != tc.want {
				t.Errorf("Round2(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestPointsCheck(t *testing.T) {
	it := &domain.Item{ID: "c", Max: 10, Method: domain.MethodCheck}
	runPoints(t, it, []pointsCase{
		{"met gives max", domain.Answer{Met: yes}, 10},
		{"not met gives 0", domain.Answer{Met: no}, 0},
		{"unanswered gives 0", domain.Answer{}, 0},
		{"wrong field gives 0", val(1), 0},
	})
}

func TestPointsLevels(t *testing.T) {
	it := &domain.Item{ID: "l", Max: 10, Method: domain.MethodLevels, Levels: []domain.Level{
		{Label: "三项都有", Points: 10}, {Label: "有两项", Points: 6},
		{Label: "有一项", Points: 3.333}, {Label: "都没有", Points: 0},
	}}
	runPoints(t, it, []pointsCase{
		{"first level is max", level("三项都有"), 10},
		{"middle level", level("有两项"), 6},
		{"level points rounded: 3.333 → 3.33", level("有一项"), 3.33},
		{"last level", level("都没有"), 0},
		{"unknown label gives 0", level("四项"), 0},
		{"empty gives 0", domain.Answer{}, 0},
	})
}

func TestPointsBandsAtLeast(t *testing.T) {
	// The H1.6 bands of formats.md §1: ≥98 → 30, ≥96 → 25, ≥94 → 18, ≥90 → 10.
	it := &domain.Item{ID: "H1.6", Max: 30, Method: domain.MethodNumeric, Bands: []domain.Band{
		{AtLeast: f64(98), Points: 30}, {AtLeast: f64(96), Points: 25},
		{AtLeast: f64(94), Points: 18}, {AtLeast: f64(90), Points: 10},
	}}
	runPoints(t, it, []pointsCase{
		{"100 top band", val(100), 30},
		{"98 exactly is in the top band", val(98), 30},
		{"97.99 falls to the next band", val(97.99), 25},
		{"96 exactly", val(96), 25},
		{"95.999 third band", val(95.999), 18},
		{"94 exactly", val(94), 18},
		{"90 exactly", val(90), 10},
		{"89.99 matches no band", val(89.99), 0},
		{"negative matches no band", val(-5), 0},
		{"no value", domain.Answer{}, 0},
	})
}

func TestPointsBandsAtMost(t *testing.T) {
	// Lower is better: ≤0 → 15, ≤5 → 7.5, above 5 → 0.
	it := &domain.Item{ID: "m", Max: 15, Method: domain.MethodNumeric, Bands: []domain.Band{
		{AtMost: f64(0), Points: 15}, {AtMost: f64(5), Points: 7.5},
	}}
	runPoints(t, it, []pointsCase{
		{"-3 first band", val(-3), 15},
		{"0 exactly is in the first band", val(0), 15},
		{"0.01 second band", val(0.01), 7.5},
		{"5 exactly second band", val(5), 7.5},
		{"5.01 no band", val(5.01), 0},
	})
}

func TestPointsLinear(t *testing.T) {
	// A2.4 of the reference: max 10, zero 60, full 95.
	up := &domain.Item{ID: "up", Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 60, Full: 95}}
	t.Run("higher is better", func(t *testing.T) {
		runPoints(t, up, []pointsCase{
			{"below zero clamps to 0", val(40), 0},
			{"at zero gives 0", val(60), 0},
			// 10 × (77.5 − 60)/(95 − 60) = 10 × 17.5/35 = 5
			{"midpoint gives half", val(77.5), 5},
			// 10 × (80 − 60)/35 = 200/35 = 5.714285… → 5.71
			{"80 gives 5.71", val(80), 5.71},
			// 10 × (90 − 60)/35 = 300/35 = 8.571428… → 8.57
			{"90 gives 8.57", val(90), 8.57},
			{"at full gives max", val(95), 10},
			{"above full clamps to max", val(120), 10},
		})
	})
	// zero > full: lower is better. D1.3 b of the reference: zero 10, full −10.
	down := &domain.Item{ID: "down", Max: 7.5, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 10, Full: -10}}
	t.Run("reversed", func(t *testing.T) {
		runPoints(t, down, []pointsCase{
			{"far below full clamps to max", val(-50), 7.5},
			{"at full gives max", val(-10), 7.5},
			// 7.5 × (0 − 10)/(−10 − 10) = 7.5 × 0.5 = 3.75
			{"0 gives half", val(0), 3.75},
			// 7.5 × (−4 − 10)/(−20) = 7.5 × 0.7 = 5.25
			{"-4 gives 5.25", val(-4), 5.25},
			{"at zero gives 0", val(10), 0},
			{"above zero clamps to 0", val(30), 0},
		})
	})
	// The ×N proportional items: max 20, zero 0, full 100.
	prop := &domain.Item{ID: "p", Max: 20, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}}
	t.Run("proportional", func(t *testing.T) {
		runPoints(t, prop, []pointsCase{
			// 20 × 0.875 = 17.5
			{"87.5 % gives 17.5", val(87.5), 17.5},
			// 20 × 0.3333 = 6.666 → 6.67
			{"33.33 % gives 6.67", val(33.33), 6.67},
			{"0 % gives 0", val(0), 0},
			{"100 % gives max", val(100), 20},
		})
	})
}

func TestPointsShortfall(t *testing.T) {
	// F1.1 of the reference: max 20, target 100, each point short costs 1.
	plain := &domain.Item{ID: "F1.1", Max: 20, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 100, Step: 1, Per: 1}}
	t.Run("plain", func(t *testing.T) {
		runPoints(t, plain, []pointsCase{
			{"target met", val(100), 20},
			{"above target", val(101), 20},
			// 20 − 1 × 3 = 17
			{"3 short gives 17", val(97), 17},
			// 20 − 1 × 2.5 = 17.5 (fractions of a step count)
			{"2.5 short gives 17.5", val(97.5), 17.5},
			// 20 − 20 = 0
			{"20 short gives 0", val(80), 0},
			{"floored at 0", val(50), 0},
		})
	})
	// B1.1 a of the reference: max 20, target 100, step 10, per 5, whole steps.
	whole := &domain.Item{ID: "B1.1a", Max: 20, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 100, Step: 10, Per: 5, WholeSteps: true}}
	t.Run("whole steps", func(t *testing.T) {
		runPoints(t, whole, []pointsCase{
			{"target met", val(100), 20},
			// gap 1 → 0.1 step → rounded up to 1 → 20 − 5 = 15
			{"1 short counts a whole step", val(99), 15},
			// gap 10 → exactly 1 step → 15
			{"10 short is one step", val(90), 15},
			// gap 10.5 → 1.05 → 2 steps → 10
			{"10.5 short is two steps", val(89.5), 10},
			// gap 30 → 3 steps → 5; 30.000… from 100 − 70 must not become 4
			{"30 short is three steps", val(70), 5},
			// gap 40 → 4 steps → 0
			{"40 short gives 0", val(60), 0},
			{"floored at 0", val(0), 0},
		})
	})
	// Same without whole steps: 1 short → 0.1 step → 20 − 0.5 = 19.5.
	frac := &domain.Item{ID: "frac", Max: 20, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 100, Step: 10, Per: 5}}
	runPoints(t, frac, []pointsCase{
		{"without whole steps 1 short gives 19.5", val(99), 19.5},
		// 20 − 5 × 1.05 = 14.75
		{"without whole steps 10.5 short gives 14.75", val(89.5), 14.75},
	})
	// Lower is better: max 10, target 5, step 1, per 2.
	low := &domain.Item{ID: "low", Max: 10, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 5, Step: 1, Per: 2, LowerIsBetter: true}}
	t.Run("lower is better", func(t *testing.T) {
		runPoints(t, low, []pointsCase{
			{"below target is met", val(3), 10},
			{"at target is met", val(5), 10},
			// gap 6 − 5 = 1 → 10 − 2 = 8
			{"1 over gives 8", val(6), 8},
			// gap 2.25 → 10 − 4.5 = 5.5
			{"2.25 over gives 5.5", val(7.25), 5.5},
			{"5 over gives 0", val(10), 0},
			{"floored at 0", val(40), 0},
		})
	})
	lowWhole := &domain.Item{ID: "lw", Max: 10, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 5, Step: 1, Per: 2, LowerIsBetter: true, WholeSteps: true}}
	runPoints(t, lowWhole, []pointsCase{
		// gap 0.2 → 1 whole step → 8
		{"lower is better with whole steps", val(5.2), 8},
	})
}

func TestPointsChange(t *testing.T) {
	// C1.6 of formats.md: change, shortfall target −10, step 1, per 2.5, lower is better, max 25.
	it := &domain.Item{ID: "C1.6", Max: 25, Method: domain.MethodNumeric, Change: true,
		Shortfall: &domain.Shortfall{Target: -10, Step: 1, Per: 2.5, LowerIsBetter: true}}
	runPoints(t, it, []pointsCase{
		// (80 − 100)/100 × 100 = −20 % ≤ −10 → met
		{"fell 20 % gives max", change(80, 100), 25},
		// −10 % exactly meets the target
		{"fell 10 % gives max", change(90, 100), 25},
		// (95 − 100)/100 = −5 %; gap −5 − (−10) = 5 → 25 − 12.5 = 12.5
		{"fell 5 % gives 12.5", change(95, 100), 12.5},
		// flat: gap 10 → 0
		{"flat gives 0", change(100, 100), 0},
		{"rose gives 0", change(130, 100), 0},
		// (37 − 40)/40 × 100 = −7.5 %; gap 2.5 → 25 − 6.25 = 18.75
		{"fell 7.5 % gives 18.75", change(37, 40), 18.75},
		{"baseline 0 gives 0", change(5, 0), 0},
		{"no baseline gives 0", val(90), 0},
	})
	// Change with bands: ≥ 0 % → 10, ≥ −10 % → 5.
	bands := &domain.Item{ID: "F1.9", Max: 10, Method: domain.MethodNumeric, Change: true,
		Bands: []domain.Band{{AtLeast: f64(0), Points: 10}, {AtLeast: f64(-10), Points: 5}}}
	runPoints(t, bands, []pointsCase{
		{"grew", change(12, 10), 10},
		{"flat", change(10, 10), 10},
		// (9 − 10)/10 = −10 % exactly → second band
		{"fell 10 %", change(9, 10), 5},
		// (18 − 20)/20 = −10 %: 18−20 = −2, /20 = −0.1, ×100 = −10 exactly
		{"fell 10 % other numbers", change(18, 20), 5},
		// (8 − 10)/10 = −20 % → no band
		{"fell 20 %", change(8, 10), 0},
		// negative baseline: (−5 − (−10))/(−10) × 100 = −50 %
		{"negative baseline", change(-5, -10), 0},
	})
}

func TestPointsDeduct(t *testing.T) {
	// A1.3 of the reference: max 10, per 2.5.
	plain := &domain.Item{ID: "A1.3", Max: 10, Method: domain.MethodDeduct, Per: 2.5}
	runPoints(t, plain, []pointsCase{
		{"none gives max", count(0), 10},
		{"one gives 7.5", count(1), 7.5},
		{"four gives 0", count(4), 0},
		{"never below 0", count(9), 0},
		{"negative count gives 0", count(-1), 0},
		{"no count gives 0", domain.Answer{}, 0},
	})
	// Floor 4: max 10, per 3 → 10, 7, 4, 4 (not 1).
	floor := &domain.Item{ID: "fl", Max: 10, Method: domain.MethodDeduct, Per: 3, Floor: 4}
	runPoints(t, floor, []pointsCase{
		{"floor: 1 gives 7", count(1), 7},
		{"floor: 2 gives 4", count(2), 4},
		{"floor: 3 stops at the floor", count(3), 4},
		{"floor: 100 stops at the floor", count(100), 4},
	})
	// zero_at 3: max 5, per 1.5 → 5, 3.5, 2, then 0 from 3 on (not 0.5).
	zero := &domain.Item{ID: "z", Max: 5, Method: domain.MethodDeduct, Per: 1.5, ZeroAt: 3}
	runPoints(t, zero, []pointsCase{
		{"zero_at: 2 gives 2", count(2), 2},
		{"zero_at: 3 gives 0", count(3), 0},
		{"zero_at: 4 gives 0", count(4), 0},
	})
	// zero_at beats the floor.
	both := &domain.Item{ID: "b", Max: 10, Method: domain.MethodDeduct, Per: 1, Floor: 6, ZeroAt: 5}
	runPoints(t, both, []pointsCase{
		{"floor and zero_at: 4 gives 6", count(4), 6},
		{"floor and zero_at: 5 gives 0", count(5), 0},
	})
}

func TestPointsCount(t *testing.T) {
	// X1 of formats.md: max 20, per 10.
	it := &domain.Item{ID: "X1", Max: 20, Method: domain.MethodCount, Per: 10}
	runPoints(t, it, []pointsCase{
		{"none", count(0), 0},
		{"one", count(1), 10},
		{"two reach max", count(2), 20},
		{"three capped at max", count(3), 20},
		{"negative gives 0", count(-2), 0},
	})
	// per 0.333, max 5: 2 → 0.666 → 0.67
	frac := &domain.Item{ID: "f", Max: 5, Method: domain.MethodCount, Per: 0.333}
	runPoints(t, frac, []pointsCase{{"fraction rounded", count(2), 0.67}})
}

func TestPointsComposite(t *testing.T) {
	// D1.3-like: a (linear 0–10, max 7.5) + b (change, reversed linear, max 7.5).
	it := &domain.Item{ID: "D1.3", Max: 15, Parts: []*domain.Item{
		{ID: "a", Max: 7.5, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 10}},
		{ID: "b", Max: 7.5, Method: domain.MethodNumeric, Change: true, Linear: &domain.Linear{Zero: 10, Full: -10}},
	}}
	parts := func(m map[string]domain.Answer) domain.Answer { return domain.Answer{Parts: m} }
	runPoints(t, it, []pointsCase{
		// a: 7.5 × 12/10 → clamp 1 → 7.5; b: (−8 − 40)/40 = −120 % → 7.5; 15
		{"formats.md example gives max", parts(map[string]domain.Answer{"a": val(12), "b": change(-8, 40)}), 15},
		// a: 7.5 × 0.1 = 0.75; b: (99 − 100)/100 = −1 %, 7.5 × (−1 − 10)/(−20) = 7.5 × 0.55 = 4.125 → 4.13; 4.88
		{"each part rounded before the sum", parts(map[string]domain.Answer{"a": val(1), "b": change(99, 100)}), 4.88},
		{"missing part scores 0", parts(map[string]domain.Answer{"a": val(5)}), 3.75},
		{"no parts", domain.Answer{}, 0},
		{"unknown part ignored", parts(map[string]domain.Answer{"z": val(5)}), 0},
	})
	// Three parts of 1/3 each: each 0.333… → 0.33, sum 0.99 (not 1.00).
	third := &domain.Item{ID: "t", Max: 3, Parts: []*domain.Item{
		{ID: "a", Max: 1, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 3}},
		{ID: "b", Max: 1, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 3}},
		{ID: "c", Max: 1, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 3}},
	}}
	runPoints(t, third, []pointsCase{
		{"thirds rounded per part", parts(map[string]domain.Answer{"a": val(1), "b": val(1), "c": val(1)}), 0.99},
	})
}

// TestPointsNonFinite: a value that is not a number (NaN, ±Inf) is user
// data too and must not leak NaN into the score (JSON cannot carry it).
func TestPointsNonFinite(t *testing.T) {
	items := []*domain.Item{
		{ID: "lin", Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
		{ID: "short", Max: 10, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 100, Step: 1, Per: 1}},
		{ID: "band", Max: 10, Method: domain.MethodNumeric, Bands: []domain.Band{{AtLeast: f64(0), Points: 10}}},
		{ID: "chg", Max: 10, Method: domain.MethodNumeric, Change: true, Linear: &domain.Linear{Zero: 0, Full: 100}},
	}
	for _, it := range items {
		for _, a := range []domain.Answer{val(math.NaN()), val(math.Inf(1)), val(math.Inf(-1)), change(1, math.NaN()), change(math.Inf(1), 1)} {
			t.Run(it.ID, func(t *testing.T) {
				got := it.Points(a)
				if math.IsNaN(got) || math.IsInf(got, 0) {
					t.Errorf("Points = %v, want a finite number", got)
				}
			})
		}
	}
}

// TestPointsDegenerate: catalogs built by hand can hold rules the loader
// refuses; scoring them gives 0 rather than a division by zero or a panic.
func TestPointsDegenerate(t *testing.T) {
	cases := []struct {
		name string
		it   *domain.Item
		a    domain.Answer
		want float64
	}{
		{"linear zero == full", &domain.Item{Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 5, Full: 5}}, val(7), 0},
		{"shortfall step 0, short", &domain.Item{Max: 10, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 5}}, val(4), 0},
		{"shortfall step 0, met", &domain.Item{Max: 10, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 5}}, val(5), 10},
		{"numeric without a rule", &domain.Item{Max: 10, Method: domain.MethodNumeric}, val(5), 0},
		{"unknown method", &domain.Item{Max: 10, Method: "vote"}, domain.Answer{Met: yes}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.Points(tc.a); got != tc.want {
				t.Errorf("Points = %v, want %v", got, tc.want)
			}
		})
	}
	if (&domain.Item{Method: "vote"}).Answered(domain.Answer{Met: yes}) {
		t.Error("an item of an unknown method counted as answered")
	}
}
