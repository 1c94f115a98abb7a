package report

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestRoundRulesInTheReport: a unit's report before the round says the
// figures wait for it, with the range still open; with the round's facts
// it gives the final figures and what the round decided.
func TestRoundRulesInTheReport(t *testing.T) {
	c := &domain.Catalog{ID: "r", Version: "1", Title: "同类比较", Total: 100,
		Grades: []domain.GradeBand{{Min: 95, Grade: "一级"}, {Min: 0, Grade: "二级"}},
		Caps:   []domain.Cap{{BelowAverage: "K", MaxGrade: "二级"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
			{ID: "K", Title: "破案数排名", Max: 60, Method: domain.MethodNumeric, Rank: &domain.RankRule{Points: []float64{60, 50}}},
			{ID: "G", Title: "基础", Max: 40, Method: domain.MethodCheck}}}}}
	ws := &domain.Workspace{Catalog: c, Assessment: domain.Assessment{Unit: domain.Unit{Name: "甲所", Type: "派出所"}},
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{"K": {Value: domain.Float(30)}, "G": {Met: domain.Bool(true)}}}}
	for _, tc := range []struct {
		name   string
		peers  *domain.PeerFacts
		final  float64
		want   string
		absent string
	}{
		{"alone", nil, 40, "待全市汇总后计分：部分指标与同类单位比较计分，本表总分按可得最低分计，可得 40–100 分（满分 100 分）。", ""},
		{"with the round", &domain.PeerFacts{Items: map[string]domain.PeerPoints{"K": {Points: 60, Place: 1}},
			Means: map[string]float64{"K": 31}}, 100, "K 破案数排名 低于同类单位平均值，等级最高为“二级”。", "待全市汇总"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Build(ws, Options{Peers: tc.peers})
			all := strings.Join(d.Self.Notices, "\n")
			if d.Self.Final != tc.final || !strings.Contains(all, tc.want) || (tc.absent != "" && strings.Contains(all, tc.absent)) {
				t.Errorf("final %v, notices:\n%s\nwant %v and %q", d.Self.Final, all, tc.final, tc.want)
			}
			if d.Self.AwaitsRound != (tc.peers == nil) {
				t.Errorf("AwaitsRound %v", d.Self.AwaitsRound)
			}
			final, grade, pct := FinalCell(d.Self, d.Labels), GradeCell(d.Self, d.Labels), PercentCell(d.Self, d.Labels)
			if tc.peers == nil && (final != "待全市汇总后计分：40–100 / 100" || grade != "二级（待全市汇总后确定）" || pct != "待汇总") ||
				tc.peers != nil && (final != "100 / 100" || grade != "二级" || pct != "100%") {
				t.Errorf("cells %q, %q, %q", final, grade, pct)
			}
			if strings.Contains(all, "失分") {
				t.Errorf("a round cap worded as a lost item: %s", all)
			}
		})
	}
}
