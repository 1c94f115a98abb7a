package storage

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// TestMigrateTaskOrigin: schema 16 on a database of schema 15 (its columns
// dropped again) finds in the audit trail the package that brought each
// received entry and the last that changed one — the package_import entry
// of the same assessment that follows each task_receive —, falls back to
// the trusted unit of the sender's key when the trail names none, leaves
// entries made here alone, and adds the closure files' original names; on
// SQLite and PostgreSQL.
func TestMigrateTaskOrigin(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	for name, s := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			db := s.db.WithContext(ctx)
			at := func(h int) time.Time { return time.Date(2026, 10, 1, h, 0, 0, 0, time.UTC) }
			var ids []int64
			for _, p := range []string{"收到的", "密钥已知的", "这里的，被改过", "这里的"} {
				r := taskRow{Source: "manual", AssessmentID: 7, Problem: p, Owner: "张三", Due: at(0), Kind: "deadline", Status: "open"}
				must(t, db.Create(&r).Error)
				ids = append(ids, r.ID)
			}
			for i, origin := range []string{"fp-a", "fp-b", "", ""} {
				must(t, db.Create(&taskLinkRow{TaskID: ids[i], UID: strings.Repeat(string(rune('a'+i)), 32), Origin: origin}).Error)
			}
			must(t, db.Create(&trustRow{Fingerprint: "fp-b", Unit: "乙分局", Key: "k"}).Error)
			doc := func(id int64) string { return `{"id":` + strconv.FormatInt(id, 10) + `,"problem":"x"}` }
			pkg := func(id, kind string) string {
				return `{"fingerprint":"fp-a","id":"` + id + `","kind":"` + kind + `","revision":1,"sender":"甲分局"}`
			}
			for _, a := range []auditRow{
				{At: at(1), Actor: "张三", AssessmentID: 7, Action: "task_receive", After: doc(ids[0])},
				{At: at(1), Actor: "张三", AssessmentID: 7, Action: "package_import", After: pkg("P1", "submission")},
				{At: at(2), Actor: "张三", AssessmentID: 7, Action: "task_receive", Before: doc(ids[2]), After: doc(ids[2])},
				{At: at(2), Actor: "张三", AssessmentID: 7, Action: "package_import", After: pkg("P2", "submission")},
				{At: at(3), Actor: "李四", AssessmentID: 7, Action: "task_receive", Before: doc(ids[2]), After: doc(ids[2])},
				{At: at(3), Actor: "王五", AssessmentID: 8, Action: "package_import", After: pkg("P-other", "review")},
				{At: at(4), Actor: "李四", AssessmentID: 7, Action: "package_import", After: pkg("P3", "register")},
			} {
				must(t, db.Create(&a).Error)
			}
			// Back to schema 15: the columns of 16 gone.
			for _, c := range []string{"OriginKind", "OriginUnit", "OriginOperator", "OriginPackage", "OriginAt",
				"ReceivedKind", "ReceivedUnit", "ReceivedOperator", "ReceivedPackage", "ReceivedAt"} {
				must(t, db.Migrator().DropColumn(&taskLinkRow{}, c))
			}
			must(t, db.Migrator().DropColumn(&taskFileRow{}, "OriginalName"))
			must(t, s.transaction(ctx, func(tx *gorm.DB) error { return migrateTaskOrigin(tx) }))
			if !db.Migrator().HasColumn(&taskFileRow{}, "OriginalName") || !db.Migrator().HasColumn(&taskLinkRow{}, "ReceivedAt") {
				t.Fatal("the columns of schema 16 were not added")
			}
			ts, err := s.ListTasks(ctx, domain.TaskFilter{})
			must(t, err)
			got := map[string]domain.Task{}
			for _, x := range ts {
				got[x.Problem] = x
			}
			want := []struct {
				problem          string
				origin, received *domain.TaskOrigin
			}{
				{"收到的", &domain.TaskOrigin{Kind: "submission", Unit: "甲分局", Operator: "张三", Package: "P1", At: at(1)}, nil},
				{"密钥已知的", &domain.TaskOrigin{Unit: "乙分局"}, nil},
				{"这里的，被改过", nil, &domain.TaskOrigin{Kind: "register", Unit: "甲分局", Operator: "李四", Package: "P3", At: at(4)}},
				{"这里的", nil, nil},
			}
			same := func(a, b *domain.TaskOrigin) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
			for _, w := range want {
				x := got[w.problem]
				if !same(x.Origin, w.origin) || !same(x.Received, w.received) {
					t.Errorf("%s: came from %+v, changed by %+v; want %+v, %+v", w.problem, x.Origin, x.Received, w.origin, w.received)
				}
			}
		})
	}
}

// TestMigrateTaskOrigin_FromRelease: the schema-2 release database reaches
// schema 16 and its assessments take closure files that keep their
// original names.
func TestMigrateTaskOrigin_FromRelease(t *testing.T) {
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	s, err := Open(ctx, copyDB(t, "schema2.db"), WithoutBackup())
	must(t, err)
	defer s.Close()
	if v, err := schemaVersion(s.db); err != nil || v < 16 {
		t.Fatalf("schema %d (%v), want 16 or later", v, err)
	}
	as, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	must(t, err)
	if len(as) == 0 {
		t.Fatal("no assessments in the release database")
	}
	ts, err := s.CreateTasks(ctx, []domain.Task{{AssessmentID: as[0].ID, Source: domain.SourceManual, Problem: "台账不全",
		Measure: "补齐", Owner: "张三", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}})
	must(t, err)
	f, err := s.AddTaskFile(ctx, ts[0].ID, `C:\材料\销号|佐证.pdf`, strings.NewReader("%PDF 佐证"))
	must(t, err)
	x, err := s.Task(ctx, ts[0].ID)
	must(t, err)
	if f.Name != "销号_佐证.pdf" || len(x.Files) != 1 || x.Files[0].OriginalName != "销号|佐证.pdf" || x.Origin != nil {
		t.Errorf("closure file %q kept as %+v; origin %+v", f.Name, x.Files, x.Origin)
	}
}
