package storage_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// bigAssessment stores BigCatalog(n) and an assessment of it.
func bigAssessment(b *testing.B, s *storage.Store, n int) *domain.Assessment {
	b.Helper()
	cat := storagetest.BigCatalog(n)
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		b.Fatal(err)
	}
	u := &domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	if err := s.CreateUnit(ctx, u); err != nil {
		b.Fatal(err)
	}
	a := &domain.Assessment{Unit: *u, Round: "2026-Q3", CatalogID: cat.ID, CatalogVersion: cat.Version}
	if err := s.CreateAssessment(ctx, a); err != nil {
		b.Fatal(err)
	}
	return a
}

// bigAnswers answers every item of BigCatalog(n).
func bigAnswers(n int) map[string]domain.Answer {
	m := make(map[string]domain.Answer, n)
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			m[fmt.Sprintf("I%d", i)] = domain.Answer{Met: domain.Bool(i%4 == 0), Note: "已落实"}
		} else {
			m[fmt.Sprintf("I%d", i)] = domain.Answer{Level: "中"}
		}
	}
	return m
}

// reportMedian adds the median and the 99th percentile of the durations as
// metrics: the goals are medians, and the mean hides how often a save
// waits for a slow disk.
func reportMedian(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), "ms-median")
	b.ReportMetric(ms(ds[len(ds)*99/100]), "ms-p99")
}

// BenchmarkSaveAnswer saves one answer (a changed one each time) to an
// assessment whose other items are all answered, and gets the new score.
func BenchmarkSaveAnswer(b *testing.B) {
	for _, tc := range []struct {
		items int
		sync  string // "" for PostgreSQL
	}{{100, "FULL"}, {100, "NORMAL"}, {2000, "FULL"}, {100, ""}} {
		name := fmt.Sprintf("items=%d/sync=%s", tc.items, tc.sync)
		if tc.sync == "" {
			name = fmt.Sprintf("items=%d/postgres", tc.items)
		}
		b.Run(name, func(b *testing.B) {
			var s *storage.Store
			if tc.sync == "" {
				s = storagetest.OpenPostgres(b)
			} else {
				s = storagetest.Open(b, storage.WithSynchronous(tc.sync))
			}
			a := bigAssessment(b, s, tc.items)
			if err := s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: bigAnswers(tc.items)}); err != nil {
				b.Fatal(err)
			}
			var ds []time.Duration
			i := 0
			for b.Loop() {
				t0 := time.Now()
				_, err := s.SaveAnswer(ctx, a.ID, "I0", domain.Answer{Met: domain.Bool(i%2 == 0), Note: "已落实"})
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

// BenchmarkOpenAndScore loads a fully answered 2,000-item assessment with
// its catalog, answers and evidence list, and scores it: "cold" after
// another process (here another store on the file) changed it, so that
// every answer is read from the database; "warm" when this process read or
// wrote the answers last.
func BenchmarkOpenAndScore(b *testing.B) {
	path := filepath.Join(b.TempDir(), "pingce.db")
	s := storagetest.OpenFile(b, path)
	a := bigAssessment(b, s, 2000)
	if err := s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: bigAnswers(2000)}); err != nil {
		b.Fatal(err)
	}
	other := storagetest.OpenFile(b, path)
	for _, cold := range []bool{true, false} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			var ds []time.Duration
			i := 0
			for b.Loop() {
				if cold {
					b.StopTimer()
					if _, err := other.SaveAnswer(ctx, a.ID, "I0", domain.Answer{Met: domain.Bool(i%2 == 0)}); err != nil {
						b.Fatal(err)
					}
					i++
					b.StartTimer()
				}
				t0 := time.Now()
				ws, err := s.OpenAssessment(ctx, a.ID)
				if err != nil {
					b.Fatal(err)
				}
				if r := ws.Result(); r.Answered != 2000 {
					b.Fatalf("answered %d", r.Answered)
				}
				ds = append(ds, time.Since(t0))
			}
			reportMedian(b, ds)
		})
	}
}

// BenchmarkListAssessments lists 1,000 assessments with progress and score.
func BenchmarkListAssessments(b *testing.B) {
	s := storagetest.Open(b, storage.WithSynchronous("NORMAL")) // faster setup; listing only reads
	cat := storagetest.Catalog()
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		b.Fatal(err)
	}
	for u := 0; u < 100; u++ {
		unit := &domain.Unit{Name: fmt.Sprintf("第%d派出所", u), Type: "派出所"}
		if err := s.CreateUnit(ctx, unit); err != nil {
			b.Fatal(err)
		}
		for r := 0; r < 10; r++ {
			a := &domain.Assessment{Unit: *unit, Round: fmt.Sprintf("20%02d-Q%d", 20+r/4, r%4+1), CatalogID: cat.ID, CatalogVersion: cat.Version}
			if err := s.CreateAssessment(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	var ds []time.Duration
	for b.Loop() {
		t0 := time.Now()
		list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != 1000 {
			b.Fatalf("%d assessments", len(list))
		}
		ds = append(ds, time.Since(t0))
	}
	reportMedian(b, ds)
}

// BenchmarkAddEvidence attaches a new 20 MB file (hashing, storing the
// content once, attaching it) and, outside the timing, removes it again.
func BenchmarkAddEvidence(b *testing.B) {
	s := storagetest.Open(b)
	a := storagetest.Fixture(b, s)
	data := bytes.Repeat([]byte("0123456789abcdef"), 20<<20/16)
	b.SetBytes(int64(len(data)))
	var ds []time.Duration
	i := 0
	for b.Loop() {
		copy(data, fmt.Sprintf("%08d", i)) // new content: no deduplication
		i++
		t0 := time.Now()
		ev, err := s.AddEvidence(ctx, a.ID, "A1", "录像.mp4", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
		b.StopTimer()
		if err := s.RemoveEvidence(ctx, ev.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	reportMedian(b, ds)
}
