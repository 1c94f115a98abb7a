package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// migrateDocuments (schema 4) rewrites what schemas 1–3 kept as json.Marshal
// of the domain structs into the explicit documents of catalogdoc.go and
// document.go: every catalog body (and so its hash), the parts of every
// composite answer, and the before/after of every audit entry. A catalog
// whose hash changes gets an audit entry "catalog_rehash" with both hashes,
// so that an entry naming the old hash can still be followed.
//
// The old JSON is read into the domain types, whose Go field names it
// carries, refusing unknown fields: should a domain field be renamed, this
// migration fails on the test database (testdata/schema2.db) instead of
// silently dropping the field, and the schema-2 shapes must then be copied
// here.
func migrateDocuments(tx *gorm.DB) error {
	if err := migrateCatalogDocs(tx); err != nil {
		return err
	}
	if err := migrateAnswerParts(tx); err != nil {
		return err
	}
	return migrateAuditDocs(tx)
}

// strictJSON decodes s into v, refusing fields v does not have.
func strictJSON(s string, v any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func migrateCatalogDocs(tx *gorm.DB) error {
	var ids []int64
	if err := tx.Model(&catalogRow{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("list catalogs: %w", err)
	}
	for _, id := range ids { // one at a time: bodies are large
		var row catalogRow
		if err := tx.Take(&row, id).Error; err != nil {
			return fmt.Errorf("read catalog %d: %w", id, err)
		}
		c := new(domain.Catalog)
		if err := strictJSON(row.Body, c); err != nil {
			return fmt.Errorf("read catalog %s@%s as stored by schema 3: %w", row.CatalogID, row.Version, err)
		}
		hash, body, err := CatalogHash(c)
		if err != nil {
			return err
		}
		if err := tx.Model(&catalogRow{}).Where("id = ?", id).
			Updates(map[string]any{"hash": hash, "body": string(body)}).Error; err != nil {
			return fmt.Errorf("store catalog %s@%s: %w", row.CatalogID, row.Version, err)
		}
		if hash == row.Hash {
			continue
		}
		ref := row.CatalogID + "@" + row.Version
		entry := auditRow{At: tx.NowFunc(), Action: "catalog_rehash",
			Before: toJSON(map[string]any{"catalog": ref, "hash": row.Hash}),
			After:  toJSON(map[string]any{"catalog": ref, "hash": hash})}
		if err := tx.Omit("Roles").Create(&entry).Error; err != nil { // audit.roles comes with schema 6
			return fmt.Errorf("audit the new hash of catalog %s: %w", ref, err)
		}
	}
	return nil
}

func migrateAnswerParts(tx *gorm.DB) error {
	var rows []answerRow
	if err := tx.Select("assessment_id", "item_id", "parts").Where("parts <> ?", "").Find(&rows).Error; err != nil {
		return fmt.Errorf("read composite answers: %w", err)
	}
	for _, r := range rows {
		var parts map[string]domain.Answer
		if err := strictJSON(r.Parts, &parts); err != nil {
			return fmt.Errorf("read the parts of answer %s of assessment %d: %w", r.ItemID, r.AssessmentID, err)
		}
		if err := tx.Model(&answerRow{}).Where("assessment_id = ? AND item_id = ?", r.AssessmentID, r.ItemID).
			Update("parts", encodeParts(parts)).Error; err != nil {
			return fmt.Errorf("store the parts of answer %s of assessment %d: %w", r.ItemID, r.AssessmentID, err)
		}
	}
	return nil
}

// legacyDoc returns a fresh value of the domain type an audit action's
// before/after held up to schema 3, or nil when the text is kept as it is
// (maps of lower-case keys, string lists, unknown actions).
func legacyDoc(action string) any {
	switch action {
	case "answer":
		return new(domain.Answer)
	case "review":
		return new(domain.Review)
	case "create", "delete":
		return new(domain.Assessment)
	case "evidence_add", "evidence_remove":
		return new(domain.Evidence)
	case "unit_create", "unit_update":
		return new(domain.Unit)
	case "round_save":
		return new(domain.Round)
	case "catalog_import":
		return new(domain.CatalogInfo)
	case "import":
		return new(legacyImport)
	}
	return nil
}

// legacyImport is the before/after of an answers import.
type legacyImport struct {
	Answers map[string]domain.Answer `json:"answers"`
	Vetoes  []string                 `json:"vetoes"`
}

// auditBatch is how many audit entries the migration reads at a time.
const auditBatch = 500

func migrateAuditDocs(tx *gorm.DB) error {
	var last int64
	for {
		var rows []auditRow
		if err := tx.Select("id", "action", "before", "after").Where("id > ?", last).
			Order("id").Limit(auditBatch).Find(&rows).Error; err != nil {
			return fmt.Errorf("read the audit trail: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		for _, r := range rows {
			last = r.ID
			before, err := convertAuditText(r.Action, r.Before)
			if err != nil {
				return fmt.Errorf("audit entry %d (%s), before: %w", r.ID, r.Action, err)
			}
			after, err := convertAuditText(r.Action, r.After)
			if err != nil {
				return fmt.Errorf("audit entry %d (%s), after: %w", r.ID, r.Action, err)
			}
			if before == r.Before && after == r.After {
				continue
			}
			if err := tx.Model(&auditRow{}).Where("id = ?", r.ID).
				Updates(map[string]any{"before": before, "after": after}).Error; err != nil {
				return fmt.Errorf("store audit entry %d: %w", r.ID, err)
			}
		}
	}
}

// convertAuditText rewrites one before/after text of schema 3 as a
// document. Text in a shape no release wrote is kept as it is: the trail
// is history, and a database must not become unopenable over it.
func convertAuditText(action, text string) (string, error) {
	if text == "" || text == "null" {
		return "", nil
	}
	v := legacyDoc(action)
	if v == nil {
		return text, nil
	}
	if err := strictJSON(text, v); err != nil {
		return text, nil // not what this release wrote: history stays as it is
	}
	if imp, ok := v.(*legacyImport); ok {
		return toJSON(map[string]any{"answers": imp.Answers, "vetoes": imp.Vetoes}), nil
	}
	return toJSON(reflect.ValueOf(v).Elem().Interface()), nil // the value, not the pointer legacyDoc made
}
