package domain

import (
	"context"
	"time"
)

// Profile is what this installation knows about its user, kept in the
// database it belongs to (not in the window's preferences), so that opening
// another database never carries one unit's settings into it.
type Profile struct {
	UnitID   int64  // the installation's own unit, a stored unit; 0 = not chosen yet
	Operator string // the local user's name, recorded as "who" of every change
	Roles    []Role // the roles the local user holds

	UpdatedBy string    // who saved the profile last
	UpdatedAt time.Time // when
}

// Complete reports whether the profile names a unit, an operator and at
// least one role: what the program needs before it records any change.
func (p Profile) Complete() bool {
	return p.UnitID != 0 && p.Operator != "" && len(p.Roles) > 0
}

// User returns the local user the profile describes. The user is bound to
// no unit (Unit 0): in the single-user mode the profile's unit is a default,
// not a fence.
func (p Profile) User() User {
	return User{Name: p.Operator, Roles: p.Roles}
}

// ProfileService keeps the profile of a database.
type ProfileService interface {
	// Profile returns the database's profile. ENOTFOUND when the database
	// has none yet: the caller asks the user (it must never create a unit
	// without being told to).
	Profile(ctx context.Context) (Profile, error)
	// SaveProfile stores the profile, replacing the one stored. ENOTFOUND
	// when UnitID is not a stored unit; EINVALID for an operator name that
	// ValidName refuses, no role, or a role that is not one of Roles.
	SaveProfile(ctx context.Context, p Profile) error
}
