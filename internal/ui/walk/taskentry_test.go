package walk

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// taskButton returns the item pane's 生成整改事项 button, or nil.
func (h *harness) taskButton() *widget.Button {
	var b *widget.Button
	walkObjects(h.v.pane.form.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == "生成整改事项" {
			b = x
		}
	})
	return b
}

// overlayEntries returns the entries of the top dialog, in order.
func (h *harness) overlayEntries() []*widget.Entry {
	var out []*widget.Entry
	walkObjects(h.w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	return out
}

// TestTaskFromItemPane makes register entries from the item pane: one
// click on an item that lost points, or that the reviewer asked more of,
// opens the entry prefilled from the item, its points and the request;
// the saved entry shows in the pane and the button goes.
func TestTaskFromItemPane(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := s.OpenAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	ws.Reviews = map[string]domain.Review{"A1": {Verdict: domain.VerdictRequest, Request: "补充会议记录"}}
	h := newHarnessWSDeps(t, s, s, ws, func(d *Deps) {
		d.CreateTasks = s.CreateTasks
		d.UnitTasks = func(ctx context.Context, unit int64) ([]domain.Task, error) {
			return s.ListTasks(ctx, domain.TaskFilter{UnitID: unit})
		}
	})
	h.v.now = func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name, item string
		source     domain.TaskSource
		problem    []string // parts of the prefilled problem
	}{
		{"lost points", "A2", domain.SourceShortfall, []string{"〔A2〕", "失 "}},
		{"review request", "A1", domain.SourceReview, []string{"〔A1〕", "需补充：补充会议记录"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h.v.ShowItem(c.item)
			b := h.taskButton()
			if b == nil {
				t.Fatalf("%s shows no 生成整改事项 button", c.item)
			}
			h.shot("taskentry-pane-" + c.item)
			test.Tap(b)
			h.shot("taskentry-form-" + c.item)
			es := h.overlayEntries()
			if len(es) != 4 {
				t.Fatalf("the form has %d entries: %s", len(es), h.overlayText())
			}
			problem, measure, owner, due := es[0], es[1], es[2], es[3]
			for _, p := range c.problem {
				if !strings.Contains(problem.Text, p) {
					t.Errorf("problem %q lacks %q", problem.Text, p)
				}
			}
			if due.Text != "2026-07-31" {
				t.Errorf("deadline %q", due.Text)
			}
			test.Tap(h.overlayButton("保存")) // measure and owner are empty: refused
			h.settle()
			if ts, _ := s.ListTasks(ctx, domain.TaskFilter{}); len(ts) != map[string]int{"A2": 0, "A1": 1}[c.item] {
				t.Fatalf("saved with required fields empty: %d entries", len(ts))
			}
			test.Type(measure, "补齐台账")
			test.Type(owner, "王五")
			test.Tap(h.overlayButton("保存"))
			h.settle()
			ts, err := s.ListTasks(ctx, domain.TaskFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var got *domain.Task
			for i := range ts {
				if ts[i].ItemID == c.item {
					got = &ts[i]
				}
			}
			if got == nil {
				t.Fatalf("no entry for %s: %+v", c.item, ts)
			}
			if got.Source != c.source || got.AssessmentID != a.ID || got.Measure != "补齐台账" || got.Owner != "王五" ||
				got.Status != domain.TaskOpen || domain.DateText(got.Due) != "2026-07-31" || got.Problem != problem.Text {
				t.Errorf("entry %+v", *got)
			}
			if c.source == domain.SourceShortfall && got.Lost <= 0 {
				t.Errorf("lost points %v", got.Lost)
			}
			if h.taskButton() != nil {
				t.Error("the button stays beside an open entry")
			}
			if !strings.Contains(overlayText(h.v.pane.form.content), "整改事项 #") {
				t.Errorf("the pane does not show the new entry: %s", overlayText(h.v.pane.form.content))
			}
		})
	}
	t.Run("nothing to rectify", func(t *testing.T) {
		h.v.ShowItem("A3") // full marks
		if h.taskButton() != nil {
			t.Error("a button on an item with full marks")
		}
	})
}

// TestTaskButtonNeedsTheRegister: without a register the pane offers no button.
func TestTaskButtonNeedsTheRegister(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	if _, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "部分"}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("A2")
	if h.taskButton() != nil {
		t.Error("a 生成整改事项 button without a register")
	}
}
