package storage

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// copyDB copies testdata/name into a temporary folder and returns the copy.
func copyDB(t *testing.T, name string) string {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "pingce.db")
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// before is what the schema-2 file holds, read without migrating it.
type before struct {
	summaries map[int64]assessmentRow
	audit     map[int64]auditRow
	evidence  []evidenceRow
	blobs     map[string]int64
}

func readBefore(t *testing.T, path string) before {
	t.Helper()
	db, err := gorm.Open(sqlite.Open(path+"?mode=ro"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if d, err := db.DB(); err == nil {
			d.Close()
		}
	}()
	var b before
	var as []assessmentRow
	var au []auditRow
	var bl []blobRow
	if err := db.Select("id", "answered", "applicable", "final", "grade", "reviewed_final", "reviewed_grade", "status").
		Find(&as).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Select("id", "at", "actor", "assessment_id", "item_id", "action", "before", "after").Find(&au).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Find(&b.evidence).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Select("sha256", "size").Find(&bl).Error; err != nil {
		t.Fatal(err)
	}
	b.summaries, b.audit, b.blobs = map[int64]assessmentRow{}, map[int64]auditRow{}, map[string]int64{}
	for _, a := range as {
		b.summaries[a.ID] = a
	}
	for _, a := range au {
		b.audit[a.ID] = a
	}
	for _, x := range bl {
		b.blobs[x.SHA256] = x.Size
	}
	return b
}

// goName matches a JSON key spelled like the Go name of a field of a domain
// type the audit trail records ("Met", "CatalogID").
var goName = func() *regexp.Regexp {
	var names []string
	for _, v := range []any{domain.Answer{}, domain.Review{}, domain.Unit{}, domain.Assessment{},
		domain.Evidence{}, domain.Round{}, domain.CatalogInfo{}} {
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			names = append(names, rt.Field(i).Name)
		}
	}
	return regexp.MustCompile(`"(` + strings.Join(names, "|") + `)":`)
}()

// TestMigrate_FromRelease opens a database written by release d75a230
// (schema 2) and checks that after the migration every assessment opens
// with the scores it had, the evidence and the audit trail are intact, and
// the catalogs carry the hashes a fresh import gives.
func TestMigrate_FromRelease(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	path := copyDB(t, "schema2.db")
	old := readBefore(t, path)
	if len(old.summaries) != 3 || len(old.audit) == 0 || len(old.evidence) == 0 {
		t.Fatalf("test data: %d assessments, %d audit entries, %d files", len(old.summaries), len(old.audit), len(old.evidence))
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	t.Run("SchemaAndBackup", func(t *testing.T) {
		if v, err := schemaVersion(s.db); err != nil || v != SchemaVersion() {
			t.Errorf("schema %d (%v), want %d", v, err, SchemaVersion())
		}
		if baks, _ := filepath.Glob(path + ".bak-v2-*"); len(baks) != 1 {
			t.Errorf("backups %v, want one pingce.db.bak-v2-…", baks)
		}
	})
	t.Run("CatalogHashes", func(t *testing.T) {
		infos, err := s.ListCatalogs(ctx)
		if err != nil || len(infos) != 2 {
			t.Fatalf("catalogs %v (%v)", infos, err)
		}
		for _, info := range infos {
			b, err := catalog.Builtin(info.Ref())
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := CatalogHash(b)
			if info.Hash != want || info.Hash != goldenHashes[info.Ref()] {
				t.Errorf("%s: hash %s after migration, a fresh import gives %s", info.Ref(), info.Hash, want)
			}
			// Importing the built-in again finds the migrated row.
			again, created, err := s.ImportCatalog(ctx, b)
			if err != nil || created || again.Hash != info.Hash {
				t.Errorf("re-import of %s: %+v created=%v (%v)", info.Ref(), again, created, err)
			}
		}
	})
	t.Run("ScoresUnchanged", func(t *testing.T) {
		for id, want := range old.summaries {
			ws, err := s.OpenAssessment(ctx, id)
			if err != nil {
				t.Errorf("assessment %d does not open: %v", id, err)
				continue
			}
			own, rev := ws.Result(), ws.ReviewedResult()
			if own.Final != want.Final || own.Grade != want.Grade || own.Answered != want.Answered ||
				own.Applicable != want.Applicable || rev.Final != want.ReviewedFinal || rev.Grade != want.ReviewedGrade {
				t.Errorf("assessment %d rescored %v %s %d/%d, reviewed %v %s; before: %v %s %d/%d, reviewed %v %s",
					id, own.Final, own.Grade, own.Answered, own.Applicable, rev.Final, rev.Grade,
					want.Final, want.Grade, want.Answered, want.Applicable, want.ReviewedFinal, want.ReviewedGrade)
			}
			if string(ws.Assessment.Status) != want.Status {
				t.Errorf("assessment %d is %s, was %s", id, ws.Assessment.Status, want.Status)
			}
		}
		list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
		if err != nil || len(list) != 3 {
			t.Fatalf("list %v (%v)", list, err)
		}
		for _, l := range list {
			if w := old.summaries[l.ID]; l.Final != w.Final || l.Grade != w.Grade {
				t.Errorf("listed %d: %v %s, before %v %s", l.ID, l.Final, l.Grade, w.Final, w.Grade)
			}
		}
	})
	t.Run("Composite", func(t *testing.T) {
		ws, err := s.OpenAssessment(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		a := ws.Answers.Answers["B1.1"]
		if len(a.Parts) != 2 || a.Parts["a"].Value == nil || *a.Parts["a"].Value != 80 ||
			a.Parts["b"].Met == nil || !*a.Parts["b"].Met {
			t.Errorf("B1.1 parts after migration: %+v", a.Parts)
		}
	})
	t.Run("EvidenceIntact", func(t *testing.T) {
		for _, e := range old.evidence {
			evs, err := s.ListEvidence(ctx, e.AssessmentID, e.ItemID)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, ev := range evs {
				if ev.ID == e.ID && ev.Name == e.Name && ev.SHA256 == e.SHA256 && ev.Size == old.blobs[e.SHA256] {
					found = true
				}
			}
			if !found {
				t.Errorf("evidence %d (%s) is not listed as it was: %+v", e.ID, e.Name, evs)
			}
			data, err := s.EvidenceContent(ctx, e.ID)
			if err != nil || hashOf(data) != e.SHA256 {
				t.Errorf("evidence %d content: %d bytes (%v)", e.ID, len(data), err)
			}
		}
	})
	t.Run("AuditIntact", func(t *testing.T) {
		var rows []auditRow
		if err := s.db.Order("id").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		rehash := 0
		for _, r := range rows {
			o, ok := old.audit[r.ID]
			if !ok {
				if r.Action == "catalog_rehash" {
					rehash++
					continue
				}
				t.Errorf("new audit entry %+v", r)
				continue
			}
			if !r.At.Equal(o.At) || r.Actor != o.Actor || r.Action != o.Action || r.ItemID != o.ItemID || r.AssessmentID != o.AssessmentID {
				t.Errorf("audit entry %d changed: %+v, was %+v", r.ID, r, o)
			}
			for _, text := range []string{r.Before, r.After} {
				if goName.MatchString(text) || text == "null" {
					t.Errorf("audit entry %d (%s) keeps the old form: %s", r.ID, r.Action, text)
				}
				if text != "" && !json.Valid([]byte(text)) {
					t.Errorf("audit entry %d: not JSON: %s", r.ID, text)
				}
			}
			// What was said is still said: every string value of the old text is in the new one.
			for _, pair := range [][2]string{{o.Before, r.Before}, {o.After, r.After}} {
				for _, v := range stringValues(t, pair[0]) {
					if !strings.Contains(pair[1], v) {
						t.Errorf("audit entry %d (%s) lost %q: %s → %s", r.ID, r.Action, v, pair[0], pair[1])
					}
				}
			}
		}
		if len(rows) != len(old.audit)+rehash || rehash != 2 {
			t.Errorf("%d audit entries (%d catalog_rehash), had %d", len(rows), rehash, len(old.audit))
		}
	})
	t.Run("NewEntriesExplicit", func(t *testing.T) {
		// One write of every kind on the migrated file; then no audit entry
		// at all may carry a Go field name.
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(s.SaveRound(ctx, domain.Round{Name: "2026-Q3"}))
		u, err := s.FindUnit(ctx, 1)
		must(err)
		u.Superior = "某某市公安局（新）"
		must(s.UpdateUnit(ctx, u))
		_, err = s.SaveAnswer(ctx, 2, "A1.2", domain.Answer{Level: "领导小组和专班均已成立并实际运转", Note: "新"})
		must(err)
		_, err = s.SetVetoes(ctx, 2, nil)
		must(err)
		set, err := s.ExportAnswers(ctx, 2)
		must(err)
		a := set.Answers["A1.2"]
		a.Note = "再改"
		set.Answers["A1.2"] = a
		must(s.ImportAnswers(ctx, 2, set))
		ev, err := s.AddEvidence(ctx, 2, "A1.2", "新.txt", strings.NewReader("新"))
		must(err)
		must(s.RemoveEvidence(ctx, ev.ID))
		must(s.Return(ctx, 1, "再看看"))
		must(s.Submit(ctx, 1))
		_, err = s.SaveReview(ctx, 1, "A1.2", domain.Review{Comment: "可以"})
		must(err)
		must(s.SaveProfile(ctx, domain.Profile{UnitID: 1, Operator: "张三", Roles: []domain.Role{domain.RoleStaff}}))
		fresh := &domain.Assessment{Unit: domain.Unit{ID: 1}, Round: "2026-Q4", CatalogID: "demo-city-ref", CatalogVersion: "2026.1"}
		must(s.CreateAssessment(ctx, fresh))
		must(s.DeleteAssessment(ctx, fresh.ID))
		var rows []auditRow
		must(s.db.Order("id").Find(&rows).Error)
		actions := map[string]bool{}
		for _, r := range rows {
			actions[r.Action] = true
			for _, text := range []string{r.Before, r.After} {
				if goName.MatchString(text) || text == "null" {
					t.Errorf("audit entry %d (%s) is not a document: %s", r.ID, r.Action, text)
				}
			}
		}
		for _, want := range []string{"round_save", "unit_update", "unit_change", "answer", "vetoes", "import",
			"evidence_add", "evidence_remove", "return", "submit", "review", "profile_save", "create", "delete"} {
			if !actions[want] {
				t.Errorf("no %s entry: the test no longer covers it", want)
			}
		}
	})
	t.Run("Check", func(t *testing.T) {
		probs, err := s.Check(ctx)
		if err != nil || len(probs) != 0 {
			t.Errorf("db check after the migration: %q (%v)", probs, err)
		}
	})
}

// stringValues returns the non-empty string values of a JSON text (zero
// times excepted: documents leave them out).
func stringValues(t *testing.T, text string) []string {
	t.Helper()
	if text == "" || text == "null" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("old audit text %q: %v", text, err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if x != "" && !strings.HasPrefix(x, "0001-01-01") {
				out = append(out, x)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

func TestMigrations_Ordered(t *testing.T) {
	for i, m := range migrations {
		if m.version != i+1 {
			t.Errorf("migration %d (%s) has version %d: versions go 1, 2, 3 … without gaps", i, m.name, m.version)
		}
		if m.name == "" || m.up == nil {
			t.Errorf("migration %d has no name or no step", m.version)
		}
	}
}
