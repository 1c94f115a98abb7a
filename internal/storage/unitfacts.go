package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// An assessment is scored with the facts of its unit — above all the unit
// type, which decides the items that apply — and those facts are kept on
// the assessment row itself (columns unit_name, unit_type, unit_superior,
// unit_code; schema 3):
//
//   - CreateAssessment copies them from the unit.
//   - While the assessment is editable (draft or returned), UpdateUnit keeps
//     them in step with the unit and re-scores the assessment in the same
//     transaction, so that correcting a unit's type in the settings corrects
//     the drafts too and the cached list never shows a stale score.
//   - Once submitted, they are frozen: the submitted and approved figures
//     are what the unit signed off and the reviewer reviewed, and a later
//     change to the unit must not move them. Submission therefore is the
//     moment of the snapshot; a returned assessment follows the unit again
//     until it is submitted anew.
//
// Scoring, the workspace and the list all read the row's facts, never the
// units table, so there is one source for them.

// setUnit copies the unit's facts onto the assessment row.
func (r *assessmentRow) setUnit(u domain.Unit) {
	r.UnitID = u.ID
	r.UnitName, r.UnitType, r.UnitSuperior, r.UnitCode = u.Name, u.Type, u.Superior, u.Code
}

// unit returns the unit facts the assessment is scored with.
func (r *assessmentRow) unit() domain.Unit {
	return domain.Unit{ID: r.UnitID, Name: r.UnitName, Type: r.UnitType, Superior: r.UnitSuperior, Code: r.UnitCode}
}

// unitFacts returns the unit facts of a loaded assessment row, reading the
// unit only for a row that has none (written before schema 3 and not
// migrated, which Open prevents).
func unitFacts(tx *gorm.DB, r *assessmentRow) (domain.Unit, error) {
	if r.UnitName != "" {
		return r.unit(), nil
	}
	var u unitRow
	if err := tx.Take(&u, r.UnitID).Error; err != nil {
		return domain.Unit{}, notFound(err, "unit %d of assessment %d is missing", r.UnitID, r.ID)
	}
	return u.domain(), nil
}

// followUnit brings the editable assessments of unit u (draft, returned) in
// step with its changed facts: it stores them on each, re-scores it and
// records a unit_change entry in its trail. Submitted and approved
// assessments keep theirs.
func (s *Store) followUnit(ctx context.Context, tx *gorm.DB, u domain.Unit) error {
	var ids []int64
	if err := tx.Model(&assessmentRow{}).Where("unit_id = ? AND status IN ?", u.ID,
		[]string{string(domain.Draft), string(domain.Returned)}).Order("id").Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("find the assessments of unit %d: %w", u.ID, err)
	}
	for _, id := range ids {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		before := st.unit
		if before == u {
			continue
		}
		st.row.setUnit(u)
		st.unit = u
		if err := tx.Model(&assessmentRow{}).Where("id = ?", id).Updates(map[string]any{
			"unit_name": u.Name, "unit_type": u.Type, "unit_superior": u.Superior, "unit_code": u.Code,
		}).Error; err != nil {
			return fmt.Errorf("update the unit of assessment %d: %w", id, err)
		}
		rows, err := s.rows(tx, st)
		if err != nil {
			return err
		}
		set, ov, _ := st.answerSet(rows)
		if _, _, err := s.rescore(tx, st, set, ov); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, id, "", "unit_change", before, u); err != nil {
			return err
		}
	}
	return nil
}

// UnitAudit returns the audit trail of a unit (its creation and changes),
// oldest first. The changes a unit change made to its assessments are in
// their own trails (action unit_change).
func (s *Store) UnitAudit(ctx context.Context, unitID int64) ([]domain.AuditEntry, error) {
	var rows []auditRow
	if err := s.db.WithContext(ctx).Where("unit_id = ?", unitID).Order("id").Find(&rows).Error; err != nil {
		return nil, dbErr(err, fmt.Sprintf("read audit trail of unit %d", unitID))
	}
	out := make([]domain.AuditEntry, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// migrateUnitSnapshot is schema 3: the assessments get the unit facts they
// are scored with, filled from their units (the best that is known for
// assessments written before), and the audit trail a unit column, filled
// for the unit entries written before from the unit they describe.
func migrateUnitSnapshot(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, col := range []string{"UnitName", "UnitType", "UnitSuperior", "UnitCode"} {
		if !m.HasColumn(&assessmentRow{}, col) { // schema 1's AutoMigrate creates them on a new database
			if err := m.AddColumn(&assessmentRow{}, col); err != nil {
				return err
			}
		}
	}
	if !m.HasColumn(&auditRow{}, "UnitID") {
		if err := m.AddColumn(&auditRow{}, "UnitID"); err != nil {
			return err
		}
	}
	if !m.HasIndex(&auditRow{}, "UnitID") {
		if err := m.CreateIndex(&auditRow{}, "UnitID"); err != nil {
			return err
		}
	}
	err := tx.Exec(`UPDATE assessments SET
		unit_name = (SELECT u.name FROM units u WHERE u.id = assessments.unit_id),
		unit_type = (SELECT u.type FROM units u WHERE u.id = assessments.unit_id),
		unit_superior = (SELECT u.superior FROM units u WHERE u.id = assessments.unit_id),
		unit_code = (SELECT u.code FROM units u WHERE u.id = assessments.unit_id)
		WHERE unit_name = ''`).Error
	if err != nil {
		return fmt.Errorf("copy the unit facts onto the assessments: %w", err)
	}
	var old []auditRow
	if err := tx.Where("action IN ? AND unit_id = 0", []string{"unit_create", "unit_update"}).
		Find(&old).Error; err != nil {
		return err
	}
	for _, r := range old {
		var u domain.Unit
		if json.Unmarshal([]byte(r.After), &u) != nil || u.ID == 0 {
			continue
		}
		if err := tx.Model(&auditRow{}).Where("id = ?", r.ID).Update("unit_id", u.ID).Error; err != nil {
			return err
		}
	}
	return nil
}
