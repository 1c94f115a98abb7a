package storage_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestTaskRegister runs an entry's life on both databases: generated from
// the shortfalls, refused without evidence, applied for by the unit,
// closed by the lead with a comment; every change audited; the closure
// file's content shared with evidence and kept when the evidence goes.
func TestTaskRegister(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		staff := domain.WithUser(context.Background(), domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}})
		lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}})
		for id, ans := range storagetest.FullAnswers() {
			mustOK(t, second(s.SaveAnswer(staff, a.ID, id, ans)))
		}
		ev, err := s.AddEvidence(staff, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF-1.4 closure"))
		mustOK(t, err)
		ws, err := s.OpenAssessment(ctx, a.ID)
		mustOK(t, err)
		gen := domain.GenerateTasks(ws, domain.TaskDefaults{Measure: "完善台账", Owner: "王五", Due: mustDate(t, "2026-12-31")}, nil)
		if len(gen) != 1 || gen[0].ItemID != "A2" || gen[0].Lost != 10 {
			t.Fatalf("generated %+v", gen)
		}

		t.Run("CreateAllOrNothing", func(t *testing.T) {
			bad := gen[0]
			bad.Owner = ""
			_, err := s.CreateTasks(lead, []domain.Task{gen[0], bad})
			wantCode(t, err, domain.EINVALID)
			ts, err := s.ListTasks(ctx, domain.TaskFilter{})
			mustOK(t, err)
			if len(ts) != 0 {
				t.Fatalf("a refused batch left %d entries", len(ts))
			}
			unknown := gen[0]
			unknown.ItemID = "Z9"
			_, err = s.CreateTasks(lead, []domain.Task{unknown})
			wantCode(t, err, domain.ENOTFOUND)
		})
		created, err := s.CreateTasks(lead, gen)
		mustOK(t, err)
		id := created[0].ID
		if c := created[0]; c.ID == 0 || c.Round != "2026-Q3" || c.UnitName != "某某区公安分局" || c.ItemTitle != "台账完整" ||
			c.Status != domain.TaskOpen || c.CreatedBy != "刘审核" {
			t.Fatalf("created %+v", c)
		}

		t.Run("Steps", func(t *testing.T) {
			got, err := s.StepTask(staff, id, domain.TaskActNote, domain.TaskStep{Text: "已部署整改"})
			mustOK(t, err)
			if got.Status != domain.TaskInProgress {
				t.Fatalf("status %s after the unit's note", got.Status)
			}
			_, err = s.StepTask(staff, id, domain.TaskActRequestClosure, domain.TaskStep{})
			wantCode(t, err, domain.EBLOCKED)
			_, err = s.StepTask(lead, id, domain.TaskActClose, domain.TaskStep{Text: "ok"})
			wantCode(t, err, domain.EBLOCKED)
			f, err := s.AddTaskFile(staff, id, "整改报告.pdf", strings.NewReader("%PDF-1.4 closure"))
			mustOK(t, err)
			if f.SHA256 != ev.SHA256 {
				t.Fatal("the same bytes are not the same content")
			}
			_, err = s.StepTask(staff, id, domain.TaskActClose, domain.TaskStep{Text: "自己销号"})
			wantCode(t, err, domain.EFORBIDDEN)
			mustOK(t, second(s.StepTask(staff, id, domain.TaskActRequestClosure, domain.TaskStep{})))
			_, err = s.StepTask(lead, id, domain.TaskActClose, domain.TaskStep{})
			wantCode(t, err, domain.EINVALID)
			got, err = s.StepTask(lead, id, domain.TaskActClose, domain.TaskStep{Text: "经核查已整改"})
			mustOK(t, err)
			back, err := s.Task(ctx, id)
			mustOK(t, err)
			if back.Status != domain.TaskClosed || back.ClosedBy != "刘审核" || back.ClosedComment != "经核查已整改" ||
				back.ClosedAt.IsZero() || len(back.Files) != 1 || len(back.Notes) != 3 || back.Notes[0].Text != "已部署整改" {
				t.Fatalf("stored %+v", back)
			}
			if !back.ClosedAt.Equal(got.ClosedAt) {
				t.Errorf("closed at %v, stored %v", got.ClosedAt, back.ClosedAt)
			}
			_, err = s.EditTask(lead, id, *back)
			wantCode(t, err, domain.EINVALID) // closed: nothing changes any more
		})

		t.Run("FileContentOutlivesTheEvidence", func(t *testing.T) {
			mustOK(t, s.RemoveEvidence(staff, ev.ID))
			back, err := s.Task(ctx, id)
			mustOK(t, err)
			data, err := s.TaskFileContent(ctx, back.Files[0].ID)
			mustOK(t, err)
			if string(data) != "%PDF-1.4 closure" {
				t.Fatalf("content %q", data)
			}
		})

		t.Run("Audited", func(t *testing.T) {
			entries, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			var acts []string
			for _, e := range entries {
				if strings.HasPrefix(e.Action, "task_") {
					acts = append(acts, e.Action+"/"+e.Actor)
				}
			}
			want := []string{"task_create/刘审核", "task_note/王五", "task_attach/王五", "task_request_closure/王五", "task_close/刘审核"}
			if !slices.Equal(acts, want) {
				t.Fatalf("audit %v, want %v", acts, want)
			}
		})

		t.Run("EditSides", func(t *testing.T) {
			more, err := s.CreateTasks(lead, []domain.Task{{Source: domain.SourceManual, AssessmentID: a.ID, Problem: "会议记录不全",
				Measure: "补齐", Owner: "王五", Due: mustDate(t, "2026-10-31"), Kind: domain.KindImmediate}})
			mustOK(t, err)
			next := more[0]
			next.Measure = "补齐并建立台账"
			got, err := s.EditTask(staff, next.ID, next)
			mustOK(t, err)
			if got.Measure != "补齐并建立台账" {
				t.Fatalf("measure %q", got.Measure)
			}
			next.Due = mustDate(t, "2027-01-31")
			_, err = s.EditTask(staff, next.ID, next)
			wantCode(t, err, domain.EFORBIDDEN)
			back, err := s.Task(ctx, next.ID)
			mustOK(t, err)
			if !back.Due.Equal(mustDate(t, "2026-10-31")) {
				t.Fatalf("a refused edit moved the deadline to %v", back.Due)
			}
			open, err := s.ListTasks(ctx, domain.TaskFilter{Open: true, Round: "2026-Q3"})
			mustOK(t, err)
			if len(open) != 1 || open[0].ID != next.ID {
				t.Fatalf("open entries %+v", open)
			}
		})
	})
}

// TestCreateFrom starts the next round from the last on both databases:
// answers, notes and evidence carried and marked, the change-against-last-
// year item given its baseline, submission blocked until the carried
// answers are confirmed (audited), open entries moved.
func TestCreateFrom(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		for id, ans := range storagetest.FullAnswers() {
			mustOK(t, second(s.SaveAnswer(ctx, a.ID, id, ans)))
		}
		_, err := s.AddEvidence(ctx, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF-1.4"))
		mustOK(t, err)
		open, err := s.CreateTasks(ctx, []domain.Task{
			{Source: domain.SourceShortfall, AssessmentID: a.ID, ItemID: "A2", Problem: "台账不全", Measure: "补齐", Owner: "王五",
				Due: mustDate(t, "2026-10-31"), Kind: domain.KindDeadline},
			{Source: domain.SourceManual, AssessmentID: a.ID, Problem: "已完成的", Measure: "x", Owner: "王五",
				Due: mustDate(t, "2026-10-31"), Kind: domain.KindImmediate}})
		mustOK(t, err)
		mustOK(t, second(s.AddTaskFile(ctx, open[1].ID, "a.pdf", strings.NewReader("x"))))
		mustOK(t, second(s.StepTask(ctx, open[1].ID, domain.TaskActStart, domain.TaskStep{})))
		mustOK(t, second(s.StepTask(ctx, open[1].ID, domain.TaskActClose, domain.TaskStep{Text: "已整改"})))
		mustOK(t, s.Submit(ctx, a.ID))

		next := &domain.Assessment{Round: "2026-Q4"}
		t.Run("SameRoundRefused", func(t *testing.T) {
			err := s.CreateFrom(ctx, a.ID, &domain.Assessment{Round: "2026-Q3"})
			wantCode(t, err, domain.ECONFLICT)
		})
		mustOK(t, s.CreateFrom(ctx, a.ID, next))
		ws, err := s.OpenAssessment(ctx, next.ID)
		mustOK(t, err)
		want := []string{"A1", "A2", "A3", "B1", "B3"}
		if !slices.Equal(ws.Carried, want) {
			t.Fatalf("carried %v, want %v", ws.Carried, want)
		}
		if got := ws.Answers.Answers["A1"]; got.Note != "制度汇编已印发" || len(ws.Evidence["A1"]) != 1 {
			t.Fatalf("A1 carried as %+v with files %v", got, ws.Evidence["A1"])
		}
		if got := ws.Answers.Answers["A4"]; got.Value != nil || got.Baseline == nil || *got.Baseline != 85 {
			t.Fatalf("A4 (against last year) prepared as %+v", got)
		}
		t.Run("SubmissionBlocked", func(t *testing.T) {
			mustOK(t, second(s.SaveAnswer(ctx, next.ID, "A4", domain.Answer{Value: domain.Float(80), Baseline: domain.Float(85)})))
			err := s.Submit(ctx, next.ID)
			wantCode(t, err, domain.EBLOCKED)
			var items []string
			for _, p := range domain.ErrorProblems(err) {
				if p.Code == domain.ProbTaskUnconfirmed {
					items = append(items, p.ItemID)
				}
			}
			if !slices.Equal(items, want) {
				t.Fatalf("blocked by %v", items)
			}
		})
		t.Run("ChangedIsConfirmed", func(t *testing.T) {
			mustOK(t, second(s.SaveAnswer(ctx, next.ID, "A2", domain.Answer{Level: "全部"})))
			ws, err := s.OpenAssessment(ctx, next.ID)
			mustOK(t, err)
			if slices.Contains(ws.Carried, "A2") {
				t.Fatal("a changed answer is still 沿用上轮")
			}
		})
		t.Run("ConfirmAll", func(t *testing.T) {
			done, err := s.ConfirmCarried(ctx, next.ID, nil)
			mustOK(t, err)
			if !slices.Equal(done, []string{"A1", "A3", "B1", "B3"}) {
				t.Fatalf("confirmed %v", done)
			}
			mustOK(t, s.Submit(ctx, next.ID))
			entries, err := s.Audit(ctx, next.ID)
			mustOK(t, err)
			var acts []string
			for _, e := range entries {
				acts = append(acts, e.Action)
			}
			if !slices.Contains(acts, "carry_confirm") || !slices.Contains(acts, "carry") {
				t.Fatalf("audit %v", acts)
			}
		})
		t.Run("OpenEntriesMoved", func(t *testing.T) {
			ts, err := s.ListTasks(ctx, domain.TaskFilter{Round: "2026-Q4"})
			mustOK(t, err)
			if len(ts) != 1 || ts[0].ID != open[0].ID || ts[0].AssessmentID != next.ID || ts[0].FirstRound != "2026-Q3" ||
				ts[0].Notes[len(ts[0].Notes)-1].Kind != domain.NoteCarry {
				t.Fatalf("moved %+v", ts)
			}
			closed, err := s.Task(ctx, open[1].ID)
			mustOK(t, err)
			if closed.Round != "2026-Q3" {
				t.Fatal("a closed entry moved")
			}
		})
	})
}

// BenchmarkTaskBoard loads the board of 5,000 entries, each with two
// timeline notes and a closure file (goal < 300 ms, docs/performance.md).
func BenchmarkTaskBoard(b *testing.B) {
	s := storagetest.Open(b)
	a := storagetest.Fixture(b, s)
	ts := make([]domain.Task, 5000)
	for i := range ts {
		ts[i] = domain.Task{Source: domain.SourceShortfall, AssessmentID: a.ID, ItemID: "A2",
			Problem: fmt.Sprintf("〔A2〕台账完整：失 10 分。问题 %d", i), Measure: "完善台账，逐项核对", Owner: "王五",
			Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}
	}
	created, err := s.CreateTasks(ctx, ts)
	if err != nil {
		b.Fatal(err)
	}
	for i, t := range created {
		if i%5 == 0 {
			if _, err := s.StepTask(ctx, t.ID, domain.TaskActNote, domain.TaskStep{Text: "已部署"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		got, err := s.ListTasks(ctx, domain.TaskFilter{})
		if err != nil || len(got) != 5000 {
			b.Fatal(len(got), err)
		}
		_ = domain.CountTasks(got, time.Now())
	}
}
