package report

import (
	"fmt"

	"pingce/internal/domain"
)

// The scoring shapes of issue 15 in the report's words: what a category's
// own rules did to its points (追加扣除, 限扣), what each veto does, and a
// N/A that still counts in the max.

// ShapeLabels are the words of those shapes.
type ShapeLabels struct {
	Adjustment   string // figures line: the base categories' adjustments together
	VetoDeduct   string // figures line: points the vetoes took off
	AdjustCell   string // after a category's title: %s the signed points
	AdjustMinus  string // notice: %s id, %s title, %s points taken off the category
	AdjustPlus   string // notice: %s id, %s title, %s cap, %s points given back
	VetoGrade    string // effect of a veto: %s the veto grade
	VetoZero     string
	VetoNoTop    string // %s the top grade
	VetoDeductBy string // %s points
	VetoLowest   string // %s the lowest grade
	VetoNotice   string // %s id, %s title, %s the effect
	NAAverage    string // answer of a N/A counted as its group's average
}

func chineseShapeLabels() ShapeLabels {
	return ShapeLabels{
		Adjustment: "其中：类目调整", VetoDeduct: "一票否决扣分",
		AdjustCell:  "（类目调整 %s 分）",
		AdjustMinus: "类目调整：%s %s 追加扣除 %s 分（记入该类目，类目得分不低于 0）。",
		AdjustPlus:  "类目调整：%s %s 限扣 %s 分，超出部分返还 %s 分。",
		VetoGrade:   "等级定为“%s”", VetoZero: "总分计 0 分", VetoNoTop: "一票否优：不得评为“%s”",
		VetoDeductBy: "扣 %s 分", VetoLowest: "等级定为“%s”",
		VetoNotice: "一票否决：%s %s。%s。",
		NAAverage:  "不适用（按同类单位平均分计）",
	}
}

func englishShapeLabels() ShapeLabels {
	return ShapeLabels{
		Adjustment: "of which: category adjustments", VetoDeduct: "Veto deduction",
		AdjustCell:  " (adjusted %s)",
		AdjustMinus: "Category adjustment: %s %s loses %s extra points (overflow penalty, charged to the category, never below 0).",
		AdjustPlus:  "Category adjustment: %s %s deducts at most %s; %s points lost beyond it are given back.",
		VetoGrade:   "the grade is \"%s\"", VetoZero: "the final score is 0", VetoNoTop: "the grade cannot be \"%s\"",
		VetoDeductBy: "%s points off the final score", VetoLowest: "the grade is \"%s\"",
		VetoNotice: "Veto: %s %s: %s.",
		NAAverage:  "N/A (the group's average)",
	}
}

// vetoEffect says what veto v does, in words.
func vetoEffect(c *domain.Catalog, v domain.Veto, lb ShapeLabels) string {
	switch v.Effect {
	case domain.VetoZero:
		return lb.VetoZero
	case domain.VetoNoTop:
		top := ""
		if len(c.Grades) > 0 {
			top = c.Grades[0].Grade
		}
		return fmt.Sprintf(lb.VetoNoTop, top)
	case domain.VetoDeduct:
		return fmt.Sprintf(lb.VetoDeductBy, Num(v.Points))
	case domain.VetoLowest:
		low := c.VetoGradeOrDefault()
		if len(c.Grades) > 0 {
			low = c.Grades[len(c.Grades)-1].Grade
		}
		return fmt.Sprintf(lb.VetoLowest, low)
	}
	return fmt.Sprintf(lb.VetoGrade, c.VetoGradeOrDefault())
}

// vetoNotice is the notice of triggered veto v.
func vetoNotice(c *domain.Catalog, v domain.Veto, lb Labels) string {
	if v.Effect == "" || v.Effect == domain.VetoGrade {
		return fmt.Sprintf(lb.VetoFormat, v.ID, v.Title, c.VetoGradeOrDefault()) // the wording reports always had
	}
	return fmt.Sprintf(lb.Shapes.VetoNotice, v.ID, v.Title, vetoEffect(c, v, lb.Shapes))
}

// adjustNotices are the notices of the categories whose own rules changed
// their points: an overflow penalty (−) or a deduction budget (+).
func adjustNotices(c *domain.Catalog, r *domain.Result, lb ShapeLabels) []string {
	var out []string
	for _, cs := range r.Categories {
		if cs.Adjustment == 0 {
			continue
		}
		cat := c.Category(cs.ID)
		if cat == nil {
			continue
		}
		if cs.Adjustment < 0 {
			out = append(out, fmt.Sprintf(lb.AdjustMinus, cat.ID, cat.Title, Num(-cs.Adjustment)))
			continue
		}
		limit := ""
		if cat.DeductCap != nil {
			limit = Num(*cat.DeductCap)
		}
		out = append(out, fmt.Sprintf(lb.AdjustPlus, cat.ID, cat.Title, limit, Num(cs.Adjustment)))
	}
	return out
}

// baseAdjustment is what the base categories' rules added to the raw
// points together (Result.Raw includes it).
func baseAdjustment(c *domain.Catalog, r *domain.Result) float64 {
	bonus := map[string]bool{}
	var walk func(cs []*domain.Category, b bool)
	walk = func(cs []*domain.Category, b bool) {
		for _, cat := range cs {
			bonus[cat.ID] = b || cat.Bonus
			walk(cat.Categories, b || cat.Bonus)
		}
	}
	walk(c.Categories, false)
	sum := 0.0
	for _, cs := range r.Categories {
		if !bonus[cs.ID] {
			sum += cs.Adjustment
		}
	}
	return domain.Round2(sum)
}

// naWord is the answer of a N/A item that its catalog counts anyway (as
// full marks, or as the group's average); "" for a N/A out of the max.
func naWord(it *domain.Item, lb Labels) string {
	switch it.NA {
	case domain.NAFull:
		return lb.NAFull
	case domain.NAAverage:
		return lb.Shapes.NAAverage
	}
	return ""
}

// Signed writes points with their sign: "+4", "−10", "0".
func Signed(x float64) string {
	switch x = domain.Round2(x); {
	case x < 0:
		return "−" + Num(-x)
	case x > 0:
		return "+" + Num(x)
	}
	return "0"
}

// AdjustText is what follows a category's title when its own rules
// changed its points: "（类目调整 −10 分）"; "" when they did not. With a
// review, the reviewed adjustment follows when it differs.
func AdjustText(lb Labels, c CategoryRow) string {
	if c.Adjustment == 0 && c.ReviewedAdjustment == 0 {
		return ""
	}
	s := Signed(c.Adjustment)
	if c.ReviewedAdjustment != c.Adjustment {
		s += " / " + lb.Reviewed + " " + Signed(c.ReviewedAdjustment)
	}
	return fmt.Sprintf(lb.Shapes.AdjustCell, s)
}
