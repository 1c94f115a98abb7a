package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/review"
)

// TestReviewRouting: a reviewer sees the 审核 button on home, a submitted
// assessment opens in the review screen, and the 审核 area lists it.
func TestReviewRouting(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 3)
	draft := h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q4", domain.Draft, 3)
	h.u.deps.Reviews = h.store
	h.reload()
	if !h.findButton(lang.L("Lead review")).Visible() {
		t.Fatal("no review button on home for a reviewer")
	}
	h.interact(func() { h.u.OpenAssessment(id, nil) })
	h.u.wait()
	if _, ok := h.u.current.(*review.Screen); !ok {
		t.Fatalf("a submitted assessment opens in %T, want the review screen", h.u.current)
	}
	h.interact(func() { h.u.OpenAssessment(draft, nil) })
	h.u.wait()
	if _, ok := h.u.current.(*review.Screen); ok {
		t.Fatal("a draft opens in the review screen")
	}
	h.interact(h.u.ShowReviews)
	h.u.wait()
	l, ok := h.u.current.(*review.List)
	if !ok || len(l.Lines()) != 1 || l.Lines()[0].ID != id {
		t.Fatalf("审核 area %T %+v", h.u.current, l)
	}
}
