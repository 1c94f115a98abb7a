package report

import (
	"testing"

	"pingce/internal/domain"
)

// TestCountsInWords: items with kinds, marked occurrences and a
// discretion range say what was answered, in both languages.
func TestCountsInWords(t *testing.T) {
	c := &domain.Catalog{ID: "t", Version: "1", Title: "测试", Total: 19,
		Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "甲", Items: []*domain.Item{
			{ID: "T1", Title: "领导出席", Max: 3, Method: domain.MethodCount, Kinds: []domain.Kind{
				{Key: "main", Label: "主要领导出席", Per: 1}, {Key: "other", Label: "其他领导出席", Per: 0.5}}},
			{ID: "M1", Title: "安全事件", Max: 6, Method: domain.MethodDeduct, Per: 1, Multipliers: []domain.Multiplier{
				{Key: "security", Label: "重大安保期间发生", Times: 2}}},
			{ID: "J1", Title: "被通报", Max: 10, Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 2, Max: 6}},
		}}}}
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Name: "甲单位"}, Round: "R"}, Catalog: c,
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"T1": {Counts: map[string]int{"main": 2}},
			"M1": {Count: domain.Int(3), Counts: map[string]int{"security": 1}},
			"J1": {Count: domain.Int(1)},
		}}}
	zh, en := ChineseLabels(), EnglishLabels()
	for _, tc := range []struct {
		name   string
		labels Labels
		id     string
		want   string
	}{
		{"kinds, one left out", zh, "T1", "主要领导出席 2 次；其他领导出席 0 次"},
		{"marked occurrences", zh, "M1", "3 次（其中重大安保期间发生 1 次，按 2 倍计）"},
		{"discretion range", zh, "J1", "1 次（酌情每次扣 2–6 分，由审核人核定，可得 4–8 分）"},
		{"english kinds", en, "T1", "主要领导出席 2 times; 其他领导出席 0 times"},
		{"english marks", en, "M1", "3 times (of them 重大安保期间发生 1 times, counted 2 times)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lb := tc.labels
			d := Build(ws, Options{Labels: &lb})
			if got := row(t, d, tc.id).Answer; got != tc.want {
				t.Errorf("answer = %q, want %q", got, tc.want)
			}
		})
	}
}
