package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"pingce/internal/domain"
)

// Backup writes a consistent copy of the SQLite database to path, which must
// not exist yet and must be a plain file name (see checkFilePath: the copy
// has to open with --db later). PostgreSQL databases are backed up with
// pg_dump instead.
//
// The copy is written to a temporary file beside path, readable by the
// owner only, flushed to the disk and only then given its name, so that a
// backup that is interrupted — the program killed, the disk full — leaves
// no file under that name, never a half copy that opens as an empty
// database.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return domain.Errorf(domain.EINVALID, "backup copies SQLite files only; back up PostgreSQL with pg_dump")
	}
	if err := checkFilePath("backup", path); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return domain.Errorf(domain.ECONFLICT, "backup file %s exists already", path)
	}
	tmp, err := createPrivate(path)
	if err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	defer os.Remove(tmp) // gone once linked or renamed; removes a failed copy
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	if err := publish(tmp, path); err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	return nil
}

// createPrivate creates an empty file, readable and writable by the owner
// only, with a temporary name in the folder of path, and returns its name.
func createPrivate(path string) (string, error) {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".partial-"+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	return tmp, f.Close()
}

// syncFile flushes a file to the disk and keeps it private (SQLite may have
// created it anew).
func syncFile(name string) error {
	if err := os.Chmod(name, 0o600); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// publish gives the finished file tmp the name path, refusing to replace a
// file that appeared there meanwhile: a hard link where the file system has
// them (atomic and never replacing), else a rename after a last check.
// Then the folder is flushed, so that the name survives a power loss.
func publish(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrExist):
		return domain.Errorf(domain.ECONFLICT, "backup file %s exists already", path)
	default: // no hard links here (FAT on a USB stick, some network shares)
		if _, err := os.Lstat(path); err == nil {
			return domain.Errorf(domain.ECONFLICT, "backup file %s exists already", path)
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir flushes a folder's entries to the disk, where the system allows
// it (not on Windows, which has no such call for folders).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: the file itself is flushed already
		d.Close()
	}
}
