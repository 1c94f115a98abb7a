package storage

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestCheckReviewDocs: db check names a broken verdict, reviewer's answer
// or submission, and nothing in a sound database.
func TestCheckReviewDocs(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	for _, tt := range []struct {
		name, damage, want string
	}{
		{"Verdict", `UPDATE answers SET review_verdict = 'maybe' WHERE assessment_id = 1 AND item_id = 'A1.2'`, "verdict \"maybe\""},
		{"Answer", `UPDATE answers SET review_verdict = 'adjust', review_answer = '{"Level":"x"}' WHERE assessment_id = 1 AND item_id = 'A1.2'`, "reviewer's stored answer cannot be read"},
		{"Submission", `INSERT INTO submissions (assessment_id, seq, submitted_by, submitted_at, items, vetoes) VALUES (1, 9, 'x', '2026-01-01 00:00:00', 'not json', '[]')`, "submission 9 cannot be read"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, copyDB(t, "schema2.db"), WithoutBackup())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
				t.Fatalf("before the damage: %q (%v)", probs, err)
			}
			exec(t, s, tt.damage)
			probs, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(probs, "\n"), tt.want) {
				t.Errorf("db check found %q, want %q", probs, tt.want)
			}
		})
	}
}
