package domain

import "math"

// ItemGradeBand grades an item by its points' share of its max: the first
// band, in catalog order, whose MinRatio the share reaches wins.
type ItemGradeBand struct {
	MinRatio float64 // 0 to 1
	Grade    string
}

// ItemGradeBands returns the bands that grade the item: those of the
// nearest category holding it that has any, else the catalog's. Nil when
// the catalog grades no items.
func (c *Catalog) ItemGradeBands(itemID string) []ItemGradeBand {
	c.index()
	return c.bands[itemID]
}

// ItemGrade returns the grade of points out of max in bands: the first band
// whose MinRatio the share points/max reaches (a share within 1e-9 below a
// threshold counts as at it, so 9.5 of 10 is 0.95). "" when no band applies
// or max is not positive.
func ItemGrade(bands []ItemGradeBand, points, max float64) string {
	if max <= 0 {
		return ""
	}
	ratio := points / max
	for _, b := range bands {
		if ratio >= b.MinRatio-1e-9 {
			return b.Grade
		}
	}
	return ""
}

// The problems of item grade bands.
const (
	ProbItemGradeRatio = "catalog.item_grade_ratio"  // value: a min_ratio outside 0..1
	ProbItemGradeOrder = "catalog.item_grades_order" // min, prev: min_ratio not going down
	ProbItemGradeTwice = "catalog.item_grade_twice"  // grade: a grade listed twice
	ProbItemGradeZero  = "catalog.item_grades_zero"  // min: the last band does not start at 0
)

// itemGradeBands checks one list of item grade bands: every grade named
// once, each min_ratio within 0..1 and going down, the last at 0 so that
// every answered item gets a grade.
func (k *checker) itemGradeBands(bands []ItemGradeBand, in []string) {
	seen := map[string]bool{}
	prev := math.NaN()
	for i := range bands {
		b := &bands[i]
		k.text(b, "grade", in, "", b.Grade)
		if b.Grade != "" {
			if seen[b.Grade] {
				k.add(b, "grade", in, "", ProbItemGradeTwice, "item grade {grade:q} is listed twice", "grade", b.Grade)
			}
			seen[b.Grade] = true
		}
		if !k.number(b, "min_ratio", in, "", b.MinRatio) {
			continue
		}
		if b.MinRatio < 0 || b.MinRatio > 1 {
			k.add(b, "min_ratio", in, "", ProbItemGradeRatio, "min_ratio is a share of the item's max, from 0 to 1, not {value}",
				"value", CheckNumber(b.MinRatio))
		}
		if !math.IsNaN(prev) && b.MinRatio >= prev {
			k.add(b, "min_ratio", in, "", ProbItemGradeOrder, "min_ratio must go down from grade to grade: {min} comes after {prev}",
				"min", CheckNumber(b.MinRatio), "prev", CheckNumber(prev))
		}
		prev = b.MinRatio
	}
	if n := len(bands); n > 0 && bands[n-1].MinRatio != 0 {
		b := &bands[n-1]
		k.add(b, "min_ratio", in, "", ProbItemGradeZero, "the last item grade must start at min_ratio 0, not {min}, so that every item gets a grade",
			"min", CheckNumber(b.MinRatio))
	}
}

// gradeItems sets the grade of every answered base item of r and counts
// the items of each grade.
func gradeItems(c *Catalog, r *Result) {
	c.index()
	if len(c.bands) == 0 {
		return
	}
	for i := range r.Items {
		is := &r.Items[i]
		it := c.Item(is.ID)
		if it == nil || it.Bonus || is.Status != StatusAnswered {
			continue
		}
		if g := ItemGrade(c.ItemGradeBands(is.ID), is.Score, is.Max); g != "" {
			is.Grade = g
			if r.ItemGrades == nil {
				r.ItemGrades = map[string]int{}
			}
			r.ItemGrades[g]++
		}
	}
}
