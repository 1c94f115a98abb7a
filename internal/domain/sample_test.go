package domain_test

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// TestFormatsSample scores the fragments of formats.md §1 and §2, completed
// by a reader of formats.md alone (testdata/formats-sample-*.yaml), and
// compares the whole score JSON with testdata/formats-sample-score.json,
// worked out by hand:
//
//	A1.1  level 有两项                   6 / 10
//	A1.3  count 1, per 2.5              10 − 2.5 = 7.5 / 10
//	A2.1  value 85: ≥90 no, ≥70 yes     10 / 15
//	X1    unanswered (bonus)            0 / 20
//	H1.2  unanswered                    0 / 20 (applicable, lost)
//	H1.6  unanswered                    0 / 30
//	C1.6  95 vs 100: −5 %; target −10, gap 5 × 2.5 = 12.5 → 25 − 12.5 = 12.5 / 25
//	D1.3  a 12: linear 0→10 clamps → 7.5; b −8 vs 40: (−8 − 40)/40 = −120 %
//	      ≤ −10 → 7.5; 15 / 15
//	E1.6  N/A                           — (max 10 leaves the applicable max)
//
//	raw = 6 + 7.5 + 10 + 0 + 0 + 12.5 + 15 = 51; applicable max = 135 − 10 = 125
//	scaled = 51 × 135 / 125 = 55.08; bonus 0; final 55.08; percent 55.08 / 135 = 40.8 %
//	categories: A 23.5 / 35 (A1 13.5 / 20, A2 10 / 15); X 0 / 20; H 12.5 / 75;
//	D = D1 = 15 / 15; E = E1 = 0 / 0
//	caps: H 12.5 / 75 = 16.7 % < 60 % → 良好; H1.2 lost → 良好
//	grade: band 不合格 (< 94.5); caps do not raise it; V1 → 不予通过
//	answered 5 (A1.1, A1.3, A2.1, C1.6, D1.3) of 7 applicable (E1.6 is N/A)
func TestFormatsSample(t *testing.T) {
	data, err := os.ReadFile("testdata/formats-sample-catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("formats-sample-catalog.yaml", data)
	if err != nil {
		t.Fatalf("catalog: %v %v", err, domain.ErrorProblems(err))
	}
	set := loadAnswers(t, "testdata/formats-sample-answers.yaml", c)
	if ps := domain.CheckAnswers(c, set); len(ps) > 0 {
		t.Fatalf("answers have problems: %v", ps)
	}
	r := domain.Score(c, set, domain.Options{})
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, err := os.ReadFile("testdata/formats-sample-score.json")
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(wantJSON, &w); err != nil {
		t.Fatalf("expected JSON: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("score JSON\n got %s\nwant %s", got, wantJSON)
	}

	// Without the veto the grade is the band's: 不合格.
	set.Vetoes = nil
	if r := domain.Score(c, set, domain.Options{}); r.Grade != "不合格" || len(r.Vetoes) != 0 {
		t.Errorf("without veto: grade %q vetoes %v, want 不合格 []", r.Grade, r.Vetoes)
	}
}
