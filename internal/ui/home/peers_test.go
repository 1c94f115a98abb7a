package home

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/roundview"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// TestListScoresWithTheRoundsFacts: on the unit's side, an assessment of
// a catalog that compares units shows 待汇总 while alone; once the lead's
// review package brought the round's peer facts, the list shows the final
// score and grade the walk-through and the report show (73.17 三级 of
// formats.md §3's worked example), not 待汇总.
func TestListScoresWithTheRoundsFacts(t *testing.T) {
	h := newHarness(t)
	cat := storagetest.RoundCatalog(t)
	user := func(name string) context.Context {
		return domain.WithUser(context.Background(), domain.User{Name: name, Roles: domain.Roles})
	}
	services := func(st *storage.Store) exchange.Services {
		return exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st, Units: st, Profile: st, Tasks: st, Store: st,
			Standing: func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
				return roundview.StandingOf(ctx, roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}, ws)
			}}
	}
	dir := t.TempDir()

	// The unit alone: submitted, its own figures wait for the round.
	uctx := user("张三")
	a := storagetest.FixtureWith(t, h.store, cat, &domain.Unit{Name: "丁派出所", Type: "派出所", Superior: "某某区公安分局"})
	mine := storagetest.RoundAnswers(85, 50, 0, 8, domain.Answer{NA: true, Reason: "本所无此项职能"})
	if err := h.store.ImportAnswers(uctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: mine}); err != nil {
		t.Fatal(err)
	}
	if err := h.store.Submit(uctx, a.ID); err != nil {
		t.Fatal(err)
	}
	h.reload()
	if got := h.cell(0, 5); got != h.awaits(h.home.Shown()[0].Final) {
		t.Fatalf("alone, the score cell says %q; want the own score awaiting the round", got)
	}

	// The lead ranks the round (three more 派出所) and approves it.
	sub := filepath.Join(dir, "s.pingce")
	if _, err := services(h.store).Export(uctx, a.ID, sub, "", nil, false); err != nil {
		t.Fatal(err)
	}
	lead, lctx := storagetest.Open(t), user("刘建国")
	_, got, err := services(lead).Import(lctx, sub, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	met := func(b bool) domain.Answer { return domain.Answer{Met: domain.Bool(b)} }
	for i, ans := range []map[string]domain.Answer{storagetest.RoundAnswers(90, 100, 50, 10, met(true)), storagetest.RoundAnswers(80, 90, 40, 9, met(false)),
		storagetest.RoundAnswers(85, 90, 25, 8, met(true))} {
		u := &domain.Unit{Name: []string{"甲派出所", "乙派出所", "丙派出所"}[i], Type: "派出所", Superior: "某某区公安分局"}
		if err := lead.CreateUnit(lctx, u); err != nil {
			t.Fatal(err)
		}
		pa := &domain.Assessment{Unit: *u, Round: a.Round, CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}
		if err := lead.CreateAssessment(lctx, pa); err != nil {
			t.Fatal(err)
		}
		if err := lead.ImportAnswers(lctx, pa.ID, &domain.AnswerSet{Catalog: pa.CatalogRef(), Answers: ans}); err != nil {
			t.Fatal(err)
		}
		if err := lead.Submit(lctx, pa.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, it := range cat.Items() {
		if _, err := lead.SaveReview(lctx, got.AssessmentID, it.ID, domain.Review{Verdict: domain.VerdictAccept}); err != nil {
			t.Fatal(err)
		}
	}
	if err := lead.Approve(lctx, got.AssessmentID); err != nil {
		t.Fatal(err)
	}
	rev := filepath.Join(dir, "r.pingce")
	if _, err := services(lead).Export(lctx, got.AssessmentID, rev, "", nil, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := services(h.store).Import(uctx, rev, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false); err != nil {
		t.Fatal(err)
	}

	h.reload()
	ws, err := h.store.OpenAssessment(uctx, a.ID)
	if err != nil || ws.Peers == nil {
		t.Fatalf("the unit's workspace after the review: peers %v, %v", ws.Peers, err)
	}
	r := ws.Result()
	if r.AwaitsRound || r.Final != 73.17 || r.Grade != "三级" {
		t.Fatalf("the walk's final %v %s (awaits %v), want 73.17 三级", r.Final, r.Grade, r.AwaitsRound)
	}
	if got, grade := h.cell(0, 5), h.cell(0, 6); got != "73.17" || grade != "三级" {
		t.Errorf("with the round's facts the row says %q %q, want 73.17 三级 as the walk", got, grade)
	}
	if s := h.home.Shown()[0]; s.AwaitsRound || s.ReviewedFinal != 73.17 {
		t.Errorf("summary %+v: still awaiting the round, or 核定分 not the round's", s)
	}
}

// TestListScoresTheRoundHeldWhole: a lead's database holds the whole
// round (four 派出所 on round.yaml): the list shows the round's figures
// the overview and the walk show (73.17 三级) once it reads the rounds
// (Deps.Round); a draft of the round, and a unit alone in its group in
// another round, keep 待汇总, as their walk does.
func TestListScoresTheRoundHeldWhole(t *testing.T) {
	h := newHarness(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	first := storagetest.RoundOfFour(t, ctx, h.store)[0]
	met := domain.Answer{Met: domain.Bool(true)}
	storagetest.AddToRound(t, ctx, h.store, first, "戊派出所", first.Round, storagetest.RoundAnswers(85, 90, 25, 8, met), false)
	storagetest.AddToRound(t, ctx, h.store, first, "丁派出所", "2026-Q4", storagetest.RoundAnswers(85, 50, 0, 8, met), true)
	h.reload()
	if got := h.cellOf("丁派出所", first.Round, 5); !strings.Contains(got, h.awaits(11.5)) {
		t.Fatalf("without the rounds the cell says %q, want the own score awaiting the round", got)
	}

	h.home = New(Deps{Window: h.w, Assessments: h.store, Tasks: h.tasks,
		Round: roundview.Source{Units: h.store, Catalogs: h.store, Assessments: h.store, Round: h.store, Rounds: h.store, Settings: h.store}})
	h.w.SetContent(h.home.Content())
	h.reload()
	for _, tc := range []struct{ unit, round, final, grade string }{
		{"丁派出所", first.Round, "73.17", "三级"},
		{"戊派出所", first.Round, h.awaits(21.5), "五级"},
		{"丁派出所", "2026-Q4", h.awaits(21.5), "五级"},
	} {
		t.Run(tc.unit+" "+tc.round, func(t *testing.T) {
			if got, grade := h.cellOf(tc.unit, tc.round, 5), h.cellOf(tc.unit, tc.round, 6); got != tc.final || grade != tc.grade {
				t.Errorf("the row says %q %q, want %q %q", got, grade, tc.final, tc.grade)
			}
		})
	}
}

// cellOf returns the text of column col of the row drawn for the unit's
// assessment of round.
func (h *harness) cellOf(unit, round string, col int) string {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text == unit && r.cells[1].Text == round {
			return r.cells[col].Text
		}
	}
	h.t.Fatalf("no row drawn for %s %s", unit, round)
	return ""
}

// cell returns the text of column col of the i-th row drawn.
func (h *harness) cell(i, col int) string {
	h.t.Helper()
	var rows []*assessmentRow
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
			rows = append(rows, r)
		}
	}
	if i >= len(rows) {
		h.t.Fatalf("row %d of %d drawn", i, len(rows))
	}
	return rows[i].cells[col].Text
}

// awaits is the score cell of a final that waits for the round.
func (h *harness) awaits(final float64) string {
	return lang.L("{{.Final}} (awaits the round)", map[string]any{"Final": kit.Number(final)})
}
