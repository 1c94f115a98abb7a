package storage

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestStore_CheckDocuments damages a migrated copy of the release database
// in the ways db check must find: a grade boundary edited in a stored
// catalog, a corrupted catalog body, a cached score that no longer matches,
// and broken answer parts. Each must be reported with what and where.
func TestStore_CheckDocuments(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	tests := []struct {
		name   string
		damage func(t *testing.T, s *Store)
		want   []string // every one must appear in some reported line
	}{
		{"GradeBoundaryEdited", func(t *testing.T, s *Store) {
			var row catalogRow
			if err := s.db.Where("catalog_id = ?", "demo-city-ref").Take(&row).Error; err != nil {
				t.Fatal(err)
			}
			body := strings.Replace(row.Body, `{"min":900,"grade":"优秀"}`, `{"min":950,"grade":"优秀"}`, 1)
			if body == row.Body {
				t.Fatal("no grade boundary 900 to edit")
			}
			exec(t, s, "UPDATE catalogs SET body = ? WHERE id = ?", body, row.ID)
		}, []string{
			"catalog demo-city-ref@2026.1 (row 1): the stored body hashes to",
			// Assessment 1 scored 944.89 (优秀); with the edited boundary it is 良好.
			"assessment 1 (某某区公安分局, round 2026-Q2, submitted): cached score 944.89 优秀, a rescore gives 944.89 良好",
		}},
		{"CatalogBodyCorrupted", func(t *testing.T, s *Store) {
			var row catalogRow
			if err := s.db.Where("catalog_id = ?", "police-station-grade").Take(&row).Error; err != nil {
				t.Fatal(err)
			}
			// Cut at a character: storage refuses to write text that is not UTF-8.
			exec(t, s, "UPDATE catalogs SET body = ? WHERE id = ?", strings.ToValidUTF8(row.Body[:len(row.Body)/2], ""), row.ID)
		}, []string{
			"catalog police-station-grade@2026.1 (row 2): the stored body hashes to",
			"catalog police-station-grade@2026.1 (row 2): the stored body cannot be read",
			"assessment 3 (某某派出所, round 2026-H2): its catalog police-station-grade@2026.1 cannot be read",
		}},
		{"CatalogFactsWrong", func(t *testing.T, s *Store) {
			exec(t, s, "UPDATE catalogs SET total = 900 WHERE catalog_id = 'demo-city-ref'")
		}, []string{
			`catalog demo-city-ref@2026.1 (row 1): recorded as "全国社会治安防控体系建设示范城市创建 自评参考指标", total 900, 64 items; its body says`,
		}},
		{"CachedScoreWrong", func(t *testing.T, s *Store) {
			exec(t, s, "UPDATE assessments SET final = 908.62, answered = 50 WHERE id = 1")
		}, []string{
			"assessment 1 (某某区公安分局, round 2026-Q2, submitted): cached score 908.62 优秀, a rescore gives 944.89 优秀",
			"assessment 1 (某某区公安分局, round 2026-Q2, submitted): cached progress 50/56, a rescore gives 56/56",
		}},
		{"ReviewedScoreWrong", func(t *testing.T, s *Store) {
			exec(t, s, "UPDATE assessments SET reviewed_grade = '优秀' WHERE id = 3")
		}, []string{
			"assessment 3 (某某派出所, round 2026-H2, approved): cached reviewed score 67.11 优秀, a rescore gives 67.11 四级",
		}},
		{"AuditTextBroken", func(t *testing.T, s *Store) {
			exec(t, s, `UPDATE audit SET after = '{"met":tr' WHERE id = (SELECT MIN(id) FROM audit WHERE action = 'answer')`)
		}, []string{
			"(answer): the state after is not a JSON document",
		}},
		{"AnswerPartsBroken", func(t *testing.T, s *Store) {
			exec(t, s, `UPDATE answers SET parts = '{"a":{"Value":80}}' WHERE assessment_id = 1 AND item_id = 'B1.1'`)
		}, []string{
			"assessment 1, item B1.1: the stored parts of the answer cannot be read",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, copyDB(t, "schema2.db"), WithoutBackup())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
				t.Fatalf("before the damage: %q (%v)", probs, err)
			}
			// Read every assessment once, so that the damage lies behind warm caches.
			for id := int64(1); id <= 3; id++ {
				if _, err := s.OpenAssessment(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			tt.damage(t, s)
			probs, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				found := false
				for _, p := range probs {
					found = found || strings.Contains(p, w)
				}
				if !found {
					t.Errorf("no problem says %q; reported:\n%s", w, strings.Join(probs, "\n"))
				}
			}
		})
	}
}

func exec(t *testing.T, s *Store, q string, args ...any) {
	t.Helper()
	if err := s.db.Exec(q, args...).Error; err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
