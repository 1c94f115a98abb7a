package storage_test

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/exchange/ziptest"
	"pingce/internal/storage/storagetest"
)

// TestExchange_EvidenceCheckedInTheTransaction imports packages whose
// evidence entries are damaged, into a lead that does and one that does
// not have those contents already: the import hashes each entry inside its
// transaction, once (the ones it stores as it stores them, the others
// before it commits), and each damaged package is refused with a hash or
// size problem, the lead's database unchanged — also when the damaged
// content is one the lead had, so that the import never needed to read it.
func TestExchange_EvidenceCheckedInTheTransaction(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	good := unit.export(t, id, "")
	es := ziptest.Entries(t, good)
	key, _ := unit.st.OwnKey(unit.ctx)
	leads := map[string]*side{"new contents": newSide(t, storagetest.Open(t), "刘建国"),
		"contents stored already": newSide(t, storagetest.Open(t), "刘建国")}
	{ // the second lead has every content of the package, attached to another round's draft
		lead := leads["contents stored already"]
		a := storagetest.Fixture(t, lead.st)
		other := &domain.Assessment{Unit: a.Unit, Round: "2026-Q2", CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion}
		if err := lead.st.CreateAssessment(lead.ctx, other); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if strings.HasPrefix(e.Name, exchange.EvidenceDir) {
				if _, err := lead.st.AddEvidence(lead.ctx, other.ID, "A1", "已有.pdf", strings.NewReader(string(e.Data))); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := lead.st.DeleteAssessment(lead.ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string][]byte{}
	for _, e := range es {
		if !strings.HasPrefix(e.Name, exchange.EvidenceDir) {
			continue
		}
		cases["flipped byte in "+e.Name] = ziptest.Build(t, ziptest.With(es, e.Name, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) }))
		cases["cut short "+e.Name] = ziptest.Build(t, ziptest.With(es, e.Name, func(e *ziptest.Entry) { e.Data = e.Data[:len(e.Data)-1] }))
	}
	for name, lead := range leads {
		t.Run(name, func(t *testing.T) {
			if err := lead.st.TrustKey(lead.ctx, "某某区公安分局", key.Public().(ed25519.PublicKey)); err != nil {
				t.Fatal(err)
			}
			before := dump(t, lead.st)
			for what, data := range cases {
				t.Run(what, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "bad.pingce")
					if err := os.WriteFile(path, data, 0o600); err != nil {
						t.Fatal(err)
					}
					_, _, err := lead.svc.Import(lead.ctx, path, exchange.Options{}, exchange.ApplyOptions{}, false)
					if p := exchange.ProblemCode(err); p != exchange.ProbHash && p != exchange.ProbSize {
						t.Fatalf("refused with %q (%v), want %s or %s", p, err, exchange.ProbHash, exchange.ProbSize)
					}
					if after := dump(t, lead.st); !slices.Equal(before, after) {
						t.Errorf("the database changed:\n%s", diff(before, after))
					}
				})
			}
			if got := lead.importFile(t, good, false); got.AssessmentID == 0 || got.Evidence != 3 {
				t.Fatalf("the good package: %+v", got)
			}
			if probs, err := lead.st.Check(lead.ctx); err != nil || len(probs) != 0 {
				t.Errorf("db check after the import: %q (%v)", probs, err)
			}
		})
	}
}
