package review

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// bigSubmission stores a submitted assessment of BigCatalog(n).
func bigSubmission(tb testing.TB, st *storage.Store, n int) int64 {
	tb.Helper()
	ctx := domain.WithActor(context.Background(), "t")
	cat := storagetest.BigCatalog(n)
	if _, _, err := st.ImportCatalog(ctx, cat); err != nil {
		tb.Fatal(err)
	}
	u := &domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	if err := st.CreateUnit(ctx, u); err != nil {
		tb.Fatal(err)
	}
	a := &domain.Assessment{Unit: *u, Round: "2026-Q3", CatalogID: cat.ID, CatalogVersion: cat.Version}
	if err := st.CreateAssessment(ctx, a); err != nil {
		tb.Fatal(err)
	}
	ans := map[string]domain.Answer{}
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			ans[fmt.Sprintf("I%d", i)] = domain.Answer{Met: domain.Bool(true)}
		} else {
			ans[fmt.Sprintf("I%d", i)] = domain.Answer{Level: "中"}
		}
	}
	if err := st.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: ans}); err != nil {
		tb.Fatal(err)
	}
	if err := st.Submit(ctx, a.ID); err != nil {
		tb.Fatal(err)
	}
	return a.ID
}

// BenchmarkOpenReview2000 opens a submitted 2,000-item assessment for
// review from another store on the file (every row read from the
// database) and builds the review screen with its first item shown.
// Goal: under 300 ms.
func BenchmarkOpenReview2000(b *testing.B) {
	path := b.TempDir() + "/p.db"
	st := storagetest.OpenFile(b, path)
	id := bigSubmission(b, st, 2000)
	w := test.NewTempWindow(b, nil)
	ctx := domain.WithActor(context.Background(), "审核")
	for b.Loop() {
		b.StopTimer()
		other := storagetest.OpenFile(b, path)
		b.StartTimer()
		ws, err := other.OpenAssessment(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		s := New(Deps{Window: w, Tasks: &kit.Tasks{}, Assessments: other, Reviews: other}, ws)
		w.SetContent(s.Content())
		if s.cur != "I0" {
			b.Fatalf("first item %q", s.cur)
		}
		b.StopTimer()
		s.Close()
		_ = other.Close()
		b.StartTimer()
	}
}

// TestShot writes a picture of the review screen when PINGCE_REVIEW_SHOT
// names a file, to look at it as a user would.
func TestShot(t *testing.T) {
	out := os.Getenv("PINGCE_REVIEW_SHOT")
	if out == "" {
		t.Skip("PINGCE_REVIEW_SHOT not set")
	}
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	f := newFlow(t)
	if _, err := f.st.SaveReview(f.lead, f.id, "A1", domain.Review{Verdict: domain.VerdictAccept}); err != nil {
		t.Fatal(err)
	}
	s := f.open()
	f.deps.Window.Resize(fyne.NewSize(1200, 760))
	s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust))
	s.reason.SetText("台账缺两个月")
	if os.Getenv("PINGCE_REVIEW_SHOT_SUMMARY") != "" {
		if _, err := f.st.SaveReview(f.lead, f.id, "A2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(5), Reason: "台账缺两个月"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.SaveReview(f.lead, f.id, "A3", domain.Review{Verdict: domain.VerdictRequest, Request: "请补充调查原始表"}); err != nil {
			t.Fatal(err)
		}
		s = f.open()
		s.ShowSummary()
	}
	img := f.deps.Window.Canvas().Capture()
	file, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if err := png.Encode(file, img); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReviewChange2000 is what one change in the review box costs the
// UI goroutine on a 2,000-item submission: the review checked as the
// domain would, queued for the autosave, both scores and the tree redone
// (the store itself runs in the background: storage's BenchmarkSaveReview).
func BenchmarkReviewChange2000(b *testing.B) {
	st := storagetest.OpenFile(b, b.TempDir()+"/p.db")
	id := bigSubmission(b, st, 2000)
	ctx := domain.WithActor(context.Background(), "审核")
	ws, err := st.OpenAssessment(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, nil)
	s := New(Deps{Window: w, Tasks: &kit.Tasks{}, Assessments: st, Reviews: st}, ws)
	s.saves.Delay, s.saves.MaxWait = time.Hour, time.Hour // the store is not measured
	w.SetContent(s.Content())
	s.verdict.SetSelected(verdictLabel(domain.VerdictAccept))
	i := 0
	for b.Loop() {
		i++
		s.comment.SetText(fmt.Sprint("意见 ", i))
	}
	if !s.saves.Pending(s.cur) || s.ws.Reviews[s.cur].Comment == "" {
		b.Fatal("the change was not queued")
	}
}
