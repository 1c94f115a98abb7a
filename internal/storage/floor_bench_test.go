package storage

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"
)

// BenchmarkEvidenceFloor measures what SQLite alone costs to keep evidence
// in the database: the same bytes (20 MB of random data by default,
// PINGCE_BENCH_EVIDENCE_MB) copied file to file with fsync, and inserted
// as evidence pieces (chunkSize rows, as putContent writes them) in one
// transaction into a new database opened as Open opens it (WAL,
// synchronous=FULL, the automatic checkpoint off as for an import), with
// nothing else: no package read, no hashing, no
// rows beside the pieces. "floor-ratio" is insert / copy — the least
// BenchmarkExchange's import-ratio can be while evidence lives in the
// database, whatever the import does around it.
func BenchmarkEvidenceFloor(b *testing.B) {
	mb := 20
	if v := os.Getenv("PINGCE_BENCH_EVIDENCE_MB"); v != "" {
		fmt.Sscan(v, &mb)
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "evidence")
	data := make([]byte, mb<<20)
	rand.Read(data)
	if err := os.WriteFile(src, data, 0o600); err != nil {
		b.Fatal(err)
	}
	var insertTime, copyTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(dir, fmt.Sprintf("floor%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		// As the import writes: the automatic checkpoint off for the write
		// (largeWrite), so that the commit does not also copy the log into
		// the database file.
		err = s.largeWrite(context.Background(), func() error {
			return s.db.Transaction(func(tx *gorm.DB) error {
				for seq := 0; seq*chunkSize < len(data); seq++ {
					piece := data[seq*chunkSize : min(len(data), (seq+1)*chunkSize)]
					if err := tx.Exec("INSERT INTO evidence_chunks (content_key, seq, data) VALUES (?, ?, ?)", "floor", seq, piece).Error; err != nil {
						return err
					}
				}
				return nil
			})
		})
		if err != nil {
			b.Fatal(err)
		}
		insertTime += time.Since(t0)
		b.StopTimer()
		if err := s.Close(); err != nil { // waits for the background checkpoint
			b.Fatal(err)
		}
		b.StartTimer()
		t1 := time.Now()
		if err := syncedCopy(src, filepath.Join(dir, fmt.Sprintf("copy%d", i))); err != nil {
			b.Fatal(err)
		}
		copyTime += time.Since(t1)
	}
	b.ReportMetric(float64(insertTime)/float64(copyTime), "floor-ratio")
	b.ReportMetric(float64(insertTime.Milliseconds())/float64(b.N), "insert-ms")
	b.ReportMetric(float64(copyTime.Milliseconds())/float64(b.N), "copy-ms")
}

// syncedCopy copies src to dst and syncs dst, as BenchmarkExchange's copy.
func syncedCopy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
