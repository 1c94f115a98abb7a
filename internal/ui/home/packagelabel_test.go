package home

import (
	"context"
	"testing"

	"pingce/internal/domain"
)

// TestPackageButtonNamesThePackage: the package button says what the
// selected assessment sends — 导出提交包… for the own unit's submitted
// one, 导出审核结果包… for another unit's returned one, 导出交换包… where
// Export still asks or finds the kind (an approved one, a draft).
func TestPackageButtonNamesThePackage(t *testing.T) {
	h := newHarness(t) // the own unit is 某某区公安分局
	h.home.deps.OnExportPackage = func(int64) {}
	h.home.packageButton.Show()
	own := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	other := domain.Unit{Name: "某某县公安局", Type: "分县局"}
	returned := h.seed(other, "2026-Q2", domain.Submitted, 10)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	if err := h.store.Return(ctx, returned, "补充材料"); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{
		h.seed(own, "2026-Q1", domain.Submitted, 10):   "Export submission package…",
		h.seed(own, "2026-Q2", domain.Draft, 3):        "Export package…",
		h.seed(other, "2026-Q1", domain.Submitted, 10): "Export package…",
		returned: "Export review package…",
		h.seed(other, "2026-Q3", domain.Approved, 10): "Export package…",
	}
	h.reload()
	seen := 0
	for i := 0; i < len(want); i++ {
		h.interact(func() { h.home.Select(i) })
		s := h.home.Selected()
		if s == nil {
			t.Fatalf("row %d: nothing selected", i)
		}
		seen++
		if got := h.home.packageButton.Text; got != want[s.ID] {
			t.Errorf("%s %s %s: the button reads %q, want %q", s.Unit.Name, s.Round, s.Status, got, want[s.ID])
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d rows of %d", seen, len(want))
	}
}
