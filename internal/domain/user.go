package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Role is what a user may do in Pingce. A user holds one or more roles;
// each role adds rights and takes none away (see Can).
type Role string

// The roles.
const (
	// RoleStaff is a unit's own staff: they create, fill in and submit the
	// unit's assessments.
	RoleStaff Role = "staff"
	// RoleReviewer is the evaluation lead above the units: they review the
	// items of submitted assessments, return them or approve them.
	RoleReviewer Role = "reviewer"
	// RoleAdmin keeps the units, catalogs and rounds, and may create and
	// delete draft assessments for any unit.
	RoleAdmin Role = "admin"
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleStaff, RoleReviewer, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// ParseRoles reads a comma-separated list of role names ("staff,reviewer"),
// ignoring spaces and repeats. EINVALID, with a ProbUnknownRole problem
// for each, when a name is not a role.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	var ps []Problem
	for _, f := range strings.Split(s, ",") {
		r := Role(strings.TrimSpace(f))
		switch {
		case r == "":
		case !r.Valid():
			ps = append(ps, NewProblem(ProbUnknownRole, "{role:q} is not a role: use staff, reviewer or admin", "role", string(r)))
		case !slices.Contains(out, r):
			out = append(out, r)
		}
	}
	if len(ps) > 0 {
		return nil, &Error{Code: EINVALID, Message: ps[0].Msg, Problems: ps}
	}
	return out, nil
}

// User is the person acting: the one storage records as "who" of every
// change and whose roles decide what they may do.
//
// Unit binds a unit's staff to their own unit: a user whose Unit is not 0
// acts as staff for that unit's assessments only, and as reviewer for
// every other unit's (nobody reviews their own unit). Unit 0 binds the
// user to no unit: the one local user of a single-user database (an
// SQLite file) is such a user, with the roles its settings give it; on a
// shared database every unit's staff should be bound.
type User struct {
	Name  string // shown and recorded: 张三
	Unit  int64  // id of the unit the user works for; 0 when not bound to one
	Roles []Role
}

// Has reports whether the user holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

type userKey struct{}

// WithUser returns a context that carries the user acting; storage checks
// their rights (Authorize) and records their name as "who" of every change.
func WithUser(ctx context.Context, u User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the user WithUser stored in ctx and whether there is
// one. Without one it returns the zero User, who may do nothing.
func UserFrom(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(userKey{}).(User)
	return u, ok
}

// WithActor returns a context carrying a user of the given name who holds
// every role and is bound to no unit.
//
// Deprecated: use WithUser with the roles the user really has.
func WithActor(ctx context.Context, name string) context.Context {
	return WithUser(ctx, User{Name: name, Roles: slices.Clone(Roles)})
}

// ActorFrom returns the name of the context's user, or "".
func ActorFrom(ctx context.Context) string {
	u, _ := UserFrom(ctx)
	return u.Name
}

// MaxNameLen is the longest name ValidName accepts, in characters.
const MaxNameLen = 100

// ValidName checks a name given by a person: a user's, a unit's, a round's.
// It must not be empty or blank, must be valid UTF-8, at most MaxNameLen
// characters long, and hold no control characters (line breaks, tabs, NUL,
// escape sequences) nor the invisible marks that change the direction of
// text. The error is EINVALID with one problem (ProbNameEmpty,
// ProbNameTooLong, ProbNameChars or ProbBadText). Callers trim spaces first if they
// want them gone.
func ValidName(name string) error {
	var p Problem
	switch n := utf8.RuneCountInString(name); {
	case strings.TrimSpace(name) == "":
		p = NewProblem(ProbNameEmpty, "the name is empty")
	case !utf8.ValidString(name):
		p = NewProblem(ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", "name")
	case n > MaxNameLen:
		p = NewProblem(ProbNameTooLong, "the name has {length} characters: at most {max} are allowed",
			"length", strconv.Itoa(n), "max", strconv.Itoa(MaxNameLen))
	default:
		for _, r := range name {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
				p = NewProblem(ProbNameChars, "the name holds a control character ({char})", "char", strconv.QuoteRune(r))
				break
			}
		}
	}
	if p.Code == "" {
		return nil
	}
	return &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
}

// Action is something a user may or may not do (Can, Authorize).
type Action string

// The actions whose rights Can decides.
const (
	ActCreate         Action = "create"          // start an assessment for a unit
	ActDelete         Action = "delete"          // delete a draft assessment
	ActEdit           Action = "edit"            // change answers, vetoes and evidence; import answers
	ActSubmit         Action = "submit"          // submit for review
	ActReview         Action = "review"          // give an item reviewed points and a comment
	ActReturn         Action = "return"          // send a submitted assessment back to the unit
	ActApprove        Action = "approve"         // close a submitted assessment
	ActManageUnits    Action = "manage_units"    // create and change units
	ActManageCatalogs Action = "manage_catalogs" // import catalogs
	ActManageRounds   Action = "manage_rounds"   // create and change rounds
)

// Actions lists every action in a stable order.
var Actions = []Action{ActCreate, ActDelete, ActEdit, ActSubmit, ActReview, ActReturn, ActApprove,
	ActManageUnits, ActManageCatalogs, ActManageRounds}

// onAssessment reports whether the action is about one assessment.
func (a Action) onAssessment() bool {
	switch a {
	case ActManageUnits, ActManageCatalogs, ActManageRounds:
		return false
	}
	return true
}

// Can reports whether the user's roles let them do act to the assessment
// (nil for the actions that are not about one: managing units, catalogs
// and rounds), whatever state it is in:
//
//   - staff create, edit, submit and delete drafts of their unit's
//     assessments (any unit's when not bound to one);
//   - reviewers review, return and approve any assessment but their own
//     unit's;
//   - administrators manage units, catalogs and rounds, and create and
//     delete drafts for any unit; reviewers manage rounds too.
//
// Whether the assessment's status allows the action is Allowed's question;
// Authorize asks both.
func Can(u User, act Action, a *Assessment) bool {
	ownUnit := func() bool { return a != nil && (u.Unit == 0 || u.Unit == a.Unit.ID) }
	notOwnUnit := func() bool { return a != nil && (u.Unit == 0 || u.Unit != a.Unit.ID) }
	switch act {
	case ActCreate, ActDelete:
		return u.Has(RoleAdmin) && a != nil || u.Has(RoleStaff) && ownUnit()
	case ActEdit, ActSubmit:
		return u.Has(RoleStaff) && ownUnit()
	case ActReview, ActReturn, ActApprove:
		return u.Has(RoleReviewer) && notOwnUnit()
	case ActManageUnits, ActManageCatalogs:
		return u.Has(RoleAdmin)
	case ActManageRounds:
		return u.Has(RoleAdmin) || u.Has(RoleReviewer)
	}
	return false
}

// Problem codes of the workflow's refusals (Allowed, Authorize), with the
// names of their Args. "status" is an AssessmentStatus and "action" an
// Action, which the user interface writes in the user's language.
const (
	ProbForbidden           = "workflow.forbidden"             // user, action
	ProbEditLocked          = "workflow.edit_locked"           // status
	ProbSubmitLocked        = "workflow.submit_locked"         // status
	ProbDeleteNotDraft      = "workflow.delete_not_draft"      // status
	ProbReviewFinal         = "workflow.review_final"          // status
	ProbReviewNotSubmitted  = "workflow.review_not_submitted"  // status
	ProbReturnNotSubmitted  = "workflow.return_not_submitted"  // status
	ProbApproveNotSubmitted = "workflow.approve_not_submitted" // status
)

// refusal returns the error of code with one problem of prob about a.
func refusal(code, prob string, a *Assessment, format string, kv ...string) *Error {
	p := NewProblem(prob, format, kv...)
	return &Error{Code: code, Message: fmt.Sprintf("assessment %d (%s, %s): %s", a.ID, a.Unit.Name, a.Round, p.Msg),
		Problems: []Problem{p}}
}

// Allowed returns nil when the assessment's status allows act, else
// ELOCKED (answers of a submitted or approved assessment, the review of an
// approved one, deleting anything but a draft) or EINVALID (a step the
// workflow does not have from this status: returning a draft, reviewing
// before submission), with one problem that says which. Actions that are
// not about an assessment are always allowed.
//
// The workflow: draft → submitted → returned → submitted … → approved.
// Answers and evidence change in draft and returned; review happens while
// submitted; approved is final.
func Allowed(act Action, a *Assessment) error {
	if !act.onAssessment() {
		return nil
	}
	if a == nil {
		return Errorf(EINVALID, "%s needs an assessment", act)
	}
	st := string(a.Status)
	switch act {
	case ActCreate:
	case ActEdit:
		if !a.Status.Editable() {
			return refusal(ELOCKED, ProbEditLocked, a, "it is {status}: answers and evidence cannot change until it is returned", "status", st)
		}
	case ActSubmit:
		if !a.Status.Editable() {
			return refusal(ELOCKED, ProbSubmitLocked, a, "it is {status}: it cannot be submitted again until it is returned", "status", st)
		}
	case ActDelete:
		if a.Status != Draft {
			return refusal(ELOCKED, ProbDeleteNotDraft, a, "it is {status}: only a draft can be deleted", "status", st)
		}
	case ActReview:
		switch a.Status {
		case Submitted:
		case Approved:
			return refusal(ELOCKED, ProbReviewFinal, a, "it is {status}: its review cannot change", "status", st)
		default:
			return refusal(EINVALID, ProbReviewNotSubmitted, a, "it is {status}: only a submitted assessment is reviewed", "status", st)
		}
	case ActReturn:
		if a.Status != Submitted {
			return refusal(EINVALID, ProbReturnNotSubmitted, a, "it is {status}: only a submitted assessment can be returned", "status", st)
		}
	case ActApprove:
		if a.Status != Submitted {
			return refusal(EINVALID, ProbApproveNotSubmitted, a, "it is {status}: only a submitted assessment can be approved", "status", st)
		}
	default:
		return Errorf(EINVALID, "unknown action %q", act)
	}
	return nil
}

// Authorize returns nil when the user may do act to the assessment now:
// EFORBIDDEN, with a ProbForbidden problem, when their roles do not allow
// it (Can), EINVALID when their name is none to record (ValidName), else
// what the assessment's status says (Allowed).
func Authorize(u User, act Action, a *Assessment) error {
	if !Can(u, act, a) {
		roles := make([]string, len(u.Roles))
		for i, r := range u.Roles {
			roles[i] = string(r)
		}
		p := NewProblem(ProbForbidden, "{user} may not {action}", "user", u.Name, "action", string(act))
		if u.Name == "" {
			p.Msg = "nobody signed in may not " + string(act)
		}
		e := &Error{Code: EFORBIDDEN, Problems: []Problem{p},
			Message: fmt.Sprintf("%s (roles: %s)", p.Msg, strings.Join(roles, ", "))}
		if a != nil && act.onAssessment() {
			e.Message += " on assessment " + strconv.FormatInt(a.ID, 10) + " of " + a.Unit.Name
		}
		return e
	}
	// Every change records who made it: a name that is empty, too long or
	// holds control characters (a newline forges a second audit line) is
	// refused before anything is written.
	if err := ValidName(u.Name); err != nil {
		return fmt.Errorf("who is working? %w", err)
	}
	return Allowed(act, a)
}
