package report

import (
	"testing"

	"pingce/internal/domain"
)

// TestAnswerWordsShapes: the answer in words of the issue 15 shapes that
// change how an answer reads (a difference in the value's unit, a N/A
// counted as full marks).
func TestAnswerWordsShapes(t *testing.T) {
	zh := ChineseLabels()
	diff := &domain.Item{ID: "C2", Title: "入室盗窃", Max: 8, Unit: "起", Method: domain.MethodNumeric, Difference: true,
		Slope: &domain.Slope{Points: 6, Per: 0.2, LowerIsBetter: true}}
	full := &domain.Item{ID: "C4", Title: "水上治安", Max: 5, Method: domain.MethodCheck, NA: domain.NAFull}
	plain := &domain.Item{ID: "C5", Title: "铁路护路", Max: 5, Method: domain.MethodCheck}
	for _, tc := range []struct {
		name   string
		it     *domain.Item
		a      domain.Answer
		status string
		want   string
	}{
		{"difference down", diff, domain.Answer{Value: domain.Float(3), Baseline: domain.Float(5)}, domain.StatusAnswered, "本期 3起，基期 5起，变化 -2起"},
		{"difference up", diff, domain.Answer{Value: domain.Float(7), Baseline: domain.Float(5)}, domain.StatusAnswered, "本期 7起，基期 5起，变化 +2起"},
		{"N/A as full marks", full, domain.Answer{NA: true, Reason: "无"}, domain.StatusNA, "不适用（按满分计）"},
		{"N/A out of the max", plain, domain.Answer{NA: true, Reason: "无"}, domain.StatusNA, "不适用"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := answerLines(tc.it, tc.a, tc.status, zh)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}
