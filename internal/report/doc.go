// Package report turns a scored assessment (a domain.Workspace) into a
// Document: the facts, tables and words of the self-assessment report, ready
// for a writer to lay out. It does no I/O; the sub-packages pdf and xlsx
// write a Document to a file format.
//
// Every figure in a Document comes from domain.Score (through
// Workspace.Result and Workspace.ReviewedResult) and is formatted by Num and
// Pct, so that a report reads exactly the numbers the scorer computed.
package report
