package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
	"pingce/internal/userfile"
)

// TestExportNeverOntoTheDatabase refuses to export over the database or
// one of its files (issue 10 #1, the window's save dialog): nothing is
// written, and the user is told.
func TestExportNeverOntoTheDatabase(t *testing.T) {
	h := newHarness(t)
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	id := uitest.Seed(t, h.store, c, domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	ws, _ := h.store.OpenAssessment(context.Background(), id)
	dir := t.TempDir()
	db := filepath.Join(dir, "data.pdf") // a database whose name an export could take
	if err := os.WriteFile(db, []byte("database"), 0o600); err != nil {
		t.Fatal(err)
	}
	deps := h.deps
	deps.Outputs = userfile.NewGuard(db)
	e := Show(deps, ws)
	e.pdf.SetChecked(true)
	e.xlsx.SetChecked(true)
	e.folder.SetText(dir)
	e.name.SetText("data")
	h.tap(e.exportButton)
	h.tasks.Wait()
	if b, err := os.ReadFile(db); err != nil || string(b) != "database" {
		t.Errorf("the database holds %q (%v)", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data.xlsx")); err == nil {
		t.Error("the other file was written although the export was refused")
	}
	if len(e.written) != 0 || len(h.reports) != 0 {
		t.Errorf("written %q, reports %q", e.written, h.reports)
	}
}
