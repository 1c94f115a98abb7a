package domain_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"pingce/internal/domain"
)

// newTestCatalog builds a small catalog with every rule of formats.md §3:
//
//	A 组织 (max 20)        A1 check 10; A2 levels 10 / 2 / 1.99 / 0
//	B 防控 (max 80)
//	  B1 (nested)          B1.1 bands ≥95→40 ≥90→30 ≥80→20, only 市局
//	                       B1.2 deduct 40, per 10
//	X 加分 (bonus)          X1 count per 5 max 10; X2 count per 5 max 10, only 市局
//
// total 100, bonus cap 15, grades 优秀 ≥90 良好 ≥80 合格 ≥60 不合格 ≥0,
// caps: any top category under 60 % → 良好; B1.2 lost → 合格; vetoes V1, V2.
// Each call returns a fresh catalog (a Catalog indexes itself once).
func newTestCatalog() *domain.Catalog {
	return &domain.Catalog{
		ID: "t", Version: "1", Title: "test", Total: 100,
		UnitTypes: []string{"市局", "分县局"},
		Grades: []domain.GradeBand{
			{Min: 90, Grade: "优秀"}, {Min: 80, Grade: "良好"}, {Min: 60, Grade: "合格"}, {Min: 0, Grade: "不合格"},
		},
		Caps: []domain.Cap{
			{CategoryRatioBelow: f64(0.6), MaxGrade: "良好"},
			{ItemLost: "B1.2", MaxGrade: "合格"},
		},
		Vetoes:    []domain.Veto{{ID: "V1", Title: "造假"}, {ID: "V2", Title: "重大事件"}},
		VetoGrade: "不予通过",
		BonusCap:  f64(15),
		Categories: []*domain.Category{
			{ID: "A", Title: "组织", Items: []*domain.Item{
				{ID: "A1", Max: 10, Method: domain.MethodCheck},
				{ID: "A2", Max: 10, Method: domain.MethodLevels, Levels: []domain.Level{
					{Label: "全部", Points: 10}, {Label: "大部", Points: 2}, {Label: "少部", Points: 1.99}, {Label: "无", Points: 0}}},
			}},
			{ID: "B", Title: "防控", Categories: []*domain.Category{
				{ID: "B1", Title: "圈层", Items: []*domain.Item{
					{ID: "B1.1", Max: 40, Method: domain.MethodNumeric, AppliesTo: []string{"市局"}, Bands: []domain.Band{
						{AtLeast: f64(95), Points: 40}, {AtLeast: f64(90), Points: 30}, {AtLeast: f64(80), Points: 20}}},
					{ID: "B1.2", Max: 40, Method: domain.MethodDeduct, Per: 10},
				}},
			}},
			{ID: "X", Title: "加分", Bonus: true, Items: []*domain.Item{
				{ID: "X1", Max: 10, Method: domain.MethodCount, Per: 5},
				{ID: "X2", Max: 10, Method: domain.MethodCount, Per: 5, AppliesTo: []string{"市局"}},
			}},
		},
	}
}

// fullAnswers answers every base item of newTestCatalog with full points.
func fullAnswers() map[string]domain.Answer {
	return map[string]domain.Answer{
		"A1":   {Met: yes},
		"A2":   level("全部"),
		"B1.1": val(100),
		"B1.2": count(0),
	}
}

// with returns a copy of m with the given answers replaced (a zero Answer deletes).
func with(m map[string]domain.Answer, kv ...any) map[string]domain.Answer {
	out := make(map[string]domain.Answer, len(m))
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		id := kv[i].(string)
		a := kv[i+1].(domain.Answer)
		if a.IsZero() {
			delete(out, id)
		} else {
			out[id] = a
		}
	}
	return out
}

var na = domain.Answer{NA: true, Reason: "辖区没有"}

// summary is the part of a Result most cases check.
type summary struct {
	ApplicableMax, Raw, Scaled, Bonus, Final, Percent float64
	Grade                                             string
	Answered, Applicable                              int
}

func sum(r *domain.Result) summary {
	return summary{r.ApplicableMax, r.Raw, r.Scaled, r.Bonus, r.Final, r.Percent, r.Grade, r.Answered, r.Applicable}
}

func TestScoreTotals(t *testing.T) {
	cases := []struct {
		name    string
		unit    string
		answers map[string]domain.Answer
		want    summary
	}{
		{
			// 10 + 10 + 40 + 40 = 100 of 100; scaled 100; percent 100.
			name: "all full", unit: "市局", answers: fullAnswers(),
			want: summary{100, 100, 100, 0, 100, 100, "优秀", 4, 4},
		},
		{
			// B1.1 only applies to 市局: excluded, leaves the applicable max.
			// A1 10 + A2 2 + B1.2 (40 − 10) 30 = 42 of 60;
			// scaled = 42 × 100 / 60 = 70; 合格.
			name: "excluded by unit type", unit: "分县局",
			answers: with(fullAnswers(), "A2", level("大部"), "B1.2", count(1)),
			want:    summary{60, 42, 70, 0, 70, 70, "合格", 3, 3},
		},
		{
			// The same answer to B1.1 is ignored for a 分县局 (excluded wins).
			name: "answer to an excluded item is ignored", unit: "分县局",
			answers: with(fullAnswers(), "B1.1", val(0)),
			want:    summary{60, 60, 100, 0, 100, 100, "优秀", 3, 3},
		},
		{
			// B1.1 N/A: applicable max 60, raw 10 + 10 + 40 = 60, scaled 100.
			name: "N/A leaves the applicable max", unit: "市局",
			answers: with(fullAnswers(), "B1.1", na),
			want:    summary{60, 60, 100, 0, 100, 100, "优秀", 3, 3},
		},
		{
			// B1.1 N/A, A2 大部 2: raw 10 + 2 + 40 = 52 of 60;
			// scaled = 52 × 100 / 60 = 86.666… → 86.67; 良好.
			// Category A = 12 of 20 = 60 % exactly: not under 60 %, no cap.
			name: "N/A scaling rounds", unit: "市局",
			answers: with(fullAnswers(), "B1.1", na, "A2", level("大部")),
			want:    summary{60, 52, 86.67, 0, 86.67, 86.67, "良好", 3, 3},
		},
		{
			// Unanswered items score 0 and stay applicable: A1 missing.
			// raw 0 + 10 + 40 + 40 = 90 of 100 → band 优秀; answered 3 of 4;
			// but A = 10 of 20 = 50 % < 60 %, so the cap gives 良好.
			name: "unanswered stays applicable", unit: "市局",
			answers: with(fullAnswers(), "A1", domain.Answer{}),
			want:    summary{100, 90, 90, 0, 90, 90, "良好", 3, 4},
		},
		{
			// A note alone does not answer an item: same as unanswered.
			name: "note alone is unanswered", unit: "市局",
			answers: with(fullAnswers(), "A1", domain.Answer{Note: "在办"}),
			want:    summary{100, 90, 90, 0, 90, 90, "良好", 3, 4},
		},
		{
			// B1.1 79.99 matches no band → 0: raw 60 → 合格 (B = 40 of 80 is
			// under 60 %, but the cap 良好 is above 合格).
			name: "band miss", unit: "市局",
			answers: with(fullAnswers(), "B1.1", val(79.99)),
			want:    summary{100, 60, 60, 0, 60, 60, "合格", 4, 4},
		},
		{
			// B1.1 band 90 → 30: raw 90 → 优秀 (90 is the band's edge).
			name: "grade band edge 90", unit: "市局",
			answers: with(fullAnswers(), "B1.1", val(90)),
			want:    summary{100, 90, 90, 0, 90, 90, "优秀", 4, 4},
		},
		{
			// B1.1 band 80 → 20: raw 80 → 良好 at its edge; 79.99 cannot be built
			// from these items, see TestScoreGradeBands.
			name: "grade band edge 80", unit: "市局",
			answers: with(fullAnswers(), "B1.1", val(80)),
			want:    summary{100, 80, 80, 0, 80, 80, "良好", 4, 4},
		},
		{
			// Nothing answered: raw 0, every item applicable.
			name: "empty", unit: "市局", answers: nil,
			want: summary{100, 0, 0, 0, 0, 0, "不合格", 0, 4},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(newTestCatalog(), &domain.AnswerSet{Answers: tc.answers, Unit: domain.UnitRef{Type: tc.unit}}, domain.Options{})
			if got := sum(r); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestScoreScaledRounding(t *testing.T) {
	// total 1000; P max 600 (linear 0–100), Q max 400 only for 市局.
	// For a 分县局 Q is excluded: applicable max 600.
	// P = 600 × 50.001 % = 300.006 → 300.01 (item rounded first);
	// scaled = 300.01 × 1000 / 600 = 500.01666… → 500.02;
	// percent = 500.02 / 1000 × 100 = 50.002 → 50.
	c := &domain.Catalog{ID: "s", Version: "1", Total: 1000,
		Grades: []domain.GradeBand{{Min: 500, Grade: "过"}, {Min: 0, Grade: "不过"}},
		Categories: []*domain.Category{{ID: "C", Items: []*domain.Item{
			{ID: "P", Max: 600, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
			{ID: "Q", Max: 400, Method: domain.MethodCheck, AppliesTo: []string{"市局"}},
		}}}}
	r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"P": val(50.001)}}, domain.Options{UnitType: "分县局"})
	want := summary{600, 300.01, 500.02, 0, 500.02, 50, "过", 1, 1}
	if got := sum(r); got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// Options.UnitType wins over the answer set's unit type.
	if r.UnitType != "分县局" {
		t.Errorf("unit type %q, want 分县局", r.UnitType)
	}
	// No unit type: every item applies. 300.01 + 0 of 1000 → 300.01, percent 30 (30.001 → 30).
	r = domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"P": val(50.001)}}, domain.Options{})
	want = summary{1000, 300.01, 300.01, 0, 300.01, 30, "不过", 1, 2}
	if got := sum(r); got != want {
		t.Errorf("no unit type: got %+v\nwant %+v", got, want)
	}
}

func TestScoreAllNA(t *testing.T) {
	// Every base item N/A: applicable max 0, scaled 0 (no division by zero).
	c := newTestCatalog()
	r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{
		"A1": na, "A2": na, "B1.1": na, "B1.2": na, "X1": count(1)}}, domain.Options{UnitType: "市局"})
	want := summary{0, 0, 0, 5, 5, 5, "不合格", 0, 0}
	if got := sum(r); got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if math.IsNaN(r.Scaled) {
		t.Error("scaled is NaN")
	}
}

func TestScoreBonus(t *testing.T) {
	cases := []struct {
		name      string
		unit      string
		bonus     map[string]domain.Answer
		noCap     bool
		wantBonus float64
	}{
		// X1 1 × 5 = 5.
		{"under the cap", "市局", map[string]domain.Answer{"X1": count(1)}, false, 5},
		// X1 2 × 5 = 10, X2 1 × 5 = 5: 15 = cap exactly.
		{"at the cap", "市局", map[string]domain.Answer{"X1": count(2), "X2": count(1)}, false, 15},
		// X1 10 (capped at its max), X2 10: 20 → cap 15.
		{"over the cap", "市局", map[string]domain.Answer{"X1": count(5), "X2": count(2)}, false, 15},
		// Same without a cap: 20.
		{"no cap", "市局", map[string]domain.Answer{"X1": count(5), "X2": count(2)}, true, 20},
		// X2 only applies to 市局: for a 分县局 only X1 counts: 10.
		{"bonus item excluded", "分县局", map[string]domain.Answer{"X1": count(2), "X2": count(2)}, false, 10},
		{"bonus N/A", "市局", map[string]domain.Answer{"X1": na, "X2": count(1)}, false, 5},
		{"no bonus", "市局", nil, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCatalog()
			if tc.noCap {
				c.BonusCap = nil
			}
			ans := fullAnswers()
			for k, v := range tc.bonus {
				ans[k] = v
			}
			r := domain.Score(c, &domain.AnswerSet{Answers: ans}, domain.Options{UnitType: tc.unit})
			if r.Bonus != tc.wantBonus {
				t.Errorf("bonus %v, want %v", r.Bonus, tc.wantBonus)
			}
			// Bonus items stay out of raw, applicable max and the counts.
			// 市局: base is 100 of 100; 分县局: 60 of 60 (B1.1 excluded), scaled 100 either way.
			if r.Scaled != 100 || r.Final != 100+tc.wantBonus || r.Percent != 100+tc.wantBonus {
				t.Errorf("scaled %v final %v percent %v, want 100, %v, %v", r.Scaled, r.Final, r.Percent, 100+tc.wantBonus, 100+tc.wantBonus)
			}
			if r.Applicable > 4 || r.Answered > 4 {
				t.Errorf("bonus items counted: answered %d applicable %d", r.Answered, r.Applicable)
			}
		})
	}
}

func TestScoreGradeBands(t *testing.T) {
	c := newTestCatalog()
	cases := []struct {
		final float64
		want  string
	}{
		{100, "优秀"}, {90, "优秀"}, {89.99, "良好"}, {80, "良好"}, {79.99, "合格"},
		{60, "合格"}, {59.99, "不合格"}, {0, "不合格"}, {-1, ""},
	}
	for _, tc := range cases {
		if got := c.BandGrade(tc.final); got != tc.want {
			t.Errorf("BandGrade(%v) = %q, want %q", tc.final, got, tc.want)
		}
	}
}

func TestScoreCapsAndVetoes(t *testing.T) {
	type capHit struct{ Kind, Ref, MaxGrade string }
	cases := []struct {
		name      string
		answers   map[string]domain.Answer
		vetoes    []string
		reverse   bool // caps in the opposite order
		vetoGrade string
		wantBand  string
		wantGrade string
		wantCaps  []capHit
		wantVetos []string
	}{
		{
			name: "no cap", answers: fullAnswers(),
			wantBand: "优秀", wantGrade: "优秀",
		},
		{
			// A = 10 + 2 = 12 of 20 = 60 %: not under 60 %. raw 92 → 优秀.
			name: "category at 60 % exactly is not capped", answers: with(fullAnswers(), "A2", level("大部")),
			wantBand: "优秀", wantGrade: "优秀",
		},
		{
			// A = 10 + 1.99 = 11.99 of 20 = 59.95 % < 60 %: capped to 良好.
			// raw 91.99 → band 优秀.
			name: "category just under 60 % caps to 良好", answers: with(fullAnswers(), "A2", level("少部")),
			wantBand: "优秀", wantGrade: "良好",
			wantCaps: []capHit{{"category_ratio_below", "A", "良好"}},
		},
		{
			// B1.2 count 1 → 30 < 40: item lost, capped to 合格. raw 90 → band 优秀.
			name: "item lost caps to 合格", answers: with(fullAnswers(), "B1.2", count(1)),
			wantBand: "优秀", wantGrade: "合格",
			wantCaps: []capHit{{"item_lost", "B1.2", "合格"}},
		},
		{
			// B1.2 unanswered scores 0 < 40: lost too. raw 60 → 合格 already;
			// B = 40 of 80 = 50 % is under 60 % as well.
			name: "unanswered item counts as lost", answers: with(fullAnswers(), "B1.2", domain.Answer{}),
			wantBand: "合格", wantGrade: "合格",
			wantCaps: []capHit{{"category_ratio_below", "B", "良好"}, {"item_lost", "B1.2", "合格"}},
		},
		{
			// B1.2 N/A: nothing lost, no cap. raw 60 of 60 → 100.
			name: "N/A item is not lost", answers: with(fullAnswers(), "B1.2", na),
			wantBand: "优秀", wantGrade: "优秀",
		},
		{
			// A 11.99 (<60 %) and B1.2 30: raw 81.99 → band 良好; tightest cap 合格.
			name: "two caps, the tightest wins", answers: with(fullAnswers(), "A2", level("少部"), "B1.2", count(1)),
			wantBand: "良好", wantGrade: "合格",
			wantCaps: []capHit{{"category_ratio_below", "A", "良好"}, {"item_lost", "B1.2", "合格"}},
		},
		{
			// Same with the caps listed the other way round: still 合格.
			name: "two caps in reverse order", answers: with(fullAnswers(), "A2", level("少部"), "B1.2", count(1)),
			reverse:  true,
			wantBand: "良好", wantGrade: "合格",
			wantCaps: []capHit{{"item_lost", "B1.2", "合格"}, {"category_ratio_below", "A", "良好"}},
		},
		{
			// Two categories under 60 %: A 0 of 20, B 0 + 0 of 80 (B1.1 0, B1.2 count 4 → 0).
			// raw 0 → 不合格; a cap never raises the grade.
			name: "cap never raises the grade",
			answers: map[string]domain.Answer{
				"A1": {Met: no}, "A2": level("无"), "B1.1": val(0), "B1.2": count(4)},
			wantBand: "不合格", wantGrade: "不合格",
			wantCaps: []capHit{{"category_ratio_below", "A", "良好"}, {"category_ratio_below", "B", "良好"}, {"item_lost", "B1.2", "合格"}},
		},
		{
			name: "veto overrides the grade", answers: fullAnswers(), vetoes: []string{"V1"},
			wantBand: "优秀", wantGrade: "不予通过", wantVetos: []string{"V1"},
		},
		{
			name: "veto overrides caps too", answers: with(fullAnswers(), "B1.2", count(1)), vetoes: []string{"V2"},
			wantBand: "优秀", wantGrade: "不予通过", wantVetos: []string{"V2"},
			wantCaps: []capHit{{"item_lost", "B1.2", "合格"}},
		},
		{
			name: "unknown veto is ignored", answers: fullAnswers(), vetoes: []string{"V9"},
			wantBand: "优秀", wantGrade: "优秀",
		},
		{
			name: "duplicate vetoes listed once", answers: fullAnswers(), vetoes: []string{"V2", "V2", "V1"},
			wantBand: "优秀", wantGrade: "不予通过", wantVetos: []string{"V2", "V1"},
		},
		{
			name: "catalog veto grade used", answers: fullAnswers(), vetoes: []string{"V1"}, vetoGrade: "不合格",
			wantBand: "优秀", wantGrade: "不合格", wantVetos: []string{"V1"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCatalog()
			if tc.reverse {
				c.Caps[0], c.Caps[1] = c.Caps[1], c.Caps[0]
			}
			if tc.vetoGrade != "" {
				c.VetoGrade = tc.vetoGrade
			}
			r := domain.Score(c, &domain.AnswerSet{Answers: tc.answers, Vetoes: tc.vetoes}, domain.Options{UnitType: "市局"})
			if r.BandGrade != tc.wantBand || r.Grade != tc.wantGrade {
				t.Errorf("band %q grade %q, want %q %q", r.BandGrade, r.Grade, tc.wantBand, tc.wantGrade)
			}
			var caps []capHit
			for _, h := range r.Caps {
				caps = append(caps, capHit{h.Kind, h.Ref, h.MaxGrade})
			}
			if !reflect.DeepEqual(caps, tc.wantCaps) {
				t.Errorf("caps %v, want %v", caps, tc.wantCaps)
			}
			wantV := tc.wantVetos
			if wantV == nil {
				wantV = []string{}
			}
			if !reflect.DeepEqual(r.Vetoes, wantV) {
				t.Errorf("vetoes %v, want %v", r.Vetoes, wantV)
			}
		})
	}
	t.Run("default veto grade", func(t *testing.T) {
		c := newTestCatalog()
		c.VetoGrade = ""
		r := domain.Score(c, &domain.AnswerSet{Answers: fullAnswers(), Vetoes: []string{"V1"}}, domain.Options{})
		if r.Grade != domain.DefaultVetoGrade {
			t.Errorf("grade %q, want %q", r.Grade, domain.DefaultVetoGrade)
		}
	})
}

// TestScoreCapRatioFloat: a category scoring exactly ratio × max is not
// "under" it, even where floating point makes ratio × max a hair larger
// (0.8 × 3 = 2.4000000000000004), and one cent less is.
func TestScoreCapRatioFloat(t *testing.T) {
	cases := []struct {
		ratio, max, edge float64 // edge = ratio × max, worked by hand
	}{
		{0.6, 80, 48}, {0.6, 130, 78}, {0.8, 3, 2.4}, {0.8, 1.5, 1.2},
		{0.9, 6.5, 5.85}, {0.9, 10.5, 9.45}, {0.65, 3, 1.95}, {0.7, 160, 112},
	}
	for _, tc := range cases {
		for _, d := range []struct {
			name   string
			score  float64
			capped bool
		}{{"at", tc.edge, false}, {"cent below", domain.Round2(tc.edge - 0.01), true}} {
			name := fmt.Sprintf("%v of %v %s", tc.ratio, tc.max, d.name)
			t.Run(name, func(t *testing.T) {
				c := &domain.Catalog{ID: "r", Version: "1", Total: tc.max,
					Grades: []domain.GradeBand{{Min: 0, Grade: "g"}},
					Caps:   []domain.Cap{{CategoryRatioBelow: f64(tc.ratio), MaxGrade: "g"}},
					Categories: []*domain.Category{{ID: "C", Items: []*domain.Item{
						{ID: "i", Max: tc.max, Method: domain.MethodLevels, Levels: []domain.Level{{Label: "full", Points: tc.max}, {Label: "s", Points: d.score}}},
					}}}}
				r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"i": level("s")}}, domain.Options{})
				if got := len(r.Caps) > 0; got != d.capped {
					t.Errorf("score %v: capped %v, want %v", d.score, got, d.capped)
				}
			})
		}
	}
}

func TestScoreOverrides(t *testing.T) {
	cases := []struct {
		name      string
		unit      string
		answers   map[string]domain.Answer
		overrides map[string]float64
		id        string
		wantItem  float64
		reviewed  bool
		wantRaw   float64
		wantGrade string
	}{
		// B1.2 reviewed to 35 (unit had 40): raw 95.
		{"lowers", "市局", fullAnswers(), map[string]float64{"B1.2": 35}, "B1.2", 35, true, 95, "合格"},
		// A1 reviewed to 15: clamped to max 10.
		{"clamped to max", "市局", fullAnswers(), map[string]float64{"A1": 15}, "A1", 10, true, 100, "优秀"},
		// A2 reviewed to −3: clamped to 0; raw 90; A = 10 of 20 < 60 % → 良好.
		{"clamped to 0", "市局", fullAnswers(), map[string]float64{"A2": -3}, "A2", 0, true, 90, "良好"},
		// A2 reviewed to 3.335: rounded to 3.34; raw 93.34.
		{"rounded", "市局", fullAnswers(), map[string]float64{"A2": 3.335}, "A2", 3.34, true, 93.34, "优秀"},
		// B1.2 unit said 1 (30), reviewer gives 40: the item_lost cap goes away.
		{"raises and lifts a cap", "市局", with(fullAnswers(), "B1.2", count(1)), map[string]float64{"B1.2": 40}, "B1.2", 40, true, 100, "优秀"},
		// An unanswered item can be reviewed: A1 missing, reviewer gives 10.
		{"unanswered reviewed", "市局", with(fullAnswers(), "A1", domain.Answer{}), map[string]float64{"A1": 10}, "A1", 10, true, 100, "优秀"},
		// Excluded items stay excluded: B1.1 for a 分县局. raw 60 of 60.
		{"excluded ignores override", "分县局", fullAnswers(), map[string]float64{"B1.1": 40}, "B1.1", 0, false, 60, "优秀"},
		// A reviewer's points overrule the unit's N/A (issue 12): A1 counts again with 5; raw 95 of 100.
		{"N/A overruled", "市局", with(fullAnswers(), "A1", na), map[string]float64{"A1": 5}, "A1", 5, true, 95, "优秀"},
		// NaN is not a score: the unit's 40 stays.
		{"NaN ignored", "市局", fullAnswers(), map[string]float64{"B1.2": math.NaN()}, "B1.2", 40, false, 100, "优秀"},
		// Bonus items can be reviewed: X1 count 2 (10) reviewed to 5; raw unchanged.
		{"bonus reviewed", "市局", with(fullAnswers(), "X1", count(2)), map[string]float64{"X1": 5}, "X1", 5, true, 100, "优秀"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(newTestCatalog(), &domain.AnswerSet{Answers: tc.answers}, domain.Options{UnitType: tc.unit, Overrides: tc.overrides})
			is, ok := r.Item(tc.id)
			if !ok {
				t.Fatalf("no item %s", tc.id)
			}
			if is.Score != tc.wantItem || is.Reviewed != tc.reviewed {
				t.Errorf("item %s score %v reviewed %v, want %v %v", tc.id, is.Score, is.Reviewed, tc.wantItem, tc.reviewed)
			}
			if r.Raw != tc.wantRaw || r.Grade != tc.wantGrade {
				t.Errorf("raw %v grade %q, want %v %q", r.Raw, r.Grade, tc.wantRaw, tc.wantGrade)
			}
		})
	}
}

func TestScoreItemsAndCategories(t *testing.T) {
	// 分县局: B1.1 excluded, A1 N/A, A2 大部 (2), B1.2 count 2 (20), X1 1 (5).
	ans := map[string]domain.Answer{"A1": na, "A2": level("大部"), "B1.1": val(99), "B1.2": count(2), "X1": count(1)}
	r := domain.Score(newTestCatalog(), &domain.AnswerSet{Answers: ans, Unit: domain.UnitRef{Type: "分县局"}}, domain.Options{})
	wantItems := []domain.ItemScore{
		{ID: "A1", Score: 0, Max: 10, Status: domain.StatusNA},
		{ID: "A2", Score: 2, Max: 10, Status: domain.StatusAnswered},
		{ID: "B1.1", Score: 0, Max: 40, Status: domain.StatusExcluded},
		{ID: "B1.2", Score: 20, Max: 40, Status: domain.StatusAnswered},
		{ID: "X1", Score: 5, Max: 10, Status: domain.StatusAnswered},
		{ID: "X2", Score: 0, Max: 10, Status: domain.StatusExcluded},
	}
	if !reflect.DeepEqual(r.Items, wantItems) {
		t.Errorf("items\n got %+v\nwant %+v", r.Items, wantItems)
	}
	// Categories list every category, nested ones too, in tree order, with
	// raw points and max of applicable items: A 2 of 10 (A1 N/A);
	// B and B1 20 of 40 (B1.1 excluded); X 5 of 10 (X2 excluded).
	wantCats := []domain.CategoryScore{
		{ID: "A", Score: 2, Max: 10}, {ID: "B", Score: 20, Max: 40}, {ID: "B1", Score: 20, Max: 40}, {ID: "X", Score: 5, Max: 10},
	}
	if !reflect.DeepEqual(r.Categories, wantCats) {
		t.Errorf("categories\n got %+v\nwant %+v", r.Categories, wantCats)
	}
	// raw 22 of 50 → scaled 22 × 100 / 50 = 44; + bonus 5 = 49 → 不合格.
	// A 2/10 = 20 % and B 20/40 = 50 % are both under 60 %; B1.2 lost.
	if got, want := sum(r), (summary{50, 22, 44, 5, 49, 49, "不合格", 2, 2}); got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if cs, ok := r.Category("B1"); !ok || cs.Score != 20 {
		t.Errorf("Category(B1) = %+v %v", cs, ok)
	}
	if _, ok := r.Category("nope"); ok {
		t.Error("Category(nope) found")
	}
	if _, ok := r.Item("nope"); ok {
		t.Error("Item(nope) found")
	}
	// Lost: max − score for applicable items, 0 for N/A and excluded.
	for _, tc := range []struct {
		id   string
		want float64
	}{{"A1", 0}, {"A2", 8}, {"B1.1", 0}, {"B1.2", 20}} {
		is, _ := r.Item(tc.id)
		if got := is.Lost(); got != tc.want {
			t.Errorf("%s Lost() = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestScoreCompositeParts(t *testing.T) {
	c := &domain.Catalog{ID: "p", Version: "1", Total: 15,
		Grades: []domain.GradeBand{{Min: 0, Grade: "g"}},
		Categories: []*domain.Category{{ID: "C", Items: []*domain.Item{
			{ID: "D", Max: 15, Parts: []*domain.Item{
				{ID: "a", Max: 7.5, Method: domain.MethodCheck},
				{ID: "b", Max: 7.5, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
			}},
		}}}}
	cases := []struct {
		name       string
		a          domain.Answer
		wantScore  float64
		wantStatus string
		wantParts  []domain.ItemScore
	}{
		{
			// a met 7.5 + b 7.5 × 0.6 = 4.5 → 12.
			name: "both parts", a: domain.Answer{Parts: map[string]domain.Answer{"a": {Met: yes}, "b": val(60)}},
			wantScore: 12, wantStatus: domain.StatusAnswered,
			wantParts: []domain.ItemScore{{ID: "a", Score: 7.5, Max: 7.5, Status: domain.StatusAnswered}, {ID: "b", Score: 4.5, Max: 7.5, Status: domain.StatusAnswered}},
		},
		{
			// Only b: the item is unanswered but b's points count: 4.5.
			name: "one part missing", a: domain.Answer{Parts: map[string]domain.Answer{"b": val(60)}},
			wantScore: 4.5, wantStatus: domain.StatusUnanswered,
			wantParts: []domain.ItemScore{{ID: "a", Score: 0, Max: 7.5, Status: domain.StatusUnanswered}, {ID: "b", Score: 4.5, Max: 7.5, Status: domain.StatusAnswered}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"D": tc.a}}, domain.Options{})
			is, _ := r.Item("D")
			if is.Score != tc.wantScore || is.Status != tc.wantStatus || !reflect.DeepEqual(is.Parts, tc.wantParts) {
				t.Errorf("got %+v\nwant score %v status %s parts %+v", is, tc.wantScore, tc.wantStatus, tc.wantParts)
			}
		})
	}
}

func TestScoreNilAnswers(t *testing.T) {
	r := domain.Score(newTestCatalog(), nil, domain.Options{UnitType: "市局"})
	if got, want := sum(r), (summary{100, 0, 0, 0, 0, 0, "不合格", 0, 4}); got != want {
		t.Errorf("got %+v want %+v", got, want)
	}
}

// TestScoreJSON checks the JSON keys of formats.md §3 and that empty lists
// are [] rather than null.
func TestScoreJSON(t *testing.T) {
	r := domain.Score(newTestCatalog(), &domain.AnswerSet{Answers: fullAnswers()}, domain.Options{UnitType: "市局"})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"catalog", "version", "unit_type", "total", "applicable_max", "raw", "scaled",
		"bonus", "final", "percent", "grade", "vetoes", "caps", "answered", "applicable", "categories", "items"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from %s", k, b)
		}
	}
	for _, k := range []string{"vetoes", "caps"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %v, want a list", k, m[k])
		}
	}
	if m["catalog"] != "t" || m["version"] != "1" || m["unit_type"] != "市局" {
		t.Errorf("header %v %v %v", m["catalog"], m["version"], m["unit_type"])
	}
}

// TestRound2Formula checks Round2 against its definition, round half away
// from zero of x×100 nudged by 1e-9 × max(1, |x×100|), bit for bit over
// special values and a spread of random ones: Round2 writes the max out
// for speed, and must not change a single score by it.
func TestRound2Formula(t *testing.T) {
	ref := func(x float64) float64 {
		v := x * 100
		v += math.Copysign(1e-9*math.Max(1, math.Abs(v)), v)
		return math.Round(v) / 100
	}
	xs := []float64{0, math.Copysign(0, -1), 0.005, -0.005, 0.01, 0.0049999999, 1.005, 2.675, -1.005, 0.125,
		1e-12, -1e-12, 5e-324, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		switch rng.IntN(4) {
		case 0: // two-decimal figures and their neighbours
			x := float64(rng.IntN(200001)-100000) / 100
			xs = append(xs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)), x+0.005, x-0.005)
		case 1: // half a cent short by about the hair: where the nudge decides
			h := float64(rng.IntN(4001)-2000) + 0.5
			xs = append(xs, (h-math.Copysign((0.5+rng.Float64())*1e-9*math.Max(1, math.Abs(h)), h))/100)
		case 2:
			xs = append(xs, (rng.Float64()-0.5)*2e3)
		default:
			xs = append(xs, math.Float64frombits(rng.Uint64()))
		}
	}
	for _, x := range xs {
		got, want := domain.Round2(x), ref(x)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("Round2(%v) = %v, want %v", x, got, want)
		}
	}
}
