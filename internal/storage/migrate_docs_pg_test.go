package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"pingce/internal/domain"
)

// openBoth returns a fresh SQLite store and, when PINGCE_TEST_POSTGRES is
// set, one in a new PostgreSQL schema (storagetest cannot be used here: it
// imports this package).
func openBoth(t *testing.T) map[string]*Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*Store{}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pingce.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out["sqlite"] = s
	dsn := os.Getenv("PINGCE_TEST_POSTGRES")
	if dsn == "" {
		return out
	}
	admin, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	schema := "pingce_test_" + hex.EncodeToString(rnd[:])
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	pg, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close() })
	out["postgres"] = pg
	return out
}

// TestMigrateDocuments_BothDatabases writes data the way schemas 1–3 did
// (json.Marshal of the domain structs) into a current database and runs
// migration 4 on it, on SQLite and PostgreSQL.
func TestMigrateDocuments_BothDatabases(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	for name, s := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			cat := &domain.Catalog{ID: "c", Version: "1", Title: "测试", Total: 10,
				Grades: []domain.GradeBand{{Min: 5, Grade: "合格"}, {Min: 0, Grade: "不合格"}},
				Categories: []*domain.Category{{ID: "A", Title: "甲", Items: []*domain.Item{
					{ID: "A1", Title: "一", Max: 10, Parts: []*domain.Item{
						{ID: "a", Title: "a", Max: 5, Method: domain.MethodCheck},
						{ID: "b", Title: "b", Max: 5, Method: domain.MethodCount, Per: 1}}}}}}}
			info, _, err := s.ImportCatalog(ctx, cat)
			if err != nil {
				t.Fatal(err)
			}
			u := &domain.Unit{Name: "甲单位", Type: "分县局"}
			if err := s.CreateUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
			a := &domain.Assessment{Unit: *u, Round: "R", CatalogID: "c", CatalogVersion: "1"}
			if err := s.CreateAssessment(ctx, a); err != nil {
				t.Fatal(err)
			}
			ans := domain.Answer{Parts: map[string]domain.Answer{"a": {Met: domain.Bool(true)}, "b": {Count: domain.Int(3)}}, Note: "说明"}
			res, err := s.SaveAnswer(ctx, a.ID, "A1", ans)
			if err != nil {
				t.Fatal(err)
			}

			// Back to what schema 3 kept.
			oldBody, _ := json.Marshal(cat)
			oldParts, _ := json.Marshal(ans.Parts)
			oldAnswer, _ := json.Marshal(ans)
			exec(t, s, "UPDATE catalogs SET body = ?, hash = ? WHERE id > 0", string(oldBody), "old-hash")
			exec(t, s, "UPDATE answers SET parts = ? WHERE item_id = 'A1'", string(oldParts))
			exec(t, s, "UPDATE audit SET before = 'null', after = ? WHERE action = 'answer'", string(oldAnswer))

			err = s.transaction(ctx, func(tx *gorm.DB) error { return migrateDocuments(tx) })
			if err != nil {
				t.Fatal(err)
			}
			s.cats = map[string]*domain.Catalog{}
			got, err := s.FindCatalogInfo(ctx, "c@1")
			if err != nil || got.Hash != info.Hash {
				t.Errorf("hash after migration %q (%v), want %q", got.Hash, err, info.Hash)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if r := ws.Result(); r.Final != res.Final {
				t.Errorf("score %v after migration, %v before", r.Final, res.Final)
			}
			if p := ws.Answers.Answers["A1"].Parts; p["b"].Count == nil || *p["b"].Count != 3 {
				t.Errorf("parts after migration %+v", p)
			}
			es, err := s.Audit(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				if e.Action == "answer" && (e.Before != "" || !strings.Contains(e.After, `"count":3`) || strings.Contains(e.After, `"Note"`)) {
					t.Errorf("answer entry after migration: %q → %q", e.Before, e.After)
				}
			}
			rehash, err := s.Audit(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range rehash {
				found = found || (e.Action == "catalog_rehash" && strings.Contains(e.Before, "old-hash") && strings.Contains(e.After, info.Hash))
			}
			if !found {
				t.Errorf("no catalog_rehash entry in %+v", rehash)
			}
			if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
				t.Errorf("db check after the migration: %q (%v)", probs, err)
			}
		})
	}
}
