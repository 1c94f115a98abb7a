package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
)

// CreateAssessment stores a new draft for a.Unit.ID, a.Round and the
// catalog a.CatalogID@a.CatalogVersion (which must be stored), and sets a's
// ID, unit, status and times. EINVALID without a valid round name
// (domain.CheckRound), ENOTFOUND for an unknown unit or catalog, EFORBIDDEN
// unless the context's user may create it (domain.ActCreate), ECONFLICT
// when the unit already has an assessment for that round and catalog.
func (s *Store) CreateAssessment(ctx context.Context, a *domain.Assessment) error {
	if a == nil {
		return domain.Errorf(domain.EINVALID, "no assessment to create")
	}
	if err := domain.CheckRound(domain.Round{Name: a.Round}); err != nil {
		return err
	}
	user, _ := domain.UserFrom(ctx)
	ref := a.CatalogRef()
	var row assessmentRow
	var created domain.Assessment
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var u unitRow // locked: UpdateUnit must not change it under the new assessment
		if err := s.forUpdate(tx).Take(&u, a.Unit.ID).Error; err != nil {
			return notFound(err, "no unit with id %d", a.Unit.ID)
		}
		if err := domain.Authorize(user, domain.ActCreate, &domain.Assessment{Unit: u.domain(), Round: a.Round}); err != nil {
			return err
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
			CreatedBy: user.Name, CreatedAt: now, UpdatedAt: now}
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
			"a.reviewed_final, a.reviewed_grade, " +
			"a.unit_name, a.unit_type, a.unit_superior, a.unit_code, c.title, c.total, c.id, c.hash").
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
	type catRef struct {
		row  int64
		hash string
	}
	var cats []catRef // each summary's catalog row, for AwaitsRound once the rows are read
	for rs.Next() {
		var (
			r                                   assessmentRow
			u                                   domain.Unit
			sum                                 domain.AssessmentSummary
			submittedAt, returnedAt, approvedAt sql.NullTime
			catRow                              int64
			catHash                             string
		)
		if err := rs.Scan(&r.ID, &r.UnitID, &r.Round, &r.CatalogID, &r.CatalogVersion, &r.Status, &r.Vetoes,
			&r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.SubmittedBy, &submittedAt, &r.ReturnedBy, &returnedAt,
			&r.ReturnReason, &r.ApprovedBy, &approvedAt, &sum.Answered, &sum.Applicable, &sum.Final, &sum.Grade,
			&sum.ReviewedFinal, &sum.ReviewedGrade,
			&u.Name, &u.Type, &u.Superior, &u.Code, &sum.CatalogTitle, &sum.Total, &catRow, &catHash); err != nil {
			return nil, dbErr(err, "list assessments")
		}
		cats = append(cats, catRef{catRow, catHash})
		r.SubmittedAt, r.ReturnedAt, r.ApprovedAt = nullTime(submittedAt), nullTime(returnedAt), nullTime(approvedAt)
		u.ID = r.UnitID
		sum.Assessment = r.domain(u)
		out = append(out, sum)
	}
	if err := rs.Err(); err != nil {
		return nil, dbErr(err, "list assessments")
	}
	// The catalogs are read after the rows are closed: an SQLite database
	// has one connection, which the open rows hold.
	rs.Close()
	roundScored := map[int64]bool{} // by catalog row: does it compare units?
	for i, cr := range cats {
		scored, known := roundScored[cr.row]
		if !known {
			if cat, err := s.catalogByRow(ctx, s.db.WithContext(ctx), cr.row, cr.hash); err == nil {
				scored = cat.RoundScored()
			}
			roundScored[cr.row] = scored
		}
		out[i].AwaitsRound = scored // Final is the unit's own, its peers' rules at their low end
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
// to check and score a change, and the user making it.
type state struct {
	row  assessmentRow
	unit domain.Unit
	cat  *domain.Catalog
	user domain.User // the context's user
}

// load reads the assessment (locking its row on PostgreSQL), its unit and
// its catalog, and takes the user from ctx. ENOTFOUND if it does not exist.
func (s *Store) load(ctx context.Context, tx *gorm.DB, id int64) (*state, error) {
	st := &state{}
	st.user, _ = domain.UserFrom(ctx)
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

// allow asks the domain whether the user may do act to the loaded
// assessment now (domain.Authorize): EFORBIDDEN, ELOCKED or EINVALID if not.
func (st *state) allow(act domain.Action) error {
	a := st.row.domain(st.unit)
	return domain.Authorize(st.user, act, &a)
}

// editable returns EFORBIDDEN unless the user may change the answers and
// evidence, and ELOCKED unless the status lets them change.
func (st *state) editable() error { return st.allow(domain.ActEdit) }

// answerColumns are the columns answerRows reads, in scan order.
const answerColumns = "assessment_id, item_id, met, level, value, baseline, count, parts, counts, na, reason, note, " +
	"evidence, flagged, updated_by, updated_at, review_score, review_comment, reviewed_by, reviewed_at, " +
	"review_verdict, review_answer, review_reason, review_request"

// answerRows reads the assessment's answer rows. It scans by hand: this is
// the hot path of opening an assessment, and GORM's reflection would cost
// it about half its time.
func answerRows(tx *gorm.DB, id int64) ([]answerRow, error) {
	rs, err := tx.Raw("SELECT "+answerColumns+" FROM answers WHERE assessment_id = ?", id).Rows()
	if err != nil {
		return nil, fmt.Errorf("read answers of assessment %d: %w", id, err)
	}
	defer rs.Close()
	rows, err := scanAnswers(rs)
	if err != nil {
		return nil, fmt.Errorf("read answers of assessment %d: %w", id, err)
	}
	return rows, nil
}

// scanAnswers reads answer rows selected with answerColumns.
func scanAnswers(rs *sql.Rows) ([]answerRow, error) {
	var rows []answerRow
	for rs.Next() {
		var (
			r                            answerRow
			met                          sql.NullBool
			value, baseline, reviewScore sql.NullFloat64
			count                        sql.NullInt64
			reviewedAt                   sql.NullTime
		)
		if err := rs.Scan(&r.AssessmentID, &r.ItemID, &met, &r.Level, &value, &baseline, &count, &r.Parts, &r.Counts, &r.NA,
			&r.Reason, &r.Note, &r.Evidence, &r.Flagged, &r.UpdatedBy, &r.UpdatedAt, &reviewScore,
			&r.ReviewComment, &r.ReviewedBy, &reviewedAt,
			&r.ReviewVerdict, &r.ReviewAnswer, &r.ReviewReason, &r.ReviewRequest); err != nil {
			return nil, err
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
	return rows, rs.Err()
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
	last, prev, err := lastSubmissions(tx, st.row.ID) // review.go
	if err != nil {
		return nil, err
	}
	carried, err := carriedItems(tx, st.row.ID, set) // carry.go
	if err != nil {
		return nil, err
	}
	changed, err := changedItems(tx, st, set) // migrateassessment.go
	if err != nil {
		return nil, err
	}
	peers, err := receivedPeers(tx, st) // exchangetasks.go: the lead's round, brought by its package
	if err != nil {
		return nil, err
	}
	return &domain.Workspace{Assessment: st.row.domain(st.unit), Catalog: st.cat, Answers: set,
		Meta: meta, Reviews: reviews, Evidence: byItem, Last: last, Previous: prev, Carried: carried, CatalogChanged: changed,
		Peers: peers}, nil
}

// DeleteAssessment removes a draft with everything it holds. ELOCKED unless
// the status is draft.
func (s *Store) DeleteAssessment(ctx context.Context, id int64) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := st.allow(domain.ActDelete); err != nil {
			return err
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

// Submit locks the assessment for review (domain.Workspace.Submit):
// EFORBIDDEN unless the context's user may submit it, ELOCKED unless it is
// a draft or returned, EBLOCKED, with the problems, while an applicable
// item is unanswered, an N/A has no reason, or an item that requires
// evidence has neither a note nor a file.
func (s *Store) Submit(ctx context.Context, id int64) error {
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
		if err := ws.Submit(st.user, s.now()); err != nil {
			return err
		}
		if err := saveSubmission(tx, ws); err != nil { // review.go
			return err
		}
		return s.transition(ctx, tx, before, &ws.Assessment, "submit")
	})
	return dbErr(err, fmt.Sprintf("submit assessment %d", id))
}

// Return sends a submitted assessment back to the unit with a reason
// (domain.Assessment.Step): EFORBIDDEN unless the context's user may
// return it, EINVALID without a reason or when it is not submitted.
func (s *Store) Return(ctx context.Context, id int64, reason string) error {
	return s.step(ctx, id, domain.ActReturn, reason)
}

// Approve closes a submitted assessment (domain.Workspace.Approve):
// EFORBIDDEN unless the context's user may approve it, EINVALID when it is
// not submitted, EBLOCKED while a request (需补充) is open.
func (s *Store) Approve(ctx context.Context, id int64) error {
	return s.approve(ctx, id) // review.go
}

// step loads the assessment, lets the domain take the workflow step act
// and stores the result.
func (s *Store) step(ctx context.Context, id int64, act domain.Action, reason string) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		a := st.row.domain(st.unit)
		before := a.Status
		if err := a.Step(st.user, act, s.now(), reason); err != nil {
			return err
		}
		if act == domain.ActReturn { // a submission made before schema 6 is recorded first (review.go)
			if err := s.keepEarlierSubmission(tx, st); err != nil {
				return err
			}
		}
		return s.transition(ctx, tx, before, &a, string(act))
	})
	return dbErr(err, fmt.Sprintf("%s assessment %d", act, id))
}

// transition stores the status, who, when and why of a workflow step the
// domain took on a, and audits it as action.
func (s *Store) transition(ctx context.Context, tx *gorm.DB, from domain.AssessmentStatus, a *domain.Assessment, action string) error {
	upd := map[string]any{"status": string(a.Status), "updated_at": a.UpdatedAt}
	reason := ""
	switch a.Status {
	case domain.Submitted:
		upd["submitted_by"], upd["submitted_at"] = a.SubmittedBy, a.SubmittedAt
	case domain.Returned:
		upd["returned_by"], upd["returned_at"], upd["return_reason"] = a.ReturnedBy, a.ReturnedAt, a.ReturnReason
		reason = a.ReturnReason
	case domain.Approved:
		upd["approved_by"], upd["approved_at"] = a.ApprovedBy, a.ApprovedAt
	}
	if err := tx.Model(&assessmentRow{}).Where("id = ?", a.ID).Updates(upd).Error; err != nil {
		return err
	}
	after := map[string]string{"status": string(a.Status)}
	if reason != "" {
		after["reason"] = reason
	}
	return s.audit(ctx, tx, a.ID, "", action, map[string]string{"status": string(from)}, after)
}

// manage returns EFORBIDDEN unless the context's user may do act, one of
// the actions that are not about an assessment (managing units, catalogs,
// rounds).
func manage(ctx context.Context, act domain.Action) error {
	user, _ := domain.UserFrom(ctx)
	return domain.Authorize(user, act, nil)
}

// SaveRound stores a round (its dates), creating or changing it. EINVALID
// for a round domain.CheckRound refuses, EFORBIDDEN unless the context's
// user may manage rounds.
func (s *Store) SaveRound(ctx context.Context, r domain.Round) error {
	if err := domain.CheckRound(r); err != nil {
		return err
	}
	if err := manage(ctx, domain.ActManageRounds); err != nil {
		return err
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
