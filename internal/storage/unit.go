package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// CreateUnit stores a new unit and sets its ID. EFORBIDDEN unless the
// context's user may manage units; EINVALID without a name or type.
func (s *Store) CreateUnit(ctx context.Context, u *domain.Unit) error {
	if err := manage(ctx, domain.ActManageUnits); err != nil {
		return err
	}
	if err := checkUnit(u); err != nil {
		return err
	}
	row := unitRow{Name: strings.TrimSpace(u.Name), Type: strings.TrimSpace(u.Type),
		Superior: strings.TrimSpace(u.Superior), Code: strings.TrimSpace(u.Code)}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.checkUnitType(ctx, tx, row.Type); err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		after := row.domain()
		return s.record(ctx, tx, auditRow{UnitID: row.ID, Action: "unit_create"}, nil, &after)
	})
	if err != nil {
		return dbErr(err, "create unit "+u.Name)
	}
	*u = row.domain()
	return nil
}

// UpdateUnit changes a unit's fields. EFORBIDDEN unless the context's
// user may manage units; ENOTFOUND if it does not exist.
func (s *Store) UpdateUnit(ctx context.Context, u *domain.Unit) error {
	if err := manage(ctx, domain.ActManageUnits); err != nil {
		return err
	}
	if err := checkUnit(u); err != nil {
		return err
	}
	var row unitRow
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.forUpdate(tx).First(&row, u.ID).Error; err != nil {
			return notFound(err, "no unit with id %d", u.ID)
		}
		before := row.domain()
		row.Name, row.Type = strings.TrimSpace(u.Name), strings.TrimSpace(u.Type)
		row.Superior, row.Code = strings.TrimSpace(u.Superior), strings.TrimSpace(u.Code)
		after := row.domain()
		if after == before { // nothing changes: no write, no audit entry
			return nil
		}
		if after.Type != before.Type {
			if err := s.checkUnitType(ctx, tx, after.Type); err != nil {
				return err
			}
		}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		if err := s.record(ctx, tx, auditRow{UnitID: row.ID, Action: "unit_update"}, &before, &after); err != nil {
			return err
		}
		return s.followUnit(ctx, tx, after)
	})
	if err != nil {
		return dbErr(err, "update unit "+u.Name)
	}
	*u = row.domain()
	return nil
}

func checkUnit(u *domain.Unit) error {
	if u == nil || strings.TrimSpace(u.Name) == "" {
		return domain.Errorf(domain.EINVALID, "a unit needs a name")
	}
	for _, f := range []struct{ name, v string }{{"name", u.Name}, {"type", u.Type}, {"superior", u.Superior}, {"code", u.Code}} {
		if !goodText(f.v) { // text.go
			return fmt.Errorf("unit %q: %w", strings.ToValidUTF8(u.Name, "?"), badTextError("unit "+f.name))
		}
	}
	if strings.TrimSpace(u.Type) == "" {
		return domain.Errorf(domain.EINVALID, "unit %q needs a type, one of the catalogs' unit types", u.Name)
	}
	// The unit's name and its superior's are names people read in lists,
	// reports and the audit trail: no control characters, at most 100.
	if err := domain.ValidName(strings.TrimSpace(u.Name)); err != nil {
		return fmt.Errorf("unit name: %w", err)
	}
	if sup := strings.TrimSpace(u.Superior); sup != "" {
		if err := domain.ValidName(sup); err != nil {
			return fmt.Errorf("unit %q, superior: %w", u.Name, err)
		}
	}
	return nil
}

// UnitTypes returns the unit types a unit may have: those of the catalogs
// built into the program and of the stored catalogs (their unit_types), in
// that order, each once.
func (s *Store) UnitTypes(ctx context.Context) ([]string, error) {
	return s.unitTypes(ctx, s.db.WithContext(ctx))
}

func (s *Store) unitTypes(ctx context.Context, db *gorm.DB) ([]string, error) {
	builtins, err := catalog.Builtins()
	if err != nil {
		return nil, fmt.Errorf("read the built-in catalogs: %w", err)
	}
	var rows []catalogRow
	if err := db.Model(&catalogRow{}).Select("id", "hash").Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list the stored catalogs: %w", err)
	}
	cats := slices.Clone(builtins)
	for _, r := range rows {
		c, err := s.catalogByRow(ctx, db, r.ID, r.Hash)
		if err != nil {
			return nil, err
		}
		cats = append(cats, c)
	}
	var types []string
	for _, c := range cats {
		for _, t := range c.UnitTypes {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	return types, nil
}

// checkUnitType refuses a unit type that no catalog knows (see UnitTypes),
// with the known ones.
func (s *Store) checkUnitType(ctx context.Context, tx *gorm.DB, unitType string) error {
	types, err := s.unitTypes(ctx, tx)
	if err != nil {
		return err
	}
	return domain.CheckUnitType(unitType, types)
}

// FindUnit returns one unit. ENOTFOUND if it does not exist.
func (s *Store) FindUnit(ctx context.Context, id int64) (*domain.Unit, error) {
	var row unitRow
	if err := s.db.WithContext(ctx).First(&row, id).Error; err != nil {
		return nil, notFound(err, "no unit with id %d", id)
	}
	u := row.domain()
	return &u, nil
}

// ListUnits returns all units by name.
func (s *Store) ListUnits(ctx context.Context) ([]domain.Unit, error) {
	var rows []unitRow
	if err := s.db.WithContext(ctx).Order("name, id").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "list units")
	}
	out := make([]domain.Unit, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// audit records one change to an assessment in the same transaction as the
// change.
func (s *Store) audit(ctx context.Context, tx *gorm.DB, assessmentID int64, itemID, action string, before, after any) error {
	return s.record(ctx, tx, auditRow{AssessmentID: assessmentID, ItemID: itemID, Action: action}, before, after)
}

// record writes the audit entry e (what the change is about: assessment,
// unit, item, action) stamped with now and the actor, with the states
// before and after as JSON.
func (s *Store) record(ctx context.Context, tx *gorm.DB, e auditRow, before, after any) error {
	e.At, e.Actor, e.Roles = s.now(), domain.ActorFrom(ctx), actingRoles(ctx) // actingRoles: review.go
	e.Before, e.After = toJSON(before), toJSON(after)
	if e.Before == e.After && e.Before != "" { // a change that changes nothing (noop.go)
		return nil
	}
	return tx.Create(&e).Error
}

// Audit returns the audit trail of an assessment, oldest first.
func (s *Store) Audit(ctx context.Context, id int64) ([]domain.AuditEntry, error) {
	var rows []auditRow
	if err := s.db.WithContext(ctx).Where("assessment_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "read audit trail")
	}
	out := make([]domain.AuditEntry, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}
