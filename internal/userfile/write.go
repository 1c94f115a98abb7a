package userfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"pingce/internal/domain"
)

// Guard writes output files, refusing every path that is one of its
// databases or a companion file of one. The zero Guard and a nil *Guard
// protect nothing but still write atomically.
type Guard struct {
	dbs []string
}

// NewGuard returns a guard of the SQLite database files dbs; empty names
// are left out (PostgreSQL has no file to protect: pass none for it).
func NewGuard(dbs ...string) *Guard {
	g := &Guard{}
	for _, db := range dbs {
		if db != "" {
			g.dbs = append(g.dbs, db)
		}
	}
	return g
}

// companions are what SQLite and Pingce add to a database's file name for
// the files that belong to it: its write-ahead log, shared memory and
// rollback journal. Backups written before a migration are named
// db+backupInfix+….
var companions = []string{"", "-wal", "-shm", "-journal"}

const backupInfix = ".bak-"

// foldCase is set where file names are compared without case (Windows,
// macOS); windowsNames where "x.db." and "x.db::$DATA" also name x.db.
var (
	foldCase     = runtime.GOOS == "windows" || runtime.GOOS == "darwin"
	windowsNames = runtime.GOOS == "windows"
)

// nameKey returns the form of a file name under which the file system
// compares it.
func nameKey(name string) string {
	if windowsNames {
		if i := strings.IndexByte(name, ':'); i >= 0 {
			name = name[:i] // an alternate data stream of the file
		}
		name = strings.TrimRight(name, ". ")
	}
	if foldCase {
		name = strings.ToLower(name)
	}
	return name
}

// isCompanion reports whether the file name is the database file db's name
// or the name of one of its companions; backup tells whether it is the
// name of one of its backups.
func isCompanion(name, db string) (companion, backup bool) {
	k, d := nameKey(name), nameKey(db)
	for _, s := range companions {
		if k == d+s {
			return true, false
		}
	}
	return false, strings.HasPrefix(k, d+backupInfix)
}

// Check refuses path when it names a database of the guard or one of its
// companion files, or an existing backup of it (a new backup may be
// written beside it), comparing files rather than spellings: the same
// folder (whatever the path that leads to it, through links or "..") and
// the same name as the file system compares it, or the same existing file
// under another name (a link). The error is EINVALID with the problem
// ProbProtected.
func (g *Guard) Check(path string) error {
	if g == nil || len(g.dbs) == 0 {
		return nil
	}
	dir, dirErr := os.Stat(filepath.Dir(path))
	target, targetErr := os.Stat(path)
	name := filepath.Base(path)
	_, lerr := os.Lstat(path)
	for _, db := range g.dbs {
		companion, backup := isCompanion(name, filepath.Base(db))
		if dirErr == nil && (companion || backup && lerr == nil) {
			if dbDir, err := os.Stat(filepath.Dir(db)); err == nil && os.SameFile(dir, dbDir) {
				return protected(path, db)
			}
		}
		if targetErr != nil {
			continue
		}
		for _, s := range companions {
			if fi, err := os.Stat(db + s); err == nil && os.SameFile(fi, target) {
				return protected(path, db)
			}
		}
	}
	return nil
}

// protected returns the error refusing to write path over the database db.
func protected(path, db string) error {
	p := domain.NewProblem(ProbProtected,
		"this is the database in use ({database}) or one of its files: choose another file name",
		"file", path, "database", db)
	p.File = path
	return &domain.Error{Code: domain.EINVALID, Problems: []domain.Problem{p},
		Message: fmt.Sprintf("refusing to write %s: it is the database in use (%s) or one of its files; choose another file name", path, db)}
}

// ErrInUse marks a write whose file could not be replaced on Windows,
// where another program (a PDF viewer, Excel) may hold it open.
var ErrInUse = errors.New("the file is in use")

// WriteFile writes the file at path with write (Write).
func (g *Guard) WriteFile(ctx context.Context, path string, write func(w io.Writer) error) error {
	return g.Write(ctx, path, true, func(ctx context.Context, f *os.File) error { return write(f) })
}

// WriteData writes data to the file at path (Write).
func (g *Guard) WriteData(ctx context.Context, path string, data []byte) error {
	return g.WriteFile(ctx, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes the file at path after Check: fill writes a new temporary
// file in the same folder, created readable by the owner only, which is
// then synced and renamed over path. It may write to f or close it and
// write at f.Name() itself (SQLite's VACUUM INTO writes into an empty
// file). With replace false an existing path is refused (ECONFLICT). On any
// error, or when ctx is cancelled before the rename, the temporary file is
// removed and path is left as it was.
func (g *Guard) Write(ctx context.Context, path string, replace bool,
	fill func(ctx context.Context, f *os.File) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if path == "" {
		return domain.Errorf(domain.EINVALID, "no file name to write to")
	}
	if err := g.Check(path); err != nil {
		return err
	}
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return domain.Errorf(domain.ECONFLICT, "%s exists already", path)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := fill(ctx, f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := syncClose(f, tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := g.Check(path); err != nil { // the folder may have changed meanwhile
		return err
	}
	if err := publish(tmp, path, replace); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// publish gives the finished temporary file tmp the name path. Without
// replace it never replaces a file that appeared there meanwhile: a hard
// link where the file system has them (atomic, and failing when path
// exists), else a rename after a last look (FAT on a USB stick, some
// network shares have no links).
func publish(tmp, path string, replace bool) error {
	if !replace {
		err := os.Link(tmp, path)
		switch {
		case err == nil:
			_ = os.Remove(tmp)
			return nil
		case errors.Is(err, fs.ErrExist):
			return domain.Errorf(domain.ECONFLICT, "%s exists already", path)
		}
		if _, err := os.Lstat(path); err == nil {
			return domain.Errorf(domain.ECONFLICT, "%s exists already", path)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		if runtime.GOOS == "windows" {
			err = errors.Join(err, ErrInUse)
		}
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}

// syncClose flushes the temporary file at name to the disk and closes f.
// fill may have closed f and written the file by name, so it is opened
// again for the sync.
func syncClose(f *os.File, name string) error {
	if err := f.Sync(); err == nil {
		return f.Close()
	} else if !errors.Is(err, fs.ErrClosed) {
		return err
	}
	if err := os.Chmod(name, 0o600); err != nil { // the filler may have made it anew
		return err
	}
	g, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := g.Sync(); err != nil {
		g.Close()
		return err
	}
	return g.Close()
}

// syncDir makes a rename in the folder dir durable where the system allows
// it (not on Windows, where renames are durable on their own).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
