package walk

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The score panel's words for what each veto does (issue 15 #14: the
// grade, 0 points, no top grade, a fixed deduction, the lowest grade) and
// for what the categories' own rules did to their points (追加扣除, 限扣).

// vetoEffect says what veto vt does when it is reported.
func vetoEffect(c *domain.Catalog, vt domain.Veto) string {
	switch vt.Effect {
	case domain.VetoZero:
		return lang.L("the final score is 0")
	case domain.VetoNoTop:
		if len(c.Grades) > 0 {
			return lang.L("the grade cannot be {{.Grade}}", map[string]any{"Grade": c.Grades[0].Grade})
		}
	case domain.VetoDeduct:
		return lang.L("{{.Points}} points off the final score", map[string]any{"Points": kit.Number(vt.Points)})
	case domain.VetoLowest:
		if len(c.Grades) > 0 {
			return lang.L("the grade is {{.Grade}}", map[string]any{"Grade": c.Grades[len(c.Grades)-1].Grade})
		}
	}
	return lang.L("the grade is {{.Grade}}", map[string]any{"Grade": c.VetoGradeOrDefault()})
}

// plainVetoes reports whether every veto of c sets the veto grade (the
// rule before issue 15), so that one sentence tells them all.
func plainVetoes(c *domain.Catalog) bool {
	for _, vt := range c.Vetoes {
		if vt.Effect != "" && vt.Effect != domain.VetoGrade {
			return false
		}
	}
	return true
}

// vetoHint is the line above the vetoes' boxes.
func vetoHint(c *domain.Catalog) string {
	if plainVetoes(c) {
		return lang.L("Tick a veto only if it happened in your unit: any ticked veto sets the grade to {{.Grade}}.",
			map[string]any{"Grade": c.VetoGradeOrDefault()})
	}
	return lang.L("Tick a veto only if it happened in your unit; each says what it does.")
}

// vetoLabel is a veto's box: its id and title, and what it does when the
// vetoes do different things.
func vetoLabel(c *domain.Catalog, vt domain.Veto) string {
	s := vt.ID + " " + vt.Title
	if !plainVetoes(c) {
		s += lang.L(" ({{.Effect}})", map[string]any{"Effect": vetoEffect(c, vt)})
	}
	return s
}

// shapeLines are the score panel's lines of the reported vetoes and of the
// categories whose own rules changed their points.
func shapeLines(c *domain.Catalog, r *domain.Result) []string {
	var lines []string
	if len(r.Vetoes) > 0 && plainVetoes(c) {
		lines = append(lines, lang.L("A one-vote veto is reported, so the grade is {{.Grade}}.",
			map[string]any{"Grade": c.VetoGradeOrDefault()}))
	} else {
		for _, id := range r.Vetoes {
			if vt, ok := c.Veto(id); ok {
				lines = append(lines, lang.L("Veto {{.Name}} is reported: {{.Effect}}.",
					map[string]any{"Name": vt.ID + " " + vt.Title, "Effect": vetoEffect(c, vt)}))
			}
		}
	}
	if r.VetoDeduct > 0 { // the formula line stops at scaled + bonus
		lines = append(lines, lang.L("After the vetoes' deduction of {{.Points}} points the final score is {{.Final}}.",
			map[string]any{"Points": kit.Number(r.VetoDeduct), "Final": kit.Number(r.Final)}))
	}
	for _, cs := range r.Categories {
		cat := c.Category(cs.ID)
		switch {
		case cat == nil || cs.Adjustment == 0:
		case cs.Adjustment < 0:
			lines = append(lines, lang.L("{{.Name}}: {{.Points}} more points off (overflow penalty, charged to the category).",
				map[string]any{"Name": cat.ID + " " + cat.Title, "Points": kit.Number(-cs.Adjustment)}))
		case cat.DeductCap != nil:
			lines = append(lines, lang.L("{{.Name}} deducts at most {{.Cap}} points: {{.Points}} points lost beyond that are given back.",
				map[string]any{"Name": cat.ID + " " + cat.Title, "Cap": kit.Number(*cat.DeductCap), "Points": kit.Number(cs.Adjustment)}))
		}
	}
	return lines
}
