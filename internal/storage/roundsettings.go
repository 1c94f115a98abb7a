package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

var _ domain.RoundSettingsService = (*Store)(nil)

// roundSettingsRow is a round's ranking settings (schema 7): its peer
// groups as a document, and its band thresholds (0, 0 for the defaults).
type roundSettingsRow struct {
	Round  string  `gorm:"primaryKey"`
	Groups string  `gorm:"not null;default:'[]'"` // JSON: [{"name": …, "units": [ids]}]
	Green  float64 `gorm:"not null;default:0"`
	Yellow float64 `gorm:"not null;default:0"`
	// Targets is JSON: [{"unit": id, "rank": n, "score": x, "grade": g}].
	Targets string `gorm:"not null;default:'[]'"`
}

// TableName names the round settings table for GORM.
func (roundSettingsRow) TableName() string { return "round_settings" }

func migrateRoundSettings(tx *gorm.DB) error { return tx.AutoMigrate(&roundSettingsRow{}) }

// groupDoc is a peer group as the settings row keeps it.
type groupDoc struct {
	Name  string  `json:"name"`
	Units []int64 `json:"units"`
}

// targetDoc is a unit's target as the settings row keeps it.
type targetDoc struct {
	Unit  int64   `json:"unit"`
	Rank  int     `json:"rank,omitempty"`
	Score float64 `json:"score,omitempty"`
	Grade string  `json:"grade,omitempty"`
}

// roundSettingsDoc is a round's settings in the audit trail.
type roundSettingsDoc struct {
	Groups  []groupDoc  `json:"groups"`
	Green   float64     `json:"green"`
	Yellow  float64     `json:"yellow"`
	Targets []targetDoc `json:"targets"`
}

func settingsDoc(s domain.RoundSettings) roundSettingsDoc {
	d := roundSettingsDoc{Groups: []groupDoc{}, Green: s.Bands.Green, Yellow: s.Bands.Yellow, Targets: []targetDoc{}}
	for _, g := range s.Groups {
		d.Groups = append(d.Groups, groupDoc{Name: g.Name, Units: append([]int64{}, g.UnitIDs...)})
	}
	for _, t := range s.Targets {
		if !t.IsZero() {
			d.Targets = append(d.Targets, targetDoc{Unit: t.UnitID, Rank: t.Rank, Score: t.Score, Grade: t.Grade})
		}
	}
	return d
}

func (r *roundSettingsRow) domain() (domain.RoundSettings, error) {
	s := domain.RoundSettings{Round: r.Round, Bands: domain.Bands{Green: r.Green, Yellow: r.Yellow}}
	var gs []groupDoc
	if err := json.Unmarshal([]byte(r.Groups), &gs); err != nil {
		return s, fmt.Errorf("read the peer groups of round %s: %w", r.Round, err)
	}
	for _, g := range gs {
		s.Groups = append(s.Groups, domain.PeerGroup{Name: g.Name, UnitIDs: g.Units})
	}
	if r.Targets != "" {
		var ts []targetDoc
		if err := json.Unmarshal([]byte(r.Targets), &ts); err != nil {
			return s, fmt.Errorf("read the targets of round %s: %w", r.Round, err)
		}
		for _, t := range ts {
			s.Targets = append(s.Targets, domain.UnitTarget{UnitID: t.Unit, Rank: t.Rank, Score: t.Score, Grade: t.Grade})
		}
	}
	return s, nil
}

// RoundSettings returns the ranking settings of a round; the zero settings
// (by unit type, default bands) when it has none.
func (s *Store) RoundSettings(ctx context.Context, round string) (domain.RoundSettings, error) {
	var row roundSettingsRow
	err := s.db.WithContext(ctx).Where("round = ?", round).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.RoundSettings{Round: round}, nil
	}
	if err != nil {
		return domain.RoundSettings{}, dbErr(err, "read the settings of round "+round)
	}
	return row.domain()
}

// SaveRoundSettings stores a round's ranking settings. EINVALID for
// settings domain.CheckRoundSettings refuses or a group naming a unit that
// does not exist, EFORBIDDEN unless the user may manage rounds. Saving the
// settings a round has writes nothing.
func (s *Store) SaveRoundSettings(ctx context.Context, rs domain.RoundSettings) error {
	if err := domain.CheckRound(domain.Round{Name: rs.Round}); err != nil {
		return err
	}
	if err := domain.CheckRoundSettings(rs); err != nil {
		return err
	}
	if err := manage(ctx, domain.ActManageRounds); err != nil {
		return err
	}
	doc := settingsDoc(rs)
	groups, err := json.Marshal(doc.Groups)
	if err != nil {
		return fmt.Errorf("save the settings of round %s: %w", rs.Round, err)
	}
	targets, err := json.Marshal(doc.Targets)
	if err != nil {
		return fmt.Errorf("save the settings of round %s: %w", rs.Round, err)
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		var ps []domain.Problem
		exists := func(id int64) (bool, error) {
			var n int64
			err := tx.Model(&unitRow{}).Where("id = ?", id).Count(&n).Error
			return n > 0, err
		}
		for _, g := range rs.Groups {
			for _, id := range g.UnitIDs {
				ok, err := exists(id)
				if err != nil {
					return err
				}
				if !ok {
					ps = append(ps, domain.NoUnitProblem(id, g.Name))
				}
			}
		}
		for _, t := range rs.Targets {
			ok, err := exists(t.UnitID)
			if err != nil {
				return err
			}
			if !ok {
				ps = append(ps, domain.NoUnitProblem(t.UnitID, ""))
			}
		}
		if len(ps) > 0 {
			return &domain.Error{Code: domain.EINVALID, Message: ps[0].Msg, Problems: ps}
		}
		var before *roundSettingsDoc
		var old roundSettingsRow
		switch err := s.forUpdate(tx).Where("round = ?", rs.Round).Take(&old).Error; {
		case errors.Is(err, gorm.ErrRecordNotFound):
		case err != nil:
			return err
		default:
			o, err := old.domain()
			if err != nil {
				return err
			}
			d := settingsDoc(o)
			if reflect.DeepEqual(d, doc) {
				return nil // nothing changes: no write, no audit entry
			}
			before = &d
		}
		row := roundSettingsRow{Round: rs.Round, Groups: string(groups), Green: rs.Bands.Green, Yellow: rs.Bands.Yellow, Targets: string(targets)}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "round"}},
			DoUpdates: clause.AssignmentColumns([]string{"groups", "green", "yellow", "targets"})}).Create(&row).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, 0, "", "round_settings", before, doc)
	})
	return dbErr(err, "save the settings of round "+rs.Round)
}
