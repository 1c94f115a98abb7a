package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestListAssessments_AwaitsRound: a summary of an assessment whose catalog
// compares units says its final is the unit's own (待全市汇总后计分); one of
// a catalog without such rules does not.
func TestListAssessments_AwaitsRound(t *testing.T) {
	s := storagetest.Open(t)
	ctx := domain.WithActor(context.Background(), "tester")
	plain := storagetest.Fixture(t, s)
	cat := storagetest.RoundCatalog(t)
	a := storagetest.FixtureWith(t, s, cat, &domain.Unit{Name: "某某派出所", Type: "派出所", Superior: "某某区公安分局"})
	list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]bool{}
	for _, sum := range list {
		got[sum.ID] = sum.AwaitsRound
	}
	if !got[a.ID] || got[plain.ID] || len(got) != 2 {
		t.Errorf("awaits: %v, want %d true and %d false", got, a.ID, plain.ID)
	}

	// Opened again, no catalog is cached: ListAssessments reads them after
	// its rows (an SQLite store has one connection; it hung before).
	s.Close()
	again := storagetest.OpenFile(t, s.Path())
	done := make(chan error, 1)
	go func() {
		list, err := again.ListAssessments(ctx, domain.AssessmentFilter{})
		if err == nil && len(list) != 2 {
			err = fmt.Errorf("%d assessments", len(list))
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("ListAssessments on a store without cached catalogs did not return")
	}
}
