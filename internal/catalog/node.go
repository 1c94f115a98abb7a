package catalog

import (
	"unicode"

	"pingce/internal/yamlnode"
)

// Problem codes of catalog problems (domain.Problem.Code), with the names
// of their Args; problems of the YAML structure have yamlnode's codes. The
// user interface writes each in the user's language.
const (
	ProbSyntax          = yamlnode.ProbSyntax      // the file is not well-formed YAML; detail
	ProbEmpty           = "catalog.empty_file"     // nothing in the file; format
	ProbFormat          = "catalog.wrong_format"   // format, want
	ProbCatalogID       = "catalog.bad_catalog_id" // id
	ProbBadID           = "catalog.bad_id"         // id
	ProbDupID           = "catalog.duplicate_id"   // id, first (line)
	ProbNotPositive     = "catalog.not_positive"   // key, value
	ProbNegative        = "catalog.negative"       // key, value
	ProbTotal           = "catalog.total_mismatch" // total, sum
	ProbGradeTwice      = "catalog.grade_twice"    // grade
	ProbGradeOrder      = "catalog.grades_order"   // min, prev
	ProbCapBoth         = "catalog.cap_two_conditions"
	ProbCapNone         = "catalog.cap_no_condition"
	ProbCapRatio        = "catalog.cap_ratio_range"   // value
	ProbCapItem         = "catalog.cap_unknown_item"  // id
	ProbCapGrade        = "catalog.cap_unknown_grade" // grade
	ProbCategoryEmpty   = "catalog.category_empty"
	ProbUnitType        = "catalog.unknown_unit_type" // type, types
	ProbNoMethod        = "catalog.missing_method"
	ProbNoMethodOrParts = "catalog.missing_method_or_parts"
	ProbMethod          = "catalog.unknown_method"       // method
	ProbParam           = "catalog.param_not_for_method" // key, method
	ProbFloor           = "catalog.floor_range"          // max, value
	ProbZeroAt          = "catalog.zero_at_whole"        // value
	ProbMethodAndParts  = "catalog.method_and_parts"
	ProbParamOnParts    = "catalog.param_on_parts"     // key
	ProbPartsMax        = "catalog.parts_max_mismatch" // max, sum
	ProbNoLevels        = "catalog.no_levels"
	ProbLabelTwice      = "catalog.label_twice"     // label
	ProbPoints          = "catalog.points_range"    // max, value
	ProbFirstLevel      = "catalog.first_level_max" // max, value
	ProbNoRule          = "catalog.numeric_no_rule"
	ProbTwoRules        = "catalog.numeric_two_rules" // rules
	ProbLinear          = "catalog.linear_same"       // value
	ProbBandBoth        = "catalog.band_two_bounds"
	ProbBandNone        = "catalog.band_no_bound"
	ProbBandsMixed      = "catalog.bands_mixed"
	ProbBandsDown       = "catalog.bands_order_down" // value, prev
	ProbBandsUp         = "catalog.bands_order_up"   // value, prev
)

// decoder walks a yaml.Node tree and collects every problem it finds.
type decoder struct{ yamlnode.Decoder }

// object is a YAML mapping being read.
type object = yamlnode.Object

// formatNumber writes f so that YAML reads it back as exactly f.
func formatNumber(f float64) string { return yamlnode.FormatNumber(f) }

// validCatalogID reports whether s is a catalog id: [a-z0-9-]+.
func validCatalogID(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// validID reports whether s is an id of an item, part, category or veto:
// letters and digits (any script), '_', then also '.' and '-'.
func validID(s string) bool {
	for i, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), r == '_':
		case (r == '.' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}
