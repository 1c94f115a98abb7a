package home

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

func TestNextRound(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-Q3", "2026-Q4"},
		{"2026-Q4", "2027-Q1"},
		{"2026-q1", "2026-Q2"},
		{"2026-H1", "2026-H2"},
		{"2026-H2", "2027-H1"},
		{"2026", "2027"},
		{"2026年", "2027年"},
		{"2026-Q5", ""},
		{"2026-", ""},
		{"第三季度", ""},
		{"2026年-Q1", ""},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := NextRound(tc.in); got != tc.want {
				t.Errorf("NextRound(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// onlyAssessments hides the store's CreateFrom from home.
type onlyAssessments struct{ domain.AssessmentService }

// TestNextRoundFromHome: 以上轮为基础新建 on the home screen — the selected
// assessment's unit gets a draft of the round asked for (the next one
// proposed), its answers carried and marked 沿用上轮, and it opens; the
// same again is refused with a message and adds nothing. Without a
// service that can start from a previous assessment the button hides.
func TestNextRoundFromHome(t *testing.T) {
	h := newHarness(t)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	from := h.seed(unit, "2026-Q3", domain.Approved, 6)
	h.reload()
	home := h.home
	if home.nextButton.Hidden {
		t.Fatal("no 以上轮为基础新建 button with a store that can do it")
	}
	home.Select(0)
	if home.Selected().ID != from || home.nextButton.Disabled() {
		t.Fatalf("selected %+v, button disabled %v", home.Selected(), home.nextButton.Disabled())
	}
	ask := func() *widget.Entry {
		t.Helper()
		h.tap(home.nextButton)
		e, ok := uitest.Find(uitest.Top(h.w), func(e *widget.Entry) bool { return e.PlaceHolder == lang.L("such as 2026-Q4") })
		if !ok {
			t.Fatalf("no round entry in %q", uitest.Text(uitest.Top(h.w)))
		}
		return e
	}
	round := ask()
	if round.Text != "2026-Q4" {
		t.Errorf("proposed round %q, want 2026-Q4", round.Text)
	}
	h.interact(func() { round.SetText("2026-Q3") })
	if round.Validate() == nil {
		t.Error("the assessment's own round is accepted")
	}
	h.interact(func() { round.SetText(" 2026-Q4 ") })
	h.tap(uitest.Button(t, uitest.Top(h.w), lang.L("Create")))
	h.tasks.Wait()
	if len(h.opened) != 1 {
		t.Fatalf("opened %v after creating", h.opened)
	}
	ws, err := h.store.OpenAssessment(context.Background(), h.opened[0])
	if err != nil {
		t.Fatal(err)
	}
	if a := ws.Assessment; a.Round != "2026-Q4" || a.Unit.Name != unit.Name || a.Status != domain.Draft || a.ID == from {
		t.Errorf("the new assessment %+v", a)
	}
	if len(ws.Carried) == 0 || len(ws.Answers.Answers) == 0 {
		t.Errorf("nothing carried: %d answers, carried %v", len(ws.Answers.Answers), ws.Carried)
	}
	if got := len(home.Shown()); got != 2 {
		t.Errorf("home shows %d assessments, want 2", got)
	}

	// Again into 2026-Q4: the unit has that round already.
	for i, a := range home.Shown() {
		if a.ID == from {
			home.Select(i)
		}
	}
	round = ask()
	h.interact(func() { round.SetText("2026-Q4") })
	h.tap(uitest.Button(t, uitest.Top(h.w), lang.L("Create")))
	h.tasks.Wait()
	if len(h.opened) != 1 {
		t.Errorf("a refused start opened %v", h.opened)
	}
	if uitest.Top(h.w) == nil || uitest.Text(uitest.Top(h.w)) == "" {
		t.Error("the refusal is not shown")
	}
	list, err := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{})
	if err != nil || len(list) != 2 {
		t.Errorf("%d assessments after the refusal (%v), want 2", len(list), err)
	}

	plain := New(Deps{Window: h.w, Assessments: onlyAssessments{h.store}, Tasks: h.tasks})
	if !plain.nextButton.Hidden {
		t.Error("the button shows without a way to start from a previous assessment")
	}
}
