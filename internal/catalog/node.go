package catalog

import (
	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// Problem codes of catalog problems (domain.Problem.Code), with the names
// of their Args; problems of the YAML structure have yamlnode's codes. The
// codes of the catalog's content are the domain's (domain.Catalog.Check);
// these names stay for the readers' own use. The user interface writes
// each in the user's language.
const (
	ProbSyntax          = yamlnode.ProbSyntax    // the file is not well-formed YAML; detail
	ProbEmpty           = "catalog.empty_file"   // nothing in the file; format
	ProbFormat          = "catalog.wrong_format" // format, want
	ProbCatalogID       = domain.ProbCatalogID
	ProbBadID           = domain.ProbBadID
	ProbDupID           = domain.ProbDupID
	ProbNotPositive     = domain.ProbNotPositive
	ProbNegative        = domain.ProbNegative
	ProbTotal           = domain.ProbTotal
	ProbGradeTwice      = domain.ProbGradeTwice
	ProbGradeOrder      = domain.ProbGradeOrder
	ProbCapBoth         = domain.ProbCapBoth
	ProbCapNone         = domain.ProbCapNone
	ProbCapRatio        = domain.ProbCapRatio
	ProbCapItem         = domain.ProbCapItem
	ProbCapGrade        = domain.ProbCapGrade
	ProbCategoryEmpty   = domain.ProbCategoryEmpty
	ProbUnitType        = domain.ProbUnitType
	ProbNoMethod        = domain.ProbNoMethod
	ProbNoMethodOrParts = domain.ProbNoMethodOrParts
	ProbMethod          = domain.ProbMethod
	ProbParam           = domain.ProbParam
	ProbFloor           = domain.ProbFloor
	ProbZeroAt          = domain.ProbZeroAt
	ProbMethodAndParts  = domain.ProbMethodAndParts
	ProbParamOnParts    = domain.ProbParamOnParts
	ProbPartsMax        = domain.ProbPartsMax
	ProbNoLevels        = domain.ProbNoLevels
	ProbLabelTwice      = domain.ProbLabelTwice
	ProbPoints          = domain.ProbPoints
	ProbFirstLevel      = domain.ProbFirstLevel
	ProbNoRule          = domain.ProbNoRule
	ProbTwoRules        = domain.ProbTwoRules
	ProbLinear          = domain.ProbLinear
	ProbBandBoth        = domain.ProbBandBoth
	ProbBandNone        = domain.ProbBandNone
	ProbBandsMixed      = domain.ProbBandsMixed
	ProbBandsDown       = domain.ProbBandsDown
	ProbBandsUp         = domain.ProbBandsUp
)

// decoder walks a yaml.Node tree and collects every problem it finds.
type decoder struct {
	yamlnode.Decoder
	// at is where each element of the catalog was read: the mapping (and,
	// when set, the key of it) that Catalog.Check's findings about the
	// element are reported at.
	at map[any]place
}

// place is where an element of the catalog is in the file.
type place struct {
	o   *object
	key string // the key of o holding the element; "" when o is the element's own mapping
}

// object is a YAML mapping being read.
type object = yamlnode.Object

// formatNumber writes f so that YAML reads it back as exactly f.
func formatNumber(f float64) string { return yamlnode.FormatNumber(f) }

// validCatalogID reports whether s is a catalog id (domain.ValidCatalogID).
func validCatalogID(s string) bool { return domain.ValidCatalogID(s) }

// validID reports whether s is an id of an item, part, category or veto
// (domain.ValidID).
func validID(s string) bool { return domain.ValidID(s) }
