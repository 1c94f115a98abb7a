package exchange

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange/ziptest"
)

// FuzzOpen feeds Open arbitrary files: it must never panic, every refusal
// carries a package.* problem, and whatever it accepts is signed.
func FuzzOpen(f *testing.F) {
	good := writeFile(f, fixture(f), testKey(1), "")
	data, _ := os.ReadFile(good)
	f.Add(data)
	f.Add(data[:len(data)/2])
	// A review with register entries, a standing and an original name
	// (issues 13, 17, 19).
	reg, _ := os.ReadFile(writeFile(f, registerFixture(f), testKey(3), ""))
	f.Add(reg)
	// The same with the round's peer facts in its standing (none of the
	// fixture's items compares units: an empty set; FuzzParseStanding
	// feeds full ones).
	pc := registerFixture(f)
	pc.Standing.Peers = &domain.PeerFacts{}
	withPeers, _ := os.ReadFile(writeFile(f, pc, testKey(3), ""))
	f.Add(withPeers)
	rc := registerFixture(f)
	rc.Manifest.Kind, rc.Manifest.InReplyTo, rc.Standing, rc.Review = KindRegister, "", nil, nil
	progress, _ := os.ReadFile(writeFile(f, rc, testKey(3), ""))
	f.Add(progress)
	// The refusals the audit of issue 13 added: counts the answers do not
	// give, declared sizes far beyond the file, a damaged deflate stream.
	es := ziptest.Entries(f, good)
	key := testKey(1)
	f.Add(ziptest.Build(f, resign(f, es, key, func(m *Manifest) { m.Assessment.Answered = 999 })))
	f.Add(ziptest.Build(f, resign(f, ziptest.Entries(f, good), key, func(m *Manifest) {
		for i := range m.Files {
			if strings.HasPrefix(m.Files[i].Name, EvidenceDir) {
				m.Files[i].Size = 300 << 20
			}
		}
	})))
	f.Add(corruptDeflate(f, data, AnswersName))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(ageHeader + "-> scrypt abc 10\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.pingce")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		lim := Limits{Document: 1 << 20, Evidence: 1 << 20, File: 8 << 20}
		p, err := Open(context.Background(), path, Options{Limits: lim})
		// With the evidence hashes left to VerifyEvidence (as an import
		// does), the same files are accepted and refused.
		later, lerr := Open(context.Background(), path, Options{Limits: lim, CheckEvidenceLater: true})
		if lerr == nil {
			lerr = later.VerifyEvidence(context.Background())
			later.Close()
		}
		if (err == nil) != (lerr == nil) || (lerr != nil && ProblemCode(lerr) == "" && domain.ErrorCode(lerr) != domain.ENOTFOUND) {
			t.Fatalf("evidence checked later: %v; at once: %v", lerr, err)
		}
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
		if p.Standing != nil && (p.Manifest.Kind == KindSubmission || p.Standing.Ranked < 2 || p.Standing.Rank > p.Standing.Ranked) {
			t.Fatalf("accepted a standing that does not fit: %+v", p.Standing)
		}
		for _, e := range p.Tasks {
			if !validID(e.UID) || !e.Task.Status.Valid() {
				t.Fatalf("accepted an entry that does not fit: %+v", e)
			}
			for _, tf := range e.Task.Files {
				rc, err := p.Evidence(tf.SHA256)
				if err != nil {
					t.Fatalf("accepted an entry whose closure file is missing: %v", err)
				}
				rc.Close()
			}
		}
	})
}
