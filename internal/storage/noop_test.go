package storage_test

import (
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// trail counts every audit entry: the assessments', the units' and those
// about neither (rounds, catalogs).
func trail(t *testing.T, s *storage.Store, assessments []int64, units []int64) int {
	t.Helper()
	n := 0
	for _, id := range append([]int64{0}, assessments...) {
		es, err := s.Audit(ctx, id)
		mustOK(t, err)
		n += len(es)
	}
	for _, id := range units {
		es, err := s.UnitAudit(ctx, id)
		mustOK(t, err)
		n += len(es)
	}
	return n
}

// TestNoOpWritesNothing repeats every kind of write with what is stored
// already: the second time nothing may be written — no audit entry, no new
// update time — while the first time is recorded.
func TestNoOpWritesNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		clock := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
		a := storagetest.Fixture(t, s)
		sub := &domain.Assessment{Unit: a.Unit, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
		mustOK(t, s.CreateAssessment(ctx, sub))
		fill(t, s, sub.ID, storagetest.FullAnswers())
		mustOK(t, s.Submit(ctx, sub.ID))
		ids, units := []int64{a.ID, sub.ID}, []int64{a.Unit.ID}
		big := strings.Repeat("说明", 1<<18) // a 1.5 MB note
		set := &domain.AnswerSet{Catalog: "test@1", Answers: storagetest.FullAnswers(), Vetoes: []string{"V1"}}
		set.Answers["A1"] = domain.Answer{Met: domain.Bool(true), Note: big}

		writes := []struct {
			name string
			do   func() error
		}{
			{"SaveAnswer", func() error {
				_, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "全部"})
				return err
			}},
			{"SetVetoes", func() error { _, err := s.SetVetoes(ctx, a.ID, []string{"V1", "V1"}); return err }},
			{"ImportAnswers", func() error { return s.ImportAnswers(ctx, a.ID, set) }},
			{"SaveReview", func() error {
				_, err := s.SaveReview(ctx, sub.ID, "A2", domain.Review{Score: domain.Float(10), Comment: "部分"})
				return err
			}},
			{"ClearAbsentReview", func() error { _, err := s.SaveReview(ctx, sub.ID, "A3", domain.Review{}); return err }},
			{"UpdateUnit", func() error {
				u := a.Unit
				u.Code = "110101"
				return s.UpdateUnit(ctx, &u)
			}},
			{"SaveRound", func() error {
				return s.SaveRound(ctx, domain.Round{Name: "2026-Q3",
					Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)})
			}},
			{"AddEvidence", func() error {
				_, err := s.AddEvidence(ctx, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF-1.4 制度"))
				return err
			}},
			{"ImportCatalog", func() error { _, _, err := s.ImportCatalog(ctx, storagetest.Catalog()); return err }},
		}
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				mustOK(t, w.do()) // the first time may change something
				n := trail(t, s, ids, units)
				ws, err := s.OpenAssessment(ctx, a.ID)
				mustOK(t, err)
				evs, err := s.ListEvidence(ctx, a.ID, "")
				mustOK(t, err)
				for i := 0; i < 3; i++ {
					mustOK(t, w.do())
				}
				if got := trail(t, s, ids, units); got != n {
					t.Errorf("repeating the same %s wrote %d audit entries", w.name, got-n)
				}
				ws2, err := s.OpenAssessment(ctx, a.ID)
				mustOK(t, err)
				if !ws2.Assessment.UpdatedAt.Equal(ws.Assessment.UpdatedAt) {
					t.Errorf("repeating the same %s moved the update time %v → %v", w.name,
						ws.Assessment.UpdatedAt, ws2.Assessment.UpdatedAt)
				}
				evs2, err := s.ListEvidence(ctx, a.ID, "")
				mustOK(t, err)
				if len(evs2) != len(evs) {
					t.Errorf("repeating the same %s added %d attachments", w.name, len(evs2)-len(evs))
				}
			})
		}
		t.Run("ImportAuditsOnlyTheChange", func(t *testing.T) {
			changed := *set
			changed.Answers = storagetest.FullAnswers()
			changed.Answers["A1"] = set.Answers["A1"]
			changed.Answers["A2"] = domain.Answer{Level: "无"}
			metaBefore, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			mustOK(t, s.ImportAnswers(ctx, a.ID, &changed))
			es, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			last := es[len(es)-1]
			if last.Action != "import" || !strings.Contains(last.After, "无") {
				t.Fatalf("last entry %+v, want the import changing A2", last)
			}
			ws2, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			for id, m := range metaBefore.Meta {
				if id != "A2" && ws2.Meta[id] != m {
					t.Errorf("the import changed only A2 but rewrote %s: %+v → %+v", id, m, ws2.Meta[id])
				}
			}
			if ws2.Meta["A2"] == metaBefore.Meta["A2"] {
				t.Error("the changed answer A2 kept its old update stamp")
			}
			if len(last.Before)+len(last.After) > 2000 {
				t.Errorf("an import changing one answer recorded %d bytes: the unchanged 1.5 MB note went into the trail",
					len(last.Before)+len(last.After))
			}
		})
	})
}
