package roundview_test

import (
	"context"
	"fmt"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/roundview"
)

// fakeRound is the services a round view reads, held in memory.
type fakeRound struct {
	domain.UnitService       // only ListUnits
	domain.CatalogService    // only FindCatalog
	domain.AssessmentService // only ListAssessments
	units                    []domain.Unit
	catalog                  *domain.Catalog
	summaries                []domain.AssessmentSummary
	results                  []domain.RoundResult
}

func (f *fakeRound) ListUnits(context.Context) ([]domain.Unit, error) { return f.units, nil }
func (f *fakeRound) FindCatalog(context.Context, string) (*domain.Catalog, error) {
	return f.catalog, nil
}
func (f *fakeRound) ListAssessments(context.Context, domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	return f.summaries, nil
}
func (f *fakeRound) RoundResults(context.Context, string, string) ([]domain.RoundResult, error) {
	return f.results, nil
}

// TestLoadScoresTheRound: a catalog with rank items is ranked on the
// figures of the round (scored with the group), not on each unit's own
// low end, and the summaries the ranking reads carry them.
func TestLoadScoresTheRound(t *testing.T) {
	c := &domain.Catalog{ID: "rank", Version: "1", Title: "排名", Total: 100,
		Grades: []domain.GradeBand{{Min: 95, Grade: "一级", Quota: domain.Float(0.5)}, {Min: 0, Grade: "二级"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
			{ID: "K", Title: "排名", Max: 60, Method: domain.MethodNumeric, Rank: &domain.RankRule{Points: []float64{60, 50, 40}}},
			{ID: "G", Title: "g", Max: 40, Method: domain.MethodCheck}}}}}
	f := &fakeRound{catalog: c}
	for i, v := range []float64{10, 30, 20} { // ranks 3, 1, 2
		u := domain.Unit{ID: int64(i + 1), Name: fmt.Sprintf("单位%d", i+1), Type: "派出所"}
		set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Type: u.Type},
			Answers: map[string]domain.Answer{"K": {Value: domain.Float(v)}, "G": {Met: domain.Bool(true)}}}
		own := domain.Score(c, set, domain.Options{})
		f.units = append(f.units, u)
		a := domain.Assessment{ID: int64(i + 1), Unit: u, Round: "2026", CatalogID: c.ID, CatalogVersion: c.Version, Status: domain.Submitted}
		f.summaries = append(f.summaries, domain.AssessmentSummary{Assessment: a, Final: own.Final, Total: 100, Grade: own.Grade,
			ReviewedFinal: own.Final, ReviewedGrade: own.Grade})
		f.results = append(f.results, domain.RoundResult{AssessmentID: a.ID, Unit: u, Status: a.Status, Own: own, Reviewed: own, Answers: set})
	}
	d, err := roundview.Load(context.Background(), roundview.Source{Units: f, Catalogs: f, Assessments: f, Round: f}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	rows := d.Rank(false)[0].Rows
	for i, want := range []struct {
		unit  int64
		score float64
		grade string
	}{{2, 100, "一级"}, {3, 90, "二级"}, {1, 80, "二级"}} {
		if r := rows[i]; r.Unit.ID != want.unit || r.Score != want.score || r.Grade != want.grade || r.Rank != i+1 {
			t.Errorf("place %d: unit %d %v %s (rank %d), want unit %d %v %s", i+1, r.Unit.ID, r.Score, r.Grade, r.Rank, want.unit, want.score, want.grade)
		}
	}
	if rr := d.ResultOf("2026", 1); rr == nil || rr.Own.AwaitsRound || rr.Own.Final != 80 {
		t.Errorf("unit 1's result %+v, want 80 with the round", rr)
	}
	ws := &domain.Workspace{Catalog: c, Assessment: f.summaries[0].Assessment, Answers: f.results[0].Answers}
	peers, err := roundview.PeersOf(context.Background(), roundview.Source{Units: f, Catalogs: f, Assessments: f, Round: f}, ws)
	if err != nil || peers == nil {
		t.Fatalf("peers %v (%v)", peers, err)
	}
	if r := domain.Score(c, ws.Answers, domain.Options{Peers: peers}); r.Final != 80 || r.AwaitsRound {
		t.Errorf("unit 1 scored with its peers: %v (awaits %v), want 80", r.Final, r.AwaitsRound)
	}
	if f.results[0].Own.Final != 40 || !f.results[0].Own.AwaitsRound {
		t.Errorf("alone, unit 1 scored %v (awaits %v), want the low end 40", f.results[0].Own.Final, f.results[0].Own.AwaitsRound)
	}
}

// TestLoadLeavesAGroupOfOneWaiting: a unit whose peer group ranks no other
// unit (a unit's own database, or the only one of its group submitted) is
// not scored against itself — first of one, at its own average — but keeps
// its own figures waiting for the round, and PeersOf gives its report no
// peer facts, as domain.StandingOf gives no standing; once a second unit
// of the group is in, both are scored with the group (Scored gives them).
func TestLoadLeavesAGroupOfOneWaiting(t *testing.T) {
	c := &domain.Catalog{ID: "rank", Version: "1", Title: "排名", Total: 100,
		Grades: []domain.GradeBand{{Min: 90, Grade: "一级"}, {Min: 0, Grade: "二级"}},
		Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
			{ID: "K", Title: "排名", Max: 60, Method: domain.MethodNumeric, Rank: &domain.RankRule{Points: []float64{60, 50, 40}}},
			{ID: "G", Title: "g", Max: 40, Method: domain.MethodCheck}}}}}
	add := func(f *fakeRound, id int64, typ string, v float64, status domain.AssessmentStatus) {
		u := domain.Unit{ID: id, Name: fmt.Sprintf("单位%d", id), Type: typ}
		set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Type: u.Type},
			Answers: map[string]domain.Answer{"K": {Value: domain.Float(v)}, "G": {Met: domain.Bool(true)}}}
		own := domain.Score(c, set, domain.Options{})
		f.units = append(f.units, u)
		a := domain.Assessment{ID: id, Unit: u, Round: "2026", CatalogID: c.ID, CatalogVersion: c.Version, Status: status}
		f.summaries = append(f.summaries, domain.AssessmentSummary{Assessment: a, Final: own.Final, Total: 100, Grade: own.Grade,
			ReviewedFinal: own.Final, ReviewedGrade: own.Grade, AwaitsRound: true})
		f.results = append(f.results, domain.RoundResult{AssessmentID: id, Unit: u, Status: status, Own: own, Reviewed: own, Answers: set})
	}
	for _, tc := range []struct {
		name  string
		setup func(f *fakeRound)
		alone bool // unit 1 waits for the round
	}{
		{"alone in its database", func(f *fakeRound) { add(f, 1, "派出所", 30, domain.Submitted) }, true},
		{"the group's other unit a draft", func(f *fakeRound) {
			add(f, 1, "派出所", 30, domain.Submitted)
			add(f, 2, "派出所", 20, domain.Draft)
		}, true},
		{"another group's unit", func(f *fakeRound) {
			add(f, 1, "派出所", 30, domain.Submitted)
			add(f, 2, "分县局", 20, domain.Submitted)
		}, true},
		{"two of the group", func(f *fakeRound) {
			add(f, 1, "派出所", 30, domain.Submitted)
			add(f, 2, "派出所", 20, domain.Approved)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeRound{catalog: c}
			tc.setup(f)
			src := roundview.Source{Units: f, Catalogs: f, Assessments: f, Round: f}
			d, err := roundview.Load(context.Background(), src, "2026", c.ID)
			if err != nil {
				t.Fatal(err)
			}
			rr := d.ResultOf("2026", 1)
			if rr == nil {
				t.Fatal("no result of unit 1")
			}
			if got := rr.Own.AwaitsRound || rr.Peers == nil; got != tc.alone {
				t.Errorf("unit 1 %v (awaits %v, peers %v): waiting %v, want %v", rr.Own.Final, rr.Own.AwaitsRound, rr.Peers != nil, got, tc.alone)
			}
			ws := &domain.Workspace{Catalog: c, Assessment: f.summaries[0].Assessment, Answers: f.results[0].Answers}
			peers, err := roundview.PeersOf(context.Background(), src, ws)
			if err != nil {
				t.Fatal(err)
			}
			if (peers == nil) != tc.alone {
				t.Errorf("PeersOf gives %v; want facts only with a group of two or more", peers)
			}
			scored, err := roundview.Scored(context.Background(), src, "2026", c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if r, ok := scored[1]; ok == tc.alone || ok && (r.Own.AwaitsRound || r.Own.Final != rr.Own.Final) {
				t.Errorf("Scored gives unit 1: %v (%+v); want it only with a group of two or more, with the round's %v", ok, r.Own, rr.Own.Final)
			}
			for _, g := range d.Rank(false) {
				for _, r := range g.Rows {
					if r.Unit.ID == 1 && tc.alone && r.Score != 40 {
						t.Errorf("unit 1 ranks with %v, want its own low end 40", r.Score)
					}
				}
			}
		})
	}
}
