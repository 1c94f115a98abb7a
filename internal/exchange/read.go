package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"filippo.io/age"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/review"
)

// Limits caps what Open reads. The zero value means the defaults.
type Limits struct {
	File     int64 // the package file (sealed or not); default 4 GiB
	Entries  int   // entries in the zip; default 20,000
	Evidence int64 // one evidence file; default 1 GiB
	Document int64 // the manifest, catalog, answers, audit, lists; default 64 MiB
	// Total caps the sum of the sizes the manifest declares for its
	// entries, checked before any entry is read: the per-entry caps alone
	// let a 4 GiB file declare thousands of 1 GiB entries, hours of
	// inflating and hashing. Default 8 GiB.
	Total int64
	// Ratio caps how many times the size of the (unsealed) zip file the
	// declared sizes may add up to, once they add up to more than
	// RatioFree: a package of PDFs and photos inflates to about its own
	// size, a compression bomb to a thousand times it. Default 100.
	Ratio int64
}

// RatioFree is what the declared sizes may add up to whatever the file's
// size (Limits.Ratio): small packages of text compress well.
const RatioFree = 256 << 20

func (l Limits) withDefaults() Limits {
	if l.File <= 0 {
		l.File = 4 << 30
	}
	if l.Entries <= 0 {
		l.Entries = 20000
	}
	if l.Evidence <= 0 {
		l.Evidence = 1 << 30
	}
	if l.Document <= 0 {
		l.Document = 64 << 20
	}
	if l.Total <= 0 {
		l.Total = 8 << 30
	}
	if l.Ratio <= 0 {
		l.Ratio = 100
	}
	return l
}

// Options are the options of Open.
type Options struct {
	Password string // opens a sealed package
	Limits   Limits
	// TempDir holds the opened copy of a sealed package ("" = os.TempDir()).
	TempDir string
	// CheckEvidenceLater leaves the evidence entries' hashes to be checked
	// as they are read (Package.Evidence) and by Package.VerifyEvidence,
	// instead of in a pass of their own before Open returns: for an import
	// that reads them inside its transaction and verifies the rest before
	// it commits, so that each byte is read and hashed once. Everything
	// else — the signature first, the entries, sizes, the documents'
	// hashes and contents — is checked by Open as always.
	CheckEvidenceLater bool
	// Progress, when set, is called as the entries are read and hashed —
	// by Open, by the readers of Package.Evidence and by
	// Package.VerifyEvidence — with the bytes done and the sum of the
	// sizes the manifest declares (total): every step of about 1 MiB and
	// at the end of each entry, one call at a time, each entry counted
	// once however often it is read; done reaches total when every entry
	// was read. A sealed package first reports its decryption as a pass
	// of its own over the sealed file's size: a new total starts a new
	// pass. Open's ctx, checked at each read, stops all of them (Open and
	// VerifyEvidence return ctx.Err()).
	Progress func(done, total int64)
}

// Package is a package Open has verified: signature, entries, sizes and
// hashes, and the contents parsed. Close it to release the file.
type Package struct {
	Manifest       Manifest
	ManifestSHA256 string // SHA-256 of the manifest's bytes
	Signer         ed25519.PublicKey
	Sealed         bool // it was sealed with a password

	CatalogDoc  []byte // the catalog document, as in the package
	Catalog     *domain.Catalog
	Answers     *domain.AnswerSet
	Audit       []AuditRecord
	Attachments []Attachment
	Review      *review.File // review packages: the lead's verdicts
	// Tasks are the 整改 register's entries the package brings (tasks.json;
	// none when it has no such entry).
	Tasks []TaskEntry
	// Standing is where the lead's ranking of the round puts the unit
	// (standing.json, review packages); nil when the package has none.
	Standing *domain.Standing

	file    *os.File
	temp    string // the opened copy of a sealed package, removed by Close
	entries map[string]*zip.File
	// checkLater: Options.CheckEvidenceLater
	checkLater bool
	// Result scores the answers the package carries against its catalog
	// for the unit type of the answers (with the round's facts its
	// standing brings, if any), as this side's Pingce scores them: what a
	// window shows as the package's score, not the manifest's claim
	// (assessment.final and grade). Open has checked the manifest's
	// answered and applicable counts against it.
	Result *domain.Result

	ctx     context.Context // Open's: stops the readers of Evidence
	zipSize int64           // the (unsealed) zip file's size
	meter   meter
}

// Close releases the package's file.
func (p *Package) Close() error {
	if p == nil || p.file == nil {
		return nil
	}
	err := p.file.Close()
	if p.temp != "" {
		_ = os.Remove(p.temp)
	}
	p.file = nil
	return err
}

// Evidence opens the evidence file with the given SHA-256 for reading. The
// reader checks the size and hash as it is read (every time) and fails at
// its end when they differ: a reader of it may take the content as having
// the hash sha once it has read it to its end without an error. It stops
// with ctx.Err() once the context given to Open is done, and counts on
// Options.Progress the first time the entry is read to its end.
func (p *Package) Evidence(sha string) (io.ReadCloser, error) {
	f := p.entries[EvidenceDir+sha]
	if f == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "the package has no evidence %s", sha)
	}
	ctx := p.ctx
	if ctx == nil { // not opened by Open
		ctx = context.Background()
	}
	return p.open(ctx, f, File{Name: f.Name, SHA256: sha, Size: p.size(f.Name)})
}

// VerifyEvidence checks the hash of every evidence entry not checked yet
// (see Options.CheckEvidenceLater): an import calls it inside its
// transaction, before it commits, for the entries it did not read (a
// content the receiver has already, say). The first mismatch is the error.
func (p *Package) VerifyEvidence(ctx context.Context) error {
	for _, f := range p.Manifest.Files {
		if !strings.HasPrefix(f.Name, EvidenceDir) || !p.meter.counts(f.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rc, err := p.open(ctx, p.entries[f.Name], f)
		if err != nil {
			return err
		}
		err = discard(rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *Package) size(name string) int64 {
	for _, f := range p.Manifest.Files {
		if f.Name == name {
			return f.Size
		}
	}
	return 0
}

// EvidenceSize returns the number and total size of the evidence contents.
func (p *Package) EvidenceSize() (n int, size int64) {
	for _, f := range p.Manifest.Files {
		if strings.HasPrefix(f.Name, EvidenceDir) {
			n, size = n+1, size+f.Size
		}
	}
	return n, size
}

// checked reads an entry and checks its size and hash at the end.
type checked struct {
	r    io.Reader
	c    io.Closer
	name string
	want string
	size int64
	n    int64
	h    interface {
		io.Writer
		Sum([]byte) []byte
	}
	ok    func() // called once the whole entry was read and matched
	err   error  // the first failure, given again to every later Read
	ctx   context.Context
	meter *meter // counts what is read, when the entry is counted
}

func (c *checked) Read(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if err := c.ctx.Err(); err != nil {
		c.err = err
		return 0, err
	}
	n, err := c.read(b)
	if c.meter != nil {
		c.meter.add(int64(n))
	}
	if err != nil && err != io.EOF {
		c.err = err
	} else if err == io.EOF && c.ok != nil {
		c.ok()
		c.ok = nil
	}
	return n, err
}

func (c *checked) read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.h.Write(b[:n])
	if c.n > c.size {
		return n, sizeErr(c.name, c.n, c.size)
	}
	if err == io.EOF {
		if c.n != c.size {
			return n, sizeErr(c.name, c.n, c.size)
		}
		if hex.EncodeToString(c.h.Sum(nil)) != c.want {
			return n, hashErr(c.name)
		}
	} else if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			// archive/zip stops an entry that inflates past its header's size.
			return n, sizeErr(c.name, c.size+1, c.size)
		}
		err = readErr(c.name, err)
	}
	return n, err
}

func (c *checked) Close() error { return c.c.Close() }

// Len returns the number of bytes the entry still holds by the manifest,
// as bytes.Reader does: a reader that reads all of it (AddEvidence) then
// takes a buffer of the right size instead of growing one.
func (c *checked) Len() int { return int(max(c.size-c.n, 0)) }

// sizeErr says that the entry name holds got bytes, not want; got > want
// means "more than want" (a reader stops at want+1).
func sizeErr(name string, got, want int64) error {
	if got > want {
		return fail(domain.EINVALID, ProbSize, "{name} holds more than {want} bytes, the size the manifest says",
			"name", name, "size", strconv.FormatInt(want, 10), "more", "1", "want", strconv.FormatInt(want, 10))
	}
	return fail(domain.EINVALID, ProbSize, "{name} holds {size} bytes, not the {want} the manifest says",
		"name", name, "size", strconv.FormatInt(got, 10), "want", strconv.FormatInt(want, 10))
}

func hashErr(name string) error {
	return fail(domain.EINVALID, ProbHash, "{name} is not what the sender signed: its content was changed or damaged", "name", name)
}

// readErr names a failure to read an entry: a damaged or cut file. The
// end of a context is no such failure and is returned as it is.
func readErr(name string, err error) error {
	var de *domain.Error
	if errors.As(err, &de) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	// Anything else that stops the zip reader or the inflater —
	// io.ErrUnexpectedEOF, zip.ErrFormat, zip.ErrChecksum,
	// flate.CorruptInputError, flate.InternalError, a read error of the
	// file — is a damaged or cut copy.
	if errors.Is(err, zip.ErrAlgorithm) {
		return fail(domain.EINVALID, ProbBadEntry, "the package holds an entry {name:q} that Pingce refuses: it is compressed in a way Pingce does not write",
			"name", name, "why", WhyMethod)
	}
	return fail(domain.EINVALID, ProbTruncated, "the package is damaged or cut short (at {name}: "+err.Error()+"): copy it again",
		"at", AtEntry, "name", name)
}

// truncated says that the package (file) is damaged or cut short at one
// of the At* places.
func truncated(at, english string) error {
	return fail(domain.EINVALID, ProbTruncated, "the package is damaged or cut short ("+english+"): copy it again", "at", at)
}

// ageHeader starts every age file.
const ageHeader = "age-encryption.org/v1\n"

// Open reads and verifies the package at path (see the package comment).
// Every refusal is a *domain.Error with one package.* problem.
func Open(ctx context.Context, path string, opt Options) (*Package, error) {
	lim := opt.Limits.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, domain.Errorf(domain.ENOTFOUND, "no package %s", path)
		}
		return nil, fmt.Errorf("open package: %w", err)
	}
	p := &Package{file: f, checkLater: opt.CheckEvidenceLater, ctx: ctx}
	p.meter.fn = opt.Progress
	ok := false
	defer func() {
		if !ok {
			p.Close()
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open package: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, notPackage(filepath.Base(path), WhyNotFile, "it is not a file")
	}
	var head [len(ageHeader)]byte
	n, _ := io.ReadFull(f, head[:])
	if n == 0 {
		return nil, notPackage(filepath.Base(path), WhyEmpty, "it is empty")
	}
	size := st.Size()
	if string(head[:n]) == ageHeader {
		p.Sealed = true
		if opt.Password == "" {
			return nil, fail(domain.EINVALID, ProbPassword, "the package is sealed with a password: give the password")
		}
		if size, err = p.unseal(ctx, filepath.Base(path), st.Size(), opt, lim); err != nil {
			return nil, err
		}
	}
	if size > lim.File {
		return nil, fileTooLarge(lim)
	}
	if err := p.read(ctx, filepath.Base(path), size, lim); err != nil {
		return nil, err
	}
	ok = true
	return p, nil
}

// notPackage says that file is not a package, for one of the Why* reasons.
func notPackage(file, why, english string) error {
	return fail(domain.EINVALID, ProbNotPackage, "{file} is not a Pingce package: "+english, "file", file, "why", why)
}

func fileTooLarge(lim Limits) error {
	return fail(domain.ETOOLARGE, ProbTooLarge, "the package is larger than {limit} bytes",
		"what", TooLargeFile, "limit", strconv.FormatInt(lim.File, 10))
}

// unseal decrypts the sealed package (file, of sealedSize bytes) into a
// temporary file that replaces p.file, reading at most lim.File bytes,
// and returns its size.
func (p *Package) unseal(ctx context.Context, file string, sealedSize int64, opt Options, lim Limits) (int64, error) {
	if _, err := p.file.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	p.meter.start(sealedSize)
	id, err := age.NewScryptIdentity(opt.Password)
	if err != nil {
		return 0, fmt.Errorf("open sealed package: %w", err)
	}
	// A hostile header could ask for any scrypt cost: allow no more than
	// Write uses (2^18: about a second and 256 MiB).
	id.SetMaxWorkFactor(max(scryptWorkFactor, 18))
	r, err := age.Decrypt(bufio.NewReader(countingReader{ctx, p.file, &p.meter}), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		switch {
		case ctx.Err() != nil:
			return 0, ctx.Err()
		case errors.As(err, &nm) || strings.Contains(err.Error(), "incorrect"):
			return 0, fail(domain.EINVALID, ProbWrongPassword, "the password does not open the package: check it with the sender")
		case strings.Contains(err.Error(), "work factor"):
			// A hostile header asking for hours of scrypt: Write never does.
			return 0, notPackage(file, WhyWorkFactor, "its password asks for more work than Pingce allows ("+err.Error()+")")
		}
		return 0, truncated(AtSealHeader, "at the sealed package's header: "+err.Error())
	}
	tmp, err := os.CreateTemp(opt.TempDir, "pingce-package-*.zip")
	if err != nil {
		return 0, fmt.Errorf("open sealed package: %w", err)
	}
	n, err := copyLarge(tmp, io.LimitReader(r, lim.File+1))
	p.file.Close()
	p.file, p.temp = tmp, tmp.Name()
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, truncated(AtSealContent, "in the sealed content: "+err.Error())
	}
	if n > lim.File {
		return 0, fileTooLarge(lim)
	}
	return n, nil
}

// read checks the zip's structure, the signature, the manifest and every
// entry, then parses the contents.
func (p *Package) read(ctx context.Context, file string, size int64, lim Limits) error {
	p.zipSize = size
	var sig [4]byte
	if _, err := p.file.ReadAt(sig[:], 0); err != nil || string(sig[:]) != "PK\x03\x04" {
		return notPackage(file, WhyNotZip, "it does not start as a zip archive (something else, or data before it)")
	}
	zr, err := zip.NewReader(p.file, size)
	if err != nil {
		// It starts like a zip but has no readable directory at its end.
		return truncated(AtEnd, "at its end: no zip directory")
	}
	if len(zr.File) > lim.Entries {
		return tooManyEntries(lim)
	}
	if len(zr.File) == 0 {
		return notPackage(file, WhyZipEmpty, "the zip archive is empty")
	}
	if err := startsAtZero(p.file, zr.File[0]); err != nil {
		return notPackage(file, WhyDataBefore, "there is data before the zip archive")
	}
	p.entries = map[string]*zip.File{}
	folded := map[string]string{}
	for _, f := range zr.File {
		low := strings.ToLower(f.Name)
		if prev, dup := folded[low]; dup {
			return fail(domain.EINVALID, ProbEntryTwice, "the entry {name} is in the package twice (as {prev})", "name", f.Name, "prev", prev)
		}
		folded[low] = f.Name
		if err := checkEntry(f); err != nil {
			return err
		}
		p.entries[f.Name] = f
	}
	// The signature first: nothing else is parsed before it is checked.
	mb, err := p.readSmall(ManifestName, 1<<20)
	if err != nil {
		return err
	}
	sb, err := p.readSmall(SignatureName, 4<<10)
	if err != nil {
		return err
	}
	signer, err := verify(mb, sb)
	if err != nil {
		return err
	}
	p.Signer, p.ManifestSHA256 = signer, sumOf(mb)
	if err := p.parseManifest(mb, lim); err != nil {
		return err
	}
	return p.readEntries(ctx)
}

func tooManyEntries(lim Limits) error {
	return fail(domain.ETOOLARGE, ProbTooLarge, "the package holds more than {limit} entries",
		"what", TooLargeEntries, "limit", strconv.Itoa(lim.Entries))
}

// startsAtZero checks that the first entry's local header is at offset 0:
// archive/zip silently skips data written before the archive.
func startsAtZero(ra io.ReaderAt, f *zip.File) error {
	var h [30]byte
	if _, err := ra.ReadAt(h[:], 0); err != nil {
		return err
	}
	off, err := f.DataOffset()
	if err != nil {
		return err
	}
	if want := int64(30) + int64(binary.LittleEndian.Uint16(h[26:])) + int64(binary.LittleEndian.Uint16(h[28:])); off != want {
		return errors.New("data before the archive")
	}
	return nil
}

// checkEntry refuses names and kinds of entry that are not a plain file
// with a safe local name.
func checkEntry(f *zip.File) error {
	bad := func(why, english string) error {
		return fail(domain.EINVALID, ProbBadEntry, "the package holds an entry {name:q} that Pingce refuses: "+english, "name", f.Name, "why", why)
	}
	name := f.Name
	switch {
	case name == "":
		return bad(WhyNoName, "it has no name")
	case strings.ContainsRune(name, '\\'):
		return bad(WhyBackslash, "its name holds a backslash")
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, "//"):
		return bad(WhyAbsolute, "its name is an absolute path")
	case len(name) >= 2 && name[1] == ':':
		return bad(WhyDrive, "its name is a drive path")
	case strings.HasSuffix(name, "/") || f.Mode().IsDir():
		return bad(WhyFolder, "it is a folder")
	case !filepath.IsLocal(name) || strings.Contains(name, ".."):
		return bad(WhyOutside, "its name leads out of the package")
	case f.Mode()&os.ModeSymlink != 0:
		return bad(WhySymlink, "it is a symbolic link")
	case !f.Mode().IsRegular():
		return bad(WhyNotPlain, "it is not a plain file")
	case !knownName(name):
		return bad(WhyUnknownEntry, "it is not an entry of a Pingce package")
	}
	return nil
}

// knownName reports whether name is one of the entry names of the format.
func knownName(name string) bool {
	switch name {
	case ManifestName, SignatureName, CatalogName, AnswersName, AuditName, AttachmentsName, ReviewName,
		TasksName, StandingName:
		return true
	}
	h, ok := strings.CutPrefix(name, EvidenceDir)
	return ok && validHash(h)
}

// readSmall reads a whole entry of at most limit bytes.
func (p *Package) readSmall(name string, limit int64) ([]byte, error) {
	f := p.entries[name]
	if f == nil {
		return nil, fail(domain.EINVALID, ProbEntryMissing, "the package lacks {name}", "name", name)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, entryTooLarge(name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, readErr(name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, readErr(name, err)
	}
	if int64(len(b)) > limit {
		return nil, entryTooLarge(name, limit)
	}
	return b, nil
}

// entryTooLarge says that the entry name is larger than limit bytes.
func entryTooLarge(name string, limit int64) error {
	return fail(domain.ETOOLARGE, ProbTooLarge, "{what} is larger than {limit} bytes", "what", name, "limit", strconv.FormatInt(limit, 10))
}

// verify checks the detached signature (manifest.sig: the key line, then
// the signature in base64) over the manifest's exact bytes.
func verify(manifest, sigText []byte) (ed25519.PublicKey, error) {
	badSig := fail(domain.EINVALID, ProbBadSignature, "the signature does not match the manifest: the package was changed after it was signed, or is damaged")
	keyLine, sigLine, ok := strings.Cut(string(sigText), "\n")
	if !ok || !strings.HasSuffix(sigLine, "\n") || strings.Count(sigLine, "\n") != 1 {
		return nil, badSig
	}
	pub, err := ParseKeyLine(keyLine)
	if err != nil {
		return nil, badSig
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSuffix(sigLine, "\n"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, badSig
	}
	if ed25519.VerifyWithOptions(pub, manifest, sig, &ed25519.Options{Context: signContext}) != nil {
		return nil, badSig
	}
	return pub, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown keys and
// anything after the value.
func decodeStrict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("more than one JSON value: %w", errTrailing)
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("text after the JSON value: %w", errTrailing)
	}
	return nil
}

// errTrailing marks a JSON document with more after its value.
var errTrailing = errors.New("the document goes on after its value")

func (p *Package) parseManifest(mb []byte, lim Limits) error {
	badManifest := func(detail, english string, kv ...string) error {
		return fail(domain.EINVALID, ProbBadManifest, "the manifest cannot be read: "+english, append([]string{"detail", detail}, kv...)...)
	}
	var head struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(mb, &head); err != nil {
		return badManifest(jsonDetail(err))
	}
	if head.Format != Format {
		return fail(domain.EINVALID, ProbVersion, "the package is in format {format:q}, but this Pingce reads {want:q}: update Pingce",
			"format", head.Format, "want", Format)
	}
	m := &p.Manifest
	if err := decodeStrict(mb, m); err != nil {
		return badManifest(jsonDetail(err))
	}
	switch {
	case !validID(m.ID):
		return badManifest(DetailBadID, "the package id is not 32 hex digits")
	case m.Kind != KindSubmission && m.Kind != KindReview && m.Kind != KindRegister:
		return badManifest(DetailBadKind, fmt.Sprintf("unknown kind %q", m.Kind), "value", m.Kind)
	case !validID(m.Assessment.UID):
		return badManifest(DetailBadUID, "the assessment uid is not 32 hex digits")
	case m.Revision < 1:
		return badManifest(DetailBadRevision, "the revision must be 1 or more")
	case m.Kind == KindReview && !validID(m.InReplyTo):
		return badManifest(DetailNoReplyTo, "a review names the submission it answers (in_reply_to)")
	case m.Recipient != "" && !ValidFingerprint(m.Recipient):
		return badManifest(DetailBadRecipient, "the recipient is not a key fingerprint")
	case !validHash(m.Assessment.CatalogHash):
		return badManifest(DetailBadCatalogHash, "the catalog hash is not a SHA-256")
	}
	key, err := ParseKeyLine(m.Sender.Key)
	if err != nil || !key.Equal(p.Signer) || m.Sender.Fingerprint != Fingerprint(key) {
		return badManifest(DetailWrongKey, "the sender's key is not the key that signed it")
	}
	if len(m.Files) > lim.Entries {
		return tooManyEntries(lim)
	}
	listed := map[string]bool{ManifestName: true, SignatureName: true}
	var total int64
	for _, f := range m.Files {
		evidence := strings.HasPrefix(f.Name, EvidenceDir)
		limit := lim.Document
		if evidence {
			limit = lim.Evidence
		}
		switch {
		case f.Name == ManifestName || f.Name == SignatureName || !knownName(f.Name):
			return badManifest(DetailUnknownEntry, fmt.Sprintf("it lists an entry %q that is not one of a package", f.Name), "name", f.Name)
		case listed[f.Name]:
			return fail(domain.EINVALID, ProbEntryTwice, "the entry {name} is in the package twice (as {prev})", "name", f.Name, "prev", f.Name)
		case !validHash(f.SHA256) || f.Size < 0:
			return badManifest(DetailBadFile, fmt.Sprintf("%s has no valid hash or size", f.Name), "name", f.Name)
		case f.Size > limit:
			return entryTooLarge(f.Name, limit)
		case evidence && f.SHA256 != strings.TrimPrefix(f.Name, EvidenceDir):
			return badManifest(DetailNotByHash, fmt.Sprintf("%s is not named by its hash", f.Name), "name", f.Name)
		}
		listed[f.Name] = true
		if p.entries[f.Name] == nil {
			return fail(domain.EINVALID, ProbEntryMissing, "the package lacks {name}", "name", f.Name)
		}
		total += f.Size // each at most lim.Evidence, at most lim.Entries of them: no overflow
		if total > lim.Total {
			return fail(domain.ETOOLARGE, ProbTooLarge, "its entries add up to more than {limit} bytes",
				"what", TooLargeTotal, "limit", strconv.FormatInt(lim.Total, 10))
		}
	}
	if total > RatioFree && total/lim.Ratio > p.zipSize {
		return fail(domain.ETOOLARGE, ProbInflated, "its entries add up to {size} bytes, more than {ratio} times the {file} bytes of the package",
			"size", strconv.FormatInt(total, 10), "file", strconv.FormatInt(p.zipSize, 10), "ratio", strconv.FormatInt(lim.Ratio, 10))
	}
	for name := range p.entries {
		if !listed[name] {
			return fail(domain.EINVALID, ProbEntryExtra, "the package holds {name}, which the manifest does not list", "name", name)
		}
	}
	for _, need := range []string{CatalogName, AnswersName, AuditName, AttachmentsName} {
		if !listed[need] {
			return fail(domain.EINVALID, ProbEntryMissing, "the package lacks {name}", "name", need)
		}
	}
	if m.Kind == KindReview && !listed[ReviewName] {
		return fail(domain.EINVALID, ProbEntryMissing, "the package lacks {name}", "name", ReviewName)
	}
	if m.Kind == KindRegister && !listed[TasksName] {
		return fail(domain.EINVALID, ProbEntryMissing, "the package lacks {name}", "name", TasksName)
	}
	p.meter.start(total)
	return nil
}

// jsonDetail names what is wrong with a JSON document decodeStrict
// refused, as the Detail* code, its English and the field it is about.
func jsonDetail(err error) (string, string, string, string) {
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		return DetailWrongType, err.Error(), "field", typ.Field
	case strings.Contains(err.Error(), unknownField):
		f := err.Error()[strings.Index(err.Error(), unknownField)+len(unknownField):]
		if u, err := strconv.Unquote(f); err == nil {
			f = u
		}
		return DetailUnknownField, err.Error(), "field", f
	case errors.Is(err, errTrailing):
		return DetailTrailing, err.Error(), "field", ""
	}
	return DetailNotJSON, err.Error(), "field", ""
}

// unknownField starts encoding/json's error for a key DisallowUnknownFields
// refuses.
const unknownField = "json: unknown field "

// isJSONError reports whether err is encoding/json's or decodeStrict's.
func isJSONError(err error) bool {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, errTrailing) ||
		strings.Contains(err.Error(), unknownField) || errors.Is(err, io.ErrUnexpectedEOF)
}

// readEntries reads every entry through its declared size, checks its
// hash, and parses the documents.
func (p *Package) readEntries(ctx context.Context) error {
	docs := map[string][]byte{}
	for _, f := range p.Manifest.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		zf := p.entries[f.Name]
		if zf.UncompressedSize64 != uint64(f.Size) {
			return sizeErr(f.Name, int64(min(zf.UncompressedSize64, 1<<62)), f.Size)
		}
		if p.checkLater && strings.HasPrefix(f.Name, EvidenceDir) {
			continue // hashed while the import reads it, or by VerifyEvidence
		}
		rc, err := p.open(ctx, zf, f)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		var w io.Writer = io.Discard
		if !strings.HasPrefix(f.Name, EvidenceDir) {
			w = &buf
		}
		if w == io.Discard {
			err = discard(rc)
		} else {
			_, err = io.Copy(w, rc)
		}
		rc.Close()
		if err != nil {
			return err
		}
		if w != io.Discard {
			docs[f.Name] = buf.Bytes()
		}
	}
	return p.parse(docs)
}

// copyBuffers hold the buffers evidence is copied through: 1 MiB, so that
// a large entry takes a read (and a write) per MiB instead of per 8 or
// 32 KiB as io.Copy's own buffers would.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

// copyLarge copies r to w through a buffer of copyBuffers.
func copyLarge(w io.Writer, r io.Reader) (int64, error) {
	bp := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(bp)
	// Hide the ends' ReaderFrom/WriterTo, which would bring their own buffers.
	return io.CopyBuffer(struct{ io.Writer }{w}, struct{ io.Reader }{r}, *bp)
}

// discard reads r to its end (its checks run as it is read).
func discard(r io.Reader) error {
	_, err := copyLarge(io.Discard, r)
	return err
}

// open opens the entry zf, which the manifest lists as f, through a
// reader that checks its size and hash, stops when ctx is done, counts
// its bytes on the meter until it was once read to its end and matched
// (it is verified then: VerifyEvidence skips it).
func (p *Package) open(ctx context.Context, zf *zip.File, f File) (io.ReadCloser, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, readErr(f.Name, err)
	}
	c := &checked{r: io.LimitReader(rc, f.Size+1), c: rc, name: f.Name, want: f.SHA256, size: f.Size, h: sha256.New(), ctx: ctx}
	if p.meter.counts(f.Name) {
		c.meter = &p.meter
	}
	c.ok = func() { p.meter.finish(f.Name) }
	return c, nil
}

// parse reads the documents whose bytes and hashes were checked.
func (p *Package) parse(docs map[string][]byte) error {
	m := &p.Manifest
	bad := contentErr
	p.CatalogDoc = docs[CatalogName]
	if sumOf(p.CatalogDoc) != m.Assessment.CatalogHash {
		return hashErr(CatalogName)
	}
	cat, err := catalog.Parse(CatalogName, p.CatalogDoc)
	if err != nil {
		return bad(CatalogName, err)
	}
	if cat.Ref() != m.Assessment.Catalog {
		return bad(CatalogName, detailf(DetailOtherCatalog, []string{"value", cat.Ref(), "want", m.Assessment.Catalog},
			"it is the catalog %s, not %s", cat.Ref(), m.Assessment.Catalog))
	}
	p.Catalog = cat
	set, err := answers.Parse(AnswersName, docs[AnswersName], cat)
	if err != nil {
		return bad(AnswersName, err)
	}
	p.Answers = set
	if err := decodeStrict(docs[AuditName], &p.Audit); err != nil {
		return bad(AuditName, err)
	}
	if err := decodeStrict(docs[AttachmentsName], &p.Attachments); err != nil {
		return bad(AttachmentsName, err)
	}
	used := map[string]bool{}
	for _, a := range p.Attachments {
		f := p.entries[EvidenceDir+a.SHA256]
		if !validHash(a.SHA256) || f == nil || p.size(f.Name) != a.Size {
			return bad(AttachmentsName, detailf(DetailEvidenceMissing, []string{"value", a.Name, "item", a.Item},
				"the evidence %q of item %s is not in the package", a.Name, a.Item))
		}
		if cat.Item(a.Item) == nil {
			return bad(AttachmentsName, detailf(DetailUnknownItem, []string{"value", a.Name, "item", a.Item},
				"the evidence %q is for item %s, which the catalog does not have", a.Name, a.Item))
		}
		if err := checkOriginalName(a); err != nil {
			return bad(AttachmentsName, err)
		}
		used[a.SHA256] = true
	}
	if data, ok := docs[TasksName]; ok {
		files, err := p.parseTasks(data, cat)
		if err != nil {
			return bad(TasksName, err)
		}
		for h := range files {
			used[h] = true
		}
	}
	if data, ok := docs[StandingName]; ok {
		if m.Kind == KindSubmission {
			return bad(StandingName, detailf(DetailStandingNotLead, nil, "only the lead's packages (a review, a register package) carry the round's ranking"))
		}
		st, err := parseStanding(data, m.Assessment.Round, cat)
		if err != nil {
			return bad(StandingName, err)
		}
		p.Standing = st
	}
	for name := range p.entries {
		if h, ok := strings.CutPrefix(name, EvidenceDir); ok && !used[h] {
			return bad(AttachmentsName, detailf(DetailUnusedEvidence, []string{"value", name},
				"the package holds %s, which no evidence and no closure file is", name))
		}
	}
	if _, ok := docs[ReviewName]; ok && m.Kind != KindReview {
		return bad(ReviewName, detailf(DetailReviewNotReview, nil, "only a review package carries the lead's verdicts"))
	}
	if m.Kind == KindReview {
		rv, err := review.Parse(ReviewName, docs[ReviewName], cat)
		if err != nil {
			return bad(ReviewName, err)
		}
		p.Review = rv
	}
	return p.checkClaims()
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
