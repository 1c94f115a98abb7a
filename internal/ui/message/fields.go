package message

import "slices"

// The fields of catalog and answers files, named in the user's language:
// a problem about "applies_to" reads “适用单位（applies_to）” in the
// Chinese interface, the file's own word kept so that it can be found in
// the file. The names are the "field."+key entries of translations/*.json;
// the English interface shows the key itself.

// fieldKeys are the fields named in the user's language (TestFieldNames
// checks each has a Chinese name).
var fieldKeys = []string{
	"applies_to", "at_least", "at_most", "bands", "baseline", "basis", "bonus", "bonus_cap", "cap", "caps",
	"catalog", "categories", "category", "category_ratio_below", "change", "count", "evidence",
	"evidence_required", "flag", "floor", "format", "full", "grade", "grades", "id", "item", "item_lost",
	"items", "label", "level", "levels", "linear", "lower_is_better", "max", "max_grade", "met", "method",
	"min", "na", "note", "part", "parts", "per", "points", "reason", "requirement", "round", "scoring",
	"shortfall", "source", "step", "target", "title", "total", "unit", "unit_types", "value", "version",
	"veto_grade", "vetoes", "whole_steps", "zero", "zero_at",
}

// fieldName returns how the interface names a file's field: its Chinese
// name with the key in brackets, or the key where there is no name.
func fieldName(key string) string {
	if !slices.Contains(fieldKeys, key) {
		return key // a misspelt or unknown field: as written in the file
	}
	return localizeKey("field."+key, key, nil)
}
