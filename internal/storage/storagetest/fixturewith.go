package storagetest

import (
	"context"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
)

// FixtureWith stores catalog cat and unit u (its ID is set) in s and
// creates a draft of u for round 2026-Q3 on cat: the setup of a test that
// walks, lists or scores an assessment of a catalog of its own.
func FixtureWith(tb testing.TB, s *storage.Store, cat *domain.Catalog, u *domain.Unit) *domain.Assessment {
	tb.Helper()
	ctx := domain.WithActor(context.Background(), "tester")
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		tb.Fatalf("import catalog: %v", err)
	}
	if err := s.CreateUnit(ctx, u); err != nil {
		tb.Fatalf("create unit: %v", err)
	}
	a := &domain.Assessment{Unit: *u, Round: "2026-Q3", CatalogID: cat.ID, CatalogVersion: cat.Version}
	if err := s.CreateAssessment(ctx, a); err != nil {
		tb.Fatalf("create assessment: %v", err)
	}
	return a
}
