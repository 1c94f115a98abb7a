package domain_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// loadTiered reads testdata/tiered.yaml: tiered counts, multipliers and a
// discretion item (issue 15 shapes 5, 9 and 8).
func loadTiered(t testing.TB) *domain.Catalog {
	t.Helper()
	data, err := os.ReadFile("testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func counts(kv ...any) map[string]int {
	m := map[string]int{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(int)
	}
	return m
}

func byKind(kv ...any) domain.Answer { return domain.Answer{Counts: counts(kv...)} }

func marked(n int, kv ...any) domain.Answer {
	a := domain.Answer{Count: domain.Int(n)}
	if len(kv) > 0 {
		a.Counts = counts(kv...)
	}
	return a
}

// TestTieredPoints scores single items; every figure is worked out by
// hand from the rule in the item's comment in testdata/tiered.yaml.
func TestTieredPoints(t *testing.T) {
	c := loadTiered(t)
	for _, tc := range []struct {
		name, item string
		a          domain.Answer
		want       float64
		answered   bool
	}{
		// 5. count with kinds: main 1, other 0.5, max 3.
		{"kinds under the cap", "T1", byKind("main", 1, "other", 2), 2, true},
		{"kinds hit the cap exactly", "T1", byKind("main", 2, "other", 2), 3, true},
		{"kinds over the cap", "T1", byKind("main", 3, "other", 1), 3, true},
		{"a kind left out counts 0", "T1", byKind("other", 1), 0.5, true},
		{"all kinds 0", "T1", byKind("main", 0), 0, true},
		{"no counts: unanswered", "T1", domain.Answer{}, 0, false},
		{"a negative count: unanswered", "T1", byKind("main", -1, "other", 2), 0, false},
		{"count instead of counts: unanswered", "T1", marked(2), 0, false},
		{"rounding 0.125 half away from zero", "T3", byKind("report", 1), 0.13, true},
		{"rounding 0.375", "T3", byKind("report", 3), 0.38, true},
		// 5. deduct with kinds: general 0.5, serious 2, max 10, zero_at 5 occurrences.
		{"deduct kinds", "T2", byKind("general", 2, "serious", 1), 7, true},               // 10 − 1 − 2
		{"deduct kinds to exactly 0", "T2", byKind("general", 0, "serious", 4), 2, true},  // 4 occurrences: 10 − 8
		{"deduct kinds reach zero_at", "T2", byKind("general", 4, "serious", 1), 0, true}, // 5 occurrences
		{"deduct kinds none", "T2", byKind("general", 0, "serious", 0), 10, true},
		// 9. deduct, per 1, security ×2, self ×0.5, max 6.
		{"no marked occurrence", "M1", marked(1), 5, true},
		{"one of two doubled", "M1", marked(2, "security", 1), 3, true},            // 6 − (2 + 1)
		{"all doubled to exactly 0", "M1", marked(3, "security", 3), 0, true},      // 6 − 6
		{"doubled below 0 is 0", "M1", marked(4, "security", 4), 0, true},          // 6 − 8
		{"halved", "M1", marked(3, "self", 1), 3.5, true},                          // 6 − (3 − 0.5)
		{"doubled and halved", "M1", marked(3, "security", 1, "self", 2), 3, true}, // 6 − (3 + 1 − 1)
		{"more marked than occurrences", "M1", marked(1, "security", 2), 0, false},
		{"a marked count below 0", "M1", marked(2, "security", -1), 0, false},
		{"marks without count", "M1", byKind("security", 1), 0, false},
		// 9. count (bonus), per 1, ministry ×2, max 4.
		{"bonus doubled", "M2", marked(2, "ministry", 1), 3, true},
		{"bonus doubled to the cap exactly", "M2", marked(2, "ministry", 2), 4, true},
		{"bonus doubled over the cap", "M2", marked(3, "ministry", 3), 4, true},
		// 8. discretion 2-6 a time, max 10: the worst case until reviewed.
		{"discretion none", "J1", marked(0), 10, true},
		{"discretion once: worst case", "J1", marked(1), 4, true},
		{"discretion twice: worst case 0", "J1", marked(2), 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := c.Item(tc.item)
			if got := it.Points(tc.a); got != tc.want {
				t.Errorf("points = %v, want %v", got, tc.want)
			}
			if got := it.Answered(tc.a); got != tc.answered {
				t.Errorf("answered = %v, want %v", got, tc.answered)
			}
		})
	}
}

// TestDiscretionRange checks the range a 酌情 item can still reach.
func TestDiscretionRange(t *testing.T) {
	c := loadTiered(t)
	j := c.Item("J1")
	for _, tc := range []struct {
		name   string
		a      domain.Answer
		want   domain.PointRange
		wantOK bool
	}{
		{"no occurrence: nothing to decide", marked(0), domain.PointRange{}, false},
		{"once: 10 − 6 to 10 − 2", marked(1), domain.PointRange{Min: 4, Max: 8}, true},
		{"twice: floored at 0", marked(2), domain.PointRange{Min: 0, Max: 6}, true},
		{"five times: both ends 0", marked(5), domain.PointRange{}, false},
		{"unanswered", domain.Answer{}, domain.PointRange{}, false},
		{"n/a", domain.Answer{NA: true, Reason: "x", Count: domain.Int(1)}, domain.PointRange{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := j.DiscretionRange(tc.a)
			if ok != tc.wantOK || ok && got != tc.want {
				t.Errorf("range = %+v, %v; want %+v, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
	if _, ok := c.Item("M1").DiscretionRange(marked(1)); ok {
		t.Error("an item without discretion has a range")
	}
}

func tieredAnswers(a map[string]domain.Answer) *domain.AnswerSet {
	return &domain.AnswerSet{Catalog: "tiered-shapes@1", Answers: a}
}

// TestTieredScore scores whole answer sets: the pending range of a 酌情
// item, and how the category's deduction budget (限扣5分) treats the
// multiplied and the discretion deductions, before and after review.
func TestTieredScore(t *testing.T) {
	c := loadTiered(t)
	full := map[string]domain.Answer{
		"T1": byKind("main", 2, "other", 2), // 3
		"T2": byKind("general", 0),          // 10
		"T3": byKind("report", 16),          // 2
		"M1": marked(0),                     // 6
		"J1": marked(0),                     // 10
		"P1": met(true),                     // 8
		"M2": marked(1, "ministry", 1),      // bonus 2
	}
	with := func(kv map[string]domain.Answer) map[string]domain.Answer {
		m := map[string]domain.Answer{}
		for k, v := range full {
			m[k] = v
		}
		for k, v := range kv {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name      string
		answers   map[string]domain.Answer
		overrides map[string]float64
		raw       float64
		final     float64
		adjB      float64
		pending   *domain.PointRange
		reach     *domain.PointRange
		reviewed  bool
	}{
		{name: "full marks", answers: full, raw: 39, final: 41},
		// M1 loses 3 (2 of them doubled: 1+1), J1 nothing: within the budget.
		{name: "multiplied within the budget", answers: with(map[string]domain.Answer{"M1": marked(2, "security", 1)}), raw: 36, final: 38},
		// M1 loses 6, over the budget of 5 by 1: given back.
		{name: "multiplied over the budget", answers: with(map[string]domain.Answer{"M1": marked(3, "security", 3)}), raw: 34, final: 36, adjB: 1},
		// J1 once: worst case 4 (loses 6), budget gives 1 back: B = 6 + 4 + 1 = 11 of 16.
		{name: "discretion pending, budget", answers: with(map[string]domain.Answer{"J1": marked(1)}), raw: 34, final: 36, adjB: 1,
			pending: &domain.PointRange{Min: 4, Max: 8}, reach: &domain.PointRange{Min: 36, Max: 39}},
		// M1 already spends the budget of 5: whatever the reviewer picks for
		// J1 is given back, so the final cannot move and there is no range
		// (a report said 可得 36–36 分).
		{name: "discretion pending, budget spent", answers: with(map[string]domain.Answer{"M1": marked(3, "security", 3), "J1": marked(1)}),
			raw: 34, final: 36, adjB: 7, pending: &domain.PointRange{Min: 4, Max: 8}},
		// The reviewer picks 7 (loses 3): within the budget, nothing given back.
		{name: "discretion reviewed", answers: with(map[string]domain.Answer{"J1": marked(1)}), overrides: map[string]float64{"J1": 7},
			raw: 36, final: 38, reviewed: true},
		// Picked exactly at the budget: loses 5, nothing given back.
		{name: "discretion reviewed at the budget exactly", answers: with(map[string]domain.Answer{"J1": marked(1)}), overrides: map[string]float64{"J1": 5},
			raw: 34, final: 36, reviewed: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(c, tieredAnswers(tc.answers), domain.Options{Overrides: tc.overrides})
			if r.Raw != tc.raw || r.Final != tc.final {
				t.Errorf("raw %v final %v, want %v %v", r.Raw, r.Final, tc.raw, tc.final)
			}
			if b, _ := r.Category("B"); b.Adjustment != tc.adjB {
				t.Errorf("B adjustment %v, want %v", b.Adjustment, tc.adjB)
			}
			j, _ := r.Item("J1")
			if (j.Pending == nil) != (tc.pending == nil) || j.Pending != nil && *j.Pending != *tc.pending {
				t.Errorf("J1 pending %+v, want %+v", j.Pending, tc.pending)
			}
			if (r.Reach == nil) != (tc.reach == nil) || r.Reach != nil && *r.Reach != *tc.reach {
				t.Errorf("reach %+v, want %+v", r.Reach, tc.reach)
			}
			if j.Reviewed != tc.reviewed {
				t.Errorf("J1 reviewed %v", j.Reviewed)
			}
		})
	}
}

func probCodes(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	slices.Sort(out)
	return out
}

// TestTieredCheckAnswer checks the answers of the new shapes field by field.
func TestTieredCheckAnswer(t *testing.T) {
	c := loadTiered(t)
	for _, tc := range []struct {
		name, item string
		a          domain.Answer
		want       []string
	}{
		{"kinds fine", "T1", byKind("main", 1), nil},
		{"kinds with count", "T1", domain.Answer{Count: domain.Int(1), Counts: counts("main", 1)}, []string{domain.ProbWrongField}},
		{"an unknown kind", "T1", byKind("boss", 1), []string{domain.ProbUnknownKind}},
		{"a negative kind", "T1", byKind("main", -2), []string{domain.ProbNegativeCount}},
		{"marks fine", "M1", marked(3, "security", 1, "self", 2), nil},
		{"marks fine, none marked", "M1", marked(3), nil},
		{"more marked than occurrences", "M1", marked(2, "security", 2, "self", 1), []string{domain.ProbMarkedTooMany}},
		{"marks without count", "M1", byKind("security", 1), []string{domain.ProbCountsNoCount}},
		{"marks of zero without count", "M1", byKind("security", 0), nil},
		{"an unknown mark", "M1", marked(2, "main", 1), []string{domain.ProbUnknownKind}},
		{"counts on a plain item", "P1", domain.Answer{Met: domain.Bool(true), Counts: counts("a", 1)}, []string{domain.ProbWrongField}},
		{"discretion count", "J1", marked(2), nil},
		{"counts on a discretion item", "J1", marked(2, "x", 1), []string{domain.ProbWrongField}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := probCodes(c.Item(tc.item).CheckAnswer(tc.a)); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTieredCatalogCheck refuses the new keys where they do not fit, each
// with its own code.
func TestTieredCatalogCheck(t *testing.T) {
	kinds := []domain.Kind{{Key: "a", Label: "A", Per: 1}, {Key: "b", Label: "B", Per: 0.5}}
	for _, tc := range []struct {
		name string
		it   domain.Item
		want []string
	}{
		{"kinds fine", domain.Item{Method: domain.MethodCount, Kinds: kinds}, nil},
		{"kinds and per", domain.Item{Method: domain.MethodCount, Per: 1, Kinds: kinds}, []string{domain.ProbCatExclusive}},
		{"kinds and multipliers", domain.Item{Method: domain.MethodDeduct, Kinds: kinds,
			Multipliers: []domain.Multiplier{{Key: "m", Label: "M", Times: 2}}}, []string{domain.ProbCatExclusive}},
		{"a key twice", domain.Item{Method: domain.MethodCount, Kinds: []domain.Kind{{Key: "a", Label: "A", Per: 1}, {Key: "a", Label: "B", Per: 1}}},
			[]string{domain.ProbCatKeyTwice}},
		{"a bad key", domain.Item{Method: domain.MethodCount, Kinds: []domain.Kind{{Key: "a b", Label: "A", Per: 1}}}, []string{domain.ProbBadID}},
		{"an empty label", domain.Item{Method: domain.MethodCount, Kinds: []domain.Kind{{Key: "a", Per: 1}}}, []string{domain.ProbCatEmptyField}},
		{"a kind's per 0", domain.Item{Method: domain.MethodCount, Kinds: []domain.Kind{{Key: "a", Label: "A"}}}, []string{domain.ProbNotPositive}},
		{"kinds on numeric", domain.Item{Method: domain.MethodNumeric, Bands: []domain.Band{{AtLeast: domain.Float(1), Points: 4}}, Kinds: kinds},
			[]string{domain.ProbParam}},
		{"times 1", domain.Item{Method: domain.MethodDeduct, Per: 1, Multipliers: []domain.Multiplier{{Key: "m", Label: "M", Times: 1}}},
			[]string{domain.ProbCatTimes}},
		{"times 0", domain.Item{Method: domain.MethodDeduct, Per: 1, Multipliers: []domain.Multiplier{{Key: "m", Label: "M"}}},
			[]string{domain.ProbCatTimes}},
		{"times fine", domain.Item{Method: domain.MethodCount, Per: 1, Multipliers: []domain.Multiplier{{Key: "m", Label: "M", Times: 1.5}}}, nil},
		{"discretion fine", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 2, Max: 4}}, nil},
		{"discretion fixed", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 4, Max: 4}}, nil},
		{"discretion min above max", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 3, Max: 2}}, []string{domain.ProbCatDiscretion}},
		{"discretion min below 0", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: -1, Max: 2}}, []string{domain.ProbCatDiscretion}},
		{"discretion max 0", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{}}, []string{domain.ProbNotPositive}},
		{"discretion over the item's max", domain.Item{Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 1, Max: 5}}, []string{domain.ProbCatDiscrMax}},
		{"discretion and per", domain.Item{Method: domain.MethodDeduct, Per: 1, Discretion: &domain.Discretion{Min: 1, Max: 2}}, []string{domain.ProbCatExclusive}},
		{"discretion and kinds", domain.Item{Method: domain.MethodDeduct, Kinds: kinds, Discretion: &domain.Discretion{Min: 1, Max: 2}}, []string{domain.ProbCatExclusive}},
		{"discretion on count", domain.Item{Method: domain.MethodCount, Per: 1, Discretion: &domain.Discretion{Min: 1, Max: 2}}, []string{domain.ProbParam}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := tc.it
			it.ID, it.Title, it.Max = "I1", "指标", 4
			c := &domain.Catalog{ID: "c", Version: "1", Title: "t", Total: 4, Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
				Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{&it}}}}
			if got := probCodes(c.CheckProblems()); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("discretion on a part", func(t *testing.T) {
		p := &domain.Item{ID: "a", Title: "a", Max: 4, Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 1, Max: 2}}
		it := &domain.Item{ID: "I1", Title: "指标", Max: 4, Parts: []*domain.Item{p}}
		c := &domain.Catalog{ID: "c", Version: "1", Title: "t", Total: 4, Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
			Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{it}}}}
		if got := probCodes(c.CheckProblems()); !slices.Equal(got, []string{domain.ProbCatDiscretionP}) {
			t.Errorf("problems %v", got)
		}
	})
}

// TestDiscretionReview: the reviewer picks the points within the range
// and says why; accepting the worst case or approving before is refused.
func TestDiscretionReview(t *testing.T) {
	c := loadTiered(t)
	ws := func(reviews map[string]domain.Review) *domain.Workspace {
		return &domain.Workspace{Assessment: domain.Assessment{ID: 1, Status: domain.Submitted}, Catalog: c,
			Answers: tieredAnswers(map[string]domain.Answer{"J1": marked(1), "M1": marked(0)}), Reviews: reviews}
	}
	w := ws(nil)
	for _, tc := range []struct {
		name string
		item string
		r    domain.Review
		want []string
	}{
		{"accept the worst case", "J1", domain.Review{Verdict: domain.VerdictAccept}, []string{domain.ProbReviewDiscretion}},
		{"pick within, with a reason", "J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(6), Reason: "情节较轻"}, nil},
		{"pick at the low end, with a reason", "J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(4), Reason: "情节严重"}, nil},
		{"pick at the worst case without a reason", "J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(4)}, []string{domain.ProbReviewReason}},
		{"pick above the range", "J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(9), Reason: "x"}, []string{domain.ProbReviewDiscretionRange}},
		{"pick below the range", "J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(3.99), Reason: "x"}, []string{domain.ProbReviewDiscretionRange}},
		{"the reviewer's own count and points", "J1", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Count: domain.Int(2)},
			Score: domain.Float(1), Reason: "实为两起"}, nil},
		{"the reviewer's own count, points outside its range", "J1", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Count: domain.Int(2)},
			Score: domain.Float(7), Reason: "x"}, []string{domain.ProbReviewDiscretionRange}},
		{"the reviewer finds no occurrence", "J1", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Count: domain.Int(0)}, Reason: "误报"}, nil},
		{"a request is fine", "J1", domain.Review{Verdict: domain.VerdictRequest, Request: "补充通报材料"}, nil},
		{"accept where nothing occurred", "M1", domain.Review{Verdict: domain.VerdictAccept}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := w.ReviewProblems(tc.item, tc.r)
			if got := probCodes(ps); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("approve before the points are picked", func(t *testing.T) {
		if got := probCodes(ws(nil).ApproveProblems()); !slices.Equal(got, []string{domain.ProbReviewDiscretionOpen}) {
			t.Errorf("problems %v", got)
		}
		picked := ws(map[string]domain.Review{"J1": {Verdict: domain.VerdictAdjust, Score: domain.Float(6), Reason: "情节较轻"}})
		if ps := picked.ApproveProblems(); len(ps) != 0 {
			t.Errorf("problems after picking: %v", ps)
		}
		if is, _ := picked.ReviewedResult().Item("J1"); is.Score != 6 || is.Pending != nil || !is.Reviewed {
			t.Errorf("reviewed J1 %+v, want 6, reviewed, not pending", is)
		}
	})
}

// TestTieredDiff: another kind's points, another multiplier or another
// discretion range is a change of the item's rule between catalog versions.
func TestTieredDiff(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *domain.Catalog)
		want   string
	}{
		{"nothing", func(*domain.Catalog) {}, ""},
		{"a kind's per", func(c *domain.Catalog) { c.Item("T1").Kinds[1].Per = 0.4 }, "T1"},
		{"a multiplier", func(c *domain.Catalog) { c.Item("M1").Multipliers[0].Times = 3 }, "M1"},
		{"the discretion range", func(c *domain.Catalog) { c.Item("J1").Discretion.Min = 1 }, "J1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to := loadTiered(t), loadTiered(t)
			to.Version = "2"
			tc.change(to)
			d := domain.DiffCatalogs(from, to)
			var got []string
			for _, ch := range d.Changed {
				got = append(got, ch.New.ID)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("changed %v, want %q", got, tc.want)
			}
		})
	}
}
