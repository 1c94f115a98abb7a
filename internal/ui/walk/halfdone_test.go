package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// halfDoneWorkspace is a draft of a catalog with a bonus category of 55
// points under a cap of 30, an item_lost cap on A2 and a category cap:
// A1 answered, A2 not, 40 bonus points claimed.
func halfDoneWorkspace() *domain.Workspace {
	ratio := 0.6
	c := &domain.Catalog{ID: "half", Version: "1", Title: "半程", Total: 100,
		Grades:   []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 80, Grade: "良好"}, {Min: 0, Grade: "不合格"}},
		BonusCap: domain.Float(30),
		Caps: []domain.Cap{{ItemLost: "A2", MaxGrade: "良好"},
			{CategoryRatioBelow: &ratio, MaxGrade: "合格"}},
		Categories: []*domain.Category{
			{ID: "A", Title: "基础", Items: []*domain.Item{
				{ID: "A1", Title: "制度", Max: 50, Method: domain.MethodCheck},
				{ID: "A2", Title: "台账", Max: 50, Method: domain.MethodCheck},
			}},
			{ID: "X", Title: "加分项", Bonus: true, Items: []*domain.Item{
				{ID: "X1", Title: "创新", Max: 30, Method: domain.MethodCount, Per: 5},
				{ID: "X2", Title: "表彰", Max: 25, Method: domain.MethodCount, Per: 5},
			}},
		}}
	return &domain.Workspace{
		Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Name: "某县局", Type: "分县局"}, Round: "2026-Q3", Status: domain.Draft},
		Catalog:    c,
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"A1": {Met: domain.Bool(false)},
			"X1": {Count: domain.Int(6)}, "X2": {Count: domain.Int(2)},
		}},
	}
}

func TestScorePanelHalfDone(t *testing.T) {
	s, _ := fixture(t)
	h := newHarnessWS(t, s, s, halfDoneWorkspace())
	v := h.v
	p := v.score
	t.Run("a cap from an unanswered item says so", func(t *testing.T) {
		mustContain(t, "caps", p.caps.Text, "A2 台账 尚未作答：若失分，等级最高为良好。")
		if strings.Contains(p.caps.Text, "A2 台账失分") || strings.Contains(p.caps.Text, "A2 台账 失分") {
			t.Errorf("caps say A2 lost points: %q", p.caps.Text)
		}
		mustContain(t, "caps", p.caps.Text, "其中有尚未作答的评分项。")
	})
	t.Run("bonus against its cap in the bars and the tree", func(t *testing.T) {
		mustEqual(t, "bar", p.barText[1], "30 / 30")
		o := v.nav.tree.CreateNode(true)
		v.nav.updateNode(catNode("X"), true, o)
		mustContain(t, "tree", v.nav.rows[o].points.Text, "30/30")
		if strings.Contains(v.nav.rows[o].points.Text, "55") {
			t.Errorf("tree row %q shows the items' 55", v.nav.rows[o].points.Text)
		}
	})
	t.Run("one line explains the rescaling", func(t *testing.T) {
		mustEqual(t, "formula", p.formula.Text, "折算：适用项得分 0 ÷ 适用满分 100 × 总分 100 = 0，另加加分 30（加分上限 30）。")
	})
}
