package exchange

import (
	"context"
	"crypto/ed25519"
	"io"
	"time"

	"pingce/internal/domain"
)

// Store is the database side of exchange: this side's key, the keys it
// trusts, the identity of assessments across machines, and applying a
// package in one transaction. *storage.Store implements it.
type Store interface {
	// OwnKey returns this database's signing key, making it on first use.
	OwnKey(ctx context.Context) (ed25519.PrivateKey, error)
	// TrustedKeys returns the keys this side trusts, by unit.
	TrustedKeys(ctx context.Context) ([]TrustedKey, error)
	// TrustKey registers pub as the key of the unit named unit. A unit that
	// has another key already, or a key registered for another unit, needs
	// an administrator (EFORBIDDEN otherwise): that replaces the old key.
	TrustKey(ctx context.Context, unit string, pub ed25519.PublicKey) error
	// RemoveKey forgets a trusted key. ENOTFOUND when it is not registered.
	RemoveKey(ctx context.Context, fingerprint string) error
	// ExchangeInfo returns what an export of the assessment needs beyond
	// the domain services: its uid (made on the first call), the catalog
	// document, and what it last received.
	ExchangeInfo(ctx context.Context, assessmentID int64) (*Link, error)
	// MarkExported records the package just written for the assessment.
	MarkExported(ctx context.Context, assessmentID int64, m *Manifest) error
	// ApplyPackage applies a verified package in one transaction (see
	// docs/formats.md §7, Receiving) and says what it did. It reads the
	// evidence it stores through Package.Evidence and calls
	// Package.VerifyEvidence before it commits (the package may have been
	// opened with CheckEvidenceLater): a mismatch rolls everything back.
	ApplyPackage(ctx context.Context, p *Package, opt ApplyOptions) (*Applied, error)
	// CheckPackage runs ApplyPackage's checks and changes nothing: what an
	// import would do, or why it would be refused.
	CheckPackage(ctx context.Context, p *Package, opt ApplyOptions) (*Applied, error)
}

// Link is what the database knows about an assessment's exchanges.
type Link struct {
	AssessmentID int64
	UID          string
	Received     bool   // the assessment came in a submission package (this is the lead's side)
	Peer         string // fingerprint of the other side's key, "" when not known
	LastPackage  string // id of the last package received about it
	Revision     int    // revision of the last package received
	CatalogDoc   []byte
	CatalogHash  string
	LastExported time.Time
}

// ApplyOptions are the options of ApplyPackage.
type ApplyOptions struct {
	// TrustNew registers an unknown sender key for the sender's unit (the
	// user confirmed the fingerprint).
	TrustNew bool
}

// Applied says what applying a package did.
type Applied struct {
	AssessmentID int64
	Already      bool // the same package was imported before: nothing changed
	NewKey       bool // the sender's key was not known (registered when TrustNew)
	// Key says what the receiver's registry of trusted keys makes of the
	// signer (one of the Key* values; "" when the import stopped before
	// the registry was looked at).
	Key             string
	CreatedUnit     bool
	CreatedCatalog  bool
	CreatedAssess   bool
	Status          string // the assessment's status after the import
	Evidence        int    // evidence files attached
	ReceivedEntries int    // audit entries of the sender kept
	// Tasks counts the register entries the package brought (tasks.json):
	// TasksNew of them new here; TasksKept of them with a status change the
	// sender's side may not make (the receiver's status stands).
	Tasks, TasksNew, TasksKept int
	// Standing is the ranking a review brought (nil: none).
	Standing *domain.Standing
}

// What the registry of trusted keys makes of a package's signer
// (Applied.Key).
const (
	KeyTrusted   = "trusted"    // registered for the sender's unit
	KeyNew       = "new"        // not registered, and no key is for the unit
	KeyOtherUnit = "other-unit" // registered, for another unit than the one the package names
	KeyRekeyed   = "rekeyed"    // not registered, and another key is registered for the unit
)

// TaskLinker is a Store that names register entries across machines:
// Build sends the assessment's entries (tasks.json) when the Store is one.
type TaskLinker interface {
	// TaskUIDs returns the uid of each entry given (32 hex digits), making
	// those it lacks.
	TaskUIDs(ctx context.Context, taskIDs []int64) (map[int64]string, error)
}

// ContentOpener is a Store that can open a stored evidence content by its
// SHA-256 without a copy of its own; Build uses it when the Store has it
// (Write checks each content's size and hash as it copies either way).
type ContentOpener interface {
	OpenContent(ctx context.Context, sha256 string) (io.ReadCloser, error)
}
