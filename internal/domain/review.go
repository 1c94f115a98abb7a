package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Verdict is a reviewer's decision on one item.
type Verdict string

// The verdicts a reviewer gives an item.
const (
	// VerdictAccept (认可) keeps the unit's own points.
	VerdictAccept Verdict = "accept"
	// VerdictAdjust (调整) sets the item's points (核定分): by the
	// reviewer's own answer by the item's method, or directly.
	VerdictAdjust Verdict = "adjust"
	// VerdictRequest (需补充) asks the unit for more material; the unit's
	// points stand until the reviewer decides.
	VerdictRequest Verdict = "request"
)

// Verdicts lists every verdict in a stable order.
var Verdicts = []Verdict{VerdictAccept, VerdictAdjust, VerdictRequest}

// Valid reports whether v is one of Verdicts.
func (v Verdict) Valid() bool { return slices.Contains(Verdicts, v) }

// Problem codes of reviews, with the names of their Args.
const (
	ProbReviewVerdict      = "review.verdict"           // verdict: not accept, adjust or request
	ProbReviewAdjustEmpty  = "review.adjust_empty"      // an adjustment without an answer or points
	ProbReviewTwoWays      = "review.answer_and_points" // an adjustment with both an answer and points
	ProbReviewNotAdjust    = "review.points_not_adjust" // verdict: points or an answer on accept/request
	ProbReviewAnswerNone   = "review.answer_incomplete" // the reviewer's answer does not answer the item
	ProbReviewReason       = "review.reason_required"   // own, reviewed: points differ without a reason
	ProbReviewRequestEmpty = "review.request_empty"     // a request without the text of what is needed
	ProbReviewExcluded     = "review.item_excluded"     // the item does not apply to the unit's type
	ProbReviewOpenRequest  = "review.open_request"      // approving while the item's request is open
)

// IsZero reports whether the review carries nothing: saving it clears the
// item's review.
func (r Review) IsZero() bool {
	return r.Verdict == "" && r.Answer == nil && r.Score == nil && r.Reason == "" &&
		r.Comment == "" && r.Request == ""
}

// NormalizedFor returns the review as it is stored for item it: texts
// trimmed; a review written before verdicts existed given one (points:
// adjust, with the comment as its reason when it has none; otherwise
// accept); the points of an adjustment by answer computed from the answer
// (Item.PointsFor the unit's type), and no points on any other verdict.
// The verdict of a review that is not valid is left for CheckVerdict to
// refuse.
func (it *Item) NormalizedFor(r Review, unitType string) Review {
	r.Reason = strings.TrimSpace(r.Reason)
	r.Comment = strings.TrimSpace(r.Comment)
	r.Request = strings.TrimSpace(r.Request)
	if r.IsZero() {
		return Review{}
	}
	if r.Verdict == "" {
		switch {
		case r.Score != nil || r.Answer != nil:
			r.Verdict = VerdictAdjust
			if r.Reason == "" {
				r.Reason = r.Comment
			}
		case r.Request != "":
			r.Verdict = VerdictRequest
		default:
			r.Verdict = VerdictAccept
		}
	}
	if r.Verdict == VerdictAdjust && r.Answer != nil && r.Score == nil && it.Answered(*r.Answer) && !r.Answer.NA {
		p := it.PointsFor(*r.Answer, unitType)
		r.Score = &p
	}
	return r
}

// ReviewedPoints returns the reviewed points of an adjustment and true;
// false for any other verdict (the unit's own points stand).
func (r Review) ReviewedPoints() (float64, bool) {
	if r.Verdict == VerdictAdjust && r.Score != nil && finite(*r.Score) {
		return *r.Score, true
	}
	if r.Verdict == "" && r.Score != nil && finite(*r.Score) { // not normalized: written before verdicts
		return *r.Score, true
	}
	return 0, false
}

// CheckVerdict returns what is wrong with review r (Normalized first) of
// item it, whose own score for the unit is own: a verdict that is not one
// of Verdicts; an adjustment without an answer or points, or with both;
// the reviewer's answer checked as an answer (CheckAnswer) that must
// answer the item (not N/A); points outside [0, max] (CheckReview); points
// or an answer on accept or request; a request without its text; an item
// the unit type excludes; and, whenever the reviewed points differ from
// the unit's own (or overrule its N/A), no reason. Every problem names the
// item.
func (it *Item) CheckVerdict(r Review, own ItemScore) []Problem {
	return it.CheckVerdictFor(r, own, "")
}

// Normalized is NormalizedFor by the item's own rule (no unit type).
func (it *Item) Normalized(r Review) Review { return it.NormalizedFor(r, "") }

// CheckVerdictFor is CheckVerdict of a review of a unit of unitType: the
// reviewer's answer is scored by that type's rule (Item.ByUnitType).
func (it *Item) CheckVerdictFor(r Review, own ItemScore, unitType string) []Problem {
	var ps []Problem
	add := func(code, format string, kv ...string) {
		p := NewProblem(code, format, kv...)
		p.ItemID = it.ID
		ps = append(ps, p)
	}
	if r.IsZero() {
		return nil
	}
	if own.Status == StatusExcluded && r.Verdict != VerdictAccept {
		add(ProbReviewExcluded, "the item does not apply to the unit's type: it gets no points and no request")
		return ps
	}
	switch r.Verdict {
	case VerdictAdjust:
		switch {
		case r.Answer == nil && r.Score == nil:
			add(ProbReviewAdjustEmpty, "an adjustment needs the reviewer's answer or points")
		case r.Answer != nil && r.Score != nil && !sameFloat(*r.Score, it.PointsFor(*r.Answer, unitType)) && it.Discretion == nil:
			add(ProbReviewTwoWays, "give the reviewer's answer or the points, not both")
		case r.Answer != nil:
			aps := it.CheckAnswer(*r.Answer)
			ps = append(ps, aps...)
			ps = append(ps, CheckText(it.ID, *r.Answer)...)
			if len(aps) == 0 && (r.Answer.NA || !it.Answered(*r.Answer)) {
				add(ProbReviewAnswerNone, "the reviewer's answer must answer the item by its method")
			}
		}
	case VerdictAccept, VerdictRequest:
		if r.Answer != nil || r.Score != nil {
			add(ProbReviewNotAdjust, "only an adjustment sets points, not {verdict}", "verdict", string(r.Verdict))
		}
		if r.Verdict == VerdictRequest && r.Request == "" {
			add(ProbReviewRequestEmpty, "say what the unit must add")
		}
	default:
		add(ProbReviewVerdict, "{verdict:q} is not a verdict: use accept, adjust or request", "verdict", string(r.Verdict))
	}
	ps = append(ps, it.CheckReview(r)...)
	dps, rng := it.discretionVerdict(r, own) // tiered.go: 酌情 items
	ps = append(ps, dps...)
	if len(ps) > 0 {
		return ps
	}
	if v, ok := r.ReviewedPoints(); ok && r.Reason == "" {
		if v := Round2(v); v != own.Score || own.Status == StatusNA || rng != nil {
			add(ProbReviewReason, "the reviewed points {reviewed} differ from the unit's {own}: give the reason",
				"own", formatPoints(own.Score), "reviewed", formatPoints(v))
		}
	}
	ps = append(ps, textProblem(it.ID, "reason", r.Reason)...)
	return append(ps, textProblem(it.ID, "request", r.Request)...)
}

func sameFloat(a, b float64) bool { return Round2(a) == Round2(b) }

// Overrides returns the reviewed points of every adjusted item, by item
// id: Options.Overrides of the reviewed score (核定分).
func (w *Workspace) Overrides() map[string]float64 {
	ov := make(map[string]float64)
	for id, r := range w.Reviews {
		if v, ok := r.ReviewedPoints(); ok {
			ov[id] = v
		}
	}
	return ov
}

// ReviewProblems returns review r of item itemID as it would be stored
// (Item.Normalized) and its problems (Item.CheckVerdict against the unit's
// own score); an unknown item is a ProbUnknownItem problem.
func (w *Workspace) ReviewProblems(itemID string, r Review) (Review, []Problem) {
	it := w.Catalog.Item(itemID)
	if it == nil {
		p := NewProblem(ProbUnknownItem, "the catalog has no item {item}", "item", itemID)
		p.ItemID = itemID
		return r, []Problem{p}
	}
	ut := w.Assessment.Unit.Type
	r = it.NormalizedFor(r, ut)
	own, _ := w.Result().Item(itemID)
	return r, it.CheckVerdictFor(r, own, ut)
}

// OpenRequests returns the items whose review asks the unit for more
// material (需补充), in catalog order.
func (w *Workspace) OpenRequests() []string {
	var out []string
	for _, it := range w.Catalog.Items() {
		if r, ok := w.Reviews[it.ID]; ok && r.Verdict == VerdictRequest {
			out = append(out, it.ID)
		}
	}
	return out
}

// ApproveProblems lists what stops the reviewer approving the workspace:
// every open request (ProbReviewOpenRequest) and every discretion item
// whose points are not picked yet (ProbReviewDiscretionOpen); decide those first.
func (w *Workspace) ApproveProblems() []Problem {
	var ps []Problem
	for _, id := range w.OpenRequests() {
		p := NewProblem(ProbReviewOpenRequest, "the request on this item is still open: accept or adjust it, or return the assessment")
		p.ItemID = id
		ps = append(ps, p)
	}
	return append(ps, w.pendingDiscretion()...)
}

// Submission is what one submission of an assessment handed in: for every
// item with an answer or files, a fingerprint of both (ItemFingerprint).
// Comparing two tells which items changed between them.
type Submission struct {
	Seq    int // 1 for the first submission
	By     string
	At     time.Time
	Items  map[string]string // item id → ItemFingerprint; items with nothing are absent
	Vetoes []string
}

// ItemFingerprint returns a short text that changes whenever the answer
// to an item or the set of files attached to it changes: "" when there is
// neither.
func ItemFingerprint(a Answer, files []Evidence) string {
	if a.IsZero() && len(files) == 0 {
		return ""
	}
	fs := make([]string, len(files))
	for i, f := range files {
		fs[i] = f.SHA256 + " " + f.Name
	}
	slices.Sort(fs)
	b, _ := json.Marshal(struct { // maps marshal with sorted keys
		A fpAnswer `json:"a"`
		F []string `json:"f"`
	}{fpOf(a), fs})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// Snapshot returns what submitting the workspace now hands in, as the
// submission numbered seq, by who at the time at.
func (w *Workspace) Snapshot(seq int, by string, at time.Time) Submission {
	s := Submission{Seq: seq, By: by, At: at, Items: map[string]string{}, Vetoes: slices.Clone(w.Answers.Vetoes)}
	for _, it := range w.Catalog.Items() {
		if f := w.fingerprint(it.ID); f != "" {
			s.Items[it.ID] = f
		}
	}
	return s
}

func (w *Workspace) fingerprint(id string) string {
	var a Answer
	if w.Answers != nil {
		a = w.Answers.Answers[id]
	}
	return ItemFingerprint(a, w.Evidence[id])
}

// Changed reports whether the item changed since the last submission: for
// the reviewer of a submitted (or approved) assessment, between the
// submission before and the latest; for the unit while it is a draft or
// returned, between the latest submission and now. False when there is
// nothing to compare with (the first submission).
func (w *Workspace) Changed(itemID string) bool {
	switch w.Assessment.Status {
	case Submitted, Approved:
		if w.Last == nil || w.Previous == nil {
			return false
		}
		return w.Last.Items[itemID] != w.Previous.Items[itemID]
	default:
		if w.Last == nil {
			return false
		}
		return w.fingerprint(itemID) != w.Last.Items[itemID]
	}
}

// ChangedItems returns the items Changed reports, in catalog order.
func (w *Workspace) ChangedItems() []string {
	var out []string
	for _, it := range w.Catalog.Items() {
		if w.Changed(it.ID) {
			out = append(out, it.ID)
		}
	}
	return out
}

// ReviewChanges reports whether the item's points were changed by the
// review (an adjustment to other points than the unit's own).
func (w *Workspace) ReviewChanges(itemID string, own *Result) bool {
	r, ok := w.Reviews[itemID]
	if !ok {
		return false
	}
	v, ok := r.ReviewedPoints()
	if !ok {
		return false
	}
	is, _ := own.Item(itemID)
	return Round2(v) != is.Score || is.Status == StatusNA
}

// fpAnswer is an answer in the fixed shape its fingerprint is taken of:
// stored fingerprints must not move when the Answer type gains a field.
type fpAnswer struct {
	Met      *bool               `json:"met,omitempty"`
	Level    string              `json:"level,omitempty"`
	Value    *float64            `json:"value,omitempty"`
	Baseline *float64            `json:"baseline,omitempty"`
	Count    *int                `json:"count,omitempty"`
	Counts   map[string]int      `json:"counts,omitempty"`
	Parts    map[string]fpAnswer `json:"parts,omitempty"`
	NA       bool                `json:"na,omitempty"`
	Reason   string              `json:"reason,omitempty"`
	Note     string              `json:"note,omitempty"`
	Evidence []string            `json:"evidence,omitempty"`
	Flag     bool                `json:"flag,omitempty"`
}

func fpOf(a Answer) fpAnswer {
	f := fpAnswer{Met: a.Met, Level: a.Level, Value: a.Value, Baseline: a.Baseline, Count: a.Count, Counts: a.Counts,
		NA: a.NA, Reason: a.Reason, Note: a.Note, Evidence: a.Evidence, Flag: a.Flagged}
	if len(a.Parts) > 0 {
		f.Parts = make(map[string]fpAnswer, len(a.Parts))
		for id, p := range a.Parts {
			f.Parts[id] = fpOf(p)
		}
	}
	return f
}

// Approve approves the workspace's assessment (审定), by u at the time at:
// EFORBIDDEN or EINVALID as Authorize says, then EBLOCKED with the
// problems while a request is open (ApproveProblems).
func (w *Workspace) Approve(u User, at time.Time) error {
	if err := Authorize(u, ActApprove, &w.Assessment); err != nil {
		return err
	}
	if ps := w.ApproveProblems(); len(ps) > 0 {
		return &Error{Code: EBLOCKED, Problems: ps,
			Message: fmt.Sprintf("assessment %d cannot be approved yet: %d request(s) are open", w.Assessment.ID, len(ps))}
	}
	return w.Assessment.Step(u, ActApprove, at, "")
}

// ReviewScore is the reviewed score (核定) of an assessment as the score
// JSON carries it (docs/formats.md §4, key "review"): the totals with the
// reviewer's points and, for every reviewed item, its points (the
// reviewer's, or the unit's where the verdict keeps them), the reason and
// who reviewed it.
type ReviewScore struct {
	Raw     float64          `json:"raw"`
	Scaled  float64          `json:"scaled"`
	Bonus   float64          `json:"bonus"`
	Final   float64          `json:"final"`
	Percent float64          `json:"percent"`
	Grade   string           `json:"grade"`
	Items   []ReviewedPoints `json:"items"`
}

// ReviewedPoints is one reviewed item of a ReviewScore.
type ReviewedPoints struct {
	ID      string  `json:"id"`
	Score   float64 `json:"score"`
	Verdict Verdict `json:"verdict"`
	Reason  string  `json:"reason,omitempty"`
	By      string  `json:"by,omitempty"`
}

// ReviewScore returns the reviewed score of the workspace, nil while
// nothing is reviewed. Items are in catalog order.
func (w *Workspace) ReviewScore() *ReviewScore {
	if len(w.Reviews) == 0 {
		return nil
	}
	r := w.ReviewedResult()
	out := &ReviewScore{Raw: r.Raw, Scaled: r.Scaled, Bonus: r.Bonus, Final: r.Final, Percent: r.Percent, Grade: r.Grade,
		Items: []ReviewedPoints{}}
	for _, is := range r.Items {
		rv, ok := w.Reviews[is.ID]
		if !ok || rv.IsZero() {
			continue
		}
		v := rv.Verdict
		if v == "" {
			v = w.Catalog.Item(is.ID).Normalized(rv).Verdict
		}
		out.Items = append(out.Items, ReviewedPoints{ID: is.ID, Score: is.Score, Verdict: v, Reason: rv.Reason, By: rv.By})
	}
	return out
}

// ScoreJSON is the score JSON of a stored assessment (docs/formats.md §3,
// §4): the unit's own score at the top level, never changed by a review,
// and the reviewed one under "review" once anything is reviewed.
type ScoreJSON struct {
	*Result
	Review *ReviewScore `json:"review,omitempty"`
}

// ScoreJSON returns the score JSON of the workspace.
func (w *Workspace) ScoreJSON() ScoreJSON {
	return ScoreJSON{Result: w.Result(), Review: w.ReviewScore()}
}
