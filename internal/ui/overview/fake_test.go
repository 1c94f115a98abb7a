package overview

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"

	"pingce/internal/domain"
)

// fakeStore is a test double of the services the overview reads: units,
// summaries and scored results held in memory, built by hand or
// synthetically (bigStore).
type fakeStore struct {
	domain.UnitService       // only ListUnits is used
	domain.CatalogService    // only FindCatalog
	domain.AssessmentService // only ListAssessments
	units                    []domain.Unit
	catalog                  *domain.Catalog
	summaries                []domain.AssessmentSummary
	results                  map[string][]domain.RoundResult // by round
	roundCalls               int
}

func (f *fakeStore) ListUnits(context.Context) ([]domain.Unit, error) { return f.units, nil }

func (f *fakeStore) FindCatalog(_ context.Context, ref string) (*domain.Catalog, error) {
	if ref != f.catalog.Ref() {
		return nil, domain.Errorf(domain.ENOTFOUND, "no catalog %s", ref)
	}
	return f.catalog, nil
}

func (f *fakeStore) ListAssessments(context.Context, domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	return f.summaries, nil
}

func (f *fakeStore) RoundResults(_ context.Context, round, catalogID string) ([]domain.RoundResult, error) {
	f.roundCalls++
	return f.results[round], nil
}

func (f *fakeStore) source() Source {
	return Source{Units: f, Catalogs: f, Assessments: f, Round: f}
}

// testCatalog is a catalog of two categories of two items each, 10 points
// an item, for unit types 分县局 and 派出所.
func testCatalog() *domain.Catalog {
	c := &domain.Catalog{ID: "t", Version: "1", Title: "测试目录", Total: 40, UnitTypes: []string{"分县局", "派出所"},
		Grades: []domain.GradeBand{{Min: 36, Grade: "优秀"}, {Min: 0, Grade: "合格"}}}
	for ci := 0; ci < 2; ci++ {
		cat := &domain.Category{ID: fmt.Sprintf("C%d", ci+1), Title: fmt.Sprintf("类目%d", ci+1)}
		for ii := 0; ii < 2; ii++ {
			cat.Items = append(cat.Items, &domain.Item{ID: fmt.Sprintf("%d.%d", ci+1, ii+1), Title: fmt.Sprintf("指标%d.%d", ci+1, ii+1),
				Max: 10, Method: domain.MethodCheck})
		}
		c.Categories = append(c.Categories, cat)
	}
	return c
}

// add records an assessment of unit u in round with the items' points
// (one per catalog item, in order) on status; reviewed, when not nil, are
// the reviewer's points.
func (f *fakeStore) add(u domain.Unit, round string, status domain.AssessmentStatus, points, reviewed []float64) {
	id := int64(len(f.summaries) + 1)
	own := result(f.catalog, u, points)
	rev := own
	if reviewed != nil {
		rev = result(f.catalog, u, reviewed)
	}
	a := domain.Assessment{ID: id, Unit: u, Round: round, CatalogID: f.catalog.ID, CatalogVersion: f.catalog.Version, Status: status}
	f.summaries = append(f.summaries, domain.AssessmentSummary{Assessment: a, Final: own.Final, Total: own.Total, Grade: own.Grade,
		ReviewedFinal: rev.Final, ReviewedGrade: rev.Grade})
	if f.results == nil {
		f.results = map[string][]domain.RoundResult{}
	}
	f.results[round] = append(f.results[round], domain.RoundResult{AssessmentID: id, Unit: u, Status: status, Own: own, Reviewed: rev})
}

// sorted puts each round's results by unit name, as the store returns them.
func (f *fakeStore) sorted() *fakeStore {
	for _, rs := range f.results {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Unit.Name < rs[j].Unit.Name })
	}
	return f
}

// result is the score of points given per item (NaN: unanswered).
func result(c *domain.Catalog, u domain.Unit, points []float64) *domain.Result {
	r := &domain.Result{Catalog: c.ID, Version: c.Version, UnitType: u.Type, Total: c.Total}
	i := 0
	for _, cat := range c.Categories {
		cs := domain.CategoryScore{ID: cat.ID}
		for _, it := range cat.Items {
			is := domain.ItemScore{ID: it.ID, Max: it.Max, Status: domain.StatusAnswered}
			if p := points[i]; p != p {
				is.Status = domain.StatusUnanswered
			} else {
				is.Score = p
				cs.Score += p
				r.Answered++
			}
			r.Applicable++
			cs.Max += it.Max
			r.Items = append(r.Items, is)
			i++
		}
		r.Final += cs.Score
		r.Categories = append(r.Categories, cs)
	}
	r.Final = domain.Round2(r.Final)
	r.Grade = c.BandGrade(r.Final)
	return r
}

// bigStore is a synthetic bureau: units in three types over three rounds
// of a catalog of items items, most submitted, some approved, a few drafts
// and not started.
func bigStore(units, items int) *fakeStore {
	c := &domain.Catalog{ID: "big", Version: "1", Title: "大目录", Total: float64(10 * items), UnitTypes: []string{"分县局", "派出所", "局直单位"},
		Grades: []domain.GradeBand{{Min: float64(9 * items), Grade: "优秀"}, {Min: 0, Grade: "合格"}}}
	var cat *domain.Category
	for i := 0; i < items; i++ {
		if i%8 == 0 {
			cat = &domain.Category{ID: fmt.Sprintf("C%d", i/8+1), Title: fmt.Sprintf("类目 %d", i/8+1)}
			c.Categories = append(c.Categories, cat)
		}
		cat.Items = append(cat.Items, &domain.Item{ID: fmt.Sprintf("%d.%d", i/8+1, i%8+1), Title: fmt.Sprintf("指标 %d", i+1), Max: 10, Method: domain.MethodCheck})
	}
	f := &fakeStore{catalog: c}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < units; i++ {
		f.units = append(f.units, domain.Unit{ID: int64(i + 1), Name: fmt.Sprintf("单位%04d", i+1), Type: c.UnitTypes[i%3]})
	}
	for _, round := range []string{"2026-Q1", "2026-Q2", "2026-Q3"} {
		for _, u := range f.units {
			if rng.IntN(50) == 0 {
				continue // not started
			}
			pts := make([]float64, items)
			for k := range pts {
				pts[k] = float64(10 - rng.IntN(4)*rng.IntN(2))
			}
			st := domain.Submitted
			switch rng.IntN(10) {
			case 0:
				st = domain.Draft
			case 1, 2, 3:
				st = domain.Approved
			}
			f.add(u, round, st, pts, nil)
		}
	}
	return f.sorted()
}

// fakeSettings are a round's ranking settings held in memory.
type fakeSettings struct {
	domain.RoundSettingsService // only RoundSettings is used
	byRound                     map[string]domain.RoundSettings
}

func (f fakeSettings) RoundSettings(_ context.Context, round string) (domain.RoundSettings, error) {
	if s, ok := f.byRound[round]; ok {
		return s, nil
	}
	return domain.RoundSettings{Round: round}, nil
}
