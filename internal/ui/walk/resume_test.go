package walk

import (
	"testing"
	"time"

	"pingce/internal/ui/autosave"
)

// TestResume: reopening an assessment goes to the item the user was on,
// not the first unanswered one (issue 11 #7).
func TestResume(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	mustEqual(t, "first open", h.v.nav.current, "A1")
	h.v.ShowItem("B3")
	h.v.Close()

	// A crash: the next view on the same app (same preferences).
	ws, err := s.OpenAssessment(h.v.ctx(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	v2 := New(Deps{App: h.app, Window: h.w, Assessments: s, Answers: s, Evidence: s}, ws)
	mustEqual(t, "reopened at", v2.nav.current, "B3")

	t.Run("an item the catalog lacks falls back to the first unanswered", func(t *testing.T) {
		h.app.Preferences().SetString(h.v.resumeKey(), "ZZ9")
		v3 := New(Deps{App: h.app, Window: h.w, Assessments: s, Answers: s, Evidence: s}, ws)
		mustEqual(t, "opened at", v3.nav.current, "A1")
	})
}

// TestTypingSavesEvery2s: the view's queue stores a change at the latest
// 2 s after it while the user keeps typing (the queue's own test drives
// the timing).
func TestTypingSavesEvery2s(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	if h.v.saves.MaxWait != autosave.DefaultMaxWait || autosave.DefaultMaxWait > 2*time.Second {
		t.Errorf("the view's saves wait up to %v while typing", h.v.saves.MaxWait)
	}
}
