package walk

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The reviewer's verdicts as the unit sees them in the walk-through
// (issue 12): the comment, request and approved points at the item, and
// the filters 待整改 (a request or fewer points) and 有意见 (anything the
// reviewer wrote).

// reviewNote returns what the reviewer said about item id, for the unit:
// "" when nothing (no review, or an acceptance without comment).
func (v *View) reviewNote(id string) string {
	r, ok := v.ws.Reviews[id]
	if !ok {
		return ""
	}
	var parts []string
	if r.Verdict == domain.VerdictRequest && r.Request != "" {
		parts = append(parts, lang.L("More needed: {{.Request}}", map[string]any{"Request": domain.QuoteText(r.Request)}))
	}
	if p, ok := r.ReviewedPoints(); ok {
		s := lang.L("Approved points {{.Points}}", map[string]any{"Points": kit.Number(p)})
		if r.Reason != "" {
			s += lang.L(" (reason: {{.Reason}})", map[string]any{"Reason": domain.QuoteText(r.Reason)})
		}
		parts = append(parts, s)
	}
	if r.Comment != "" {
		parts = append(parts, lang.L("Comment: {{.Comment}}", map[string]any{"Comment": domain.QuoteText(r.Comment)}))
	}
	if len(parts) == 0 {
		return ""
	}
	who := ""
	if r.By != "" {
		who = domain.QuoteText(r.By) + ": "
	}
	return lang.L("Reviewer") + " " + who + strings.Join(parts, lang.L("; "))
}

// toFix reports whether the reviewer asks for more on the item or gave
// it fewer points than the unit (待整改).
func (v *View) toFix(id string) bool {
	r, ok := v.ws.Reviews[id]
	if !ok {
		return false
	}
	if r.Verdict == domain.VerdictRequest {
		return true
	}
	p, ok := r.ReviewedPoints()
	if !ok {
		return false
	}
	is, _ := v.scores.item(id)
	return domain.Round2(p) < is.Score
}
