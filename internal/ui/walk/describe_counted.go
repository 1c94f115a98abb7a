package walk

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// describeCounted says in words how a count or deduct item with kinds,
// multipliers or discretion (issue 15 shapes 5, 9, 8) is scored; "" for
// any other item.
func describeCounted(it *domain.Item) string {
	max := kit.Number(it.Max)
	switch {
	case len(it.Kinds) > 0:
		var kinds []string
		for _, k := range it.Kinds {
			kinds = append(kinds, lang.L("{{.Label}} {{.Per}} points each", map[string]any{"Label": k.Label, "Per": kit.Number(k.Per)}))
		}
		d := map[string]any{"Max": max, "Kinds": strings.Join(kinds, lang.L("; ")), "Floor": kit.Number(it.Floor), "N": it.ZeroAt}
		switch {
		case it.Method == domain.MethodCount && it.Uncapped:
			return lang.L("Counted by kind: {{.Kinds}}; no cap of the item's own.", d)
		case it.Method == domain.MethodCount:
			return lang.L("Counted by kind: {{.Kinds}}; together at most {{.Max}} points.", d)
		}
		s := lang.L("Starts at {{.Max}} points; each occurrence deducts by its kind: {{.Kinds}}.", d)
		if it.Floor > 0 {
			s = sentences(s, lang.L("Never below {{.Floor}} points.", d))
		}
		if it.ZeroAt > 0 {
			s = sentences(s, lang.L("{{.N}} or more occurrences together score 0.", d))
		}
		return s
	case it.Discretion != nil:
		d := map[string]any{"Max": max, "Min": kit.Number(it.Discretion.Min), "High": kit.Number(it.Discretion.Max)}
		return lang.L("Starts at {{.Max}} points; each occurrence deducts what the reviewer decides between {{.Min}} and {{.High}} points (at discretion), down to 0. Until the reviewer decides, the item counts the largest deduction.", d)
	case len(it.Multipliers) > 0:
		plain := *it
		plain.Multipliers = nil
		var marks []string
		for _, m := range it.Multipliers {
			marks = append(marks, lang.L("an occurrence {{.Label}} counts {{.Times}} times", map[string]any{"Label": m.Label, "Times": kit.Number(m.Times)}))
		}
		return sentences(describe(&plain), lang.L("Of the occurrences, {{.Marks}}.", map[string]any{"Marks": strings.Join(marks, lang.L("; "))}))
	}
	return ""
}

// sentences joins two sentences: directly after a Chinese full stop, with
// a space otherwise.
func sentences(a, b string) string {
	if strings.HasSuffix(a, "。") {
		return a + b
	}
	return a + " " + b
}

// discretionPoints is the points line of an item whose points the
// reviewer picks within a range and has not yet: the range (the rule's
// words say the totals count its low end until then). It is short: the
// line sits beside the item's category.
func discretionPoints(is domain.ItemScore) string {
	return lang.L("To be decided: {{.Min}}–{{.High}} / {{.Max}}",
		map[string]any{"Min": kit.Number(is.Pending.Min), "High": kit.Number(is.Pending.Max), "Max": kit.Number(is.Max)})
}
