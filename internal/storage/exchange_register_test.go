package storage_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// task makes one register entry on this side.
func (s *side) task(t *testing.T, in domain.Task) domain.Task {
	t.Helper()
	ts, err := s.st.CreateTasks(s.ctx, []domain.Task{in})
	if err != nil {
		t.Fatalf("create entry: %v", err)
	}
	return ts[0]
}

// tasks lists this side's entries of an assessment.
func (s *side) tasks(t *testing.T, id int64) []domain.Task {
	t.Helper()
	ts, err := s.st.ListTasks(s.ctx, domain.TaskFilter{AssessmentID: id})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func (s *side) step(t *testing.T, id int64, act domain.TaskAction, text string) {
	t.Helper()
	if _, err := s.st.StepTask(s.ctx, id, act, domain.TaskStep{Text: text}); err != nil {
		t.Fatalf("%s on entry %d: %v", act, id, err)
	}
}

func (s *side) attach(t *testing.T, id int64, name, data string) {
	t.Helper()
	if _, err := s.st.AddTaskFile(s.ctx, id, name, strings.NewReader(data)); err != nil {
		t.Fatalf("attach to entry %d: %v", id, err)
	}
}

func hasNote(t domain.Task, text string) bool {
	for _, n := range t.Notes {
		if n.Text == text {
			return true
		}
	}
	return false
}

// peers gives the lead two more units of the received assessment's type
// in its round, submitted — one scoring 5 more than the unit will once
// approved (X1 bonus), one less — and the unit the target rank 1 (创一).
func (s *side) peers(t *testing.T, received int64) {
	t.Helper()
	ws, err := s.st.OpenAssessment(s.ctx, received)
	if err != nil {
		t.Fatal(err)
	}
	a := ws.Assessment
	for _, p := range []struct {
		name string
		edit func(map[string]domain.Answer)
	}{
		{"甲县公安局", func(m map[string]domain.Answer) {
			m["A2"] = domain.Answer{Level: "全部"}
			m["X1"] = domain.Answer{Count: domain.Int(1)}
		}},
		{"乙县公安局", func(m map[string]domain.Answer) { m["A3"] = domain.Answer{Value: domain.Float(50)} }},
	} {
		u := &domain.Unit{Name: p.name, Type: a.Unit.Type, Superior: a.Unit.Superior}
		if err := s.st.CreateUnit(s.ctx, u); err != nil {
			t.Fatal(err)
		}
		pa := &domain.Assessment{Unit: *u, Round: a.Round, CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}
		if err := s.st.CreateAssessment(s.ctx, pa); err != nil {
			t.Fatal(err)
		}
		ans := storagetest.FullAnswers()
		p.edit(ans)
		if err := s.st.ImportAnswers(s.ctx, pa.ID, &domain.AnswerSet{Catalog: pa.CatalogRef(), Answers: ans}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.st.AddEvidence(s.ctx, pa.ID, "A1", "制度.pdf", strings.NewReader("%PDF "+p.name)); err != nil {
			t.Fatal(err)
		}
		if err := s.st.Submit(s.ctx, pa.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.st.SaveRoundSettings(s.ctx, domain.RoundSettings{Round: a.Round,
		Targets: []domain.UnitTarget{{UnitID: a.Unit.ID, Rank: 1}}}); err != nil {
		t.Fatal(err)
	}
}

// TestExchange_RegisterRefused: register entries only the receiving
// database can tell are wrong refuse the whole package, with a clear
// message, and leave every table as it was.
func TestExchange_RegisterRefused(t *testing.T) {
	unitStore := storagetest.Open(t)
	unit, id := submitted(t, unitStore)
	entry := unit.task(t, domain.Task{AssessmentID: id, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
		Measure: "补齐台账", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline})
	unit.attach(t, entry.ID, "台账.pdf", strings.Repeat("台账", 600))
	key, _ := unitStore.OwnKey(unit.ctx)

	for _, tc := range []struct {
		name  string
		lead  func(t *testing.T) *side
		build func(t *testing.T, lead *side, c *exchange.Contents)
		want  string // in the message
	}{
		{"an entry uid the lead keeps for another unit", func(t *testing.T) *side {
			return newSide(t, storagetest.Open(t), "刘建国")
		}, func(t *testing.T, lead *side, c *exchange.Contents) {
			if _, _, err := lead.st.ImportCatalog(lead.ctx, storagetest.Catalog()); err != nil {
				t.Fatal(err)
			}
			u := &domain.Unit{Name: "甲县公安局", Type: "分县局"}
			if err := lead.st.CreateUnit(lead.ctx, u); err != nil {
				t.Fatal(err)
			}
			a := &domain.Assessment{Unit: *u, Round: "2026-Q3", CatalogID: "test", CatalogVersion: "1"}
			if err := lead.st.CreateAssessment(lead.ctx, a); err != nil {
				t.Fatal(err)
			}
			other := lead.task(t, domain.Task{AssessmentID: a.ID, Source: domain.SourceManual, Problem: "甲县的问题", Measure: "整改",
				Owner: "钱七", Due: day("2026-12-31"), Kind: domain.KindImmediate})
			uids, err := lead.st.TaskUIDs(lead.ctx, []int64{other.ID})
			if err != nil {
				t.Fatal(err)
			}
			c.Tasks[0].UID = uids[other.ID]
		}, "of another unit (甲县公安局)"},
		{"a closure file over the receiver's size limit", func(t *testing.T) *side {
			return newSide(t, storagetest.Open(t, storage.WithMaxEvidenceSize(1000)), "刘建国")
		}, func(*testing.T, *side, *exchange.Contents) {}, "台账.pdf is larger than the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lead := tc.lead(t)
			c, err := unit.svc.Build(unit.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Tasks) != 1 || len(c.Tasks[0].Task.Files) != 1 {
				t.Fatalf("the submission carries %d entries", len(c.Tasks))
			}
			tc.build(t, lead, c)
			path := filepath.Join(t.TempDir(), "x.pingce")
			f, _ := os.Create(path)
			if _, err := exchange.Write(unit.ctx, f, c, key, ""); err != nil {
				t.Fatal(err)
			}
			f.Close()
			before := dump(t, lead.st)
			_, _, err = lead.svc.Import(lead.ctx, path, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
			if err == nil || !strings.Contains(domain.ErrorMessage(err), tc.want) {
				t.Fatalf("got %v, want a refusal saying %q", err, tc.want)
			}
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Errorf("the refused package changed the database:\n%s", diff(before, after))
			}
		})
	}
}

// TestExchange_RegisterSides: each package changes only what its side may
// — the unit its measure and owner, not the lead's problem or deadline —
// and an entry the lead closed is not reopened by a unit that is behind.
func TestExchange_RegisterSides(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	lead := newSide(t, storagetest.Open(t), "刘建国")
	lid := lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
	leads := lead.task(t, domain.Task{AssessmentID: lid, Source: domain.SourceReview, ItemID: "A2", Problem: "台账不全",
		Measure: "补齐", Owner: "张三", Due: day("2026-11-30"), Kind: domain.KindDeadline})
	if err := lead.st.Return(lead.ctx, lid, "补台账"); err != nil {
		t.Fatal(err)
	}
	unit.importFile(t, lead.export(t, lid, ""), true)
	here := unit.tasks(t, id)[0]
	// The unit (holding every role) rewrites the lead's problem and deadline
	// beside its own measure and owner.
	edit := here
	edit.Problem, edit.Due, edit.Measure, edit.Owner = "没有问题", day("2027-06-30"), "逐本补齐并装订", "李四"
	if _, err := unit.st.EditTask(unit.ctx, here.ID, edit); err != nil {
		t.Fatal(err)
	}
	if err := unit.st.Submit(unit.ctx, id); err != nil {
		t.Fatal(err)
	}
	got := lead.importFile(t, unit.export(t, id, ""), false)
	x, err := lead.st.Task(lead.ctx, leads.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Problem != "台账不全" || !x.Due.Equal(day("2026-11-30")) {
		t.Errorf("the unit changed the lead's fields: problem %q, due %v", x.Problem, x.Due)
	}
	if x.Measure != "逐本补齐并装订" || x.Owner != "李四" || got.Tasks != 1 {
		t.Errorf("the unit's own fields did not arrive: measure %q, owner %q (%d entries)", x.Measure, x.Owner, got.Tasks)
	}
	// The audit trail records what arrived, in the sender's name.
	trail, _ := lead.st.Audit(lead.ctx, lid)
	found := false
	for _, e := range trail {
		if e.Action == "task_receive" && strings.Contains(e.After, "逐本补齐并装订") {
			found = true
		}
	}
	if !found {
		t.Error("no task_receive audit entry for the change")
	}
}

// TestExchange_OriginalName: an evidence file stored under a cleaned name
// reaches the lead with the name it was given (issue 13, schema 11).
func TestExchange_OriginalName(t *testing.T) {
	st := storagetest.Open(t)
	u := newSide(t, st, "张三")
	a := storagetest.Fixture(t, st)
	if err := st.ImportAnswers(u.ctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: storagetest.FullAnswers()}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`D:\材料\报告<草稿>.pdf`, "制度.pdf"} {
		if _, err := st.AddEvidence(u.ctx, a.ID, "A1", name, strings.NewReader("%PDF "+name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Submit(u.ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	lead := newSide(t, storagetest.Open(t), "刘建国")
	got := lead.importFile(t, u.export(t, a.ID, ""), true)
	ws, err := lead.st.OpenAssessment(lead.ctx, got.AssessmentID)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, e := range ws.Evidence["A1"] {
		names[e.Name] = e.OriginalName
	}
	if len(names) != 2 || names["报告_草稿_.pdf"] != "报告<草稿>.pdf" || names["制度.pdf"] != "" {
		t.Errorf("the lead's evidence names (stored → original): %q", names)
	}
}

// TestExchange_RegisterPackage: after the approval the entries still
// travel, in register packages (整改进展包): the unit's closure request
// with its file to the lead, the lead's closure back; replays and stale
// revisions are refused as for the other kinds, and the assessment's
// state and answers are left alone.
func TestExchange_RegisterPackage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		unit, id := submitted(t, st)
		lead := newSide(t, storagetest.Open(t), "刘建国")
		if _, err := unit.svc.BuildRegister(unit.ctx, id); !nothingToSend(err, exchange.SendNotExchanged) {
			t.Errorf("a register package of an assessment never exchanged: %v", err)
		}
		lid := lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
		if _, err := lead.svc.BuildRegister(lead.ctx, lid); !nothingToSend(err, exchange.SendNoEntries) {
			t.Errorf("a register package of an assessment without entries: %v", err)
		}
		leads := lead.task(t, domain.Task{AssessmentID: lid, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
			Measure: "补齐", Owner: "张三", Due: day("2026-11-30"), Kind: domain.KindDeadline})
		if err := lead.st.Approve(lead.ctx, lid); err != nil {
			t.Fatal(err)
		}
		unit.importFile(t, lead.export(t, lid, ""), true)
		here := unit.tasks(t, id)[0]

		// The unit's progress after the approval goes up.
		unit.attach(t, here.ID, "台账.pdf", "%PDF 台账")
		unit.step(t, here.ID, domain.TaskActRequestClosure, "已补齐")
		up := filepath.Join(t.TempDir(), "up.pingce")
		m, err := unit.svc.ExportRegister(unit.ctx, id, up, "", nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if m.Kind != exchange.KindRegister || m.Revision != 1 || exchange.SuggestedName(m) != "某某区公安分局_2026-Q3_整改进展_r1.pingce" {
			t.Errorf("register package %s r%d %q", m.Kind, m.Revision, exchange.SuggestedName(m))
		}
		before, _ := lead.st.OpenAssessment(lead.ctx, lid)
		got := lead.importFile(t, up, false)
		if got.Tasks != 1 || got.Status != string(domain.Approved) || got.AssessmentID != lid {
			t.Errorf("applied %+v", got)
		}
		if x, _ := lead.st.Task(lead.ctx, leads.ID); x.Status != domain.TaskClosureRequested || len(x.Files) != 1 {
			t.Errorf("the lead's entry: %s, %d files", x.Status, len(x.Files))
		}
		after, _ := lead.st.OpenAssessment(lead.ctx, lid)
		if after.Result().Final != before.Result().Final || after.Assessment.Status != before.Assessment.Status || len(after.Answers.Answers) != len(before.Answers.Answers) {
			t.Error("a register package changed the assessment")
		}
		if again := lead.importFile(t, up, false); !again.Already {
			t.Errorf("the same register package again: %+v", again)
		}

		// A unit's register package with a ranking in it is refused.
		bad, err := unit.svc.BuildRegister(unit.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		bad.Standing = &domain.Standing{Round: "2026-Q3", Rank: 1, Ranked: 9}
		key, _ := unit.st.OwnKey(unit.ctx)
		badPath := filepath.Join(t.TempDir(), "bad.pingce")
		bf, _ := os.Create(badPath)
		exchange.Write(unit.ctx, bf, bad, key, "")
		bf.Close()
		dumped := dump(t, lead.st)
		if _, _, err := lead.svc.Import(lead.ctx, badPath, exchange.Options{}, exchange.ApplyOptions{}, false); exchange.ProblemCode(err) != exchange.ProbContent ||
			!strings.Contains(domain.ErrorMessage(err), "only the lead ranks") {
			t.Errorf("a unit's ranking: %v", err)
		}
		if !slices.Equal(dumped, dump(t, lead.st)) {
			t.Error("a refused register package changed the database")
		}

		// The lead closes it; the closure comes down, with the round's
		// ranking as it stands now (two peers submitted since). Revisions
		// count per kind.
		lead.peers(t, lid)
		lead.step(t, leads.ID, domain.TaskActClose, "同意销号")
		down := filepath.Join(t.TempDir(), "down.pingce")
		if _, err := lead.svc.ExportRegister(lead.ctx, lid, down, "", nil, false); err != nil {
			t.Fatal(err)
		}
		got = unit.importFile(t, down, false)
		if x, _ := unit.st.Task(unit.ctx, here.ID); x.Status != domain.TaskClosed || x.ClosedBy != "刘建国" {
			t.Errorf("the unit's entry after the lead's closure: %s by %q", x.Status, x.ClosedBy)
		}
		lws, _ := lead.st.OpenAssessment(lead.ctx, lid)
		want, err := lead.svc.Standing(lead.ctx, lws)
		if err != nil || want == nil || want.Target == nil {
			t.Fatalf("the lead's own ranking: %+v, %v", want, err)
		}
		if sd, _ := unit.st.ReceivedStanding(unit.ctx, id); sd == nil || sd.Rank != 2 || sd.Ranked != 3 || sd.Target == nil ||
			sd.Target.Lacks != want.Target.Lacks || sd.Target.Lacks <= 0 || got.Standing == nil {
			t.Errorf("the ranking a register package brought: %+v (target %+v)", sd, sd.Target)
		}
		up2 := filepath.Join(t.TempDir(), "up2.pingce")
		m2, err := unit.svc.ExportRegister(unit.ctx, id, up2, "", nil, false)
		if err != nil || m2.Revision != 2 {
			t.Fatalf("second register package: r%d, %v", m2.Revision, err)
		}
		// The first one again under a new id is stale.
		c, err := unit.svc.BuildRegister(unit.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.Manifest.Revision = 1
		old := filepath.Join(t.TempDir(), "old.pingce")
		f, _ := os.Create(old)
		exchange.Write(unit.ctx, f, c, key, "")
		f.Close()
		lead.importFile(t, up2, false)
		dumped = dump(t, lead.st)
		if _, _, err := lead.svc.Import(lead.ctx, old, exchange.Options{}, exchange.ApplyOptions{}, false); exchange.ProblemCode(err) != exchange.ProbStale {
			t.Errorf("a stale register package: %v", err)
		}
		if !slices.Equal(dumped, dump(t, lead.st)) {
			t.Error("a refused register package changed the database")
		}
	})
}

// TestExchange_RegisterNextRound: an open entry the unit carries into the
// next round (以上轮为基础新建) reaches the lead with the next round's
// submission and moves, on the lead's side too, to the new round's copy.
func TestExchange_RegisterNextRound(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	lead := newSide(t, storagetest.Open(t), "刘建国")
	lid := lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
	leads := lead.task(t, domain.Task{AssessmentID: lid, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
		Measure: "补齐", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindOngoing})
	if err := lead.st.Approve(lead.ctx, lid); err != nil {
		t.Fatal(err)
	}
	unit.importFile(t, lead.export(t, lid, ""), true)

	next := &domain.Assessment{Round: "2026-Q4"}
	if err := unit.st.CreateFrom(unit.ctx, id, next); err != nil {
		t.Fatal(err)
	}
	if _, err := unit.st.ConfirmCarried(unit.ctx, next.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := unit.st.SaveAnswer(unit.ctx, next.ID, "A4", domain.Answer{Value: domain.Float(80), Baseline: domain.Float(100)}); err != nil {
		t.Fatal(err)
	}
	if err := unit.st.Submit(unit.ctx, next.ID); err != nil {
		t.Fatalf("%v: %v", err, domain.ErrorProblems(err))
	}
	if ts := unit.tasks(t, next.ID); len(ts) != 1 || ts[0].FirstRound != "2026-Q3" {
		t.Fatalf("the unit's entries of the next round: %+v", ts)
	}
	got := lead.importFile(t, unit.export(t, next.ID, ""), false)
	if !got.CreatedAssess || got.Tasks != 1 || got.TasksNew != 0 {
		t.Fatalf("the next round's submission applied %+v", got)
	}
	x, err := lead.st.Task(lead.ctx, leads.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.AssessmentID != got.AssessmentID || x.Round != "2026-Q4" || x.FirstRound != "2026-Q3" {
		t.Errorf("the lead's entry after the next round's submission: assessment %d (want %d), round %s, first %s",
			x.AssessmentID, got.AssessmentID, x.Round, x.FirstRound)
	}
	if ts := lead.tasks(t, lid); len(ts) != 0 {
		t.Errorf("the entry also stays on the old round: %+v", ts)
	}
}
