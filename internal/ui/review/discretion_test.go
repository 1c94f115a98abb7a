package review

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// newTieredFlow is newFlow on the catalog with kinds, marks and a
// discretion item (domain/testdata/tiered.yaml), answered and submitted.
func newTieredFlow(t *testing.T) *flow {
	t.Helper()
	data, err := os.ReadFile("../../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	st := storagetest.Open(t)
	a := storagetest.FixtureWith(t, st, cat, &domain.Unit{Name: "某某区公安分局", Type: "分县局"})
	f := &flow{t: t, st: st, id: a.ID,
		staff: domain.WithUser(context.Background(), domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}}),
		lead:  domain.WithUser(context.Background(), domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}}),
	}
	for id, ans := range map[string]domain.Answer{
		"T1": {Counts: map[string]int{"main": 2, "other": 1}},
		"T2": {Counts: map[string]int{"general": 0}},
		"T3": {Counts: map[string]int{"report": 16}},
		"M1": {Count: domain.Int(2), Counts: map[string]int{"security": 1}},
		"J1": {Count: domain.Int(1)},
		"P1": {Met: domain.Bool(true)},
	} {
		if _, err := st.SaveAnswer(f.staff, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Submit(f.staff, a.ID); err != nil {
		t.Fatalf("submit: %v %v", err, domain.ErrorProblems(err))
	}
	f.tasks = &kit.Tasks{Context: func() context.Context { return f.lead }, OnError: func(err error) { t.Error(err) }}
	f.deps = Deps{Window: test.NewTempWindow(t, nil), Tasks: f.tasks, Assessments: st, Reviews: st,
		Confirm: func(_, _ string, ok func()) { f.confirmed++; ok() }}
	return f
}

// TestDiscretionReviewBox: the review box shows the unit's counts in
// words, offers the range of a discretion item for the points, refuses to
// accept its worst case, and stores the points picked with a reason; the
// assessment cannot be approved before (issue 15 shape 8).
func TestDiscretionReviewBox(t *testing.T) {
	f := newTieredFlow(t)
	s := f.open()
	f.tasks.Interact(func() { s.ShowItem("M1") })
	if !strings.Contains(s.ownAnswer.Text, "2") || !strings.Contains(s.ownAnswer.Text, "重大安保期间发生 1") {
		t.Errorf("M1's answer shows %q", s.ownAnswer.Text)
	}
	f.tasks.Interact(func() { s.ShowItem("J1") })
	if !strings.Contains(s.points.PlaceHolder, "4") || !strings.Contains(s.points.PlaceHolder, "8") {
		t.Errorf("J1's points entry says %q, want the range 4–8", s.points.PlaceHolder)
	}

	// Approving before the points are picked is refused.
	f.tasks.Interact(s.Approve)
	f.tasks.Wait()
	if f.stored().Assessment.Status != domain.Submitted {
		t.Fatal("approved with the discretion item undecided")
	}

	// Accepting the worst case is refused, and nothing is stored.
	f.tasks.Interact(func() { s.ShowItem("J1"); s.verdict.SetSelected(verdictLabel(domain.VerdictAccept)) })
	f.settle(s)
	if _, ok := f.stored().Reviews["J1"]; ok || s.status.Text == "" {
		t.Fatalf("accepting J1 was stored (status %q)", s.status.Text)
	}

	// Points within the range with a reason are stored and counted.
	f.tasks.Interact(func() {
		s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust))
		s.points.SetText("6")
		s.reason.SetText("情节较轻")
	})
	f.settle(s)
	ws := f.stored()
	if r := ws.Reviews["J1"]; r.Verdict != domain.VerdictAdjust || r.Score == nil || *r.Score != 6 || r.Reason != "情节较轻" {
		t.Fatalf("J1 review %+v", r)
	}
	if is, _ := ws.ReviewedResult().Item("J1"); is.Score != 6 || is.Pending != nil {
		t.Errorf("reviewed J1 %+v", is)
	}
	if ps := ws.ApproveProblems(); len(ps) != 0 {
		t.Errorf("still blocked: %v", ps)
	}
}
