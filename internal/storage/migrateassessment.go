package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// Moving an assessment to a new version of its catalog (pingce assessment
// migrate): a new draft on the new version, answers carried where the
// item still takes them (domain.PlanMigration), notes, evidence and flags
// always; the old assessment stays as it is and the two are linked.

// migrationRow links an assessment to the draft made from it on another
// catalog version (schema 10).
type migrationRow struct {
	ID          int64     `gorm:"primaryKey"`
	FromID      int64     `gorm:"not null;index"`
	ToID        int64     `gorm:"not null;uniqueIndex"`
	FromCatalog string    `gorm:"not null"` // id@version
	ToCatalog   string    `gorm:"not null"`
	NeedsAnswer string    `gorm:"not null;default:'[]'"` // JSON array of the new draft's item ids (指标已变更)
	By          string    `gorm:"not null;default:''"`
	At          time.Time `gorm:"not null"`
}

// TableName names the table for GORM.
func (migrationRow) TableName() string { return "assessment_migrations" }

// migrateCatalogMigration is schema 10: the links table, and one
// assessment per unit, round and catalog VERSION, so that a draft moved
// to a new version sits beside the kept old one. (Creating an assessment
// still refuses a second one of the same catalog id in a round.)
func migrateCatalogMigration(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&migrationRow{}); err != nil {
		return fmt.Errorf("create assessment_migrations: %w", err)
	}
	if err := tx.Exec(`DROP INDEX IF EXISTS idx_assessment_unit_round`).Error; err != nil {
		return fmt.Errorf("drop the unit-round-catalog index: %w", err)
	}
	err := tx.Exec(`CREATE UNIQUE INDEX idx_assessment_unit_round ON assessments (unit_id, round, catalog_id, catalog_version)`).Error
	if err != nil {
		return fmt.Errorf("create the unit-round-catalog-version index: %w", err)
	}
	return nil
}

// Migration is the link between an assessment and the draft made from it
// on another catalog version.
type Migration struct {
	From, To               int64
	FromCatalog, ToCatalog string
	NeedsAnswer            []string // items of the new draft that need a (new) answer
	By                     string
	At                     time.Time
}

// migrationDoc is the audit document of a migration.
type migrationDoc struct {
	From        int64    `json:"from"`
	To          int64    `json:"to"`
	FromCatalog string   `json:"from_catalog"`
	ToCatalog   string   `json:"to_catalog"`
	Carried     int      `json:"carried"`
	NeedsAnswer []string `json:"needs_answer"`
	Dropped     []string `json:"dropped"`
}

// MigrateAssessment makes a new draft of assessment id on catalog toRef
// (id@version, stored), for the same unit and round: the answers the new
// items still take, every note, evidence file and flag whose item is still
// there, the vetoes the new version still has. The old assessment is kept
// unchanged; both get an audit entry and are linked (Migrations). One
// transaction: all or nothing.
//
// ENOTFOUND for an unknown assessment or catalog, EINVALID when toRef is
// the catalog the assessment is on, ECONFLICT when the unit already has an
// assessment of that round on toRef, EFORBIDDEN unless the user may start
// assessments for the unit.
func (s *Store) MigrateAssessment(ctx context.Context, id int64, toRef string) (*domain.Assessment, domain.MigrationPlan, error) {
	var (
		plan    domain.MigrationPlan
		created domain.Assessment
	)
	toID, toVersion := domain.ParseRef(toRef)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := domain.Authorize(st.user, domain.ActCreate, &domain.Assessment{Unit: st.unit, Round: st.row.Round}); err != nil {
			return err
		}
		if toVersion == "" {
			return domain.Errorf(domain.EINVALID, "name the catalog to move to as id@version, not %q", toRef)
		}
		if toID == st.cat.ID && toVersion == st.cat.Version {
			return domain.Errorf(domain.EINVALID, "assessment %d is on %s already", id, toRef)
		}
		var cr catalogRow
		if err := tx.Select("id", "hash").Where("catalog_id = ? AND version = ?", toID, toVersion).Take(&cr).Error; err != nil {
			return notFound(err, "no catalog %s is stored: import it first", toRef)
		}
		to, err := s.catalogByRow(ctx, tx, cr.ID, cr.Hash)
		if err != nil {
			return err
		}
		var dup assessmentRow
		err = tx.Select("id").Where("unit_id = ? AND round = ? AND catalog_id = ? AND catalog_version = ?",
			st.row.UnitID, st.row.Round, to.ID, to.Version).Take(&dup).Error
		if err == nil {
			return domain.Errorf(domain.ECONFLICT, "%s already has an assessment for round %s on %s (id %d)",
				st.unit.Name, st.row.Round, toRef, dup.ID)
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		rows, err := s.rows(tx, st)
		if err != nil {
			return err
		}
		set, _, _ := st.answerSet(rows)
		plan = domain.PlanMigration(st.cat, to, set.Answers, set.Vetoes)
		// An answer the new catalog refuses for this unit (an item it no
		// longer applies to, say) keeps only its note, evidence and flag.
		newSet := &domain.AnswerSet{Catalog: to.Ref(), Answers: plan.Answers, Vetoes: plan.Vetoes}
		for _, p := range domain.CheckAnswers(to, newSet) {
			if a, ok := plan.Answers[p.ItemID]; ok {
				plan.Answers[p.ItemID] = domain.Answer{Note: a.Note, Evidence: a.Evidence, Flagged: a.Flagged}
				plan.NeedsAnswer = append(plan.NeedsAnswer, p.ItemID)
			}
		}
		now := s.now()
		row := assessmentRow{UnitID: st.row.UnitID, Round: st.row.Round, CatalogID: to.ID, CatalogVersion: to.Version,
			CatalogRowID: cr.ID, Status: string(domain.Draft), Vetoes: encodeStrings(plan.Vetoes),
			CreatedBy: st.user.Name, CreatedAt: now, UpdatedAt: now}
		row.setUnit(st.unit)
		res := domain.Score(to, newSet, domain.Options{UnitType: st.unit.Type})
		row.setSummary(res, res)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		var fresh []answerRow
		for _, k := range sortedKeys(plan.Answers) {
			r := answerRow{AssessmentID: row.ID, ItemID: k, UpdatedBy: st.user.Name, UpdatedAt: now}
			r.setAnswer(plan.Answers[k])
			fresh = append(fresh, r)
		}
		if len(fresh) > 0 {
			if err := tx.CreateInBatches(fresh, 200).Error; err != nil {
				return fmt.Errorf("carry the answers: %w", err)
			}
		}
		// Evidence files follow their item (the content is shared, by hash).
		newID := map[string]string{}
		for _, c := range plan.Carried {
			newID[c.OldID] = c.NewID
		}
		var evs []evidenceRow
		if err := tx.Where("assessment_id = ?", id).Order("id").Find(&evs).Error; err != nil {
			return fmt.Errorf("read the evidence: %w", err)
		}
		for _, e := range evs {
			nid, ok := newID[e.ItemID]
			if !ok {
				continue
			}
			e.ID, e.AssessmentID, e.ItemID = 0, row.ID, nid
			if err := tx.Create(&e).Error; err != nil {
				return fmt.Errorf("carry evidence %s: %w", e.Name, err)
			}
		}
		needs, _ := json.Marshal(nonNil(plan.NeedsAnswer))
		link := migrationRow{FromID: id, ToID: row.ID, FromCatalog: st.cat.Ref(), ToCatalog: to.Ref(),
			NeedsAnswer: string(needs), By: st.user.Name, At: now}
		if err := tx.Create(&link).Error; err != nil {
			return fmt.Errorf("link the assessments: %w", err)
		}
		kept := 0
		for _, c := range plan.Carried {
			if c.Kept {
				kept++
			}
		}
		doc := migrationDoc{From: id, To: row.ID, FromCatalog: st.cat.Ref(), ToCatalog: to.Ref(), Carried: kept,
			NeedsAnswer: nonNil(plan.NeedsAnswer), Dropped: nonNil(plan.Dropped)}
		if err := s.audit(ctx, tx, row.ID, "", "migrate_from", nil, doc); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, id, "", "migrate_to", nil, doc); err != nil {
			return err
		}
		created = row.domain(st.unit)
		return nil
	})
	if err != nil {
		return nil, domain.MigrationPlan{}, dbErr(err, "migrate assessment")
	}
	return &created, plan, nil
}

// Migrations returns the links of assessment id to the drafts made from
// it and to the one it was made from, oldest first.
func (s *Store) Migrations(ctx context.Context, id int64) ([]Migration, error) {
	var rows []migrationRow
	if err := s.db.WithContext(ctx).Where("from_id = ? OR to_id = ?", id, id).Order("id").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "read migrations")
	}
	out := make([]Migration, len(rows))
	for i, r := range rows {
		m := Migration{From: r.FromID, To: r.ToID, FromCatalog: r.FromCatalog, ToCatalog: r.ToCatalog, By: r.By, At: r.At.UTC()}
		_ = json.Unmarshal([]byte(r.NeedsAnswer), &m.NeedsAnswer)
		out[i] = m
	}
	return out, nil
}

// changedItems returns the items of the assessment's NeedsAnswer (it was
// made from another catalog version) that are still unanswered.
func changedItems(tx *gorm.DB, st *state, set *domain.AnswerSet) ([]string, error) {
	var link migrationRow
	err := tx.Where("to_id = ?", st.row.ID).Take(&link).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read the migration of assessment %d: %w", st.row.ID, err)
	}
	var needs, out []string
	_ = json.Unmarshal([]byte(link.NeedsAnswer), &needs)
	for _, id := range needs {
		if it := st.cat.Item(id); it != nil && !it.Answered(set.Answers[id]) {
			out = append(out, id)
		}
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
