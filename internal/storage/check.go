package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Check verifies the database: SQLite's integrity and foreign-key checks,
// and the SHA-256 of every stored evidence file. It returns what is wrong,
// nothing when all is well; the error is for a check that could not run.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	db := s.db.WithContext(ctx)
	var found []string
	if s.dialect == "sqlite" {
		var rows []string
		if err := db.Raw("PRAGMA integrity_check").Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("integrity check: %w", err)
		}
		for _, r := range rows {
			if r != "ok" {
				found = append(found, "integrity: "+r)
			}
		}
		var fk []struct {
			Table  string
			Rowid  int64
			Parent string
		}
		if err := db.Raw("PRAGMA foreign_key_check").Scan(&fk).Error; err != nil {
			return nil, fmt.Errorf("foreign key check: %w", err)
		}
		for _, r := range fk {
			found = append(found, fmt.Sprintf("foreign key: row %d of %s refers to a missing row of %s", r.Rowid, r.Table, r.Parent))
		}
	}
	var hashes []string
	if err := db.Model(&blobRow{}).Order("sha256").Pluck("sha256", &hashes).Error; err != nil {
		return nil, fmt.Errorf("list evidence contents: %w", err)
	}
	for _, h := range hashes { // one at a time: files may be large
		var b blobRow
		if err := db.Where("sha256 = ?", h).Take(&b).Error; err != nil {
			return nil, fmt.Errorf("read evidence content %.8s: %w", h, err)
		}
		sum := sha256.Sum256(b.Data)
		if got := hex.EncodeToString(sum[:]); got != h {
			found = append(found, fmt.Sprintf("evidence content %s: bytes hash to %s", h, got))
		}
		if int64(len(b.Data)) != b.Size {
			found = append(found, fmt.Sprintf("evidence content %s: %d bytes, recorded as %d", h, len(b.Data), b.Size))
		}
	}
	var missing []string
	if err := db.Model(&evidenceRow{}).Where("sha256 NOT IN (SELECT sha256 FROM evidence_blobs)").
		Distinct().Pluck("sha256", &missing).Error; err != nil {
		return nil, fmt.Errorf("check evidence references: %w", err)
	}
	for _, h := range missing {
		found = append(found, fmt.Sprintf("evidence content %s is missing", h))
	}
	return found, nil
}
