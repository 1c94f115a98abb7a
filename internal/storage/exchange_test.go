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
		Units: st, Profile: st, Store: st}}
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

		// 1. The submission: the lead does not know the key yet.
		p1 := unit.export(t, id, "")
		if _, _, err := lead.svc.Import(lead.ctx, p1, exchange.Options{}, exchange.ApplyOptions{}, false); exchange.ProblemCode(err) != exchange.ProbUnknownKey {
			t.Fatalf("unknown key: %v", err)
		}
		got := lead.importFile(t, p1, true)
		if !got.NewKey || !got.CreatedAssess || !got.CreatedUnit || !got.CreatedCatalog || got.Status != "submitted" || got.Evidence != 3 {
			t.Fatalf("applied %+v", got)
		}
		lid := got.AssessmentID
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
		r1 := lead.export(t, lid, "电话密码")
		if _, _, err := unit.svc.Import(unit.ctx, r1, exchange.Options{Password: "电话密码"}, exchange.ApplyOptions{TrustNew: true}, false); err != nil {
			t.Fatal(err)
		}
		ws, _ = unit.st.OpenAssessment(unit.ctx, id)
		if ws.Assessment.Status != domain.Returned || ws.Assessment.ReturnReason != "A2 材料不全" || ws.Reviews["A2"].Request != "补充台账原件" {
			t.Fatalf("unit after the review: %s %q %+v", ws.Assessment.Status, ws.Assessment.ReturnReason, ws.Reviews["A2"])
		}

		// 3. The unit answers again and resubmits: revision 2.
		if _, err := unit.st.SaveAnswer(unit.ctx, id, "A2", domain.Answer{Level: "全部"}); err != nil {
			t.Fatal(err)
		}
		if err := unit.st.Submit(unit.ctx, id); err != nil {
			t.Fatal(err)
		}
		p2 := unit.export(t, id, "")
		pk, _ := exchange.Open(unit.ctx, p2, exchange.Options{})
		if pk.Manifest.Revision != 2 || pk.Manifest.Recipient == "" {
			t.Errorf("resubmission: revision %d, recipient %q", pk.Manifest.Revision, pk.Manifest.Recipient)
		}
		pk.Close()
		if got := lead.importFile(t, p2, false); got.AssessmentID != lid || got.Status != "submitted" {
			t.Fatalf("resubmission applied %+v", got)
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
		unit.importFile(t, lead.export(t, lid, ""), false)
		ws, _ = unit.st.OpenAssessment(unit.ctx, id)
		if ws.Assessment.Status != domain.Approved {
			t.Fatalf("unit's status %s, want approved", ws.Assessment.Status)
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
	if _, err := unit.svc.Build(unit.ctx, draft.ID); exchange.ProblemCode(err) != exchange.ProbKind {
		t.Errorf("a draft: %v", err)
	}
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
