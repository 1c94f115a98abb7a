package domain

// AnswersFormat is the value of the format key of an answers file.
const AnswersFormat = "pingce/answers@1"

// AnswerSet is a unit's answers to one catalog for one round: the content of
// an answers file (docs/formats.md §2).
type AnswerSet struct {
	Catalog string // "id@version" of the catalog answered
	Unit    UnitRef
	Round   string
	Answers map[string]Answer // by item id; a missing item is unanswered
	Vetoes  []string          // ids of vetoes the unit reports as triggered
}

// UnitRef names the unit an answers file belongs to.
type UnitRef struct {
	Name string
	Type string
}

// Answer is the answer to one item. Which fields matter depends on the item's
// method; a nil pointer means "not given".
type Answer struct {
	Met      *bool             // check
	Level    string            // levels
	Value    *float64          // numeric
	Baseline *float64          // numeric with change
	Count    *int              // deduct, count
	Parts    map[string]Answer // composite item, by part id

	// Counts (count and deduct items with kinds or multipliers), by key:
	// with kinds the count of each kind (a kind left out counts 0); with
	// multipliers how many of the Count occurrences carry each mark.
	Counts map[string]int

	NA     bool   // not applicable (不适用)
	Reason string // why not applicable; required with NA

	Note     string   // free text
	Evidence []string // names of evidence files
	Flagged  bool     // 待复核: the unit wants this item looked at again
}

// IsZero reports whether the answer carries nothing at all.
func (a Answer) IsZero() bool {
	return a.Met == nil && a.Level == "" && a.Value == nil && a.Baseline == nil &&
		a.Count == nil && len(a.Counts) == 0 && len(a.Parts) == 0 && !a.NA && a.Reason == "" &&
		a.Note == "" && len(a.Evidence) == 0 && !a.Flagged
}

// Answered reports whether a gives the item a scorable answer (or a N/A):
// a note or evidence alone does not answer an item.
func (it *Item) Answered(a Answer) bool {
	if a.NA {
		return true
	}
	if it.IsComposite() {
		if len(a.Parts) == 0 {
			return false
		}
		for _, p := range it.Parts {
			pa, ok := a.Parts[p.ID]
			if !ok || !p.Answered(pa) {
				return false
			}
		}
		return true
	}
	switch it.Method {
	case MethodCheck:
		return a.Met != nil
	case MethodLevels:
		_, ok := it.Level(a.Level)
		return ok
	case MethodNumeric:
		_, ok := it.NumericValue(a)
		return ok
	case MethodDeduct, MethodCount:
		_, _, ok := it.occurrences(a)
		return ok
	}
	return false
}

// Bool returns a pointer to b, for building answers.
func Bool(b bool) *bool { return &b }

// Float returns a pointer to f, for building answers and catalogs.
func Float(f float64) *float64 { return &f }

// Int returns a pointer to i, for building answers.
func Int(i int) *int { return &i }
