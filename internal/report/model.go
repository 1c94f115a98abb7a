package report

import "pingce/internal/domain"

// Document is a report laid out in words and numbers but not yet on paper.
// Build makes one; the pdf and xlsx packages write it.
type Document struct {
	Labels Labels

	Title          string // 《…》自评报告
	Unit           string
	UnitType       string
	Round          string
	CatalogTitle   string
	CatalogVersion string
	CatalogRef     string // id@version
	Source         string
	Date           string   // formatted; empty when left to be filled by hand
	Status         string   // the assessment's status, "" for an answers file
	BonusCap       *float64 // the catalog's cap on bonus points; nil for none

	// Self is the score as the unit gave it (自评).
	Self Figures
	// Reviewed is the score with the reviewer's points (核定); nil when the
	// workspace has no reviews.
	Reviewed *Figures

	Categories []CategoryRow // every category, depth first
	Shortfalls []ItemRow     // base items that lost points, most lost first
	Details    []ItemRow     // every item that applies to the unit, in catalog order
	// BelowTop are the graded items below the top grade of their bands
	// (by the reviewer's points when reviewed), most points lost first:
	// what leads analyse (nil when the catalog grades no items).
	BelowTop []ItemRow
	Excluded []ExcludedRow // items whose applies_to excludes the unit type

	// Vetoes are every veto of the catalog with its state; Opinion the
	// items the reviewer decided on beyond a plain acceptance, with
	// ReturnReason the message of the last return and ReviewedBy who
	// reviewed most items (review.go).
	Vetoes       []VetoRow
	Opinion      []OpinionRow
	ReturnReason string
	ReviewedBy   string
	// ApprovedBy is who approved the assessment (审定); "" while it is not
	// approved.
	ApprovedBy string

	// Signatures are the labels of the signature block, in order.
	Signatures []Signature

	// Progress, when not nil, is called by the writers as they work, with
	// the steps done so far and the steps in all; it is called from the
	// writer's goroutine. Build copies it from Options.
	Progress func(done, total int)
}

// Signature is one line of the signature block: a label and an optional
// name printed beside it.
type Signature struct {
	Label string
	Name  string
}

// Figures are the headline numbers of one score, formatted and raw.
type Figures struct {
	Final, Total, Percent      float64
	Raw, ApplicableMax, Scaled float64
	Bonus                      float64
	Grade, BandGrade           string
	Answered, Applicable       int
	Notices                    []string // vetoes and caps triggered, in words
	// ItemGrades counts the items of each item grade, in the order of the
	// catalog's bands (优秀 25, 良好 11); nil when the catalog grades no items.
	ItemGrades []GradeCount
	Vetoed     bool // a veto decided the grade
	Capped     bool // a cap was triggered
	// Adjustment is what the base categories' own rules added to Raw (an
	// overflow penalty −, a deduction budget +; shapes.go); VetoDeduct the
	// points deduct vetoes took off Final, VetoZero a veto that made it 0.
	Adjustment float64
	VetoDeduct float64
	VetoZero   bool
	// AwaitsRound: the figures count the lowest points of the rules that
	// compare the unit with its peers (a notice says the range); Reach is
	// the final's range while points are open (FinalCell).
	AwaitsRound bool
	Reach       *domain.PointRange
}

// CategoryRow is one category of the summary.
type CategoryRow struct {
	ID    string
	Title string
	Depth int  // 0 for a top-level category
	Bonus bool // a bonus category (or inside one)
	Score float64
	Max   float64
	// Rate is Score/Max in percent (rounded to 2 decimals); HasRate is false
	// when Max is 0 (nothing applicable).
	Rate    float64
	HasRate bool
	// ReviewedScore is the category's points with the reviewer's overrides;
	// meaningful only when the document has Reviewed figures.
	ReviewedScore float64
	ReviewedRate  float64
	// Adjustment is what the category's own rules added to Score (追加扣除
	// −, 限扣 +; Score includes it), ReviewedAdjustment the same with the
	// reviewer's points.
	Adjustment         float64
	ReviewedAdjustment float64
}

// ItemRow is one item of the detail or shortfall table.
type ItemRow struct {
	ID          string
	Title       string
	Category    string // path of the holding category: "A 组织领导 / A1 领导体制"
	CategoryID  string
	Requirement string
	Bonus       bool
	Status      string // domain.Status*

	Answer string   // the answer in words; parts on their own lines
	Lines  []string // Answer split into its lines (one per part for a composite)

	Score, Max, Lost float64
	// NACounted is true for a N/A that still counts in the max: as full
	// marks (na: full) or as the group's average (na: average).
	NACounted bool
	// Grade is the item's grade (item_grades); "" when ungraded.
	// ReviewedGrade is its grade with the reviewer's points; meaningful only
	// when the document has Reviewed figures.
	Grade         string
	ReviewedGrade string
	// ReviewedScore is the reviewer's points (equal to Score when the item
	// was not reviewed); meaningful only when the document has Reviewed figures.
	ReviewedScore float64
	IsReviewed    bool // the reviewer set this item's points
	ReviewComment string
	ReviewReason  string // 扣分说明
	ReviewRequest string // 需补充

	NAReason string
	Note     string
	Evidence []EvidenceRef
	Flagged  bool

	// Remarks is everything below the scores in words: N/A reason, note,
	// evidence, review comment, each on its own line, labelled.
	Remarks string
}

// GradeCount is how many items got one item grade.
type GradeCount struct {
	Grade string
	Count int
}

// EvidenceRef names an evidence file and its short SHA-256 (empty when the
// report comes from an answers file, which names files only).
type EvidenceRef struct {
	Name  string
	Short string
	// Original is the name the file was given when it is stored under a
	// cleaned one, escaped and labelled ("（原名：report\u202efdp.exe）"); "" otherwise.
	Original string
}

// String returns "name (hash)" or the name alone, then the original name.
func (e EvidenceRef) String() string {
	s := e.Name
	if e.Short != "" {
		s += " (" + e.Short + ")"
	}
	return s + e.Original
}

// ExcludedRow is an item that does not apply to the unit type.
type ExcludedRow struct {
	ID        string
	Title     string
	Category  string
	AppliesTo string // the unit types it applies to, joined by "、"
	Max       float64
}
