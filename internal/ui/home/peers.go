package home

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"

	"pingce/internal/domain"
	"pingce/internal/roundview"
)

// The score column of a catalog that compares units (ranks, group
// averages, quotas): the store lists the unit's own figures, which wait
// for the round (待汇总). Once the lead's review package brought the
// round's peer facts for a submitted or approved assessment, its
// workspace scores with them (Workspace.Peers), as its walk-through, its
// report and pingce score --assessment do, and the list shows that final
// score and grade instead. A database that holds the whole round (the
// lead's, a bureau's) scores it as the overview does (Deps.Round) and
// shows the round's figures the walk shows.

// StandingReader reads the standing the lead's last package brought for
// one of this database's assessments, with the round's peer facts
// (storage.Store does). Home asks it which listed assessments have their
// round's facts before opening any: a database without received standings
// (the lead's) opens none.
type StandingReader interface {
	ReceivedStanding(ctx context.Context, assessmentID int64) (*domain.Standing, error)
}

// withRoundFigures replaces, in list, the figures of the assessments
// waiting for the round by the round's: those whose workspace has the
// round's peer facts a review package brought (a unit's side), then
// those of a round this database holds whole (Deps.Round: a lead's, a
// bureau's). A row whose facts cannot be read keeps the store's figures
// (待汇总), and the error is logged: the list itself is still right. It
// runs off the UI goroutine.
func (d Deps) withRoundFigures(ctx context.Context, list []domain.AssessmentSummary) {
	if sr, ok := d.Assessments.(StandingReader); ok {
		for i := range list {
			if err := d.roundFigures(ctx, sr, &list[i]); err != nil {
				fyne.LogError("home: the round's figures", err)
			}
		}
	}
	if d.Round.Round == nil {
		return
	}
	type key struct{ round, catalog string }
	var keys []key
	rows := map[key][]int{}
	for i, a := range list {
		if a.AwaitsRound && !a.Status.Editable() {
			k := key{a.Round, a.CatalogID}
			if rows[k] == nil {
				keys = append(keys, k)
			}
			rows[k] = append(rows[k], i)
		}
	}
	for _, k := range keys {
		if err := d.scoredRound(ctx, k.round, k.catalog, list, rows[k]); err != nil {
			fyne.LogError("home: the round's figures", fmt.Errorf("round %s of %s: %w", k.round, k.catalog, err))
		}
	}
}

// scoredRound scores the round of one catalog as the overview does
// (roundview.Scored) and gives the rows at the indexes of list the round's
// figures: each one the round scored with its peer group (roundview
// leaves a unit whose group ranks fewer than two units to wait, as the
// walk's standing).
func (d Deps) scoredRound(ctx context.Context, round, catalogID string, list []domain.AssessmentSummary, rows []int) error {
	scored, err := roundview.Scored(ctx, d.Round, round, catalogID)
	if err != nil {
		return err
	}
	for _, i := range rows {
		if r, ok := scored[list[i].ID]; ok {
			list[i].Final, list[i].Grade, list[i].AwaitsRound = r.Own.Final, r.Own.Grade, r.Own.AwaitsRound
			rev := r.Reviewed
			if rev == nil {
				rev = r.Own
			}
			list[i].ReviewedFinal, list[i].ReviewedGrade = rev.Final, rev.Grade
		}
	}
	return nil
}

// roundFigures scores a with the round's peer facts when it waits for the
// round and its workspace has them.
func (d Deps) roundFigures(ctx context.Context, sr StandingReader, a *domain.AssessmentSummary) error {
	if !a.AwaitsRound || a.Status.Editable() { // a draft's answers may have moved on since the lead scored them
		return nil
	}
	st, err := sr.ReceivedStanding(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("assessment %d (%s %s): %w", a.ID, a.Unit.Name, a.Round, err)
	}
	if st == nil || st.Peers == nil {
		return nil
	}
	ws, err := d.Assessments.OpenAssessment(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("assessment %d (%s %s): %w", a.ID, a.Unit.Name, a.Round, err)
	}
	if ws.Peers == nil { // the store does not score it with them
		return nil
	}
	own, rev := ws.Result(), ws.ReviewedResult()
	a.Final, a.Grade, a.AwaitsRound = own.Final, own.Grade, own.AwaitsRound
	a.ReviewedFinal, a.ReviewedGrade = rev.Final, rev.Grade
	return nil
}
