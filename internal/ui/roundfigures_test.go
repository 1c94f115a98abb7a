package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/review"
	"pingce/internal/ui/uitest"
)

// TestHomeScoresTheRoundHeldWhole: the shell gives home the database's
// rounds (Deps.Round), so a lead's home list shows the round's figures of
// a round it holds whole — 73.17 三级 for the 派出所 of formats.md §3's
// worked example, as the overview and the walk — not 11.5（待汇总）; its
// 审核 area and the review screen say the same.
func TestHomeScoresTheRoundHeldWhole(t *testing.T) {
	st := storagetest.Open(t)
	storeProfile(t, st, domain.Unit{Name: "某某市公安局", Type: "市局"}, "刘建国")
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	first := storagetest.RoundOfFour(t, ctx, st)[0]
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	u := New(Deps{App: a, Window: w, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st,
		Reviews: st, Round: st, RoundDates: st, RoundSettings: st, Builtins: catalog.Builtins, LoadCatalog: catalog.LoadFile})
	u.Start()
	u.wait()
	for _, s := range u.home.Shown() {
		if s.ID == first.ID && (s.Final != 73.17 || s.Grade != "三级" || s.AwaitsRound) {
			t.Errorf("home lists 丁派出所 with %v %s (awaits %v), want the round's 73.17 三级", s.Final, s.Grade, s.AwaitsRound)
		}
	}
	// The 审核 area says the same figures.
	u.tasks.Interact(func() {
		if err := u.Do("reviews", ""); err != nil {
			t.Error(err)
		}
	})
	u.wait()
	if text := uitest.Text(w.Canvas().Content()); !strings.Contains(text, "73.17") || strings.Contains(text, "awaits the round") || strings.Contains(text, "待汇总") {
		t.Errorf("the 审核 area does not show the round's 73.17:\n%s", text)
	}
	// And so does the review screen of a submission.
	u.tasks.Interact(func() {
		if err := u.Do("review", ""); err != nil {
			t.Error(err)
		}
	})
	u.wait()
	rs, ok := u.current.(*review.Screen)
	if !ok {
		t.Fatalf("review shows %T", u.current)
	}
	if r := rs.Workspace().Result(); r.AwaitsRound || rs.Workspace().Peers == nil {
		t.Errorf("the review screen scores %v, awaiting the round", r.Final)
	}
	if text := uitest.Text(w.Canvas().Content()); strings.Contains(text, "awaits the round") || strings.Contains(text, "待汇总") {
		t.Errorf("the review screen still waits for the round:\n%s", text)
	}
	u.tasks.Interact(func() { rs.Close() })
}

// focusScreen is a screen with one entry, which keeps the focus when it
// leaves (its Close does nothing).
type focusScreen struct{ entry *widget.Entry }

func (s *focusScreen) Content() fyne.CanvasObject { return s.entry }
func (s *focusScreen) HandleDrop([]fyne.URI)      {}
func (s *focusScreen) Close()                     {}
func (s *focusScreen) Busy() bool                 { return false }

// TestShowLetsGoOfTheFocus: the shell swaps the screen in the window; the
// focus of the screen leaving goes with it, so keys typed on the next one
// never reach a hidden widget.
func TestShowLetsGoOfTheFocus(t *testing.T) {
	h := newHarness(t, true)
	left := &focusScreen{entry: widget.NewEntry()}
	h.interact(func() {
		h.u.show(left, "left")
		h.w.Canvas().Focus(left.entry)
	})
	if h.w.Canvas().Focused() == nil {
		t.Fatal("the entry does not take the focus")
	}
	h.interact(func() { h.u.show(&focusScreen{entry: widget.NewEntry()}, "next") })
	if f := h.w.Canvas().Focused(); f != nil {
		t.Errorf("the screen shown next leaves the focus on %T", f)
	}
}
