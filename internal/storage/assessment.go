package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

// CreateAssessment stores a new draft for a.Unit.ID, a.Round and the
// catalog a.CatalogID@a.CatalogVersion (which must be stored), and sets a's
// ID, unit, status and times. ENOTFOUND for an unknown unit or catalog,
// ECONFLICT when the unit already has an assessment for that round and
// catalog.
func (s *Store) CreateAssessment(ctx context.Context, a *domain.Assessment) error {
	if a == nil || strings.TrimSpace(a.Round) == "" {
		return domain.Errorf(domain.EINVALID, "an assessment needs a round, such as 2026-Q3")
	}
	ref := a.CatalogRef()
	var row assessmentRow
	var created domain.Assessment
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var u unitRow // locked: UpdateUnit must not change it under the new assessment
		if err := s.forUpdate(tx).Take(&u, a.Unit.ID).Error; err != nil {
			return notFound(err, "no unit with id %d", a.Unit.ID)
		}
		var cr catalogRow
		err := tx.Select("id", "hash").Where("catalog_id = ? AND version = ?", a.CatalogID, a.CatalogVersion).Take(&cr).Error
		if err != nil {
			return notFound(err, "no catalog %s is stored: import it first", ref)
		}
		cat, err := s.catalogByRow(ctx, tx, cr.ID, cr.Hash)
		if err != nil {
			return err
		}
		var dup assessmentRow
		err = tx.Select("id").Where("unit_id = ? AND round = ? AND catalog_id = ?", u.ID, a.Round, a.CatalogID).Take(&dup).Error
		if err == nil {
			return domain.Errorf(domain.ECONFLICT, "%s already has an assessment for round %s and catalog %s (id %d)",
				u.Name, a.Round, a.CatalogID, dup.ID)
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&roundRow{Name: a.Round}).Error; err != nil {
			return err
		}
		now := s.now()
		row = assessmentRow{UnitID: u.ID, Round: a.Round, CatalogID: a.CatalogID, CatalogVersion: a.CatalogVersion,
			CatalogRowID: cr.ID, Status: string(domain.Draft), Vetoes: "[]",
			CreatedBy: domain.ActorFrom(ctx), CreatedAt: now, UpdatedAt: now}
		unit := u.domain()
		row.setUnit(unit)
		res := domain.Score(cat, &domain.AnswerSet{Catalog: ref, Answers: map[string]domain.Answer{}},
			domain.Options{UnitType: unit.Type})
		row.setSummary(res, res)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		created = row.domain(unit)
		return s.audit(ctx, tx, row.ID, "", "create", nil, created)
	})
	if err != nil {
		return dbErr(err, "create assessment")
	}
	*a = created
	return nil
}

// setSummary caches the score summary on the row.
func (r *assessmentRow) setSummary(own, reviewed *domain.Result) {
	r.Answered, r.Applicable, r.Final, r.Grade = own.Answered, own.Applicable, own.Final, own.Grade
	r.ReviewedFinal, r.ReviewedGrade = reviewed.Final, reviewed.Grade
}

// saveSummary writes the row's summary columns, its update time and a new
// revision.
func (s *Store) saveSummary(tx *gorm.DB, r *assessmentRow) error {
	r.UpdatedAt = s.now()
	r.Revision = newRevision()
	return tx.Model(&assessmentRow{}).Where("id = ?", r.ID).Updates(map[string]any{
		"answered": r.Answered, "applicable": r.Applicable, "final": r.Final, "grade": r.Grade,
		"reviewed_final": r.ReviewedFinal, "reviewed_grade": r.ReviewedGrade,
		"vetoes": r.Vetoes, "updated_at": r.UpdatedAt, "revision": r.Revision,
	}).Error
}

// ListAssessments returns the assessments that match f with progress and
// score, newest first. It reads the cached summaries and scores nothing, and
// scans rows by hand: GORM's reflection would double the time of a long list.
func (s *Store) ListAssessments(ctx context.Context, f domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	q := s.db.WithContext(ctx).Table("assessments AS a").
		Select("a.id, a.unit_id, a.round, a.catalog_id, a.catalog_version, a.status, a.vetoes, " +
			"a.created_by, a.created_at, a.updated_at, a.submitted_by, a.submitted_at, a.returned_by, a.returned_at, " +
			"a.return_reason, a.approved_by, a.approved_at, a.answered, a.applicable, a.final, a.grade, " +
			"a.unit_name, a.unit_type, a.unit_superior, a.unit_code, c.title, c.total").
		Joins("JOIN catalogs AS c ON c.id = a.catalog_row_id")
	if f.UnitID != nil {
		q = q.Where("a.unit_id = ?", *f.UnitID)
	}
	if f.Round != "" {
		q = q.Where("a.round = ?", f.Round)
	}
	if f.Status != "" {
		q = q.Where("a.status = ?", string(f.Status))
	}
	rs, err := q.Order("a.created_at DESC, a.id DESC").Rows()
	if err != nil {
		return nil, dbErr(err, "list assessments")
	}
	defer rs.Close()
	var out []domain.AssessmentSummary
	for rs.Next() {
		var (
			r                                   assessmentRow
			u                                   domain.Unit
			sum                                 domain.AssessmentSummary
			submittedAt, returnedAt, approvedAt sql.NullTime
		)
		if err := rs.Scan(&r.ID, &r.UnitID, &r.Round, &r.CatalogID, &r.CatalogVersion, &r.Status, &r.Vetoes,
			&r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.SubmittedBy, &submittedAt, &r.ReturnedBy, &returnedAt,
			&r.ReturnReason, &r.ApprovedBy, &approvedAt, &sum.Answered, &sum.Applicable, &sum.Final, &sum.Grade,
			&u.Name, &u.Type, &u.Superior, &u.Code, &sum.CatalogTitle, &sum.Total); err != nil {
			return nil, dbErr(err, "list assessments")
		}
		r.SubmittedAt, r.ReturnedAt, r.ApprovedAt = nullTime(submittedAt), nullTime(returnedAt), nullTime(approvedAt)
		u.ID = r.UnitID
		sum.Assessment = r.domain(u)
		out = append(out, sum)
	}
	if err := rs.Err(); err != nil {
		return nil, dbErr(err, "list assessments")
	}
	return out, nil
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	return &t.Time
}

// state is an assessment read inside a transaction with everything needed
// to check and score a change.
type state struct {
	row  assessmentRow
	unit domain.Unit
	cat  *domain.Catalog
}

// load reads the assessment (locking its row on PostgreSQL), its unit and
// its catalog. ENOTFOUND if it does not exist.
func (s *Store) load(ctx context.Context, tx *gorm.DB, id int64) (*state, error) {
	st := &state{}
	if err := s.forUpdate(tx).Take(&st.row, id).Error; err != nil {
		return nil, notFound(err, "no assessment with id %d", id)
	}
	unit, err := unitFacts(tx, &st.row) // the facts it is scored with: unitfacts.go
	if err != nil {
		return nil, err
	}
	st.unit = unit
	var cr catalogRow
	if err := tx.Select("id", "hash").Take(&cr, st.row.CatalogRowID).Error; err != nil {
		return nil, notFound(err, "catalog of assessment %d is missing", id)
	}
	cat, err := s.catalogByRow(ctx, tx, cr.ID, cr.Hash)
	if err != nil {
		return nil, err
	}
	st.cat = cat
	return st, nil
}

// editable returns ELOCKED unless answers and evidence may change.
func (st *state) editable() error {
	if !domain.AssessmentStatus(st.row.Status).Editable() {
		return domain.Errorf(domain.ELOCKED,
			"assessment %d (%s, %s) is %s: answers and evidence cannot change until it is returned",
			st.row.ID, st.unit.Name, st.row.Round, st.row.Status)
	}
	return nil
}

// answerColumns are the columns answerRows reads, in scan order.
const answerColumns = "assessment_id, item_id, met, level, value, baseline, count, parts, na, reason, note, " +
	"evidence, flagged, updated_by, updated_at, review_score, review_comment, reviewed_by, reviewed_at"

// answerRows reads the assessment's answer rows. It scans by hand: this is
// the hot path of opening an assessment, and GORM's reflection would cost
// it about half its time.
func answerRows(tx *gorm.DB, id int64) ([]answerRow, error) {
	rs, err := tx.Raw("SELECT "+answerColumns+" FROM answers WHERE assessment_id = ?", id).Rows()
	if err != nil {
		return nil, fmt.Errorf("read answers of assessment %d: %w", id, err)
	}
	defer rs.Close()
	var rows []answerRow
	for rs.Next() {
		var (
			r                            answerRow
			met                          sql.NullBool
			value, baseline, reviewScore sql.NullFloat64
			count                        sql.NullInt64
			reviewedAt                   sql.NullTime
		)
		if err := rs.Scan(&r.AssessmentID, &r.ItemID, &met, &r.Level, &value, &baseline, &count, &r.Parts, &r.NA,
			&r.Reason, &r.Note, &r.Evidence, &r.Flagged, &r.UpdatedBy, &r.UpdatedAt, &reviewScore,
			&r.ReviewComment, &r.ReviewedBy, &reviewedAt); err != nil {
			return nil, fmt.Errorf("read answers of assessment %d: %w", id, err)
		}
		if met.Valid {
			r.Met = &met.Bool
		}
		if value.Valid {
			r.Value = &value.Float64
		}
		if baseline.Valid {
			r.Baseline = &baseline.Float64
		}
		if count.Valid {
			r.Count = &count.Int64
		}
		if reviewScore.Valid {
			r.ReviewScore = &reviewScore.Float64
		}
		r.ReviewedAt = nullTime(reviewedAt)
		rows = append(rows, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read answers of assessment %d: %w", id, err)
	}
	return rows, nil
}

// rows returns the loaded assessment's answer rows: those this process read
// or wrote at the same revision, else from the database. The caller owns
// the returned slice.
//
// Rows read from the database are cached under the revision read before
// them. They can only be newer than that revision, never older, and newer
// rows mean a write changed the revision, so the entry is never used.
func (s *Store) rows(tx *gorm.DB, st *state) ([]answerRow, error) {
	if rows := s.answers.get(st.row.ID, st.row.Revision); rows != nil {
		return rows, nil
	}
	rows, err := answerRows(tx, st.row.ID)
	if err != nil {
		return nil, err
	}
	s.answers.put(st.row.ID, st.row.Revision, rows)
	return slices.Clone(rows), nil
}

// answerSet builds the answer set of the rows, the reviewer's overrides and
// the reviews.
func (st *state) answerSet(rows []answerRow) (*domain.AnswerSet, map[string]float64, map[string]domain.Review) {
	set := &domain.AnswerSet{Catalog: st.cat.Ref(), Unit: domain.UnitRef{Name: st.unit.Name, Type: st.unit.Type},
		Round: st.row.Round, Answers: make(map[string]domain.Answer, len(rows)), Vetoes: decodeStrings(st.row.Vetoes)}
	ov := map[string]float64{}
	reviews := map[string]domain.Review{}
	for i := range rows {
		r := &rows[i]
		if a := r.answer(); !a.IsZero() {
			set.Answers[r.ItemID] = a
		}
		if r.hasReview() {
			reviews[r.ItemID] = r.review()
			if r.ReviewScore != nil {
				ov[r.ItemID] = *r.ReviewScore
			}
		}
	}
	return set, ov, reviews
}

// rescore scores the set, caches the summary on the assessment row and
// returns the unit's own result and the reviewed one.
func (s *Store) rescore(tx *gorm.DB, st *state, set *domain.AnswerSet, ov map[string]float64) (own, reviewed *domain.Result, err error) {
	own = domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type})
	reviewed = own
	if len(ov) > 0 {
		reviewed = domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type, Overrides: ov})
	}
	st.row.setSummary(own, reviewed)
	if err := s.saveSummary(tx, &st.row); err != nil {
		return nil, nil, fmt.Errorf("save score of assessment %d: %w", st.row.ID, err)
	}
	return own, reviewed, nil
}

// OpenAssessment returns the assessment with its catalog, answers, reviews
// and evidence list. ENOTFOUND if it does not exist.
func (s *Store) OpenAssessment(ctx context.Context, id int64) (*domain.Workspace, error) {
	var ws *domain.Workspace
	err := s.read(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		ws, err = s.workspace(tx, st)
		return err
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("open assessment %d", id))
	}
	return ws, nil
}

// read runs fn with a consistent view of the data: in a transaction on
// PostgreSQL; on SQLite a read on the single connection outside a write
// transaction, so that readers never hold the write lock.
func (s *Store) read(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.dialect == "postgres" {
		return s.db.WithContext(ctx).Transaction(fn)
	}
	return fn(s.db.WithContext(ctx))
}

// workspace builds the workspace of a loaded assessment.
func (s *Store) workspace(tx *gorm.DB, st *state) (*domain.Workspace, error) {
	rows, err := s.rows(tx, st)
	if err != nil {
		return nil, err
	}
	set, _, reviews := st.answerSet(rows)
	meta := make(map[string]domain.AnswerMeta, len(rows))
	for i := range rows {
		if rows[i].UpdatedBy != "" || !rows[i].UpdatedAt.IsZero() {
			meta[rows[i].ItemID] = domain.AnswerMeta{By: rows[i].UpdatedBy, At: rows[i].UpdatedAt.UTC()}
		}
	}
	var evs []evidenceRow
	if err := tx.Where("assessment_id = ?", st.row.ID).Order("item_id, id").Find(&evs).Error; err != nil {
		return nil, fmt.Errorf("read evidence of assessment %d: %w", st.row.ID, err)
	}
	byItem := map[string][]domain.Evidence{}
	for i := range evs {
		byItem[evs[i].ItemID] = append(byItem[evs[i].ItemID], evs[i].domain())
	}
	return &domain.Workspace{Assessment: st.row.domain(st.unit), Catalog: st.cat, Answers: set,
		Meta: meta, Reviews: reviews, Evidence: byItem}, nil
}

// DeleteAssessment removes a draft with everything it holds. ELOCKED unless
// the status is draft.
func (s *Store) DeleteAssessment(ctx context.Context, id int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.row.Status != string(domain.Draft) {
			return domain.Errorf(domain.ELOCKED, "assessment %d is %s: only a draft can be deleted", id, st.row.Status)
		}
		before := st.row.domain(st.unit)
		var hashes []string
		if err := tx.Model(&evidenceRow{}).Where("assessment_id = ?", id).Distinct().Pluck("sha256", &hashes).Error; err != nil {
			return err
		}
		for _, del := range []any{&evidenceRow{}, &answerRow{}} {
			if err := tx.Where("assessment_id = ?", id).Delete(del).Error; err != nil {
				return err
			}
		}
		if err := tx.Delete(&assessmentRow{}, id).Error; err != nil {
			return err
		}
		if err := dropOrphanBlobs(tx, hashes); err != nil {
			return err
		}
		s.answers.drop(id)
		return s.audit(ctx, tx, id, "", "delete", before, nil)
	})
	return dbErr(err, fmt.Sprintf("delete assessment %d", id))
}

// Submit locks the assessment for review. EBLOCKED, with the problems,
// while an applicable item is unanswered, an N/A has no reason, or an item
// that requires evidence has neither a note nor a file.
func (s *Store) Submit(ctx context.Context, id int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := st.editable(); err != nil {
			return err
		}
		ws, err := s.workspace(tx, st)
		if err != nil {
			return err
		}
		if ps := ws.SubmissionProblems(); len(ps) > 0 {
			e := domain.Errorf(domain.EBLOCKED, "assessment %d cannot be submitted yet: %d item(s) need attention", id, len(ps))
			e.Problems = ps
			return e
		}
		return s.transition(ctx, tx, st, domain.Submitted, "submit", "")
	})
	return dbErr(err, fmt.Sprintf("submit assessment %d", id))
}

// Return sends a submitted assessment back to the unit with a reason.
// EINVALID without a reason or when the assessment is not submitted.
func (s *Store) Return(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return domain.Errorf(domain.EINVALID, "returning assessment %d needs a reason", id)
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.row.Status != string(domain.Submitted) {
			return domain.Errorf(domain.EINVALID, "assessment %d is %s: only a submitted assessment can be returned", id, st.row.Status)
		}
		return s.transition(ctx, tx, st, domain.Returned, "return", reason)
	})
	return dbErr(err, fmt.Sprintf("return assessment %d", id))
}

// Approve closes a submitted assessment. EINVALID when it is not submitted.
func (s *Store) Approve(ctx context.Context, id int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.row.Status != string(domain.Submitted) {
			return domain.Errorf(domain.EINVALID, "assessment %d is %s: only a submitted assessment can be approved", id, st.row.Status)
		}
		return s.transition(ctx, tx, st, domain.Approved, "approve", "")
	})
	return dbErr(err, fmt.Sprintf("approve assessment %d", id))
}

// transition moves the assessment to status to, recording who and when.
func (s *Store) transition(ctx context.Context, tx *gorm.DB, st *state, to domain.AssessmentStatus, action, reason string) error {
	now := s.now()
	who := domain.ActorFrom(ctx)
	before := map[string]string{"status": st.row.Status}
	upd := map[string]any{"status": string(to), "updated_at": now}
	switch to {
	case domain.Submitted:
		upd["submitted_by"], upd["submitted_at"] = who, now
	case domain.Returned:
		upd["returned_by"], upd["returned_at"], upd["return_reason"] = who, now, reason
	case domain.Approved:
		upd["approved_by"], upd["approved_at"] = who, now
	}
	if err := tx.Model(&assessmentRow{}).Where("id = ?", st.row.ID).Updates(upd).Error; err != nil {
		return err
	}
	after := map[string]string{"status": string(to)}
	if reason != "" {
		after["reason"] = reason
	}
	return s.audit(ctx, tx, st.row.ID, "", action, before, after)
}

// SaveRound stores a round (its dates), creating or changing it.
func (s *Store) SaveRound(ctx context.Context, r domain.Round) error {
	if strings.TrimSpace(r.Name) == "" {
		return domain.Errorf(domain.EINVALID, "a round needs a name, such as 2026-Q3")
	}
	if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
		return domain.Errorf(domain.EINVALID, "round %s ends (%s) before it starts (%s)", r.Name,
			r.End.Format("2006-01-02"), r.Start.Format("2006-01-02"))
	}
	row := roundRow{Name: r.Name, Start: timePtr(r.Start.UTC()), End: timePtr(r.End.UTC())}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		// Nothing changes: no write, no audit entry (noop.go).
		before, same, err := s.roundBefore(tx, r)
		if err != nil || same {
			return err
		}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}},
			DoUpdates: clause.AssignmentColumns([]string{"starts_on", "ends_on"})}).Create(&row).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, 0, "", "round_save", before, r)
	})
	return dbErr(err, "save round "+r.Name)
}

// ListRounds returns the rounds by name.
func (s *Store) ListRounds(ctx context.Context) ([]domain.Round, error) {
	var rows []roundRow
	if err := s.db.WithContext(ctx).Order("name").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "list rounds")
	}
	out := make([]domain.Round, len(rows))
	for i, r := range rows {
		out[i] = domain.Round{Name: r.Name, Start: timeOf(r.Start), End: timeOf(r.End)}
	}
	return out, nil
}
