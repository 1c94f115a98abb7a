package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

const migV1 = `format: pingce/catalog@1
id: mig
version: "1"
title: 迁移目录
total: 40
grades: [{min: 0, grade: 合格}]
vetoes: [{id: V1, title: 弄虚作假}]
categories:
  - id: A
    title: 甲类
    items:
      - {id: A1, title: 领导小组, max: 10, method: check}
      - id: A2
        title: 制度
        max: 10
        method: levels
        levels: [{label: 好, points: 10}, {label: 中, points: 5}, {label: 差, points: 0}]
      - {id: A3, title: 取消项, max: 10, method: check}
      - {id: B1, title: 宣传, max: 10, method: deduct, per: 1}
`

const migV2 = `format: pingce/catalog@1
id: mig
version: "2"
title: 迁移目录
total: 45
grades: [{min: 0, grade: 合格}]
categories:
  - id: A
    title: 甲类
    items:
      - {id: A1, title: 成立领导小组, max: 10, method: check}
      - id: A2
        title: 制度
        max: 10
        method: levels
        levels: [{label: 好, points: 10}, {label: 较好, points: 7}, {label: 差, points: 0}]
      - {id: B1, title: 宣传, max: 10, method: check}
      - {id: A8, title: 新增项, max: 15, method: check}
`

func TestStore_MigrateAssessment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		ctx := domain.WithUser(context.Background(), domain.User{Name: "管理员", Roles: domain.Roles})
		for _, src := range []string{migV1, migV2} {
			c, err := catalog.Parse("mig.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.ImportCatalog(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		u := &domain.Unit{Name: "东城区公安分局", Type: "分县局"}
		if err := s.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		old := &domain.Assessment{Unit: domain.Unit{ID: u.ID}, Round: "2026-Q3", CatalogID: "mig", CatalogVersion: "1"}
		if err := s.CreateAssessment(ctx, old); err != nil {
			t.Fatal(err)
		}
		two := 2
		for id, a := range map[string]domain.Answer{
			"A1": {Met: domain.Bool(true), Note: "已成立"},
			"A2": {Level: "中", Note: "在修订"},
			"A3": {Met: domain.Bool(true)},
			"B1": {Count: &two, Note: "少两次", Flagged: true},
		} {
			if _, err := s.SaveAnswer(ctx, old.ID, id, a); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
		}
		if _, err := s.SetVetoes(ctx, old.ID, []string{"V1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEvidence(ctx, old.ID, "B1", "记录.jpg", strings.NewReader("jpeg")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEvidence(ctx, old.ID, "A3", "旧.pdf", strings.NewReader("pdf")); err != nil {
			t.Fatal(err)
		}
		before, err := s.OpenAssessment(ctx, old.ID)
		if err != nil {
			t.Fatal(err)
		}

		na, plan, err := s.MigrateAssessment(ctx, old.ID, "mig@2")
		if err != nil {
			t.Fatal(err)
		}
		if na.CatalogRef() != "mig@2" || na.Status != domain.Draft || na.Round != "2026-Q3" || na.Unit.ID != u.ID {
			t.Fatalf("new draft %+v", na)
		}
		if !slices.Equal(plan.NeedsAnswer, []string{"A2", "B1", "A8"}) || !slices.Equal(plan.Dropped, []string{"A3"}) {
			t.Errorf("needs %v dropped %v", plan.NeedsAnswer, plan.Dropped)
		}
		ws, err := s.OpenAssessment(ctx, na.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ws.CatalogChanged, []string{"A2", "B1", "A8"}) {
			t.Errorf("changed items %v", ws.CatalogChanged)
		}
		got := ws.Answers.Answers
		if a := got["A1"]; a.Met == nil || !*a.Met || a.Note != "已成立" {
			t.Errorf("A1 %+v", a)
		}
		if a := got["A2"]; a.Level != "" || a.Note != "在修订" {
			t.Errorf("A2 %+v: note only", a)
		}
		if a := got["B1"]; a.Count != nil || a.Met != nil || a.Note != "少两次" || !a.Flagged {
			t.Errorf("B1 %+v: note and flag only", a)
		}
		if len(ws.Answers.Vetoes) != 0 {
			t.Errorf("vetoes %v: V1 is gone in version 2", ws.Answers.Vetoes)
		}
		evs, err := s.ListEvidence(ctx, na.ID, "")
		if err != nil || len(evs) != 1 || evs[0].ItemID != "B1" || evs[0].Name != "记录.jpg" {
			t.Errorf("evidence of the new draft %+v %v", evs, err)
		} else if data, err := s.EvidenceContent(ctx, evs[0].ID); err != nil || string(data) != "jpeg" {
			t.Errorf("evidence content %q %v", data, err)
		}
		// Answering a changed item takes its mark off.
		if _, err := s.SaveAnswer(ctx, na.ID, "B1", domain.Answer{Met: domain.Bool(true), Note: "少两次"}); err != nil {
			t.Fatal(err)
		}
		if ws2, err := s.OpenAssessment(ctx, na.ID); err != nil || !slices.Equal(ws2.CatalogChanged, []string{"A2", "A8"}) {
			t.Errorf("changed after answering B1: %v %v", ws2.CatalogChanged, err)
		}
		// The old assessment is kept exactly as it was.
		after, err := s.OpenAssessment(ctx, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Assessment.Status != before.Assessment.Status || len(after.Answers.Answers) != len(before.Answers.Answers) ||
			after.Answers.Answers["A2"].Level != "中" || !slices.Equal(after.Answers.Vetoes, []string{"V1"}) {
			t.Errorf("the old assessment changed: %+v", after.Answers)
		}
		links, err := s.Migrations(ctx, old.ID)
		if err != nil || len(links) != 1 || links[0].To != na.ID || links[0].FromCatalog != "mig@1" || !slices.Equal(links[0].NeedsAnswer, []string{"A2", "B1", "A8"}) {
			t.Errorf("links %+v %v", links, err)
		}
		for _, id := range []int64{old.ID, na.ID} {
			es, err := s.Audit(ctx, id)
			i := slices.IndexFunc(es, func(e domain.AuditEntry) bool { return strings.HasPrefix(e.Action, "migrate_") })
			if err != nil || i < 0 || !strings.Contains(es[i].After, `"to_catalog":"mig@2"`) {
				t.Errorf("audit of %d: %+v %v", id, es, err)
			}
		}
		for _, tc := range []struct {
			name, to string
			ctx      context.Context
			code     string
		}{
			{"twice", "mig@2", ctx, domain.ECONFLICT},
			{"the same version", "mig@1", ctx, domain.EINVALID},
			{"no version", "mig", ctx, domain.EINVALID},
			{"unknown catalog", "mig@9", ctx, domain.ENOTFOUND},
			{"a reviewer", "mig@2", domain.WithUser(context.Background(), domain.User{Name: "审核员", Roles: []domain.Role{domain.RoleReviewer}}), domain.EFORBIDDEN},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, _, err := s.MigrateAssessment(tc.ctx, old.ID, tc.to); domain.ErrorCode(err) != tc.code {
					t.Fatalf("err %v, want %s", err, tc.code)
				}
			})
		}
	})
}
