package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

var _ domain.RoundService = (*Store)(nil)

// RoundResults returns every assessment of the round that uses the catalog
// id, scored, by unit name: the bureau's overview scores a whole round at
// once. It reads the round's assessments and all their answers in two
// queries, whatever the number of units, and scores in memory.
func (s *Store) RoundResults(ctx context.Context, round, catalogID string) ([]domain.RoundResult, error) {
	var out []domain.RoundResult
	err := s.read(ctx, func(tx *gorm.DB) error {
		var rows []assessmentRow
		if err := tx.Where("round = ? AND catalog_id = ?", round, catalogID).Order("unit_name, id").Find(&rows).Error; err != nil {
			return err
		}
		// One assessment per unit: a draft moved to a new catalog version
		// stands beside the kept old one, and the newer counts.
		newest := map[int64]int64{}
		for _, r := range rows {
			if r.ID > newest[r.UnitID] {
				newest[r.UnitID] = r.ID
			}
		}
		kept := rows[:0]
		for _, r := range rows {
			if newest[r.UnitID] == r.ID {
				kept = append(kept, r)
			}
		}
		rows = kept
		if len(rows) == 0 {
			return nil
		}
		rs, err := tx.Raw("SELECT "+answerColumns+" FROM answers WHERE assessment_id IN "+
			"(SELECT id FROM assessments WHERE round = ? AND catalog_id = ?)", round, catalogID).Rows()
		if err != nil {
			return err
		}
		answers, err := scanAnswers(rs)
		rs.Close()
		if err != nil {
			return err
		}
		byAssessment := make(map[int64][]answerRow, len(rows))
		for _, a := range answers {
			byAssessment[a.AssessmentID] = append(byAssessment[a.AssessmentID], a)
		}
		hashes := map[int64]string{}
		out = make([]domain.RoundResult, 0, len(rows))
		for i := range rows {
			st := &state{row: rows[i]}
			if st.unit, err = unitFacts(tx, &st.row); err != nil {
				return err
			}
			hash, ok := hashes[st.row.CatalogRowID]
			if !ok {
				var cr catalogRow
				if err := tx.Select("id", "hash").Take(&cr, st.row.CatalogRowID).Error; err != nil {
					return notFound(err, "catalog of assessment %d is missing", st.row.ID)
				}
				hash, hashes[cr.ID] = cr.Hash, cr.Hash
			}
			if st.cat, err = s.catalogByRow(ctx, tx, st.row.CatalogRowID, hash); err != nil {
				return err
			}
			set, ov, _ := st.answerSet(byAssessment[st.row.ID])
			own := domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type})
			reviewed := own
			if len(ov) > 0 {
				reviewed = domain.Score(st.cat, set, domain.Options{UnitType: st.unit.Type, Overrides: ov})
			}
			out = append(out, domain.RoundResult{AssessmentID: st.row.ID, Unit: st.unit,
				Status: domain.AssessmentStatus(st.row.Status), Own: own, Reviewed: reviewed,
				Answers: set, Overrides: ov}) // for domain.ScoreRound
		}
		return nil
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("read round %s", round))
	}
	return out, nil
}
