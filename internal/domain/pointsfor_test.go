package domain_test

import (
	"testing"

	"pingce/internal/domain"
)

// byTypeItem is scored against 80 % for most units and 70 % for a 派出所
// (1 point per point short, 10 points).
func byTypeItem(id string) *domain.Item {
	return &domain.Item{ID: id, Title: "矛盾纠纷化解率", Max: 10, Method: domain.MethodNumeric, Unit: "%",
		Shortfall:  &domain.Shortfall{Target: 80, Step: 1, Per: 1},
		ByUnitType: map[string]*domain.Item{"派出所": {Shortfall: &domain.Shortfall{Target: 70, Step: 1, Per: 1}}}}
}

// TestPointsForUnitType: the rule of the unit's type scores a composite's
// part and a reviewer's answer, not the item's own rule.
func TestPointsForUnitType(t *testing.T) {
	part := byTypeItem("a")
	comp := &domain.Item{ID: "C1", Title: "综合", Max: 10, Parts: []*domain.Item{part}}
	cat := &domain.Catalog{ID: "t", Version: "1", Title: "t", Total: 20, UnitTypes: []string{"派出所", "分县局"},
		Grades:     []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{comp, byTypeItem("A1")}}}}
	v := domain.Float(72)
	set := &domain.AnswerSet{Answers: map[string]domain.Answer{
		"C1": {Parts: map[string]domain.Answer{"a": {Value: v}}},
		"A1": {Value: v},
	}}
	for _, tc := range []struct {
		unitType string
		want     float64 // 72 %: 10 against 70, 2 against 80
	}{{"派出所", 10}, {"分县局", 2}} {
		t.Run("composite part, "+tc.unitType, func(t *testing.T) {
			r := domain.Score(cat, set, domain.Options{UnitType: tc.unitType})
			is, _ := r.Item("C1")
			if is.Score != tc.want || len(is.Parts) != 1 || is.Parts[0].Score != tc.want {
				t.Errorf("C1 scores %v (part %v), want %v", is.Score, is.Parts, tc.want)
			}
			if got := comp.PointsFor(set.Answers["C1"], tc.unitType); got != tc.want {
				t.Errorf("PointsFor = %v, want %v", got, tc.want)
			}
		})
		t.Run("reviewer's answer, "+tc.unitType, func(t *testing.T) {
			ws := &domain.Workspace{Assessment: domain.Assessment{Unit: domain.Unit{Type: tc.unitType}}, Catalog: cat,
				Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{"A1": {Value: domain.Float(60)}}}}
			r, ps := ws.ReviewProblems("A1", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Value: v}, Reason: "核实为72%"})
			if len(ps) > 0 || r.Score == nil || *r.Score != tc.want {
				t.Fatalf("normalized %+v, problems %v; want %v points", r, ps, tc.want)
			}
			// The points given with the answer are its points by the unit's rule.
			if _, ps := ws.ReviewProblems("A1", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Value: v},
				Score: domain.Float(tc.want), Reason: "核实为72%"}); len(ps) > 0 {
				t.Errorf("answer and its own points refused: %v", ps)
			}
		})
	}
}
