package review

import (
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/answerform"
	"pingce/internal/ui/kit"
)

// answerText writes the unit's answer to item it for reading.
func answerText(it *domain.Item, a domain.Answer) string {
	if a.NA {
		return lang.L("N/A") + ": " + domain.QuoteText(a.Reason)
	}
	if !it.Answered(a) && len(a.Parts) == 0 {
		return lang.L("Not answered")
	}
	if it.IsComposite() {
		var ps []string
		for _, p := range it.Parts {
			if pa, ok := a.Parts[p.ID]; ok {
				ps = append(ps, p.Title+": "+answerText(p, pa))
			}
		}
		return strings.Join(ps, "；")
	}
	switch it.Method {
	case domain.MethodCheck:
		if a.Met != nil && *a.Met {
			return lang.L("Met")
		}
		return lang.L("Not met")
	case domain.MethodLevels:
		return domain.QuoteText(a.Level)
	case domain.MethodNumeric:
		s := kit.InputNumber(a.Value) + it.Unit
		if it.Change || it.Difference {
			s += fmt.Sprintf(lang.L(" (baseline %s)"), kit.InputNumber(a.Baseline))
		}
		return s
	case domain.MethodDeduct, domain.MethodCount:
		return answerform.CountText(it, a) // with kinds or marked occurrences too
	}
	return ""
}

// reviewerAnswer is the reviewer's own answer to an item in the review
// box, given with the walk-through's answer widgets (answerform): one
// editor for a simple item, one per part, each under the part's title,
// for a composite item.
//
// The widgets start with the unit's answer (调整 corrects it: the
// reviewer changes what is wrong rather than typing it all again), or
// the reviewer's own once stored. An adjustment that still gives the
// unit's answer changes nothing, so it is not stored (unchanged): the
// reviewer changes the answer, gives the points, or chooses 认可.
type reviewerAnswer struct {
	item    *domain.Item
	editors []*answerform.Editor
	content fyne.CanvasObject
	// unit is the unit's answer as the widgets read it (the same rounding
	// and empty fields as the reviewer's); nil when it gives none to
	// correct (not answered, N/A).
	unit *domain.Answer
}

// newReviewerAnswer returns the widgets of the reviewer's answer to it,
// showing a, or the unit's answer unit when a is nil. changed runs on
// every change the user makes; nav goes to the previous or next item from
// a number entry.
func newReviewerAnswer(it *domain.Item, a *domain.Answer, unit domain.Answer, changed func(), nav func(int)) *reviewerAnswer {
	r := &reviewerAnswer{item: it}
	if unit.NA { // a N/A is no answer the reviewer can correct
		unit = domain.Answer{}
	}
	if !it.IsComposite() {
		e := answerform.New(it, unit, changed, nav)
		r.editors = []*answerform.Editor{e}
		r.content = e.Content
	} else {
		box := container.NewVBox()
		for _, p := range it.Parts {
			e := answerform.New(p, unit.Parts[p.ID], changed, nav)
			r.editors = append(r.editors, e)
			// A part's title is catalog text: not bold (see kit.Fonts).
			box.Add(widget.NewLabel(p.ID + ". " + p.Title))
			box.Add(e.Content)
		}
		r.content = box
	}
	if u, ok := r.read(); ok {
		r.unit = u
	}
	for _, e := range r.editors {
		answerform.ShowProblem(e.Problem, "") // the unit's answer is the unit's: its problems are not the reviewer's
		if a == nil {
			continue
		}
		if it.IsComposite() {
			e.Set(a.Parts[e.Item.ID])
		} else {
			e.Set(*a)
		}
	}
	return r
}

// unchanged reports whether the reviewer's answer a (read) is the unit's.
func (r *reviewerAnswer) unchanged(a *domain.Answer) bool {
	return a != nil && r.unit != nil && reflect.DeepEqual(*a, *r.unit)
}

// read returns the reviewer's answer — nil when every input is empty —
// and whether the input is valid (an editor shows what is wrong).
func (r *reviewerAnswer) read() (*domain.Answer, bool) {
	if !r.item.IsComposite() {
		a, ok := r.editors[0].Read()
		if !ok || a.IsZero() {
			return nil, ok
		}
		return &a, true
	}
	out := &domain.Answer{Parts: map[string]domain.Answer{}}
	good := true
	for _, e := range r.editors {
		pa, ok := e.Read()
		good = good && ok
		if ok && !pa.IsZero() {
			out.Parts[e.Item.ID] = pa
		}
	}
	if !good || len(out.Parts) == 0 {
		return nil, good
	}
	return out, true
}

// setEnabled enables or disables every input.
func (r *reviewerAnswer) setEnabled(on bool) {
	for _, e := range r.editors {
		e.SetEnabled(on)
	}
}
