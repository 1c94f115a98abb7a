package domain

import "strings"

// ProbUnknownUnitType is a unit's type that none of the catalogs knows.
const ProbUnknownUnitType = "unit.unknown_type" // type, types

// CheckUnitType returns EINVALID with a ProbUnknownUnitType problem (Args:
// type, the one given, and types, the known ones separated by "、") unless
// unitType is one of known, the unit types of the catalogs (their
// unit_types). With no known types at all there is nothing to check against
// and any type passes.
func CheckUnitType(unitType string, known []string) error {
	if len(known) == 0 {
		return nil
	}
	for _, k := range known {
		if k == unitType {
			return nil
		}
	}
	p := NewProblem(ProbUnknownUnitType, "{type:q} is not a unit type of the catalogs: use one of {types}",
		"type", unitType, "types", strings.Join(known, "、"))
	return &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
}
