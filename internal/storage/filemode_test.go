package storage_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"pingce/internal/storage/storagetest"
)

// TestOpen_TightensOldMode opens a database an older version created 0644
// (with its -wal and -shm) and checks that it is the owner's only after.
func TestOpen_TightensOldMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no permission bits")
	}
	path := filepath.Join(t.TempDir(), "pingce.db")
	s := storagetest.OpenFile(t, path)
	storagetest.Fixture(t, s)
	files := []string{path, path + "-wal", path + "-shm"}
	for _, f := range files {
		mustOK(t, os.Chmod(f, 0o644))
	}
	s.Close()
	for _, f := range files[1:] { // SQLite may remove them on close: make them as an old version left them
		if _, err := os.Stat(f); os.IsNotExist(err) {
			mustOK(t, os.WriteFile(f, nil, 0o644))
			mustOK(t, os.Chmod(f, 0o644))
		}
	}
	s2 := storagetest.OpenFile(t, path)
	defer s2.Close()
	for _, f := range files {
		if m := mode(t, f); m != 0o600 {
			t.Errorf("%s has mode %v after opening, want 0600", filepath.Base(f), m)
		}
	}
}
