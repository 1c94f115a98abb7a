package storage

import (
	"fmt"

	"gorm.io/gorm"
)

// Schema 13 keeps the counts of an answer by kind or by mark
// (domain.Answer.Counts: tiered counts and multipliers, issue 15) in the
// column answers.counts, as canonical JSON ("" when there are none).
// Answers written before it have none, and read as before.

// migrateCounts adds the answers.counts column; every existing row gets
// "" (no counts), which is what it meant.
func migrateCounts(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&answerRow{}, "Counts") {
		return nil
	}
	if err := tx.Migrator().AddColumn(&answerRow{}, "Counts"); err != nil {
		return fmt.Errorf("add answers.counts: %w", err)
	}
	return nil
}

// encodeCounts returns the column value of counts: canonical JSON (keys
// sorted), "" when there are none.
func encodeCounts(counts map[string]int) string {
	if len(counts) == 0 {
		return ""
	}
	b, _ := canonicalJSON(counts) // a map of ints always encodes
	return string(b)
}

// decodeCounts reads what encodeCounts wrote; nil for "" or a value that
// cannot be read (db check reports it, checkCounts).
func decodeCounts(s string) map[string]int {
	if s == "" {
		return nil
	}
	m, err := parseCounts(s)
	if err != nil {
		return nil
	}
	return m
}

// parseCounts reads a counts column strictly: an object of whole numbers.
func parseCounts(s string) (map[string]int, error) {
	var m map[string]int
	if err := strictJSON(s, &m); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("an empty object is stored as \"\"")
	}
	return m, nil
}

// checkCounts reports every answer whose stored counts cannot be read or
// are not in the form encodeCounts writes.
func checkCounts(db *gorm.DB) ([]string, error) {
	var rows []answerRow
	if err := db.Select("assessment_id", "item_id", "counts").Where("counts <> ?", "").
		Order("assessment_id, item_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read answer counts: %w", err)
	}
	var found []string
	for _, r := range rows {
		m, err := parseCounts(r.Counts)
		if err == nil && encodeCounts(m) != r.Counts {
			err = fmt.Errorf("not in canonical form")
		}
		if err != nil {
			found = append(found, fmt.Sprintf("assessment %d, item %s: the stored counts of the answer cannot be read: %v", r.AssessmentID, r.ItemID, err))
		}
	}
	return found, nil
}
