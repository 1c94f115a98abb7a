package domain_test

import (
	"testing"

	"pingce/internal/domain"
)

var bands = []domain.ItemGradeBand{{MinRatio: 0.95, Grade: "优秀"}, {MinRatio: 0.85, Grade: "良好"}, {MinRatio: 0.6, Grade: "一般"}, {MinRatio: 0, Grade: "较差"}}

func TestItemGrade(t *testing.T) {
	for _, tc := range []struct {
		name        string
		points, max float64
		want        string
	}{
		{"full marks", 10, 10, "优秀"},
		{"exactly at min_ratio", 9.5, 10, "优秀"},
		{"a hundredth below", 9.49, 10, "良好"},
		{"a share that is not exact in binary (0.95 of 20)", 19, 20, "优秀"},
		{"exactly at the second band", 17, 20, "良好"},
		{"thirds: 0.85 of 6 rounds to 5.1", 5.1, 6, "良好"},
		{"zero points", 0, 10, "较差"},
		{"bonus beyond the max", 12, 10, "优秀"},
		{"no max", 0, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.ItemGrade(bands, tc.points, tc.max); got != tc.want {
				t.Errorf("ItemGrade(%v/%v) = %q, want %q", tc.points, tc.max, got, tc.want)
			}
		})
	}
}

func TestScore_ItemGrades(t *testing.T) {
	yes, no := true, false
	cat := &domain.Catalog{ID: "t", Version: "1", Title: "重点业务工作", Total: 40, ItemGrades: bands,
		Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{
			{ID: "A", Title: "打击", Items: []*domain.Item{
				{ID: "A1", Title: "命案", Max: 10, Method: domain.MethodCheck},
				{ID: "A2", Title: "两抢", Max: 10, Method: domain.MethodCheck},
			}},
			// B grades its items its own way.
			{ID: "B", Title: "防范", ItemGrades: []domain.ItemGradeBand{{MinRatio: 1, Grade: "达标"}, {MinRatio: 0, Grade: "未达标"}},
				Items: []*domain.Item{{ID: "B1", Title: "巡防", Max: 10, Method: domain.MethodCheck}, {ID: "B2", Title: "技防", Max: 10, Method: domain.MethodCheck}}},
			{ID: "X", Title: "加分", Bonus: true, Items: []*domain.Item{{ID: "X1", Title: "创新", Max: 5, Method: domain.MethodCount, Per: 1}}},
		}}
	two := 2
	set := &domain.AnswerSet{Answers: map[string]domain.Answer{
		"A1": {Met: &yes}, "A2": {Met: &no}, "B1": {Met: &yes}, "X1": {Count: &two},
	}} // B2 unanswered
	r := domain.Score(cat, set, domain.Options{})
	want := map[string]string{"A1": "优秀", "A2": "较差", "B1": "达标", "B2": "", "X1": ""}
	for _, is := range r.Items {
		if is.Grade != want[is.ID] {
			t.Errorf("%s grade %q, want %q", is.ID, is.Grade, want[is.ID])
		}
	}
	if len(r.ItemGrades) != 3 || r.ItemGrades["优秀"] != 1 || r.ItemGrades["较差"] != 1 || r.ItemGrades["达标"] != 1 {
		t.Errorf("ItemGrades = %v, want 优秀 1, 较差 1, 达标 1", r.ItemGrades)
	}
	t.Run("a catalog without item grades grades nothing", func(t *testing.T) {
		c := &domain.Catalog{ID: "t", Version: "1", Title: "无逐项评级", Total: 10, Grades: cat.Grades,
			Categories: []*domain.Category{{ID: "A", Title: "打击", Items: []*domain.Item{{ID: "A1", Title: "命案", Max: 10, Method: domain.MethodCheck}}}}}
		r := domain.Score(c, set, domain.Options{})
		if r.ItemGrades != nil || r.Items[0].Grade != "" {
			t.Errorf("ItemGrades %v, A1 %q", r.ItemGrades, r.Items[0].Grade)
		}
	})
}
