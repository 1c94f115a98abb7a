package cli

import (
	"fmt"

	"pingce/internal/domain"
)

// How the score tables say what the issue 15 shapes did: a category's own
// rules (an overflow penalty, a deduction budget) and each veto's effect.

// adjustmentNote follows a category's title when its own rules changed its
// points: "  [-10 overflow penalty]", "  [+3 beyond the deduct cap of 5
// given back]"; "" when they did not.
func adjustmentNote(c *domain.Category, adj float64) string {
	switch {
	case adj < 0:
		return fmt.Sprintf("  [%s overflow penalty]", signedNum(adj))
	case adj > 0 && c.DeductCap != nil:
		return fmt.Sprintf("  [%s beyond the deduct cap of %s given back]", signedNum(adj), num(*c.DeductCap))
	case adj > 0:
		return fmt.Sprintf("  [%s given back]", signedNum(adj))
	}
	return ""
}

// baseAdjustment is what the base categories' rules added to the raw points.
func baseAdjustment(c *domain.Catalog, r *domain.Result) float64 {
	sum := 0.0
	var walk func(cs []*domain.Category, bonus bool)
	walk = func(cs []*domain.Category, bonus bool) {
		for _, cat := range cs {
			b := bonus || cat.Bonus
			if s, ok := r.Category(cat.ID); ok && !b {
				sum += s.Adjustment
			}
			walk(cat.Categories, b)
		}
	}
	walk(c.Categories, false)
	return domain.Round2(sum)
}

// vetoEffect says what a triggered veto does.
func vetoEffect(c *domain.Catalog, v domain.Veto) string {
	switch v.Effect {
	case domain.VetoZero:
		return "the final score is 0"
	case domain.VetoNoTop:
		if len(c.Grades) > 0 {
			return fmt.Sprintf("the grade cannot be %s", c.Grades[0].Grade)
		}
		return "the top grade is out of reach"
	case domain.VetoDeduct:
		return fmt.Sprintf("%s points off the final score", num(v.Points))
	case domain.VetoLowest:
		if len(c.Grades) > 0 {
			return fmt.Sprintf("the grade is %s", c.Grades[len(c.Grades)-1].Grade)
		}
	}
	return fmt.Sprintf("the grade is %s", c.VetoGradeOrDefault())
}

// signedNum writes points with their sign: +3, -10.
func signedNum(x float64) string {
	if x > 0 {
		return "+" + num(x)
	}
	return num(x)
}
