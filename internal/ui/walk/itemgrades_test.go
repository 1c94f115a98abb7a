package walk

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestItemGrades: with a catalog that grades items (item_grades), the item
// pane shows the item's grade beside its points, the score panel counts the
// grades, and the filter 未达最高等级 lists the graded items below the top one.
func TestItemGrades(t *testing.T) {
	s := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	cat := &domain.Catalog{ID: "key-work", Version: "2026", Title: "重点业务工作考核", Total: 30,
		Grades:     []domain.GradeBand{{Min: 27, Grade: "优秀"}, {Min: 0, Grade: "合格"}},
		ItemGrades: []domain.ItemGradeBand{{MinRatio: 0.95, Grade: "优秀"}, {MinRatio: 0.85, Grade: "良好"}, {MinRatio: 0, Grade: "较差"}},
		Categories: []*domain.Category{{ID: "A", Title: "打击犯罪", Items: []*domain.Item{
			{ID: "A1", Title: "命案侦破", Max: 10, Method: domain.MethodCheck},
			{ID: "A2", Title: "电诈防范", Max: 10, Method: domain.MethodLevels, Levels: []domain.Level{{Label: "全部", Points: 10}, {Label: "大部", Points: 9}, {Label: "无", Points: 0}}},
			{ID: "A3", Title: "禁毒工作", Max: 10, Method: domain.MethodCheck},
		}}}}
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	u := &domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	if err := s.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &domain.Assessment{Unit: *u, Round: "2026", CatalogID: cat.ID, CatalogVersion: cat.Version}
	if err := s.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	for id, ans := range map[string]domain.Answer{"A1": {Met: domain.Bool(true)}, "A2": {Level: "大部"}} {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	t.Run("the item's grade beside its points", func(t *testing.T) {
		v.ShowItem("A2")
		mustContain(t, "A2 points", v.pane.form.points.Text, "9 / 10 · 良好")
		v.ShowItem("A1")
		mustContain(t, "A1 points", v.pane.form.points.Text, "10 / 10 · 优秀")
	})
	t.Run("the score panel counts the grades", func(t *testing.T) {
		v.score.refresh()
		mustContain(t, "score panel", v.score.itemGrades.Text, "逐项等级：优秀 1 项、良好 1 项")
	})
	t.Run("the filter lists what is below the top grade", func(t *testing.T) {
		v.nav.filter.SetSelectedIndex(int(showBelowTop))
		h.settle()
		var shown []string
		for _, uid := range v.nav.children[catNode("A")] {
			if id, ok := nodeItem(uid); ok {
				shown = append(shown, id)
			}
		}
		// A2 (良好) is below the top; A1 is 优秀 and A3 unanswered (no grade).
		// The item on screen stays listed.
		if got := strings.Join(shown, ","); got != "A1,A2" && got != "A2" {
			t.Errorf("filter shows %q, want A2 (and A1, on screen)", got)
		}
		v.ShowItem("A2")
		v.nav.filter.SetSelectedIndex(int(showBelowTop))
		h.settle()
		shown = shown[:0]
		for _, uid := range v.nav.children[catNode("A")] {
			if id, ok := nodeItem(uid); ok {
				shown = append(shown, id)
			}
		}
		if got := strings.Join(shown, ","); got != "A2" {
			t.Errorf("filter shows %q with A2 on screen, want A2", got)
		}
	})
}
