package exchange

import (
	"context"
	"testing"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/review"
)

// TestClaimsOfAReview: a review's manifest counts and scores with the
// reviewer's points (ws.ReviewedResult): a N/A item the lead gave points
// counts again — taken, and Package.Result is that 核定分, not the unit's
// own score; counts that fit neither are refused.
func TestClaimsOfAReview(t *testing.T) {
	c := reviewFixture(t)
	cat, err := catalog.Parse(CatalogName, c.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	set := &domain.AnswerSet{Catalog: cat.Ref(), Unit: domain.UnitRef{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3",
		Answers: map[string]domain.Answer{"A1.1": {Level: "有两项", Note: "规划已印发"}, "A1.2": {NA: true, Reason: "本单位不涉及"}}}
	if c.Answers, err = answers.Marshal(set, cat); err != nil {
		t.Fatal(err)
	}
	three := 3.0
	rf := &review.File{Catalog: cat.Ref(), Items: map[string]domain.Review{
		"A1.2": {Verdict: domain.VerdictAdjust, Score: &three, Reason: "应当成立领导小组"}}}
	if c.Review, err = review.Marshal(rf, cat); err != nil {
		t.Fatal(err)
	}
	reviewed := domain.Score(cat, set, domain.Options{UnitType: "分县局", Overrides: map[string]float64{"A1.2": 3}})
	own := domain.Score(cat, set, domain.Options{UnitType: "分县局"})
	if reviewed.Answered != own.Answered+1 {
		t.Fatalf("the fixture: reviewed %d answered, own %d", reviewed.Answered, own.Answered)
	}
	for _, tc := range []struct {
		name                 string
		answered, applicable int
		want                 string
	}{
		{"the reviewed counts", reviewed.Answered, reviewed.Applicable, ""},
		{"the unit's own counts", own.Answered, own.Applicable, ""},
		{"one more answered than the reviewer's points allow", reviewed.Answered + 1, reviewed.Applicable + 1, ProbClaims},
		{"fewer applicable", reviewed.Answered, reviewed.Applicable - 1, ProbClaims},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.Manifest.Assessment.Answered, c.Manifest.Assessment.Applicable = tc.answered, tc.applicable
			c.Manifest.Assessment.Final = reviewed.Final
			p, err := Open(context.Background(), writeFile(t, c, testKey(1), ""), Options{})
			if tc.want != "" {
				if ProblemCode(err) != tc.want {
					t.Fatalf("got %v, want %s", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if p.Result.Final != reviewed.Final || p.Result.Answered != reviewed.Answered {
				t.Errorf("Result %v (%d answered), want the reviewed %v (%d)", p.Result.Final, p.Result.Answered, reviewed.Final, reviewed.Answered)
			}
		})
	}
}
