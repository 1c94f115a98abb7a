package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

func TestMigrate(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	t.Run("BackupBeforeMigrating", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "pingce.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		u := &domain.Unit{Name: "甲", Type: "市局"}
		if err := s.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		s.Close()

		old := SchemaVersion()
		saved := migrations
		t.Cleanup(func() { migrations = saved })
		migrations = append(migrations[:len(migrations):len(migrations)], migration{old + 1, "test column", func(tx *gorm.DB) error {
			return tx.Exec("ALTER TABLE units ADD COLUMN test_note TEXT NOT NULL DEFAULT ''").Error
		}})
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC) }
		defer s.Close()
		v, err := schemaVersion(s.db)
		if err != nil || v != old+1 {
			t.Fatalf("schema version %d (%v), want %d", v, err, old+1)
		}
		baks, _ := filepath.Glob(fmt.Sprintf("%s.bak-v%d-*", path, old))
		if len(baks) != 1 {
			t.Fatalf("backups %v, want one pingce.db.bak-v%d-…", baks, old)
		}
		b, err := Open(ctx, baks[0], WithoutBackup())
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if got, err := b.FindUnit(ctx, u.ID); err != nil || got.Name != "甲" {
			t.Errorf("backup holds %+v (%v)", got, err)
		}
		if got, err := s.FindUnit(ctx, u.ID); err != nil || got.Name != "甲" {
			t.Errorf("migrated file holds %+v (%v)", got, err)
		}
	})
	t.Run("FromSchema1", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "pingce.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		// Make the file what schema 1 wrote: no revision column.
		for _, q := range []string{"ALTER TABLE assessments DROP COLUMN revision", "DELETE FROM schema_version WHERE version > 1"} {
			if err := s.db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !s.db.Migrator().HasColumn(&assessmentRow{}, "Revision") {
			t.Error("no revision column after migrating from schema 1")
		}
		if baks, _ := filepath.Glob(path + ".bak-v1-*"); len(baks) != 1 {
			t.Errorf("backups %v, want one pingce.db.bak-v1-…", baks)
		}
	})
	t.Run("ErrNewerSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "pingce.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.db.Create(&schemaVersionRow{Version: 99, Name: "future"}).Error; err != nil {
			t.Fatal(err)
		}
		s.Close()
		_, err = Open(ctx, path)
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "99") {
			t.Errorf("opening a newer schema: %v", err)
		}
	})
}

func TestStore_Check(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pingce.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id := draftFixture(t, s) // chunks_test.go
	ev, err := s.AddEvidence(ctx, id, "A1", "a.txt", strings.NewReader("original"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
			t.Errorf("check of a sound file: %v %v", probs, err)
		}
	})
	t.Run("CorruptEvidence", func(t *testing.T) {
		// Same size, other bytes (schema 12 keeps the content in pieces).
		if err := s.db.Exec("UPDATE evidence_chunks SET data = ? WHERE content_key = (SELECT content_key FROM evidence_blobs WHERE sha256 = ?)",
			[]byte("tampered"), ev.SHA256).Error; err != nil {
			t.Fatal(err)
		}
		probs, err := s.Check(ctx)
		if err != nil || len(probs) != 1 || !strings.Contains(probs[0], ev.SHA256) || !strings.Contains(probs[0], "hash to") {
			t.Errorf("check of a tampered file: %q %v", probs, err)
		}
	})
}
