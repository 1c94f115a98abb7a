package domain

import "slices"

// Next round from the last (以上轮为基础新建): the previous assessment's
// answers, notes and evidence links become the new one's starting draft;
// every carried answer is marked 沿用上轮 until the unit confirms or
// changes it, and submission waits for that.

// CarryAnswers returns the answers of prev to carry into an assessment of
// catalog next: for each item of next that prev answered by the same
// method (and with the same parts, for composite items), the answer with
// its note and evidence names, without its 待复核 flag. A numeric item
// compared with a baseline (Item.Change: the percent change against last
// year; Item.Difference: value − baseline) takes prev's value as its new
// baseline and has no value yet; its note and evidence names are carried
// with it. Such an item is in the carried list (沿用上轮, to confirm) when
// a note or evidence is carried, and only prepared otherwise. Items not
// applicable to unitType are left out.
func CarryAnswers(prev *Workspace, next *Catalog, unitType string) (answers map[string]Answer, carried []string) {
	answers = map[string]Answer{}
	for _, it := range next.Items() {
		if !it.AppliesToType(unitType) {
			continue
		}
		old := prev.Catalog.Item(it.ID)
		a, ok := prev.Answers.Answers[it.ID]
		if old == nil || !ok || a.IsZero() || old.Method != it.Method || !sameParts(old, it) {
			continue
		}
		a.Flagged = false
		next, ok := carryOne(it, a)
		if next.IsZero() {
			continue
		}
		answers[it.ID] = next
		if ok {
			carried = append(carried, it.ID)
		}
	}
	return answers, carried
}

// carryOne returns the answer a of last round carried to item it, and
// whether anything of it is carried as it was (rather than only prepared):
// an item compared with a baseline gets last year's value as its baseline
// and no value, its note and evidence names as they were; a composite item
// carries each part so.
func carryOne(it *Item, a Answer) (Answer, bool) {
	if a.NA {
		return a, true
	}
	if len(it.Parts) > 0 {
		parts := map[string]Answer{}
		carried := false
		for _, p := range it.Parts {
			pa, ok := a.Parts[p.ID]
			if !ok || pa.IsZero() {
				continue
			}
			next, c := carryOne(p, pa)
			if !next.IsZero() {
				parts[p.ID] = next
				carried = carried || c
			}
		}
		a.Parts = parts
		if len(parts) == 0 {
			a.Parts = nil
		}
		return a, carried
	}
	if it.Method == MethodNumeric && (it.Change || it.Difference) {
		next := Answer{Note: a.Note, Evidence: slices.Clone(a.Evidence)}
		if a.Value != nil {
			v := *a.Value
			next.Baseline = &v
		}
		return next, a.Note != "" || len(a.Evidence) > 0
	}
	return a, true
}

func sameParts(a, b *Item) bool {
	ids := func(it *Item) []string {
		var out []string
		for _, p := range it.Parts {
			out = append(out, p.ID+"/"+string(p.Method))
		}
		return out
	}
	return slices.Equal(ids(a), ids(b))
}

// CarriedProblems lists a problem per carried answer the unit has not yet
// confirmed or changed (沿用上轮): they block submission.
func CarriedProblems(carried []string) []Problem {
	var ps []Problem
	for _, id := range carried {
		ps = append(ps, Problem{ItemID: id, Code: ProbTaskUnconfirmed,
			Msg: "the answer was carried from the last round: confirm or change it"})
	}
	return ps
}
