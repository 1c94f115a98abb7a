package domain

import "time"

// Unit is a public-security unit that assesses itself: a 市公安局, 分县局,
// 派出所 or 局直单位.
type Unit struct {
	ID       int64
	Name     string // 某某区公安分局
	Type     string // one of the catalog's unit types
	Superior string // name of the unit above it
	Code     string // organisation code, optional
}

// Round is an assessment period, such as 2026-Q3.
type Round struct {
	Name  string    // 2026-Q3
	Start time.Time // zero when unknown
	End   time.Time // zero when unknown
}

// AssessmentStatus is where an assessment stands in its life.
type AssessmentStatus string

// The statuses of an assessment: draft → submitted → returned (back to the
// unit, editable again) or approved.
const (
	Draft     AssessmentStatus = "draft"
	Submitted AssessmentStatus = "submitted"
	Returned  AssessmentStatus = "returned"
	Approved  AssessmentStatus = "approved"
)

// Editable reports whether answers and evidence may change in this status.
func (s AssessmentStatus) Editable() bool { return s == Draft || s == Returned }

// Assessment is one unit's self-assessment against one catalog version for
// one round.
type Assessment struct {
	ID             int64
	Unit           Unit
	Round          string
	CatalogID      string
	CatalogVersion string
	Status         AssessmentStatus
	Vetoes         []string // vetoes the unit reports as triggered

	CreatedBy    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	SubmittedBy  string
	SubmittedAt  time.Time
	ReturnedBy   string
	ReturnedAt   time.Time
	ReturnReason string
	ApprovedBy   string
	ApprovedAt   time.Time
}

// CatalogRef returns "id@version" of the assessment's catalog.
func (a *Assessment) CatalogRef() string { return a.CatalogID + "@" + a.CatalogVersion }

// AssessmentSummary is a line of the assessment list: the assessment with its
// progress and score.
type AssessmentSummary struct {
	Assessment
	CatalogTitle string
	Answered     int     // applicable base items answered (Result.Answered)
	Applicable   int     // base items in the applicable max: not excluded, not N/A (Result.Applicable)
	Final        float64 // final score
	Total        float64 // the catalog's total
	Grade        string
	// ReviewedFinal and ReviewedGrade are the score with the reviewer's
	// points (核定): equal to Final and Grade while nothing is reviewed.
	ReviewedFinal float64
	ReviewedGrade string
	// AwaitsRound is true when the catalog has rules that compare the unit
	// with its peers and Final is the unit's own, scored alone: it counts
	// the low end of those rules (待全市汇总后计分). A round view that has
	// scored the round clears it for the units it scored with their peers.
	AwaitsRound bool
}

// Progress returns the share of applicable items answered, from 0 to 1.
func (s AssessmentSummary) Progress() float64 {
	if s.Applicable == 0 {
		return 0
	}
	return float64(s.Answered) / float64(s.Applicable)
}

// AssessmentFilter selects assessments; nil or empty fields match all.
type AssessmentFilter struct {
	UnitID *int64
	Round  string
	Status AssessmentStatus
}

// Review is the reviewer's verdict on one item (review.go): 认可, 调整 with
// the reviewer's own answer or points (核定分) and a reason (扣分说明), or
// 需补充 with a request; a comment in any case; who and when.
type Review struct {
	Verdict Verdict  // accept, adjust or request; "" in reviews written before verdicts
	Answer  *Answer  // adjust: the reviewer's own answer by the item's method
	Score   *float64 // reviewed points (adjust); nil keeps the unit's own points
	Reason  string   // why the points differ from the unit's (扣分说明)
	Comment string
	Request string // request: what the unit must add (需补充)
	By      string
	At      time.Time
}

// AnswerMeta records who last changed an item's answer, and when.
type AnswerMeta struct {
	By string
	At time.Time
}

// Evidence is a file attached to an item of an assessment. The content is
// stored once per SHA-256 and shared by every attachment of the same bytes.
type Evidence struct {
	ID           int64
	AssessmentID int64
	ItemID       string
	Name         string // the file's name as stored and written (domain.CleanFileName)
	OriginalName string // the name as it was given, when cleaning changed it; "" otherwise (shown escaped: domain.QuoteText)
	MediaType    string
	Size         int64
	SHA256       string // hex
	AddedBy      string
	AddedAt      time.Time
}

// ShortHash returns the first 8 hex digits of the evidence's SHA-256.
func (e Evidence) ShortHash() string {
	if len(e.SHA256) < 8 {
		return e.SHA256
	}
	return e.SHA256[:8]
}

// AuditEntry is one change in the audit trail.
type AuditEntry struct {
	ID           int64
	At           time.Time
	Actor        string
	AssessmentID int64
	UnitID       int64 // the unit a unit_create or unit_update is about; 0 otherwise
	ItemID       string
	Action       string // answer, evidence_add, evidence_remove, submit, return, approve, review, …
	Before       string // JSON of the state before, "" when none
	After        string // JSON of the state after, "" when none
	Roles        string // the roles the actor acted in, comma-separated ("reviewer"); "" before schema 6
}

// Workspace is everything needed to show and score one assessment.
type Workspace struct {
	Assessment Assessment
	Catalog    *Catalog
	Answers    *AnswerSet            // the unit's answers, with Vetoes
	Meta       map[string]AnswerMeta // by item id
	Reviews    map[string]Review     // by item id
	Evidence   map[string][]Evidence // by item id
	// Last and Previous are what the latest submission and the one
	// before it handed in (review.go); nil when there was none.
	Last, Previous *Submission
	// Carried lists the items whose answer was carried from the last
	// round and is not yet confirmed or changed (沿用上轮, carry.go).
	Carried []string
	// CatalogChanged lists the items still unanswered that changed or were added
	// when the assessment was made from one on another catalog version
	// (指标已变更, PlanMigration's NeedsAnswer).
	CatalogChanged []string
	// Peers, when known, are the facts of the unit's peer group its round
	// was scored with (the lead's, brought by its last package: a unit that
	// cannot rank its round itself); Result and ReviewedResult score the
	// rules comparing units with them. Nil: those rules wait for the round.
	Peers *PeerFacts
}

// Result scores the workspace's answers as the unit gave them (自评分).
func (w *Workspace) Result() *Result {
	return Score(w.Catalog, w.Answers, Options{UnitType: w.Assessment.Unit.Type, Peers: w.Peers})
}

// ReviewedResult scores the workspace with the reviewer's points where given (核定分).
func (w *Workspace) ReviewedResult() *Result {
	return Score(w.Catalog, w.Answers, Options{UnitType: w.Assessment.Unit.Type, Overrides: w.Overrides(), Peers: w.Peers})
}

// SubmissionProblems lists what blocks submitting the workspace.
func (w *Workspace) SubmissionProblems() []Problem {
	return append(SubmissionProblems(w.Catalog, w.Answers, w.Assessment.Unit.Type, func(id string) bool {
		return len(w.Evidence[id]) > 0
	}), CarriedProblems(w.Carried)...)
}
