package storage_test

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestRules checks that storage asks the domain: the context's user and
// their roles decide what they may change, the workflow records who did
// each step, and refused writes carry the domain's codes with Args.
func TestRules(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		staff := domain.WithUser(context.Background(), domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}})
		other := domain.WithUser(context.Background(), domain.User{Name: "外单位", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleStaff}})
		reviewer := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}})
		nobody := context.Background()

		t.Run("Forbidden", func(t *testing.T) {
			for name, err := range map[string]error{
				"no user answers":      second(s.SaveAnswer(nobody, a.ID, "A1", domain.Answer{Met: domain.Bool(true)})),
				"other unit answers":   second(s.SaveAnswer(other, a.ID, "A1", domain.Answer{Met: domain.Bool(true)})),
				"reviewer answers":     second(s.SaveAnswer(reviewer, a.ID, "A1", domain.Answer{Met: domain.Bool(true)})),
				"reviewer vetoes":      second(s.SetVetoes(reviewer, a.ID, []string{"V1"})),
				"reviewer evidence":    second(s.AddEvidence(reviewer, a.ID, "A1", "a.txt", strings.NewReader("x"))),
				"other unit submits":   s.Submit(other, a.ID),
				"staff deletes other":  s.DeleteAssessment(other, a.ID),
				"staff saves a round":  s.SaveRound(staff, domain.Round{Name: "2027-Q1"}),
				"staff imports":        third(s.ImportCatalog(staff, storagetest.BigCatalog(3))),
				"staff creates for X":  s.CreateAssessment(other, &domain.Assessment{Unit: a.Unit, Round: "R9", CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}),
				"no user imports":      third(s.ImportCatalog(nobody, storagetest.BigCatalog(4))),
				"staff creates a unit": s.CreateUnit(staff, &domain.Unit{Name: "新单位", Type: "派出所"}),
				"staff changes a unit": s.UpdateUnit(staff, &domain.Unit{ID: a.Unit.ID, Name: "改名", Type: "分县局"}),
				"reviewer creates one": s.CreateAssessment(reviewer, &domain.Assessment{Unit: a.Unit, Round: "R9", CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}),
			} {
				t.Run(name, func(t *testing.T) { wantCode(t, err, domain.EFORBIDDEN) })
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if len(ws.Answers.Answers) != 0 || len(ws.Answers.Vetoes) != 0 || len(ws.Evidence) != 0 {
				t.Errorf("a refused write changed the assessment: %+v", ws.Answers)
			}
		})
		t.Run("Workflow", func(t *testing.T) {
			fill(t, s, a.ID, storagetest.FullAnswers())
			wantCode(t, s.Submit(reviewer, a.ID), domain.EFORBIDDEN)
			mustOK(t, s.Submit(staff, a.ID))
			wantCode(t, s.Approve(staff, a.ID), domain.EFORBIDDEN)
			_, err := s.SaveReview(staff, a.ID, "A2", domain.Review{Score: domain.Float(5)})
			wantCode(t, err, domain.EFORBIDDEN)

			_, err = s.SaveReview(reviewer, a.ID, "A2", domain.Review{Score: domain.Float(25)})
			wantCode(t, err, domain.EINVALID)
			ps := domain.ErrorProblems(err)
			if len(ps) != 1 || ps[0].Code != domain.ProbReviewPoints || ps[0].ItemID != "A2" || ps[0].Args["max"] != "20" || ps[0].Args["value"] != "25" {
				t.Errorf("out-of-range review problems %+v", ps)
			}
			err = s.Return(reviewer, a.ID, " ")
			if ps := domain.ErrorProblems(err); domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != domain.ProbReturnReason {
				t.Errorf("return without reason: %v %v", err, ps)
			}
			mustOK(t, s.Return(reviewer, a.ID, "补充材料"))
			mustOK(t, s.Submit(staff, a.ID))
			_, err = s.SaveReview(reviewer, a.ID, "A2", domain.Review{Score: domain.Float(10)})
			mustOK(t, err)
			mustOK(t, s.Approve(reviewer, a.ID))
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			got := ws.Assessment
			if got.Status != domain.Approved || got.SubmittedBy != "王五" || got.ReturnedBy != "刘审核" ||
				got.ReturnReason != "补充材料" || got.ApprovedBy != "刘审核" || ws.Reviews["A2"].By != "刘审核" {
				t.Errorf("who: %+v, review %+v", got, ws.Reviews["A2"])
			}
		})
		t.Run("Problems", func(t *testing.T) {
			b := &domain.Assessment{Unit: a.Unit, Round: "R2", CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}
			mustOK(t, s.CreateAssessment(staff, b))
			_, err := s.SetVetoes(staff, b.ID, []string{"V1", "V9"})
			if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != domain.ProbUnknownVeto || ps[0].Args["veto"] != "V9" {
				t.Errorf("unknown veto problems %+v (%v)", ps, err)
			}
			_, err = s.SaveAnswer(staff, b.ID, "A1", domain.Answer{Met: domain.Bool(true), Note: "a\x00b"})
			if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != domain.ProbBadText || ps[0].Args["field"] != "note" {
				t.Errorf("bad text problems %+v (%v)", ps, err)
			}
			err = s.SaveRound(ctx, domain.Round{Name: "2026\nQ4"})
			if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != domain.ProbNameChars {
				t.Errorf("round name problems %+v (%v)", ps, err)
			}
		})
		t.Run("CatalogChecked", func(t *testing.T) {
			c := storagetest.BigCatalog(2)
			c.Total++ // the items no longer add up
			c.Categories[0].Items[1].ID = c.Categories[0].Items[0].ID
			_, _, err := s.ImportCatalog(ctx, c)
			wantCode(t, err, domain.EINVALID)
			codes := map[string]bool{}
			for _, p := range domain.ErrorProblems(err) {
				codes[p.Code] = true
			}
			if !codes[domain.ProbTotal] || !codes[domain.ProbIDTwice] {
				t.Errorf("problems %v", domain.ErrorProblems(err))
			}
			if _, err := s.FindCatalog(ctx, c.Ref()); domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("the refused catalog was stored: %v", err)
			}
		})
	})
}

func second[T any](_ T, err error) error { return err }

func third[A, B any](_ A, _ B, err error) error { return err }
