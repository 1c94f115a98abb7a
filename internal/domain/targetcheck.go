package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The problems of a unit's target that CheckTarget finds.
const (
	ProbTargetUnit  = "round.target_unit"  // unit: a target for a unit id that is no unit
	ProbTargetGrade = "round.target_grade" // unit, grade, grades: a grade none of the round's catalogs gives
)

// CheckTarget refuses a target that names a unit not among units
// (ENOTFOUND), or a grade none of the round's catalogs cats gives — a
// target no unit could ever reach (EINVALID, naming the grades there are).
// With no catalogs (a round without assessments yet) a grade is not
// checked. The rank and score rules are CheckRoundSettings'.
func CheckTarget(t UnitTarget, units []Unit, cats []*Catalog) error {
	if !slices.ContainsFunc(units, func(u Unit) bool { return u.ID == t.UnitID }) {
		p := NewProblem(ProbTargetUnit, "no unit with id {unit}", "unit", fmt.Sprint(t.UnitID))
		return &Error{Code: ENOTFOUND, Message: p.Msg + " (pingce unit list shows the units)", Problems: []Problem{p}}
	}
	if t.Grade == "" || len(cats) == 0 {
		return nil
	}
	var grades []string
	for _, c := range cats {
		for _, b := range c.Grades {
			if b.Grade == t.Grade {
				return nil
			}
			if !slices.Contains(grades, b.Grade) {
				grades = append(grades, b.Grade)
			}
		}
	}
	p := NewProblem(ProbTargetGrade, "grade {grade:q} is not a grade of the round's catalogs: give one of {grades}",
		"unit", fmt.Sprint(t.UnitID), "grade", t.Grade, "grades", strings.Join(grades, ", "))
	return &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
}

// RoundCatalogs returns the catalogs the assessments of a round use, each
// once, in the order of the assessments (none for a round without any).
func RoundCatalogs(ctx context.Context, as AssessmentService, cs CatalogService, round string) ([]*Catalog, error) {
	list, err := as.ListAssessments(ctx, AssessmentFilter{Round: round})
	if err != nil {
		return nil, fmt.Errorf("list the assessments of round %s: %w", round, err)
	}
	var out []*Catalog
	seen := map[string]bool{}
	for _, a := range list {
		ref := a.CatalogID + "@" + a.CatalogVersion
		if seen[ref] {
			continue
		}
		seen[ref] = true
		c, err := cs.FindCatalog(ctx, ref)
		if err != nil {
			return nil, fmt.Errorf("read catalog %s of round %s: %w", ref, round, err)
		}
		out = append(out, c)
	}
	return out, nil
}
