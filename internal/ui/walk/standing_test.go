package walk

import (
	"context"
	"testing"

	"pingce/internal/domain"
)

// TestStanding: where the database holds the round's other units, the score
// panel says where the assessment stands and how far it is from its target.
func TestStanding(t *testing.T) {
	s, a := fixture(t)
	ws, err := s.OpenAssessment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		st   *domain.Standing
		want string
	}{
		{"no ranking known", nil, ""},
		{"ranked, target short", &domain.Standing{Round: "2026-Q3", Group: "分县局", Rank: 3, Ranked: 8,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 1}, Lacks: 71, Items: []domain.ItemScore{{ID: "B1.5"}, {ID: "C1.2"}}}},
			"本轮排名：分县局第3名（共8个单位参与排名）·目标第1名：差71分，先补B1.5、C1.2"},
		{"not ranked yet", &domain.Standing{Round: "2026-Q3", Group: "分县局", Ranked: 5}, "本轮排名：分县局已有5个单位参与排名，本单位提交后参与排名"},
		{"target reached", &domain.Standing{Group: "派出所", Rank: 1, Ranked: 20, Target: &domain.TargetGap{Target: domain.UnitTarget{Score: 950}, Met: true}},
			"本轮排名：派出所第1名（共20个单位参与排名）·目标950分：已达到"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWSDeps(t, s, s, ws, func(d *Deps) {
				d.Standing = func(context.Context, *domain.Workspace) (*domain.Standing, error) { return tc.st, nil }
			})
			h.settle()
			mustEqual(t, "standing", h.v.score.standing.Text, tc.want)
			mustEqual(t, "hidden", h.v.score.standing.Hidden, tc.want == "")
		})
	}
}
