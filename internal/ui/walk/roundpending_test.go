package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestRoundPendingWords: a unit alone sees 待全市汇总后计分 with the range
// it can still reach, and the round's rules told in words.
func TestRoundPendingWords(t *testing.T) {
	rank := &domain.Item{ID: "K1", Title: "排名", Max: 60, Method: domain.MethodNumeric, Rank: &domain.RankRule{Points: []float64{60, 57, 54}}}
	c := &domain.Catalog{ID: "r", Version: "1", Title: "r", Total: 100,
		Grades: []domain.GradeBand{{Min: 95, Grade: "一级", Quota: domain.Float(0.25)}, {Min: 0, Grade: "二级"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{rank,
			{ID: "G1", Title: "g", Max: 40, Method: domain.MethodCheck}}}}}
	r := domain.Score(c, &domain.AnswerSet{Answers: map[string]domain.Answer{"K1": {Value: domain.Float(12)}, "G1": {Met: domain.Bool(true)}}}, domain.Options{})
	is, _ := r.Item("K1")
	text, ok := awaitText(is)
	for _, tc := range []struct{ name, got, want string }{
		{"item", text, "待全市汇总后计分：可得 0–60 分（本项满分 60 分）"},
		{"final", finalText(r), "待全市汇总后计分：可得 40–100 分（满分 100 分）"},
		{"grade", gradeText(c, r), "二级至一级（待全市汇总后确定）"},
		{"rule", describe(rank), "第 1 至 3 名依次得 60、57、54 分，其余 0 分"},
		{"relative", describe(&domain.Item{Max: 8, Method: domain.MethodNumeric, Relative: &domain.Relative{Points: 4, Per: 0.04}}),
			"达到同类平均值（基数）计 4 分，每高 1 加 0.04 分"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.got, tc.want) {
				t.Errorf("%q, want it to contain %q", tc.got, tc.want)
			}
		})
	}
	if !ok {
		t.Error("the rank item does not wait")
	}
	r.AwaitsRound, r.Reach = false, nil
	if got := finalText(r); strings.Contains(got, "汇总") {
		t.Errorf("a result of the round: %q", got)
	}
}
