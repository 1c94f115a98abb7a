package review

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestAdjustStartsFromTheUnitsAnswer: choosing 调整 shows the unit's answer
// in the reviewer's answer widgets, to correct rather than type again; an
// adjustment that still gives the unit's answer is not stored and says
// why (change the answer, give the points, or choose 认可), with a reason
// or without; a changed answer is stored, and changing it back to the
// unit's stores nothing new; points typed beside the prefilled answer are
// the adjustment. An item the unit did not answer starts empty.
func TestAdjustStartsFromTheUnitsAnswer(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	unchanged := "the answer above is still the unit's"
	adjust := func(id string) {
		t.Helper()
		f.tasks.Interact(func() {
			s.ShowItem(id)
			s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust))
		})
	}

	t.Run("shown", func(t *testing.T) {
		for _, tc := range []struct {
			id    string
			shown func() string
			want  string
		}{
			{"A2", func() string { return s.answer.editors[0].Level.Selected }, "部分"},
			{"A4", func() string { return s.answer.editors[0].Value.Text + "/" + s.answer.editors[0].Baseline.Text }, "85/100"},
			{"B3", func() string {
				return s.answer.editors[0].Met.Selected + "/" + s.answer.editors[1].Value.Text
			}, "Met (yes)/100"},
			{"X1", func() string { return s.answer.editors[0].Count.Text }, ""},
		} {
			t.Run(tc.id, func(t *testing.T) {
				adjust(tc.id)
				if got := tc.shown(); !strings.HasPrefix(got, tc.want) {
					t.Errorf("%s's answer widgets show %q, want the unit's %q", tc.id, got, tc.want)
				}
				if s.saves.Len() != 0 {
					t.Errorf("choosing 调整 on %s queued a review", tc.id)
				}
				for _, e := range s.answer.editors {
					if e.Problem.Visible() {
						t.Errorf("%s shows a problem before any input: %q", tc.id, e.Problem.Text)
					}
				}
			})
		}
		if !strings.Contains(s.status.Text, "reviewer's own answer or the points") {
			t.Errorf("X1 (not answered) with nothing given: status %q", s.status.Text)
		}
	})

	t.Run("unchanged is not stored", func(t *testing.T) {
		adjust("A2")
		if !strings.Contains(s.status.Text, unchanged) {
			t.Errorf("status %q", s.status.Text)
		}
		f.tasks.Interact(func() { s.reason.SetText("台账缺失") })
		f.settle(s)
		if r, ok := f.stored().Reviews["A2"]; ok || s.saves.Len() != 0 || !strings.Contains(s.status.Text, unchanged) {
			t.Fatalf("an adjustment with the unit's own answer: stored %+v, queued %d, status %q", r, s.saves.Len(), s.status.Text)
		}
	})

	t.Run("changed is stored", func(t *testing.T) {
		f.tasks.Interact(func() { s.answer.editors[0].Level.SetSelected(levelOption(t, s.answer.editors[0], "无")) })
		f.settle(s)
		if r := f.stored().Reviews["A2"]; r.Verdict != domain.VerdictAdjust || r.Answer == nil || r.Answer.Level != "无" || r.Reason != "台账缺失" {
			t.Fatalf("A2 review %+v (status %q)", r, s.status.Text)
		}
	})

	t.Run("back to the unit's is refused", func(t *testing.T) {
		f.tasks.Interact(func() { s.answer.editors[0].Level.SetSelected(levelOption(t, s.answer.editors[0], "部分")) })
		f.settle(s)
		if r := f.stored().Reviews["A2"]; r.Answer == nil || r.Answer.Level != "无" || !strings.Contains(s.status.Text, unchanged) {
			t.Fatalf("A2 review %+v after choosing the unit's level again (status %q)", r, s.status.Text)
		}
		f.tasks.Interact(func() { s.ShowItem("A3"); s.ShowItem("A2") })
		if got := s.answer.editors[0].Level.Selected; !strings.HasPrefix(got, "无") {
			t.Errorf("shown again, A2's widgets show %q, want the stored adjustment 无", got)
		}
	})

	t.Run("points beside the prefilled answer", func(t *testing.T) {
		adjust("A3")
		f.tasks.Interact(func() {
			s.points.SetText("12")
			s.reason.SetText("抽样偏高")
		})
		f.settle(s)
		if r := f.stored().Reviews["A3"]; r.Verdict != domain.VerdictAdjust || r.Score == nil || *r.Score != 12 || r.Answer != nil {
			t.Fatalf("A3 review %+v (status %q)", r, s.status.Text)
		}
	})
}
