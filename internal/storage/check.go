package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// Check verifies the database: SQLite's integrity and foreign-key checks,
// the SHA-256 of every stored evidence file, every stored document against
// its hash and its form (checkDocuments), and every cached score against a
// rescore (checkScores). It returns what is wrong, one line each saying
// what and where, nothing when all is well; the error is for a check that
// could not run.
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
	contents, err := checkContents(ctx, db) // chunks.go: a piece at a time
	if err != nil {
		return nil, err
	}
	found = append(found, contents...)
	var missing []string
	if err := db.Model(&evidenceRow{}).Where("sha256 NOT IN (SELECT sha256 FROM evidence_blobs)").
		Distinct().Pluck("sha256", &missing).Error; err != nil {
		return nil, fmt.Errorf("check evidence references: %w", err)
	}
	for _, h := range missing {
		found = append(found, fmt.Sprintf("evidence content %s is missing", h))
	}
	docs, cats, err := s.checkDocuments(ctx)
	if err != nil {
		return nil, err
	}
	found = append(found, docs...)
	scores, err := s.checkScores(ctx, cats)
	if err != nil {
		return nil, err
	}
	return append(found, scores...), nil
}

// checkDocuments checks every stored catalog (its body hashes to its hash,
// reads as a catalog document and is in canonical form) and the parts of
// every composite answer. It returns the problems and the catalogs that
// read, by row id, parsed afresh from their bodies (never from the cache,
// which holds what was read before any damage).
func (s *Store) checkDocuments(ctx context.Context) ([]string, map[int64]*domain.Catalog, error) {
	db := s.db.WithContext(ctx)
	var found []string
	cats := map[int64]*domain.Catalog{}
	var ids []int64
	if err := db.Model(&catalogRow{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, nil, fmt.Errorf("list catalogs: %w", err)
	}
	for _, id := range ids {
		var row catalogRow
		if err := db.Take(&row, id).Error; err != nil {
			return nil, nil, fmt.Errorf("read catalog %d: %w", id, err)
		}
		ref := row.CatalogID + "@" + row.Version
		if got := hashOf([]byte(row.Body)); got != row.Hash {
			found = append(found, fmt.Sprintf("catalog %s (row %d): the stored body hashes to %.12s…, recorded as %.12s…: the catalog was changed or damaged after it was imported",
				ref, id, got, row.Hash))
		}
		c, err := decodeCatalog([]byte(row.Body))
		if err != nil {
			found = append(found, fmt.Sprintf("catalog %s (row %d): the stored body cannot be read: %v", ref, id, err))
			continue
		}
		if _, canon, err := CatalogHash(c); err != nil || string(canon) != row.Body {
			found = append(found, fmt.Sprintf("catalog %s (row %d): the stored body is not in canonical form", ref, id))
		}
		if c.ID != row.CatalogID || c.Version != row.Version {
			found = append(found, fmt.Sprintf("catalog %s (row %d): the stored body is catalog %s", ref, id, c.Ref()))
		}
		// Lists show the title, total and item count kept beside the body.
		if c.Title != row.Title || !sameScore(c.Total, row.Total) || len(c.Items()) != row.Items {
			found = append(found, fmt.Sprintf("catalog %s (row %d): recorded as %q, total %s, %d items; its body says %q, total %s, %d items",
				ref, id, row.Title, num(row.Total), row.Items, c.Title, num(c.Total), len(c.Items())))
		}
		cats[id] = c
	}
	var parts []answerRow
	if err := db.Select("assessment_id", "item_id", "parts").Where("parts <> ?", "").
		Order("assessment_id, item_id").Find(&parts).Error; err != nil {
		return nil, nil, fmt.Errorf("read composite answers: %w", err)
	}
	for _, r := range parts {
		m, err := decodeParts(r.Parts)
		if err == nil && encodeParts(m) != r.Parts {
			err = fmt.Errorf("not in canonical form")
		}
		if err != nil {
			found = append(found, fmt.Sprintf("assessment %d, item %s: the stored parts of the answer cannot be read: %v", r.AssessmentID, r.ItemID, err))
		}
	}
	counts, err := checkCounts(db) // counts.go
	if err != nil {
		return nil, nil, err
	}
	found = append(found, counts...)
	reviews, err := checkReviewDocs(db) // review.go
	if err != nil {
		return nil, nil, err
	}
	found = append(found, reviews...)
	audit, err := checkAuditDocs(db)
	if err != nil {
		return nil, nil, err
	}
	return append(found, audit...), cats, nil
}

// checkAuditDocs reports audit entries whose before or after is not JSON.
func checkAuditDocs(db *gorm.DB) ([]string, error) {
	var found []string
	var last int64
	for {
		var rows []auditRow
		if err := db.Select("id", "action", "before", "after").Where("id > ?", last).
			Order("id").Limit(auditBatch).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("read the audit trail: %w", err)
		}
		if len(rows) == 0 {
			return found, nil
		}
		for _, r := range rows {
			last = r.ID
			for _, side := range []struct{ name, text string }{{"before", r.Before}, {"after", r.After}} {
				if side.text != "" && !json.Valid([]byte(side.text)) {
					found = append(found, fmt.Sprintf("audit entry %d (%s): the state %s is not a JSON document", r.ID, r.Action, side.name))
				}
			}
		}
	}
}

// checkScores rescores every assessment with the catalog its row names, as
// read by checkDocuments, and compares the score summary cached on the row
// (what lists and overviews show) with the rescore.
func (s *Store) checkScores(ctx context.Context, cats map[int64]*domain.Catalog) ([]string, error) {
	var ids []int64
	if err := s.db.WithContext(ctx).Model(&assessmentRow{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list assessments: %w", err)
	}
	var found []string
	for _, id := range ids {
		var row assessmentRow
		if err := s.db.WithContext(ctx).Take(&row, id).Error; err != nil {
			return nil, fmt.Errorf("read assessment %d: %w", id, err)
		}
		cat := cats[row.CatalogRowID]
		if cat == nil {
			found = append(found, fmt.Sprintf("assessment %d (%s, round %s): its catalog %s@%s cannot be read, so it cannot be opened or rescored",
				id, row.UnitName, row.Round, row.CatalogID, row.CatalogVersion))
			continue
		}
		ws, err := s.OpenAssessment(ctx, id)
		if err != nil {
			found = append(found, fmt.Sprintf("assessment %d (%s, round %s) cannot be opened: %v", id, row.UnitName, row.Round, err))
			continue
		}
		ws.Catalog = cat
		own, rev := ws.Result(), ws.ReviewedResult()
		where := fmt.Sprintf("assessment %d (%s, round %s, %s)", id, ws.Assessment.Unit.Name, row.Round, row.Status)
		if row.Answered != own.Answered || row.Applicable != own.Applicable {
			found = append(found, fmt.Sprintf("%s: cached progress %d/%d, a rescore gives %d/%d",
				where, row.Answered, row.Applicable, own.Answered, own.Applicable))
		}
		if !sameScore(row.Final, own.Final) || row.Grade != own.Grade {
			found = append(found, fmt.Sprintf("%s: cached score %s %s, a rescore gives %s %s",
				where, num(row.Final), row.Grade, num(own.Final), own.Grade))
		}
		if !sameScore(row.ReviewedFinal, rev.Final) || row.ReviewedGrade != rev.Grade {
			found = append(found, fmt.Sprintf("%s: cached reviewed score %s %s, a rescore gives %s %s",
				where, num(row.ReviewedFinal), row.ReviewedGrade, num(rev.Final), rev.Grade))
		}
	}
	return found, nil
}

// sameScore compares two scores rounded to 2 decimals.
func sameScore(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
