package exchange

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
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
	blobs := map[string][]byte{sumOf(evidenceA): evidenceA, sumOf(evidenceB): evidenceB}
	at := time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC)
	return &Contents{
		Manifest: Manifest{Kind: KindSubmission, Revision: 1,
			Sender: Sender{Unit: Unit{Name: "某某区公安分局", Type: "分县局"}, Operator: "张三"},
			Assessment: Assessment{UID: NewID(), Unit: Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3",
				Catalog: cat.Ref(), CatalogHash: sumOf(catDoc), Status: "submitted"}},
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

// rawEntry is an entry of a package rebuilt by a test.
type rawEntry struct {
	name   string
	data   []byte
	mode   os.FileMode
	method uint16
	// declared, when not 0, is the uncompressed size the header claims.
	declared uint64
}

// entriesOf reads the entries of a package file.
func entriesOf(t testing.TB, path string) []rawEntry {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var es []rawEntry
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, rawEntry{name: f.Name, data: b, method: f.Method})
	}
	return es
}

// build writes the entries as a zip.
func build(t testing.TB, es []rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.name, Method: e.method}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.declared != 0 {
			var comp bytes.Buffer
			fw, _ := flate.NewWriter(&comp, flate.BestCompression)
			fw.Write(e.data)
			fw.Close()
			h.Method = zip.Deflate
			h.CompressedSize64, h.UncompressedSize64 = uint64(comp.Len()), e.declared
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(comp.Bytes())
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// resign changes the manifest with fn and signs it again with key, so that
// only what fn changed is wrong.
func resign(t testing.TB, es []rawEntry, key ed25519.PrivateKey, fn func(m *Manifest)) []rawEntry {
	t.Helper()
	for i, e := range es {
		if e.name != ManifestName {
			continue
		}
		var m Manifest
		if err := json.Unmarshal(e.data, &m); err != nil {
			t.Fatal(err)
		}
		fn(&m)
		mb, _ := json.MarshalIndent(&m, "", " ")
		es[i].data = mb
		sig, _ := key.Sign(nil, mb, &ed25519.Options{Context: signContext})
		pub := key.Public().(ed25519.PublicKey)
		for j := range es {
			if es[j].name == SignatureName {
				es[j].data = []byte(KeyLine(pub) + "\n" + b64(sig) + "\n")
			}
		}
	}
	return es
}

func flip(b []byte) []byte {
	c := bytes.Clone(b)
	c[len(c)/2] ^= 0x20
	return c
}

func with(es []rawEntry, name string, fn func(e *rawEntry)) []rawEntry {
	out := make([]rawEntry, len(es))
	copy(out, es)
	for i := range out {
		if out[i].name == name {
			fn(&out[i])
		}
	}
	return out
}

func without(es []rawEntry, name string) []rawEntry {
	var out []rawEntry
	for _, e := range es {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

// TestBadPackages gives Open every bad input issue 13 lists that the
// reader itself can tell: each is refused with its own problem code.
func TestBadPackages(t *testing.T) {
	key := testKey(1)
	good := writeFile(t, fixture(t), key, "")
	goodBytes, _ := os.ReadFile(good)
	es := entriesOf(t, good)
	evName := EvidenceDir + sumOf(evidenceA)
	sealed, _ := os.ReadFile(writeFile(t, fixture(t), key, "secret"))
	bomb := bytes.Repeat([]byte{'a'}, 64<<20)
	small := Limits{Document: 1 << 20}

	type input struct {
		name string
		data []byte
		opt  Options
		want string
	}
	cases := []input{
		{"empty file", nil, Options{}, ProbNotPackage},
		{"not a zip", []byte("format: pingce/answers@1\n"), Options{}, ProbNotPackage},
		{"data prepended", append([]byte("PK\x03\x04 junk before the archive"), goodBytes...), Options{}, ProbNotPackage},
		{"truncated", goodBytes[:len(goodBytes)*2/3], Options{}, ProbTruncated},
		{"truncated end", goodBytes[:len(goodBytes)-10], Options{}, ProbTruncated},
		{"manifest altered", build(t, with(es, ManifestName, func(e *rawEntry) { e.data = flip(e.data) })), Options{}, ProbBadSignature},
		{"signature altered", build(t, with(es, SignatureName, func(e *rawEntry) {
			e.data = bytes.Replace(e.data, []byte("\n"), []byte("\nAA"), 1)
			e.data = append(e.data[:len(e.data)-3], '\n')
		})), Options{}, ProbBadSignature},
		{"signed by another key than the manifest says", build(t, resign(t, entriesOf(t, good), testKey(2), func(*Manifest) {})), Options{}, ProbBadManifest},
		{"entry missing", build(t, without(es, AuditName)), Options{}, ProbEntryMissing},
		{"evidence missing", build(t, without(es, evName)), Options{}, ProbEntryMissing},
		{"signature missing", build(t, without(es, SignatureName)), Options{}, ProbEntryMissing},
		{"extra entry", build(t, append(bytes2(es), rawEntry{name: ReviewName, data: []byte("[]")})), Options{}, ProbEntryExtra},
		{"extra evidence", build(t, append(bytes2(es), rawEntry{name: EvidenceDir + sumOf([]byte("x")), data: []byte("x")})), Options{}, ProbEntryExtra},
		{"duplicate entry", build(t, append(bytes2(es), rawEntry{name: AnswersName, data: []byte("x")})), Options{}, ProbEntryTwice},
		{"case twin", build(t, append(bytes2(es), rawEntry{name: "Answers.yaml", data: []byte("x")})), Options{}, ProbEntryTwice},
		{"dot-dot", build(t, append(bytes2(es), rawEntry{name: "../x", data: []byte("x")})), Options{}, ProbBadEntry},
		{"absolute", build(t, append(bytes2(es), rawEntry{name: "/abs", data: []byte("x")})), Options{}, ProbBadEntry},
		{"drive", build(t, append(bytes2(es), rawEntry{name: `C:\x`, data: []byte("x")})), Options{}, ProbBadEntry},
		{"drive slash", build(t, append(bytes2(es), rawEntry{name: "C:/x", data: []byte("x")})), Options{}, ProbBadEntry},
		{"backslash dot-dot", build(t, append(bytes2(es), rawEntry{name: `..\x`, data: []byte("x")})), Options{}, ProbBadEntry},
		{"UNC", build(t, append(bytes2(es), rawEntry{name: `\\server\share\x`, data: []byte("x")})), Options{}, ProbBadEntry},
		{"folder", build(t, append(bytes2(es), rawEntry{name: "evidence/"})), Options{}, ProbBadEntry},
		{"unknown name", build(t, append(bytes2(es), rawEntry{name: "run.exe", data: []byte("MZ")})), Options{}, ProbBadEntry},
		{"symlink", build(t, with(es, evName, func(e *rawEntry) { e.mode = os.ModeSymlink | 0o777; e.data = []byte("/etc/passwd") })), Options{}, ProbBadEntry},
		{"huge declared size", build(t, resign(t, entriesOf(t, good), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == evName {
					m.Files[i].Size = 1 << 50
				}
			}
		})), Options{}, ProbTooLarge},
		{"header declares another size", build(t, with(es, AnswersName, func(e *rawEntry) { e.declared = 1 << 40 })), Options{}, ProbSize},
		{"bomb under a small declared size", build(t, resign(t, with(entriesOf(t, good), AuditName, func(e *rawEntry) { e.data = bomb; e.declared = 100 }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == AuditName {
					m.Files[i].Size = 100
				}
			}
		})), Options{}, ProbSize},
		{"bomb declared honestly", build(t, resign(t, with(entriesOf(t, good), AuditName, func(e *rawEntry) { e.data = bomb; e.method = zip.Deflate }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == AuditName {
					m.Files[i].Size, m.Files[i].SHA256 = int64(len(bomb)), sumOf(bomb)
				}
			}
		})), Options{Limits: small}, ProbTooLarge},
		{"too many entries", goodBytes, Options{Limits: Limits{Entries: 3}}, ProbTooLarge},
		{"unknown format version", build(t, resign(t, entriesOf(t, good), key, func(m *Manifest) { m.Format = "pingce/package@2" })), Options{}, ProbVersion},
		{"unknown manifest key", build(t, with(resign(t, entriesOf(t, good), key, func(m *Manifest) {}), ManifestName, func(e *rawEntry) {})), Options{}, ""},
		{"sealed without password", sealed, Options{}, ProbPassword},
		{"wrong password", sealed, Options{Password: "wrong"}, ProbWrongPassword},
		{"sealed and truncated", sealed[:len(sealed)-40], Options{Password: "secret"}, ProbTruncated},
	}
	for _, name := range []string{CatalogName, AnswersName, AuditName, AttachmentsName, evName} {
		cases = append(cases, input{"flipped byte in " + name, build(t, with(es, name, func(e *rawEntry) { e.data = flip(e.data) })), Options{}, ProbHash})
	}
	for _, tc := range cases {
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

func bytes2(es []rawEntry) []rawEntry { return append([]rawEntry(nil), es...) }

func TestUnknownManifestKey(t *testing.T) {
	key := testKey(1)
	good := writeFile(t, fixture(t), key, "")
	es := entriesOf(t, good)
	for i := range es {
		if es[i].name == ManifestName {
			es[i].data = bytes.Replace(es[i].data, []byte(`"kind"`), []byte(`"extra": 1, "kind"`), 1)
			sig, _ := key.Sign(nil, es[i].data, &ed25519.Options{Context: signContext})
			for j := range es {
				if es[j].name == SignatureName {
					es[j].data = []byte(KeyLine(key.Public().(ed25519.PublicKey)) + "\n" + b64(sig) + "\n")
				}
			}
		}
	}
	_, err := Open(context.Background(), save(t, build(t, es)), Options{})
	if ProblemCode(err) != ProbBadManifest || !strings.Contains(err.Error(), "extra") {
		t.Fatalf("got %v", err)
	}
}
