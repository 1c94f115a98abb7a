package domain_test

import (
	"math"
	"testing"

	"pingce/internal/domain"
)

func TestOrdinaryNumber(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want bool
	}{
		{0, true}, {math.Copysign(0, -1), true}, {1, true}, {-98.25, true}, {1e-9, true}, {-1e15, true},
		{1e-320, false}, {5e-324, false}, {1e-10, false}, {1.5e15, false}, {-1e300, false},
		{math.MaxFloat64, false}, {math.NaN(), false}, {math.Inf(1), false}, {math.Inf(-1), false},
	} {
		if got := domain.OrdinaryNumber(tt.f); got != tt.want {
			t.Errorf("OrdinaryNumber(%g) = %v, want %v", tt.f, got, tt.want)
		}
	}
}

// TestCheckAnswerOrdinary refuses numbers no score can be computed from
// (issue 10: a baseline of 1e-320 was imported and then shown as not
// answered) and required texts of only spaces.
func TestCheckAnswerOrdinary(t *testing.T) {
	c := checkCatalog()
	tests := []struct {
		name, item string
		a          domain.Answer
		code       string // "" when the answer is fine
	}{
		{"denormal baseline", "chg", change(5, 1e-320), domain.ProbNotFinite},
		{"tiny baseline", "chg", change(5, 1e-12), domain.ProbNotFinite},
		{"huge value", "num", val(1e300), domain.ProbNotFinite},
		{"huge change value", "chg", change(1e16, 2), domain.ProbNotFinite},
		{"NaN", "num", val(math.NaN()), domain.ProbNotFinite},
		{"ordinary", "chg", change(5, 0.25), ""},
		{"N/A reason of spaces", "num", domain.Answer{NA: true, Reason: " \t\u3000 "}, domain.ProbNAWithoutReason},
		{"N/A reason", "num", domain.Answer{NA: true, Reason: "不适用"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := c.Item(tt.item).CheckAnswer(tt.a)
			if tt.code == "" {
				if len(ps) > 0 {
					t.Errorf("problems %v", ps)
				}
				return
			}
			if len(ps) != 1 || ps[0].Code != tt.code {
				t.Errorf("problems %v, want one %s", ps, tt.code)
			}
		})
	}
}

// TestSubmissionSpaces does not take a reason or note of spaces for one.
func TestSubmissionSpaces(t *testing.T) {
	c := checkCatalog()
	s := &domain.AnswerSet{Answers: map[string]domain.Answer{
		"num": {NA: true, Reason: "   "},
		"chk": {Met: yes, Note: " \n "},
	}}
	got := map[string]string{}
	for _, p := range domain.SubmissionProblems(c, s, "", nil) {
		got[p.ItemID] = p.Code
	}
	if got["num"] != domain.ProbNAWithoutReason || got["chk"] != domain.ProbNoEvidence {
		t.Errorf("problems by item %v, want num %s and chk %s", got, domain.ProbNAWithoutReason, domain.ProbNoEvidence)
	}
}
