package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/walk"
)

// closeGrace is how long the shell once gave a view without Busy: the saves
// below take longer, so that only Busy keeps the window open.
const closeGrace = 600 * time.Millisecond

// slowSaves is a store whose answer saves take longer than closeGrace.
type slowSaves struct {
	domain.AnswerService
}

func (s slowSaves) SaveAnswer(ctx context.Context, id int64, itemID string, a domain.Answer) (*domain.Result, error) {
	time.Sleep(closeGrace + 300*time.Millisecond)
	return s.AnswerService.SaveAnswer(ctx, id, itemID, a)
}

// TestCloseStoresTypedChange closes the window end to end, with the real
// walk-through: a note typed less than 100 ms before the window is closed
// (well before its debounced save) is in the store when the window goes,
// although the save takes longer than the shell would wait without Busy.
func TestCloseStoresTypedChange(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 1)
	h.u.deps.Walk = func(ws *domain.Workspace, onBack func(), _ func(*domain.Workspace)) screen.Screen {
		return walk.New(walk.Deps{App: h.u.deps.App, Window: h.w, Assessments: h.store, Answers: slowSaves{h.store}, Evidence: h.store,
			User: domain.User{Name: "张三", Roles: domain.Roles}, OnBack: onBack}, ws)
	}
	var v *walk.View
	h.u.OpenAssessment(id, func(s screen.Screen) { v = s.(*walk.View) })
	h.u.wait()
	if v == nil {
		t.Fatal("the walk-through did not open")
	}
	var item string
	h.interact(func() {
		item = v.CurrentItem()
		note := visibleNote(h.w.Content())
		if note == nil {
			t.Fatal("no note entry shows")
		}
		test.Type(note, "台账在档案室")
	})
	if !v.Busy() {
		t.Fatal("not busy with a typed change")
	}
	closed := make(chan struct{})
	h.u.deps.Window = closeSpy{Window: h.w, closed: closed}
	time.Sleep(50 * time.Millisecond)
	h.interact(h.u.onWindowClose)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("window not closed")
	}
	ws, err := h.store.OpenAssessment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got := ws.Answers.Answers[item].Note; got != "台账在档案室" {
		t.Fatalf("stored note of %s = %q", item, got)
	}
}

// visibleNote returns the multi-line entry shown (the item's note).
func visibleNote(o fyne.CanvasObject) fyne.Focusable {
	type entry interface {
		fyne.Focusable
		fyne.Widget
		SelectedText() string
	}
	var found fyne.Focusable
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(entry); ok && e.Visible() && found == nil && e.MinSize().Height > 60 {
			found = e
		}
	}
	return found
}
