package cli

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// checkTarget refuses a target that names a unit the database does not
// know, or a grade none of the round's catalogs gives (a target no unit
// could ever reach): with the grades there are, so the user can pick one.
// A grade is not checked while the round has no assessments yet.
func checkTarget(ctx context.Context, s *Services, round string, t domain.UnitTarget) error {
	units, err := s.Units.ListUnits(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(units, func(u domain.Unit) bool { return u.ID == t.UnitID }) {
		return domain.Errorf(domain.ENOTFOUND, "no unit with id %d (pingce unit list shows the units)", t.UnitID)
	}
	if t.Grade == "" {
		return nil
	}
	list, err := s.Assessments.ListAssessments(ctx, domain.AssessmentFilter{Round: round})
	if err != nil {
		return err
	}
	var grades []string
	seen := map[string]bool{}
	for _, a := range list {
		ref := a.CatalogID + "@" + a.CatalogVersion
		if seen[ref] {
			continue
		}
		seen[ref] = true
		c, err := s.Catalogs.FindCatalog(ctx, ref)
		if err != nil {
			return err
		}
		for _, b := range c.Grades {
			if b.Grade == t.Grade {
				return nil
			}
			if !slices.Contains(grades, b.Grade) {
				grades = append(grades, b.Grade)
			}
		}
	}
	if len(seen) == 0 {
		return nil
	}
	return domain.Errorf(domain.EINVALID, "grade %q is not a grade of round %s's catalogs: give one of %s",
		t.Grade, round, strings.Join(grades, ", "))
}

// targetsTable lists a round's targets for round show: the unit (name and
// id) and what it should reach, by unit name.
func targetsTable(ts []domain.UnitTarget, names map[int64]string) *table {
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b domain.UnitTarget) int { return strings.Compare(names[a.UnitID], names[b.UnitID]) })
	t := newTable([]string{"UNIT", "TARGET"})
	for _, x := range ts {
		t.row(safeText(names[x.UnitID])+" ("+strconv.FormatInt(x.UnitID, 10)+")", targetText(x))
	}
	return t
}
