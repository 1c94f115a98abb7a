package walk

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The limits of the issue 15 shapes in the item pane's words: an overflow
// penalty charged to the category (扣满…追加扣除), a count with no item cap,
// and the category's own budget (本项限扣N分) or bonus cap.

// describe says in words how an item is scored: the catalog's own text when
// it has one, else a sentence generated from the method's rule
// (describeRule) with the item's limits.
func describe(it *domain.Item) string {
	if it.Scoring != "" {
		return it.Scoring
	}
	// per × count without the item's max; counted kinds (no per) say it
	// their own way (describeCounted).
	if it.Uncapped && it.Method == domain.MethodCount && it.Per > 0 && !it.IsComposite() {
		return lang.L("{{.Per}} points for each one, with no cap of the item's own: only the bonus cap of its category or of the catalog bounds them.",
			map[string]any{"Per": kit.Number(it.Per)})
	}
	s := describeRule(it)
	if o := it.Overflow; o != nil && it.Method == domain.MethodDeduct {
		s += "\n" + lang.L("Once it has lost {{.At}} points, {{.Extra}} more points come off its category (the category never goes below 0).",
			map[string]any{"At": kit.Number(o.At), "Extra": kit.Number(o.Extra)})
	}
	return s
}

// describeIn is describe with what the item's categories add: the budget
// its deductions share (deduct_cap) and the cap on a bonus category's
// points (bonus_cap). The catalog's own text of the item stays as it is;
// the category's rule follows it.
func describeIn(c *domain.Catalog, it *domain.Item) string {
	s := describe(it)
	cat := c.CategoryOf(it.ID)
	if cat == nil {
		return s
	}
	if cat.DeductCap != nil && it.Method == domain.MethodDeduct {
		s += "\n" + lang.L("Category {{.Category}} deducts at most {{.Cap}} points: what its deduction items lose together beyond that is given back.",
			map[string]any{"Category": cat.ID + " " + cat.Title, "Cap": kit.Number(*cat.DeductCap)})
	}
	for _, up := range holders(c, cat.ID) {
		if up.Bonus && up.BonusCap != nil {
			s += "\n" + lang.L("Category {{.Category}} adds at most {{.Cap}} bonus points together.",
				map[string]any{"Category": up.ID + " " + up.Title, "Cap": kit.Number(*up.BonusCap)})
			break
		}
	}
	return s
}

// holders returns the category id and the categories that hold it,
// innermost first.
func holders(c *domain.Catalog, id string) []*domain.Category {
	var path []*domain.Category
	var find func(cs []*domain.Category) bool
	find = func(cs []*domain.Category) bool {
		for _, cat := range cs {
			if cat.ID == id || find(cat.Categories) {
				path = append(path, cat)
				return true
			}
		}
		return false
	}
	find(c.Categories)
	return path
}
