package exchange

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"pingce/internal/domain"
	"pingce/internal/readahead"
)

// signContext separates package signatures from any other Ed25519
// signature made with the same key (Ed25519ctx, RFC 8032).
const signContext = "pingce/package@1 manifest"

// scryptWorkFactor is age's scrypt work factor for sealed packages (2^18,
// about a second); tests lower it.
var scryptWorkFactor = 18

// Contents is what Write puts in a package.
type Contents struct {
	// Manifest is the manifest without its Files; Write fills Format,
	// Files, the sender's key and fingerprint, and ID and Created when
	// they are empty.
	Manifest    Manifest
	Catalog     []byte // the catalog document (formats.md §5)
	Answers     []byte // the answers file (pingce/answers@1)
	Audit       []AuditRecord
	Attachments []Attachment
	Review      []byte // review packages only: the review file (pingce/review@1)
	// Tasks are the register's entries that travel (tasks.json, left out
	// when there are none); their closure files' contents are evidence
	// entries like the attachments'.
	Tasks []TaskEntry
	// Standing is where the round's ranking puts the unit (standing.json,
	// the lead's review and register packages only; nil: left out).
	Standing *domain.Standing
	// Evidence opens the content of an evidence file by its SHA-256; Write
	// reads each content once and checks its hash and size as it copies.
	Evidence func(ctx context.Context, sha256 string) (io.ReadCloser, error)
}

type entry struct {
	name string
	data []byte // nil for evidence, which is streamed
	size int64
	sum  string
}

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// entries returns the package's entries but the manifest and signature,
// by name.
func (c *Contents) entries() ([]entry, error) {
	audit, err := json.Marshal(orEmpty(c.Audit))
	if err != nil {
		return nil, fmt.Errorf("write audit trail: %w", err)
	}
	att, err := json.Marshal(orEmpty(c.Attachments))
	if err != nil {
		return nil, fmt.Errorf("write evidence list: %w", err)
	}
	es := []entry{{name: CatalogName, data: c.Catalog}, {name: AnswersName, data: c.Answers},
		{name: AuditName, data: audit}, {name: AttachmentsName, data: att}}
	if c.Manifest.Kind == KindReview {
		es = append(es, entry{name: ReviewName, data: c.Review})
	}
	if len(c.Tasks) > 0 {
		recs := make([]taskRecord, len(c.Tasks))
		for i, t := range c.Tasks {
			recs[i] = recordOf(t)
		}
		b, err := json.Marshal(recs)
		if err != nil {
			return nil, fmt.Errorf("write register entries: %w", err)
		}
		es = append(es, entry{name: TasksName, data: b})
	}
	if c.Standing != nil && c.Manifest.Kind != KindSubmission {
		b, err := json.Marshal(standingRecordOf(c.Standing))
		if err != nil {
			return nil, fmt.Errorf("write standing: %w", err)
		}
		es = append(es, entry{name: StandingName, data: b})
	}
	for i := range es {
		es[i].size, es[i].sum = int64(len(es[i].data)), sumOf(es[i].data)
	}
	seen := map[string]bool{}
	content := func(name, sha string, size int64) error {
		if !validHash(sha) || size < 0 {
			return domain.Errorf(domain.EINVALID, "evidence %q has no valid hash", name)
		}
		if !seen[sha] {
			seen[sha] = true
			es = append(es, entry{name: EvidenceDir + sha, size: size, sum: sha})
		}
		return nil
	}
	for _, a := range c.Attachments {
		if err := content(a.Name, a.SHA256, a.Size); err != nil {
			return nil, err
		}
	}
	for _, t := range c.Tasks {
		for _, f := range t.Task.Files {
			if err := content(f.Name, f.SHA256, f.Size); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return es, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func validHash(s string) bool { return len(s) == 64 && isHex(s) }

// Write writes the package to w, signed with key and, when password is
// not empty, sealed with it (age, scrypt). It returns the manifest as
// written.
func Write(ctx context.Context, w io.Writer, c *Contents, key ed25519.PrivateKey, password string) (*Manifest, error) {
	es, err := c.entries()
	if err != nil {
		return nil, err
	}
	m := c.Manifest
	m.Format = Format
	if m.ID == "" {
		m.ID = NewID()
	}
	if m.Created.IsZero() {
		m.Created = time.Now()
	}
	m.Created = m.Created.UTC().Truncate(time.Second)
	pub := key.Public().(ed25519.PublicKey)
	m.Sender.Key, m.Sender.Fingerprint = KeyLine(pub), Fingerprint(pub)
	m.Files = make([]File, len(es))
	for i, e := range es {
		m.Files[i] = File{Name: e.name, SHA256: e.sum, Size: e.size}
	}
	mb, err := json.MarshalIndent(&m, "", " ")
	if err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	sig, err := key.Sign(nil, mb, &ed25519.Options{Context: signContext})
	if err != nil {
		return nil, fmt.Errorf("sign manifest: %w", err)
	}
	sigText := KeyLine(pub) + "\n" + base64.StdEncoding.EncodeToString(sig) + "\n"

	out := w
	var sealed io.WriteCloser
	if password != "" {
		r, err := age.NewScryptRecipient(password)
		if err != nil {
			return nil, fmt.Errorf("seal package: %w", err)
		}
		r.SetWorkFactor(scryptWorkFactor)
		if sealed, err = age.Encrypt(w, r); err != nil {
			return nil, fmt.Errorf("seal package: %w", err)
		}
		out = sealed
	}
	zw := zip.NewWriter(out)
	put := func(name string, method uint16) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: m.Created})
	}
	for _, e := range []entry{{name: ManifestName, data: mb}, {name: SignatureName, data: []byte(sigText)}} {
		fw, err := put(e.name, zip.Store)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(e.data); err != nil {
			return nil, err
		}
	}
	report := progressFrom(ctx)
	var done, total int64
	for _, e := range es {
		total += e.size
	}
	for _, e := range es {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		report(done, total)
		done += e.size
		if e.data != nil || !strings.HasPrefix(e.name, EvidenceDir) {
			fw, err := put(e.name, zip.Deflate)
			if err != nil {
				return nil, err
			}
			if _, err := fw.Write(e.data); err != nil {
				return nil, err
			}
			continue
		}
		// Evidence is mostly compressed already (PDF, JPEG): stored as is.
		fw, err := put(e.name, zip.Store)
		if err != nil {
			return nil, err
		}
		if err := copyEvidence(ctx, &progressWriter{w: fw, done: done - e.size, total: total, report: report}, c, e); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("write package: %w", err)
	}
	if sealed != nil {
		if err := sealed.Close(); err != nil {
			return nil, fmt.Errorf("seal package: %w", err)
		}
	}
	report(total, total)
	return &m, nil
}

// copyEvidence copies one evidence content, checking its size. Its hash
// is not computed here: the manifest takes it from the database, which
// keeps each content under its SHA-256, and the export's verification of
// the written file (Services.write) hashes every entry against it — a
// content damaged in the database fails there, once, instead of in a
// second pass over the same bytes.
func copyEvidence(ctx context.Context, w io.Writer, c *Contents, e entry) error {
	if c.Evidence == nil {
		return domain.Errorf(domain.EINVALID, "no evidence content to write")
	}
	rc, err := c.Evidence(ctx, e.sum)
	if err != nil {
		return fmt.Errorf("read evidence %s: %w", e.sum[:8], err)
	}
	defer rc.Close()
	// Read ahead: the database gives the next piece while this one is
	// written to the package (two processors at work, not one in turn).
	ra := readahead.New(io.LimitReader(rc, e.size+1), 1<<20, 2)
	defer ra.Close()
	n, err := io.Copy(w, ra) // WriteTo: a buffer at a time
	if err != nil {
		return fmt.Errorf("write evidence %s: %w", e.sum[:8], err)
	}
	if n != e.size {
		return damagedEvidence(e.sum, fmt.Sprintf("size %d, not %d", n, e.size))
	}
	return nil
}

// damagedEvidence is the refusal of an export whose evidence, as stored
// in the database, is not what the database says of it.
func damagedEvidence(sum, detail string) error {
	return domain.Errorf(domain.EINTERNAL, "evidence %s is not what the database says (%s): run pingce db check", sum[:8], detail)
}

// progressKey keys the progress callback of an export in a context.
type progressKey struct{}

// WithProgress returns ctx carrying f, which Services.Export and
// ExportRegister (and Write) call while they write a package and then
// read it back to verify it: done of total bytes, total being the
// entries' sizes twice (written, then verified), at most every MiB or so.
func WithProgress(ctx context.Context, f func(done, total int64)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// progressFrom returns the progress callback ctx carries (one that does
// nothing when none).
func progressFrom(ctx context.Context) func(done, total int64) {
	if f, ok := ctx.Value(progressKey{}).(func(done, total int64)); ok && f != nil {
		return f
	}
	return func(int64, int64) {}
}

// progressWriter reports the bytes written through it, every MiB.
type progressWriter struct {
	w           io.Writer
	done, total int64
	last        int64
	report      func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.done-p.last >= 1<<20 {
		p.last = p.done
		p.report(p.done, p.total)
	}
	return n, err
}
