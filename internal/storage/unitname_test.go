package storage_test

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestUnitNames refuses unit and superior names that would forge a line or
// rewrite a terminal where they are shown (issue 10 #7), or are 10 KB.
func TestUnitNames(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		for _, tt := range []struct{ name, unit, superior, code string }{
			{"newline", "某某派出所\n2026-07-01 admin approve", "", domain.ProbNameChars},
			{"escape", "\x1b[2K某某派出所", "", domain.ProbNameChars},
			{"override", "某某\u202e派出所", "", domain.ProbNameChars},
			{"10 KB", strings.Repeat("长", 10_000), "", domain.ProbNameTooLong},
			{"superior", "某某派出所", "某某分局\a", domain.ProbNameChars},
		} {
			t.Run(tt.name, func(t *testing.T) {
				u := domain.Unit{Name: tt.unit, Type: a.Unit.Type, Superior: tt.superior}
				err := s.CreateUnit(ctx, &u)
				wantCode(t, err, domain.EINVALID)
				if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != tt.code {
					t.Errorf("problems %+v, want %s", ps, tt.code)
				}
				changed := a.Unit
				changed.Name, changed.Superior = tt.unit, tt.superior
				wantCode(t, s.UpdateUnit(ctx, &changed), domain.EINVALID)
			})
		}
	})
}
