package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// limitsCatalog has a category with a deduction budget, an item with an
// overflow penalty, an uncapped bonus count under a capped bonus category,
// and an item whose N/A counts as full marks.
func limitsCatalog() *domain.Catalog {
	return &domain.Catalog{ID: "limits", Version: "1", Title: "限额", Total: 29,
		Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{
			{ID: "A", Title: "基础管理", DeductCap: domain.Float(5), Items: []*domain.Item{
				{ID: "A1", Title: "台账缺失", Max: 5, Method: domain.MethodDeduct, Per: 1},
				{ID: "A2", Title: "制度", Max: 10, Method: domain.MethodCheck},
			}},
			{ID: "B", Title: "安全监管", Items: []*domain.Item{
				{ID: "B1", Title: "隐患整改", Max: 4, Method: domain.MethodDeduct, Per: 1, Overflow: &domain.Overflow{At: 4, Extra: 10}},
				{ID: "B2", Title: "水上治安", Max: 10, Method: domain.MethodCheck, NA: domain.NAFull},
			}},
			{ID: "X", Title: "加分项", Bonus: true, BonusCap: domain.Float(3), Items: []*domain.Item{
				{ID: "X1", Title: "抓获逃犯", Max: 1, Method: domain.MethodCount, Per: 1, Uncapped: true, Bonus: true},
			}},
		}}
}

// TestDescribeLimits: the overflow penalty, the category's deduction
// budget and bonus cap, and a count without an item cap, in words.
func TestDescribeLimits(t *testing.T) {
	c := limitsCatalog()
	for _, tc := range []struct {
		item    string
		want    []string
		notWant string
	}{
		{"A1", []string{"每计一次扣 1 分", "类目“A 基础管理”限扣 5 分：类目内各扣分项合计扣分超出部分不扣。"}, "追加"},
		{"A2", []string{"达到要求得 10 分"}, "限扣"}, // not a deduction: the budget does not concern it
		{"B1", []string{"扣满 4 分的，追加扣除 10 分，记入所在类目（类目得分不低于 0）。"}, "限扣"},
		{"X1", []string{"每项（次）得 1 分，累计不设单项上限", "类目“X 加分项”合计最多加 3 分。"}, "最多 1 分"},
	} {
		t.Run(tc.item, func(t *testing.T) {
			got := describeIn(c, c.Item(tc.item))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			if strings.Contains(got, tc.notWant) {
				t.Errorf("%q says %q", got, tc.notWant)
			}
		})
	}
	t.Run("the catalog's own text stays first", func(t *testing.T) {
		it := *c.Item("B1")
		it.Scoring = "扣满4分的，追加扣除10分"
		if got := describe(&it); got != it.Scoring {
			t.Errorf("%q", got)
		}
	})
}

// TestNAFullInTheWalk: a N/A counted as full marks says so with its
// points in the pane and the tree, and counts as answered in its category.
func TestNAFullInTheWalk(t *testing.T) {
	s, _ := fixture(t)
	ws := &domain.Workspace{
		Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Name: "某县局", Type: "分县局"}, Round: "2026-Q3", Status: domain.Draft},
		Catalog:    limitsCatalog(),
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"B1": {Count: domain.Int(1)},
			"B2": {NA: true, Reason: "辖区无水域"},
		}},
	}
	h := newHarnessWS(t, s, s, ws)
	v := h.v
	v.ShowItem("B2")
	mustEqual(t, "pane", v.pane.form.points.Text, "不适用（按满分计）· 10 / 10 分")
	o := v.nav.tree.CreateNode(false)
	v.nav.updateNode(itemNode("B2"), false, o)
	mustEqual(t, "tree", v.nav.rows[o].points.Text, "不适用（按满分计） · 10/10")
	if st := v.scores.cats["B"]; st.answered != 2 || st.applicable != 2 {
		t.Errorf("category B: %d of %d answered, want 2 of 2", st.answered, st.applicable)
	}
}
