package ui

import "fyne.io/fyne/v2"

// Preferences keys. The unit and the operator are asked once, at first
// start, and can be changed in the settings.
const (
	// PrefUnitName is the name of the user's own unit (某某区公安分局).
	PrefUnitName = "unit.name"
	// PrefUnitType is the unit's type: 市局, 分县局, 派出所 or 局直单位.
	PrefUnitType = "unit.type"
	// PrefUnitSuperior is the name of the unit above the user's unit.
	PrefUnitSuperior = "unit.superior"
	// PrefOperator is the operator's name, recorded as "who" of every change.
	PrefOperator = "operator"
	// PrefThemeVariant is the colour scheme: ThemeSystem, ThemeLight or ThemeDark.
	PrefThemeVariant = "theme.variant"
)

// Values of PrefThemeVariant.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// UnitTypes are the unit types a user may choose for the own unit.
var UnitTypes = []string{"市局", "分县局", "派出所", "局直单位"}

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
func (pr Profile) Save(p fyne.Preferences) {
	p.SetString(PrefUnitName, pr.UnitName)
	p.SetString(PrefUnitType, pr.UnitType)
	p.SetString(PrefUnitSuperior, pr.UnitSuperior)
	p.SetString(PrefOperator, pr.Operator)
}
