package storage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestReviewFlow runs the lead's review on both databases: verdicts,
// refusals, the unit's answers untouched, approval blocked by an open
// request, return, a fix, resubmission with what changed, approval, both
// sides locked; every step audited with the role.
func TestReviewFlow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		staff := domain.WithUser(context.Background(), domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}})
		lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}})
		for id, ans := range storagetest.FullAnswers() {
			if _, err := s.SaveAnswer(staff, a.ID, id, ans); err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.AddEvidence(staff, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF-1.4"))
		mustOK(t, err)
		before, err := s.OpenAssessment(ctx, a.ID)
		mustOK(t, err)
		own := before.Result()

		t.Run("BeforeSubmission", func(t *testing.T) {
			_, err := s.SaveReview(lead, a.ID, "A2", domain.Review{Verdict: domain.VerdictAccept})
			wantCode(t, err, domain.EINVALID)
		})
		mustOK(t, s.Submit(staff, a.ID))

		t.Run("Verdicts", func(t *testing.T) {
			_, err := s.SaveReview(staff, a.ID, "A2", domain.Review{Verdict: domain.VerdictAccept})
			wantCode(t, err, domain.EFORBIDDEN)
			_, err = s.SaveReview(lead, a.ID, "A3", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Value: domain.Float(85)}})
			if ps := domain.ErrorProblems(err); domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != domain.ProbReviewReason || ps[0].ItemID != "A3" {
				t.Errorf("adjust without reason: %v %+v", err, ps)
			}
			mustOK(t, second(s.SaveReview(lead, a.ID, "A1", domain.Review{Verdict: domain.VerdictAccept, Comment: "制度齐全"})))
			// A3 by the reviewer's own value: 85 → band 80 → 10 points.
			mustOK(t, second(s.SaveReview(lead, a.ID, "A3", domain.Review{Verdict: domain.VerdictAdjust,
				Answer: &domain.Answer{Value: domain.Float(85)}, Reason: "满意率按抽样核定为 85%"})))
			// B1 by points.
			res, err := s.SaveReview(lead, a.ID, "B1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(15), Reason: "发现一起漏报"})
			mustOK(t, err)
			mustOK(t, second(s.SaveReview(lead, a.ID, "A2", domain.Review{Verdict: domain.VerdictRequest, Request: "请补充台账", Comment: "可附目录"})))
			// Own 90 (A2 部分 10 of 20); reviewed: A3 −10, B1 −5 → raw 75 of 90 → 83.33.
			if it, _ := res.Item("A3"); it.Score != 10 || !it.Reviewed {
				t.Errorf("A3 %+v", it)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			r := ws.ReviewedResult()
			if want := domain.Round2((own.Raw - 15) * 100 / own.ApplicableMax); r.Scaled != want {
				t.Errorf("reviewed scaled %v, want %v", r.Scaled, want)
			}
			if got := ws.Reviews["A3"]; got.Verdict != domain.VerdictAdjust || got.Score == nil || *got.Score != 10 ||
				got.Answer == nil || *got.Answer.Value != 85 || got.Reason != "满意率按抽样核定为 85%" || got.By != "刘审核" || got.At.IsZero() {
				t.Errorf("stored A3 review %+v", got)
			}
			if got := ws.Reviews["A2"]; got.Verdict != domain.VerdictRequest || got.Request != "请补充台账" || got.Comment != "可附目录" {
				t.Errorf("stored A2 review %+v", got)
			}
			if !mapsEqualAnswers(ws.Answers.Answers, before.Answers.Answers) {
				t.Error("the review changed the unit's answers")
			}
			if got := ws.Result(); got.Final != own.Final {
				t.Errorf("the unit's own final moved: %v, want %v", got.Final, own.Final)
			}
			sums, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
			mustOK(t, err)
			if len(sums) != 1 || sums[0].ReviewedFinal != r.Final || sums[0].Final != own.Final {
				t.Errorf("summary %+v, want reviewed %v own %v", sums, r.Final, own.Final)
			}
			// Saving the same again writes nothing.
			n := len(trailOf(t, s, a.ID))
			mustOK(t, second(s.SaveReview(lead, a.ID, "B1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(15), Reason: "发现一起漏报"})))
			if m := len(trailOf(t, s, a.ID)); m != n {
				t.Errorf("a review that changes nothing added %d audit entries", m-n)
			}
		})

		t.Run("UnitCannotTouchTheReview", func(t *testing.T) {
			_, err := s.SaveAnswer(staff, a.ID, "A2", domain.Answer{Level: "全部"})
			wantCode(t, err, domain.ELOCKED)
			_, err = s.SaveAnswer(lead, a.ID, "A2", domain.Answer{Level: "全部"})
			wantCode(t, err, domain.EFORBIDDEN)
		})

		t.Run("AllOrNothing", func(t *testing.T) {
			_, err := s.ImportReviews(lead, a.ID, map[string]domain.Review{
				"A1": {Verdict: domain.VerdictAdjust, Score: domain.Float(0), Reason: "无制度"},
				"A4": {Verdict: domain.VerdictAdjust, Score: domain.Float(99), Reason: "x"},
				"ZZ": {Verdict: domain.VerdictAccept},
			})
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.EINVALID || len(ps) != 2 {
				t.Fatalf("import with two bad items: %v %+v", err, ps)
			}
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if ws.Reviews["A1"].Verdict != domain.VerdictAccept {
				t.Errorf("a refused import changed A1: %+v", ws.Reviews["A1"])
			}
		})

		t.Run("ApproveWithOpenRequest", func(t *testing.T) {
			err := s.Approve(lead, a.ID)
			if ps := domain.ErrorProblems(err); domain.ErrorCode(err) != domain.EBLOCKED || len(ps) != 1 || ps[0].ItemID != "A2" {
				t.Errorf("approve with A2 open: %v %+v", err, ps)
			}
		})

		t.Run("ReturnFixResubmit", func(t *testing.T) {
			mustOK(t, s.Return(lead, a.ID, "A2 请补充台账"))
			_, err := s.SaveReview(lead, a.ID, "A2", domain.Review{Verdict: domain.VerdictAccept})
			wantCode(t, err, domain.EINVALID) // returned: nothing to review
			_, err = s.SaveAnswer(staff, a.ID, "A2", domain.Answer{Level: "全部", Note: "已补充台账"})
			mustOK(t, err)
			ws, err := s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if got := ws.ChangedItems(); !slices.Equal(got, []string{"A2"}) {
				t.Errorf("unit's view: changed %v, want [A2]", got)
			}
			if ws.Reviews["A2"].Request != "请补充台账" {
				t.Errorf("the unit's answer changed the review: %+v", ws.Reviews["A2"])
			}
			mustOK(t, s.Submit(staff, a.ID))
			ws, err = s.OpenAssessment(ctx, a.ID)
			mustOK(t, err)
			if got := ws.ChangedItems(); !slices.Equal(got, []string{"A2"}) || ws.Last == nil || ws.Last.Seq != 2 || ws.Previous.Seq != 1 {
				t.Errorf("reviewer's view: changed %v, last %+v", got, ws.Last)
			}
		})

		t.Run("Approve", func(t *testing.T) {
			mustOK(t, second(s.SaveReview(lead, a.ID, "A2", domain.Review{Verdict: domain.VerdictAccept, Comment: "已补充"})))
			mustOK(t, s.Approve(lead, a.ID))
			_, err := s.SaveReview(lead, a.ID, "A2", domain.Review{Verdict: domain.VerdictAccept})
			wantCode(t, err, domain.ELOCKED)
			_, err = s.SaveAnswer(staff, a.ID, "A2", domain.Answer{Level: "无"})
			wantCode(t, err, domain.ELOCKED)
			es := trailOf(t, s, a.ID)
			var reviews int
			for _, e := range es {
				if e.Action == "review" {
					reviews++
					if e.Actor != "刘审核" || e.Roles != "reviewer" || e.ItemID == "" {
						t.Errorf("review entry %+v", e)
					}
					var doc map[string]any
					if err := json.Unmarshal([]byte(e.After), &doc); err != nil || doc["verdict"] == nil {
						t.Errorf("review entry after %q: %v", e.After, err)
					}
				}
				if e.Action == "approve" && e.Roles != "reviewer" {
					t.Errorf("approve entry %+v", e)
				}
				if e.Action == "submit" && (e.Actor != "王五" || e.Roles != "staff") {
					t.Errorf("submit entry %+v", e)
				}
			}
			if reviews != 5 { // A1, A3, B1, A2 request, A2 accept
				t.Errorf("%d review entries, want 5", reviews)
			}
		})
	})
}

func trailOf(t *testing.T, s *storage.Store, id int64) []domain.AuditEntry {
	t.Helper()
	es, err := s.Audit(ctx, id)
	mustOK(t, err)
	return es
}

func mapsEqualAnswers(a, b map[string]domain.Answer) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// TestMigrateReview opens a copy of a database written before verdicts:
// its reviewed points become adjustments with the comment as reason, its
// comments acceptances, and the reviewed scores stay.
func TestMigrateReview(t *testing.T) {
	data, err := os.ReadFile("testdata/schema2.db")
	if err != nil {
		t.Skip("no schema-2 database:", err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s := storagetest.OpenFile(t, path)
	sums, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	mustOK(t, err)
	var seen int
	for _, sum := range sums {
		ws, err := s.OpenAssessment(ctx, sum.ID)
		mustOK(t, err)
		for id, r := range ws.Reviews {
			seen++
			switch {
			case r.Score != nil && (r.Verdict != domain.VerdictAdjust || r.Comment != ""):
				t.Errorf("%d %s: points without adjust verdict: %+v", sum.ID, id, r)
			case r.Score == nil && r.Verdict != domain.VerdictAccept:
				t.Errorf("%d %s: comment without accept verdict: %+v", sum.ID, id, r)
			}
		}
		if got := ws.ReviewedResult(); got.Final != sum.ReviewedFinal {
			t.Errorf("%d: reviewed final %v after migration, cached %v", sum.ID, got.Final, sum.ReviewedFinal)
		}
	}
	if seen == 0 {
		t.Error("the schema-2 database has no reviews to migrate")
	}
}

// BenchmarkSaveReview saves one review change (alternating points) on a
// submitted assessment and gets the reviewed score. Goal: median < 2 ms.
func BenchmarkSaveReview(b *testing.B) {
	for _, items := range []int{100, 2000} {
		b.Run(fmt.Sprintf("items=%d", items), func(b *testing.B) {
			s := storagetest.Open(b)
			a := submittedBig(b, s, items)
			var ds []time.Duration
			i := 0
			for b.Loop() {
				t0 := time.Now()
				_, err := s.SaveReview(ctx, a.ID, "I1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(float64(i % 5)), Reason: "核减"})
				ds = append(ds, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
			reportMedian(b, ds)
		})
	}
}

// BenchmarkOpenForReview opens a submitted 2,000-item assessment for
// review: workspace, both scores, what changed, the first item's state.
// Goal: < 300 ms.
func BenchmarkOpenForReview(b *testing.B) {
	path := filepath.Join(b.TempDir(), "pingce.db")
	s := storagetest.OpenFile(b, path)
	a := submittedBig(b, s, 2000)
	other := storagetest.OpenFile(b, path) // reads everything from the database
	var ds []time.Duration
	for b.Loop() {
		t0 := time.Now()
		ws, err := other.OpenAssessment(ctx, a.ID)
		if err != nil {
			b.Fatal(err)
		}
		own, rev := ws.Result(), ws.ReviewedResult()
		_ = ws.ChangedItems()
		if _, ok := own.Item("I0"); !ok || rev == nil {
			b.Fatal("no first item")
		}
		ds = append(ds, time.Since(t0))
		_ = other.Close()
		other = storagetest.OpenFile(b, path)
	}
	reportMedian(b, ds)
}

func submittedBig(b *testing.B, s *storage.Store, n int) *domain.Assessment {
	b.Helper()
	a := bigAssessment(b, s, n)
	if err := s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: bigAnswers(n)}); err != nil {
		b.Fatal(err)
	}
	if err := s.Submit(ctx, a.ID); err != nil {
		b.Fatal(err)
	}
	return a
}

// TestEarlierSubmissionBaseline: an assessment submitted before schema 6
// has no recorded submission — nothing counts as changed, and the
// workspace says why (BaseUnrecorded) instead of failing; returned and
// submitted again, its earlier submission becomes the baseline, so the
// reviewer sees exactly the items the unit changed since.
func TestEarlierSubmissionBaseline(t *testing.T) {
	data, err := os.ReadFile("testdata/schema2.db")
	mustOK(t, err)
	path := filepath.Join(t.TempDir(), "old.db")
	mustOK(t, os.WriteFile(path, data, 0o600))
	s := storagetest.OpenFile(t, path)
	sums, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	mustOK(t, err)
	var id int64
	for _, sum := range sums {
		if sum.Status == domain.Submitted {
			id = sum.ID
		}
	}
	if id == 0 {
		t.Fatal("the schema-2 database has no submitted assessment")
	}
	ws, err := s.OpenAssessment(ctx, id)
	mustOK(t, err)
	if ws.Last != nil || ws.ChangeBase() != domain.BaseUnrecorded || len(ws.ChangedItems()) != 0 {
		t.Fatalf("before: last %v, base %d, changed %v", ws.Last, ws.ChangeBase(), ws.ChangedItems())
	}
	mustOK(t, s.Return(ctx, id, "请补充"))
	var changed string
	for _, it := range ws.Catalog.Items() {
		if a, ok := ws.Answers.Answers[it.ID]; ok && a.Note != "" && !it.IsComposite() {
			changed = it.ID
			a.Note += "（已补充）"
			_, err := s.SaveAnswer(ctx, id, it.ID, a)
			mustOK(t, err)
			break
		}
	}
	if changed == "" {
		t.Fatal("no answered item with a note to change")
	}
	mustOK(t, s.Submit(ctx, id))
	ws, err = s.OpenAssessment(ctx, id)
	mustOK(t, err)
	if ws.ChangeBase() != domain.BaseRecorded || ws.Previous == nil || ws.Previous.Seq != 1 || ws.Last.Seq != 2 {
		t.Fatalf("after resubmitting: base %d, submissions %+v / %+v", ws.ChangeBase(), ws.Previous, ws.Last)
	}
	if got := ws.ChangedItems(); len(got) != 1 || got[0] != changed {
		t.Errorf("changed since the earlier submission: %v, want [%s]", got, changed)
	}
}
