package domain_test

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
)

func TestCheckTarget(t *testing.T) {
	units := []domain.Unit{{ID: 1, Name: "东城分局"}, {ID: 2, Name: "西城分局"}}
	a := &domain.Catalog{Grades: []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 0, Grade: "合格"}}}
	b := &domain.Catalog{Grades: []domain.GradeBand{{Min: 80, Grade: "良好"}, {Min: 0, Grade: "合格"}}}
	for name, tc := range map[string]struct {
		t      domain.UnitTarget
		cats   []*domain.Catalog
		code   string // "" accepted
		prob   string
		grades string // the grades the message offers
	}{
		"rank":                             {domain.UnitTarget{UnitID: 1, Rank: 3}, []*domain.Catalog{a}, "", "", ""},
		"grade of the first catalog":       {domain.UnitTarget{UnitID: 2, Grade: "优秀"}, []*domain.Catalog{a, b}, "", "", ""},
		"grade of the second catalog":      {domain.UnitTarget{UnitID: 2, Grade: "良好"}, []*domain.Catalog{a, b}, "", "", ""},
		"any grade before any assessment":  {domain.UnitTarget{UnitID: 2, Grade: "超优"}, nil, "", "", ""},
		"unknown unit":                     {domain.UnitTarget{UnitID: 9, Rank: 1}, []*domain.Catalog{a}, domain.ENOTFOUND, domain.ProbTargetUnit, ""},
		"grade no catalog gives":           {domain.UnitTarget{UnitID: 1, Grade: "超优"}, []*domain.Catalog{a, b}, domain.EINVALID, domain.ProbTargetGrade, "优秀, 合格, 良好"},
		"unknown unit before a grade test": {domain.UnitTarget{UnitID: 0, Grade: "超优"}, nil, domain.ENOTFOUND, domain.ProbTargetUnit, ""},
	} {
		t.Run(name, func(t *testing.T) {
			err := domain.CheckTarget(tc.t, units, tc.cats)
			if got := domain.ErrorCode(err); got != tc.code {
				t.Fatalf("code %q (%v), want %q", got, err, tc.code)
			}
			if tc.code == "" {
				return
			}
			ps := domain.ErrorProblems(err)
			if len(ps) != 1 || ps[0].Code != tc.prob || ps[0].Args["unit"] == "" {
				t.Fatalf("problems %+v, want one %s naming the unit", ps, tc.prob)
			}
			if ps[0].Args["grades"] != tc.grades || !strings.Contains(err.Error(), tc.grades) {
				t.Errorf("grades %q in %q, want %q", ps[0].Args["grades"], err, tc.grades)
			}
		})
	}
}

// roundStore lists a round's assessments and finds their catalogs.
type roundStore struct {
	domain.AssessmentService
	domain.CatalogService
	list  []domain.AssessmentSummary
	finds int
}

func (s *roundStore) ListAssessments(context.Context, domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	return s.list, nil
}

func (s *roundStore) FindCatalog(_ context.Context, ref string) (*domain.Catalog, error) {
	s.finds++
	return &domain.Catalog{ID: ref}, nil
}

func TestRoundCatalogs(t *testing.T) {
	sum := func(id, v string) domain.AssessmentSummary {
		return domain.AssessmentSummary{Assessment: domain.Assessment{CatalogID: id, CatalogVersion: v}}
	}
	s := &roundStore{list: []domain.AssessmentSummary{sum("a", "1"), sum("b", "2"), sum("a", "1"), sum("a", "2")}}
	cats, err := domain.RoundCatalogs(context.Background(), s, s, "2026-Q2")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range cats {
		refs = append(refs, c.ID)
	}
	if got := strings.Join(refs, " "); got != "a@1 b@2 a@2" || s.finds != 3 {
		t.Errorf("catalogs %q after %d finds, want a@1 b@2 a@2, each found once", got, s.finds)
	}
}
