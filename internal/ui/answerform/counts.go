package answerform

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The inputs of the answer-side shapes of issue 15: one whole-number
// entry per counted kind (kinds, in place of the count), or per mark of
// the occurrences (multipliers, under the count). Their numbers are
// Answer.Counts.

// countRows builds an entry per kind or mark of the item into e.Counts
// (in the order of e.Item.CountKeys) and returns the label and entry of
// each, for the editor's form.
func (e *Editor) countRows(nav func(int), changed func()) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	add := func(key, label string) {
		en := NewNumberEntry(nav)
		en.SetPlaceHolder(lang.L("Whole number, 0 or more"))
		en.OnChanged = func(string) { changed() }
		e.Counts = append(e.Counts, en)
		e.CountKeys = append(e.CountKeys, key)
		// Not wrapping: a form's label column takes the label's own width.
		rows = append(rows, widget.NewLabel(label), narrow(en))
	}
	for _, k := range e.Item.Kinds {
		add(k.Key, lang.L("{{.Label}} ({{.Per}} points each)", map[string]any{"Label": k.Label, "Per": kit.Number(k.Per)}))
	}
	for _, m := range e.Item.Multipliers {
		add(m.Key, lang.L("Of them: {{.Label}} (counts ×{{.Times}})", map[string]any{"Label": m.Label, "Times": kit.Number(m.Times)}))
	}
	return rows
}

// countLabel is the label of the count entry of a deduct or count item.
// The catalog's rule says what is counted (cases, missing records…): the
// label does not presume occurrences, except where the item counts them
// (marks, the reviewer's range).
func countLabel(it *domain.Item) string {
	switch {
	case it.Discretion != nil || len(it.Multipliers) > 0:
		return lang.L("Times it occurred")
	case it.Method == domain.MethodCount:
		return lang.L("How many")
	}
	return lang.L("Number that deducts points")
}

// setCounts shows the counts of answer a in the entries.
func (e *Editor) setCounts(a domain.Answer) {
	for i, en := range e.Counts {
		en.SetText("")
		if n, ok := a.Counts[e.CountKeys[i]]; ok {
			en.SetText(strconv.Itoa(n))
		}
	}
}

// readCounts reads the entries into a.Counts (an empty entry leaves its
// key out; none filled: no counts) and returns the message of the first
// that is not a whole number of 0 or more, or of marks that outnumber
// the occurrences.
func (e *Editor) readCounts(a *domain.Answer) string {
	msg, marked := "", 0
	for i, en := range e.Counts {
		n, ok := ParseCount(en.Text)
		if !ok {
			if msg == "" {
				msg = lang.L("“{{.Text}}” is not a whole number of 0 or more.", map[string]any{"Text": en.Text})
			}
			continue
		}
		if n == nil {
			continue
		}
		if a.Counts == nil {
			a.Counts = map[string]int{}
		}
		a.Counts[e.CountKeys[i]] = *n
		marked += *n
	}
	if msg == "" && len(e.Item.Multipliers) > 0 && marked > 0 {
		total := 0
		if a.Count != nil {
			total = *a.Count
		}
		if marked > total {
			msg = lang.L("The marked occurrences ({{.Marked}}) are more than all of them ({{.Count}}): they are among them.",
				map[string]any{"Marked": marked, "Count": total})
		}
	}
	return msg
}

// CountText says in words what a count or deduct answer holds, as the
// inputs show it: the count in the item's unit, with the marked
// occurrences among them, or the count of each kind; "" when it holds
// none. Labels and keys of the catalog are shown as written.
func CountText(it *domain.Item, a domain.Answer) string {
	n := func(k int) string { return strconv.Itoa(k) + it.Unit }
	if len(it.Kinds) > 0 {
		if len(a.Counts) == 0 {
			return ""
		}
		var parts []string
		for _, k := range it.Kinds {
			parts = append(parts, k.Label+" "+n(a.Counts[k.Key]))
		}
		return strings.Join(parts, lang.L("; "))
	}
	if a.Count == nil {
		return ""
	}
	s := n(*a.Count)
	var marks []string
	for _, m := range it.Multipliers {
		if k := a.Counts[m.Key]; k > 0 {
			marks = append(marks, m.Label+" "+n(k))
		}
	}
	if len(marks) > 0 {
		s += lang.L(" (of them {{.Marks}})", map[string]any{"Marks": strings.Join(marks, lang.L("; "))})
	}
	return s
}
