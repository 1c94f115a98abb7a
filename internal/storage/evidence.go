package storage

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// AddEvidence stores a file for an item. The content is kept once per
// SHA-256, however often it is attached, in pieces (chunks.go): it is read
// from r a piece at a time, hashed and stored as it is read, never whole
// in memory. ETOOLARGE over the size limit, ELOCKED when the assessment is
// locked, ENOTFOUND for an unknown item.
func (s *Store) AddEvidence(ctx context.Context, assessmentID int64, itemID, name string, r io.Reader) (*domain.Evidence, error) {
	var ev *domain.Evidence
	err := s.largeWrite(ctx, func() (err error) {
		ev, err = s.addEvidence(ctx, assessmentID, itemID, name, r)
		return err
	})
	return ev, err
}

// errSameFile rolls back an attach of a file attached already, with the
// pieces it wrote.
var errSameFile = errors.New("the same file is attached already")

// addEvidence is AddEvidence inside its transaction.
func (s *Store) addEvidence(ctx context.Context, assessmentID int64, itemID, name string, r io.Reader) (*domain.Evidence, error) {
	// Stored under a clean name: no folders, no hidden characters that
	// change how it reads (domain.CleanFileName); not text is refused as such.
	given := name
	name, err := domain.CleanFileName(name)
	if err != nil {
		return nil, fmt.Errorf("evidence file name: %w", err)
	}
	var ev evidenceRow
	var size int64
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
		c, err := putContent(tx, name, r, "", s.maxEvidence)
		if err != nil {
			return err
		}
		size = c.Size
		ev, err = s.attach(ctx, tx, assessmentID, itemID, name, given, c)
		return err
	})
	if errors.Is(err, errSameFile) {
		err, size = nil, 0
	}
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("add evidence %s to item %s of assessment %d", name, itemID, assessmentID))
	}
	if size >= 1<<20 {
		s.checkpointSoon()
	}
	e := ev.domain()
	return &e, nil
}

// attach records the stored content c as the file name (cleaned from
// given, what the user or the sender called it) of an item, with its audit
// entry, in tx. The same file attached to the item already is returned
// with errSameFile, and nothing is written.
func (s *Store) attach(ctx context.Context, tx *gorm.DB, assessmentID int64, itemID, name, given string, c storedContent) (evidenceRow, error) {
	var same evidenceRow
	err := tx.Where("assessment_id = ? AND item_id = ? AND name = ? AND sha256 = ?", assessmentID, itemID, name, c.SHA256).
		Take(&same).Error
	if err == nil { // the same file attached again: nothing changes, no write, no audit entry
		return same, errSameFile
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return same, err
	}
	now := s.now()
	ev := evidenceRow{AssessmentID: assessmentID, ItemID: itemID, Name: name, OriginalName: originalName(given, name),
		MediaType: mediaType(name, c.Head),
		Size:      c.Size, SHA256: c.SHA256, AddedBy: domain.ActorFrom(ctx), AddedAt: now}
	if err := tx.Create(&ev).Error; err != nil {
		return ev, fmt.Errorf("attach file: %w", err)
	}
	if err := tx.Model(&assessmentRow{}).Where("id = ?", assessmentID).Update("updated_at", now).Error; err != nil {
		return ev, err
	}
	return ev, s.audit(ctx, tx, assessmentID, itemID, "evidence_add", nil, ev.domain())
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
	b, err := readContent(ctx, s.db, ev.SHA256)
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("read evidence file %d", evidenceID))
	}
	return b, nil
}

// OpenEvidence opens a file's content for reading, a piece at a time
// (nothing of it is held but the piece being read). ENOTFOUND if it does
// not exist.
func (s *Store) OpenEvidence(ctx context.Context, evidenceID int64) (io.ReadCloser, error) {
	var ev evidenceRow
	if err := s.db.WithContext(ctx).Select("id", "sha256").Take(&ev, evidenceID).Error; err != nil {
		return nil, notFound(err, "no evidence file with id %d", evidenceID)
	}
	r, err := openContent(ctx, s.db, ev.SHA256)
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("read evidence file %d", evidenceID))
	}
	return r, nil
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

// dropOrphanBlobs deletes the contents among hashes that no attachment uses.
func dropOrphanBlobs(tx *gorm.DB, hashes []string) error {
	if len(hashes) == 0 {
		return nil
	}
	if err := lockContents(tx, hashes); err != nil {
		return err
	}
	const orphan = "sha256 IN ? AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = evidence_blobs.sha256)" +
		" AND NOT EXISTS (SELECT 1 FROM task_files t WHERE t.sha256 = evidence_blobs.sha256)"
	if err := dropContents(tx, orphan, hashes); err != nil { // the pieces first: they name the rows' keys
		return err
	}
	if err := tx.Where(orphan, hashes).Delete(&blobRow{}).Error; err != nil {
		return fmt.Errorf("drop unused file contents: %w", err)
	}
	return nil
}

// mediaType guesses the file's media type from its extension, else from its
// first bytes (head: up to 512 of them are looked at).
func mediaType(name string, head []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(name))); t != "" {
		return t
	}
	return http.DetectContentType(head)
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
