package storage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// finalOf returns the cached final score the list shows for assessment id.
func finalOf(t *testing.T, s *storage.Store, id int64) (float64, domain.Unit) {
	t.Helper()
	sums, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	mustOK(t, err)
	for _, sum := range sums {
		if sum.ID == id {
			return sum.Final, sum.Unit
		}
	}
	t.Fatalf("assessment %d is not listed", id)
	return 0, domain.Unit{}
}

// TestUnitFacts checks that a submitted or approved assessment keeps the
// unit facts it was scored with when the unit changes, that an editable one
// follows the unit (score and cached list both), and that the change is
// audited against the unit and against each assessment it re-scores.
func TestUnitFacts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		locked := storagetest.Fixture(t, s) // 分县局: B2 (派出所 only) does not apply
		ans := storagetest.FullAnswers()
		fill(t, s, locked.ID, ans)
		mustOK(t, s.Submit(ctx, locked.ID))
		mustOK(t, s.Approve(ctx, locked.ID))
		draft := &domain.Assessment{Unit: locked.Unit, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
		mustOK(t, s.CreateAssessment(ctx, draft))
		fill(t, s, draft.ID, ans)

		ws, err := s.OpenAssessment(ctx, locked.ID)
		mustOK(t, err)
		approved := ws.Result().Final
		listed, _ := finalOf(t, s, locked.ID)
		if listed != approved {
			t.Fatalf("before the change the list shows %v, the assessment %v", listed, approved)
		}
		draftBefore, _ := finalOf(t, s, draft.ID)

		u := locked.Unit
		u.Type, u.Name = "派出所", "某某派出所"
		mustOK(t, s.UpdateUnit(ctx, &u))

		t.Run("ApprovedKeepsItsFacts", func(t *testing.T) {
			ws, err := s.OpenAssessment(ctx, locked.ID)
			mustOK(t, err)
			if got := ws.Result().Final; got != approved {
				t.Errorf("approved assessment re-scored: %v, was %v", got, approved)
			}
			if ws.Assessment.Unit.Type != "分县局" || ws.Assessment.Unit.Name != "某某区公安分局" {
				t.Errorf("approved assessment shows unit %+v, want the facts it was approved with", ws.Assessment.Unit)
			}
			if ws.Assessment.Unit.ID != u.ID {
				t.Errorf("unit id %d, want %d", ws.Assessment.Unit.ID, u.ID)
			}
			if ws.Answers.Unit.Type != "分县局" {
				t.Errorf("answers carry unit type %q", ws.Answers.Unit.Type)
			}
			got, unit := finalOf(t, s, locked.ID)
			if got != approved || unit.Type != "分县局" {
				t.Errorf("list shows %v (%s), want %v (分县局)", got, unit.Type, approved)
			}
		})
		t.Run("DraftFollowsTheUnit", func(t *testing.T) {
			ws, err := s.OpenAssessment(ctx, draft.ID)
			mustOK(t, err)
			if ws.Assessment.Unit.Type != "派出所" || ws.Assessment.Unit.Name != "某某派出所" {
				t.Errorf("draft shows unit %+v, want the changed unit", ws.Assessment.Unit)
			}
			now := ws.Result().Final
			if now == draftBefore {
				t.Fatalf("draft score %v did not change with the unit type (B2 now applies)", now)
			}
			got, _ := finalOf(t, s, draft.ID)
			if got != now {
				t.Errorf("list shows %v for the draft, the draft scores %v: the cached score is stale", got, now)
			}
		})
		t.Run("AuditedAgainstTheUnit", func(t *testing.T) {
			es, err := s.UnitAudit(ctx, u.ID)
			mustOK(t, err)
			var actions []string
			for _, e := range es {
				if e.UnitID != u.ID {
					t.Errorf("unit audit entry %+v carries unit %d", e, e.UnitID)
				}
				actions = append(actions, e.Action)
			}
			if strings.Join(actions, ",") != "unit_create,unit_update" {
				t.Errorf("unit audit actions %v, want unit_create,unit_update", actions)
			}
			des, err := s.Audit(ctx, draft.ID)
			mustOK(t, err)
			if last := des[len(des)-1]; last.Action != "unit_change" || !strings.Contains(last.After, "派出所") {
				t.Errorf("draft's last audit entry %+v, want unit_change to 派出所", last)
			}
			les, err := s.Audit(ctx, locked.ID)
			mustOK(t, err)
			if last := les[len(les)-1]; last.Action != "approve" {
				t.Errorf("approved assessment's last audit entry is %s, want approve", last.Action)
			}
		})
		t.Run("NewAssessmentTakesCurrentFacts", func(t *testing.T) {
			a := &domain.Assessment{Unit: u, Round: "2027-Q1", CatalogID: "test", CatalogVersion: "1"}
			mustOK(t, s.CreateAssessment(ctx, a))
			if a.Unit.Type != "派出所" {
				t.Errorf("new assessment has unit %+v", a.Unit)
			}
		})
	})
}

// TestUnitFacts_Migration opens a copy of a schema 2 database: every
// assessment gets its unit's facts, its score stays, and the unit entries
// written before are found in the unit's trail.
func TestUnitFacts_Migration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	b, err := os.ReadFile(filepath.Join("testdata", "schema2.db"))
	mustOK(t, err)
	mustOK(t, os.WriteFile(path, b, 0o600))
	s := storagetest.OpenFile(t, path, storage.WithoutBackup())
	sums, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	mustOK(t, err)
	if len(sums) == 0 {
		t.Fatal("no assessments in the old database")
	}
	for _, sum := range sums {
		u, err := s.FindUnit(ctx, sum.Unit.ID)
		mustOK(t, err)
		if sum.Unit != *u {
			t.Errorf("assessment %d lists unit %+v, want %+v", sum.ID, sum.Unit, *u)
		}
		ws, err := s.OpenAssessment(ctx, sum.ID)
		mustOK(t, err)
		if ws.Assessment.Unit != *u {
			t.Errorf("assessment %d opens with unit %+v, want %+v", sum.ID, ws.Assessment.Unit, *u)
		}
		if got := ws.Result().Final; got != sum.Final {
			t.Errorf("assessment %d scores %v, lists %v", sum.ID, got, sum.Final)
		}
		es, err := s.UnitAudit(ctx, u.ID)
		mustOK(t, err)
		if len(es) == 0 || es[0].Action != "unit_create" {
			t.Errorf("unit %d: trail %+v, want its unit_create first", u.ID, es)
		}
	}
}
