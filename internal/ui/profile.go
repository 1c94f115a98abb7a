package ui

import (
	"context"
	"slices"

	"pingce/internal/domain"
	"pingce/internal/ui/settings"
)

// Preferences keys of the profile as releases before the profile moved into
// the database kept it. A form that asks for the profile starts from them,
// so that an upgrade need not type it again; nothing is stored before the
// user saves the form.
const (
	legacyUnitName     = "unit.name"
	legacyUnitType     = "unit.type"
	legacyUnitSuperior = "unit.superior"
	legacyOperator     = "operator"
)

// profileState is the database's profile as the shell last loaded it, with
// its unit. It is read and written on the UI goroutine only.
type profileState struct {
	profile domain.Profile
	unit    *domain.Unit // the profile's unit; nil when none is chosen or found
}

// complete reports whether the profile has what the app needs.
func (s profileState) complete() bool { return s.profile.Complete() && s.unit != nil }

// loadProfile loads the profile of the database in the background, then,
// on the UI goroutine, keeps it and calls then with whether it is complete.
// A database without a profile gives an empty one: the caller asks.
func (u *UI) loadProfile(then func(complete bool)) {
	var st profileState
	u.tasks.Run(func(ctx context.Context) error {
		p, err := u.deps.Profiles.Profile(ctx)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil // a database without a profile: ask
		}
		if err != nil {
			return err
		}
		st.profile = p
		if p.UnitID == 0 {
			return nil
		}
		units, err := u.deps.Units.ListUnits(ctx)
		if err != nil {
			return err
		}
		for i := range units {
			if units[i].ID == p.UnitID {
				st.unit = &units[i]
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			u.showError(err)
		}
		u.prof = st
		if then != nil {
			then(st.complete())
		}
	})
}

// formProfile returns what the profile form starts from: the profile of the
// database, else what an earlier release kept in the preferences.
func (u *UI) formProfile() settings.Profile {
	st := u.prof
	if st.unit == nil && st.profile.Operator == "" {
		return settings.Profile{
			UnitName:     u.prefs.String(legacyUnitName),
			UnitType:     u.prefs.String(legacyUnitType),
			UnitSuperior: u.prefs.String(legacyUnitSuperior),
			Operator:     u.prefs.String(legacyOperator),
		}
	}
	p := settings.Profile{Operator: st.profile.Operator, Roles: slices.Clone(st.profile.Roles)}
	if st.unit != nil {
		p.UnitName, p.UnitType, p.UnitSuperior = st.unit.Name, st.unit.Type, st.unit.Superior
	}
	return p
}

// saveProfile stores what the user told in the form: their own unit, found
// by name (its type and superior updated) or created — the user asked for
// it by saving — and the profile naming it. It runs off the UI goroutine.
func (u *UI) saveProfile(ctx context.Context, p settings.Profile) error {
	ctx = domain.WithUser(ctx, domain.User{Name: p.Operator, Roles: p.Roles})
	units, err := u.deps.Units.ListUnits(ctx)
	if err != nil {
		return err
	}
	var unit *domain.Unit
	for i := range units {
		if units[i].Name == p.UnitName {
			unit = &units[i]
		}
	}
	switch {
	case unit == nil:
		unit = &domain.Unit{Name: p.UnitName, Type: p.UnitType, Superior: p.UnitSuperior}
		if err := u.deps.Units.CreateUnit(ctx, unit); err != nil {
			return err
		}
	case unit.Type != p.UnitType || unit.Superior != p.UnitSuperior:
		unit.Type, unit.Superior = p.UnitType, p.UnitSuperior
		if err := u.deps.Units.UpdateUnit(ctx, unit); err != nil {
			return err
		}
	}
	return u.deps.Profiles.SaveProfile(ctx, domain.Profile{UnitID: unit.ID, Operator: p.Operator, Roles: p.Roles})
}

// user returns the local user of the profile; --user names them instead.
func (u *UI) user() domain.User {
	user := u.prof.profile.User()
	if u.deps.Operator != "" {
		user.Name = u.deps.Operator
	}
	return user
}
