package walk

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestExportPackageOnceSubmitted: the walk-through of a submitted
// assessment offers 导出提交包… (GAP-8), which hands the assessment's id
// on; a draft shows none until it is submitted there; without an
// exchange (OnExportPackage nil) no button shows.
func TestExportPackageOnceSubmitted(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	var sent []int64
	h := newHarnessWSDeps(t, s, s, mustOpen(t, s, a.ID), func(d *Deps) {
		d.OnExportPackage = func(id int64) { sent = append(sent, id) }
	})
	v := h.v
	if v.bar.pkg.Visible() {
		t.Fatal("a draft offers 导出提交包…")
	}
	test.Tap(v.bar.submit)
	h.settle()
	test.Tap(h.overlayButton("提交"))
	h.settle()
	if !v.bar.pkg.Visible() || v.bar.pkg.Text != "导出提交包…" {
		t.Fatalf("after submitting: button visible %v, text %q", v.bar.pkg.Visible(), v.bar.pkg.Text)
	}
	test.Tap(v.bar.pkg)
	h.settle()
	if len(sent) != 1 || sent[0] != a.ID {
		t.Errorf("exported %v, want [%d]", sent, a.ID)
	}

	// Opened again, submitted: the button is there at once; not without
	// an exchange.
	h2 := newHarness(t, s, s, a.ID)
	if h2.v.bar.pkg.Visible() {
		t.Error("导出提交包… shows without an exchange")
	}
	h3 := newHarnessWSDeps(t, s, s, mustOpen(t, s, a.ID), func(d *Deps) { d.OnExportPackage = func(int64) {} })
	if !h3.v.bar.pkg.Visible() {
		t.Error("a submitted assessment opened again offers no 导出提交包…")
	}
}

func mustOpen(t *testing.T, s domain.AssessmentService, id int64) *domain.Workspace {
	t.Helper()
	ws, err := s.OpenAssessment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}
