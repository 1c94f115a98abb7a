package domain_test

import (
	"reflect"
	"testing"

	"pingce/internal/domain"
)

// TestGoldenReference scores testdata/demo-city-answers.yaml (a 分县局)
// against the built-in reference catalog and compares with figures worked
// out by hand from the rules of formats.md §3, item by item:
//
//	item  answer                      working                                             points / max
//	A1.1  level 纳入两项                 level points                                            6 / 10
//	A1.2  level 均已成立并实际运转         first level                                            10 / 10
//	A1.3  count 1                      10 − 2.5 × 1                                          7.5 / 10
//	A2.1  value 86.5                   bands: ≥90 no, ≥70 yes                                 10 / 15
//	A2.2  level 三者齐全但进度滞后          level points                                            8 / 15
//	A2.3  met true                     max                                                    10 / 10
//	A2.4  value 88                     linear 60→95: 10 × 28/35 = 8                            8 / 10
//	      A1 = 23.5 / 30, A2 = 36 / 50, A = 59.5 / 80
//	B1.1  a 85, b met                  a: gap 15, 1.5 steps → whole 2 → 20 − 10 = 10;
//	                                   b: 5; sum                                            15 / 25
//	B1.2  value 73.4                   20 × 0.734                                         14.68 / 20
//	B1.3  level 两级圈层闭合               level points                                           13 / 20
//	B1.4  level 拉动响应达标               first level                                            20 / 20
//	B1.5  value 91.2                   bands: ≥95 no, ≥85 yes                                 10 / 15
//	B1.6  (市局 only)                   excluded                                                — / —
//	      B1 = B = 72.68 / 100
//	C1.1  value 92                     20 × 0.92                                           18.4 / 20
//	C1.2  value 86                     bands: ≥90 no, ≥80 yes                                 15 / 25
//	C1.3  level 缺一项                   level points                                           12 / 20
//	C1.4  level 常态联巡                  first level                                            20 / 20
//	C1.5  met false                    0                                                       0 / 10
//	C1.6  355 vs 380                   change (355−380)/380 = −6.5789 %; target −10,
//	                                   gap 3.4211 × 2.5 = 8.5526; 25 − 8.5526 = 16.4474     16.45 / 25
//	      C1 = C = 81.85 / 120
//	D1.1  value 62                     linear 0→80: 25 × 62/80 = 19.375 → half up          19.38 / 25
//	D1.2  value 93.1                   bands: ≥95 no, ≥90 yes                                 10 / 15
//	D1.3  a 3, b 42 vs 50              a: bands ≥5 no, ≥2 yes → 5; b: change −16 %,
//	                                   linear 10→−10: (−16−10)/(−20) = 1.3 → clamp → 7.5    12.5 / 15
//	D2.1  a 100, b 96, c 88.5          5 + 4.8 + 4.425 (→ 4.43)                            14.23 / 15
//	D2.2  level 基本落实                  level points                                            6 / 10
//	D3.1  value 75                     10 × 0.75                                             7.5 / 10
//	D3.2  value 80                     10 × 0.8                                                8 / 10
//	D4.1  count 3                      20 − 2 × 3                                             14 / 20
//	D4.2  level 缺一项                   level points                                           14 / 20
//	D5.1  na                           leaves the applicable max                               — / —
//	      D1 = 41.88 / 55, D2 = 20.23 / 25, D3 = 15.5 / 20, D4 = 28 / 40, D5 = 0 / 0,
//	      D = 105.61 / 140
//	E1.1  a 95.2, b count 3            a: 15 × 95.2/98 = 14.5714 → 14.57; b: 10 − 1.5 = 8.5  23.07 / 25
//	E1.2  count 2                      20 − 4                                                 16 / 20
//	E1.3  a 100, b 97, c 91            7 + 6.79 + 5.46                                     19.25 / 20
//	E1.4  count 0                      max                                                    20 / 20
//	E1.5  value 96.5                   target 98: gap 1.5 × 2 = 3; 15 − 3                     12 / 15
//	E1.6  level 仅一类纳入管理             level points                                            6 / 10
//	E1.7  (派出所 only)                  excluded                                                — / —
//	E1.8  a 92.5, b 80                 9.25 + 4                                            13.25 / 15
//	      E1 = E = 109.57 / 125
//	F1.1  value 96.3                   target 100: gap 3.7 × 1; 20 − 3.7                    16.3 / 20
//	F1.2  a 88, b 61                   7.5 × 0.88 = 6.6; 7.5 × 0.61 = 4.575 → 4.58          11.18 / 15
//	F1.3  a 97, b 92.5                 a: gap 1 × 1.5 → 8.5; b: gap 2.5 × 1.5 → 5 − 3.75      9.75 / 15
//	F1.4  (市局 only)                   excluded                                                — / —
//	F1.5  level 基本运行                  level points                                           12 / 20
//	F1.6  count 2                      15 − 1.5 × 2                                           12 / 15
//	F1.7  (市局 only)                   excluded                                                — / —
//	F1.8  met true                     max                                                    10 / 10
//	F1.9  118 vs 126                   change −6.35 %: bands ≥0 no, ≥−10 yes                   5 / 10
//	      F1 = F = 76.23 / 105
//	G1.1  value 100                    15 × 1                                                 15 / 15
//	G1.2  value 84                     15 × 0.84                                            12.6 / 15
//	G1.3  level 一二级占一半及以上          level points                                           10 / 15
//	G1.4  level 活动不够经常               level points                                           12 / 20
//	G1.5  level 有行业参与                 level points                                            6 / 10
//	G1.6  value 91                     linear 0→95: 15 × 91/95 = 14.3684                   14.37 / 15
//	G1.7  (派出所 only)                  excluded                                                — / —
//	      G1 = G = 69.97 / 90
//	H1.1  41 vs 40                     change +2.5 %: at_most −0.01, 0, 1, 2 no; 3 yes         9 / 20
//	H1.2  count 1                      20 − 10                                                10 / 20
//	H1.3  value 96.2                   bands: ≥98 no, ≥95 yes                                 15 / 20
//	H1.4  a 1730 vs 1850, b 2385 vs 2400
//	                                   a: −6.49 % ≤ −5 → 10; b: −0.625 %, gap 4.375 × 0.5
//	                                   = 2.1875 → 7.8125 → 7.81                            17.81 / 20
//	H1.5  10.3 vs 10                   change +3 %: at_most 0 no, 5 yes                      7.5 / 15
//	H1.6  value 96.8                   bands: ≥98 no, ≥96 yes                                 25 / 30
//	H1.7  value 93.5                   bands: ≥98, ≥96, ≥94 no; ≥90 yes                        5 / 15
//	H1.8  a 2.1, b −1.4                a: ≥ target 0 → 5; b: gap 1.4 × 1 → 3.6               8.6 / 10
//	      H1 = H = 97.91 / 150
//	X1    count 1                      10 × 1                                                 10 / 20
//	X2    count 1                      5 × 1                                                   5 / 30
//	X3    unanswered                   0                                                       0 / 5
//	      X = 15 / 55
//
//	raw            = 59.5 + 72.68 + 81.85 + 105.61 + 109.57 + 76.23 + 69.97 + 97.91 = 673.32
//	applicable_max = 1000 − excluded (20 + 15 + 10 + 15 + 10 = 70) − N/A 20 = 910
//	scaled         = 673.32 × 1000 / 910 = 739.912… → 739.91
//	bonus          = 10 + 5 = 15 (cap 30)
//	final          = 739.91 + 15 = 754.91; percent = 75.491 → 75.49
//	grade          = band 合格 (≥ 700); caps: no top category under 60 %
//	                 (lowest C 68.2 %, H 65.3 %); H1.2 lost → cap 良好, which is
//	                 above 合格, so the grade stays 合格; no veto.
//	answered / applicable = 55 / 55 (61 − 5 excluded − 1 N/A; bonus items do not count)
func TestGoldenReference(t *testing.T) {
	c := loadBuiltin(t, "demo-city-ref.yaml")
	set := loadAnswers(t, "testdata/demo-city-answers.yaml", c)

	if ps := domain.CheckAnswers(c, set); len(ps) > 0 {
		t.Fatalf("the golden answers have problems: %v", ps)
	}
	if ps := domain.SubmissionProblems(c, set, set.Unit.Type, nil); len(ps) > 0 {
		t.Errorf("the golden answers cannot be submitted: %v", ps)
	}
	r := domain.Score(c, set, domain.Options{})

	if got, want := sum(r), (summary{910, 673.32, 739.91, 15, 754.91, 75.49, "合格", 55, 55}); got != want {
		t.Errorf("totals\n got %+v\nwant %+v", got, want)
	}
	if r.Catalog != "demo-city-ref" || r.Version != "2026.1" || r.UnitType != "分县局" || r.Total != 1000 {
		t.Errorf("header %s %s %s %v", r.Catalog, r.Version, r.UnitType, r.Total)
	}
	if r.BandGrade != "合格" {
		t.Errorf("band grade %q, want 合格", r.BandGrade)
	}
	wantCaps := []domain.CapHit{{Kind: "item_lost", Ref: "H1.2", MaxGrade: "良好"}}
	if !reflect.DeepEqual(r.Caps, wantCaps) {
		t.Errorf("caps %+v, want %+v", r.Caps, wantCaps)
	}
	if len(r.Vetoes) != 0 {
		t.Errorf("vetoes %v, want none", r.Vetoes)
	}

	wantCats := []domain.CategoryScore{
		{ID: "A", Score: 59.5, Max: 80}, {ID: "A1", Score: 23.5, Max: 30}, {ID: "A2", Score: 36, Max: 50},
		{ID: "B", Score: 72.68, Max: 100}, {ID: "B1", Score: 72.68, Max: 100},
		{ID: "C", Score: 81.85, Max: 120}, {ID: "C1", Score: 81.85, Max: 120},
		{ID: "D", Score: 105.61, Max: 140}, {ID: "D1", Score: 41.88, Max: 55}, {ID: "D2", Score: 20.23, Max: 25},
		{ID: "D3", Score: 15.5, Max: 20}, {ID: "D4", Score: 28, Max: 40}, {ID: "D5", Score: 0, Max: 0},
		{ID: "E", Score: 109.57, Max: 125}, {ID: "E1", Score: 109.57, Max: 125},
		{ID: "F", Score: 76.23, Max: 105}, {ID: "F1", Score: 76.23, Max: 105},
		{ID: "G", Score: 69.97, Max: 90}, {ID: "G1", Score: 69.97, Max: 90},
		{ID: "H", Score: 97.91, Max: 150}, {ID: "H1", Score: 97.91, Max: 150},
		{ID: "X", Score: 15, Max: 55},
	}
	if !reflect.DeepEqual(r.Categories, wantCats) {
		t.Errorf("categories\n got %+v\nwant %+v", r.Categories, wantCats)
	}

	items := []struct {
		id     string
		score  float64
		max    float64
		status string
	}{
		{"A1.3", 7.5, 10, domain.StatusAnswered},
		{"A2.4", 8, 10, domain.StatusAnswered},
		{"B1.1", 15, 25, domain.StatusAnswered},
		{"B1.6", 0, 20, domain.StatusExcluded},
		{"C1.5", 0, 10, domain.StatusAnswered},
		{"C1.6", 16.45, 25, domain.StatusAnswered},
		{"D1.1", 19.38, 25, domain.StatusAnswered},
		{"D1.3", 12.5, 15, domain.StatusAnswered},
		{"D2.1", 14.23, 15, domain.StatusAnswered},
		{"D5.1", 0, 20, domain.StatusNA},
		{"E1.1", 23.07, 25, domain.StatusAnswered},
		{"E1.5", 12, 15, domain.StatusAnswered},
		{"E1.7", 0, 15, domain.StatusExcluded},
		{"F1.1", 16.3, 20, domain.StatusAnswered},
		{"F1.2", 11.18, 15, domain.StatusAnswered},
		{"F1.3", 9.75, 15, domain.StatusAnswered},
		{"F1.9", 5, 10, domain.StatusAnswered},
		{"G1.6", 14.37, 15, domain.StatusAnswered},
		{"H1.1", 9, 20, domain.StatusAnswered},
		{"H1.4", 17.81, 20, domain.StatusAnswered},
		{"H1.5", 7.5, 15, domain.StatusAnswered},
		{"H1.8", 8.6, 10, domain.StatusAnswered},
		{"X2", 5, 30, domain.StatusAnswered},
		{"X3", 0, 5, domain.StatusUnanswered},
	}
	for _, w := range items {
		is, ok := r.Item(w.id)
		if !ok {
			t.Errorf("item %s missing", w.id)
			continue
		}
		if is.Score != w.score || is.Max != w.max || is.Status != w.status {
			t.Errorf("item %s = %v / %v %s, want %v / %v %s", w.id, is.Score, is.Max, is.Status, w.score, w.max, w.status)
		}
	}
	// Part points of B1.1 (a 10 of 20, b 5 of 5) and H1.4 (a 10, b 7.81).
	for _, w := range []struct {
		id    string
		parts []float64
	}{{"B1.1", []float64{10, 5}}, {"H1.4", []float64{10, 7.81}}, {"D2.1", []float64{5, 4.8, 4.43}}} {
		is, _ := r.Item(w.id)
		var got []float64
		for _, p := range is.Parts {
			got = append(got, p.Score)
		}
		if !reflect.DeepEqual(got, w.parts) {
			t.Errorf("%s parts %v, want %v", w.id, got, w.parts)
		}
	}
	if len(r.Items) != 64 {
		t.Errorf("%d items scored, want 61 base + 3 bonus = 64", len(r.Items))
	}

	// The same answers with V2 reported: every figure stays, the grade is 不予通过.
	set.Vetoes = []string{"V2"}
	v := domain.Score(c, set, domain.Options{})
	if v.Final != 754.91 || v.Grade != "不予通过" || !reflect.DeepEqual(v.Vetoes, []string{"V2"}) {
		t.Errorf("with V2: final %v grade %q vetoes %v, want 754.91 不予通过 [V2]", v.Final, v.Grade, v.Vetoes)
	}

	// A reviewer restores H1.2 to 20 and lowers C1.4 to 12: raw 673.32 + 10 − 8
	// = 675.32; scaled 675320 / 910 = 742.1098… → 742.11; final 757.11; no cap.
	rv := domain.Score(c, set, domain.Options{Overrides: map[string]float64{"H1.2": 20, "C1.4": 12}})
	if rv.Raw != 675.32 || rv.Scaled != 742.11 || rv.Final != 757.11 || len(rv.Caps) != 0 {
		t.Errorf("reviewed: raw %v scaled %v final %v caps %v, want 675.32 742.11 757.11 none", rv.Raw, rv.Scaled, rv.Final, rv.Caps)
	}
}
