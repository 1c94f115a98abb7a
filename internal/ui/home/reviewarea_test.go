package home

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/review"
	"pingce/internal/ui/uitest"
)

// TestReviewArea: a reviewer's home has the 审核 tab — the submissions
// by phase, unit and round with 自评分, 核定分 and the items reviewed —
// and opening a line asks for its review; without the reviewer role
// there is no tab.
func TestReviewArea(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1024, 700))
	st := storagetest.Open(t)
	tasks := &kit.Tasks{
		Context: func() context.Context {
			return domain.WithUser(context.Background(), domain.User{Name: "李四", Roles: []domain.Role{domain.RoleReviewer}})
		},
		OnError: func(err error) { t.Errorf("background work: %v", err) },
	}
	var opened []int64
	reviewer := false
	area := review.NewList(review.ListDeps{Tasks: tasks, Assessments: st, OnOpen: func(id int64) { opened = append(opened, id) }})
	h := New(Deps{Window: w, Assessments: st, Tasks: tasks, ReviewArea: area, CanReview: func() bool { return reviewer }})
	w.SetContent(h.Content())
	hs := &harness{t: t, home: h, w: w, store: st, tasks: tasks}
	sub := hs.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 3)
	back := hs.seed(domain.Unit{Name: "另一派出所", Type: "派出所"}, "2026-Q2", domain.Submitted, 3)
	hs.seed(domain.Unit{Name: "草稿所", Type: "派出所"}, "2026-Q3", domain.Draft, 3)
	lead := domain.WithUser(context.Background(), domain.User{Name: "李四", Roles: []domain.Role{domain.RoleReviewer}})
	ws, err := st.OpenAssessment(lead, sub)
	if err != nil {
		t.Fatal(err)
	}
	first := ws.Catalog.Items()[0].ID
	if _, err := st.SaveReview(lead, sub, first, domain.Review{Verdict: domain.VerdictAccept}); err != nil {
		t.Fatal(err)
	}
	if err := st.Return(lead, back, "请补充"); err != nil {
		t.Fatal(err)
	}

	hs.reload()
	if h.ShowReviewArea() || h.ReviewAreaShown() {
		t.Fatal("the 审核 tab shows for a user who does not review")
	}
	reviewer = true
	tasks.Interact(h.Reload)
	tasks.Wait()
	tasks.Interact(func() {
		if !h.ShowReviewArea() {
			t.Fatal("no 审核 tab for a reviewer")
		}
	})
	tasks.Wait()
	text := uitest.Text(w.Canvas().Content())
	for _, want := range []string{"某某派出所", "2026-Q3", lang.L("In review"), "1/", "另一派出所", lang.L("Returned"),
		lang.L("Waiting {{.Waiting}} · in review {{.InReview}} · returned {{.Returned}} · approved {{.Approved}}",
			map[string]any{"Waiting": 0, "InReview": 1, "Returned": 1, "Approved": 0})} {
		if !strings.Contains(text, want) {
			t.Errorf("the 审核 area does not show %q: %q", want, text)
		}
	}
	if strings.Contains(text, "草稿所") {
		t.Error("a draft is listed for review")
	}
	if got := w.Canvas().Content().MinSize().Width; got > 1024 {
		t.Errorf("home with the 审核 tab is %.0f px wide, more than a 1024-pixel screen", got)
	}
	lines := area.Lines()
	if len(lines) != 2 {
		t.Fatalf("lines %+v", lines)
	}
	l, ok := uitest.Find(w.Canvas().Content(), func(l *widget.List) bool { return l.Length() == 2 })
	if !ok {
		t.Fatal("no list of the two submissions")
	}
	for i, x := range lines {
		if x.ID == sub {
			tasks.Interact(func() { l.Select(i) })
		}
	}
	if len(opened) != 1 || opened[0] != sub {
		t.Errorf("opened %v, want [%d]", opened, sub)
	}

	reviewer = false
	tasks.Interact(h.Reload)
	tasks.Wait()
	if h.ReviewAreaShown() || strings.Contains(uitest.Text(w.Canvas().Content()), lang.L("In review")) {
		t.Error("the 审核 tab stays once the user no longer reviews")
	}
}
