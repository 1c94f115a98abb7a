// Package sheet reads evaluation catalogs from the tables bureaus receive
// (an official .xlsx or .docx table: headings in merged columns, points in
// a column or only in the rule text, a 加分项 block and 一票否决 clauses),
// proposes each item's scoring method from its rule text, and writes and
// reads Pingce's own catalog template (docs/formats.md §7).
//
// Every problem is reported at once as file!sheet!cell, and a catalog is
// returned only when it passes domain.Catalog.Check.
package sheet
