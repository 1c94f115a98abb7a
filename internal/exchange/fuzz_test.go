package exchange

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"pingce/internal/domain"
)

// FuzzOpen feeds Open arbitrary files: it must never panic, every refusal
// carries a package.* problem, and whatever it accepts is signed.
func FuzzOpen(f *testing.F) {
	good := writeFile(f, fixture(f), testKey(1), "")
	data, _ := os.ReadFile(good)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(ageHeader + "-> scrypt abc 10\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.pingce")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := Open(context.Background(), path, Options{Limits: Limits{Document: 1 << 20, Evidence: 1 << 20, File: 8 << 20}})
		if err != nil {
			if ProblemCode(err) == "" && domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Fatalf("refusal without a package problem: %v", err)
			}
			return
		}
		defer p.Close()
		if p.Signer == nil || p.Catalog == nil || p.Answers == nil {
			t.Fatal("accepted a package without signer, catalog or answers")
		}
	})
}
