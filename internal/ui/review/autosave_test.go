package review

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
)

// failingReviews refuses to store reviews while fail is set.
type failingReviews struct {
	domain.ReviewService
	fail  atomic.Bool
	saves atomic.Int32
}

func (r *failingReviews) SaveReview(ctx context.Context, id int64, item string, rv domain.Review) (*domain.Result, error) {
	r.saves.Add(1)
	if r.fail.Load() {
		return nil, errors.New("disk full")
	}
	return r.ReviewService.SaveReview(ctx, id, item, rv)
}

// TestAutosave: review changes store themselves; a change the domain would
// refuse is not queued and says why; a failed store says so, keeps the
// change and stores it with the next one; going back waits for the store.
func TestAutosave(t *testing.T) {
	f := newFlow(t)
	rs := &failingReviews{ReviewService: f.st}
	f.deps.Reviews = rs
	backs := 0
	f.deps.OnBack = func() { backs++ }
	s := f.open()

	t.Run("a refused change is not queued", func(t *testing.T) {
		f.tasks.Interact(func() {
			s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust)) // neither answer nor points yet
		})
		if s.saves.Len() != 0 || !strings.Contains(s.status.Text, "not saved yet") {
			t.Fatalf("queued %d, status %q", s.saves.Len(), s.status.Text)
		}
		f.tasks.Interact(func() { test.Type(s.points, "8x") })
		if s.saves.Len() != 0 || !strings.Contains(s.status.Text, "number") {
			t.Fatalf("bad points: queued %d, status %q", s.saves.Len(), s.status.Text)
		}
	})
	t.Run("full-width points with a reason are stored", func(t *testing.T) {
		f.tasks.Interact(func() {
			s.points.SetText("８")
			s.reason.SetText("制度未印发")
		})
		f.settle(s)
		if r := f.stored().Reviews["A1"]; r.Score == nil || *r.Score != 8 || r.Reason != "制度未印发" {
			t.Fatalf("A1 stored %+v (status %q)", r, s.status.Text)
		}
	})
	t.Run("a failed store is kept and retried", func(t *testing.T) {
		rs.fail.Store(true)
		f.tasks.Interact(func() { s.comment.SetText("请核实") })
		f.settle(s)
		if !strings.Contains(s.saveState.Text, "not saved") || !strings.Contains(s.status.Text, "disk full") || !s.saves.Pending("A1") {
			t.Fatalf("after a failure: state %q, status %q, pending %v", s.saveState.Text, s.status.Text, s.saves.Pending("A1"))
		}
		f.tasks.Interact(s.back) // asks first; the test's Confirm says yes
		if backs != 1 || f.confirmed != 1 {
			t.Fatalf("back with an unsaved change: went back %d times, asked %d times", backs, f.confirmed)
		}
		backs, f.confirmed = 0, 0
		rs.fail.Store(false)
		f.tasks.Interact(func() { s.comment.SetText("请核实原件") })
		f.settle(s)
		if r := f.stored().Reviews["A1"]; r.Comment != "请核实原件" || s.saves.Len() != 0 {
			t.Fatalf("after the retry: %+v, %d waiting", r, s.saves.Len())
		}
	})
	t.Run("back waits for the store", func(t *testing.T) {
		f.tasks.Interact(func() { s.comment.SetText("最后的意见") })
		f.tasks.Interact(s.back)
		f.settle(s)
		if backs != 1 || f.stored().Reviews["A1"].Comment != "最后的意见" {
			t.Fatalf("went back %d times; stored %+v", backs, f.stored().Reviews["A1"])
		}
	})
}

// TestKeysInTheBox: Ctrl+Enter typed in the reason still accepts and moves
// on; PageDown in the points entry moves to the next item.
func TestKeysInTheBox(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	f.tasks.Interact(func() {
		f.deps.Window.Canvas().Focus(s.comment)
		s.comment.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
	})
	f.settle(s)
	if s.cur != "A2" || f.stored().Reviews["A1"].Verdict != domain.VerdictAccept {
		t.Fatalf("Ctrl+Enter in the comment: at %s, A1 %+v", s.cur, f.stored().Reviews["A1"])
	}
	f.tasks.Interact(func() { s.points.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) })
	if s.cur != "A3" {
		t.Errorf("PageDown in the points: at %s, want A3", s.cur)
	}
}
