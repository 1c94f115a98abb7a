package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/ui/review"
	"pingce/internal/ui/uitest"
)

// TestReviewRouting: a reviewer sees the 审核 button on home, a submitted
// assessment opens in the review screen, and the 审核 area lists it.
func TestReviewRouting(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 3)
	draft := h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q4", domain.Draft, 3)
	if h.u.home.ShowReviewArea() {
		t.Fatal("the 审核 area shows without a review service")
	}
	h.u.deps.Reviews = h.store
	h.reload()
	if !h.u.home.ShowReviewArea() {
		t.Fatal("no 审核 area on home for a reviewer")
	}
	h.u.wait()
	if got := uitest.Text(h.w.Canvas().Content()); !strings.Contains(got, "某某派出所") || !strings.Contains(got, lang.L("Waiting")) {
		t.Fatalf("the 审核 area does not list the waiting submission: %q", got)
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
	if h.u.current != h.u.home || !h.u.home.ReviewAreaShown() {
		t.Fatalf("ShowReviews shows %T (审核 tab in front: %v)", h.u.current, h.u.home.ReviewAreaShown())
	}
	// Opening the line opens the review screen; back returns home.
	areaList, ok := uitest.Find(h.w.Canvas().Content(), func(l *widget.List) bool { return l.Length() == 1 })
	if !ok {
		t.Fatalf("no list of one submission in the 审核 area: %q", uitest.Text(h.w.Canvas().Content()))
	}
	h.interact(func() { areaList.Select(0) })
	h.u.wait()
	rs, ok := h.u.current.(*review.Screen)
	if !ok || rs.Workspace().Assessment.ID != id {
		t.Fatalf("opening the 审核 line shows %T", h.u.current)
	}
}

// TestScriptReview: the screenshot harness reaches the 审核 area and the
// review screen of the first submission, with review actions done there.
func TestScriptReview(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 3)
	h.u.deps.Reviews = h.store
	h.reload()
	h.interact(func() {
		if err := h.u.Do("reviews", ""); err != nil {
			t.Error(err)
		}
	})
	h.u.wait()
	if h.u.current != h.u.home || !h.u.home.ReviewAreaShown() {
		t.Fatalf("reviews shows %T (审核 tab in front: %v)", h.u.current, h.u.home.ReviewAreaShown())
	}
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	item := c.Items()[1].ID
	h.interact(func() {
		if err := h.u.Do("review", "item="+item+";verdict=adjust"); err != nil {
			t.Error(err)
		}
	})
	h.u.wait()
	rs, ok := h.u.current.(*review.Screen)
	if !ok || rs.Workspace().Assessment.ID != id {
		t.Fatalf("review shows %T", h.u.current)
	}
	if text := uitest.Text(h.w.Canvas().Content()); !strings.Contains(text, item) {
		t.Errorf("the review screen does not show item %s", item)
	}
	h.interact(func() { rs.Close() })
}
