package domain

import (
	"context"
	"io"
	"time"
)

// CatalogInfo describes a stored catalog version.
type CatalogInfo struct {
	ID         string
	Version    string
	Title      string
	Hash       string // SHA-256 (hex) of the catalog document as stored (docs/formats.md §5)
	Items      int    // number of items, bonus items included
	Total      float64
	ImportedAt time.Time
}

// Ref returns "id@version".
func (c CatalogInfo) Ref() string { return c.ID + "@" + c.Version }

// UnitService keeps units.
type UnitService interface {
	// CreateUnit stores a new unit and sets its ID. EINVALID without a name or type.
	CreateUnit(ctx context.Context, u *Unit) error
	// UpdateUnit changes a unit's fields. ENOTFOUND if it does not exist.
	UpdateUnit(ctx context.Context, u *Unit) error
	// ListUnits returns all units by name.
	ListUnits(ctx context.Context) ([]Unit, error)
}

// CatalogService keeps every catalog version that was ever used, whole.
type CatalogService interface {
	// ImportCatalog stores the catalog unless the same content (by hash) is
	// stored already; created tells which. ECONFLICT when another catalog
	// with the same id@version but different content is stored.
	ImportCatalog(ctx context.Context, c *Catalog) (info CatalogInfo, created bool, err error)
	// ListCatalogs returns the stored catalogs by id and version.
	ListCatalogs(ctx context.Context) ([]CatalogInfo, error)
	// FindCatalog returns the catalog named "id@version". ENOTFOUND if absent.
	FindCatalog(ctx context.Context, ref string) (*Catalog, error)
}

// AssessmentService keeps assessments: it starts, lists, opens, deletes
// and submits them. Every write is one transaction and asks Authorize
// with the context's user first (EFORBIDDEN when they may not).
type AssessmentService interface {
	// CreateAssessment stores a new draft for a.Unit.ID, a.Round and the
	// catalog a.CatalogID@a.CatalogVersion (which must be stored), and sets
	// a's ID, status and times. ENOTFOUND for an unknown unit or catalog.
	CreateAssessment(ctx context.Context, a *Assessment) error
	// ListAssessments returns the assessments that match f with progress and
	// score, newest first.
	ListAssessments(ctx context.Context, f AssessmentFilter) ([]AssessmentSummary, error)
	// OpenAssessment returns the assessment with its catalog, answers, reviews
	// and evidence list. ENOTFOUND if it does not exist.
	OpenAssessment(ctx context.Context, id int64) (*Workspace, error)
	// DeleteAssessment removes a draft with everything it holds. ELOCKED
	// unless the status is draft.
	DeleteAssessment(ctx context.Context, id int64) error
	// Submit locks the assessment for review (Workspace.Submit). EBLOCKED,
	// with the problems, while anything blocks submission.
	Submit(ctx context.Context, id int64) error
}

// AnswerService keeps a unit's answers and vetoes. Every method that
// changes them returns ELOCKED when the assessment is submitted or
// approved, and EFORBIDDEN unless the context's user may edit it.
type AnswerService interface {
	// SaveAnswer stores the answer to one item (an empty answer clears it)
	// and returns the new score. EINVALID when the answer does not fit the
	// item, with the problems.
	SaveAnswer(ctx context.Context, id int64, itemID string, a Answer) (*Result, error)
	// SetVetoes stores the vetoes the unit reports as triggered and returns
	// the new score.
	SetVetoes(ctx context.Context, id int64, vetoes []string) (*Result, error)
	// ImportAnswers replaces the answers with those of an answers file, all
	// or nothing. EINVALID with the problems when any answer does not fit.
	ImportAnswers(ctx context.Context, id int64, s *AnswerSet) error
	// ExportAnswers returns the assessment's answers as an answers file.
	ExportAnswers(ctx context.Context, id int64) (*AnswerSet, error)
}

// ReviewService is the reviewer's side of an assessment: reviewed points,
// returning and approving (Assessment.Step). EFORBIDDEN unless the
// context's user may review it.
type ReviewService interface {
	// SaveReview stores the reviewer's verdict on one item of a submitted
	// assessment (Item.Normalized, Item.CheckVerdict; an empty review
	// clears it) and returns the reviewed score. It never changes the
	// unit's answers.
	SaveReview(ctx context.Context, id int64, itemID string, r Review) (*Result, error)
	// ImportReviews stores the verdicts on several items at once, all or
	// nothing: EINVALID with every problem when any does not fit.
	ImportReviews(ctx context.Context, id int64, reviews map[string]Review) (*Result, error)
	// Return sends a submitted assessment back to the unit with a reason.
	Return(ctx context.Context, id int64, reason string) error
	// Approve closes a submitted assessment (Workspace.Approve): EBLOCKED
	// while a request is open.
	Approve(ctx context.Context, id int64) error
}

// AuditService reads the audit trail, which every write adds to.
type AuditService interface {
	// Audit returns the audit trail of an assessment, oldest first; it
	// outlives a deleted draft.
	Audit(ctx context.Context, id int64) ([]AuditEntry, error)
	// UnitAudit returns the audit trail of a unit (its creation and
	// changes), oldest first.
	UnitAudit(ctx context.Context, unitID int64) ([]AuditEntry, error)
}

// EvidenceService keeps evidence files inside the database.
type EvidenceService interface {
	// AddEvidence stores a file for an item. ETOOLARGE over the size limit,
	// ELOCKED when the assessment is locked.
	AddEvidence(ctx context.Context, assessmentID int64, itemID, name string, r io.Reader) (*Evidence, error)
	// ListEvidence returns the files of an assessment (of one item when
	// itemID is not empty).
	ListEvidence(ctx context.Context, assessmentID int64, itemID string) ([]Evidence, error)
	// EvidenceContent returns a file's bytes. ENOTFOUND if it does not exist.
	EvidenceContent(ctx context.Context, evidenceID int64) ([]byte, error)
	// RemoveEvidence detaches a file. ELOCKED when the assessment is locked.
	RemoveEvidence(ctx context.Context, evidenceID int64) error
}
