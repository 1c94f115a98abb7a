package storage

import (
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// A change that changes nothing writes nothing: no row, no new revision or
// update time, no audit entry. Every write path compares what it would
// store with what is stored before it writes, with the helpers below, and
// record (the one writer of the audit trail) drops an entry whose before
// and after are the same as a last guard.

// sameJSON reports whether a and b have the same JSON form, the form the
// audit trail keeps.
func sameJSON(a, b any) bool { return toJSON(a) == toJSON(b) }

// stored returns a as it reads back from an answer row, so that answers
// are compared as stored (an empty parts map or evidence list is none).
func stored(a domain.Answer) domain.Answer {
	var r answerRow
	r.setAnswer(a)
	return r.answer()
}

// sameVetoes reports whether two veto lists name the same vetoes.
func sameVetoes(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// importDiff compares the answers and vetoes stored (old) with those an
// import would store (answers, vetoes), and returns only what differs: the
// items whose answer changes, and for the audit trail their answers before
// and after ("null" for none) with the vetoes when they change. changed is
// false when the import would store exactly what is stored.
func importDiff(old *domain.AnswerSet, answers map[string]domain.Answer, vetoes []string) (items []string, before, after map[string]any, changed bool) {
	ba, aa := map[string]*domain.Answer{}, map[string]*domain.Answer{}
	for _, k := range sortedKeys(old.Answers) {
		o := old.Answers[k]
		n, ok := answers[k]
		if ok && !n.IsZero() && sameJSON(stored(n), o) {
			continue
		}
		ba[k] = &o
		if ok && !n.IsZero() {
			n = stored(n)
			aa[k] = &n
		} else {
			aa[k] = nil
		}
	}
	for _, k := range sortedKeys(answers) {
		n := answers[k]
		if _, ok := old.Answers[k]; ok || n.IsZero() {
			continue
		}
		n = stored(n)
		ba[k], aa[k] = nil, &n
	}
	before, after = map[string]any{"answers": ba}, map[string]any{"answers": aa}
	vetoesChange := !sameVetoes(old.Vetoes, vetoes)
	if vetoesChange {
		before["vetoes"], after["vetoes"] = old.Vetoes, vetoes
	}
	return sortedKeys(aa), before, after, len(aa) > 0 || vetoesChange
}

// roundBefore returns the stored round named r.Name (locked on PostgreSQL)
// for the audit trail, nil when there is none; same tells that r is what is
// stored.
func (s *Store) roundBefore(tx *gorm.DB, r domain.Round) (before *domain.Round, same bool, err error) {
	var row roundRow
	err = s.forUpdate(tx).Where("name = ?", r.Name).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, fmt.Errorf("read round %s: %w", r.Name, err)
	}
	old := domain.Round{Name: row.Name, Start: timeOf(row.Start), End: timeOf(row.End)}
	return &old, old.Start.Equal(r.Start) && old.End.Equal(r.End), nil
}
