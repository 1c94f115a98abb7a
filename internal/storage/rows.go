package storage

import (
	"encoding/json"
	"time"

	"pingce/internal/domain"
)

// The row types below are the database schema (see migrate.go for the
// versions). They stay in this package; the services map them to and from
// the domain types. What the text columns hold is in document.go and
// catalogdoc.go.

// schemaVersionRow records each migration applied.
type schemaVersionRow struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

// TableName names the schema_version table for GORM.
func (schemaVersionRow) TableName() string { return "schema_version" }

// unitRow is a unit.
type unitRow struct {
	ID        int64  `gorm:"primaryKey"`
	Name      string `gorm:"not null;index"`
	Type      string `gorm:"not null"`
	Superior  string `gorm:"not null;default:''"`
	Code      string `gorm:"not null;default:''"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName names the units table for GORM.
func (unitRow) TableName() string { return "units" }

func (r *unitRow) domain() domain.Unit {
	return domain.Unit{ID: r.ID, Name: r.Name, Type: r.Type, Superior: r.Superior, Code: r.Code}
}

// catalogRow is one catalog version, stored whole as its catalog document
// (catalogdoc.go, docs/formats.md §5); Hash is the SHA-256 of Body.
type catalogRow struct {
	ID         int64  `gorm:"primaryKey"`
	CatalogID  string `gorm:"not null;uniqueIndex:idx_catalog_ref,priority:1"`
	Version    string `gorm:"not null;uniqueIndex:idx_catalog_ref,priority:2"`
	Title      string `gorm:"not null"`
	Hash       string `gorm:"not null;uniqueIndex"`
	Items      int    `gorm:"not null"`
	Total      float64
	Body       string `gorm:"not null"`
	ImportedBy string `gorm:"not null;default:''"`
	ImportedAt time.Time
}

// TableName names the catalogs table for GORM.
func (catalogRow) TableName() string { return "catalogs" }

func (r *catalogRow) info() domain.CatalogInfo {
	return domain.CatalogInfo{ID: r.CatalogID, Version: r.Version, Title: r.Title, Hash: r.Hash,
		Items: r.Items, Total: r.Total, ImportedAt: r.ImportedAt.UTC()}
}

// roundRow is an assessment period.
type roundRow struct {
	Name  string     `gorm:"primaryKey"`
	Start *time.Time `gorm:"column:starts_on"`
	End   *time.Time `gorm:"column:ends_on"`
}

// TableName names the rounds table for GORM.
func (roundRow) TableName() string { return "rounds" }

// assessmentRow is an assessment with a cached score summary, updated in
// the same transaction as every answer, so that listing does not re-score.
type assessmentRow struct {
	ID             int64       `gorm:"primaryKey"`
	UnitID         int64       `gorm:"not null;uniqueIndex:idx_assessment_unit_round,priority:1"`
	Unit           *unitRow    `gorm:"belongsTo:x;foreignKey:UnitID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Round          string      `gorm:"not null;uniqueIndex:idx_assessment_unit_round,priority:2;index"`
	CatalogID      string      `gorm:"not null;uniqueIndex:idx_assessment_unit_round,priority:3"`
	CatalogVersion string      `gorm:"not null"`
	CatalogRowID   int64       `gorm:"not null;index"`
	Catalog        *catalogRow `gorm:"belongsTo:x;foreignKey:CatalogRowID;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	Status         string      `gorm:"not null;index"`
	Vetoes         string      `gorm:"not null;default:'[]'"` // JSON array of veto ids

	CreatedBy    string `gorm:"not null;default:''"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	SubmittedBy  string `gorm:"not null;default:''"`
	SubmittedAt  *time.Time
	ReturnedBy   string `gorm:"not null;default:''"`
	ReturnedAt   *time.Time
	ReturnReason string `gorm:"not null;default:''"`
	ApprovedBy   string `gorm:"not null;default:''"`
	ApprovedAt   *time.Time

	// The cached score summary.
	Answered      int     `gorm:"not null;default:0"`
	Applicable    int     `gorm:"not null;default:0"`
	Final         float64 `gorm:"not null;default:0"`
	Grade         string  `gorm:"not null;default:''"`
	ReviewedFinal float64 `gorm:"not null;default:0"`
	ReviewedGrade string  `gorm:"not null;default:''"`

	// Revision changes (to a random value) with every write to the
	// assessment's answers; a process may reuse the answers it read at the
	// same revision (schema 2).
	Revision int64 `gorm:"not null;default:0"`

	// The unit facts the assessment is scored with (schema 3): kept in
	// step with the unit while the assessment is editable, frozen once it
	// is submitted (see unitfacts.go).
	UnitName     string `gorm:"not null;default:''"`
	UnitType     string `gorm:"not null;default:''"`
	UnitSuperior string `gorm:"not null;default:''"`
	UnitCode     string `gorm:"not null;default:''"`
}

// TableName names the assessments table for GORM.
func (assessmentRow) TableName() string { return "assessments" }

func (r *assessmentRow) domain(u domain.Unit) domain.Assessment {
	a := domain.Assessment{
		ID: r.ID, Unit: u, Round: r.Round, CatalogID: r.CatalogID, CatalogVersion: r.CatalogVersion,
		Status: domain.AssessmentStatus(r.Status), Vetoes: decodeStrings(r.Vetoes),
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		SubmittedBy: r.SubmittedBy, SubmittedAt: timeOf(r.SubmittedAt),
		ReturnedBy: r.ReturnedBy, ReturnedAt: timeOf(r.ReturnedAt), ReturnReason: r.ReturnReason,
		ApprovedBy: r.ApprovedBy, ApprovedAt: timeOf(r.ApprovedAt),
	}
	return a
}

// answerRow is the answer to one item, with the reviewer's verdict beside
// it. A row exists while either carries something.
type answerRow struct {
	AssessmentID int64          `gorm:"primaryKey;autoIncrement:false"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	ItemID       string         `gorm:"primaryKey"`

	Met      *bool
	Level    string `gorm:"not null;default:''"`
	Value    *float64
	Baseline *float64
	Count    *int64
	Parts    string `gorm:"not null;default:''"` // answer documents of the parts by part id (document.go), "" when none
	Counts   string `gorm:"not null;default:''"` // JSON of the counts by kind or mark (schema 13, counts.go), "" when none
	NA       bool   `gorm:"column:na;not null;default:false"`
	Reason   string `gorm:"not null;default:''"`
	Note     string `gorm:"not null;default:''"`
	Evidence string `gorm:"not null;default:''"` // JSON array of evidence file names, "" when none
	Flagged  bool   `gorm:"not null;default:false"`

	UpdatedBy string `gorm:"not null;default:''"`
	UpdatedAt time.Time

	ReviewScore   *float64
	ReviewComment string `gorm:"not null;default:''"`
	ReviewedBy    string `gorm:"not null;default:''"`
	ReviewedAt    *time.Time

	// The verdict, the reviewer's own answer (an answer document, "" when
	// none), the reason for other points and the request (schema 6,
	// review.go).
	ReviewVerdict string `gorm:"not null;default:''"`
	ReviewAnswer  string `gorm:"not null;default:''"`
	ReviewReason  string `gorm:"not null;default:''"`
	ReviewRequest string `gorm:"not null;default:''"`
}

// TableName names the answers table for GORM.
func (answerRow) TableName() string { return "answers" }

// answer returns the unit's answer stored in the row.
func (r *answerRow) answer() domain.Answer {
	a := domain.Answer{Met: r.Met, Level: r.Level, Value: r.Value, Baseline: r.Baseline,
		NA: r.NA, Reason: r.Reason, Note: r.Note, Flagged: r.Flagged}
	if r.Count != nil {
		c := int(*r.Count)
		a.Count = &c
	}
	if r.Parts != "" {
		a.Parts, _ = decodeParts(r.Parts) // written by setAnswer; db check reports a broken one
	}
	if r.Evidence != "" {
		a.Evidence = decodeStrings(r.Evidence)
	}
	a.Counts = decodeCounts(r.Counts) // counts.go
	return a
}

// setAnswer stores a in the row's answer columns, leaving the review alone.
func (r *answerRow) setAnswer(a domain.Answer) {
	r.Met, r.Level, r.Value, r.Baseline = a.Met, a.Level, a.Value, a.Baseline
	r.Count = nil
	if a.Count != nil {
		c := int64(*a.Count)
		r.Count = &c
	}
	r.Parts = encodeParts(a.Parts)
	r.Counts = encodeCounts(a.Counts)
	r.NA, r.Reason, r.Note, r.Flagged = a.NA, a.Reason, a.Note, a.Flagged
	r.Evidence = ""
	if len(a.Evidence) > 0 {
		r.Evidence = encodeStrings(a.Evidence)
	}
}

// hasReview reports whether the row carries a reviewer's verdict.
func (r *answerRow) hasReview() bool {
	return r.ReviewScore != nil || r.ReviewComment != "" || r.ReviewVerdict != "" || r.ReviewReason != "" ||
		r.ReviewRequest != "" || r.ReviewAnswer != ""
}

func (r *answerRow) review() domain.Review {
	return domain.Review{Verdict: domain.Verdict(r.ReviewVerdict), Answer: decodeAnswer(r.ReviewAnswer),
		Score: r.ReviewScore, Reason: r.ReviewReason, Comment: r.ReviewComment, Request: r.ReviewRequest,
		By: r.ReviewedBy, At: timeOf(r.ReviewedAt)}
}

// blobRow is the content of an evidence file, stored once per SHA-256.
type blobRow struct {
	SHA256    string `gorm:"column:sha256;primaryKey"`
	Size      int64  `gorm:"not null"`
	Data      []byte `gorm:"not null"`
	CreatedAt time.Time
}

// TableName names the evidence_blobs table for GORM.
func (blobRow) TableName() string { return "evidence_blobs" }

// evidenceRow attaches a blob to an item of an assessment.
type evidenceRow struct {
	ID           int64          `gorm:"primaryKey"`
	AssessmentID int64          `gorm:"not null;index:idx_evidence_item,priority:1"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	ItemID       string         `gorm:"not null;index:idx_evidence_item,priority:2"`
	Name         string         `gorm:"not null"`
	OriginalName string         `gorm:"not null;default:''"` // the name as given when cleaning changed it (schema 11)
	MediaType    string         `gorm:"not null;default:''"`
	Size         int64          `gorm:"not null"`
	SHA256       string         `gorm:"column:sha256;not null;index"`
	Blob         *blobRow       `gorm:"belongsTo:x;foreignKey:SHA256;references:SHA256;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	AddedBy      string         `gorm:"not null;default:''"`
	AddedAt      time.Time
}

// TableName names the evidence table for GORM.
func (evidenceRow) TableName() string { return "evidence" }

func (r *evidenceRow) domain() domain.Evidence {
	return domain.Evidence{ID: r.ID, AssessmentID: r.AssessmentID, ItemID: r.ItemID, Name: r.Name,
		OriginalName: r.OriginalName, MediaType: r.MediaType, Size: r.Size, SHA256: r.SHA256, AddedBy: r.AddedBy, AddedAt: r.AddedAt.UTC()}
}

// auditRow is one change: who, when, what, before → after as JSON text.
// It has no foreign key so that the trail outlives what it describes.
type auditRow struct {
	ID           int64     `gorm:"primaryKey"`
	At           time.Time `gorm:"not null"`
	Actor        string    `gorm:"not null;default:''"`
	AssessmentID int64     `gorm:"not null;default:0;index"`
	UnitID       int64     `gorm:"not null;default:0;index"` // the unit a unit change is about (schema 3)
	ItemID       string    `gorm:"not null;default:''"`
	Action       string    `gorm:"not null"`
	Before       string    `gorm:"not null;default:''"` // document (document.go), "" when none
	After        string    `gorm:"not null;default:''"`
	Roles        string    `gorm:"not null;default:''"` // the roles the actor acted in, comma-separated (schema 6)
}

// TableName names the audit table for GORM.
func (auditRow) TableName() string { return "audit" }

func (r *auditRow) domain() domain.AuditEntry {
	return domain.AuditEntry{ID: r.ID, At: r.At.UTC(), Actor: r.Actor, AssessmentID: r.AssessmentID, UnitID: r.UnitID,
		ItemID: r.ItemID, Action: r.Action, Before: r.Before, After: r.After, Roles: r.Roles}
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func encodeStrings(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss) // strings always marshal
	return string(b)
}

func decodeStrings(s string) []string {
	var ss []string
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), &ss); err != nil {
		return nil
	}
	if len(ss) == 0 {
		return nil
	}
	return ss
}
