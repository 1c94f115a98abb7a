package walk

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestCarriedAnswers opens a next-round draft made from the last round:
// the toolbar offers to confirm the carried answers, a changed answer is
// no longer carried, and the confirmation clears what blocked submission.
func TestCarriedAnswers(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	next := &domain.Assessment{Round: "2026-Q4"}
	if err := s.CreateFrom(ctx, a.ID, next); err != nil {
		t.Fatal(err)
	}
	ws, err := s.OpenAssessment(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	carried := len(ws.Carried)
	if carried == 0 {
		t.Fatal("nothing carried")
	}
	h := newHarnessWSDeps(t, s, s, ws, func(d *Deps) { d.ConfirmCarried = s.ConfirmCarried })
	v := h.v
	if !v.bar.carried.Visible() || !strings.Contains(v.bar.carried.Text, "确认沿用上轮") {
		t.Fatalf("no confirm button: %q visible %v", v.bar.carried.Text, v.bar.carried.Visible())
	}
	if !v.scores.blockers.Blocks("A2") {
		t.Fatal("a carried answer does not block submission on screen")
	}
	v.setAnswer("A2", domain.Answer{Level: "全部"})
	h.settle()
	if v.scores.blockers.Blocks("A2") || len(v.ws.Carried) != carried-1 {
		t.Fatalf("a changed answer is still carried: %v", v.ws.Carried)
	}
	test.Tap(v.bar.carried)
	test.Tap(h.overlayButton("确认"))
	h.settle()
	if len(v.ws.Carried) != 0 || v.bar.carried.Visible() {
		t.Fatalf("still carried after confirming: %v", v.ws.Carried)
	}
	back, err := s.OpenAssessment(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Carried) != 0 {
		t.Fatalf("the store still holds carried answers: %v", back.Carried)
	}
	for _, p := range back.SubmissionProblems() {
		if p.Code == domain.ProbTaskUnconfirmed {
			t.Errorf("submission still blocked by %s", p.ItemID)
		}
	}
}

// TestTaskNote shows an item's register entries in its pane: last
// round's lost points with how they were rectified, and this round's
// open entry.
func TestTaskNote(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	due := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	if _, err := s.CreateTasks(ctx, []domain.Task{{Source: domain.SourceShortfall, AssessmentID: a.ID, ItemID: "A2", Lost: 10,
		Problem: "台账不全", Measure: "补齐", Owner: "王五", Due: due, Kind: domain.KindDeadline}}); err != nil {
		t.Fatal(err)
	}
	next := &domain.Assessment{Round: "2026-Q4"}
	if err := s.CreateFrom(ctx, a.ID, next); err != nil {
		t.Fatal(err)
	}
	ws, err := s.OpenAssessment(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWSDeps(t, s, s, ws, func(d *Deps) {
		d.UnitTasks = func(ctx context.Context, unit int64) ([]domain.Task, error) {
			return s.ListTasks(ctx, domain.TaskFilter{UnitID: unit})
		}
	})
	h.v.now = func() time.Time { return time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC) }
	if got := h.v.taskNote("A2"); got != "上轮（2026-Q3）失分 10 分，整改：逾期" {
		t.Errorf("A2's note %q", got)
	}
	if got := h.v.taskNote("A1"); got != "" {
		t.Errorf("A1's note %q", got)
	}
	h.v.ShowItem("A2")
	if !strings.Contains(overlayText(h.v.pane.form.content), "上轮（2026-Q3）失分 10 分") {
		t.Error("the pane does not show the note")
	}
}
