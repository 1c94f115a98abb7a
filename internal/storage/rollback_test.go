package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// TestRollback makes the last statement of each write fail (the audit
// entry) and checks that nothing of the write remains.
func TestRollback(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pingce.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var fail atomic.Bool
	injected := errors.New("injected failure")
	err = s.db.Callback().Create().Before("gorm:create").Register("test:fail_audit", func(db *gorm.DB) {
		if fail.Load() && db.Statement.Table == "audit" {
			db.AddError(injected)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	cat := &domain.Catalog{ID: "c", Version: "1", Title: "c", Total: 20, Vetoes: []domain.Veto{{ID: "V1", Title: "v"}},
		Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
			{ID: "A1", Title: "a", Max: 10, Method: domain.MethodCheck},
			{ID: "A2", Title: "b", Max: 10, Method: domain.MethodCheck}}}}}
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	u := &domain.Unit{Name: "甲", Type: "市局"}
	if err := s.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &domain.Assessment{Unit: *u, Round: "R", CatalogID: "c", CatalogVersion: "1"}
	if err := s.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{Met: domain.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	ev, err := s.AddEvidence(ctx, a.ID, "A1", "a.txt", strings.NewReader("a"))
	if err != nil {
		t.Fatal(err)
	}
	snapshot := func() (*domain.Workspace, []domain.AssessmentSummary) {
		ws, err := s.OpenAssessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return ws, list
	}
	for _, tc := range []struct {
		name  string
		write func() error
	}{
		{"SaveAnswer", func() error {
			_, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Met: domain.Bool(true)})
			return err
		}},
		{"ClearAnswer", func() error { _, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{}); return err }},
		{"SetVetoes", func() error { _, err := s.SetVetoes(ctx, a.ID, []string{"V1"}); return err }},
		{"ImportAnswers", func() error {
			return s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: map[string]domain.Answer{"A2": {Met: domain.Bool(false)}}})
		}},
		{"AddEvidence", func() error {
			_, err := s.AddEvidence(ctx, a.ID, "A2", "b.txt", strings.NewReader("new content"))
			return err
		}},
		{"RemoveEvidence", func() error { return s.RemoveEvidence(ctx, ev.ID) }},
		{"Submit", func() error { return s.Submit(ctx, a.ID) }},
		{"DeleteAssessment", func() error { return s.DeleteAssessment(ctx, a.ID) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "Submit" { // answer everything, so that only the failure stops it
				if _, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Met: domain.Bool(false)}); err != nil {
					t.Fatal(err)
				}
			}
			wsBefore, listBefore := snapshot()
			fail.Store(true)
			err := tc.write()
			fail.Store(false)
			if !errors.Is(err, injected) {
				t.Fatalf("error %v, want the injected failure", err)
			}
			wsAfter, listAfter := snapshot()
			if !reflect.DeepEqual(wsBefore.Answers, wsAfter.Answers) || !reflect.DeepEqual(wsBefore.Evidence, wsAfter.Evidence) ||
				!reflect.DeepEqual(wsBefore.Assessment, wsAfter.Assessment) || !reflect.DeepEqual(listBefore, listAfter) {
				t.Errorf("a failed %s changed the data", tc.name)
			}
			if probs, err := s.Check(ctx); err != nil || len(probs) > 0 {
				t.Errorf("check: %v %v", probs, err)
			}
		})
	}
	t.Run("CacheAfterFailure", func(t *testing.T) {
		// The failed writes must not have left their rows in the answer cache.
		res, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Met: domain.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != 2 {
			t.Errorf("answered %d, want 2", res.Answered)
		}
	})
}
