package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// migration is one numbered schema change. Migrations run in order, each in
// its own transaction together with its schema_version row.
type migration struct {
	version int
	name    string
	up      func(tx *gorm.DB) error
}

// migrations lists every schema change, one line each, in version order:
// append, never edit or reorder (TestMigrations_Ordered checks the order).
// A step that is more than a line lives in a function beside the rows it
// changes.
var migrations = []migration{
	{1, "initial schema", migrateInitial},
	{2, "assessment revision", migrateRevision},
	{3, "unit snapshot", migrateUnitSnapshot},          // unitfacts.go
	{4, "stored documents", migrateDocuments},          // migrate_docs.go
	{5, "profile", migrateProfile},                     // profile.go
	{6, "review", migrateReview},                       // review.go
	{7, "round settings", migrateRoundSettings},        // roundsettings.go
	{8, "exchange", migrateExchange},                   // exchange.go
	{9, "tasks", migrateTasks},                         // task.go
	{10, "catalog migration", migrateCatalogMigration}, // migrateassessment.go
	{11, "evidence name", migrateEvidenceName},         // evidencename.go
	{12, "evidence chunks", migrateEvidenceChunks},     // chunks.go
	{13, "answer counts", migrateCounts},               // counts.go
	{14, "exchange register", migrateExchangeRegister}, // exchangetasks.go
	{15, "standing peers", migrateStandingPeers},       // exchangetasks.go
	{16, "task origin", migrateTaskOrigin},             // tasks_origin.go
}

func migrateInitial(tx *gorm.DB) error {
	return tx.AutoMigrate(&unitRow{}, &catalogRow{}, &roundRow{}, &assessmentRow{},
		&answerRow{}, &blobRow{}, &evidenceRow{}, &auditRow{})
}

func migrateRevision(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&assessmentRow{}, "Revision") { // created by schema 1's AutoMigrate
		return nil
	}
	return tx.Migrator().AddColumn(&assessmentRow{}, "Revision")
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

// schemaVersion returns the highest applied migration, 0 for a new database.
func schemaVersion(db *gorm.DB) (int, error) {
	if !db.Migrator().HasTable(&schemaVersionRow{}) {
		return 0, nil
	}
	var v *int
	if err := db.Model(&schemaVersionRow{}).Select("MAX(version)").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// migrate brings the schema up to date. An SQLite file with an older,
// non-empty schema is copied to a backup first.
func (s *Store) migrate(ctx context.Context, backup bool) error {
	db := s.db.WithContext(ctx)
	cur, err := schemaVersion(db)
	if err != nil {
		return err
	}
	latest := SchemaVersion()
	if cur > latest {
		return domain.Errorf(domain.EINVALID,
			"the database has schema version %d, newer than this program knows (%d): update Pingce", cur, latest)
	}
	if cur == latest {
		return nil
	}
	if cur > 0 && backup && s.dialect == "sqlite" {
		name := fmt.Sprintf("%s.bak-v%d-%s", s.path, cur, s.now().Format("20060102T150405"))
		if err := s.Backup(ctx, name); err != nil {
			return fmt.Errorf("back up before migrating from schema %d: %w", cur, err)
		}
	}
	for _, m := range migrations {
		if m.version <= cur {
			continue
		}
		err := s.transaction(ctx, func(tx *gorm.DB) error {
			if s.dialect == "postgres" {
				// Two programs starting at once: one migrates, the other waits.
				if err := tx.Exec("SELECT pg_advisory_xact_lock(7370001)").Error; err != nil {
					return err
				}
			}
			if err := tx.AutoMigrate(&schemaVersionRow{}); err != nil {
				return err
			}
			v, err := schemaVersion(tx)
			if err != nil {
				return err
			}
			if v >= m.version { // another process was first
				return nil
			}
			if err := m.up(tx); err != nil {
				return err
			}
			return tx.Create(&schemaVersionRow{Version: m.version, Name: m.name, AppliedAt: s.now()}).Error
		})
		if err != nil {
			return fmt.Errorf("migrate database to schema %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}
