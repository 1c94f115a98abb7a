package storage_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/glebarez/go-sqlite" // the damage is done beside the store, on the same file

	"pingce/internal/storage/storagetest"
)

// TestExport_DamagedEvidence damages a stored evidence content (its bytes,
// not its size) and exports: the export's verification of the written
// file finds it, the export is refused with a message that names the
// content and says to run db check, and no package — finished or half
// written — is left behind.
func TestExport_DamagedEvidence(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "unit.db")
	unit, id := submitted(t, storagetest.OpenFile(t, dbPath))
	raw, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.Exec("UPDATE evidence_chunks SET data = CAST(replace(CAST(data AS TEXT), '台账', '台帐') AS BLOB) WHERE seq = 0 AND CAST(data AS TEXT) LIKE '%台账%'")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("damaged %d contents, want 1", n)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.pingce")
	_, err = unit.svc.Export(unit.ctx, id, path, "", nil, false)
	if err == nil || !strings.Contains(err.Error(), "db check") || !strings.Contains(err.Error(), "is not what the database says") {
		t.Fatalf("export of damaged evidence: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the refused export left %v", left)
	}
}
