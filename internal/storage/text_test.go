package storage_test

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestInvalidText gives every text that reaches the database, in turn, as
// invalid UTF-8 (and with a NUL): both databases must refuse it the same
// way, EINVALID with a bad_text problem, and store nothing.
func TestInvalidText(t *testing.T) {
	for _, bad := range []string{"原因\xff\xfe", "原因\x00"} {
		t.Run(strings.ToValidUTF8(strings.ReplaceAll(bad, "\x00", "NUL"), "FFFE"), func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, s *storage.Store) {
				a := storagetest.Fixture(t, s)
				sub := &domain.Assessment{Unit: a.Unit, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
				mustOK(t, s.CreateAssessment(ctx, sub))
				fill(t, s, sub.ID, storagetest.FullAnswers())
				mustOK(t, s.Submit(ctx, sub.ID))
				before := trail(t, s, []int64{a.ID, sub.ID}, []int64{a.Unit.ID})
				writes := []struct {
					name string
					do   func() error
				}{
					{"ReturnReason", func() error { return s.Return(ctx, sub.ID, bad) }},
					{"ReviewComment", func() error {
						_, err := s.SaveReview(ctx, sub.ID, "A2", domain.Review{Comment: bad})
						return err
					}},
					{"AnswerNote", func() error {
						_, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{Met: domain.Bool(true), Note: bad})
						return err
					}},
					{"EvidenceName", func() error {
						_, err := s.AddEvidence(ctx, a.ID, "A1", bad+".pdf", strings.NewReader("x"))
						return err
					}},
					{"UnitSuperior", func() error {
						u := a.Unit
						u.Superior = bad
						return s.UpdateUnit(ctx, &u)
					}},
					{"RoundName", func() error { return s.SaveRound(ctx, domain.Round{Name: bad}) }},
					{"Actor", func() error {
						_, err := s.SaveAnswer(domain.WithActor(ctx, bad), a.ID, "A2", domain.Answer{Level: "无"})
						return err
					}},
					{"CatalogTitle", func() error {
						c := storagetest.Catalog()
						c.ID, c.Title = "other", bad
						_, _, err := s.ImportCatalog(ctx, c)
						return err
					}},
				}
				for _, w := range writes {
					t.Run(w.name, func(t *testing.T) {
						err := w.do()
						wantCode(t, err, domain.EINVALID)
						// A name with a NUL is refused as a name with a control character.
						if ps := domain.ErrorProblems(err); len(ps) == 0 ||
							(ps[0].Code != domain.ProbBadText && ps[0].Code != domain.ProbNameChars) {
							t.Errorf("problems %+v, want %s", ps, domain.ProbBadText)
						}
					})
				}
				if got := trail(t, s, []int64{a.ID, sub.ID}, []int64{a.Unit.ID}); got != before {
					t.Errorf("refused writes left %d audit entries", got-before)
				}
			})
		})
	}
}
