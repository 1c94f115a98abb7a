package xlsx

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
)

func TestWriteRound(t *testing.T) {
	cat := &domain.Catalog{ID: "t", Version: "1", Title: "测试指标", Total: 100,
		Categories: []*domain.Category{{ID: "A", Title: "组织领导", Items: []*domain.Item{{ID: "A1", Title: "领导责任", Max: 100}}}}}
	var units []domain.Unit
	var sums []domain.AssessmentSummary
	var results []domain.RoundResult
	for i, x := range []struct {
		name  string
		score float64
	}{{"东城分局", 95}, {"西城分局", 85}, {"南湖分局", 70}} {
		u := domain.Unit{ID: int64(i + 1), Name: x.name, Type: "分县局"}
		units = append(units, u)
		sums = append(sums, domain.AssessmentSummary{Assessment: domain.Assessment{ID: u.ID, Unit: u, Status: domain.Submitted}, Final: x.score, ReviewedFinal: x.score, Total: 100})
		res := &domain.Result{Final: x.score, Categories: []domain.CategoryScore{{ID: "A", Score: x.score, Max: 100}},
			Items: []domain.ItemScore{{ID: "A1", Score: x.score, Max: 100, Status: domain.StatusAnswered}}}
		results = append(results, domain.RoundResult{AssessmentID: u.ID, Unit: u, Status: domain.Submitted, Own: res, Reviewed: res})
	}
	doc := report.BuildRound(report.RoundInput{Catalog: cat, Round: "2026-Q3", Results: results,
		Groups: domain.RankRound(units, sums, nil, domain.RankOptions{})})
	var buf bytes.Buffer
	if err := WriteRound(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lb := doc.Labels
	if got, want := f.GetSheetList(), []string{lb.SheetRanking, lb.SheetMatrix, lb.SheetLosses, lb.SheetTrend}; len(got) != len(want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{lb.SheetRanking, "A4", "分县局"}, {lb.SheetRanking, "B4", "1"}, {lb.SheetRanking, "C4", "东城分局"}, {lb.SheetRanking, "E4", "95.00"},
		{lb.SheetRanking, "C6", "南湖分局"}, {lb.SheetRanking, "H6", "15"},
		{lb.SheetMatrix, "C1", "A 组织领导"}, {lb.SheetMatrix, "A2", "东城分局"}, {lb.SheetMatrix, "C3", "85.00%"},
		{lb.SheetLosses, "A2", "A1"}, {lb.SheetLosses, "C2", "3"},
		{lb.SheetTrend, "B1", "2026-Q3"}, {lb.SheetTrend, "B2", "83.33"},
	} {
		t.Run(tc.sheet+"!"+tc.cell, func(t *testing.T) {
			got, err := f.GetCellValue(tc.sheet, tc.cell)
			if err != nil || got != tc.want {
				t.Errorf("= %q (%v), want %q", got, err, tc.want)
			}
		})
	}
	t.Run("matrix rates banded by conditional formats", func(t *testing.T) {
		cf, err := f.GetConditionalFormats(lb.SheetMatrix)
		if err != nil {
			t.Fatal(err)
		}
		if rules := cf["C2:C4"]; len(rules) != 3 {
			t.Errorf("conditional formats %v, want three bands on C2:C4", cf)
		}
	})
}
