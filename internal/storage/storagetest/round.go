package storagetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
)

// RoundCatalog returns internal/domain/testdata/round.yaml parsed: a
// catalog whose every rule compares the units of a round (R1 ranked, K1–K3
// relative to the group, N1's N/A at the group's average, G1 met), the
// catalog of formats.md §3's worked example. It finds the file from the
// module's root, so a test of any package can call it.
func RoundCatalog(tb testing.TB) *domain.Catalog {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("round catalog: no go.mod above the test's folder")
		}
		dir = up
	}
	path := filepath.Join(dir, "internal", "domain", "testdata", "round.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("round catalog: %v", err)
	}
	cat, err := catalog.Parse("round.yaml", data)
	if err != nil {
		tb.Fatalf("round catalog %s: %v", path, err)
	}
	return cat
}

// RoundAnswers answers RoundCatalog: R1, K1, K2 and K3 with the values
// given, N1 with n1 (met, not met or N/A), G1 met.
func RoundAnswers(r1, k1, k2, k3 float64, n1 domain.Answer) map[string]domain.Answer {
	return map[string]domain.Answer{"R1": {Value: domain.Float(r1)}, "K1": {Value: domain.Float(k1)},
		"K2": {Value: domain.Float(k2)}, "K3": {Value: domain.Float(k3)}, "N1": n1, "G1": {Met: domain.Bool(true)}}
}

// RoundUnit is one 派出所 of a round on RoundCatalog: its name and its
// answers.
type RoundUnit struct {
	Name    string
	Answers map[string]domain.Answer
}

// RoundOfFourUnits returns the four 派出所 of formats.md §3's worked example
// in the order RoundOfFour stores them: 丁派出所 (N1 N/A; 73.17 三级 once
// the round is scored whole, 11.5 alone), then 甲, 乙 and 丙派出所.
func RoundOfFourUnits() []RoundUnit {
	met := func(b bool) domain.Answer { return domain.Answer{Met: domain.Bool(b)} }
	return []RoundUnit{
		{"丁派出所", RoundAnswers(85, 50, 0, 8, domain.Answer{NA: true, Reason: "本所无此项职能"})},
		{"甲派出所", RoundAnswers(90, 100, 50, 10, met(true))},
		{"乙派出所", RoundAnswers(80, 90, 40, 9, met(false))},
		{"丙派出所", RoundAnswers(85, 90, 25, 8, met(true))},
	}
}

// RoundOfFour stores in s RoundCatalog and the four submitted 派出所 of
// RoundOfFourUnits (units of 某某区公安分局, round 2026-Q3): 丁派出所's
// unit and draft as FixtureWith stores them, everything else as ctx's
// user. It returns their assessments in that order, 丁派出所's first.
func RoundOfFour(tb testing.TB, ctx context.Context, s *storage.Store) []*domain.Assessment {
	tb.Helper()
	four := RoundOfFourUnits()
	first := FixtureWith(tb, s, RoundCatalog(tb), &domain.Unit{Name: four[0].Name, Type: "派出所", Superior: "某某区公安分局"})
	Answer(tb, ctx, s, first, four[0].Answers, true)
	all := []*domain.Assessment{first}
	for _, u := range four[1:] {
		all = append(all, AddToRound(tb, ctx, s, first, u.Name, first.Round, u.Answers, true))
	}
	return all
}

// AddToRound stores, as ctx's user, an assessment of the 派出所 name of
// 某某区公安分局 for round on like's catalog with answers, and submits it
// when submit is set. The unit is like's when name is its name, otherwise
// a new unit. It returns the assessment.
func AddToRound(tb testing.TB, ctx context.Context, s *storage.Store, like *domain.Assessment, name, round string, answers map[string]domain.Answer, submit bool) *domain.Assessment {
	tb.Helper()
	u := like.Unit
	if name != like.Unit.Name {
		u = domain.Unit{Name: name, Type: "派出所", Superior: "某某区公安分局"}
		if err := s.CreateUnit(ctx, &u); err != nil {
			tb.Fatalf("create unit %s: %v", name, err)
		}
	}
	a := &domain.Assessment{Unit: u, Round: round, CatalogID: like.CatalogID, CatalogVersion: like.CatalogVersion}
	if err := s.CreateAssessment(ctx, a); err != nil {
		tb.Fatalf("create assessment of %s: %v", name, err)
	}
	Answer(tb, ctx, s, a, answers, submit)
	return a
}

// Answer imports answers into a as ctx's user and submits a when submit
// is set.
func Answer(tb testing.TB, ctx context.Context, s *storage.Store, a *domain.Assessment, answers map[string]domain.Answer, submit bool) {
	tb.Helper()
	if err := s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: answers}); err != nil {
		tb.Fatalf("answer %s: %v", a.Unit.Name, err)
	}
	if submit {
		if err := s.Submit(ctx, a.ID); err != nil {
			tb.Fatalf("submit %s: %v", a.Unit.Name, err)
		}
	}
}
