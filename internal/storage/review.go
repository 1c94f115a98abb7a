package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// The reviewer's side (issue 12): verdicts per item, what each submission
// handed in, and approving. Schema 6 adds the review columns of answerRow,
// the submissions table and audit.roles.

// submissionRow is what one submission of an assessment handed in: a
// fingerprint of the answer and files of every item (domain.Submission).
type submissionRow struct {
	ID           int64          `gorm:"primaryKey"`
	AssessmentID int64          `gorm:"not null;uniqueIndex:idx_submission_seq,priority:1"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	Seq          int            `gorm:"not null;uniqueIndex:idx_submission_seq,priority:2"`
	SubmittedBy  string         `gorm:"not null;default:''"`
	SubmittedAt  time.Time      `gorm:"not null"`
	Items        string         `gorm:"not null;default:'{}'"` // JSON object: item id → fingerprint
	Vetoes       string         `gorm:"not null;default:'[]'"` // JSON array of veto ids
}

// TableName names the submissions table for GORM.
func (submissionRow) TableName() string { return "submissions" }

func (r *submissionRow) domain() (*domain.Submission, error) {
	s := &domain.Submission{Seq: r.Seq, By: r.SubmittedBy, At: r.SubmittedAt.UTC(), Vetoes: decodeStrings(r.Vetoes)}
	if err := json.Unmarshal([]byte(r.Items), &s.Items); err != nil {
		return nil, fmt.Errorf("submission %d of assessment %d: %w", r.Seq, r.AssessmentID, err)
	}
	return s, nil
}

// migrateReview is schema 6: the review columns, audit.roles and the
// submissions table. Reviews written before verdicts get one: points are
// an adjustment whose comment becomes its reason (扣分说明), a comment alone
// an acceptance with that comment. Assessments submitted before schema 6
// have no recorded submission: nothing counts as changed until the next.
func migrateReview(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, col := range []string{"ReviewVerdict", "ReviewAnswer", "ReviewReason", "ReviewRequest"} {
		if !m.HasColumn(&answerRow{}, col) { // new databases have them from schema 1's AutoMigrate
			if err := m.AddColumn(&answerRow{}, col); err != nil {
				return fmt.Errorf("add answers.%s: %w", col, err)
			}
		}
	}
	if !m.HasColumn(&auditRow{}, "Roles") {
		if err := m.AddColumn(&auditRow{}, "Roles"); err != nil {
			return fmt.Errorf("add audit.roles: %w", err)
		}
	}
	if err := m.AutoMigrate(&submissionRow{}); err != nil {
		return fmt.Errorf("create submissions: %w", err)
	}
	if err := tx.Exec("UPDATE answers SET review_verdict = 'adjust', review_reason = review_comment, review_comment = '' " +
		"WHERE review_score IS NOT NULL AND review_verdict = ''").Error; err != nil {
		return fmt.Errorf("verdicts of reviewed points: %w", err)
	}
	return tx.Exec("UPDATE answers SET review_verdict = 'accept' " +
		"WHERE review_score IS NULL AND review_comment <> '' AND review_verdict = ''").Error
}

// actingRoles returns the roles of the context's user, comma-separated,
// for the audit trail.
func actingRoles(ctx context.Context) string {
	u, _ := domain.UserFrom(ctx)
	rs := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		rs[i] = string(r)
	}
	return strings.Join(rs, ",")
}

func newReviewDoc(r domain.Review) reviewDoc {
	d := reviewDoc{Verdict: string(r.Verdict), Score: r.Score, Reason: r.Reason, Comment: r.Comment,
		Request: r.Request, By: r.By, At: timeDoc(r.At)}
	if r.Answer != nil {
		a := newAnswerDoc(*r.Answer)
		d.Answer = &a
	}
	return d
}

// encodeAnswer returns the answer document of a, "" when nil.
func encodeAnswer(a *domain.Answer) string {
	if a == nil {
		return ""
	}
	b, _ := canonicalJSON(newAnswerDoc(*a)) // plain values always encode
	return string(b)
}

// decodeAnswer reads what encodeAnswer wrote; nil for "" (db check
// reports a broken one).
func decodeAnswer(s string) *domain.Answer {
	if s == "" {
		return nil
	}
	var d answerDoc
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil
	}
	a := d.domain()
	return &a
}

// setReview stores r in the row's review columns, leaving the answer alone.
func (r *answerRow) setReview(v domain.Review, by string, at time.Time) {
	r.ReviewVerdict, r.ReviewAnswer, r.ReviewScore = string(v.Verdict), encodeAnswer(v.Answer), v.Score
	r.ReviewReason, r.ReviewComment, r.ReviewRequest = v.Reason, v.Comment, v.Request
	r.ReviewedBy, r.ReviewedAt = by, &at
	if v.IsZero() {
		r.ReviewedBy, r.ReviewedAt = "", nil
	}
}

// reviewColumns are the columns a review writes: never an answer column.
var reviewColumns = []string{"review_verdict", "review_answer", "review_score", "review_reason",
	"review_comment", "review_request", "reviewed_by", "reviewed_at"}

// sameReview reports whether two reviews say the same (who and when aside).
func sameReview(a, b domain.Review) bool {
	a.By, a.At, b.By, b.At = "", time.Time{}, "", time.Time{}
	return sameJSON(a, b)
}

// SaveReview stores the reviewer's verdict on one item of a submitted
// assessment (domain.Item.Normalized, then CheckVerdict against the unit's
// own score) and returns the reviewed score (核定分). An empty review
// clears the item's. It writes the review columns only: the unit's answer
// stays as it is. EFORBIDDEN unless the context's user may review it;
// EINVALID, with the problems, when the review does not fit or the
// assessment is not submitted; ELOCKED once approved; ENOTFOUND for an
// unknown item. Saving what is stored writes nothing.
func (s *Store) SaveReview(ctx context.Context, id int64, itemID string, r domain.Review) (*domain.Result, error) {
	return s.ImportReviews(ctx, id, map[string]domain.Review{itemID: r})
}

// ImportReviews stores the reviewer's verdicts on several items at once,
// all or nothing (SaveReview for each, in one transaction): EINVALID with
// every problem when any verdict does not fit, and then nothing changes.
// It returns the reviewed score. Each item that changes is one "review"
// entry of the audit trail.
func (s *Store) ImportReviews(ctx context.Context, id int64, reviews map[string]domain.Review) (*domain.Result, error) {
	what := fmt.Sprintf("save the review of assessment %d", id)
	if len(reviews) == 1 {
		for k := range reviews {
			what = fmt.Sprintf("save the review of item %s of assessment %d", k, id)
		}
	}
	var same *domain.Result // the reviewed score when nothing changes
	_, res, err := s.change(ctx, id, what, func(tx *gorm.DB, st *state) ([]answerRow, bool, error) {
		if err := st.allow(domain.ActReview); err != nil {
			return nil, false, err
		}
		rows, err := s.rows(tx, st)
		if err != nil {
			return nil, false, err
		}
		set, _, _ := st.answerSet(rows)
		own := domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type})
		ids := sortedKeys(reviews)
		var ps []domain.Problem
		norm := make(map[string]domain.Review, len(reviews))
		for _, itemID := range ids {
			it := st.cat.Item(itemID)
			if it == nil {
				if len(reviews) == 1 {
					return nil, false, domain.Errorf(domain.ENOTFOUND, "catalog %s has no item %q", st.cat.Ref(), itemID)
				}
				p := domain.NewProblem(domain.ProbUnknownItem, "the catalog has no item {item}", "item", itemID)
				p.ItemID = itemID
				ps = append(ps, p)
				continue
			}
			r := it.NormalizedFor(reviews[itemID], st.unit.Type)
			is, _ := own.Item(itemID)
			ps = append(ps, it.CheckVerdictFor(r, is, st.unit.Type)...)
			norm[itemID] = r
		}
		if len(ps) > 0 {
			return nil, false, invalid(ps, "the review does not fit: %s (%d problem(s), nothing was saved)", ps[0], len(ps))
		}
		now, who := s.now(), st.user.Name
		changed := false
		for _, itemID := range ids {
			r := norm[itemID]
			idx := slices.IndexFunc(rows, func(r answerRow) bool { return r.ItemID == itemID })
			var before *domain.Review
			if idx >= 0 && rows[idx].hasReview() {
				b := rows[idx].review()
				before = &b
				if sameReview(b, r) { // nothing changes (noop.go)
					continue
				}
			} else if r.IsZero() {
				continue
			}
			exists := idx >= 0
			if !exists {
				rows = append(rows, answerRow{AssessmentID: id, ItemID: itemID})
				idx = len(rows) - 1
			}
			row := &rows[idx]
			row.setReview(r, who, now)
			var after *domain.Review
			if row.hasReview() {
				a := row.review()
				after = &a
			}
			var err error
			switch {
			case !row.hasReview() && row.answer().IsZero():
				err = tx.Where("assessment_id = ? AND item_id = ?", id, itemID).Delete(&answerRow{}).Error
				rows = slices.Delete(rows, idx, idx+1)
			case !exists:
				err = tx.Create(row).Error
			default:
				// Plain SQL: the review columns only, never an answer column,
				// without GORM's reflection on the hot path.
				err = tx.Exec("UPDATE answers SET "+strings.Join(reviewColumns, " = ?, ")+" = ? WHERE assessment_id = ? AND item_id = ?",
					row.ReviewVerdict, row.ReviewAnswer, row.ReviewScore, row.ReviewReason, row.ReviewComment,
					row.ReviewRequest, row.ReviewedBy, row.ReviewedAt, id, itemID).Error
			}
			if err != nil {
				return nil, false, fmt.Errorf("store the review of item %s: %w", itemID, err)
			}
			if err := s.audit(ctx, tx, id, itemID, "review", before, after); err != nil {
				return nil, false, err
			}
			changed = true
		}
		if !changed { // change scores only the unit's own then
			set, ov, _ := st.answerSet(rows)
			same = domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type, Overrides: ov})
		}
		return rows, changed, nil
	})
	if err != nil {
		return nil, err
	}
	if res == nil {
		return same, nil
	}
	return res, nil
}

// approve loads the workspace, lets the domain approve it
// (domain.Workspace.Approve) and stores the step.
func (s *Store) approve(ctx context.Context, id int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		ws, err := s.workspace(tx, st)
		if err != nil {
			return err
		}
		before := ws.Assessment.Status
		if err := ws.Approve(st.user, s.now()); err != nil {
			return err
		}
		return s.transition(ctx, tx, before, &ws.Assessment, string(domain.ActApprove))
	})
	return dbErr(err, fmt.Sprintf("approve assessment %d", id))
}

// saveSubmission records what the workspace hands in as its next
// submission, in the transaction that submits it (before the
// assessment's row takes the new submission's time).
//
// An assessment submitted before schema 6 and returned before it too has
// no recorded submission: its next one is numbered 2, so that the
// workspace tells a first submission from one whose earlier submission
// was not recorded (domain.BaseUnrecorded).
func saveSubmission(tx *gorm.DB, ws *domain.Workspace) error {
	seq := 1
	if ws.Last != nil {
		seq = ws.Last.Seq + 1
	} else {
		before, err := submittedBefore(tx, ws.Assessment.ID)
		if err != nil {
			return err
		}
		if before != nil {
			seq = 2
		}
	}
	sub := ws.Snapshot(seq, ws.Assessment.SubmittedBy, ws.Assessment.SubmittedAt)
	if err := createSubmission(tx, ws.Assessment.ID, sub); err != nil {
		return err
	}
	ws.Previous, ws.Last = ws.Last, &sub
	return nil
}

// createSubmission stores one submission of assessment id.
func createSubmission(tx *gorm.DB, id int64, sub domain.Submission) error {
	items, err := json.Marshal(sub.Items)
	if err != nil {
		return fmt.Errorf("record submission %d: %w", sub.Seq, err)
	}
	row := submissionRow{AssessmentID: id, Seq: sub.Seq, SubmittedBy: sub.By, SubmittedAt: sub.At.UTC(),
		Items: string(items), Vetoes: encodeStrings(sub.Vetoes)}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("record submission %d: %w", sub.Seq, err)
	}
	return nil
}

// submittedBefore returns the assessment's row as stored when it holds
// the time of an earlier submission, else nil.
func submittedBefore(tx *gorm.DB, id int64) (*assessmentRow, error) {
	var row assessmentRow
	if err := tx.Select("id", "submitted_by", "submitted_at").Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, fmt.Errorf("read the earlier submission of assessment %d: %w", id, err)
	}
	if row.SubmittedAt == nil || row.SubmittedAt.IsZero() {
		return nil, nil
	}
	return &row, nil
}

// keepEarlierSubmission records, when a submitted assessment goes back to
// the unit without a recorded submission (submitted before schema 6),
// what it holds now as that submission: a submitted assessment cannot
// change, so this is what was handed in. The unit's changes are then
// measured against it, and so are the reviewer's after the next
// submission (早期提交 becomes the baseline).
func (s *Store) keepEarlierSubmission(tx *gorm.DB, st *state) error {
	if domain.AssessmentStatus(st.row.Status) != domain.Submitted {
		return nil
	}
	if last, _, err := lastSubmissions(tx, st.row.ID); err != nil || last != nil {
		return err
	}
	row, err := submittedBefore(tx, st.row.ID)
	if err != nil || row == nil {
		return err
	}
	ws, err := s.workspace(tx, st)
	if err != nil {
		return err
	}
	sub := ws.Snapshot(1, row.SubmittedBy, row.SubmittedAt.UTC())
	return createSubmission(tx, ws.Assessment.ID, sub)
}

// lastSubmissions returns the latest submission of an assessment and the
// one before it; nil when there is none.
func lastSubmissions(tx *gorm.DB, id int64) (last, prev *domain.Submission, err error) {
	var rows []submissionRow
	if err := tx.Where("assessment_id = ?", id).Order("seq DESC").Limit(2).Find(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("read the submissions of assessment %d: %w", id, err)
	}
	out := make([]*domain.Submission, 2)
	for i := range rows {
		if out[i], err = rows[i].domain(); err != nil {
			return nil, nil, err
		}
	}
	return out[0], out[1], nil
}

// checkReviewDocs reports, for db check, reviews whose verdict is not one
// of the verdicts or whose answer document cannot be read (or is not in
// canonical form), and submissions whose fingerprints are not a JSON
// object.
func checkReviewDocs(db *gorm.DB) ([]string, error) {
	var found []string
	var rows []answerRow
	if err := db.Select("assessment_id", "item_id", "review_verdict", "review_answer").
		Where("review_verdict <> ? OR review_answer <> ?", "", "").Order("assessment_id, item_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	for _, r := range rows {
		if v := domain.Verdict(r.ReviewVerdict); v != "" && !v.Valid() {
			found = append(found, fmt.Sprintf("assessment %d, item %s: the review's verdict %q is not accept, adjust or request", r.AssessmentID, r.ItemID, r.ReviewVerdict))
		}
		if r.ReviewAnswer == "" {
			continue
		}
		if a := decodeAnswer(r.ReviewAnswer); a == nil || encodeAnswer(a) != r.ReviewAnswer {
			found = append(found, fmt.Sprintf("assessment %d, item %s: the reviewer's stored answer cannot be read", r.AssessmentID, r.ItemID))
		}
	}
	var subs []submissionRow
	if err := db.Order("assessment_id, seq").Find(&subs).Error; err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	for i := range subs {
		if _, err := subs[i].domain(); err != nil {
			found = append(found, fmt.Sprintf("assessment %d: submission %d cannot be read: %v", subs[i].AssessmentID, subs[i].Seq, err))
		}
	}
	return found, nil
}
