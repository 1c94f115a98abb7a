package storage

import "pingce/internal/domain"

// The stored form of the round's rules (issue 15 shapes 7c, 11–13;
// formats.md §1): a grade's requires and quota, a cap's below_average, a
// numeric item's relative and rank rules. All omitempty, so the documents
// of catalogs without them, hence their hashes, do not change.

type relativeDoc struct {
	Points        float64 `json:"points"`
	Per           float64 `json:"per"`
	LowerIsBetter bool    `json:"lower_is_better,omitempty"`
}

type rankDoc struct {
	Points        []float64 `json:"points,omitempty"`
	Proportional  bool      `json:"proportional,omitempty"`
	Top           int       `json:"top,omitempty"`
	Bottom        int       `json:"bottom,omitempty"`
	Per           float64   `json:"per,omitempty"`
	LowerIsBetter bool      `json:"lower_is_better,omitempty"`
}

// roundDocs stores the relative and rank rules of it in d.
func (d *itemDoc) roundDocs(it *domain.Item) {
	if rl := it.Relative; rl != nil {
		d.Relative = &relativeDoc{Points: rl.Points, Per: rl.Per, LowerIsBetter: rl.LowerIsBetter}
	}
	if r := it.Rank; r != nil {
		d.Rank = &rankDoc{Points: r.Points, Proportional: r.Proportional, Top: r.Top, Bottom: r.Bottom,
			Per: r.Per, LowerIsBetter: r.LowerIsBetter}
	}
}

// roundRules puts the stored relative and rank rules into it.
func (d *itemDoc) roundRules(it *domain.Item) {
	if rl := d.Relative; rl != nil {
		it.Relative = &domain.Relative{Points: rl.Points, Per: rl.Per, LowerIsBetter: rl.LowerIsBetter}
	}
	if r := d.Rank; r != nil {
		it.Rank = &domain.RankRule{Points: r.Points, Proportional: r.Proportional, Top: r.Top, Bottom: r.Bottom,
			Per: r.Per, LowerIsBetter: r.LowerIsBetter}
	}
}
