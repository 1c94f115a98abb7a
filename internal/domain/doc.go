// Package domain holds Pingce's core model and its rules: the evaluation
// catalog tree and the checks of its content (Catalog.Check), a unit's
// answers and their checks, the assessment that ties them to a unit and a
// round, the workflow it goes through (draft → submitted → returned →
// submitted … → approved: Assessment.Step, Workspace.Submit), the users
// and the rights of their roles (User, Can, Allowed, Authorize), the
// scoring rules of the file-format contract (docs/formats.md §3), and the
// services the rest of the program keeps them with, one per noun.
//
// Storage loads, asks the domain and persists: every rule a write must
// obey is decided here, so that the user interface, the command line, a
// shared database and exchange all get the same answer. Every refusal is
// an *Error with a code, and every problem a user can see a Problem with a
// code and the named values (Args) the user interface writes it from.
//
// It imports the standard library only: no Fyne, no GORM, no YAML. Loading,
// storage, reports and the user interface all speak in these types.
package domain
