package storage

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func invalid(ps []domain.Problem, format string, args ...any) error {
	e := domain.Errorf(domain.EINVALID, format, args...)
	e.Problems = ps
	return e
}

// SaveAnswer stores the answer to one item (an empty answer clears it) and
// returns the new score. The cached score summary of the assessment changes
// in the same transaction. EINVALID, with the problems, when the answer does
// not fit the item; ENOTFOUND for an unknown item; ELOCKED when the
// assessment is submitted or approved. A refused answer leaves the stored
// one as it was.
func (s *Store) SaveAnswer(ctx context.Context, id int64, itemID string, a domain.Answer) (*domain.Result, error) {
	res, _, err := s.change(ctx, id, fmt.Sprintf("save answer %s of assessment %d", itemID, id), func(tx *gorm.DB, st *state) ([]answerRow, bool, error) {
		if err := st.editable(); err != nil {
			return nil, false, err
		}
		it := st.cat.Item(itemID)
		if it == nil {
			return nil, false, domain.Errorf(domain.ENOTFOUND, "catalog %s has no item %q", st.cat.Ref(), itemID)
		}
		if ps := append(it.CheckAnswer(a), domain.CheckText(itemID, a)...); len(ps) > 0 {
			return nil, false, invalid(ps, "the answer to item %s does not fit: %s", itemID, ps[0].Msg)
		}
		rows, err := s.rows(tx, st)
		if err != nil {
			return nil, false, err
		}
		idx := slices.IndexFunc(rows, func(r answerRow) bool { return r.ItemID == itemID })
		var before, after *domain.Answer
		if idx >= 0 {
			if b := rows[idx].answer(); !b.IsZero() {
				before = &b
			}
		}
		if !a.IsZero() {
			after = &a
		}
		if toJSON(before) == toJSON(after) { // nothing changes: no write, no audit entry
			return rows, false, nil
		}
		now, who := s.now(), st.user.Name
		switch {
		case idx < 0:
			row := answerRow{AssessmentID: id, ItemID: itemID, UpdatedBy: who, UpdatedAt: now}
			row.setAnswer(a)
			if err := tx.Create(&row).Error; err != nil {
				return nil, false, fmt.Errorf("insert answer %s: %w", itemID, err)
			}
			rows = append(rows, row)
		case a.IsZero() && !rows[idx].hasReview():
			if err := tx.Where("assessment_id = ? AND item_id = ?", id, itemID).Delete(&answerRow{}).Error; err != nil {
				return nil, false, fmt.Errorf("clear answer %s: %w", itemID, err)
			}
			rows = slices.Delete(rows, idx, idx+1)
		default:
			r := &rows[idx]
			r.setAnswer(a)
			r.UpdatedBy, r.UpdatedAt = who, now
			if err := tx.Save(r).Error; err != nil {
				return nil, false, fmt.Errorf("update answer %s: %w", itemID, err)
			}
		}
		if err := s.audit(ctx, tx, id, itemID, "answer", before, after); err != nil {
			return nil, false, err
		}
		return rows, true, nil
	})
	return res, err
}

// SetVetoes stores the vetoes the unit reports as triggered and returns the
// new score. EINVALID for a veto the catalog lacks.
func (s *Store) SetVetoes(ctx context.Context, id int64, vetoes []string) (*domain.Result, error) {
	res, _, err := s.change(ctx, id, fmt.Sprintf("set vetoes of assessment %d", id), func(tx *gorm.DB, st *state) ([]answerRow, bool, error) {
		if err := st.editable(); err != nil {
			return nil, false, err
		}
		vs, ps := domain.CheckVetoes(st.cat, vetoes)
		if len(ps) > 0 {
			return nil, false, invalid(ps, "catalog %s: %s", st.cat.Ref(), ps[0].Msg)
		}
		before := decodeStrings(st.row.Vetoes)
		rows, err := s.rows(tx, st)
		if err != nil {
			return nil, false, err
		}
		if sameVetoes(before, vs) { // nothing changes: no write, no audit entry (noop.go)
			return rows, false, nil
		}
		st.row.Vetoes = encodeStrings(vs)
		if err := s.audit(ctx, tx, id, "", "vetoes", before, vs); err != nil {
			return nil, false, err
		}
		return rows, true, nil
	})
	return res, err
}

// ImportAnswers replaces the answers and vetoes with those of an answers
// set, all or nothing: EINVALID with every problem when any answer does not
// fit (or the set names another catalog), and then nothing changes. Reviews
// stay. The set's unit and round are not compared with the assessment's, so
// that last round's answers can start this round's.
func (s *Store) ImportAnswers(ctx context.Context, id int64, set *domain.AnswerSet) error {
	if set == nil {
		return domain.Errorf(domain.EINVALID, "no answers to import")
	}
	_, _, err := s.change(ctx, id, fmt.Sprintf("import answers into assessment %d", id), func(tx *gorm.DB, st *state) ([]answerRow, bool, error) {
		if err := st.editable(); err != nil {
			return nil, false, err
		}
		ps := domain.CheckAnswers(st.cat, set)
		for _, k := range sortedKeys(set.Answers) {
			ps = append(ps, domain.CheckText(k, set.Answers[k])...)
		}
		if len(ps) > 0 {
			return nil, false, invalid(ps, "the answers do not fit catalog %s: %d problem(s), nothing was imported", st.cat.Ref(), len(ps))
		}
		rows, err := s.rows(tx, st)
		if err != nil {
			return nil, false, err
		}
		old, _, _ := st.answerSet(rows)
		vs, _ := domain.CheckVetoes(st.cat, set.Vetoes) // CheckAnswers refused unknown ones
		// Nothing changes: no write, no audit entry (noop.go).
		items, auditBefore, auditAfter, changed := importDiff(old, set.Answers, vs)
		if !changed {
			return rows, false, nil
		}
		// Only the answers that change are written: the others keep their
		// rows and their update stamps. Reviews stay.
		now, who := s.now(), st.user.Name
		var fresh []answerRow
		for _, k := range items {
			a := set.Answers[k]
			idx := slices.IndexFunc(rows, func(r answerRow) bool { return r.ItemID == k })
			switch {
			case idx < 0:
				r := answerRow{AssessmentID: id, ItemID: k, UpdatedBy: who, UpdatedAt: now}
				r.setAnswer(a)
				fresh = append(fresh, r)
			case a.IsZero() && !rows[idx].hasReview():
				if err := tx.Where("assessment_id = ? AND item_id = ?", id, k).Delete(&answerRow{}).Error; err != nil {
					return nil, false, fmt.Errorf("clear answer %s: %w", k, err)
				}
				rows = slices.Delete(rows, idx, idx+1)
			default:
				r := &rows[idx]
				r.setAnswer(a)
				r.UpdatedBy, r.UpdatedAt = who, now
				if err := tx.Save(r).Error; err != nil {
					return nil, false, fmt.Errorf("update answer %s: %w", k, err)
				}
			}
		}
		if len(fresh) > 0 {
			if err := tx.CreateInBatches(fresh, insertBatch).Error; err != nil {
				return nil, false, fmt.Errorf("insert answers: %w", err)
			}
		}
		st.row.Vetoes = encodeStrings(vs)
		if err := s.audit(ctx, tx, id, "", "import", auditBefore, auditAfter); err != nil {
			return nil, false, err
		}
		return slices.Concat(rows, fresh), true, nil
	})
	return err
}

// ExportAnswers returns the assessment's answers as an answers set. Each
// answer lists, as its evidence, the names given with it and the names of
// the files attached to the item.
func (s *Store) ExportAnswers(ctx context.Context, id int64) (*domain.AnswerSet, error) {
	ws, err := s.OpenAssessment(ctx, id)
	if err != nil {
		return nil, err
	}
	set := ws.Answers
	for _, item := range sortedKeys(ws.Evidence) {
		a := set.Answers[item]
		for _, e := range ws.Evidence[item] {
			if !slices.Contains(a.Evidence, e.Name) {
				a.Evidence = append(a.Evidence, e.Name)
			}
		}
		set.Answers[item] = a
	}
	return set, nil
}

// change runs one write to an assessment's answers, vetoes or reviews as a
// single transaction. fn gets the loaded state, makes its changes and
// returns the assessment's answer rows as they now are, and whether
// anything changed. change then scores them — storing the score summary
// on the assessment when something changed — and, once committed, keeps the
// rows in the per-process cache. what names the write in errors.
func (s *Store) change(ctx context.Context, id int64, what string,
	fn func(tx *gorm.DB, st *state) (rows []answerRow, changed bool, err error)) (own, reviewed *domain.Result, err error) {
	var put func()
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		put = nil // the transaction may be retried
		st, err := s.load(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, changed, err := fn(tx, st)
		if err != nil {
			return err
		}
		set, ov, _ := st.answerSet(rows)
		if !changed {
			own = domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type})
			return nil
		}
		if own, reviewed, err = s.rescore(tx, st, set, ov); err != nil {
			return err
		}
		put = func() { s.answers.put(id, st.row.Revision, rows) }
		return nil
	})
	if err != nil {
		return nil, nil, dbErr(err, what)
	}
	if put != nil {
		put()
	}
	return own, reviewed, nil
}

// insertBatch is the number of answer rows one INSERT carries. The SQLite
// driver binds each of a statement's parameters by searching all of them
// (go-sqlite conn.bind), so a statement's cost grows with the square of
// its parameters: 200 rows of 25 columns spent more time binding than
// storing. 20 rows keep the statements few and the search short.
const insertBatch = 20
