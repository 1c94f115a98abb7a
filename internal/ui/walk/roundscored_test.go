package walk

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/roundview"
	"pingce/internal/storage/storagetest"
)

// TestRoundScoredAtTheLead: a lead whose database holds the whole round
// (four 派出所 on round.yaml, formats.md §3's worked example) opens one
// of them: the score panel, the item pane and the tree show the round's
// figures — the final 73.17 三级 the overview's ranking and the report
// give (roundview), N1's N/A at the group's average 6.67 — not
// 待全市汇总后计分 with a range. A draft of the
// same round keeps its range: its answers are not those the round scored.
func TestRoundScoredAtTheLead(t *testing.T) {
	s := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	four := storagetest.RoundOfFour(t, ctx, s)
	// 戊派出所 stays a draft
	fifth := storagetest.AddToRound(t, ctx, s, four[0], "戊派出所", four[0].Round,
		storagetest.RoundAnswers(85, 90, 25, 8, domain.Answer{Met: domain.Bool(true)}), false)
	ids := []int64{four[0].ID, four[1].ID, four[2].ID, four[3].ID, fifth.ID}
	src := roundview.Source{Units: s, Catalogs: s, Assessments: s, Round: s, Rounds: s, Settings: s}
	standing := func(d *Deps) {
		d.Standing = func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
			return roundview.StandingOf(ctx, src, ws)
		}
	}

	ws, err := s.OpenAssessment(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	peers, err := roundview.PeersOf(ctx, src, ws)
	if err != nil || peers == nil {
		t.Fatalf("the round's facts: %v, %v", peers, err)
	}
	want := report.Build(&domain.Workspace{Assessment: ws.Assessment, Catalog: ws.Catalog, Answers: ws.Answers}, report.Options{Peers: peers}).Self
	if want.AwaitsRound || want.Final != 73.17 || want.Grade != "三级" {
		t.Fatalf("the report's final %v %s (awaits %v), want 73.17 三级", want.Final, want.Grade, want.AwaitsRound)
	}

	h := newHarnessWSDeps(t, s, s, ws, standing)
	h.settle()
	h.v.ShowItem("K1")
	h.settle()
	if got := h.v.pane.form.points.Text; strings.Contains(got, "待全市汇总") {
		t.Errorf("K1 pane at the lead: %q, want the round's points", got)
	}
	if rows := treeRowTexts(h); strings.Contains(rows, "待汇总") || !strings.Contains(rows, "不适用（按同类平均分计） · 6.67/10") {
		t.Errorf("the tree still waits for the round, or N1 (N/A as the group's average) shows no points:\n%s", rows)
	}
	h.v.ShowItem("N1")
	h.settle()
	mustEqual(t, "N1 pane", h.v.pane.form.points.Text, "不适用（按同类单位平均分计）· 6.67 / 10 分")
	h.v.pane.tabs.Select(h.v.pane.scoreTab)
	h.settle()
	mustEqual(t, "score panel", h.v.score.final.Text, "73.17 / 100 分（73.17%）")
	mustEqual(t, "grade", h.v.score.grade.Text, "三级")
	mustEqual(t, "standing", h.v.score.standing.Text, "本轮排名：派出所第4名（共4个单位参与排名）")
	h.shot("round-lead")

	draft, err := s.OpenAssessment(ctx, ids[4])
	if err != nil {
		t.Fatal(err)
	}
	hd := newHarnessWSDeps(t, s, s, draft, standing)
	hd.settle()
	if got := hd.v.score.final.Text; !strings.HasPrefix(got, "待全市汇总后计分") {
		t.Errorf("a draft of the round: %q, want its range", got)
	}
}
