package kit

import (
	"context"

	"fyne.io/fyne/v2"

	"pingce/internal/domain"
)

// Preferences keys of the profile. The unit and the operator are asked
// once, at first start, and can be changed in the settings.
const (
	// PrefUnitName is the name of the user's own unit (某某区公安分局).
	PrefUnitName = "unit.name"
	// PrefUnitType is the unit's type, one of the catalogs' unit types.
	PrefUnitType = "unit.type"
	// PrefUnitSuperior is the name of the unit above the user's unit.
	PrefUnitSuperior = "unit.superior"
	// PrefOperator is the operator's name, recorded as "who" of every change.
	PrefOperator = "operator"
)

// Profile is what the user told at first start: the own unit and the
// operator's name.
type Profile struct {
	UnitName     string
	UnitType     string
	UnitSuperior string
	Operator     string
}

// Complete reports whether the profile has everything the app needs.
func (p Profile) Complete() bool {
	return p.UnitName != "" && p.UnitType != "" && p.Operator != ""
}

// LoadProfile reads the profile from the preferences.
func LoadProfile(p fyne.Preferences) Profile {
	return Profile{
		UnitName:     p.String(PrefUnitName),
		UnitType:     p.String(PrefUnitType),
		UnitSuperior: p.String(PrefUnitSuperior),
		Operator:     p.String(PrefOperator),
	}
}

// Save writes the profile into the preferences.
func (p Profile) Save(prefs fyne.Preferences) {
	prefs.SetString(PrefUnitName, p.UnitName)
	prefs.SetString(PrefUnitType, p.UnitType)
	prefs.SetString(PrefUnitSuperior, p.UnitSuperior)
	prefs.SetString(PrefOperator, p.Operator)
}

// EnsureUnit finds the profile's unit in the store by name, updates its
// type and superior, or creates it; it returns the unit.
func EnsureUnit(ctx context.Context, units domain.UnitService, p Profile) (*domain.Unit, error) {
	list, err := units.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range list {
		if x.Name == p.UnitName {
			if x.Type != p.UnitType || x.Superior != p.UnitSuperior {
				x.Type, x.Superior = p.UnitType, p.UnitSuperior
				if err := units.UpdateUnit(ctx, &x); err != nil {
					return nil, err
				}
			}
			return &x, nil
		}
	}
	nu := &domain.Unit{Name: p.UnitName, Type: p.UnitType, Superior: p.UnitSuperior}
	if err := units.CreateUnit(ctx, nu); err != nil {
		return nil, err
	}
	return nu, nil
}
