package storage

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

var _ domain.ProfileService = (*Store)(nil)

// profileRow is the database's profile (schema 5): one row, id 1.
type profileRow struct {
	ID        int64    `gorm:"primaryKey;autoIncrement:false"`
	UnitID    int64    `gorm:"not null;index"`
	Unit      *unitRow `gorm:"belongsTo:x;foreignKey:UnitID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Operator  string   `gorm:"not null"`
	Roles     string   `gorm:"not null"` // comma-separated, as domain.ParseRoles reads them
	UpdatedBy string   `gorm:"not null;default:''"`
	UpdatedAt time.Time
}

// TableName names the profile table for GORM.
func (profileRow) TableName() string { return "profile" }

// profileID is the id of the one profile row.
const profileID = 1

func migrateProfile(tx *gorm.DB) error { return tx.AutoMigrate(&profileRow{}) }

func (r *profileRow) domain() (domain.Profile, error) {
	roles, err := domain.ParseRoles(r.Roles)
	if err != nil {
		return domain.Profile{}, err
	}
	return domain.Profile{UnitID: r.UnitID, Operator: r.Operator, Roles: roles,
		UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt.UTC()}, nil
}

// profileDoc is a profile in the audit trail.
type profileDoc struct {
	UnitID   int64         `json:"unit_id"`
	Operator string        `json:"operator"`
	Roles    []domain.Role `json:"roles"`
}

// Profile returns the database's profile. ENOTFOUND when it has none yet.
func (s *Store) Profile(ctx context.Context) (domain.Profile, error) {
	var row profileRow
	if err := s.db.WithContext(ctx).Take(&row, profileID).Error; err != nil {
		return domain.Profile{}, notFound(err, "this database has no profile yet: choose its unit and the operator")
	}
	p, err := row.domain()
	if err != nil {
		return domain.Profile{}, dbErr(err, "read the profile")
	}
	return p, nil
}

// SaveProfile stores the profile, replacing the one stored, and audits the
// change. ENOTFOUND for a unit that is not stored; EINVALID for an operator
// name ValidName refuses, no role or an unknown role. Saving what is stored
// already writes nothing.
func (s *Store) SaveProfile(ctx context.Context, p domain.Profile) error {
	p.Operator = strings.TrimSpace(p.Operator)
	if err := domain.ValidName(p.Operator); err != nil {
		return err
	}
	var roles []domain.Role
	for _, r := range p.Roles {
		if !r.Valid() {
			return domain.Errorf(domain.EINVALID, "unknown role %q: want one of %v", r, domain.Roles)
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	if len(roles) == 0 {
		return domain.Errorf(domain.EINVALID, "the profile needs at least one role (%v)", domain.Roles)
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	row := profileRow{ID: profileID, UnitID: p.UnitID, Operator: p.Operator, Roles: strings.Join(names, ","),
		UpdatedBy: domain.ActorFrom(ctx), UpdatedAt: s.now()}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var u unitRow
		if err := tx.Take(&u, p.UnitID).Error; err != nil {
			return notFound(err, "no unit with id %d", p.UnitID)
		}
		var old profileRow
		var before any
		err := s.forUpdate(tx).Take(&old, profileID).Error
		switch {
		case err == nil:
			if old.UnitID == row.UnitID && old.Operator == row.Operator && old.Roles == row.Roles {
				return nil // nothing changes
			}
			op, _ := old.domain()
			before = profileDoc{UnitID: op.UnitID, Operator: op.Operator, Roles: op.Roles}
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, UpdateAll: true}).
			Create(&row).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, 0, "", "profile_save", before, profileDoc{UnitID: row.UnitID, Operator: row.Operator, Roles: roles})
	})
	return dbErr(err, "save the profile")
}
