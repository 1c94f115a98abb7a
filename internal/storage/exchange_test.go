package storage_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/exchange/ziptest"
	"pingce/internal/roundview"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// side is one party of an exchange: a database and the services on it.
type side struct {
	st  *storage.Store
	svc exchange.Services
	ctx context.Context
}

func newSide(_ testing.TB, st *storage.Store, name string) *side {
	ctx := domain.WithUser(context.Background(), domain.User{Name: name, Roles: domain.Roles})
	return &side{st: st, ctx: ctx, svc: exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st,
		Units: st, Profile: st, Tasks: st, Store: st, Standing: func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
			return roundview.StandingOf(ctx, roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}, ws)
		}}}
}

func (s *side) export(t *testing.T, id int64, password string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.pingce")
	if _, err := s.svc.Export(s.ctx, id, path, password, nil, false); err != nil {
		t.Fatalf("export: %v", err)
	}
	return path
}

func (s *side) importFile(t *testing.T, path string, trustNew bool) *exchange.Applied {
	t.Helper()
	_, out, err := s.svc.Import(s.ctx, path, exchange.Options{}, exchange.ApplyOptions{TrustNew: trustNew}, false)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return out
}

// submitted makes a unit database with a submitted assessment (answers,
// two evidence files, one shared) and returns the side and its id.
func submitted(t *testing.T, st *storage.Store) (*side, int64) {
	t.Helper()
	u := newSide(t, st, "张三")
	a := storagetest.Fixture(t, st)
	if err := st.ImportAnswers(u.ctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: storagetest.FullAnswers()}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ item, name, data string }{{"A1", "制度.pdf", "%PDF 制度"}, {"A2", "台账.pdf", "%PDF 台账"}, {"A3", "制度副本.pdf", "%PDF 制度"}} {
		if _, err := st.AddEvidence(u.ctx, a.ID, f.item, f.name, strings.NewReader(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Submit(u.ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	return u, a.ID
}

// TestExchange_TwoParties round-trips submission → review → return →
// resubmission → approval between two databases with two keys.
func TestExchange_TwoParties(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		unit, id := submitted(t, st)
		lead := newSide(t, storagetest.Open(t), "刘建国")
		own := unit.task(t, domain.Task{AssessmentID: id, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
			Measure: "补齐台账", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline})

		// 1. The submission: the lead does not know the key yet.
		p1 := unit.export(t, id, "")
		if _, _, err := lead.svc.Import(lead.ctx, p1, exchange.Options{}, exchange.ApplyOptions{}, false); exchange.ProblemCode(err) != exchange.ProbUnknownKey {
			t.Fatalf("unknown key: %v", err)
		}
		got := lead.importFile(t, p1, true)
		if !got.NewKey || !got.CreatedAssess || !got.CreatedUnit || !got.CreatedCatalog || got.Status != "submitted" || got.Evidence != 3 ||
			got.Tasks != 1 || got.TasksNew != 1 {
			t.Fatalf("applied %+v", got)
		}
		lid := got.AssessmentID
		// The unit's own entry is on the lead's copy, with the lead's ids.
		if ts := lead.tasks(t, lid); len(ts) != 1 || ts[0].Problem != "台账不全" || ts[0].AssessmentID != lid || ts[0].Status != domain.TaskOpen {
			t.Fatalf("the lead's entries after the submission: %+v", ts)
		}
		// The round's other units of the group, and the unit's target (保五争三创一: 创一).
		lead.peers(t, lid)
		ws, err := lead.st.OpenAssessment(lead.ctx, lid)
		if err != nil {
			t.Fatal(err)
		}
		mine, _ := unit.st.OpenAssessment(unit.ctx, id)
		if ws.Result().Final != mine.Result().Final || len(ws.Answers.Answers) != len(mine.Answers.Answers) {
			t.Errorf("lead's score %v, unit's %v", ws.Result().Final, mine.Result().Final)
		}
		trail, err := lead.st.Audit(lead.ctx, lid)
		if err != nil {
			t.Fatal(err)
		}
		unitTrail, _ := unit.st.Audit(unit.ctx, id)
		received := 0
		for _, e := range trail {
			if strings.HasPrefix(e.Action, "received_") {
				received++
				if e.Action == "received_submit" && e.Actor != "张三" {
					t.Errorf("the unit's submit is recorded as by %q", e.Actor)
				}
			}
		}
		if received == 0 || received != got.ReceivedEntries || received > len(unitTrail) {
			t.Errorf("the lead keeps %d of the unit's %d audit entries (applied says %d)", received, len(unitTrail), got.ReceivedEntries)
		}
		if again := lead.importFile(t, p1, false); !again.Already {
			t.Errorf("the same package again: %+v", again)
		}

		// 2. The lead asks for more on A2 and returns it.
		if _, err := lead.st.SaveReview(lead.ctx, lid, "A2", domain.Review{Verdict: domain.VerdictRequest, Request: "补充台账原件"}); err != nil {
			t.Fatal(err)
		}
		if err := lead.st.Return(lead.ctx, lid, "A2 材料不全"); err != nil {
			t.Fatal(err)
		}
		leads := lead.task(t, domain.Task{AssessmentID: lid, Source: domain.SourceReview, ItemID: "A2", Problem: "〔A2〕需补充：补充台账原件",
			Measure: "补交台账原件", Owner: "张三", Lead: "某某区公安分局", Due: day("2026-11-30"), Kind: domain.KindDeadline})
		r1 := lead.export(t, lid, "电话密码")
		_, rgot, err := unit.svc.Import(unit.ctx, r1, exchange.Options{Password: "电话密码"}, exchange.ApplyOptions{TrustNew: true}, false)
		if err != nil {
			t.Fatal(err)
		}
		// The lead's entry arrives; the unit's own comes back unchanged.
		if rgot.Tasks != 1 || rgot.TasksNew != 1 {
			t.Errorf("the review brought %d entries (%d new), want 1 new", rgot.Tasks, rgot.TasksNew)
		}
		uts := unit.tasks(t, id)
		if len(uts) != 2 || uts[0].ID != own.ID || uts[1].Problem != leads.Problem || uts[1].AssessmentID != id || uts[1].Lead != "某某区公安分局" {
			t.Fatalf("the unit's entries after the review: %+v", uts)
		}
		leadsHere := uts[1]
		// The ranking: returned, the unit is not ranked; two peers are.
		if sd, err := unit.st.ReceivedStanding(unit.ctx, id); err != nil || sd == nil || sd.Rank != 0 || sd.Ranked != 2 || sd.Group != "分县局" {
			t.Fatalf("standing after the return: %+v, %v", sd, err)
		}
		ws, _ = unit.st.OpenAssessment(unit.ctx, id)
		if ws.Assessment.Status != domain.Returned || ws.Assessment.ReturnReason != "A2 材料不全" || ws.Reviews["A2"].Request != "补充台账原件" {
			t.Fatalf("unit after the review: %s %q %+v", ws.Assessment.Status, ws.Assessment.ReturnReason, ws.Reviews["A2"])
		}

		// 3. The unit answers again and resubmits: revision 2.
		if _, err := unit.st.SaveAnswer(unit.ctx, id, "A2", domain.Answer{Level: "全部"}); err != nil {
			t.Fatal(err)
		}
		unit.step(t, leadsHere.ID, domain.TaskActNote, "原件已找到，正在扫描")
		unit.attach(t, leadsHere.ID, "台账原件.pdf", "%PDF 台账原件")
		unit.step(t, leadsHere.ID, domain.TaskActRequestClosure, "已补交原件")
		// The unit, holding every role, closes its own entry itself: to the
		// lead that is a request (only the assigning side closes).
		unit.attach(t, own.ID, "台账.pdf", "%PDF 台账")
		unit.step(t, own.ID, domain.TaskActStart, "")
		unit.step(t, own.ID, domain.TaskActClose, "本单位已整改")
		if err := unit.st.Submit(unit.ctx, id); err != nil {
			t.Fatal(err)
		}
		p2 := unit.export(t, id, "")
		pk, _ := exchange.Open(unit.ctx, p2, exchange.Options{})
		if pk.Manifest.Revision != 2 || pk.Manifest.Recipient == "" {
			t.Errorf("resubmission: revision %d, recipient %q", pk.Manifest.Revision, pk.Manifest.Recipient)
		}
		pk.Close()
		if got := lead.importFile(t, p2, false); got.AssessmentID != lid || got.Status != "submitted" || got.Tasks != 2 || got.TasksNew != 0 {
			t.Fatalf("resubmission applied %+v", got)
		}
		lts := lead.tasks(t, lid)
		if len(lts) != 2 {
			t.Fatalf("the lead has %d entries after the resubmission, want 2 (no copies)", len(lts))
		}
		byProblem := map[string]domain.Task{}
		for _, x := range lts {
			byProblem[x.Problem] = x
		}
		if x := byProblem[leads.Problem]; x.ID != leads.ID || x.Status != domain.TaskClosureRequested || len(x.Files) != 1 ||
			x.Files[0].Name != "台账原件.pdf" || !hasNote(x, "原件已找到，正在扫描") {
			t.Errorf("the lead's entry after the unit's work: %+v", x)
		}
		if x := byProblem["台账不全"]; x.Status != domain.TaskClosureRequested || x.ClosedBy != "" || len(x.Files) != 1 {
			t.Errorf("the unit's self-closed entry reaches the lead as %s (closed by %q), want closure_requested", x.Status, x.ClosedBy)
		}
		trail2, _ := lead.st.Audit(lead.ctx, lid)
		seen := map[string]bool{}
		for _, e := range trail2 {
			if k := e.Action + e.At.String(); strings.HasPrefix(e.Action, "received_") && seen[k] {
				t.Errorf("the unit's entry %s at %v is kept twice", e.Action, e.At)
			} else {
				seen[k] = true
			}
		}
		if n := countPrefix(trail2, "received_task_receive"); n > 0 {
			t.Errorf("the unit sent back %d records of what it received from the lead", n)
		}
		if countPrefix(trail2, "received_received") > 0 || countPrefix(trail2, "received_submit") != 2 {
			t.Errorf("after the resubmission the lead keeps %d received submits (want 2) and %d entries of its own sent back",
				countPrefix(trail2, "received_submit"), countPrefix(trail2, "received_received"))
		}
		ws, _ = lead.st.OpenAssessment(lead.ctx, lid)
		if ws.Answers.Answers["A2"].Level != "全部" {
			t.Errorf("lead did not get the new answer: %+v", ws.Answers.Answers["A2"])
		}
		// The older submission now is stale.
		before := dump(t, lead.st)
		if _, _, err := lead.svc.Import(lead.ctx, p1+"x", exchange.Options{}, exchange.ApplyOptions{}, false); err == nil {
			t.Error("a missing file is accepted")
		}
		if _, _, err := lead.svc.Import(lead.ctx, copyWithNewID(t, unit, id, p1), exchange.Options{}, exchange.ApplyOptions{}, false); exchange.ProblemCode(err) != exchange.ProbStale {
			t.Errorf("stale revision: %v", err)
		}
		if after := dump(t, lead.st); !slices.Equal(before, after) {
			t.Error("a refused package changed the database")
		}

		// 4. Approval goes back.
		if _, err := lead.st.SaveReview(lead.ctx, lid, "A2", domain.Review{Verdict: domain.VerdictAccept}); err != nil {
			t.Fatal(err)
		}
		if err := lead.st.Approve(lead.ctx, lid); err != nil {
			t.Fatal(err)
		}
		lead.step(t, leads.ID, domain.TaskActClose, "原件齐全，同意销号")
		r2 := lead.export(t, lid, "")
		final := unit.importFile(t, r2, false)
		ws, _ = unit.st.OpenAssessment(unit.ctx, id)
		if ws.Assessment.Status != domain.Approved {
			t.Fatalf("unit's status %s, want approved", ws.Assessment.Status)
		}
		if x, err := unit.st.Task(unit.ctx, leadsHere.ID); err != nil || x.Status != domain.TaskClosed || x.ClosedBy != "刘建国" ||
			x.ClosedComment != "原件齐全，同意销号" || len(x.Files) != 1 {
			t.Errorf("the unit's copy of the lead's entry after the closure: %+v, %v", x, err)
		}
		// The lead has not closed the unit's own entry: it stays as the unit left it.
		if x, _ := unit.st.Task(unit.ctx, own.ID); x.Status != domain.TaskClosed || final.TasksKept != 0 {
			t.Errorf("the unit's own entry after the approval: %s (kept %d)", x.Status, final.TasksKept)
		}
		// Approved, the unit ranks 2nd of 3 and lacks 5 points to the target 1st.
		sd, err := unit.st.ReceivedStanding(unit.ctx, id)
		if err != nil || sd == nil || sd.Rank != 2 || sd.Ranked != 3 || sd.Target == nil || sd.Target.Target.Rank != 1 || sd.Target.Lacks != 5 {
			t.Fatalf("standing after the approval: %+v (target %+v), %v", sd, sd.Target, err)
		}
		if final.Standing == nil || exchange.StandingText(final.Standing) != "排名 第2/3（分县局） · 目标第1名 差5分" {
			t.Errorf("applied standing %q", exchange.StandingText(final.Standing))
		}
		// The same package again changes nothing; entries are not doubled.
		before = dump(t, unit.st)
		if again := unit.importFile(t, r2, false); !again.Already {
			t.Errorf("the same review again: %+v", again)
		}
		if after := dump(t, unit.st); !slices.Equal(before, after) {
			t.Errorf("the same review again changed the database:\n%s", diff(before, after))
		}
	})
}

// copyWithNewID writes the first submission again as another package (a
// new id) with revision 1: an older revision than the lead has.
func copyWithNewID(t *testing.T, s *side, id int64, path string) string {
	t.Helper()
	p, err := exchange.Open(s.ctx, path, exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := s.svc.Build(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.Manifest.Revision = 1
	key, _ := s.st.OwnKey(s.ctx)
	out := filepath.Join(t.TempDir(), "old.pingce")
	f, _ := os.Create(out)
	defer f.Close()
	if _, err := exchange.Write(s.ctx, f, c, key, ""); err != nil {
		t.Fatal(err)
	}
	return out
}

// dump returns every row of every table as text, sorted: what "the
// database is unchanged" compares.
func dump(t *testing.T, st *storage.Store) []string {
	t.Helper()
	lines, err := storage.DumpForTest(st)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestExchange_Refused gives the receiver each bad package that only the
// database can tell, and bad files through the whole import: each is
// refused with its code and the database is unchanged.
func TestExchange_Refused(t *testing.T) {
	unitStore := storagetest.Open(t)
	unit, id := submitted(t, unitStore)
	good := unit.export(t, id, "")
	goodBytes, _ := os.ReadFile(good)
	unitKey, _ := unitStore.OwnKey(unit.ctx)
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))

	write := func(t *testing.T, key ed25519.PrivateKey, fn func(c *exchange.Contents)) string {
		c, err := unit.svc.Build(unit.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		fn(c)
		path := filepath.Join(t.TempDir(), "x.pingce")
		f, _ := os.Create(path)
		defer f.Close()
		if _, err := exchange.Write(unit.ctx, f, c, key, ""); err != nil {
			t.Fatal(err)
		}
		return path
	}
	save := func(t *testing.T, b []byte) string {
		p := filepath.Join(t.TempDir(), "bad.pingce")
		os.WriteFile(p, b, 0o600)
		return p
	}
	flipped := bytes.Clone(goodBytes)
	flipped[len(flipped)/2] ^= 1

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, lead *side) string
		opt   exchange.Options
		want  string
	}{
		{"unregistered key", func(t *testing.T, lead *side) string { return good }, exchange.Options{}, exchange.ProbUnknownKey},
		{"another unit's key", func(t *testing.T, lead *side) string {
			if err := lead.st.TrustKey(lead.ctx, "某某县公安局", unitKey.Public().(ed25519.PublicKey)); err != nil {
				t.Fatal(err)
			}
			return good
		}, exchange.Options{}, exchange.ProbKeyOtherUnit},
		{"re-keyed unit", func(t *testing.T, lead *side) string {
			if err := lead.st.TrustKey(lead.ctx, "某某区公安分局", unitKey.Public().(ed25519.PublicKey)); err != nil {
				t.Fatal(err)
			}
			return write(t, other, func(*exchange.Contents) {})
		}, exchange.Options{}, exchange.ProbRekeyed},
		{"another recipient", func(t *testing.T, lead *side) string {
			return write(t, unitKey, func(c *exchange.Contents) {
				c.Manifest.Recipient = exchange.Fingerprint(other.Public().(ed25519.PublicKey))
			})
		}, exchange.Options{}, exchange.ProbRecipient},
		{"replay: same id, other content", func(t *testing.T, lead *side) string {
			lead.importFile(t, good, true)
			p, _ := exchange.Open(lead.ctx, good, exchange.Options{})
			defer p.Close()
			return write(t, unitKey, func(c *exchange.Contents) { c.Manifest.ID = p.Manifest.ID; c.Manifest.Revision = 5 })
		}, exchange.Options{}, exchange.ProbReplay},
		{"stale: the same revision again as another package", func(t *testing.T, lead *side) string {
			lead.importFile(t, good, true)
			return write(t, unitKey, func(*exchange.Contents) {})
		}, exchange.Options{}, exchange.ProbStale},
		{"flipped byte", func(t *testing.T, lead *side) string { return save(t, flipped) }, exchange.Options{}, ""},
		{"truncated", func(t *testing.T, lead *side) string { return save(t, goodBytes[:len(goodBytes)/2]) }, exchange.Options{}, exchange.ProbTruncated},
		{"empty", func(t *testing.T, lead *side) string { return save(t, nil) }, exchange.Options{}, exchange.ProbNotPackage},
		{"wrong password", func(t *testing.T, lead *side) string { return unit.export(t, id, "right") }, exchange.Options{Password: "wrong"}, exchange.ProbWrongPassword},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lead := newSide(t, storagetest.Open(t), "刘建国")
			path := tc.setup(t, lead)
			before := dump(t, lead.st)
			_, _, err := lead.svc.Import(lead.ctx, path, tc.opt, exchange.ApplyOptions{}, false)
			if err == nil {
				t.Fatal("accepted")
			}
			if code := exchange.ProblemCode(err); code == "" || (tc.want != "" && code != tc.want) {
				t.Fatalf("refused with %q (%v), want %s", code, err, tc.want)
			}
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Errorf("the refused package changed the database:\n%s", diff(before, after))
			}
			// Inspect (check only) changes nothing either, even for a good package.
			_, _, _ = lead.svc.Import(lead.ctx, good, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, true)
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Errorf("inspect changed the database:\n%s", diff(before, after))
			}
		})
	}
}

func diff(a, b []string) string {
	var out []string
	for _, l := range b {
		if !slices.Contains(a, l) {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}

// TestExchange_KindFollowsStateAndRole: a draft has nothing to send; a
// submission is sent by the unit's staff, not by a reviewer.
func TestExchange_KindFollowsStateAndRole(t *testing.T) {
	st := storagetest.Open(t)
	unit, id := submitted(t, st)
	reviewer := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: []domain.Role{domain.RoleReviewer}})
	if _, err := unit.svc.Build(reviewer, id); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a reviewer sends a submission: %v", err)
	}
	staff := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: []domain.Role{domain.RoleStaff}})
	if c, err := unit.svc.Build(staff, id); err != nil || c.Manifest.Kind != exchange.KindSubmission {
		t.Errorf("staff: %v", err)
	}
	draft := &domain.Assessment{Unit: domain.Unit{ID: 1}, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
	if err := st.CreateAssessment(unit.ctx, draft); err != nil {
		t.Fatal(err)
	}
	if _, err := unit.svc.Build(unit.ctx, draft.ID); !nothingToSend(err, exchange.SendState) {
		t.Errorf("a draft: %v", err)
	}
}

// nothingToSend reports whether err refuses an export as having no
// package to send (package.nothing_to_send) for the reason why.
func nothingToSend(err error, why string) bool {
	for _, p := range domain.ErrorProblems(err) {
		if p.Code == exchange.ProbNothingToSend {
			return p.Args["why"] == why && p.Args["status"] != ""
		}
	}
	return false
}

func countPrefix(es []domain.AuditEntry, prefix string) int {
	n := 0
	for _, e := range es {
		if strings.HasPrefix(e.Action, prefix) {
			n++
		}
	}
	return n
}

// TestExchange_BadFilesLeaveTheDatabase gives a lead that trusts the unit's
// key every kind of damaged or hostile file through the whole import:
// each is refused with a package problem and every table is unchanged.
func TestExchange_BadFilesLeaveTheDatabase(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	good := unit.export(t, id, "")
	raw, _ := os.ReadFile(good)
	es := ziptest.Entries(t, good)
	lead := newSide(t, storagetest.Open(t), "刘建国")
	key, _ := unit.st.OwnKey(unit.ctx)
	if err := lead.st.TrustKey(lead.ctx, "某某区公安分局", key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	x := ziptest.Entry{Name: "x", Data: []byte("x")}
	named := func(name string) ziptest.Entry { e := x; e.Name = name; return e }
	cases := map[string][]byte{
		"empty":             nil,
		"not a zip":         []byte("format: pingce/answers@1\n"),
		"data prepended":    append([]byte("PK\x03\x04 junk"), raw...),
		"truncated":         raw[:len(raw)/2],
		"entry missing":     ziptest.Build(t, ziptest.Without(es, exchange.AuditName)),
		"extra entry":       ziptest.Build(t, ziptest.Plus(es, named(exchange.ReviewName))),
		"duplicate entry":   ziptest.Build(t, ziptest.Plus(es, named(exchange.AnswersName))),
		"case twin":         ziptest.Build(t, ziptest.Plus(es, named("ANSWERS.yaml"))),
		"../x":              ziptest.Build(t, ziptest.Plus(es, named("../x"))),
		"/abs":              ziptest.Build(t, ziptest.Plus(es, named("/abs"))),
		`C:\x`:              ziptest.Build(t, ziptest.Plus(es, named(`C:\x`))),
		`..\x`:              ziptest.Build(t, ziptest.Plus(es, named(`..\x`))),
		"huge header size":  ziptest.Build(t, ziptest.With(es, exchange.AnswersName, func(e *ziptest.Entry) { e.Declared = 1 << 40 })),
		"manifest altered":  ziptest.Build(t, ziptest.With(es, exchange.ManifestName, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) })),
		"signature altered": ziptest.Build(t, ziptest.With(es, exchange.SignatureName, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) })),
	}
	for _, e := range es {
		if strings.HasPrefix(e.Name, exchange.EvidenceDir) {
			cases["symlink"] = ziptest.Build(t, ziptest.With(es, e.Name, func(e *ziptest.Entry) { e.Mode = os.ModeSymlink | 0o777 }))
		}
		if e.Name != exchange.ManifestName && e.Name != exchange.SignatureName && len(e.Data) > 0 {
			cases["flipped byte in "+e.Name] = ziptest.Build(t, ziptest.With(es, e.Name, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) }))
		}
	}
	before := dump(t, lead.st)
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.pingce")
			os.WriteFile(path, data, 0o600)
			_, _, err := lead.svc.Import(lead.ctx, path, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
			if exchange.ProblemCode(err) == "" {
				t.Fatalf("not refused with a package problem: %v", err)
			}
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Errorf("the database changed:\n%s", diff(before, after))
			}
		})
	}
	// The good package is accepted: the refusals were the damage's.
	if got := lead.importFile(t, good, false); got.AssessmentID == 0 {
		t.Fatal("the good package was not imported")
	}
}
