package newassessment

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/sheet"
	"pingce/internal/ui/uitest"
)

// TestImportTemplate imports a catalog from the catalog template (.xlsx)
// as the app wires the dialog (sheet.LoadCatalog): stored and selected.
func TestImportTemplate(t *testing.T) {
	h := newHarness(t)
	n := h.show()
	n.deps.LoadCatalog = sheet.LoadCatalog
	c, _ := catalog.Builtin("police-station-grade")
	p := filepath.Join(t.TempDir(), "目录.xlsx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteTemplate(f, c); err != nil {
		t.Fatal(err)
	}
	f.Close()
	n.ImportFile(p)
	h.tasks.Wait()
	if ch := n.choice(); ch == nil || ch.ref() != c.Ref() {
		t.Fatalf("selected %+v; screen: %s", ch, uitest.Text(uitest.Top(h.w)))
	}
	if cats, _ := h.store.ListCatalogs(context.Background()); len(cats) != 1 || !strings.HasPrefix(cats[0].Ref(), "police-station-grade@") {
		t.Fatalf("stored %+v", cats)
	}
}
