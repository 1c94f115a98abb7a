package walk

import (
	"context"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestReturnedShowsTheReview: after the lead returned the assessment, the
// unit sees the message in the banner, the reviewer's words at the item,
// and the items to fix in their own view of the tree (issue 12).
func TestReturnedShowsTheReview(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Submit(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	for id, r := range map[string]domain.Review{
		"A1": {Verdict: domain.VerdictAccept, Comment: "制度齐全"},
		"A2": {Verdict: domain.VerdictAdjust, Score: domain.Float(5), Reason: "台账缺两个月"},
		"A3": {Verdict: domain.VerdictRequest, Request: "请补充调查原始表"},
		"B1": {Verdict: domain.VerdictAccept},
	} {
		if _, err := s.SaveReview(lead, a.ID, id, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Return(lead, a.ID, "请补充材料后重新提交"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	if !v.bar.bannerBox.Visible() || !strings.Contains(v.bar.banner.Text, "请补充材料后重新提交") {
		t.Errorf("banner %q (visible %v)", v.bar.banner.Text, v.bar.bannerBox.Visible())
	}
	for _, c := range []struct{ id, want string }{
		{"A1", "意见：制度齐全"}, {"A2", "核定分 5（扣分说明：台账缺两个月）"}, {"A3", "需补充：请补充调查原始表"},
	} {
		id, want := c.id, c.want
		v.ShowItem(id)
		h.settle()
		if got := overlayText(h.w.Canvas().Content()); !strings.Contains(got, want) || !strings.Contains(got, "刘审核") {
			t.Errorf("%s: the pane lacks %q", id, want)
		}
	}
	// A3 is shown: the tree keeps the current item in every view.
	v.nav.filter.SetSelectedIndex(int(showToFix))
	h.settle()
	if !slices.Equal(v.nav.order, []string{"A2", "A3"}) {
		t.Errorf("待整改 shows %v, want [A2 A3]", v.nav.order)
	}
	v.nav.filter.SetSelectedIndex(int(showCommented))
	h.settle()
	if !slices.Equal(v.nav.order, []string{"A1", "A2", "A3"}) {
		t.Errorf("有意见 shows %v, want [A1 A2 A3]", v.nav.order)
	}
}
