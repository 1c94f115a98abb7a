package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/exchange/ziptest"
)

func init() { scryptWorkFactor = 10 } // tests: fast sealing

// testKey returns a fixed key made from seed.
func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

var evidenceA = []byte("%PDF-1.4 规划文件 content of the first evidence file")
var evidenceB = bytes.Repeat([]byte("photo "), 5000)

// fixture returns the contents of a small submission package.
func fixture(t testing.TB) *Contents {
	t.Helper()
	catDoc, err := os.ReadFile("../answers/testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("catalog.yaml", catDoc)
	if err != nil {
		t.Fatal(err)
	}
	set := &domain.AnswerSet{Catalog: cat.Ref(), Unit: domain.UnitRef{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3",
		Answers: map[string]domain.Answer{"A1.1": {Level: "有两项", Note: "规划已印发"}}}
	ans, err := answers.Marshal(set, cat)
	if err != nil {
		t.Fatal(err)
	}
	res := domain.Score(cat, set, domain.Options{UnitType: "分县局"})
	blobs := map[string][]byte{sumOf(evidenceA): evidenceA, sumOf(evidenceB): evidenceB}
	at := time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC)
	return &Contents{
		Manifest: Manifest{Kind: KindSubmission, Revision: 1,
			Sender: Sender{Unit: Unit{Name: "某某区公安分局", Type: "分县局"}, Operator: "张三"},
			Assessment: Assessment{UID: NewID(), Unit: Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3",
				Catalog: cat.Ref(), CatalogHash: sumOf(catDoc), Status: "submitted",
				Answered: res.Answered, Applicable: res.Applicable, Final: res.Final, Grade: res.Grade}},
		Catalog: catDoc, Answers: ans,
		Audit: []AuditRecord{{At: at, Actor: "张三", Action: "answer", Item: "A1.1", After: `{"level":"有两项"}`}},
		Attachments: []Attachment{
			{Item: "A1.1", Name: "规划.pdf", SHA256: sumOf(evidenceA), Size: int64(len(evidenceA)), AddedBy: "张三", AddedAt: at},
			{Item: "A1.1", Name: "照片.jpg", SHA256: sumOf(evidenceB), Size: int64(len(evidenceB))},
			{Item: "A1.1", Name: "照片副本.jpg", SHA256: sumOf(evidenceB), Size: int64(len(evidenceB))},
		},
		Evidence: func(_ context.Context, h string) (io.ReadCloser, error) {
			b, ok := blobs[h]
			if !ok {
				return nil, errors.New("no such blob")
			}
			return io.NopCloser(bytes.NewReader(b)), nil
		},
	}
}

// writeFile writes the package into a new file and returns its path.
func writeFile(t testing.TB, c *Contents, key ed25519.PrivateKey, password string) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, c, key, password); err != nil {
		t.Fatal(err)
	}
	return save(t, buf.Bytes())
}

func save(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "p.pingce")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct{ name, password string }{{"plain", ""}, {"sealed", "电话里说的 password"}} {
		t.Run(tc.name, func(t *testing.T) {
			key := testKey(1)
			c := fixture(t)
			path := writeFile(t, c, key, tc.password)
			p, err := Open(context.Background(), path, Options{Password: tc.password})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if p.Sealed != (tc.password != "") {
				t.Errorf("Sealed = %v", p.Sealed)
			}
			if !p.Signer.Equal(key.Public()) || p.Manifest.Sender.Fingerprint != Fingerprint(key.Public().(ed25519.PublicKey)) {
				t.Errorf("signer %v", p.Manifest.Sender)
			}
			if p.Manifest.Assessment.UID != c.Manifest.Assessment.UID || p.Manifest.Revision != 1 || !validID(p.Manifest.ID) {
				t.Errorf("manifest %+v", p.Manifest)
			}
			if got := p.Answers.Answers["A1.1"].Level; got != "有两项" {
				t.Errorf("answer A1.1 level %q", got)
			}
			if len(p.Attachments) != 3 || len(p.Audit) != 1 || p.Audit[0].Actor != "张三" {
				t.Errorf("attachments %d, audit %+v", len(p.Attachments), p.Audit)
			}
			if n, size := p.EvidenceSize(); n != 2 || size != int64(len(evidenceA)+len(evidenceB)) {
				t.Errorf("evidence %d files, %d bytes: want 2 (deduplicated)", n, size)
			}
			rc, err := p.Evidence(sumOf(evidenceB))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil || !bytes.Equal(got, evidenceB) {
				t.Errorf("evidence content differs (%v)", err)
			}
			if tc.password != "" {
				raw, _ := os.ReadFile(path)
				if bytes.Contains(raw, []byte("manifest.json")) || bytes.Contains(raw, []byte("某某")) {
					t.Error("a sealed package shows its content")
				}
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	pub := testKey(1).Public().(ed25519.PublicKey)
	fp := Fingerprint(pub)
	if !ValidFingerprint(fp) || fp == Fingerprint(testKey(2).Public().(ed25519.PublicKey)) {
		t.Errorf("fingerprint %q", fp)
	}
	back, err := ParseKeyLine("  " + KeyLine(pub) + "\n")
	if err != nil || !back.Equal(pub) {
		t.Errorf("ParseKeyLine: %v", err)
	}
	for _, bad := range []string{"", "ssh-ed25519 AAAA", KeyPrefix + "AAAA", KeyLine(pub) + " comment"} {
		if _, err := ParseKeyLine(bad); ProblemCode(err) != ProbBadKey {
			t.Errorf("ParseKeyLine(%q) = %v", bad, err)
		}
	}
}

// resign changes the manifest with fn and signs it again with key, so that
// only what fn changed is wrong.
func resign(t testing.TB, es []ziptest.Entry, key ed25519.PrivateKey, fn func(m *Manifest)) []ziptest.Entry {
	t.Helper()
	for i, e := range es {
		if e.Name != ManifestName {
			continue
		}
		var m Manifest
		if err := json.Unmarshal(e.Data, &m); err != nil {
			t.Fatal(err)
		}
		fn(&m)
		mb, _ := json.MarshalIndent(&m, "", " ")
		es[i].Data = mb
		sig, _ := key.Sign(nil, mb, &ed25519.Options{Context: signContext})
		pub := key.Public().(ed25519.PublicKey)
		for j := range es {
			if es[j].Name == SignatureName {
				es[j].Data = []byte(KeyLine(pub) + "\n" + b64(sig) + "\n")
			}
		}
	}
	return es
}

// badInput is a file Open must refuse with the problem want ("": a
// control it must accept).
type badInput struct {
	name string
	data []byte
	opt  Options
	want string
}

// badPackages returns every bad input issue 13 lists that the reader
// itself can tell, and the refusals the audit of issue 13 added.
func badPackages(t *testing.T) []badInput {
	t.Helper()
	key := testKey(1)
	good := writeFile(t, fixture(t), key, "")
	goodBytes, _ := os.ReadFile(good)
	es := ziptest.Entries(t, good)
	evName := EvidenceDir + sumOf(evidenceA)
	sealed, _ := os.ReadFile(writeFile(t, fixture(t), key, "secret"))
	bomb := bytes.Repeat([]byte{'a'}, 64<<20)
	small := Limits{Document: 1 << 20}

	type input = badInput
	cases := []input{
		{"empty file", nil, Options{}, ProbNotPackage},
		{"not a zip", []byte("format: pingce/answers@1\n"), Options{}, ProbNotPackage},
		{"data prepended", append([]byte("PK\x03\x04 junk before the archive"), goodBytes...), Options{}, ProbNotPackage},
		{"truncated", goodBytes[:len(goodBytes)*2/3], Options{}, ProbTruncated},
		{"truncated end", goodBytes[:len(goodBytes)-10], Options{}, ProbTruncated},
		{"manifest altered", ziptest.Build(t, ziptest.With(es, ManifestName, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) })), Options{}, ProbBadSignature},
		{"signature altered", ziptest.Build(t, ziptest.With(es, SignatureName, func(e *ziptest.Entry) {
			e.Data = bytes.Replace(e.Data, []byte("\n"), []byte("\nAA"), 1)
			e.Data = append(e.Data[:len(e.Data)-3], '\n')
		})), Options{}, ProbBadSignature},
		{"signed by another key than the manifest says", ziptest.Build(t, resign(t, ziptest.Entries(t, good), testKey(2), func(*Manifest) {})), Options{}, ProbBadManifest},
		{"entry missing", ziptest.Build(t, ziptest.Without(es, AuditName)), Options{}, ProbEntryMissing},
		{"evidence missing", ziptest.Build(t, ziptest.Without(es, evName)), Options{}, ProbEntryMissing},
		{"signature missing", ziptest.Build(t, ziptest.Without(es, SignatureName)), Options{}, ProbEntryMissing},
		{"extra entry", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: ReviewName, Data: []byte("[]")})), Options{}, ProbEntryExtra},
		{"extra evidence", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: EvidenceDir + sumOf([]byte("x")), Data: []byte("x")})), Options{}, ProbEntryExtra},
		{"duplicate entry", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: AnswersName, Data: []byte("x")})), Options{}, ProbEntryTwice},
		{"case twin", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "Answers.yaml", Data: []byte("x")})), Options{}, ProbEntryTwice},
		{"dot-dot", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "../x", Data: []byte("x")})), Options{}, ProbBadEntry},
		{"absolute", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "/abs", Data: []byte("x")})), Options{}, ProbBadEntry},
		{"drive", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: `C:\x`, Data: []byte("x")})), Options{}, ProbBadEntry},
		{"drive slash", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "C:/x", Data: []byte("x")})), Options{}, ProbBadEntry},
		{"backslash dot-dot", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: `..\x`, Data: []byte("x")})), Options{}, ProbBadEntry},
		{"UNC", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: `\\server\share\x`, Data: []byte("x")})), Options{}, ProbBadEntry},
		{"folder", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "evidence/"})), Options{}, ProbBadEntry},
		{"unknown name", ziptest.Build(t, ziptest.Plus(es, ziptest.Entry{Name: "run.exe", Data: []byte("MZ")})), Options{}, ProbBadEntry},
		{"symlink", ziptest.Build(t, ziptest.With(es, evName, func(e *ziptest.Entry) { e.Mode = os.ModeSymlink | 0o777; e.Data = []byte("/etc/passwd") })), Options{}, ProbBadEntry},
		{"huge declared size", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == evName {
					m.Files[i].Size = 1 << 50
				}
			}
		})), Options{}, ProbTooLarge},
		{"header declares another size", ziptest.Build(t, ziptest.With(es, AnswersName, func(e *ziptest.Entry) { e.Declared = 1 << 40 })), Options{}, ProbSize},
		{"bomb under a small declared size", ziptest.Build(t, resign(t, ziptest.With(ziptest.Entries(t, good), AuditName, func(e *ziptest.Entry) { e.Data = bomb; e.Declared = 100 }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == AuditName {
					m.Files[i].Size = 100
				}
			}
		})), Options{}, ProbSize},
		{"bomb declared honestly", ziptest.Build(t, resign(t, ziptest.With(ziptest.Entries(t, good), AuditName, func(e *ziptest.Entry) { e.Data = bomb; e.Method = zip.Deflate }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == AuditName {
					m.Files[i].Size, m.Files[i].SHA256 = int64(len(bomb)), sumOf(bomb)
				}
			}
		})), Options{Limits: small}, ProbTooLarge},
		{"too many entries", goodBytes, Options{Limits: Limits{Entries: 3}}, ProbTooLarge},
		{"unknown format version", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) { m.Format = "pingce/package@2" })), Options{}, ProbVersion},
		{"unknown manifest key", ziptest.Build(t, ziptest.With(resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {}), ManifestName, func(e *ziptest.Entry) {})), Options{}, ""},
		{"sealed without password", sealed, Options{}, ProbPassword},
		{"wrong password", sealed, Options{Password: "wrong"}, ProbWrongPassword},
		{"sealed and truncated", sealed[:len(sealed)-40], Options{Password: "secret"}, ProbTruncated},
		{"sealed asking for hours of scrypt", regexp.MustCompile(`(-> scrypt \S+) 10\n`).ReplaceAll(bytes.Clone(sealed), []byte("$1 30\n")), Options{Password: "secret"}, ProbNotPackage},
		{"declared sizes over the total cap", goodBytes, Options{Limits: Limits{Total: 1000}}, ProbTooLarge},
		{"declared sizes far beyond the file", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == evName {
					m.Files[i].Size = 900 << 20 // 900 MiB in a file of a few KB: a compression bomb
				}
			}
		})), Options{}, ProbInflated},
		{"manifest claims more items answered", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {
			m.Assessment.Answered, m.Assessment.Applicable = 999, 999
		})), Options{}, ProbClaims},
		{"manifest claims fewer applicable items", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) {
			m.Assessment.Applicable--
		})), Options{}, ProbClaims},
		{"damaged deflate stream", corruptDeflate(t, goodBytes, AnswersName), Options{}, ProbTruncated},
		{"answers with an unknown field", ziptest.Build(t, replaceEntry(t, ziptest.Entries(t, good), key, AnswersName,
			[]byte("format: pingce/answers@1\ncatalog: x@1\nweight: 3\n"))), Options{}, ProbContent},
		{"evidence list not JSON", ziptest.Build(t, replaceEntry(t, ziptest.Entries(t, good), key, AttachmentsName, []byte("[{"))), Options{}, ProbContent},
		{"evidence list with an unknown key", ziptest.Build(t, replaceEntry(t, ziptest.Entries(t, good), key, AttachmentsName, []byte(`[{"item":"A1.1","colour":"red"}]`))), Options{}, ProbContent},
		{"manifest of an unknown kind", ziptest.Build(t, resign(t, ziptest.Entries(t, good), key, func(m *Manifest) { m.Kind = "gift" })), Options{}, ProbBadManifest},
		{"evidence nothing refers to", ziptest.Build(t, replaceEntry(t, ziptest.Entries(t, good), key, AttachmentsName, func() []byte {
			b, _ := json.Marshal(fixture(t).Attachments[1:]) // evidence A stays listed, but no attachment names it
			return b
		}())), Options{}, ProbContent},
	}
	for _, name := range []string{CatalogName, AnswersName, AuditName, AttachmentsName, evName} {
		cases = append(cases, input{"flipped byte in " + name, ziptest.Build(t, ziptest.With(es, name, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) })), Options{}, ProbHash})
	}
	return cases
}

// corruptDeflate returns the package pkg with a byte in the middle of the
// deflated data of the entry name flipped: the inflater stops on it
// (flate.CorruptInputError) or the hash differs.
func corruptDeflate(t testing.TB, pkg []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.Method != zip.Deflate || f.CompressedSize64 < 16 {
			t.Fatalf("%s is not deflated (method %d, %d bytes)", name, f.Method, f.CompressedSize64)
		}
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		out := bytes.Clone(pkg)
		for i := int64(0); i < 4; i++ { // a run of bad bytes: a code the inflater cannot take
			out[off+int64(f.CompressedSize64)/2+i] = 0xff
		}
		return out
	}
	t.Fatalf("no entry %s", name)
	return nil
}

// TestBadPackages gives Open every bad input of badPackages: each is
// refused with its own problem code.
func TestBadPackages(t *testing.T) {
	for _, tc := range badPackages(t) {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Open(context.Background(), save(t, tc.data), tc.opt)
			if tc.want == "" { // a control: the rebuilt package is good
				if err != nil {
					t.Fatalf("a rebuilt good package is refused: %v", err)
				}
				p.Close()
				return
			}
			if err == nil {
				p.Close()
				t.Fatalf("accepted, want %s", tc.want)
			}
			if got := ProblemCode(err); got != tc.want {
				t.Fatalf("problem %q (%v), want %s", got, err, tc.want)
			}
			if domain.ErrorMessage(err) == "internal error" || len(domain.ErrorProblems(err)) != 1 {
				t.Errorf("no clear message: %v", err)
			}
		})
	}
}

func TestUnknownManifestKey(t *testing.T) {
	key := testKey(1)
	good := writeFile(t, fixture(t), key, "")
	es := ziptest.Entries(t, good)
	for i := range es {
		if es[i].Name == ManifestName {
			es[i].Data = bytes.Replace(es[i].Data, []byte(`"kind"`), []byte(`"extra": 1, "kind"`), 1)
			sig, _ := key.Sign(nil, es[i].Data, &ed25519.Options{Context: signContext})
			for j := range es {
				if es[j].Name == SignatureName {
					es[j].Data = []byte(KeyLine(key.Public().(ed25519.PublicKey)) + "\n" + b64(sig) + "\n")
				}
			}
		}
	}
	_, err := Open(context.Background(), save(t, ziptest.Build(t, es)), Options{})
	if ProblemCode(err) != ProbBadManifest || !strings.Contains(err.Error(), "extra") {
		t.Fatalf("got %v", err)
	}
}
