package storage_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/exchange/ziptest"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/message"
)

// manifestContext is the Ed25519ctx context of a package's signature
// (docs/formats.md §7): written here from the format, not taken from the
// reader, so that these hostile packages are signed as a sender would.
const manifestContext = "pingce/package@1 manifest"

// resigned rebuilds the package at path with its manifest changed by fn
// and its entries by entries, signed again by key: only what they changed
// is wrong.
func resigned(t *testing.T, path string, key ed25519.PrivateKey, entries func([]ziptest.Entry) []ziptest.Entry, fn func(m *exchange.Manifest)) string {
	t.Helper()
	es := ziptest.Entries(t, path)
	if entries != nil {
		es = entries(es)
	}
	for i, e := range es {
		if e.Name != exchange.ManifestName {
			continue
		}
		var m exchange.Manifest
		if err := json.Unmarshal(e.Data, &m); err != nil {
			t.Fatal(err)
		}
		fn(&m)
		mb, _ := json.Marshal(&m)
		es[i].Data = mb
		sig, err := key.Sign(nil, mb, &ed25519.Options{Context: manifestContext})
		if err != nil {
			t.Fatal(err)
		}
		for j := range es {
			if es[j].Name == exchange.SignatureName {
				es[j].Data = []byte(exchange.KeyLine(key.Public().(ed25519.PublicKey)) + "\n" + base64.StdEncoding.EncodeToString(sig) + "\n")
			}
		}
	}
	out := filepath.Join(t.TempDir(), "hostile.pingce")
	if err := os.WriteFile(out, ziptest.Build(t, es), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// sizeOf sets the declared size of the entry name in the manifest.
func sizeOf(name string, size int64) func(m *exchange.Manifest) {
	return func(m *exchange.Manifest) {
		for i := range m.Files {
			if m.Files[i].Name == name {
				m.Files[i].Size = size
			}
		}
	}
}

var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.@/+:-]*`)

// inChinese writes a refusal as the window shows it in Chinese — the
// advice line and each problem — and fails on an English word that is
// none of the problems' Args (names, ids, fingerprints) nor a unit.
func inChinese(t *testing.T, err error) {
	t.Helper()
	t.Setenv("LANGUAGE", "zh_CN")
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	message.ErrorText(nil)
	if e := message.AddTranslations(os.DirFS("../ui/message"), "translations"); e != nil {
		t.Fatal(e)
	}
	lines := []string{message.ErrorText(err)}
	var args []string
	for _, p := range domain.ErrorProblems(err) {
		lines = append(lines, message.ProblemText(p))
		for _, v := range p.Args {
			args = append(args, v)
		}
	}
	for _, l := range lines {
		for _, w := range englishWord.FindAllString(l, -1) {
			w = strings.TrimRight(w, ".:-")
			if slices.Contains([]string{"JSON", "SHA-256", "GB", "MB", "KB", "U"}, w) ||
				slices.ContainsFunc(args, func(a string) bool { return strings.Contains(a, w) }) {
				continue
			}
			t.Errorf("English %q in %q", w, l)
		}
	}
}

// TestExchange_H5Refused gives a lead that holds a unit's first
// submission the hostile packages the audit of issue 13 found without a
// database compare (GAP-11): each is refused with its problem, in
// Chinese without English, and the database is exactly as it was.
func TestExchange_H5Refused(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	good := unit.export(t, id, "")
	key, err := unit.st.OwnKey(unit.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var evName string
	for _, e := range ziptest.Entries(t, good) {
		if strings.HasPrefix(e.Name, exchange.EvidenceDir) {
			evName = e.Name
		}
	}
	// another: the same unit's next assessment as the lead sees it — a
	// fresh uid, so that what is refused is the package, not its revision.
	another := func(t *testing.T, fn func(c *exchange.Contents)) string {
		return unit.signed(t, id, key, func(c *exchange.Contents) {
			c.Manifest.Assessment.UID = strings.Repeat("5e", 16)
			fn(c)
		})
	}
	catalogHash := func(c *exchange.Contents) {
		s := sha256.Sum256(c.Catalog)
		c.Manifest.Assessment.CatalogHash = hex.EncodeToString(s[:])
	}
	sealed := unit.export(t, id, "电话里说的密码")
	sealedBytes, _ := os.ReadFile(sealed)
	zeros := bytes.Repeat([]byte{0}, 64<<20)

	for _, tc := range []struct {
		name     string
		fresh    bool // a lead that holds nothing of the unit yet (but its key)
		path     func(t *testing.T) string
		password string
		want     string
	}{
		// Inflated while the import reads it, inside the transaction: a
		// lead that has not the package yet.
		{"compression bomb under a small declared size", true, func(t *testing.T) string {
			return resigned(t, good, key, func(es []ziptest.Entry) []ziptest.Entry {
				return ziptest.With(es, evName, func(e *ziptest.Entry) { e.Declared = uint64(len(e.Data)); e.Data = zeros })
			}, func(*exchange.Manifest) {})
		}, "", exchange.ProbSize},
		{"compression bomb declared honestly", false, func(t *testing.T) string {
			return resigned(t, good, key, func(es []ziptest.Entry) []ziptest.Entry {
				return ziptest.With(es, evName, func(e *ziptest.Entry) { e.Declared = 900 << 20 })
			}, sizeOf(evName, 900<<20))
		}, "", exchange.ProbInflated},
		{"unknown format version", false, func(t *testing.T) string {
			return resigned(t, good, key, nil, func(m *exchange.Manifest) { m.Format = "pingce/package@2" })
		}, "", exchange.ProbVersion},
		{"huge size declared in the manifest", false, func(t *testing.T) string {
			return resigned(t, good, key, nil, sizeOf(evName, 1<<50))
		}, "", exchange.ProbTooLarge},
		{"huge document size declared in the manifest", false, func(t *testing.T) string {
			return resigned(t, good, key, nil, sizeOf(exchange.AnswersName, 1e12))
		}, "", exchange.ProbTooLarge},
		{"claims more answered than the answers give", false, func(t *testing.T) string {
			return resigned(t, good, key, nil, func(m *exchange.Manifest) { m.Assessment.Answered, m.Assessment.Applicable = 999, 999 })
		}, "", exchange.ProbClaims},
		{"sealed and truncated", false, func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "cut.pingce")
			os.WriteFile(p, sealedBytes[:len(sealedBytes)-64], 0o600)
			return p
		}, "电话里说的密码", exchange.ProbTruncated},
		{"sealed, no password", false, func(t *testing.T) string { return sealed }, "", exchange.ProbPassword},
		{"conflicting catalog: same id and version, other content", false, func(t *testing.T) string {
			return another(t, func(c *exchange.Contents) {
				var doc map[string]any
				if err := json.Unmarshal(c.Catalog, &doc); err != nil {
					t.Fatal(err)
				}
				title, _ := json.Marshal(doc["title"])
				changed, _ := json.Marshal(doc["title"].(string) + "（改）")
				if !bytes.Contains(c.Catalog, title) {
					t.Fatalf("no title %s in the catalog document", title)
				}
				c.Catalog = bytes.Replace(c.Catalog, title, changed, 1)
				catalogHash(c)
			})
		}, "", exchange.ProbContent},
		{"catalog not in its canonical form", true, func(t *testing.T) string {
			return another(t, func(c *exchange.Contents) {
				var buf bytes.Buffer
				if err := json.Indent(&buf, c.Catalog, "", "  "); err != nil {
					t.Fatal(err)
				}
				c.Catalog = buf.Bytes()
				catalogHash(c)
			})
		}, "", exchange.ProbContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lead := newSide(t, storagetest.Open(t), "刘建国")
			if tc.fresh {
				if err := lead.st.TrustKey(lead.ctx, "某某区公安分局", key.Public().(ed25519.PublicKey)); err != nil {
					t.Fatal(err)
				}
			} else {
				lead.importFile(t, good, true)
			}
			path := tc.path(t)
			before := dump(t, lead.st)
			_, _, err := lead.svc.Import(lead.ctx, path, exchange.Options{Password: tc.password}, exchange.ApplyOptions{TrustNew: true}, false)
			if code := exchange.ProblemCode(err); code != tc.want {
				t.Fatalf("refused with %q (%v), want %s", code, err, tc.want)
			}
			if after := dump(t, lead.st); !slices.Equal(before, after) {
				t.Errorf("the refused package changed the database:\n%s", diff(before, after))
			}
			inChinese(t, err)
		})
	}
}

// TestExchange_H5RefusalsInChinese gives the receiver the packages only
// the database can refuse — the registry of keys, the recipient, its own
// package, a revision again — and writes each refusal in Chinese as the
// window does: no English word may be left (audit of issue 13, GAP-3:
// "made by this database itself" read 发给另一方的（密钥指纹 ）), and the
// database is as it was.
func TestExchange_H5RefusalsInChinese(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	good := unit.export(t, id, "")
	key, err := unit.st.OwnKey(unit.ctx)
	if err != nil {
		t.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, lead *side) (receiver *side, path string)
		trust bool
		want  string
	}{
		{"unregistered key", func(t *testing.T, lead *side) (*side, string) { return lead, good }, false, exchange.ProbUnknownKey},
		{"the key of another unit", func(t *testing.T, lead *side) (*side, string) {
			if err := lead.st.TrustKey(lead.ctx, "某某县公安局", pub); err != nil {
				t.Fatal(err)
			}
			return lead, good
		}, true, exchange.ProbKeyOtherUnit},
		{"a unit known with another key", func(t *testing.T, lead *side) (*side, string) {
			if err := lead.st.TrustKey(lead.ctx, "某某区公安分局", other.Public().(ed25519.PublicKey)); err != nil {
				t.Fatal(err)
			}
			return lead, good
		}, true, exchange.ProbRekeyed},
		{"addressed to another receiver", func(t *testing.T, lead *side) (*side, string) {
			return lead, unit.signed(t, id, key, func(c *exchange.Contents) {
				c.Manifest.Recipient = exchange.Fingerprint(other.Public().(ed25519.PublicKey))
			})
		}, true, exchange.ProbRecipient},
		{"made by this database itself", func(t *testing.T, lead *side) (*side, string) { return unit, good }, true, exchange.ProbOwnPackage},
		{"the same revision again", func(t *testing.T, lead *side) (*side, string) {
			lead.importFile(t, good, true)
			return lead, unit.signed(t, id, key, func(*exchange.Contents) {})
		}, true, exchange.ProbStale},
	} {
		t.Run(tc.name, func(t *testing.T) {
			receiver, path := tc.setup(t, newSide(t, storagetest.Open(t), "刘建国"))
			before := dump(t, receiver.st)
			_, _, err := receiver.svc.Import(receiver.ctx, path, exchange.Options{}, exchange.ApplyOptions{TrustNew: tc.trust}, false)
			if code := exchange.ProblemCode(err); code != tc.want {
				t.Fatalf("refused with %q (%v), want %s", code, err, tc.want)
			}
			if after := dump(t, receiver.st); !slices.Equal(before, after) {
				t.Errorf("the refused package changed the database:\n%s", diff(before, after))
			}
			inChinese(t, err)
		})
	}
}
