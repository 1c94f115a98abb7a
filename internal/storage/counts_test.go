package storage

import (
	"context"
	"maps"
	"os"
	"reflect"
	"strings"
	"testing"

	"gorm.io/gorm"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

func tieredCatalog(t *testing.T) *domain.Catalog {
	t.Helper()
	data, err := os.ReadFile("../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCatalogDoc_Tiered stores the catalog with kinds, multipliers and a
// discretion item and reads it back to the same catalog.
func TestCatalogDoc_Tiered(t *testing.T) {
	c := tieredCatalog(t)
	_, body, err := CatalogHash(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCatalog(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Categories, back.Categories) {
		t.Errorf("stored catalog differs:\n%s", body)
	}
	for _, key := range []string{`"kinds":[{"key":"main","label":"主要领导出席","per":1}`, `"multipliers":[{"key":"security"`, `"discretion":{"min":2,"max":6}`} {
		if !strings.Contains(string(body), key) {
			t.Errorf("body lacks %s", key)
		}
	}
}

// TestAnswerCounts stores answers with counts by kind and by mark on
// SQLite and PostgreSQL (PINGCE_TEST_POSTGRES), reads them back with their
// scores, and runs schema 13 on a database that lacks the column.
func TestAnswerCounts(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	c := tieredCatalog(t)
	for name, s := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			if _, _, err := s.ImportCatalog(ctx, c); err != nil {
				t.Fatal(err)
			}
			u := &domain.Unit{Name: "甲单位", Type: "分县局"}
			if err := s.CreateUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
			a := &domain.Assessment{Unit: *u, Round: "R", CatalogID: c.ID, CatalogVersion: c.Version}
			if err := s.CreateAssessment(ctx, a); err != nil {
				t.Fatal(err)
			}
			answers := map[string]domain.Answer{
				"T1": {Counts: map[string]int{"main": 2, "other": 1}},               // 2.5
				"M1": {Count: domain.Int(2), Counts: map[string]int{"security": 1}}, // 6 − 3
				"J1": {Count: domain.Int(1)},                                        // worst case 4, 4–8
				"P1": {Met: domain.Bool(true)},
			}
			for id, ans := range answers {
				if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
					t.Fatalf("%s: %v", id, err)
				}
			}
			answers["T1"].Counts["main"] = 9 // the store keeps its own copy
			answers["T1"] = domain.Answer{Counts: map[string]int{"main": 2, "other": 1}}
			ws, err := s.OpenAssessment(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range answers {
				if got := ws.Answers.Answers[id]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s read back as %+v, want %+v", id, got, want)
				}
			}
			r := ws.Result()
			for id, want := range map[string]float64{"T1": 2.5, "M1": 3, "J1": 4, "P1": 8} {
				if is, _ := r.Item(id); is.Score != want {
					t.Errorf("%s scores %v, want %v", id, is.Score, want)
				}
			}
			if is, _ := r.Item("J1"); is.Pending == nil || *is.Pending != (domain.PointRange{Min: 4, Max: 8}) {
				t.Errorf("J1 pending %+v", is.Pending)
			}
			var col string
			if err := s.db.Raw("SELECT counts FROM answers WHERE item_id = 'T1'").Scan(&col).Error; err != nil || col != `{"main":2,"other":1}` {
				t.Errorf("stored counts %q (%v)", col, err)
			}
			if found, err := s.Check(ctx); err != nil || len(found) > 0 {
				t.Errorf("db check: %v %v", found, err)
			}

			// A broken column is reported by the db check, and reads as no counts.
			exec(t, s, `UPDATE answers SET counts = '{"main":1.5}' WHERE item_id = 'T1'`)
			found, err := s.Check(ctx)
			if err != nil || len(found) != 1 || !strings.Contains(found[0], "item T1: the stored counts") {
				t.Errorf("db check of a broken column: %v %v", found, err)
			}

			// Schema 13 on a database from before it: the column is added,
			// the rows keep their answers and have no counts.
			if err := s.db.Migrator().DropColumn(&answerRow{}, "Counts"); err != nil {
				t.Fatal(err)
			}
			err = s.transaction(ctx, func(tx *gorm.DB) error { return migrateCounts(tx) })
			if err != nil {
				t.Fatal(err)
			}
			s.answers.drop(a.ID) // the rows cached above held the column
			ws, err = s.OpenAssessment(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(answers)
			want["T1"] = domain.Answer{}
			want["M1"] = domain.Answer{Count: domain.Int(2)}
			for id, w := range want {
				if got := ws.Answers.Answers[id]; !reflect.DeepEqual(got, w) && !(w.IsZero() && got.IsZero()) {
					t.Errorf("after schema 13, %s reads %+v, want %+v", id, got, w)
				}
			}
			if err := s.transaction(ctx, func(tx *gorm.DB) error { return migrateCounts(tx) }); err != nil {
				t.Errorf("schema 13 a second time: %v", err)
			}
		})
	}
}
