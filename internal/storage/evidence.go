package storage

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

// AddEvidence stores a file for an item. The content is kept once per
// SHA-256, however often it is attached. ETOOLARGE over the size limit,
// ELOCKED when the assessment is locked, ENOTFOUND for an unknown item.
func (s *Store) AddEvidence(ctx context.Context, assessmentID int64, itemID, name string, r io.Reader) (*domain.Evidence, error) {
	// Stored under a clean name: no folders, no hidden characters that
	// change how it reads (domain.CleanFileName); not text is refused as such.
	given := name
	name, err := domain.CleanFileName(name)
	if err != nil {
		return nil, fmt.Errorf("evidence file name: %w", err)
	}
	data, err := readAll(r, s.maxEvidence+1)
	if err != nil {
		return nil, fmt.Errorf("read evidence file %s: %w", name, err)
	}
	if int64(len(data)) > s.maxEvidence {
		return nil, domain.Errorf(domain.ETOOLARGE, "file %s is larger than the limit of %s for one evidence file",
			name, sizeText(s.maxEvidence))
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	var ev evidenceRow
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if err := st.editable(); err != nil {
			return err
		}
		if st.cat.Item(itemID) == nil {
			return domain.Errorf(domain.ENOTFOUND, "catalog %s has no item %q", st.cat.Ref(), itemID)
		}
		var same evidenceRow
		err = tx.Where("assessment_id = ? AND item_id = ? AND name = ? AND sha256 = ?", assessmentID, itemID, name, hash).
			Take(&same).Error
		if err == nil { // the same file attached again: nothing changes, no write, no audit entry
			ev = same
			return nil
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		now := s.now()
		if err := storeContent(tx, blobRow{SHA256: hash, Size: int64(len(data)), Data: data, CreatedAt: now}); err != nil {
			return err
		}
		ev = evidenceRow{AssessmentID: assessmentID, ItemID: itemID, Name: name, OriginalName: originalName(given, name),
			MediaType: mediaType(name, data),
			Size:      int64(len(data)), SHA256: hash, AddedBy: domain.ActorFrom(ctx), AddedAt: now}
		if err := tx.Create(&ev).Error; err != nil {
			return fmt.Errorf("attach file: %w", err)
		}
		if err := tx.Model(&assessmentRow{}).Where("id = ?", assessmentID).Update("updated_at", now).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, assessmentID, itemID, "evidence_add", nil, ev.domain())
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("add evidence %s to item %s of assessment %d", name, itemID, assessmentID))
	}
	if len(data) >= 1<<20 {
		s.checkpointSoon()
	}
	e := ev.domain()
	return &e, nil
}

// ListEvidence returns the files of an assessment (of one item when itemID
// is not empty), by item and in the order they were added.
func (s *Store) ListEvidence(ctx context.Context, assessmentID int64, itemID string) ([]domain.Evidence, error) {
	q := s.db.WithContext(ctx).Where("assessment_id = ?", assessmentID)
	if itemID != "" {
		q = q.Where("item_id = ?", itemID)
	}
	var rows []evidenceRow
	if err := q.Order("item_id, id").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "list evidence")
	}
	out := make([]domain.Evidence, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// EvidenceContent returns a file's bytes. ENOTFOUND if it does not exist.
func (s *Store) EvidenceContent(ctx context.Context, evidenceID int64) ([]byte, error) {
	var ev evidenceRow
	if err := s.db.WithContext(ctx).Select("id", "sha256").Take(&ev, evidenceID).Error; err != nil {
		return nil, notFound(err, "no evidence file with id %d", evidenceID)
	}
	var b blobRow
	if err := s.db.WithContext(ctx).Where("sha256 = ?", ev.SHA256).Take(&b).Error; err != nil {
		return nil, notFound(err, "the content of evidence file %d is missing", evidenceID)
	}
	return b.Data, nil
}

// RemoveEvidence detaches a file; its content goes when no other attachment
// uses it. ELOCKED when the assessment is locked.
func (s *Store) RemoveEvidence(ctx context.Context, evidenceID int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var ev evidenceRow
		if err := tx.Take(&ev, evidenceID).Error; err != nil {
			return notFound(err, "no evidence file with id %d", evidenceID)
		}
		st, err := s.load(ctx, tx, ev.AssessmentID)
		if err != nil {
			return err
		}
		if err := st.editable(); err != nil {
			return err
		}
		if err := tx.Delete(&evidenceRow{}, evidenceID).Error; err != nil {
			return err
		}
		if err := dropOrphanBlobs(tx, []string{ev.SHA256}); err != nil {
			return err
		}
		if err := tx.Model(&assessmentRow{}).Where("id = ?", ev.AssessmentID).Update("updated_at", s.now()).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, ev.AssessmentID, ev.ItemID, "evidence_remove", ev.domain(), nil)
	})
	return dbErr(err, fmt.Sprintf("remove evidence %d", evidenceID))
}

// readAll reads up to limit bytes of r, into a buffer of the right size
// when r tells its length (a file, a bytes.Reader).
func readAll(r io.Reader, limit int64) ([]byte, error) {
	var size int64
	switch v := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	case interface{ Len() int }:
		size = int64(v.Len())
	}
	if size <= 0 || size >= limit {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	// One buffer of the told size, +1 to see the end (bytes.Buffer.ReadFrom
	// would double it: it wants 512 bytes free before each read).
	buf := make([]byte, size+1)
	n, err := io.ReadFull(r, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	case err != nil:
		return buf[:n], err
	}
	// r holds more than it told: the rest, up to the limit.
	rest, err := io.ReadAll(io.LimitReader(r, limit-int64(n)))
	return append(buf, rest...), err
}

// contentLockClass is the first key of the PostgreSQL advisory locks that
// serialize the transactions storing or dropping one file content (the
// migration lock is 7370001).
const contentLockClass = 7370002

// lockContents takes, on PostgreSQL, a transaction lock on each of the
// contents named by hashes, in order so that two transactions cannot wait
// for each other. While it is held no other transaction stores or drops
// these contents, and as PostgreSQL reads committed data afresh for each
// statement, what the holder reads next is what the last holder left: so a
// content is stored once however many transactions attach it at the same
// moment, and never dropped under an attachment being added. SQLite's
// write transactions hold the whole file already.
func lockContents(tx *gorm.DB, hashes []string) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	hs := slices.Clone(hashes)
	slices.Sort(hs)
	for _, h := range slices.Compact(hs) {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?, ?)", contentLockClass, contentKey(h)).Error; err != nil {
			return fmt.Errorf("lock file content %.12s: %w", h, err)
		}
	}
	return nil
}

// contentKey is the second key of a content's advisory lock: the first 32
// bits of its SHA-256 (a clash only makes two contents wait for each other).
func contentKey(hash string) int32 {
	b, err := hex.DecodeString(hash[:min(8, len(hash))])
	if err != nil || len(b) < 4 {
		return 0
	}
	return int32(binary.BigEndian.Uint32(b))
}

// storeContent stores a file content unless it is stored already. It is
// idempotent under concurrency: see lockContents.
func storeContent(tx *gorm.DB, b blobRow) error {
	if err := lockContents(tx, []string{b.SHA256}); err != nil {
		return err
	}
	var n int64
	if err := tx.Model(&blobRow{}).Where("sha256 = ?", b.SHA256).Count(&n).Error; err != nil {
		return fmt.Errorf("look for file content: %w", err)
	}
	if n > 0 {
		return nil
	}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&b).Error; err != nil {
		return fmt.Errorf("store file content: %w", err)
	}
	return nil
}

// dropOrphanBlobs deletes the contents among hashes that no attachment uses.
func dropOrphanBlobs(tx *gorm.DB, hashes []string) error {
	if len(hashes) == 0 {
		return nil
	}
	if err := lockContents(tx, hashes); err != nil {
		return err
	}
	err := tx.Where("sha256 IN ? AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = evidence_blobs.sha256)"+
		" AND NOT EXISTS (SELECT 1 FROM task_files t WHERE t.sha256 = evidence_blobs.sha256)", hashes).
		Delete(&blobRow{}).Error
	if err != nil {
		return fmt.Errorf("drop unused file contents: %w", err)
	}
	return nil
}

// mediaType guesses the file's media type from its extension, else from its
// first bytes.
func mediaType(name string, data []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(name))); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
