package roundview_test

import (
	"context"
	"testing"

	"pingce/internal/demo"
	"pingce/internal/domain"
	"pingce/internal/roundview"
	"pingce/internal/storage/storagetest"
)

func TestStandingOf(t *testing.T) {
	s := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "测试员", Roles: domain.Roles})
	if _, err := demo.Fill(ctx, demo.Stores{Units: s, Catalogs: s, Assessments: s, Answers: s, Reviews: s, Evidence: s}, demo.Bureau(1)); err != nil {
		t.Fatal(err)
	}
	src := roundview.Source{Units: s, Catalogs: s, Assessments: s, Round: s, Rounds: s, Settings: s}
	d, err := roundview.Load(ctx, src, "2026-Q3", "")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, g := range d.Rank(false) {
		ranked := 0
		for _, r := range g.Rows {
			if r.Rank > 0 {
				ranked++
			}
		}
		for _, r := range g.Rows {
			if r.AssessmentID == 0 || (r.Rank == 0 && checked > 0) {
				continue
			}
			ws, err := s.OpenAssessment(ctx, r.AssessmentID)
			if err != nil {
				t.Fatal(err)
			}
			st, err := roundview.StandingOf(ctx, src, ws)
			if err != nil {
				t.Fatal(err)
			}
			if ranked < 2 {
				if st != nil {
					t.Errorf("%s: a standing in a group ranking %d unit(s)", r.Unit.Name, ranked)
				}
				continue
			}
			if st == nil || st.Rank != r.Rank || st.Ranked != ranked || st.Group != g.Name || st.Target != nil {
				t.Errorf("%s: standing %+v, want rank %d of %d in %s", r.Unit.Name, st, r.Rank, ranked, g.Name)
			}
			checked++
		}
	}
	if checked < 5 {
		t.Errorf("checked %d units", checked)
	}
	t.Run("with a target", func(t *testing.T) {
		g := d.Rank(false)[1] // 分县局
		last := g.Rows[0]
		for _, r := range g.Rows {
			if r.Rank > last.Rank {
				last = r
			}
		}
		if err := s.SaveRoundSettings(ctx, domain.RoundSettings{Round: "2026-Q3", Targets: []domain.UnitTarget{{UnitID: last.Unit.ID, Rank: 1}}}); err != nil {
			t.Fatal(err)
		}
		ws, err := s.OpenAssessment(ctx, last.AssessmentID)
		if err != nil {
			t.Fatal(err)
		}
		st, err := roundview.StandingOf(ctx, src, ws)
		if err != nil || st == nil || st.Target == nil || st.Target.Met || st.Target.Lacks != domain.Round2(g.Rows[0].Score-last.Score) || len(st.Target.Items) == 0 {
			t.Fatalf("standing %+v (%v); want a target 1 short by %v", st, err, g.Rows[0].Score-last.Score)
		}
	})
}
