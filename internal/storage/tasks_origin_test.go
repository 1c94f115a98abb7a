package storage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestTaskOrigin_Exchange: an entry a package brings says which package
// it came from (kind, the sender's unit and operator, the package id and
// when it was imported), and one made here that a package changed says
// which package changed it last; entries made here and untouched say
// nothing — on SQLite and PostgreSQL for the unit's database.
func TestTaskOrigin_Exchange(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		unit, id := submitted(t, st)
		lead := newSide(t, storagetest.Open(t), "刘建国")
		leadNow := time.Date(2026, 10, 9, 8, 30, 0, 0, time.UTC)
		lead.st.Now = func() time.Time { return leadNow }
		unitNow := time.Date(2026, 10, 12, 2, 15, 0, 0, time.UTC)
		unit.st.Now = func() time.Time { return unitNow }

		own := unit.task(t, domain.Task{AssessmentID: id, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
			Measure: "补齐台账", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline})
		p, _, err := lead.svc.Import(lead.ctx, unit.export(t, id, ""), exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
		if err != nil {
			t.Fatal(err)
		}
		var got domain.Task
		for _, x := range lead.all(t) {
			if x.Problem == "台账不全" {
				got = x
			}
		}
		want := domain.TaskOrigin{Kind: exchange.KindSubmission, Unit: p.Manifest.Sender.Unit.Name, Operator: "张三",
			Package: p.Manifest.ID, At: leadNow}
		if got.Origin == nil || *got.Origin != want || got.Received != nil {
			t.Fatalf("the unit's entry on the lead's side came from %+v (changed by %+v), want %+v", got.Origin, got.Received, want)
		}
		if x, err := lead.st.Task(lead.ctx, got.ID); err != nil || x.Origin == nil || *x.Origin != want {
			t.Errorf("Task: origin %+v (%v)", x.Origin, err)
		}

		// The lead adds one of its own and returns the assessment; the
		// review brings it to the unit, and the unit's own entry comes
		// back changed by nobody (the lead did not change it).
		lassess := got.AssessmentID
		leads := lead.task(t, domain.Task{AssessmentID: lassess, Source: domain.SourceReview, ItemID: "A1", Problem: "制度未印发",
			Measure: "印发", Owner: "张三", Due: day("2026-11-30"), Kind: domain.KindDeadline})
		if leads.Origin != nil {
			t.Errorf("an entry made here has an origin: %+v", leads.Origin)
		}
		if err := lead.st.Return(lead.ctx, lassess, "补制度"); err != nil {
			t.Fatal(err)
		}
		rp, _, err := unit.svc.Import(unit.ctx, lead.export(t, lassess, ""), exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
		if err != nil {
			t.Fatal(err)
		}
		var fromLead, mine domain.Task
		for _, x := range unit.tasks(t, id) {
			switch x.ID {
			case own.ID:
				mine = x
			default:
				fromLead = x
			}
		}
		wantReview := domain.TaskOrigin{Kind: exchange.KindReview, Unit: rp.Manifest.Sender.Unit.Name, Operator: "刘建国",
			Package: rp.Manifest.ID, At: unitNow}
		if fromLead.Origin == nil || *fromLead.Origin != wantReview {
			t.Errorf("the lead's entry on the unit's side came from %+v, want %+v", fromLead.Origin, wantReview)
		}
		if mine.Origin != nil || mine.Received != nil {
			t.Errorf("the unit's own entry, unchanged by the review: origin %+v, changed by %+v", mine.Origin, mine.Received)
		}

		// The unit works on the lead's entry and resubmits: on the lead's
		// side the entry made there is now changed by the submission.
		edit := fromLead
		edit.Measure = "重新印发并组织学习"
		if _, err := unit.st.EditTask(unit.ctx, fromLead.ID, edit); err != nil {
			t.Fatal(err)
		}
		if err := unit.st.Submit(unit.ctx, id); err != nil {
			t.Fatal(err)
		}
		leadNow = leadNow.Add(48 * time.Hour)
		sp, _, err := lead.svc.Import(lead.ctx, unit.export(t, id, ""), exchange.Options{}, exchange.ApplyOptions{}, false)
		if err != nil {
			t.Fatal(err)
		}
		x, err := lead.st.Task(lead.ctx, leads.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantChange := domain.TaskOrigin{Kind: exchange.KindSubmission, Unit: sp.Manifest.Sender.Unit.Name, Operator: "张三",
			Package: sp.Manifest.ID, At: leadNow}
		if x.Origin != nil || x.Received == nil || *x.Received != wantChange || x.Measure != "重新印发并组织学习" {
			t.Errorf("the lead's own entry after the resubmission: origin %+v, changed by %+v, measure %q", x.Origin, x.Received, x.Measure)
		}
		if y, _ := lead.st.Task(lead.ctx, got.ID); y.Origin == nil || *y.Origin != want {
			t.Errorf("a second package changed where the unit's entry came from: %+v", y.Origin)
		}
	})
}

// all lists every entry of this side.
func (s *side) all(t *testing.T) []domain.Task {
	t.Helper()
	ts, err := s.st.ListTasks(s.ctx, domain.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestTaskFileOriginalName: a closure file stored under a cleaned name
// keeps the name it was given — attached alone or with an application
// for closure (ChangeTask) — and reads it back with the entry; a clean
// name keeps none.
func TestTaskFileOriginalName(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		ctx := domain.WithUser(ctx, domain.User{Name: "张三", Roles: domain.Roles})
		ts, err := s.CreateTasks(ctx, []domain.Task{{AssessmentID: a.ID, Source: domain.SourceManual, Problem: "台账不全",
			Measure: "补齐", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline}})
		mustOK(t, err)
		id := ts[0].ID
		tests := []struct {
			name, in, stored, original string
			change                     bool
		}{
			{"bad characters", `D:\材料\销号<佐证>.pdf`, "销号_佐证_.pdf", "销号<佐证>.pdf", false},
			{"folders only", "/home/x/整改报告.pdf", "整改报告.pdf", "", false},
			{"clean name", "照片.jpg", "照片.jpg", "", false},
			{"with the application", "会议\n纪要?.docx", "会议_纪要_.docx", "会议\n纪要?.docx", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var f domain.TaskFile
				if tt.change {
					x, err := s.ChangeTask(ctx, id, domain.TaskChange{Files: []domain.TaskUpload{{Name: tt.in, Content: strings.NewReader("content of " + tt.name)}},
						Steps: []domain.TaskMove{{Act: domain.TaskActRequestClosure}}})
					mustOK(t, err)
					f = x.Files[len(x.Files)-1]
				} else {
					got, err := s.AddTaskFile(ctx, id, tt.in, strings.NewReader("content of "+tt.name))
					mustOK(t, err)
					f = *got
				}
				if f.Name != tt.stored || f.OriginalName != tt.original {
					t.Errorf("stored as %q (original %q), want %q (%q)", f.Name, f.OriginalName, tt.stored, tt.original)
				}
				x, err := s.Task(ctx, id)
				mustOK(t, err)
				found := false
				for _, g := range x.Files {
					if g.ID == f.ID {
						found = true
						if g.OriginalName != tt.original {
							t.Errorf("read back with original %q, want %q", g.OriginalName, tt.original)
						}
					}
				}
				if !found {
					t.Errorf("file %d not read back", f.ID)
				}
			})
		}
	})
}

// TestTaskFileOriginalName_Travels: a closure file stored under a cleaned
// name reaches the other side with the name it was given, in the unit's
// submission and in the lead's review; a clean name arrives with none.
func TestTaskFileOriginalName_Travels(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, st *storage.Store) {
		unit, id := submitted(t, st)
		lead := newSide(t, storagetest.Open(t), "刘建国")
		own := unit.task(t, domain.Task{AssessmentID: id, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
			Measure: "补齐台账", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline})
		unit.attach(t, own.ID, `D:\材料\整改<终稿>.pdf`, "%PDF 终稿")
		unit.attach(t, own.ID, "照片.jpg", "JPEG 照片")
		lid := lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
		names := func(ts []domain.Task, problem string) map[string]string {
			out := map[string]string{}
			for _, x := range ts {
				if x.Problem == problem {
					for _, f := range x.Files {
						out[f.Name] = f.OriginalName
					}
				}
			}
			return out
		}
		if got := names(lead.tasks(t, lid), "台账不全"); len(got) != 2 || got["整改_终稿_.pdf"] != "整改<终稿>.pdf" || got["照片.jpg"] != "" {
			t.Errorf("the unit's closure files on the lead's side (stored → original): %q", got)
		}
		leads := lead.task(t, domain.Task{AssessmentID: lid, Source: domain.SourceReview, ItemID: "A1", Problem: "制度未印发",
			Measure: "印发", Owner: "张三", Due: day("2026-11-30"), Kind: domain.KindDeadline})
		lead.attach(t, leads.ID, "/home/刘建国/审核|意见.pdf", "%PDF 意见")
		if err := lead.st.Return(lead.ctx, lid, "补制度"); err != nil {
			t.Fatal(err)
		}
		unit.importFile(t, lead.export(t, lid, ""), true)
		if got := names(unit.tasks(t, id), "制度未印发"); len(got) != 1 || got["审核_意见.pdf"] != "审核|意见.pdf" {
			t.Errorf("the lead's closure file on the unit's side (stored → original): %q", got)
		}
	})
}

// TestTaskFileOriginalName_Later: a closure file that arrived without its
// original name (a package of an older Pingce) takes it from a later
// package that has it, once, without counting as a change of the entry.
func TestTaskFileOriginalName_Later(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	lead := newSide(t, storagetest.Open(t), "刘建国")
	own := unit.task(t, domain.Task{AssessmentID: id, Source: domain.SourceShortfall, ItemID: "A2", Problem: "台账不全",
		Measure: "补齐台账", Owner: "张三", Due: day("2026-12-31"), Kind: domain.KindDeadline})
	unit.attach(t, own.ID, "整改<终稿>.pdf", "%PDF 终稿")
	// The submission as an older Pingce wrote it: no original names.
	c, err := unit.svc.Build(unit.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Tasks {
		for j := range c.Tasks[i].Task.Files {
			c.Tasks[i].Task.Files[j].OriginalName = ""
		}
	}
	key, _ := unit.st.OwnKey(unit.ctx)
	old := filepath.Join(t.TempDir(), "old.pingce")
	f, err := os.Create(old)
	if err != nil {
		t.Fatal(err)
	}
	m, err := exchange.Write(unit.ctx, f, c, key, "")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := unit.st.MarkExported(unit.ctx, id, m); err != nil { // as Services.Export does: the review answers it
		t.Fatal(err)
	}
	lid := lead.importFile(t, old, true).AssessmentID
	file := func() domain.TaskFile {
		ts := lead.tasks(t, lid)
		if len(ts) != 1 || len(ts[0].Files) != 1 {
			t.Fatalf("the lead's entries: %+v", ts)
		}
		return ts[0].Files[0]
	}
	if got := file(); got.Name != "整改_终稿_.pdf" || got.OriginalName != "" {
		t.Fatalf("from the older package: %q (original %q)", got.Name, got.OriginalName)
	}
	if err := lead.st.Approve(lead.ctx, lid); err != nil {
		t.Fatal(err)
	}
	unit.importFile(t, lead.export(t, lid, ""), true)
	up := filepath.Join(t.TempDir(), "up.pingce")
	if _, err := unit.svc.ExportRegister(unit.ctx, id, up, "", nil, false); err != nil {
		t.Fatal(err)
	}
	got := lead.importFile(t, up, false)
	if f := file(); f.OriginalName != "整改<终稿>.pdf" {
		t.Errorf("a later package left the original name %q", f.OriginalName)
	}
	if got.Tasks != 0 {
		t.Errorf("an original name counted as a change of %d entries", got.Tasks)
	}
}
