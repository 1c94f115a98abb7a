package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

// Evidence contents in pieces (schema 12). A content — the bytes of an
// evidence or closure evidence file, kept once per SHA-256 — lives in
// evidence_chunks as pieces of at most chunkSize bytes, numbered from 0,
// under the content's key; its evidence_blobs row keeps the hash, the size
// and that key (its data column, where schemas 1–11 kept the whole file,
// is empty). So no file is ever whole in memory: it is written and read a
// piece at a time (putContent, openContent), however large it is.
//
// A content whose hash is known before it is written (a package's
// evidence, verified while it is read) is keyed by its hash; one whose hash
// is known only at its end (a file being attached) gets a random key, as
// its pieces are written before the hash is known.

// chunkSize is the size of a content's pieces. Readers do not depend on
// it: they read pieces in order until the content's size.
const chunkSize = 1 << 20

// pieceBuffers keeps buffers of chunkSize bytes for writing and reading
// pieces, so that a content of any size costs a buffer at most.
var pieceBuffers = sync.Pool{New: func() any { b := make([]byte, chunkSize); return &b }}

// chunkRow is one piece of a content.
type chunkRow struct {
	ContentKey string `gorm:"column:content_key;primaryKey"`
	Seq        int    `gorm:"column:seq;primaryKey;autoIncrement:false"`
	Data       []byte `gorm:"not null"`
}

// TableName names the evidence_chunks table for GORM.
func (chunkRow) TableName() string { return "evidence_chunks" }

// contentRow is an evidence_blobs row as schema 12 has it: blobRow and the
// key of its pieces.
type contentRow struct {
	SHA256     string `gorm:"column:sha256;primaryKey"`
	Size       int64  `gorm:"not null"`
	Data       []byte `gorm:"not null"` // empty since schema 12
	ContentKey string `gorm:"column:content_key;not null;default:''"`
	CreatedAt  time.Time
}

// TableName names the evidence_blobs table for GORM.
func (contentRow) TableName() string { return "evidence_blobs" }

// migrateEvidenceChunks moves every content into pieces: in SQL, a piece
// at a time (substr works on blobs in SQLite and on bytea in PostgreSQL),
// so that not even the migration holds a whole file in memory.
func migrateEvidenceChunks(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&chunkRow{}); err != nil {
		return err
	}
	if !tx.Migrator().HasColumn(&contentRow{}, "ContentKey") {
		if err := tx.Migrator().AddColumn(&contentRow{}, "ContentKey"); err != nil {
			return err
		}
	}
	var old []contentRow
	if err := tx.Select("sha256", "size").Where("content_key = ''").Order("sha256").Find(&old).Error; err != nil {
		return fmt.Errorf("list file contents: %w", err)
	}
	for _, b := range old {
		var n int64
		if err := tx.Raw("SELECT length(data) FROM evidence_blobs WHERE sha256 = ?", b.SHA256).Scan(&n).Error; err != nil {
			return fmt.Errorf("measure file content %.12s: %w", b.SHA256, err)
		}
		for seq := int64(0); seq*chunkSize < n; seq++ {
			err := tx.Exec("INSERT INTO evidence_chunks (content_key, seq, data) SELECT sha256, CAST(? AS BIGINT), substr(data, CAST(? AS INTEGER), CAST(? AS INTEGER)) FROM evidence_blobs WHERE sha256 = ?",
				seq, seq*chunkSize+1, chunkSize, b.SHA256).Error
			if err != nil {
				return fmt.Errorf("move file content %.12s into pieces: %w", b.SHA256, err)
			}
		}
		if err := tx.Exec("UPDATE evidence_blobs SET content_key = sha256, data = ? WHERE sha256 = ?", []byte{}, b.SHA256).Error; err != nil {
			return fmt.Errorf("move file content %.12s into pieces: %w", b.SHA256, err)
		}
	}
	return nil
}

// newContentKey returns a random key for the pieces of a content whose
// hash is not known yet.
func newContentKey() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "k" + hex.EncodeToString(b[:]), nil
}

// storedContent is what putContent stored or found.
type storedContent struct {
	SHA256 string
	Size   int64
	Head   []byte // the first bytes (up to 512), for guessing the media type
}

// errTooLarge is putContent's refusal of a content over its limit.
func errTooLarge(name string, limit int64) error {
	return domain.Errorf(domain.ETOOLARGE, "file %s is larger than the limit of %s for one evidence file", name, sizeText(limit))
}

// putContent stores the content read from r — at most limit bytes — in
// tx, a piece at a time, unless a content with its hash is stored already
// (then only the hash, size and head are returned).
//
// want is the content's SHA-256 when the caller knows it, "" otherwise.
// With want, r must be a reader that checks it: one that fails at its end
// when what it gave does not hash to want (exchange.Package.Evidence does),
// so that the bytes are hashed once, while they are stored; a content
// stored already is then not read at all (the package's own verification
// reads what the import did not). Without want, putContent hashes what it
// stores. An error leaves pieces behind only in tx, which the caller rolls
// back.
func putContent(tx *gorm.DB, name string, r io.Reader, want string, limit int64) (storedContent, error) {
	if want != "" {
		if err := lockContents(tx, []string{want}); err != nil {
			return storedContent{}, err
		}
		if c, ok, err := findContent(tx, want); err != nil || ok {
			return c, err
		}
		return writeContent(tx, name, r, want, want, nil, limit)
	}
	key, err := newContentKey()
	if err != nil {
		return storedContent{}, fmt.Errorf("store file content: %w", err)
	}
	return writeContent(tx, name, r, key, "", sha256.New(), limit)
}

// findContent returns the stored content with the given hash, if any.
func findContent(tx *gorm.DB, sha string) (storedContent, bool, error) {
	var rows []contentRow
	if err := tx.Select("sha256", "size", "content_key").Where("sha256 = ?", sha).Limit(1).Find(&rows).Error; err != nil {
		return storedContent{}, false, fmt.Errorf("look for file content: %w", err)
	}
	if len(rows) == 0 {
		return storedContent{}, false, nil
	}
	head, err := contentHead(tx, rows[0].ContentKey)
	return storedContent{SHA256: sha, Size: rows[0].Size, Head: head}, true, err
}

// contentHead reads the first bytes of a stored content.
func contentHead(tx *gorm.DB, key string) ([]byte, error) {
	var head []byte
	err := tx.Raw("SELECT substr(data, 1, 512) FROM evidence_chunks WHERE content_key = ? AND seq = 0", key).Row().Scan(&head)
	if err != nil && !errors.Is(err, sql.ErrNoRows) { // an empty content has no pieces
		return nil, fmt.Errorf("read file content: %w", err)
	}
	return head, nil
}

// writeContent writes r's pieces under key, then the content's row
// (h, when not nil, hashes them: the content's hash is known at the end,
// and a content stored meanwhile under it is kept instead of these
// pieces).
func writeContent(tx *gorm.DB, name string, r io.Reader, key, sha string, h hash.Hash, limit int64) (storedContent, error) {
	bp := pieceBuffers.Get().(*[]byte)
	defer pieceBuffers.Put(bp)
	buf := (*bp)[:min(chunkSize, limit+1)]
	var out storedContent
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			out.Size += int64(n)
			if out.Size > limit {
				return out, errTooLarge(name, limit)
			}
			if seq == 0 {
				out.Head = append([]byte(nil), buf[:min(n, 512)]...)
			}
			if h != nil {
				h.Write(buf[:n])
			}
			if err := tx.Exec("INSERT INTO evidence_chunks (content_key, seq, data) VALUES (?, ?, ?)", key, seq, buf[:n]).Error; err != nil {
				return out, fmt.Errorf("store file content: %w", err)
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			var de *domain.Error
			if errors.As(err, &de) { // the reader's own words (a package's hash or size)
				return out, err
			}
			return out, fmt.Errorf("read file %s: %w", name, err)
		}
	}
	if h != nil {
		sha = hex.EncodeToString(h.Sum(nil))
		if err := lockContents(tx, []string{sha}); err != nil {
			return out, err
		}
		if c, ok, err := findContent(tx, sha); err != nil || ok {
			if err == nil {
				err = tx.Where("content_key = ?", key).Delete(&chunkRow{}).Error
			}
			return c, err
		}
	}
	out.SHA256 = sha
	row := contentRow{SHA256: sha, Size: out.Size, Data: []byte{}, ContentKey: key}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return out, fmt.Errorf("store file content: %w", err)
	}
	return out, nil
}

// dropContents deletes the pieces of the contents named by hashes; their
// rows go next (dropOrphanBlobs).
func dropContents(tx *gorm.DB, where string, args ...any) error {
	err := tx.Exec("DELETE FROM evidence_chunks WHERE content_key IN (SELECT content_key FROM evidence_blobs WHERE "+where+")", args...).Error
	if err != nil {
		return fmt.Errorf("drop unused file contents: %w", err)
	}
	return nil
}

// errContentDamaged says that a content's pieces do not add up to it.
func errContentDamaged(sha string) error {
	return domain.Errorf(domain.EINTERNAL, "the stored file content %.12s is damaged (its pieces do not add up to its size): run pingce db check", sha)
}

// openContent opens the stored content with the given hash for reading,
// through db (the store's database or a transaction). The reader reads a
// piece at a time, one query each, so it holds no connection between
// reads; it fails when the pieces do not add up to the content's size.
// ENOTFOUND when no such content is stored.
func openContent(ctx context.Context, db *gorm.DB, sha string) (*contentReader, error) {
	var rows []contentRow
	if err := db.WithContext(ctx).Select("sha256", "size", "content_key").Where("sha256 = ?", sha).Limit(1).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read file content: %w", err)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "the file content %.12s is missing", sha)
	}
	return &contentReader{ctx: ctx, db: db, sha: sha, key: rows[0].ContentKey, size: rows[0].Size}, nil
}

// contentReader reads a stored content piece by piece (openContent).
type contentReader struct {
	ctx  context.Context
	db   *gorm.DB
	sha  string
	key  string
	size int64   // the content's size
	off  int64   // bytes given so far
	seq  int     // the next piece
	bp   *[]byte // the piece buffer, from pieceBuffers
	rest []byte  // what is left of the current piece
}

// Read reads the content.
func (c *contentReader) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		if c.off >= c.size {
			return 0, io.EOF
		}
		if err := c.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	c.off += int64(n)
	return n, nil
}

// WriteTo writes the rest of the content to w, a piece at a time.
func (c *contentReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if len(c.rest) == 0 {
			if c.off >= c.size {
				return total, nil
			}
			if err := c.next(); err != nil {
				return total, err
			}
		}
		n, err := w.Write(c.rest)
		c.rest = c.rest[n:]
		c.off += int64(n)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
}

// Len returns the number of bytes not read yet, as bytes.Reader does.
func (c *contentReader) Len() int { return int(c.size - c.off) }

// Close releases the reader's buffer (no query stays open between
// reads). The reader reads nothing after it.
func (c *contentReader) Close() error {
	if c.bp != nil {
		pieceBuffers.Put(c.bp)
		c.bp, c.rest = nil, nil
	}
	c.off = c.size
	return nil
}

// next loads the next piece into the reader's buffer (the driver's copy is copied once
// more, into a buffer the reader keeps: sql.RawBytes is valid only until
// the query is closed, which happens before Read returns).
func (c *contentReader) next() error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	rows, err := c.db.WithContext(c.ctx).Raw("SELECT data FROM evidence_chunks WHERE content_key = ? AND seq = ?", c.key, c.seq).Rows()
	if err != nil {
		return fmt.Errorf("read file content %.12s: %w", c.sha, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read file content %.12s: %w", c.sha, err)
		}
		return errContentDamaged(c.sha)
	}
	var raw sql.RawBytes
	if err := rows.Scan(&raw); err != nil {
		return fmt.Errorf("read file content %.12s: %w", c.sha, err)
	}
	if len(raw) == 0 || c.off+int64(len(raw)) > c.size {
		return errContentDamaged(c.sha)
	}
	if c.bp == nil {
		c.bp = pieceBuffers.Get().(*[]byte)
	}
	c.rest = append((*c.bp)[:0], raw...)
	c.seq++
	return rows.Close()
}

// readContent reads a whole stored content into one buffer of its size
// (for the callers that want the bytes: EvidenceContent, TaskFileContent).
func readContent(ctx context.Context, db *gorm.DB, sha string) ([]byte, error) {
	r, err := openContent(ctx, db, sha)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	buf := make([]byte, r.size)
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, errContentDamaged(sha)
		}
		return nil, err
	}
	return buf, nil
}

// checkContents reads every stored content a piece at a time and reports
// those whose bytes do not hash to their name or add up to their size, and
// pieces that belong to no content (db check).
func checkContents(ctx context.Context, db *gorm.DB) ([]string, error) {
	var rows []contentRow
	if err := db.Select("sha256", "size", "content_key").Order("sha256").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list evidence contents: %w", err)
	}
	var found []string
	for _, b := range rows {
		r := &contentReader{ctx: ctx, db: db, sha: b.SHA256, key: b.ContentKey, size: b.Size}
		h := sha256.New()
		n, err := io.Copy(h, r)
		r.Close()
		var de *domain.Error
		switch {
		case errors.As(err, &de) && de.Code == domain.EINTERNAL:
			found = append(found, fmt.Sprintf("evidence content %s: its pieces hold %d bytes or more, not the %d recorded", b.SHA256, n, b.Size))
			continue
		case err != nil:
			return nil, err
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != b.SHA256 {
			found = append(found, fmt.Sprintf("evidence content %s: bytes hash to %s", b.SHA256, got))
		}
		var extra int64
		if err := db.Model(&chunkRow{}).Where("content_key = ? AND seq >= ?", b.ContentKey, r.seq).Count(&extra).Error; err != nil {
			return nil, fmt.Errorf("check evidence content %.12s: %w", b.SHA256, err)
		}
		if extra > 0 {
			found = append(found, fmt.Sprintf("evidence content %s: %d bytes, recorded as %d, and %d more pieces", b.SHA256, n, b.Size, extra))
		}
	}
	var stray []string
	if err := db.Model(&chunkRow{}).Where("content_key NOT IN (SELECT content_key FROM evidence_blobs)").
		Distinct().Pluck("content_key", &stray).Error; err != nil {
		return nil, fmt.Errorf("check evidence pieces: %w", err)
	}
	for _, k := range stray {
		found = append(found, fmt.Sprintf("evidence pieces %s belong to no file content", k))
	}
	return found, nil
}

// largeWrite runs fn — a write that may put far more into SQLite's log
// than the automatic checkpoint's threshold (wal_autocheckpoint pages),
// such as an import with hundreds of MB of evidence — with the automatic
// checkpoint off on the connection: the commit then returns once the log
// is on the disk (synchronous=FULL: the data are safe), instead of also
// copying the whole log into the database file before returning; the
// caller's checkpointSoon does that afterwards in the background. Inside
// a transaction, or on PostgreSQL, fn just runs.
func (s *Store) largeWrite(ctx context.Context, fn func() error) error {
	if _, inTx := s.db.Statement.ConnPool.(gorm.TxCommitter); s.dialect != "sqlite" || inTx {
		return fn()
	}
	db := s.db.WithContext(ctx)
	var pages int
	if err := db.Raw("PRAGMA wal_autocheckpoint").Scan(&pages).Error; err != nil || pages <= 0 {
		return fn()
	}
	if err := db.Exec("PRAGMA wal_autocheckpoint = 0").Error; err != nil {
		return fn()
	}
	// The connection's setting again, even when ctx was cancelled meanwhile.
	defer s.db.WithContext(context.WithoutCancel(ctx)).Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages))
	return fn()
}
