package storage_test

import (
	"context"
	"testing"

	"pingce/internal/demo"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func TestStore_RoundResults(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		ctx := domain.WithUser(context.Background(), domain.User{Name: "测试员", Roles: domain.Roles})
		if _, err := demo.Fill(ctx, demo.Stores{Units: s, Catalogs: s, Assessments: s, Answers: s, Reviews: s, Evidence: s}, demo.Bureau(1)); err != nil {
			t.Fatal(err)
		}
		list, err := s.ListAssessments(ctx, domain.AssessmentFilter{Round: "2026-Q3"})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]domain.AssessmentSummary{}
		for _, a := range list {
			byID[a.ID] = a
		}
		t.Run("OK", func(t *testing.T) {
			rs, err := s.RoundResults(ctx, "2026-Q3", "demo-city-ref")
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != len(list) || len(rs) == 0 {
				t.Fatalf("%d results, %d assessments in the round", len(rs), len(list))
			}
			reviewed := 0
			for i, r := range rs {
				sum, ok := byID[r.AssessmentID]
				if !ok {
					t.Fatalf("result for assessment %d, not of the round", r.AssessmentID)
				}
				// The cached summary was scored by the same rules at every write.
				if r.Own.Final != sum.Final || r.Reviewed.Final != sum.ReviewedFinal || r.Own.Grade != sum.Grade {
					t.Errorf("%s: own %v/%s reviewed %v, summary %v/%s reviewed %v", r.Unit.Name,
						r.Own.Final, r.Own.Grade, r.Reviewed.Final, sum.Final, sum.Grade, sum.ReviewedFinal)
				}
				if r.Status != sum.Status || r.Unit.Name != sum.Unit.Name || r.Unit.Type != sum.Unit.Type {
					t.Errorf("assessment %d: %s %s/%s, summary %s %s/%s", r.AssessmentID, r.Status, r.Unit.Name, r.Unit.Type, sum.Status, sum.Unit.Name, sum.Unit.Type)
				}
				if r.Reviewed.Final != r.Own.Final {
					reviewed++
				}
				if i > 0 && rs[i-1].Unit.Name > r.Unit.Name {
					t.Errorf("not by unit name: %s before %s", rs[i-1].Unit.Name, r.Unit.Name)
				}
			}
			if reviewed == 0 {
				t.Error("no assessment with reviewer's points in the bureau demo")
			}
		})
		t.Run("an empty round", func(t *testing.T) {
			rs, err := s.RoundResults(ctx, "2031-Q1", "demo-city-ref")
			if err != nil || len(rs) != 0 {
				t.Fatalf("%d results, %v", len(rs), err)
			}
		})
	})
}
