// Package domain holds Pingce's core model: the evaluation catalog tree, a
// unit's answers, the assessment that ties them to a unit and a round, and the
// scoring rules of the file-format contract (docs/formats.md §3).
//
// It imports the standard library only: no Fyne, no GORM, no YAML. Loading,
// storage, reports and the user interface all speak in these types.
package domain
