package storage

import (
	"context"
	"fmt"
	"os"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// Backup writes a consistent copy of the SQLite database to path, which must
// not exist yet and must be a plain file name (see checkFilePath: the copy
// has to open with --db later) other than the database and its companion
// files. PostgreSQL databases are backed up with pg_dump instead.
//
// The copy is written by userfile's atomic writer: to a temporary file
// beside path, readable by the owner only, flushed to the disk and only then
// given its name (a hard link, never replacing), so that a backup that is
// interrupted — the program killed, the disk full — leaves no file under
// that name, never a half copy that opens as an empty database.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return domain.Errorf(domain.EINVALID, "backup copies SQLite files only; back up PostgreSQL with pg_dump")
	}
	if err := checkFilePath("backup", path); err != nil {
		return err
	}
	// Never the database or a companion file, whatever the spelling.
	err := userfile.NewGuard(s.path).Write(ctx, path, false, func(ctx context.Context, f *os.File) error {
		if err := f.Close(); err != nil { // VACUUM INTO writes the empty file by its name
			return err
		}
		return s.db.WithContext(ctx).Exec("VACUUM INTO ?", f.Name()).Error
	})
	if err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	return nil
}
