package exchange

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange/ziptest"
)

// problemOf returns the one problem of err, failing when it has another
// code than want.
func problemOf(t *testing.T, err error, want string) domain.Problem {
	t.Helper()
	ps := domain.ErrorProblems(err)
	if len(ps) != 1 || ps[0].Code != want {
		t.Fatalf("got %v, want one problem %s", err, want)
	}
	return ps[0]
}

// TestLimitOfEachKind: an entry over its cap is reported with the cap of
// its own kind — a document with the documents' 64 MiB, not the
// evidence's 1 GiB (audit of issue 13, GAP-4) — and the sum of the
// declared sizes and their ratio to the file have caps of their own
// (GAP-6), checked before any entry is read.
func TestLimitOfEachKind(t *testing.T) {
	key := testKey(1)
	good := writeFile(t, fixture(t), key, "")
	evName := EvidenceDir + sumOf(evidenceA)
	declare := func(name string, size int64) string {
		return save(t, ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == name {
					m.Files[i].Size = size
				}
			}
		})))
	}
	for _, tc := range []struct {
		name             string
		path             string
		lim              Limits
		want             string
		what, limit, arg string // the problem's what and limit, or the Arg checked
	}{
		{"document over the documents' cap", declare(AnswersName, 1e12), Limits{}, ProbTooLarge, AnswersName, strconv.Itoa(64 << 20), ""},
		{"evidence over the evidence cap", declare(evName, 1<<50), Limits{}, ProbTooLarge, evName, strconv.Itoa(1 << 30), ""},
		{"document over a small documents' cap", declare(AuditName, 5000), Limits{Document: 4096}, ProbTooLarge, AuditName, "4096", ""},
		{"evidence under its cap, over the documents'", declare(evName, 5000), Limits{Document: 4096, Ratio: 1 << 40}, ProbSize, "", "", ""},
		{"declared sizes over the total", good, Limits{Total: 2000}, ProbTooLarge, TooLargeTotal, "2000", ""},
		{"declared sizes far beyond the file", declare(evName, 300<<20), Limits{}, ProbInflated, "", "", "ratio"},
		{"a ratio the limits allow", declare(evName, 300<<20), Limits{Ratio: 1 << 40}, ProbSize, "", "", ""},
		{"entries over the count", good, Limits{Entries: 2}, ProbTooLarge, TooLargeEntries, "2", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Open(context.Background(), tc.path, Options{Limits: tc.lim})
			if err == nil {
				p.Close()
				t.Fatalf("accepted, want %s", tc.want)
			}
			pr := problemOf(t, err, tc.want)
			if tc.what != "" && (pr.Args["what"] != tc.what || pr.Args["limit"] != tc.limit) {
				t.Errorf("what %q, limit %q; want %q, %q (%s)", pr.Args["what"], pr.Args["limit"], tc.what, tc.limit, pr.Msg)
			}
			if tc.arg != "" && pr.Args[tc.arg] == "" {
				t.Errorf("no %s in %v", tc.arg, pr.Args)
			}
		})
	}
}

// TestDamagedIsTruncated: whatever stops the inflater is a damaged copy
// ("copy it again"), with the entry named, never the inflater's English.
func TestDamagedIsTruncated(t *testing.T) {
	good, _ := os.ReadFile(writeFile(t, fixture(t), testKey(1), ""))
	for _, name := range []string{AnswersName} {
		t.Run(name, func(t *testing.T) {
			_, err := Open(context.Background(), save(t, corruptDeflate(t, good, name)), Options{})
			pr := problemOf(t, err, ProbTruncated)
			if pr.Args["at"] != AtEntry || pr.Args["name"] != name {
				t.Errorf("args %v, want at %s, name %s", pr.Args, AtEntry, name)
			}
			for k, v := range pr.Args {
				if strings.Contains(v, "flate") || strings.Contains(v, "zip:") {
					t.Errorf("arg %s = %q: the library's English", k, v)
				}
			}
		})
	}
}

// TestProgress: Open, the readers of Evidence and VerifyEvidence report
// the bytes they hash, each entry once, up to the sum of the declared
// sizes; a cancelled context stops them.
func TestProgress(t *testing.T) {
	c := fixture(t)
	path := writeFile(t, c, testKey(1), "")
	var calls [][2]int64
	record := func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
	check := func(t *testing.T, total int64) {
		t.Helper()
		if len(calls) == 0 {
			t.Fatal("no progress reported")
		}
		for i, c := range calls {
			if c[1] != total || c[0] < 0 || c[0] > total || (i > 0 && c[0] < calls[i-1][0]) {
				t.Fatalf("call %d: %d of %d (want a total of %d, never backwards)", i, c[0], c[1], total)
			}
		}
	}
	declared := func(p *Package) (total int64) {
		for _, f := range p.Manifest.Files {
			total += f.Size
		}
		return total
	}
	t.Run("Open verifies everything", func(t *testing.T) {
		calls = nil
		p, err := Open(context.Background(), path, Options{Progress: record})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		total := declared(p)
		check(t, total)
		if last := calls[len(calls)-1]; last[0] != total {
			t.Fatalf("ended at %d of %d", last[0], total)
		}
		n := len(calls)
		rc, _ := p.Evidence(sumOf(evidenceB)) // read again: not counted again
		discard(rc)
		rc.Close()
		if len(calls) != n {
			t.Errorf("a second read reported %v", calls[n:])
		}
	})
	t.Run("evidence checked later", func(t *testing.T) {
		calls = nil
		p, err := Open(context.Background(), path, Options{Progress: record, CheckEvidenceLater: true})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		total := declared(p)
		_, evSize := p.EvidenceSize()
		if done, _ := p.Progress(); done != total-evSize {
			t.Fatalf("after Open %d of %d, want the documents' %d", done, total, total-evSize)
		}
		calls = nil
		p.SetProgress(record)
		rc, _ := p.Evidence(sumOf(evidenceA))
		discard(rc)
		rc.Close()
		if err := p.VerifyEvidence(context.Background()); err != nil {
			t.Fatal(err)
		}
		check(t, total)
		if calls[0][0] != total-evSize || calls[len(calls)-1][0] != total {
			t.Fatalf("calls %v: want from %d to %d", calls, total-evSize, total)
		}
	})
	t.Run("sealed: decryption, then the entries", func(t *testing.T) {
		calls = nil
		sealed := writeFile(t, c, testKey(1), "secret")
		st, _ := os.Stat(sealed)
		p, err := Open(context.Background(), sealed, Options{Password: "secret", Progress: record})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if calls[0] != [2]int64{0, st.Size()} || calls[len(calls)-1] != [2]int64{declared(p), declared(p)} {
			t.Fatalf("calls %v: want a pass over the %d sealed bytes, then the entries", calls, st.Size())
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		p, err := Open(ctx, path, Options{CheckEvidenceLater: true})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		cancel()
		if err := p.VerifyEvidence(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("VerifyEvidence: %v, want context.Canceled", err)
		}
		rc, err := p.Evidence(sumOf(evidenceB))
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if _, err := rc.Read(make([]byte, 10)); !errors.Is(err, context.Canceled) {
			t.Errorf("a read of Evidence after Open's context ended: %v, want context.Canceled", err)
		}
		if _, err := Open(ctx, path, Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("Open with a cancelled context: %v", err)
		}
	})
}
