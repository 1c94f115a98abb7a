package domain

import (
	"context"
	"math"
	"sort"
)

// RoundResult is one assessment of a round with its scores: the unit's own
// and the one with the reviewer's points.
type RoundResult struct {
	AssessmentID int64
	Unit         Unit // the facts it is scored with
	Status       AssessmentStatus
	Own          *Result
	Reviewed     *Result // equal to Own while nothing is reviewed
	// Answers and Overrides are what the results were scored from (the
	// reviewer's points), for ScoreRound; nil when the reader gives none.
	Answers   *AnswerSet
	Overrides map[string]float64
	// Peers are the facts of its peer group ScoreRound scored it with (nil
	// when it is not among the peers): a report of the assessment scores
	// with them (Options.Peers) to give the round's figures.
	Peers *PeerFacts
}

// Basis returns the result a ranking uses: the reviewed one where the
// assessment is approved, else the unit's own.
func (r RoundResult) Basis() *Result {
	if r.Status == Approved && r.Reviewed != nil {
		return r.Reviewed
	}
	return r.Own
}

// RoundService reads the scores of every assessment of a round, for the
// bureau's overview: the matrix, the common shortfalls and the trends.
type RoundService interface {
	// RoundResults returns every assessment of the round that uses the
	// catalog id, scored, by unit name.
	RoundResults(ctx context.Context, round, catalogID string) ([]RoundResult, error)
}

// Matrix is units × categories and units × items of a round, each cell a
// score rate from 0 to 1 (more with bonus), NaN where the cell does not
// apply (an item excluded for the unit type or not applicable, a category
// with nothing applicable).
type Matrix struct {
	Rows       []MatrixRow
	Categories []*Category // the top-level categories, bonus ones included
	Items      []*Item     // every item, in catalog order
}

// MatrixRow is one unit's line of a Matrix.
type MatrixRow struct {
	AssessmentID int64
	Unit         Unit
	Status       AssessmentStatus
	Final        float64   // on the basis (审定 or 自评)
	Categories   []float64 // rates, in Matrix.Categories order
	Items        []float64 // rates, in Matrix.Items order
}

// NewMatrix builds the matrix of a round's results (all of catalog cat) on
// each one's basis, in the order given.
func NewMatrix(cat *Catalog, results []RoundResult) *Matrix {
	m := &Matrix{Items: cat.Items()}
	m.Categories = append(m.Categories, cat.Categories...)
	itemIndex := make(map[string]int, len(m.Items))
	for i, it := range m.Items {
		itemIndex[it.ID] = i
	}
	catIndex := make(map[string]int, len(m.Categories))
	for i, c := range m.Categories {
		catIndex[c.ID] = i
	}
	m.Rows = make([]MatrixRow, 0, len(results))
	for _, rr := range results {
		res := rr.Basis()
		row := MatrixRow{AssessmentID: rr.AssessmentID, Unit: rr.Unit, Status: rr.Status, Final: res.Final,
			Categories: nanSlice(len(m.Categories)), Items: nanSlice(len(m.Items))}
		for _, cs := range res.Categories {
			i, ok := catIndex[cs.ID]
			if !ok || cs.Max <= 0 {
				continue
			}
			max := cs.Max
			if m.Categories[i].Bonus && cat.BonusCap != nil && *cat.BonusCap < max {
				max = *cat.BonusCap // bonus counts against its cap, not the sum of the items
			}
			row.Categories[i] = cs.Score / max
		}
		for _, is := range res.Items {
			if i, ok := itemIndex[is.ID]; ok && is.Max > 0 && is.Status != StatusNA && is.Status != StatusExcluded && is.Status != StatusUnanswered &&
				!is.AwaitsRound { // a draft's round items are not known yet
				row.Items[i] = is.Score / is.Max
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// CommonLoss is an item many units lose points on (共性失分项).
type CommonLoss struct {
	Item       *Item
	Losing     int     // units that lost points on it
	Applicable int     // units it applies to (answered, not N/A, not excluded)
	AvgLoss    float64 // average points lost by the units it applies to
	MaxLoss    float64 // the most one unit lost
}

// CommonLosses returns the base items that at least one unit lost points
// on, the ones most units lose first, then by average loss: where the
// whole bureau is weak.
func CommonLosses(cat *Catalog, results []RoundResult) []CommonLoss {
	type acc struct {
		losing, applicable int
		lost, most         float64
	}
	accs := map[string]*acc{}
	for _, rr := range results {
		for _, is := range rr.Basis().Items {
			if is.Status == StatusNA || is.Status == StatusExcluded || is.Status == StatusUnanswered {
				continue
			}
			a := accs[is.ID]
			if a == nil {
				a = &acc{}
				accs[is.ID] = a
			}
			a.applicable++
			if lost := is.Lost(); lost > 0 {
				a.losing++
				a.lost += lost
				a.most = math.Max(a.most, lost)
			}
		}
	}
	var out []CommonLoss
	for _, it := range cat.Items() {
		a := accs[it.ID]
		if a == nil || a.losing == 0 || it.Bonus {
			continue
		}
		out = append(out, CommonLoss{Item: it, Losing: a.losing, Applicable: a.applicable,
			AvgLoss: Round2(a.lost / float64(a.applicable)), MaxLoss: Round2(a.most)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Losing != out[j].Losing {
			return out[i].Losing > out[j].Losing
		}
		return out[i].AvgLoss > out[j].AvgLoss
	})
	return out
}
