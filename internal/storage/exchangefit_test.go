package storage_test

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/storage/storagetest"
)

// signed builds side's package of assessment id, changed by fn, signed by
// key.
func (s *side) signed(t *testing.T, id int64, key ed25519.PrivateKey, fn func(c *exchange.Contents)) string {
	t.Helper()
	c, err := s.svc.Build(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fn(c)
	path := filepath.Join(t.TempDir(), "x.pingce")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := exchange.Write(s.ctx, f, c, key, ""); err != nil {
		t.Fatal(err)
	}
	return path
}

// refused imports path into s and checks that it is refused with the
// problem want and that s's database is exactly as it was.
func (s *side) refused(t *testing.T, path, want string) {
	t.Helper()
	before := dump(t, s.st)
	_, _, err := s.svc.Import(s.ctx, path, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
	if code := exchange.ProblemCode(err); code != want {
		t.Fatalf("refused with %q (%v), want %s", code, err, want)
	}
	if after := dump(t, s.st); !slices.Equal(before, after) {
		t.Error("the refused package changed the database")
	}
}

// TestExchange_Fits checks what a package must fit besides its signature
// and the registry of trusted keys (audit of issue 13, GAP-1 and GAP-5):
// a unit submits only its own assessments; a resubmission keeps the unit,
// unit type, round and catalog of the lead's copy; a review answers a
// submission package the unit sent, about the same assessment, from the
// key it was exchanged with. Each refusal leaves the database as it was.
func TestExchange_Fits(t *testing.T) {
	county := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32)) // 某某县公安局's key, trusted by both sides
	trustCounty := func(t *testing.T, s *side) {
		if err := s.st.TrustKey(s.ctx, "某某县公安局", county.Public().(ed25519.PublicKey)); err != nil {
			t.Fatal(err)
		}
	}
	// fresh: a submitted unit, a lead that has its first submission and
	// has returned it.
	fresh := func(t *testing.T) (unit, lead *side, id, lid int64) {
		unitStore := storagetest.Open(t)
		unit, id = submitted(t, unitStore)
		lead = newSide(t, storagetest.Open(t), "刘建国")
		lid = lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
		return unit, lead, id, lid
	}
	unitKey := func(t *testing.T, s *side) ed25519.PrivateKey {
		k, err := s.st.OwnKey(s.ctx)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	returned := func(t *testing.T, unit, lead *side, id, lid int64) {
		t.Helper()
		if err := lead.st.Return(lead.ctx, lid, "材料不全"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := unit.svc.Import(unit.ctx, lead.export(t, lid, ""), exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false); err != nil {
			t.Fatal(err)
		}
		if err := unit.st.Submit(unit.ctx, id); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a package made by this database itself", func(t *testing.T) {
		unit, id := submitted(t, storagetest.Open(t))
		unit.refused(t, unit.export(t, id, ""), exchange.ProbOwnPackage)
	})
	t.Run("submission of another unit's assessment, new here", func(t *testing.T) {
		unit, id := submitted(t, storagetest.Open(t))
		lead := newSide(t, storagetest.Open(t), "刘建国")
		trustCounty(t, lead)
		lead.refused(t, unit.signed(t, id, county, func(c *exchange.Contents) {
			c.Manifest.Sender.Unit.Name = "某某县公安局"
			c.Manifest.Assessment.UID = strings.Repeat("ab", 16)
		}), exchange.ProbNotSendersUnit)
	})
	t.Run("resubmission of another unit's assessment", func(t *testing.T) {
		unit, lead, id, lid := fresh(t)
		trustCounty(t, lead)
		if err := lead.st.Return(lead.ctx, lid, "材料不全"); err != nil {
			t.Fatal(err)
		}
		lead.refused(t, unit.signed(t, id, county, func(c *exchange.Contents) {
			c.Manifest.Sender.Unit.Name = "某某县公安局"
			c.Manifest.Revision = 2
		}), exchange.ProbNotSendersUnit)
	})
	for _, tc := range []struct {
		name   string
		change func(m *exchange.Manifest)
	}{
		{"resubmission for another round", func(m *exchange.Manifest) { m.Assessment.Round = "2099-Q1" }},
		{"resubmission with another unit type", func(m *exchange.Manifest) {
			// 局直单位: the same items apply as to a 分县局 (B2 is 派出所 only),
			// so the manifest's counts still fit the answers.
			m.Assessment.Unit.Type = "局直单位"
			m.Sender.Unit.Type = "局直单位"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			unit, lead, id, lid := fresh(t)
			if err := lead.st.Return(lead.ctx, lid, "材料不全"); err != nil {
				t.Fatal(err)
			}
			lead.refused(t, unit.signed(t, id, unitKey(t, unit), func(c *exchange.Contents) {
				tc.change(&c.Manifest)
				c.Manifest.Revision = 2
			}), exchange.ProbMismatch)
		})
	}
	t.Run("new submission of a unit known here with another type", func(t *testing.T) {
		unit, id := submitted(t, storagetest.Open(t))
		lead := newSide(t, storagetest.Open(t), "刘建国")
		if err := lead.st.CreateUnit(lead.ctx, &domain.Unit{Name: "某某区公安分局", Type: "派出所"}); err != nil {
			t.Fatal(err)
		}
		lead.refused(t, unit.export(t, id, ""), exchange.ProbMismatch)
	})

	// Reviews, on the unit's side.
	review := func(t *testing.T, lead *side, lid int64, key ed25519.PrivateKey, fn func(m *exchange.Manifest)) string {
		t.Helper()
		if err := lead.st.Return(lead.ctx, lid, "伪造的退回"); err != nil {
			t.Fatal(err)
		}
		if key == nil {
			key = unitKey(t, lead)
		}
		return lead.signed(t, lid, key, func(c *exchange.Contents) { fn(&c.Manifest) })
	}
	t.Run("review answering no package the unit sent", func(t *testing.T) {
		unit, lead, _, lid := fresh(t)
		unit.refused(t, review(t, lead, lid, nil, func(m *exchange.Manifest) { m.InReplyTo = strings.Repeat("cd", 16) }), exchange.ProbReplyTo)
	})
	t.Run("review for another round", func(t *testing.T) {
		unit, lead, _, lid := fresh(t)
		unit.refused(t, review(t, lead, lid, nil, func(m *exchange.Manifest) { m.Assessment.Round = "2026-Q4" }), exchange.ProbMismatch)
	})
	t.Run("review from another trusted key than the lead's", func(t *testing.T) {
		unit, lead, id, lid := fresh(t)
		returned(t, unit, lead, id, lid) // the unit now knows the lead's key as its peer
		p2 := unit.export(t, id, "")
		lid = lead.importFile(t, p2, false).AssessmentID
		pk, err := exchange.Open(unit.ctx, p2, exchange.Options{})
		if err != nil {
			t.Fatal(err)
		}
		pk.Close()
		trustCounty(t, unit)
		unit.refused(t, review(t, lead, lid, county, func(m *exchange.Manifest) {
			m.Sender.Unit.Name = "某某县公安局"
			m.InReplyTo = pk.Manifest.ID
		}), exchange.ProbPeer)
	})
	t.Run("the lead's own review is taken", func(t *testing.T) {
		unit, lead, id, lid := fresh(t)
		returned(t, unit, lead, id, lid)
		lid = lead.importFile(t, unit.export(t, id, ""), false).AssessmentID
		if err := lead.st.Approve(lead.ctx, lid); err != nil {
			t.Fatal(err)
		}
		got := unit.importFile(t, lead.export(t, lid, ""), false)
		if got.Status != string(domain.Approved) {
			t.Fatalf("the lead's approval: %+v", got)
		}
	})
}

// TestExchange_EvidenceKeepsWhoAndWhen: the lead's copy of each evidence
// file says who attached it and when on the unit's side, as the
// attachments travel (evidence.json), not the package's operator at the
// moment of the import.
func TestExchange_EvidenceKeepsWhoAndWhen(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	lead := newSide(t, storagetest.Open(t), "刘建国")
	lid := lead.importFile(t, unit.export(t, id, ""), true).AssessmentID
	mine, err := unit.st.ListEvidence(unit.ctx, id, "")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := lead.st.ListEvidence(lead.ctx, lid, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != len(theirs) || len(mine) == 0 {
		t.Fatalf("%d files here, %d on the lead's side", len(mine), len(theirs))
	}
	for i := range mine {
		m, l := mine[i], theirs[i]
		if l.Name != m.Name || l.AddedBy != m.AddedBy || !l.AddedAt.Equal(m.AddedAt) {
			t.Errorf("%s: the lead has %s at %v, the unit %s at %v", m.Name, l.AddedBy, l.AddedAt, m.AddedBy, m.AddedAt)
		}
	}
}

// TestExchange_InspectHashesEvidenceLast: a check (pingce package inspect)
// hashes the evidence files only once the receiver's own checks allow the
// package, or fail only on a new key the user is about to judge: a package
// refused anyway (here: the unit's key registered for another unit) is
// refused for that, its damaged evidence never read, and the package says
// its evidence is not verified.
func TestExchange_InspectHashesEvidenceLast(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	path := unit.export(t, id, "")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("%PDF 台账"))
	if i < 0 {
		t.Fatal("no stored evidence bytes in the package")
	}
	b[i+1] ^= 1 // the evidence entry's bytes, not its size
	damaged := filepath.Join(t.TempDir(), "damaged.pingce")
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}
	key, err := unit.st.OwnKey(unit.ctx)
	if err != nil {
		t.Fatal(err)
	}
	otherUnits := func(t *testing.T, lead *side) {
		if err := lead.st.TrustKey(lead.ctx, "某某县公安局", key.Public().(ed25519.PublicKey)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		path     string
		setup    func(t *testing.T, lead *side)
		want     string // "": the damage
		verified bool
	}{
		{"new key, sound: the evidence is hashed", path, func(*testing.T, *side) {}, exchange.ProbUnknownKey, true},
		{"new key, damaged: the damage is found", damaged, func(*testing.T, *side) {}, "", false},
		{"another unit's key, damaged: refused for the key, evidence not read", damaged, otherUnits, exchange.ProbKeyOtherUnit, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead := newSide(t, storagetest.Open(t), "刘建国")
			tt.setup(t, lead)
			before := dump(t, lead.st)
			p, _, err := lead.svc.Import(lead.ctx, tt.path, exchange.Options{}, exchange.ApplyOptions{}, true)
			code := exchange.ProblemCode(err)
			switch {
			case err == nil:
				t.Fatal("the check passed")
			case tt.want != "" && code != tt.want:
				t.Fatalf("refused with %q (%v), want %s", code, err, tt.want)
			case tt.want == "" && (code == exchange.ProbUnknownKey || code == ""):
				t.Fatalf("refused with %q (%v), want the damage found", code, err)
			}
			if p == nil || p.EvidenceVerified() != tt.verified {
				t.Errorf("evidence verified: %v, want %v", p != nil && p.EvidenceVerified(), tt.verified)
			}
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Error("the check changed the database")
			}
		})
	}
}
