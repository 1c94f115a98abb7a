package walk

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// describeRule says in words how an item is scored: the catalog's own text
// when it has one, else a sentence generated from the method's rule
// (describe adds the item's limits, describe_limits.go).
func describeRule(it *domain.Item) string {
	if it.Scoring != "" {
		return it.Scoring
	}
	if it.IsComposite() {
		return lang.L("Made of {{.N}} parts; the item's points are the sum of the parts' points (at most {{.Max}}).",
			map[string]any{"N": len(it.Parts), "Max": kit.Number(it.Max)})
	}
	if s := describeCounted(it); s != "" { // kinds, multipliers, discretion (describe_counted.go)
		return s
	}
	max := kit.Number(it.Max)
	switch it.Method {
	case domain.MethodCheck:
		return lang.L("{{.Max}} points when the requirement is met, otherwise 0.", map[string]any{"Max": max})
	case domain.MethodLevels:
		var lines []string
		for _, l := range it.Levels {
			lines = append(lines, lang.L("{{.Label}}: {{.Points}} points", map[string]any{"Label": l.Label, "Points": kit.Number(l.Points)}))
		}
		return lang.L("Choose the level that fits:") + "\n" + strings.Join(lines, "\n")
	case domain.MethodNumeric:
		return describeNumeric(it)
	case domain.MethodDeduct:
		d := map[string]any{"Max": max, "Per": kit.Number(it.Per), "Floor": kit.Number(it.Floor), "N": it.ZeroAt}
		switch {
		case it.Floor > 0 && it.ZeroAt > 0:
			return lang.L("Starts at {{.Max}} points; each occurrence deducts {{.Per}} points, never below {{.Floor}} points; {{.N}} or more occurrences score 0.", d)
		case it.Floor > 0:
			return lang.L("Starts at {{.Max}} points; each occurrence deducts {{.Per}} points, never below {{.Floor}} points.", d)
		case it.ZeroAt > 0:
			return lang.L("Starts at {{.Max}} points; each occurrence deducts {{.Per}} points, down to 0; {{.N}} or more occurrences score 0.", d)
		}
		return lang.L("Starts at {{.Max}} points; each occurrence deducts {{.Per}} points, down to 0.", d)
	case domain.MethodCount:
		return lang.L("{{.Per}} points for each one, at most {{.Max}} points.", map[string]any{"Per": kit.Number(it.Per), "Max": max})
	}
	return ""
}

// describeNumeric says how a numeric item turns its value into points.
func describeNumeric(it *domain.Item) string {
	unit := it.Unit
	var s string
	if it.Change {
		unit = "%"
		s = lang.L("The value scored is the change against the baseline: (this period − baseline) ÷ baseline × 100%.") + "\n"
	}
	if it.Difference {
		s = lang.L("The value scored is this period − baseline.") + "\n"
	}
	for _, e := range it.Exact {
		s += lang.L("Exactly {{.Value}}: {{.Points}} points.", map[string]any{"Value": kit.Number(e.Value) + it.Unit, "Points": kit.Number(e.Points)}) + "\n"
	}
	if len(it.ByUnitType) > 0 {
		types := make([]string, 0, len(it.ByUnitType))
		for t := range it.ByUnitType {
			types = append(types, t)
		}
		slices.Sort(types)
		s += lang.L("Units of type {{.Types}} are scored by a rule of their own; the rule below is for the others.",
			map[string]any{"Types": strings.Join(types, "、")}) + "\n"
	}
	n := func(f float64) string { return kit.Number(f) + unit }
	max := kit.Number(it.Max)
	switch {
	case len(it.Bands) > 0:
		var lines []string
		for _, b := range it.Bands {
			switch {
			case b.AtLeast != nil:
				lines = append(lines, lang.L("{{.At}} or more: {{.Points}} points", map[string]any{"At": n(*b.AtLeast), "Points": kit.Number(b.Points)}))
			case b.AtMost != nil:
				lines = append(lines, lang.L("{{.At}} or less: {{.Points}} points", map[string]any{"At": n(*b.AtMost), "Points": kit.Number(b.Points)}))
			}
		}
		lines = append(lines, lang.L("otherwise: 0 points"))
		return s + lang.L("The first band that fits gives the points:") + "\n" + strings.Join(lines, "\n")
	case it.Linear != nil:
		l := it.Linear
		if l.Zero > l.Full {
			return s + lang.L("{{.Full}} or less scores the full {{.Max}} points, {{.Zero}} or more scores 0, and values between score in proportion.",
				map[string]any{"Full": n(l.Full), "Zero": n(l.Zero), "Max": max})
		}
		return s + lang.L("{{.Full}} or more scores the full {{.Max}} points, {{.Zero}} or less scores 0, and values between score in proportion.",
			map[string]any{"Full": n(l.Full), "Zero": n(l.Zero), "Max": max})
	case it.Shortfall != nil:
		sf := it.Shortfall
		d := map[string]any{"Target": n(sf.Target), "Step": n(sf.Step), "Per": kit.Number(sf.Per), "Max": max}
		if sf.LowerIsBetter {
			s += lang.L("At most {{.Target}} scores the full {{.Max}} points; every {{.Step}} above it deducts {{.Per}} points, down to 0.", d)
		} else {
			s += lang.L("At least {{.Target}} scores the full {{.Max}} points; every {{.Step}} below it deducts {{.Per}} points, down to 0.", d)
		}
		if sf.WholeSteps {
			s += " " + lang.L("A part of a step counts as a whole step.")
		}
		return s
	case len(it.Piecewise) > 0:
		lines := []string{lang.L("Starts at {{.Max}} points and deducts by segment, down to 0:", map[string]any{"Max": max})}
		for _, sg := range it.Piecewise {
			switch {
			case sg.Below != nil:
				lines = append(lines, lang.L("below {{.At}}: {{.Per}} points for each 1 lower", map[string]any{"At": n(*sg.Below), "Per": kit.Number(sg.Per)}))
			case sg.Above != nil:
				lines = append(lines, lang.L("above {{.At}}: {{.Per}} points for each 1 higher", map[string]any{"At": n(*sg.Above), "Per": kit.Number(sg.Per)}))
			}
		}
		return s + strings.Join(lines, "\n")
	case it.Slope != nil:
		sl := it.Slope
		d := map[string]any{"Base": n(sl.Base), "Points": kit.Number(sl.Points), "Per": kit.Number(sl.Per), "Max": max}
		if sl.LowerIsBetter {
			return s + lang.L("{{.Base}} scores {{.Points}} points; each 1 lower adds {{.Per}}, each 1 higher deducts {{.Per}}, within 0 and {{.Max}} points.", d)
		}
		return s + lang.L("{{.Base}} scores {{.Points}} points; each 1 higher adds {{.Per}}, each 1 lower deducts {{.Per}}, within 0 and {{.Max}} points.", d)
	case it.Relative != nil || it.Rank != nil:
		return s + describeRound(it, max) // roundpending.go
	}
	return s
}
