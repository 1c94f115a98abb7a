package home

import (
	"testing"

	"pingce/internal/domain"
)

// TestPackageButtons: 导出交换包… works on any assessment but a draft and
// hands its id on; 导入… is always there when wired; neither shows when
// the shell has no exchange.
func TestPackageButtons(t *testing.T) {
	h := newHarness(t)
	if h.home.packageButton.Visible() || h.home.importButton.Visible() {
		t.Fatal("package buttons show without an exchange")
	}
	var exported []int64
	imports := 0
	h.home.deps.OnExportPackage = func(id int64) { exported = append(exported, id) }
	h.home.deps.OnImportPackage = func() { imports++ }
	h.home.packageButton.Show()
	h.home.importButton.Show()
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	draft := h.seed(unit, "2026-Q3", domain.Draft, 3)
	sub := h.seed(unit, "2026-Q2", domain.Submitted, 10)
	h.reload()
	for i := 0; i < 2; i++ {
		h.interact(func() { h.home.Select(i) })
		s := h.home.Selected()
		if s == nil {
			t.Fatal("nothing selected")
		}
		if want := s.Status != domain.Draft; h.home.packageButton.Disabled() == want {
			t.Errorf("%s: 导出交换包… enabled %v, want %v", s.Status, !h.home.packageButton.Disabled(), want)
		}
		if s.ID == sub {
			h.tap(h.home.packageButton)
		}
	}
	h.tap(h.home.importButton)
	if len(exported) != 1 || exported[0] != sub || imports != 1 || draft == sub {
		t.Errorf("exported %v (want [%d]), imports %d", exported, sub, imports)
	}
}
