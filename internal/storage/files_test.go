package storage_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestOpen_RefusesNonFiles checks that database names the SQLite driver
// would not take as a plain file are refused, and that nothing is created.
func TestOpen_RefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{":memory:", "file:x?mode=memory", "FILE:pingce.db", "what?.db", "a?b/c.db", " "} {
		t.Run(name, func(t *testing.T) {
			s, err := storage.Open(ctx, name, storage.WithoutBackup())
			if err == nil {
				s.Close()
			}
			wantCode(t, err, domain.EINVALID)
			if es, _ := os.ReadDir(dir); len(es) != 0 {
				t.Errorf("refused %q but created %v", name, es[0].Name())
			}
		})
	}
}

// mode returns the permission bits of a file.
func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	mustOK(t, err)
	return fi.Mode().Perm()
}

// TestFiles_OwnerOnly checks that a new database, its companions, its
// folder and its backups are for the owner only.
func TestFiles_OwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no permission bits")
	}
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "pingce.db")
	s := storagetest.OpenFile(t, path)
	storagetest.Fixture(t, s)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if m := mode(t, f); m != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), m)
		}
	}
	if m := mode(t, dir); m != 0o700 {
		t.Errorf("new database folder has mode %v, want 0700", m)
	}
	bak := filepath.Join(t.TempDir(), "copy.db")
	mustOK(t, s.Backup(ctx, bak))
	if m := mode(t, bak); m != 0o600 {
		t.Errorf("backup has mode %v, want 0600", m)
	}
}

// TestBackup checks what a backup refuses and that it leaves nothing but
// the finished copy.
func TestBackup(t *testing.T) {
	dir := t.TempDir()
	s := storagetest.OpenFile(t, filepath.Join(dir, "pingce.db"))
	a := storagetest.Fixture(t, s)
	out := t.TempDir()
	t.Run("RefusesNonFiles", func(t *testing.T) {
		t.Chdir(out)
		for _, name := range []string{"file:x?mode=memory", ":memory:", "x?.db"} {
			wantCode(t, s.Backup(ctx, name), domain.EINVALID)
		}
		if es, _ := os.ReadDir(out); len(es) != 0 {
			t.Errorf("refused backups left %s", es[0].Name())
		}
	})
	t.Run("RefusesTheDatabaseFiles", func(t *testing.T) {
		db := filepath.Join(dir, "pingce.db")
		for _, name := range []string{db + "-journal", filepath.Join(dir, ".", "pingce.db-shm")} {
			// A file under the journal's name would be taken for a hot journal on the next open.
			if err := s.Backup(ctx, name); domain.ErrorCode(err) == "" {
				t.Errorf("backup onto %s accepted", name)
			}
		}
		if _, err := os.Stat(db + "-journal"); err == nil {
			t.Error("a refused backup created the journal's name")
		}
	})
	t.Run("Copy", func(t *testing.T) {
		bak := filepath.Join(out, "copy.db")
		mustOK(t, s.Backup(ctx, bak))
		wantCode(t, s.Backup(ctx, bak), domain.ECONFLICT)
		es, _ := os.ReadDir(out)
		if len(es) != 1 {
			var names []string
			for _, e := range es {
				names = append(names, e.Name())
			}
			t.Errorf("backup folder holds %v, want copy.db only", names)
		}
		b := storagetest.OpenFile(t, bak, storage.WithoutBackup())
		if _, err := b.OpenAssessment(ctx, a.ID); err != nil {
			t.Errorf("the copy lacks the assessment: %v", err)
		}
	})
	t.Run("CancelledLeavesNothing", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		bak := filepath.Join(out, "cancelled.db")
		if err := s.Backup(c, bak); err == nil {
			t.Fatal("a cancelled backup reported success")
		}
		if _, err := os.Stat(bak); err == nil {
			t.Error("a failed backup left a file under the backup's name")
		}
	})
}

// backupChildEnv makes TestBackup_KilledChild back up the database it names
// and exit: the parent kills it midway.
const backupChildEnv = "PINGCE_BACKUP_CHILD"

// TestBackup_Killed kills a process while it writes a backup, at different
// moments: the backup's name then holds either nothing or a complete copy,
// never a part that opens as an empty database.
func TestBackup_Killed(t *testing.T) {
	if os.Getenv(backupChildEnv) != "" {
		t.Skip("in the child")
	}
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("kills a child process")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "pingce.db")
	s := storagetest.OpenFile(t, db)
	a := storagetest.Fixture(t, s)
	for i := 0; i < 6; i++ { // about 24 MB of evidence to copy
		data := bytes.Repeat([]byte(fmt.Sprintf("%07d", i)), 4<<20/7)
		_, err := s.AddEvidence(ctx, a.ID, "A1", fmt.Sprintf("扫描件%d.pdf", i), bytes.NewReader(data))
		mustOK(t, err)
	}
	mustOK(t, s.Close())
	complete := 0
	for i, ms := range []int{20, 60, 120, 250, 400, 800} {
		delay := time.Duration(ms) * time.Millisecond
		bak := filepath.Join(dir, fmt.Sprintf("bak%d.db", i))
		cmd := exec.Command(os.Args[0], "-test.run=^TestBackup_KilledChild$")
		cmd.Env = append(os.Environ(), backupChildEnv+"="+db, backupChildEnv+"_TO="+bak)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		mustOK(t, cmd.Start())
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if _, err := os.Stat(bak); err != nil {
			continue // killed before the copy was done: no file, as it should be
		}
		b, err := storage.Open(ctx, bak, storage.WithoutBackup())
		if err != nil {
			t.Errorf("after %v: the backup does not open: %v", delay, err)
			continue
		}
		evs, err := b.ListEvidence(ctx, a.ID, "")
		b.Close()
		if err != nil || len(evs) != 6 {
			t.Errorf("after %v: the backup under its name is incomplete: %d files, %v", delay, len(evs), err)
		}
		complete++
	}
	t.Logf("%d of 6 killed backups had finished", complete)
	es, _ := filepath.Glob(filepath.Join(dir, ".*partial*"))
	t.Logf("%d temporary files left by killed backups (hidden, never under the backup's name)", len(es))
}

// TestBackup_KilledChild is the child of TestBackup_Killed.
func TestBackup_KilledChild(t *testing.T) {
	arg := os.Getenv(backupChildEnv)
	if arg == "" {
		t.Skip("run by TestBackup_Killed")
	}
	s, err := storage.Open(ctx, arg, storage.WithoutBackup())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, os.Getenv(backupChildEnv+"_TO")); err != nil {
		t.Fatal(err)
	}
}
