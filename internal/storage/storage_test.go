package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

var ctx = domain.WithActor(context.Background(), "tester")

// wantCode fails the test unless err carries the given domain code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fill saves answers one by one.
func fill(t *testing.T, s *storage.Store, id int64, answers map[string]domain.Answer) *domain.Result {
	t.Helper()
	var res *domain.Result
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range answers {
			if !yield(k) {
				return
			}
		}
	}) {
		r, err := s.SaveAnswer(ctx, id, k, answers[k])
		if err != nil {
			t.Fatalf("save %s: %v", k, err)
		}
		res = r
	}
	return res
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "pingce.db")
		s, err := storage.Open(ctx, path)
		mustOK(t, err)
		if s.Dialect() != "sqlite" || s.Path() != path {
			t.Errorf("dialect %q path %q", s.Dialect(), s.Path())
		}
		mustOK(t, s.Close())
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("database file: %v", err)
		}
		// Reopening an up-to-date file migrates nothing and writes no backup.
		s, err = storage.Open(ctx, path)
		mustOK(t, err)
		mustOK(t, s.Close())
		baks, _ := filepath.Glob(path + ".bak-*")
		if len(baks) != 0 {
			t.Errorf("backups %v for an up-to-date file", baks)
		}
	})
	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "junk.db")
		mustOK(t, os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 500), 0o644))
		if s, err := storage.Open(ctx, path); err == nil {
			s.Close()
			t.Fatal("opened a file that is not a database")
		}
	})
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG rules apply on Linux")
	}
	t.Run("XDG", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("XDG_DATA_HOME", dir)
		p, err := storage.DefaultPath()
		mustOK(t, err)
		if want := filepath.Join(dir, "pingce", "pingce.db"); p != want {
			t.Errorf("DefaultPath = %q, want %q", p, want)
		}
	})
	t.Run("Home", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("XDG_DATA_HOME", "")
		t.Setenv("HOME", home)
		p, err := storage.DefaultPath()
		mustOK(t, err)
		if want := filepath.Join(home, ".local", "share", "pingce", "pingce.db"); p != want {
			t.Errorf("DefaultPath = %q, want %q", p, want)
		}
	})
}

func TestUnitService(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		t.Run("CreateUnit", func(t *testing.T) {
			u := &domain.Unit{Name: " 乙区公安分局 ", Type: "分县局", Superior: "某市公安局", Code: "110101"}
			mustOK(t, s.CreateUnit(ctx, u))
			if u.ID == 0 || u.Name != "乙区公安分局" {
				t.Fatalf("created %+v", u)
			}
			got, err := s.FindUnit(ctx, u.ID)
			mustOK(t, err)
			if *got != *u {
				t.Errorf("FindUnit = %+v, want %+v", got, u)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			wantCode(t, s.CreateUnit(ctx, &domain.Unit{Type: "派出所"}), domain.EINVALID)
			wantCode(t, s.CreateUnit(ctx, &domain.Unit{Name: "城关派出所"}), domain.EINVALID)
		})
		t.Run("UpdateUnit", func(t *testing.T) {
			u := &domain.Unit{Name: "甲派出所", Type: "派出所"}
			mustOK(t, s.CreateUnit(ctx, u))
			u.Name = "甲街派出所"
			mustOK(t, s.UpdateUnit(ctx, u))
			got, err := s.FindUnit(ctx, u.ID)
			mustOK(t, err)
			if got.Name != "甲街派出所" {
				t.Errorf("name after update = %q", got.Name)
			}
			wantCode(t, s.UpdateUnit(ctx, &domain.Unit{ID: 9999, Name: "x", Type: "市局"}), domain.ENOTFOUND)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.FindUnit(ctx, 424242)
			wantCode(t, err, domain.ENOTFOUND)
		})
		t.Run("ListUnits", func(t *testing.T) {
			us, err := s.ListUnits(ctx)
			mustOK(t, err)
			var names []string
			for _, u := range us {
				names = append(names, u.Name)
			}
			if !slices.IsSorted(names) || len(names) != 2 {
				t.Errorf("ListUnits names = %v, want 2 sorted", names)
			}
		})
	})
}

func TestCatalogService(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		t.Run("ImportCatalog", func(t *testing.T) {
			info, created, err := s.ImportCatalog(ctx, storagetest.Catalog())
			mustOK(t, err)
			if !created || info.Ref() != "test@1" || info.Items != 8 || info.Total != 100 || len(info.Hash) != 64 {
				t.Errorf("info %+v created %v", info, created)
			}
			again, created, err := s.ImportCatalog(ctx, storagetest.Catalog())
			mustOK(t, err)
			if created || again.Hash != info.Hash {
				t.Errorf("second import: created %v hash %s, want false and %s", created, again.Hash, info.Hash)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			c := storagetest.Catalog()
			c.Title = "改过的标题"
			_, _, err := s.ImportCatalog(ctx, c)
			wantCode(t, err, domain.ECONFLICT)
		})
		t.Run("NewVersionBeside", func(t *testing.T) {
			c := storagetest.Catalog()
			c.Version = "2"
			_, created, err := s.ImportCatalog(ctx, c)
			mustOK(t, err)
			if !created {
				t.Error("version 2 not created")
			}
			list, err := s.ListCatalogs(ctx)
			mustOK(t, err)
			if len(list) != 2 || list[0].Ref() != "test@1" || list[1].Ref() != "test@2" {
				t.Errorf("ListCatalogs = %+v", list)
			}
		})
		t.Run("FindCatalog", func(t *testing.T) {
			got, err := s.FindCatalog(ctx, "test@1")
			mustOK(t, err)
			h1, _, _ := storage.CatalogHash(got)
			h2, _, _ := storage.CatalogHash(storagetest.Catalog())
			if h1 != h2 {
				t.Error("stored catalog differs from the imported one")
			}
			if it := got.Item("X1"); it == nil || !it.Bonus {
				t.Errorf("X1 = %+v, want a bonus item", it)
			}
			_, err = s.FindCatalog(ctx, "test@9")
			wantCode(t, err, domain.ENOTFOUND)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, _, err := s.ImportCatalog(ctx, &domain.Catalog{ID: "x"})
			wantCode(t, err, domain.EINVALID)
		})
	})
}

func TestAssessmentService_CreateAssessment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		t.Run("OK", func(t *testing.T) {
			if a.ID == 0 || a.Status != domain.Draft || a.CreatedBy != "tester" || a.Unit.Name != "某某区公安分局" || a.CreatedAt.IsZero() {
				t.Fatalf("created %+v", a)
			}
			list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
			mustOK(t, err)
			if len(list) != 1 || list[0].Applicable != 6 || list[0].Answered != 0 || list[0].CatalogTitle != "测试指标" || list[0].Total != 100 {
				t.Errorf("list %+v", list)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			b := &domain.Assessment{Unit: a.Unit, Round: a.Round, CatalogID: "test", CatalogVersion: "1"}
			wantCode(t, s.CreateAssessment(ctx, b), domain.ECONFLICT)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			b := &domain.Assessment{Unit: domain.Unit{ID: 999}, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
			wantCode(t, s.CreateAssessment(ctx, b), domain.ENOTFOUND)
			b = &domain.Assessment{Unit: a.Unit, Round: "2026-Q4", CatalogID: "nope", CatalogVersion: "1"}
			wantCode(t, s.CreateAssessment(ctx, b), domain.ENOTFOUND)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			b := &domain.Assessment{Unit: a.Unit, CatalogID: "test", CatalogVersion: "1"}
			wantCode(t, s.CreateAssessment(ctx, b), domain.EINVALID)
		})
		t.Run("Rounds", func(t *testing.T) {
			mustOK(t, s.SaveRound(ctx, domain.Round{Name: "2026-Q3",
				Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)}))
			rs, err := s.ListRounds(ctx)
			mustOK(t, err)
			if len(rs) != 1 || rs[0].Name != "2026-Q3" || rs[0].End.Month() != 9 {
				t.Errorf("rounds %+v", rs)
			}
			wantCode(t, s.SaveRound(ctx, domain.Round{Name: "bad", Start: time.Now(), End: time.Now().Add(-48 * time.Hour)}), domain.EINVALID)
		})
	})
}

func TestAssessmentService_SaveAnswer(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		t.Run("OK", func(t *testing.T) {
			res, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "全部", Note: "见台账"})
			mustOK(t, err)
			if it, _ := res.Item("A2"); it.Score != 20 || res.Answered != 1 {
				t.Errorf("A2 score %v answered %d", it.Score, res.Answered)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if got := ws.Answers.Answers["A2"]; got.Level != "全部" || got.Note != "见台账" {
				t.Errorf("stored answer %+v", got)
			}
			if m := ws.Meta["A2"]; m.By != "tester" || m.At.IsZero() {
				t.Errorf("meta %+v", m)
			}
			list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
			mustOK(t, err)
			if list[0].Answered != 1 || list[0].Final != res.Final || list[0].Grade != res.Grade {
				t.Errorf("summary %+v, result final %v grade %s", list[0], res.Final, res.Grade)
			}
		})
		t.Run("Composite", func(t *testing.T) {
			ans := domain.Answer{Parts: map[string]domain.Answer{"a": {Met: domain.Bool(true)}, "b": {Value: domain.Float(50)}}}
			res, err := s.SaveAnswer(ctx, a.ID, "B3", ans)
			mustOK(t, err)
			if it, _ := res.Item("B3"); it.Score != 7.5 {
				t.Errorf("B3 = %v, want 7.5", it.Score)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if !reflect.DeepEqual(ws.Answers.Answers["B3"], ans) {
				t.Errorf("stored %+v, want %+v", ws.Answers.Answers["B3"], ans)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "差不多"})
			wantCode(t, err, domain.EINVALID)
			if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != domain.ProbUnknownLevel {
				t.Errorf("problems %v", ps)
			}
			_, err = s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Met: domain.Bool(true)})
			wantCode(t, err, domain.EINVALID)
			_, err = s.SaveAnswer(ctx, a.ID, "A3", domain.Answer{NA: true})
			wantCode(t, err, domain.EINVALID)
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if got := ws.Answers.Answers["A2"]; got.Level != "全部" {
				t.Errorf("refused answer changed the stored one: %+v", got)
			}
			if _, ok := ws.Answers.Answers["A3"]; ok {
				t.Error("refused answer to A3 was stored")
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.SaveAnswer(ctx, a.ID, "ZZ9", domain.Answer{Met: domain.Bool(true)})
			wantCode(t, err, domain.ENOTFOUND)
			_, err = s.SaveAnswer(ctx, 987654, "A1", domain.Answer{Met: domain.Bool(true)})
			wantCode(t, err, domain.ENOTFOUND)
		})
		t.Run("Clear", func(t *testing.T) {
			_, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{Met: domain.Bool(true)})
			mustOK(t, err)
			res, err := s.SaveAnswer(ctx, a.ID, "A1", domain.Answer{})
			mustOK(t, err)
			if it, _ := res.Item("A1"); it.Status != domain.StatusUnanswered {
				t.Errorf("A1 status %s after clearing", it.Status)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if _, ok := ws.Answers.Answers["A1"]; ok {
				t.Error("cleared answer still stored")
			}
		})
		t.Run("UnchangedWritesNoAudit", func(t *testing.T) {
			before, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			_, err = s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "全部", Note: "见台账"})
			mustOK(t, err)
			after, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			if len(after) != len(before) {
				t.Errorf("audit grew from %d to %d for an unchanged answer", len(before), len(after))
			}
		})
		t.Run("Audit", func(t *testing.T) {
			es, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			var last domain.AuditEntry
			for _, e := range es {
				if e.Action == "answer" && e.ItemID == "A1" {
					last = e
				}
			}
			if last.Actor != "tester" || !strings.Contains(last.Before, `"met":true`) || last.After != "" {
				t.Errorf("last A1 audit entry %+v", last)
			}
		})
	})
}

func TestAssessmentService_SetVetoes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		t.Run("OK", func(t *testing.T) {
			res, err := s.SetVetoes(ctx, a.ID, []string{"V1", "V1"})
			mustOK(t, err)
			if res.Grade != "不予通过" {
				t.Errorf("grade %q with veto", res.Grade)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if !reflect.DeepEqual(ws.Answers.Vetoes, []string{"V1"}) || !reflect.DeepEqual(ws.Assessment.Vetoes, []string{"V1"}) {
				t.Errorf("vetoes %v / %v", ws.Answers.Vetoes, ws.Assessment.Vetoes)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := s.SetVetoes(ctx, a.ID, []string{"V9"})
			wantCode(t, err, domain.EINVALID)
		})
	})
}

func TestAssessmentService_Submit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		t.Run("ErrBlocked", func(t *testing.T) {
			err := s.Submit(ctx, a.ID)
			wantCode(t, err, domain.EBLOCKED)
			if n := len(domain.ErrorProblems(err)); n != 6 {
				t.Errorf("%d problems, want 6 (every applicable base item): %v", n, domain.ErrorProblems(err))
			}
		})
		t.Run("ErrBlockedEvidence", func(t *testing.T) {
			ans := storagetest.FullAnswers()
			ans["A1"] = domain.Answer{Met: domain.Bool(true)} // no note, no file
			fill(t, s, a.ID, ans)
			err := s.Submit(ctx, a.ID)
			wantCode(t, err, domain.EBLOCKED)
			ps := domain.ErrorProblems(err)
			if len(ps) != 1 || ps[0].Code != domain.ProbNoEvidence || ps[0].ItemID != "A1" {
				t.Errorf("problems %v", ps)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if ws.Assessment.Status != domain.Draft {
				t.Errorf("status %s after a refused submission", ws.Assessment.Status)
			}
		})
		t.Run("OK", func(t *testing.T) {
			_, err := s.AddEvidence(ctx, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF-1.4 ..."))
			mustOK(t, err)
			mustOK(t, s.Submit(ctx, a.ID))
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if ws.Assessment.Status != domain.Submitted || ws.Assessment.SubmittedBy != "tester" || ws.Assessment.SubmittedAt.IsZero() {
				t.Errorf("after submit %+v", ws.Assessment)
			}
		})
		t.Run("ErrLocked", func(t *testing.T) {
			wantCode(t, s.Submit(ctx, a.ID), domain.ELOCKED)
			_, err := s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "全部"})
			wantCode(t, err, domain.ELOCKED)
			_, err = s.SetVetoes(ctx, a.ID, nil)
			wantCode(t, err, domain.ELOCKED)
			_, err = s.AddEvidence(ctx, a.ID, "A2", "x.txt", strings.NewReader("x"))
			wantCode(t, err, domain.ELOCKED)
			evs, err := s.ListEvidence(ctx, a.ID, "A1")
			mustOK(t, err)
			wantCode(t, s.RemoveEvidence(ctx, evs[0].ID), domain.ELOCKED)
			wantCode(t, s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{}), domain.ELOCKED)
			wantCode(t, s.DeleteAssessment(ctx, a.ID), domain.ELOCKED)
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if ws.Answers.Answers["A2"].Level != "部分" || len(ws.Evidence["A1"]) != 1 {
				t.Error("a locked assessment changed")
			}
		})
	})
}

func TestAssessmentService_ReturnApprove(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		fill(t, s, a.ID, storagetest.FullAnswers())
		t.Run("ErrInvalidDraft", func(t *testing.T) {
			wantCode(t, s.Return(ctx, a.ID, "补材料"), domain.EINVALID)
			wantCode(t, s.Approve(ctx, a.ID), domain.EINVALID)
			_, err := s.SaveReview(ctx, a.ID, "A2", domain.Review{Score: domain.Float(5)})
			wantCode(t, err, domain.EINVALID)
		})
		mustOK(t, s.Submit(ctx, a.ID))
		t.Run("ErrInvalidNoReason", func(t *testing.T) {
			wantCode(t, s.Return(ctx, a.ID, "  "), domain.EINVALID)
		})
		t.Run("Return", func(t *testing.T) {
			mustOK(t, s.Return(ctx, a.ID, "A2 台账不全"))
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if ws.Assessment.Status != domain.Returned || ws.Assessment.ReturnReason != "A2 台账不全" || ws.Assessment.ReturnedBy != "tester" {
				t.Errorf("after return %+v", ws.Assessment)
			}
			_, err = s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "全部"})
			mustOK(t, err)
			mustOK(t, s.Submit(ctx, a.ID))
		})
		t.Run("SaveReview", func(t *testing.T) {
			res, err := s.SaveReview(ctx, a.ID, "A2", domain.Review{Score: domain.Float(10), Comment: "部分台账缺失"})
			mustOK(t, err)
			if it, _ := res.Item("A2"); it.Score != 10 || !it.Reviewed {
				t.Errorf("reviewed A2 = %+v", it)
			}
			_, err = s.SaveReview(ctx, a.ID, "A2", domain.Review{Score: domain.Float(25)})
			wantCode(t, err, domain.EINVALID)
			_, err = s.SaveReview(ctx, a.ID, "B2", domain.Review{Comment: "不适用"})
			mustOK(t, err)
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if r := ws.Reviews["A2"]; r.Score == nil || *r.Score != 10 || r.Comment != "部分台账缺失" || r.By != "tester" {
				t.Errorf("review %+v", r)
			}
			if ws.Reviews["B2"].Comment != "不适用" {
				t.Errorf("review of unanswered B2: %+v", ws.Reviews["B2"])
			}
			if ws.Answers.Answers["A2"].Level != "全部" {
				t.Error("the review changed the unit's answer")
			}
			if got := ws.ReviewedResult().Final; got != res.Final {
				t.Errorf("reviewed final %v, want %v", got, res.Final)
			}
		})
		t.Run("Approve", func(t *testing.T) {
			mustOK(t, s.Approve(ctx, a.ID))
			_, err := s.SaveReview(ctx, a.ID, "A2", domain.Review{Score: domain.Float(5)})
			wantCode(t, err, domain.ELOCKED)
			_, err = s.SaveAnswer(ctx, a.ID, "A2", domain.Answer{Level: "无"})
			wantCode(t, err, domain.ELOCKED)
			wantCode(t, s.Return(ctx, a.ID, "再看看"), domain.EINVALID)
			es, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			var actions []string
			for _, e := range es {
				if e.Action != "answer" {
					actions = append(actions, e.Action)
				}
			}
			want := []string{"create", "submit", "return", "submit", "review", "review", "approve"}
			if !reflect.DeepEqual(actions, want) {
				t.Errorf("audit actions %v, want %v", actions, want)
			}
		})
	})
}

func TestAssessmentService_ImportExport(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		t.Run("ImportAnswers", func(t *testing.T) {
			_, err := s.SaveAnswer(ctx, a.ID, "X1", domain.Answer{Count: domain.Int(1)})
			mustOK(t, err)
			set := &domain.AnswerSet{Catalog: "test@1", Answers: storagetest.FullAnswers(), Vetoes: []string{"V1"}}
			mustOK(t, s.ImportAnswers(ctx, a.ID, set))
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if !reflect.DeepEqual(ws.Answers.Answers, storagetest.FullAnswers()) {
				t.Errorf("imported %+v", ws.Answers.Answers)
			}
			if !reflect.DeepEqual(ws.Answers.Vetoes, []string{"V1"}) {
				t.Errorf("vetoes %v", ws.Answers.Vetoes)
			}
			list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
			mustOK(t, err)
			if list[0].Answered != 6 || list[0].Grade != "不予通过" {
				t.Errorf("summary after import %+v", list[0])
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			before, err := s.ExportAnswers(ctx, a.ID)
			mustOK(t, err)
			bad := &domain.AnswerSet{Catalog: "test@1", Answers: map[string]domain.Answer{
				"A1": {Met: domain.Bool(false)},
				"A2": {Level: "没有这个"},
				"Q7": {Met: domain.Bool(true)},
			}}
			err = s.ImportAnswers(ctx, a.ID, bad)
			wantCode(t, err, domain.EINVALID)
			if n := len(domain.ErrorProblems(err)); n != 2 {
				t.Errorf("%d problems, want 2: %v", n, domain.ErrorProblems(err))
			}
			wantCode(t, s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Catalog: "other@1"}), domain.EINVALID)
			after, err := s.ExportAnswers(ctx, a.ID)
			mustOK(t, err)
			if !reflect.DeepEqual(before, after) {
				t.Error("a refused import changed the answers")
			}
		})
		t.Run("ExportAnswers", func(t *testing.T) {
			_, err := s.AddEvidence(ctx, a.ID, "A2", "台账.xlsx", strings.NewReader("PK..."))
			mustOK(t, err)
			set, err := s.ExportAnswers(ctx, a.ID)
			mustOK(t, err)
			if set.Catalog != "test@1" || set.Round != "2026-Q3" || set.Unit.Name != "某某区公安分局" || set.Unit.Type != "分县局" {
				t.Errorf("header %+v", set)
			}
			if !reflect.DeepEqual(set.Answers["A2"].Evidence, []string{"台账.xlsx"}) {
				t.Errorf("A2 evidence %v", set.Answers["A2"].Evidence)
			}
			if set.Answers["A2"].Level != "部分" {
				t.Errorf("A2 %+v", set.Answers["A2"])
			}
		})
	})
}

func TestAssessmentService_ListAssessments(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		u2 := &domain.Unit{Name: "城关派出所", Type: "派出所"}
		mustOK(t, s.CreateUnit(ctx, u2))
		b := &domain.Assessment{Unit: *u2, Round: "2026-Q4", CatalogID: "test", CatalogVersion: "1"}
		mustOK(t, s.CreateAssessment(ctx, b))
		for _, tc := range []struct {
			name string
			f    domain.AssessmentFilter
			want []int64
		}{
			{"All", domain.AssessmentFilter{}, []int64{b.ID, a.ID}},
			{"Unit", domain.AssessmentFilter{UnitID: &u2.ID}, []int64{b.ID}},
			{"Round", domain.AssessmentFilter{Round: "2026-Q3"}, []int64{a.ID}},
			{"Status", domain.AssessmentFilter{Status: domain.Submitted}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				list, err := s.ListAssessments(ctx, tc.f)
				mustOK(t, err)
				var ids []int64
				for _, l := range list {
					ids = append(ids, l.ID)
				}
				if !reflect.DeepEqual(ids, tc.want) {
					t.Errorf("ids %v, want %v", ids, tc.want)
				}
			})
		}
		t.Run("UnitTypeApplies", func(t *testing.T) {
			list, err := s.ListAssessments(ctx, domain.AssessmentFilter{UnitID: &u2.ID})
			mustOK(t, err)
			if list[0].Applicable != 7 { // B2 applies to 派出所
				t.Errorf("applicable %d, want 7", list[0].Applicable)
			}
		})
	})
}

func TestAssessmentService_DeleteAssessment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		fill(t, s, a.ID, storagetest.FullAnswers())
		ev, err := s.AddEvidence(ctx, a.ID, "A1", "a.txt", strings.NewReader("content"))
		mustOK(t, err)
		t.Run("OK", func(t *testing.T) {
			mustOK(t, s.DeleteAssessment(ctx, a.ID))
			_, err := s.OpenAssessment(ctx, a.ID)
			wantCode(t, err, domain.ENOTFOUND)
			_, err = s.EvidenceContent(ctx, ev.ID)
			wantCode(t, err, domain.ENOTFOUND)
			es, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			if es[len(es)-1].Action != "delete" {
				t.Errorf("last audit action %q", es[len(es)-1].Action)
			}
			probs, err := s.Check(ctx)
			mustOK(t, err)
			if len(probs) != 0 {
				t.Errorf("check after delete: %v", probs)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			wantCode(t, s.DeleteAssessment(ctx, a.ID), domain.ENOTFOUND)
		})
	})
}

func TestEvidenceService(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		content := []byte("会议纪要：\n" + strings.Repeat("内容", 1000))
		var first, second *domain.Evidence
		t.Run("AddEvidence", func(t *testing.T) {
			var err error
			first, err = s.AddEvidence(ctx, a.ID, "A1", `C:\材料\会议纪要.txt`, bytes.NewReader(content))
			mustOK(t, err)
			if first.Name != "会议纪要.txt" || first.Size != int64(len(content)) || len(first.SHA256) != 64 ||
				!strings.HasPrefix(first.MediaType, "text/plain") || first.AddedBy != "tester" {
				t.Errorf("evidence %+v", first)
			}
			second, err = s.AddEvidence(ctx, a.ID, "A2", "copy.txt", bytes.NewReader(content))
			mustOK(t, err)
			if second.SHA256 != first.SHA256 || second.ID == first.ID {
				t.Errorf("second attachment %+v", second)
			}
		})
		t.Run("EvidenceContent", func(t *testing.T) {
			got, err := s.EvidenceContent(ctx, second.ID)
			mustOK(t, err)
			if !bytes.Equal(got, content) {
				t.Error("content differs")
			}
			_, err = s.EvidenceContent(ctx, 99999)
			wantCode(t, err, domain.ENOTFOUND)
		})
		t.Run("ListEvidence", func(t *testing.T) {
			all, err := s.ListEvidence(ctx, a.ID, "")
			mustOK(t, err)
			one, err := s.ListEvidence(ctx, a.ID, "A2")
			mustOK(t, err)
			if len(all) != 2 || len(one) != 1 || one[0].ID != second.ID {
				t.Errorf("all %d, A2 %+v", len(all), one)
			}
		})
		t.Run("RemoveEvidence", func(t *testing.T) {
			mustOK(t, s.RemoveEvidence(ctx, first.ID))
			got, err := s.EvidenceContent(ctx, second.ID) // shared content stays
			mustOK(t, err)
			if !bytes.Equal(got, content) {
				t.Error("shared content lost")
			}
			mustOK(t, s.RemoveEvidence(ctx, second.ID))
			wantCode(t, s.RemoveEvidence(ctx, second.ID), domain.ENOTFOUND)
			probs, err := s.Check(ctx)
			mustOK(t, err)
			if len(probs) != 0 {
				t.Errorf("check: %v", probs)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.AddEvidence(ctx, a.ID, "NOPE", "x.txt", strings.NewReader("x"))
			wantCode(t, err, domain.ENOTFOUND)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := s.AddEvidence(ctx, a.ID, "A1", "", strings.NewReader("x"))
			wantCode(t, err, domain.EINVALID)
		})
	})
}

func TestEvidenceService_ErrTooLarge(t *testing.T) {
	s := storagetest.Open(t, storage.WithMaxEvidenceSize(1000))
	a := storagetest.Fixture(t, s)
	_, err := s.AddEvidence(ctx, a.ID, "A1", "big.bin", bytes.NewReader(make([]byte, 1001)))
	wantCode(t, err, domain.ETOOLARGE)
	if !strings.Contains(domain.ErrorMessage(err), "big.bin") {
		t.Errorf("message %q does not name the file", domain.ErrorMessage(err))
	}
	_, err = s.AddEvidence(ctx, a.ID, "A1", "ok.bin", bytes.NewReader(make([]byte, 1000)))
	mustOK(t, err)
	evs, err := s.ListEvidence(ctx, a.ID, "")
	mustOK(t, err)
	if len(evs) != 1 || evs[0].Name != "ok.bin" {
		t.Errorf("evidence %+v", evs)
	}
}

func TestWorkspaceJSON(t *testing.T) {
	// The score of an opened workspace encodes as the contract's JSON.
	s := storagetest.Open(t)
	a := storagetest.Fixture(t, s)
	fill(t, s, a.ID, storagetest.FullAnswers())
	ws, err := s.OpenAssessment(ctx, a.ID)
	mustOK(t, err)
	b, err := json.Marshal(ws.Result())
	mustOK(t, err)
	if !strings.Contains(string(b), `"answered":6`) {
		t.Errorf("score JSON %s", b)
	}
}

// TestAnswerCache interleaves saves from two stores on one file: each must
// see the other's answers, however it caches its own.
func TestAnswerCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pingce.db")
	s1 := storagetest.OpenFile(t, path)
	a := storagetest.Fixture(t, s1)
	s2 := storagetest.OpenFile(t, path)
	steps := []struct {
		s    *storage.Store
		item string
		ans  domain.Answer
	}{
		{s1, "A2", domain.Answer{Level: "全部"}},
		{s1, "A3", domain.Answer{Value: domain.Float(95)}},
		{s2, "B1", domain.Answer{Count: domain.Int(1)}},
		{s1, "A1", domain.Answer{Met: domain.Bool(true)}},
		{s2, "A2", domain.Answer{Level: "无"}},
		{s1, "X1", domain.Answer{Count: domain.Int(1)}},
	}
	var res *domain.Result
	for i, st := range steps {
		for _, s := range []*storage.Store{s1, s2} { // reading fills the cache too
			_, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
		}
		r, err := st.s.SaveAnswer(ctx, a.ID, st.item, st.ans)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		res = r
	}
	if res.Answered != 4 {
		t.Errorf("answered %d after the last save, want 4 (A1, A2, A3, B1)", res.Answered)
	}
	if it, _ := res.Item("A2"); it.Score != 0 {
		t.Errorf("A2 scores %v: the other store's 无 was not seen", it.Score)
	}
	for _, s := range []*storage.Store{s1, s2} {
		ws, err := s.OpenAssessment(ctx, a.ID)
		mustOK(t, err)
		if len(ws.Answers.Answers) != 5 || ws.Answers.Answers["A2"].Level != "无" {
			t.Errorf("answers %+v", ws.Answers.Answers)
		}
	}
}

// TestAssessmentService_ConcurrentSaves saves from several goroutines at
// once: no answer and no count in the cached summary may be lost.
func TestAssessmentService_ConcurrentSaves(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		answers := storagetest.FullAnswers()
		errs := make(chan error, len(answers)*3)
		var wg sync.WaitGroup
		for item, ans := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 3; i++ {
					a2 := ans
					a2.Note = fmt.Sprintf("第%d次", i)
					if _, err := s.SaveAnswer(ctx, a.ID, item, a2); err != nil {
						errs <- fmt.Errorf("%s: %w", item, err)
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
		mustOK(t, err)
		ws, err := s.OpenAssessment(ctx, a.ID)
		mustOK(t, err)
		if len(ws.Answers.Answers) != len(answers) || list[0].Answered != len(answers) || list[0].Final != ws.Result().Final {
			t.Errorf("%d answers stored, summary answered %d final %v, want %d and %v",
				len(ws.Answers.Answers), list[0].Answered, list[0].Final, len(answers), ws.Result().Final)
		}
	})
}

func TestIsPostgres(t *testing.T) {
	for _, tc := range []struct {
		dsn  string
		want bool
	}{
		{"postgres://u:p@h/db", true},
		{"postgresql://h/db?sslmode=disable", true},
		{"host=db1 dbname=pingce user=pingce", true},
		{"", false},
		{"pingce.db", false},
		{`C:\Users\张三\AppData\Roaming\pingce\pingce.db`, false},
		{"host=.db", false},
	} {
		t.Run(tc.dsn, func(t *testing.T) {
			if got := storage.IsPostgres(tc.dsn); got != tc.want {
				t.Errorf("IsPostgres(%q) = %v, want %v", tc.dsn, got, tc.want)
			}
		})
	}
}
