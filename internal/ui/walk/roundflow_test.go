package walk

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestRoundItemsAlone: a unit answering a catalog with rank and relative
// items in the walk-through sees 待全市汇总后计分 with the range in the item
// pane and in the score panel's total, never a points figure for them.
func TestRoundItemsAlone(t *testing.T) {
	cat := storagetest.RoundCatalog(t)
	s := storagetest.Open(t)
	ctx := domain.WithActor(context.Background(), "tester")
	a := storagetest.FixtureWith(t, s, cat, &domain.Unit{Name: "某某派出所", Type: "派出所", Superior: "某某区公安分局"})
	for id, ans := range map[string]domain.Answer{"R1": {Value: domain.Float(90)}, "K1": {Value: domain.Float(120)},
		"K2": {Value: domain.Float(7)}, "K3": {Value: domain.Float(95)}, "N1": {Met: domain.Bool(true)}, "G1": {Met: domain.Bool(true)}} {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("K1")
	h.settle()
	if got := h.v.pane.form.points.Text; got != "待全市汇总后计分：可得 0–60 分（本项满分 60 分）" {
		t.Errorf("K1 pane: %q", got)
	}
	h.shot("round-k1")
	// the tree: 待汇总 and the range for the round's items, the category's range
	rows := treeRowTexts(h)
	for _, want := range []string{"待汇总 · 0–60/60", "待汇总 · 1.5–2/2", "10/10", "完成 6/6 · 21.5–100/100 分"} {
		if !strings.Contains(rows, want) {
			t.Errorf("tree rows lack %q:\n%s", want, rows)
		}
	}
	h.v.pane.tabs.Select(h.v.pane.scoreTab)
	h.settle()
	// alone: R1 0–8, K1 0–60, K2 0–10, K3 1.5–2, N1 10, G1 10
	if got := h.v.score.final.Text; got != "待全市汇总后计分：可得 21.5–100 分（满分 100 分）" {
		t.Errorf("score panel: %q", got)
	}
	if got := h.v.score.formula.Text; !strings.HasPrefix(got, "按可得最低分计：") {
		t.Errorf("formula: %q", got)
	}
	if got := h.v.score.grade.Text; got != "五级至一级（待全市汇总后确定）" {
		t.Errorf("grade: %q", got)
	}
	h.shot("round-score")
}

// treeRowTexts returns the texts of every label the window shows, one a
// line.
func treeRowTexts(h *harness) string {
	var b strings.Builder
	walkObjects(h.w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}
