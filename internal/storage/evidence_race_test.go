package storage_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// drafts returns n drafts of the fixture's unit for rounds R0…, the first
// being the fixture itself.
func drafts(t *testing.T, s *storage.Store, n int) []int64 {
	t.Helper()
	a := storagetest.Fixture(t, s)
	ids := []int64{a.ID}
	for i := 1; i < n; i++ {
		b := &domain.Assessment{Unit: a.Unit, Round: fmt.Sprintf("2027-R%d", i), CatalogID: "test", CatalogVersion: "1"}
		mustOK(t, s.CreateAssessment(ctx, b))
		ids = append(ids, b.ID)
	}
	return ids
}

// TestEvidence_ConcurrentSameContent attaches the same new content to
// several assessments at the same moment, from separate transactions (on
// PostgreSQL separate connections): every attach must succeed and the
// content be stored once. It also removes and attaches one content at once,
// which must never leave an attachment without its content.
func TestEvidence_ConcurrentSameContent(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		const n = 8
		ids := drafts(t, s, n)
		for round := 0; round < 5; round++ {
			content := []byte(fmt.Sprintf("%%PDF-1.4 round %d %s", round, strings.Repeat("x", 64<<10)))
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make([]error, n)
			for i, id := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, errs[i] = s.AddEvidence(ctx, id, "A1", fmt.Sprintf("制度-%d.pdf", round), bytes.NewReader(content))
				}()
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("round %d: attach to assessment %d: %v", round, ids[i], err)
				}
			}
		}
		for _, id := range ids {
			evs, err := s.ListEvidence(ctx, id, "A1")
			mustOK(t, err)
			if len(evs) != 5 {
				t.Errorf("assessment %d has %d files, want 5", id, len(evs))
			}
		}

		t.Run("RemoveWhileAttaching", func(t *testing.T) {
			for round := 0; round < 10; round++ {
				content := []byte(fmt.Sprintf("shared %d", round))
				old, err := s.AddEvidence(ctx, ids[0], "A2", "x.txt", bytes.NewReader(content))
				mustOK(t, err)
				var wg sync.WaitGroup
				start := make(chan struct{})
				var addErr, rmErr error
				var added *domain.Evidence
				wg.Add(2)
				go func() { defer wg.Done(); <-start; rmErr = s.RemoveEvidence(ctx, old.ID) }()
				go func() {
					defer wg.Done()
					<-start
					added, addErr = s.AddEvidence(ctx, ids[1], "A2", "x.txt", bytes.NewReader(content))
				}()
				close(start)
				wg.Wait()
				if rmErr != nil || addErr != nil {
					t.Fatalf("round %d: remove: %v; attach: %v", round, rmErr, addErr)
				}
				got, err := s.EvidenceContent(ctx, added.ID)
				if err != nil || !bytes.Equal(got, content) {
					t.Fatalf("round %d: the new attachment lost its content: %q, %v", round, got, err)
				}
			}
		})
	})
}
