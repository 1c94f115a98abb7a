package cli

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// checkTarget refuses a target that names a unit the database does not
// know, or a grade none of the round's catalogs gives: domain.CheckTarget,
// with the database's units and the round's catalogs.
func checkTarget(ctx context.Context, s *Services, round string, t domain.UnitTarget) error {
	units, err := s.Units.ListUnits(ctx)
	if err != nil {
		return err
	}
	var cats []*domain.Catalog
	if t.Grade != "" {
		if cats, err = domain.RoundCatalogs(ctx, s.Assessments, s.Catalogs, round); err != nil {
			return err
		}
	}
	return domain.CheckTarget(t, units, cats)
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
