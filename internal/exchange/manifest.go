package exchange

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Format is the format of a package's manifest.
const Format = "pingce/package@1"

// The kinds of package.
const (
	KindSubmission = "submission" // a unit's answers, evidence and audit, to its lead
	KindReview     = "review"     // the lead's verdict back to the unit
	// KindRegister carries the 整改 register's entries of an assessment
	// that has travelled already, either way, whatever its state: the
	// progress after an approval (整改进展包).
	KindRegister = "register"
)

// The fixed entry names of a package. Evidence files are named
// EvidenceDir + the SHA-256 of their content in lower-case hex.
const (
	ManifestName    = "manifest.json"
	SignatureName   = "manifest.sig"
	CatalogName     = "catalog.json"
	AnswersName     = "answers.yaml"
	AuditName       = "audit.json"
	AttachmentsName = "evidence.json"
	ReviewName      = "review.yaml"
	EvidenceDir     = "evidence/"
)

// Manifest is the signed table of contents of a package
// (docs/formats.md §7). Its JSON keys are part of the format.
type Manifest struct {
	Format     string     `json:"format"`
	ID         string     `json:"id"` // 32 hex digits, random, new for every package
	Kind       string     `json:"kind"`
	Sender     Sender     `json:"sender"`
	Recipient  string     `json:"recipient,omitempty"` // fingerprint of the intended receiver's key, when known
	Assessment Assessment `json:"assessment"`
	// Revision counts the sender's packages about this assessment of
	// this kind: the submission's sequence number (1 = first submission)
	// for a submission, the number of the review for a review.
	Revision  int       `json:"revision"`
	InReplyTo string    `json:"in_reply_to,omitempty"` // a review: the id of the submission package it answers
	Created   time.Time `json:"created"`
	Files     []File    `json:"files"` // every entry but the manifest and its signature, by name
}

// Sender is who made the package.
type Sender struct {
	Unit        Unit   `json:"unit"`
	Operator    string `json:"operator"`
	Key         string `json:"key"` // the public key line (KeyLine)
	Fingerprint string `json:"fingerprint"`
}

// Unit names a unit as the sender's database keeps it.
type Unit struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Superior string `json:"superior,omitempty"`
	Code     string `json:"code,omitempty"`
}

// Assessment identifies the assessment across machines and says where it
// stands.
type Assessment struct {
	UID          string    `json:"uid"` // 32 hex digits, made by the unit's database at its first export
	Unit         Unit      `json:"unit"`
	Round        string    `json:"round"`
	Catalog      string    `json:"catalog"`      // id@version
	CatalogHash  string    `json:"catalog_hash"` // SHA-256 of catalog.json, the catalog document (formats.md §5)
	Status       string    `json:"status"`       // submitted, returned or approved
	SubmittedBy  string    `json:"submitted_by,omitempty"`
	SubmittedAt  time.Time `json:"submitted_at,omitzero"`
	Reason       string    `json:"reason,omitempty"` // a review that returns it: why
	DecidedBy    string    `json:"decided_by,omitempty"`
	DecidedAt    time.Time `json:"decided_at,omitzero"`
	Answered     int       `json:"answered"`
	Applicable   int       `json:"applicable"`
	Final        float64   `json:"final"`
	Grade        string    `json:"grade,omitempty"`
	EvidenceSize int64     `json:"evidence_size"`
}

// File is one entry of the package.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Attachment is one evidence file attached to an item (evidence.json): the
// content is the entry EvidenceDir+SHA256; several attachments may share it.
type Attachment struct {
	Item      string    `json:"item"`
	Name      string    `json:"name"`
	MediaType string    `json:"media_type,omitempty"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	AddedBy   string    `json:"added_by,omitempty"`
	AddedAt   time.Time `json:"added_at,omitzero"`
	// OriginalName is the name the file was given when the stored name
	// (Name) is a cleaned one (domain.Evidence.OriginalName); "" otherwise.
	OriginalName string `json:"original_name,omitempty"`
}

// AuditRecord is one entry of the assessment's audit trail (audit.json):
// who did what, when, with the before and after documents of formats.md §5.
type AuditRecord struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Roles  string    `json:"roles,omitempty"`
	Item   string    `json:"item,omitempty"`
	Action string    `json:"action"`
	Before string    `json:"before,omitempty"`
	After  string    `json:"after,omitempty"`
}

// NewID returns 32 random hex digits, for a package id or an assessment uid.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// validID reports whether s has the form NewID writes.
func validID(s string) bool { return len(s) == 32 && isHex(s) }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
