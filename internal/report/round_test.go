package report_test

import (
	"math"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// roundInput is a catalog with one category of two items (A1 max 10, A2 max
// 20) and four 分县局 with hand-set results: 甲 28, 乙 25, 丙 20, 丁 10; 戊 is
// a draft. The previous round ranked 甲 20, 乙 30.
func roundInput() report.RoundInput {
	cat := &domain.Catalog{ID: "t", Version: "1", Title: "测试指标", Total: 30, UnitTypes: []string{"分县局"},
		Categories: []*domain.Category{{ID: "A", Title: "基础", Items: []*domain.Item{{ID: "A1", Title: "甲项", Max: 10}, {ID: "A2", Title: "乙项", Max: 20}}}}}
	var units []domain.Unit
	var sums, prev []domain.AssessmentSummary
	var results []domain.RoundResult
	for i, x := range []struct {
		name   string
		a1, a2 float64
		st     domain.AssessmentStatus
	}{{"甲", 10, 18, domain.Approved}, {"乙", 5, 20, domain.Submitted}, {"丙", 10, 10, domain.Submitted}, {"丁", 0, 10, domain.Submitted}, {"戊", 0, 0, domain.Draft}} {
		u := domain.Unit{ID: int64(i + 1), Name: x.name, Type: "分县局"}
		units = append(units, u)
		final := x.a1 + x.a2
		sums = append(sums, domain.AssessmentSummary{Assessment: domain.Assessment{ID: u.ID, Unit: u, Status: x.st}, Final: final, ReviewedFinal: final, Total: 30})
		res := &domain.Result{Final: final, Categories: []domain.CategoryScore{{ID: "A", Score: final, Max: 30}},
			Items: []domain.ItemScore{{ID: "A1", Score: x.a1, Max: 10, Status: domain.StatusAnswered}, {ID: "A2", Score: x.a2, Max: 20, Status: domain.StatusAnswered}}}
		results = append(results, domain.RoundResult{AssessmentID: u.ID, Unit: u, Status: x.st, Own: res, Reviewed: res})
	}
	prev = []domain.AssessmentSummary{
		{Assessment: domain.Assessment{ID: 11, Unit: units[0], Status: domain.Approved}, Final: 20, ReviewedFinal: 20, Total: 30},
		{Assessment: domain.Assessment{ID: 12, Unit: units[1], Status: domain.Approved}, Final: 30, ReviewedFinal: 30, Total: 30},
	}
	opt := domain.RankOptions{TypeOrder: cat.UnitTypes}
	return report.RoundInput{Catalog: cat, Round: "2026-Q3", Date: "2026-10-08",
		Groups:  domain.RankRound(units, sums, prev, opt),
		Results: results,
		History: []report.RoundRanking{{Round: "2026-Q2", Groups: domain.RankRound(units, prev, nil, opt)}}}
}

func TestBuildRound(t *testing.T) {
	doc := report.BuildRound(roundInput())
	if doc.Title != "《测试指标》2026-Q3 排名通报" {
		t.Errorf("Title = %q", doc.Title)
	}
	if len(doc.Groups) != 1 || doc.Groups[0].Name != "分县局" {
		t.Fatalf("groups %+v", doc.Groups)
	}
	var got []string
	for _, r := range doc.Groups[0].Rows {
		got = append(got, r.Rank+" "+r.Unit+" "+r.Score+" "+r.Basis+" "+r.Change)
	}
	want := []string{"1 甲 28 审定 ↑1", "2 乙 25 自评 ↓1", "3 丙 20 自评 ", "4 丁 10 自评 ", "— 戊 0 自评 "}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("ranking\n%q\nwant\n%q", got, want)
		}
	}
	t.Run("bottom three of four", func(t *testing.T) {
		if len(doc.Bottom) != 3 || doc.Bottom[0].Unit != "乙" || doc.Bottom[2].Unit != "丁" {
			t.Errorf("bottom %+v", doc.Bottom)
		}
	})
	t.Run("the matrix and the common losses leave the draft out", func(t *testing.T) {
		if len(doc.Matrix) != 4 || doc.Matrix[0].Unit != "甲" || doc.Matrix[3].Unit != "丁" {
			t.Fatalf("matrix %+v", doc.Matrix)
		}
		if r := doc.Matrix[1].Rates[0]; math.Abs(r-25.0/30) > 1e-9 {
			t.Errorf("乙 A = %v, want 25/30", r)
		}
		// A2: 甲 lost 2, 丙 10, 丁 10: three of four, average 22/4 = 5.5.
		// A1: 乙 lost 5, 丁 10: two of four, average 3.75.
		if len(doc.CommonLosses) != 2 {
			t.Fatalf("common losses %+v", doc.CommonLosses)
		}
		a2, a1 := doc.CommonLosses[0], doc.CommonLosses[1]
		if a2.ItemID != "A2" || a2.Losing != 3 || a2.Units != 4 || a2.AvgLoss != 5.5 || a2.MaxLoss != 10 {
			t.Errorf("A2 = %+v", a2)
		}
		if a1.ItemID != "A1" || a1.Losing != 2 || a1.AvgLoss != 3.75 {
			t.Errorf("A1 = %+v", a1)
		}
	})
	t.Run("trend: the group's average of ranked units per round", func(t *testing.T) {
		if len(doc.TrendRounds) != 2 || doc.TrendRounds[0] != "2026-Q2" || len(doc.Trend) != 1 {
			t.Fatalf("trend %v %+v", doc.TrendRounds, doc.Trend)
		}
		// Q2: (20+30)/2 = 25; Q3: (28+25+20+10)/4 = 20.75.
		if v := doc.Trend[0].Values; v[0] != 25 || v[1] != 20.75 {
			t.Errorf("trend values %v, want [25 20.75]", v)
		}
	})
}
