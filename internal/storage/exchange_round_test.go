package storage_test

import (
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/roundview"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestExchange_TwoPartiesRoundScored: a unit whose catalog compares units
// (relative, rank, N/A as the group's average, a below_average cap, a grade
// quota) waits for the round while alone (待全市汇总后计分); once the lead's
// approving review arrives with the round's peer facts in standing.json,
// its walk, report and score are the lead's round-scored figures, and no
// longer wait.
func TestExchange_TwoPartiesRoundScored(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		// formats.md §3's worked example: the unit is 丁派出所 (N1 N/A),
		// 73.17 三级 with its three peers.
		cat := storagetest.RoundCatalog(t)
		unit := newSide(t, st, "张三")
		four := storagetest.RoundOfFourUnits()
		a := storagetest.FixtureWith(t, st, cat, &domain.Unit{Name: four[0].Name, Type: "派出所", Superior: "某某区公安分局"})
		storagetest.Answer(t, unit.ctx, st, a, four[0].Answers, true)
		alone, _ := st.OpenAssessment(unit.ctx, a.ID)
		if r := alone.Result(); !r.AwaitsRound || r.Reach == nil || alone.Peers != nil {
			t.Fatalf("alone: awaits %v, reach %v, peers %v; want the round awaited with a range", r.AwaitsRound, r.Reach, alone.Peers)
		}

		lead := newSide(t, storagetest.Open(t), "刘建国")
		lid := lead.importFile(t, unit.export(t, a.ID, ""), true).AssessmentID
		lws, err := lead.st.OpenAssessment(lead.ctx, lid)
		if err != nil {
			t.Fatal(err)
		}
		for _, peer := range four[1:] {
			storagetest.AddToRound(t, lead.ctx, lead.st, &lws.Assessment, peer.Name, lws.Assessment.Round, peer.Answers, true)
		}
		for _, it := range cat.Items() { // the lead accepts every item
			if _, err := lead.st.SaveReview(lead.ctx, lid, it.ID, domain.Review{Verdict: domain.VerdictAccept}); err != nil {
				t.Fatal(err)
			}
		}
		if err := lead.st.Approve(lead.ctx, lid); err != nil {
			t.Fatal(err)
		}
		src := roundview.Source{Units: lead.st, Catalogs: lead.st, Assessments: lead.st, Round: lead.st, Rounds: lead.st, Settings: lead.st}
		lws, _ = lead.st.OpenAssessment(lead.ctx, lid)
		peers, err := roundview.PeersOf(lead.ctx, src, lws)
		if err != nil || peers == nil {
			t.Fatalf("the lead's round facts: %v, %v", peers, err)
		}
		want := domain.Score(lws.Catalog, lws.Answers, domain.Options{UnitType: "派出所", Peers: peers})
		if want.AwaitsRound || want.Final != 73.17 || want.Grade != "三级" {
			t.Fatalf("the lead's round-scored final %v %s (awaits %v), want 73.17 三级", want.Final, want.Grade, want.AwaitsRound)
		}

		got := unit.importFile(t, lead.export(t, lid, ""), true)
		if got.Standing == nil || got.Standing.Peers == nil || got.Standing.Rank != 4 || got.Standing.Ranked != 4 {
			t.Fatalf("applied standing %+v", got.Standing)
		}
		ws, err := st.OpenAssessment(unit.ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ws.Assessment.Status != domain.Approved || ws.Peers == nil {
			t.Fatalf("after the review: %s, peers %v", ws.Assessment.Status, ws.Peers)
		}
		r := ws.Result()
		if r.AwaitsRound || r.Final != want.Final || r.Grade != want.Grade || r.Reach != nil {
			t.Errorf("the unit's final %v %s (awaits %v, reach %v), want the lead's %v %s", r.Final, r.Grade, r.AwaitsRound, r.Reach, want.Final, want.Grade)
		}
		for _, id := range []string{"R1", "K1", "K2", "K3", "N1"} {
			is, _ := r.Item(id)
			w, _ := want.Item(id)
			if is.Score != w.Score || is.AwaitsRound || is.Place != w.Place {
				t.Errorf("item %s: %v (place %d, awaits %v), the lead's %v (place %d)", id, is.Score, is.Place, is.AwaitsRound, w.Score, w.Place)
			}
		}
		if d := report.Build(ws, report.Options{}); d.Self.Final != want.Final || d.Self.Grade != want.Grade {
			t.Errorf("the unit's report: %v %s, want %v %s", d.Self.Final, d.Self.Grade, want.Final, want.Grade)
		}
		if sd, err := st.ReceivedStanding(unit.ctx, a.ID); err != nil || sd == nil || sd.Peers == nil || sd.Peers.NAAverages["N1"] != 6.67 {
			t.Errorf("kept standing %+v, %v", sd, err)
		}
	})
}
