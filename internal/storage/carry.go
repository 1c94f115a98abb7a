package storage

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// CreateFrom starts the next round from a previous assessment
// (以上轮为基础新建): it creates a (the unit is the previous
// assessment's; the catalog too unless a names one), carries the previous
// answers with their notes and evidence files as a starting draft
// (domain.CarryAnswers: a numeric item that compares with last year
// takes last round's value as its baseline), marks each carried answer
// 沿用上轮 until it is confirmed or changed, and moves the previous
// assessment's open register entries into the new round. On an error
// nothing is left of the new assessment.
func (s *Store) CreateFrom(ctx context.Context, fromID int64, a *domain.Assessment) error {
	prev, err := s.OpenAssessment(ctx, fromID)
	if err != nil {
		return err
	}
	a.Unit = prev.Assessment.Unit
	if a.CatalogID == "" {
		a.CatalogID, a.CatalogVersion = prev.Assessment.CatalogID, prev.Assessment.CatalogVersion
	}
	if a.Round == prev.Assessment.Round && a.CatalogID == prev.Assessment.CatalogID {
		return domain.Errorf(domain.ECONFLICT, "assessment %d is of round %s already: name the next round", fromID, a.Round)
	}
	if err := s.CreateAssessment(ctx, a); err != nil {
		return err
	}
	if err := s.carry(ctx, prev, a); err != nil {
		if derr := s.DeleteAssessment(ctx, a.ID); derr != nil {
			return fmt.Errorf("%w (and the new draft %d could not be removed: %v)", err, a.ID, derr)
		}
		return err
	}
	return nil
}

func (s *Store) carry(ctx context.Context, prev *domain.Workspace, a *domain.Assessment) error {
	ws, err := s.OpenAssessment(ctx, a.ID)
	if err != nil {
		return err
	}
	answers, carried := domain.CarryAnswers(prev, ws.Catalog, a.Unit.Type)
	if len(answers) > 0 {
		set := &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: answers}
		if err := s.ImportAnswers(ctx, a.ID, set); err != nil {
			return fmt.Errorf("carry the answers of assessment %d: %w", prev.Assessment.ID, err)
		}
	}
	u, _ := domain.UserFrom(ctx)
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		now := s.now()
		for _, id := range carried {
			if err := tx.Create(&carriedRow{AssessmentID: a.ID, ItemID: id, FromID: prev.Assessment.ID,
				Answer: toJSON(answers[id])}).Error; err != nil {
				return fmt.Errorf("mark carried answer %s: %w", id, err)
			}
		}
		// Evidence links: the files of the carried items, the contents shared.
		for _, id := range carried {
			for _, ev := range prev.Evidence[id] {
				row := evidenceRow{AssessmentID: a.ID, ItemID: id, Name: ev.Name, MediaType: ev.MediaType, Size: ev.Size,
					SHA256: ev.SHA256, AddedBy: ev.AddedBy, AddedAt: ev.AddedAt}
				if err := tx.Create(&row).Error; err != nil {
					return fmt.Errorf("carry evidence %s: %w", ev.Name, err)
				}
			}
		}
		if err := s.audit(ctx, tx, a.ID, "", "carry", nil, map[string]any{"from": prev.Assessment.ID, "items": carried}); err != nil {
			return err
		}
		// Open register entries move into the new round.
		ts, err := listTasks(tx, domain.TaskFilter{AssessmentID: prev.Assessment.ID, Open: true})
		if err != nil {
			return err
		}
		for i := range ts {
			t := &ts[i]
			before := *t
			before.Notes = slices.Clone(t.Notes)
			text := fmt.Sprintf("转入 %s（原 %s）", a.Round, t.Round)
			if err := t.Step(u, domain.TaskActCarry, domain.TaskStep{Text: text}, now); err != nil {
				return err
			}
			if t.FirstRound == "" {
				t.FirstRound = t.Round
			}
			t.Round, t.AssessmentID = a.Round, a.ID
			if err := saveTask(tx, t, len(before.Notes)); err != nil {
				return err
			}
			if err := s.auditTask(ctx, tx, domain.TaskActCarry, &before, t); err != nil {
				return err
			}
		}
		return nil
	})
	return dbErr(err, fmt.Sprintf("carry assessment %d into %d", prev.Assessment.ID, a.ID))
}

// carriedItems returns the items of the assessment whose answer is still
// the one carried from the last round and not confirmed (沿用上轮).
func carriedItems(tx *gorm.DB, id int64, set *domain.AnswerSet) ([]string, error) {
	var rows []carriedRow
	if err := tx.Where("assessment_id = ?", id).Order("item_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read carried answers of assessment %d: %w", id, err)
	}
	var out []string
	for _, r := range rows {
		if toJSON(set.Answers[r.ItemID]) == r.Answer {
			out = append(out, r.ItemID)
		}
	}
	return out, nil
}

// ConfirmCarried confirms carried answers unchanged (确认沿用): the items
// given, or every one still carried when items is empty. It returns the
// items confirmed. Audited as carry_confirm; EFORBIDDEN unless the user
// may edit the assessment, ELOCKED unless it is editable.
func (s *Store) ConfirmCarried(ctx context.Context, id int64, items []string) ([]string, error) {
	var done []string
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
		for _, it := range ws.Carried {
			if len(items) == 0 || slices.Contains(items, it) {
				done = append(done, it)
			}
		}
		for _, it := range items {
			if !slices.Contains(ws.Carried, it) {
				return domain.Errorf(domain.ENOTFOUND, "item %s of assessment %d has no carried answer to confirm", it, id)
			}
		}
		if len(done) == 0 {
			return nil
		}
		if err := tx.Where("assessment_id = ? AND item_id IN ?", id, done).Delete(&carriedRow{}).Error; err != nil {
			return fmt.Errorf("confirm carried answers: %w", err)
		}
		return s.audit(ctx, tx, id, "", "carry_confirm", map[string]any{"items": done}, nil)
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("confirm carried answers of assessment %d", id))
	}
	return done, nil
}
