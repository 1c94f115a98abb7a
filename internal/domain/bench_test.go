package domain_test

import (
	"fmt"
	"testing"

	"pingce/internal/domain"
)

// BenchmarkScoreReference scores the golden 分县局 answers against the
// built-in reference catalog (61 items + 3 bonus). Goal: under 20 µs.
func BenchmarkScoreReference(b *testing.B) {
	c := loadBuiltin(b, "demo-city-ref.yaml")
	set := loadAnswers(b, "testdata/demo-city-answers.yaml", c)
	b.ReportAllocs()
	for b.Loop() {
		domain.Score(c, set, domain.Options{})
	}
}

// BenchmarkScore2000 scores a generated catalog of 2,000 items (20
// categories of 4 sub-categories of 25 items, every method in turn) with
// every item answered. Goal: under 1 ms.
func BenchmarkScore2000(b *testing.B) {
	c, set := generated(20, 4, 25)
	if n := len(c.Items()); n != 2000 {
		b.Fatalf("%d items", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		domain.Score(c, set, domain.Options{UnitType: "分县局"})
	}
}

// generated builds a catalog of cats × subs × per items with a full answer set.
func generated(cats, subs, per int) (*domain.Catalog, *domain.AnswerSet) {
	c := &domain.Catalog{ID: "gen", Version: "1",
		Grades: []domain.GradeBand{{Min: 900, Grade: "优秀"}, {Min: 0, Grade: "其他"}},
		Caps:   []domain.Cap{{CategoryRatioBelow: f64(0.6), MaxGrade: "其他"}, {ItemLost: "C0.0.0", MaxGrade: "其他"}},
		Vetoes: []domain.Veto{{ID: "V1"}}}
	set := &domain.AnswerSet{Answers: map[string]domain.Answer{}}
	n := 0
	for i := range cats {
		cat := &domain.Category{ID: fmt.Sprintf("C%d", i)}
		for j := range subs {
			sub := &domain.Category{ID: fmt.Sprintf("C%d.%d", i, j)}
			for k := range per {
				id := fmt.Sprintf("C%d.%d.%d", i, j, k)
				it := &domain.Item{ID: id, Max: 10}
				var a domain.Answer
				switch n % 6 {
				case 0:
					it.Method, a = domain.MethodCheck, domain.Answer{Met: yes}
				case 1:
					it.Method, it.Levels = domain.MethodLevels, []domain.Level{{Label: "好", Points: 10}, {Label: "中", Points: 5}}
					a = level("中")
				case 2:
					it.Method, it.Linear = domain.MethodNumeric, &domain.Linear{Zero: 0, Full: 100}
					a = val(float64(n % 100))
				case 3:
					it.Method, it.Change = domain.MethodNumeric, true
					it.Shortfall = &domain.Shortfall{Target: -10, Step: 1, Per: 0.5, LowerIsBetter: true}
					a = change(95, 100)
				case 4:
					it.Method, it.Per = domain.MethodDeduct, 2
					a = count(n % 4)
				case 5:
					it.Parts = []*domain.Item{
						{ID: "a", Max: 5, Method: domain.MethodCheck},
						{ID: "b", Max: 5, Method: domain.MethodNumeric, Bands: []domain.Band{{AtLeast: f64(90), Points: 5}, {AtLeast: f64(60), Points: 3}}},
					}
					a = domain.Answer{Parts: map[string]domain.Answer{"a": {Met: yes}, "b": val(75)}}
				}
				if n%50 == 7 {
					it.AppliesTo = []string{"市局"}
				}
				if n%97 == 3 {
					a = na
				}
				sub.Items = append(sub.Items, it)
				set.Answers[id] = a
				c.Total += it.Max
				n++
			}
			cat.Categories = append(cat.Categories, sub)
		}
		c.Categories = append(c.Categories, cat)
	}
	return c, set
}
