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
// that scores the change against last year (Item.Change) takes prev's
// value as its baseline and has no value yet: it is not carried but
// prepared, and is not in the carried list. Items not applicable to
// unitType are left out.
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
		if it.Method == MethodNumeric && it.Change {
			if a.Value == nil || a.NA {
				continue
			}
			v := *a.Value
			answers[it.ID] = Answer{Baseline: &v}
			continue
		}
		answers[it.ID] = a
		carried = append(carried, it.ID)
	}
	return answers, carried
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
