// Package storage keeps Pingce's data — units, catalogs, rounds,
// assessments, answers, reviews, evidence files and the audit trail — in an
// SQLite file (pure Go, github.com/glebarez/sqlite) or a shared PostgreSQL
// database, through GORM.
//
// One *Store implements the domain's service of every noun: units,
// catalogs, assessments, answers, reviews, audit and evidence. It asks the
// domain before every write (the context's user may do it, the workflow
// allows it, the input fits), so the rules hold here, not only in the user
// interface: the wrong user is refused (EFORBIDDEN), a submitted or
// approved assessment refuses changes (ELOCKED), submission is refused while
// anything blocks it (EBLOCKED), answers that do not fit their item are
// refused (EINVALID), and every write is one transaction, so a refused or
// failed write leaves the data as it was.
//
// # Durability
//
// SQLite runs in WAL mode with synchronous=FULL: every commit is fsynced to
// the write-ahead log before SaveAnswer returns, so an answer the program
// reports as saved survives both the process being killed and the machine
// losing power. The cost is one fsync per write, about 0.4 ms a save on the
// build machine (see docs/performance.md, section "Storage"), more on slow
// disks; synchronous=NORMAL would skip it and still survive a
// killed process, but could lose the last commits on a power loss, which is
// not acceptable for a unit's official self-assessment. WithSynchronous
// chooses otherwise.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"

	"pingce/internal/domain"
)

// Interface checks: one Store serves every domain service.
var (
	_ domain.UnitService       = (*Store)(nil)
	_ domain.CatalogService    = (*Store)(nil)
	_ domain.AssessmentService = (*Store)(nil)
	_ domain.AnswerService     = (*Store)(nil)
	_ domain.ReviewService     = (*Store)(nil)
	_ domain.AuditService      = (*Store)(nil)
	_ domain.EvidenceService   = (*Store)(nil)
)

// DefaultMaxEvidenceSize is the default limit on one evidence file: 50 MB.
const DefaultMaxEvidenceSize int64 = 50 << 20

// busyTimeout is how long an SQLite connection waits for another writer
// (another process on the same file) before giving up.
const busyTimeout = 15 * time.Second

// Store is Pingce's database. It is safe for concurrent use.
type Store struct {
	db      *gorm.DB
	dialect string // "sqlite" or "postgres"
	path    string // the SQLite file; "" for PostgreSQL

	// Now returns the current time; it stamps every change. Tests replace
	// it before using the store.
	Now func() time.Time

	maxEvidence int64

	catMu sync.Mutex
	cats  map[string]*domain.Catalog // parsed catalogs by content hash

	answers answerCache

	bg          sync.WaitGroup // background checkpoints; Close waits for them
	checkpoints atomic.Bool    // a checkpoint is running
}

// Option changes how Open sets up the store.
type Option func(*config)

type config struct {
	maxEvidence int64
	synchronous string
	noBackup    bool
}

// WithMaxEvidenceSize sets the limit on one evidence file in bytes
// (default DefaultMaxEvidenceSize). A value ≤ 0 keeps the default.
func WithMaxEvidenceSize(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxEvidence = n
		}
	}
}

// WithSynchronous sets SQLite's synchronous pragma: "FULL" (the default,
// survives power loss) or "NORMAL" (in WAL mode survives a killed process but
// may lose the last commits on power loss; faster). Ignored for PostgreSQL.
func WithSynchronous(mode string) Option {
	return func(c *config) {
		if m := strings.ToUpper(mode); m == "FULL" || m == "NORMAL" {
			c.synchronous = m
		}
	}
}

// WithoutBackup skips the backup copy Open writes beside an SQLite file
// before migrating it to a newer schema. Tests use it.
func WithoutBackup() Option { return func(c *config) { c.noBackup = true } }

// DefaultPath returns the database file used when nothing else is
// configured: pingce.db in the user's data folder ($XDG_DATA_HOME/pingce,
// by default ~/.local/share/pingce, on Linux; %AppData%\pingce on Windows;
// ~/Library/Application Support/pingce on macOS).
func DefaultPath() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user data folder: %w", err)
		}
		dir = d
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			dir = d
		} else {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find the user data folder: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "pingce", "pingce.db"), nil
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than an
// SQLite file: a postgres:// or postgresql:// URL, or a keyword/value
// connection string such as "host=db1 dbname=pingce user=pingce".
func IsPostgres(dsn string) bool {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return true
	}
	return isKeywordDSN(dsn) // dsn.go
}

// Open opens the database named by dsn — a postgres:// URL, an SQLite file
// path, or "" for DefaultPath — and migrates it to the current schema.
// Before migrating an SQLite file with an older schema it writes a backup
// copy beside it (pingce.db.bak-v1-20260701T120000).
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	cfg := config{maxEvidence: DefaultMaxEvidenceSize, synchronous: "FULL"}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Store{Now: time.Now, maxEvidence: cfg.maxEvidence, cats: map[string]*domain.Catalog{}}
	gcfg := &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return s.now() },
		// Writes that need a transaction open one explicitly.
		SkipDefaultTransaction: true,
	}
	var err error
	if IsPostgres(dsn) {
		s.dialect = "postgres"
		s.db, err = gorm.Open(postgres.New(postgres.Config{DSN: dsn}), gcfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres database: %w", redactErr(dsn, err))
		}
	} else {
		if dsn == "" {
			if dsn, err = DefaultPath(); err != nil {
				return nil, err
			}
		}
		if err := checkFilePath("database", dsn); err != nil {
			return nil, err
		}
		s.dialect = "sqlite"
		s.path = dsn
		if err := createDatabaseFile(dsn); err != nil {
			return nil, err
		}
		s.db, err = gorm.Open(sqlite.Open(sqliteDSN(dsn, cfg.synchronous)), gcfg)
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", dsn, err)
		}
		sqlDB, err := s.db.DB()
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", dsn, err)
		}
		// One connection: SQLite has one writer anyway, and a single
		// connection per process means no "database is locked" between
		// goroutines; other processes wait up to busyTimeout.
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
		sqlDB.SetConnMaxLifetime(0)
	}
	if err := registerTextGuard(s.db); err != nil { // text.go
		s.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := s.migrate(ctx, !cfg.noBackup); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// createDatabaseFile creates the SQLite file, empty, unless it exists:
// readable and writable by the owner only, in a folder (created when
// needed) that only the owner may enter, since the data are official and
// personal. SQLite gives its companion files (-wal, -shm) the file's
// permissions. An existing file that group or others may read, made by an
// older version, is made the owner's only too (tightenMode).
func createDatabaseFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create database folder: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		tightenMode(path, path+"-wal", path+"-shm")
		return nil
	} else if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return f.Close()
}

// sqliteDSN builds the driver's connection string: WAL, foreign keys, a busy
// timeout, the chosen synchronous level, and BEGIN IMMEDIATE so that a
// write transaction takes the write lock at its start (waiting for it under
// the busy timeout) instead of failing on a lock upgrade half-way. New files
// get 64 KiB pages (SQLite's largest) and every connection a 32 MiB page
// cache: evidence is large blobs, and each page of the log is a write of
// its own, so 64 KiB pages store them with a sixteenth of the calls of
// the 4 KiB default (importing 200 MB of evidence takes about a fifth
// less time than with 16 KiB pages, attaching 20 MB a third less; saving
// an answer is within the noise; an empty database is 4 MB instead of
// 1 — docs/performance.md). Files made with smaller
// pages keep them. The automatic checkpoint waits for 1,000 pages (64 MiB)
// of log, so that attaching a file does not also copy it into the main
// file before returning; checkpointSoon does that in the background.
func sqliteDSN(path, synchronous string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "page_size(65536)")
	q.Add("_pragma", "cache_size(-32768)")
	q.Add("_pragma", "wal_autocheckpoint(1000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+synchronous+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// Close closes the database.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	s.bg.Wait()
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Path returns the SQLite file, or "" for PostgreSQL.
func (s *Store) Path() string { return s.path }

// MaxEvidenceSize returns the limit on one evidence file in bytes.
func (s *Store) MaxEvidenceSize() int64 { return s.maxEvidence }

// now returns the time to record, in UTC and to the microsecond (the
// precision PostgreSQL keeps), so that both databases give back what was
// written.
func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC().Truncate(time.Microsecond)
	}
	return s.Now().UTC().Truncate(time.Microsecond)
}

// checkpointSoon copies the write-ahead log into the SQLite file in the
// background after a large write (an evidence file), so that the copy does
// not lengthen that write or fall on a later answer save. At most one runs
// at a time; a checkpoint that cannot finish (another process reading) is
// simply retried by SQLite later.
func (s *Store) checkpointSoon() {
	if s.dialect != "sqlite" || !s.checkpoints.CompareAndSwap(false, true) {
		return
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer s.checkpoints.Store(false)
		_ = s.db.Exec("PRAGMA wal_checkpoint(PASSIVE)").Error // best effort
	}()
}

// transaction runs fn in one transaction. On SQLite it retries a few times
// when another process holds the file longer than the busy timeout allows,
// so that "database is locked" does not reach the user for a brief clash.
//
// Inside a transaction already (a view from within), fn runs under a
// savepoint that is released when fn succeeds and rolled back to when it
// fails. GORM's nested Transaction never releases its savepoints: they
// stayed open to the end of the outer transaction, and while any is open
// SQLite copies every page it spills from its cache to a statement journal
// before writing it to the log — a package's import wrote its evidence
// twice (PostgreSQL, too, keeps every unreleased savepoint as a
// subtransaction to the commit).
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if _, inTx := s.db.Statement.ConnPool.(gorm.TxCommitter); inTx {
		return savepoint(s.db.WithContext(ctx), fn)
	}
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = s.db.WithContext(ctx).Transaction(fn)
		if err == nil || !isBusy(err) || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	return err
}

// savepoints numbers the savepoints of nested transactions.
var savepoints atomic.Uint64

// savepoint runs fn in tx under a savepoint of its own: released when fn
// returns nil, rolled back to (and released) when it fails or panics.
func savepoint(tx *gorm.DB, fn func(tx *gorm.DB) error) (err error) {
	name := fmt.Sprintf("pingce_sp%d", savepoints.Add(1))
	if err := tx.Exec("SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("open savepoint: %w", err)
	}
	done := false
	defer func() {
		if !done || err != nil { // a panic or an error: undo fn's writes
			tx.Exec("ROLLBACK TO SAVEPOINT " + name)
			tx.Exec("RELEASE SAVEPOINT " + name)
		}
	}()
	err = fn(tx.Session(&gorm.Session{NewDB: true}))
	done = true
	if err != nil {
		return err
	}
	if err := tx.Exec("RELEASE SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// isBusy reports whether err is SQLite's SQLITE_BUSY ("database is locked").
func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")
}

// forUpdate locks the selected rows on PostgreSQL; SQLite's write
// transactions lock the whole file already.
func (s *Store) forUpdate(tx *gorm.DB) *gorm.DB {
	return tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}

// notFound maps gorm.ErrRecordNotFound to ENOTFOUND with the given message
// and wraps any other error with context.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Errorf(domain.ENOTFOUND, format, args...)
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
}

// dbErr maps database errors to domain codes: a duplicate key is ECONFLICT,
// a missing row ENOTFOUND, a broken reference ENOTFOUND, text PostgreSQL
// cannot keep EINVALID; anything else is wrapped with what was being done.
func dbErr(err error, what string) error {
	var de *domain.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &de):
		return err
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return domain.Errorf(domain.ECONFLICT, "%s: already exists", what)
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.Errorf(domain.ENOTFOUND, "%s: not found", what)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return domain.Errorf(domain.ENOTFOUND, "%s: refers to something that does not exist", what)
	case isBadTextSQL(err):
		return fmt.Errorf("%s: %w", what, badTextError("text"))
	}
	return fmt.Errorf("%s: %w", what, err)
}
