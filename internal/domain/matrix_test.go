package domain_test

import (
	"math"
	"testing"

	"pingce/internal/domain"
)

// roundFixture is a catalog of two base items (A1 max 10, A2 max 20) and a
// bonus item (X1 max 40, bonus cap 20), and three units' results worked out
// by hand:
//
//	甲 approved: own A1 10, reviewed A1 5; A2 20; X1 10
//	乙 submitted: A1 10, A2 10
//	丙 draft: A1 N/A, A2 0
func roundFixture() (*domain.Catalog, []domain.RoundResult) {
	capX := 20.0
	cat := &domain.Catalog{ID: "t", Version: "1", Total: 30, BonusCap: &capX, Categories: []*domain.Category{
		{ID: "A", Title: "基础", Items: []*domain.Item{{ID: "A1", Title: "甲项", Max: 10}, {ID: "A2", Title: "乙项", Max: 20}}},
		{ID: "X", Title: "加分", Bonus: true, Items: []*domain.Item{{ID: "X1", Title: "加分项", Max: 40}}},
	}}
	item := func(id string, score, max float64, status string) domain.ItemScore {
		return domain.ItemScore{ID: id, Score: score, Max: max, Status: status}
	}
	res := func(final float64, a1, a2 domain.ItemScore, x1 float64) *domain.Result {
		return &domain.Result{Final: final,
			Categories: []domain.CategoryScore{{ID: "A", Score: a1.Score + a2.Score, Max: a1.Max*boolF(a1.Status == domain.StatusAnswered) + a2.Max}, {ID: "X", Score: x1, Max: 40}},
			Items:      []domain.ItemScore{a1, a2, item("X1", x1, 40, domain.StatusAnswered)}}
	}
	ok := domain.StatusAnswered
	return cat, []domain.RoundResult{
		{AssessmentID: 1, Unit: domain.Unit{ID: 1, Name: "甲"}, Status: domain.Approved,
			Own:      res(40, item("A1", 10, 10, ok), item("A2", 20, 20, ok), 10),
			Reviewed: res(35, item("A1", 5, 10, ok), item("A2", 20, 20, ok), 10)},
		{AssessmentID: 2, Unit: domain.Unit{ID: 2, Name: "乙"}, Status: domain.Submitted,
			Own: res(20, item("A1", 10, 10, ok), item("A2", 10, 20, ok), 0)},
		{AssessmentID: 3, Unit: domain.Unit{ID: 3, Name: "丙"}, Status: domain.Draft,
			Own: res(0, item("A1", 0, 10, domain.StatusNA), item("A2", 0, 20, ok), 0)},
	}
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestNewMatrix(t *testing.T) {
	cat, rs := roundFixture()
	m := domain.NewMatrix(cat, rs)
	nan := math.NaN()
	want := []struct {
		name       string
		final      float64
		categories []float64
		items      []float64
	}{
		// 甲 on its 核定 score: A 25/30; X 10 against the cap of 20, not the items' 40.
		{"甲", 35, []float64{25.0 / 30, 0.5}, []float64{0.5, 1, 0.25}},
		{"乙", 20, []float64{20.0 / 30, 0}, []float64{1, 0.5, 0}},
		// 丙: A1 N/A is no cell; A counts A2 only.
		{"丙", 0, []float64{0, 0}, []float64{nan, 0, 0}},
	}
	if len(m.Rows) != len(want) || len(m.Categories) != 2 || len(m.Items) != 3 {
		t.Fatalf("matrix %d rows × %d categories × %d items", len(m.Rows), len(m.Categories), len(m.Items))
	}
	same := func(a, b float64) bool { return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-9 }
	for i, w := range want {
		r := m.Rows[i]
		t.Run(w.name, func(t *testing.T) {
			if r.Unit.Name != w.name || r.Final != w.final {
				t.Errorf("row %s final %v, want %s %v", r.Unit.Name, r.Final, w.name, w.final)
			}
			for j := range w.categories {
				if !same(r.Categories[j], w.categories[j]) {
					t.Errorf("category %s = %v, want %v", m.Categories[j].ID, r.Categories[j], w.categories[j])
				}
			}
			for j := range w.items {
				if !same(r.Items[j], w.items[j]) {
					t.Errorf("item %s = %v, want %v", m.Items[j].ID, r.Items[j], w.items[j])
				}
			}
		})
	}
}

func TestCommonLosses(t *testing.T) {
	cat, rs := roundFixture()
	got := domain.CommonLosses(cat, rs)
	// A2: 乙 lost 10 and 丙 20, of three units: average 10, most 20.
	// A1: 甲 lost 5 (核定), of two (丙 N/A): average 2.5. X1 is a bonus item.
	want := []struct {
		id                 string
		losing, applicable int
		avg, most          float64
	}{{"A2", 2, 3, 10, 20}, {"A1", 1, 2, 2.5, 5}}
	if len(got) != len(want) {
		t.Fatalf("%d common losses, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Item.ID != w.id || g.Losing != w.losing || g.Applicable != w.applicable || g.AvgLoss != w.avg || g.MaxLoss != w.most {
			t.Errorf("#%d = %s %d/%d avg %v most %v, want %+v", i, g.Item.ID, g.Losing, g.Applicable, g.AvgLoss, g.MaxLoss, w)
		}
	}
}

// BenchmarkNewMatrix builds the units × items matrix and the common losses
// of a province's round: 1,500 units of the 61-item reference catalog. The
// goal is under 300 ms.
func BenchmarkNewMatrix(b *testing.B) {
	cat := loadBuiltin(b, "demo-city-ref.yaml")
	items := cat.Items()
	rs := make([]domain.RoundResult, 1500)
	for i := range rs {
		res := &domain.Result{}
		for j, it := range items {
			res.Items = append(res.Items, domain.ItemScore{ID: it.ID, Max: it.Max, Score: it.Max * float64((i+j)%5) / 4, Status: domain.StatusAnswered})
		}
		for _, c := range cat.Categories {
			res.Categories = append(res.Categories, domain.CategoryScore{ID: c.ID, Score: 50, Max: 100})
		}
		rs[i] = domain.RoundResult{AssessmentID: int64(i + 1), Status: domain.Submitted, Own: res, Reviewed: res}
	}
	for b.Loop() {
		domain.NewMatrix(cat, rs)
		domain.CommonLosses(cat, rs)
	}
}
