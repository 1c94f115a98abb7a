package domain_test

import (
	"fmt"

	"pingce/internal/domain"
)

// ExampleScore scores three items: one met, one numeric, one not applicable.
func ExampleScore() {
	c := &domain.Catalog{
		ID: "demo", Version: "1", Total: 100,
		Grades: []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 60, Grade: "合格"}, {Min: 0, Grade: "不合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "基础工作", Items: []*domain.Item{
			{ID: "A1", Title: "制度健全", Max: 30, Method: domain.MethodCheck},
			{ID: "A2", Title: "信息采集率", Max: 50, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
			{ID: "A3", Title: "隐患整改", Max: 20, Method: domain.MethodDeduct, Per: 5},
		}}},
	}
	answers := &domain.AnswerSet{
		Catalog: "demo@1",
		Unit:    domain.UnitRef{Name: "某某派出所", Type: "派出所"},
		Answers: map[string]domain.Answer{
			"A1": {Met: domain.Bool(true)},
			"A2": {Value: domain.Float(87)},
			"A3": {NA: true, Reason: "辖区无重点单位"},
		},
	}
	r := domain.Score(c, answers, domain.Options{})
	for _, it := range r.Items {
		fmt.Printf("%s %s %v/%v\n", it.ID, it.Status, it.Score, it.Max)
	}
	// raw 30 + 43.5 = 73.5 of 80 (A3 is N/A); scaled 73.5 × 100 / 80 = 91.875 → 91.88.
	fmt.Println("raw", r.Raw, "of", r.ApplicableMax)
	fmt.Println("scaled", r.Scaled, "final", r.Final, "grade", r.Grade)
	// Output:
	// A1 answered 30/30
	// A2 answered 43.5/50
	// A3 na 0/20
	// raw 73.5 of 80
	// scaled 91.88 final 91.88 grade 优秀
}

// ExampleRound2 shows rounding half away from zero on the decimal reading.
func ExampleRound2() {
	fmt.Println(domain.Round2(1.005), domain.Round2(2.675), domain.Round2(-1.005), domain.Round2(0.125))
	// Output: 1.01 2.68 -1.01 0.13
}

// ExampleItem_Points scores one answer to a numeric item with a shortfall
// rule: 98 % is the target, each point short costs 2.
func ExampleItem_Points() {
	it := &domain.Item{ID: "E1.5", Max: 15, Method: domain.MethodNumeric,
		Shortfall: &domain.Shortfall{Target: 98, Step: 1, Per: 2}}
	fmt.Println(it.Points(domain.Answer{Value: domain.Float(96.5)}))
	// Output: 12
}
