package walk

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// TestDoneMeansDone: an item that is answered but still blocks submission
// (here A1: evidence required, no note or file) is shown as not done in the
// tree, the item pane and the header, and the 未完成 filter lists exactly
// what the submit check lists.
func TestDoneMeansDone(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	if _, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{Met: domain.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	submitCheck := func() []string {
		var ids []string
		for _, p := range v.ws.SubmissionProblems() {
			if !slices.Contains(ids, p.ItemID) {
				ids = append(ids, p.ItemID)
			}
		}
		return ids
	}
	rowOf := func(id string) *treeRow {
		t.Helper()
		o := v.nav.tree.CreateNode(itemNode(id) == "")
		v.nav.updateNode(itemNode(id), false, o)
		return v.nav.rows[o]
	}

	t.Run("tree row", func(t *testing.T) {
		r := rowOf("A1")
		if r.icon.Resource != v.nav.statusIcon(statusPending) {
			t.Errorf("A1 is marked %v, not as pending", r.icon.Resource.Name())
		}
		mustContain(t, "A1 points", r.points.Text, "缺佐证")
		if r := rowOf("A2"); r.icon.Resource == v.nav.statusIcon(statusPending) {
			t.Error("unanswered A2 is marked pending")
		}
	})
	t.Run("category count leaves A1 out", func(t *testing.T) {
		if st := v.scores.cats["A"]; st.answered != 0 || st.applicable != 4 {
			t.Errorf("A: %d/%d done, want 0/4", st.answered, st.applicable)
		}
	})
	t.Run("item pane", func(t *testing.T) {
		v.ShowItem("A1")
		mustContain(t, "points", v.pane.form.points.Text, "未完成（缺佐证）")
		if v.pane.form.points.Importance != widget.DangerImportance {
			t.Error("the pane's points are not marked")
		}
	})
	t.Run("header count and filter equal the submit check", func(t *testing.T) {
		want := submitCheck()
		mustEqual(t, "header", v.bar.blocking.Text, "6 项未完成") // A1–A4, B1, B3
		if !v.bar.blocking.Visible() {
			t.Fatal("the count is hidden")
		}
		v.ShowItem("X1") // a bonus item left empty blocks nothing
		test.Tap(v.bar.blocking)
		mustEqual(t, "filter", v.nav.filter.Selected, "未完成")
		if !slices.Equal(v.nav.order, want) {
			t.Errorf("未完成 lists %v, the submit check %v", v.nav.order, want)
		}
		mustEqual(t, "item shown", v.nav.current, "A1")
	})
	t.Run("a note makes A1 done", func(t *testing.T) {
		v.ShowItem("A1")
		test.Type(v.pane.form.note, "见制度汇编")
		if v.scores.pending("A1") {
			t.Fatal("A1 still pending with a note")
		}
		mustEqual(t, "header", v.bar.blocking.Text, "5 项未完成")
		mustContain(t, "points", v.pane.form.points.Text, "得分")
		if r := rowOf("A1"); r.icon.Resource != v.nav.statusIcon(domain.StatusAnswered) {
			t.Error("A1 is not marked done")
		}
		if st := v.scores.cats["A"]; st.answered != 1 {
			t.Errorf("A: %d done, want 1", st.answered)
		}
	})
}
