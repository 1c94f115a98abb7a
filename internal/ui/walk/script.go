package walk

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/answerform"
	"pingce/internal/ui/screen"
)

var (
	_ screen.Screen   = (*View)(nil)
	_ screen.Scripted = (*View)(nil)
)

// Do performs a scripted action, as the user's gesture would:
//
//	item ID       show the item (the tree's row clicked)
//	item-tab      show the item tab again
//	score         show the score tab
//	check         run the submission check (the toolbar button)
//	next, prev    go to the next or previous item (PageDown, PageUp)
//	answer N      choose option N (modulo their number) of the item's
//	              first choice: met / not met, or a level
//	filter N      show the tree's N-th view (0 all, 1 unanswered, …)
//	tree-scroll Y scroll the tree to Y pixels from its top
func (v *View) Do(action, arg string) error {
	n := 0
	switch action {
	case "answer", "filter", "tree-scroll":
		var err error
		if n, err = strconv.Atoi(arg); err != nil || n < 0 {
			return fmt.Errorf("walk: %s %q: want a number of 0 or more", action, arg)
		}
	}
	switch action {
	case "item":
		if v.ws.Catalog.Item(arg) == nil {
			return fmt.Errorf("walk: item %q: the catalog has no such item", arg)
		}
		v.ShowItem(arg)
	case "item-tab":
		v.ShowItem(v.CurrentItem())
	case "score":
		v.ShowScore()
	case "check":
		v.ShowSubmitCheck()
	case "next":
		v.onNextTapped()
	case "prev":
		v.onPrevTapped()
	case "answer":
		return v.chooseOption(n)
	case "filter":
		if n >= len(filterLabels()) {
			return fmt.Errorf("walk: filter %d: there are %d views", n, len(filterLabels()))
		}
		v.nav.filter.SetSelectedIndex(n)
	case "tree-scroll":
		v.nav.tree.ScrollToOffset(float32(n))
	default:
		return screen.UnknownAction("walk", action, "item", "item-tab", "score", "check", "next", "prev", "answer", "filter", "tree-scroll")
	}
	return nil
}

// chooseOption chooses option n (modulo their number) of the first choice
// of the item shown, as a click on it would.
func (v *View) chooseOption(n int) error {
	if v.pane.form == nil {
		return fmt.Errorf("walk: answer: no item shows")
	}
	editors := v.pane.form.parts
	if v.pane.form.main != nil {
		editors = []*answerform.Editor{v.pane.form.main}
	}
	for _, e := range editors {
		for _, r := range []*widget.RadioGroup{e.Met, e.Level} {
			if r != nil && len(r.Options) > 0 && !r.Disabled() {
				r.SetSelected(r.Options[n%len(r.Options)])
				return nil
			}
		}
	}
	return fmt.Errorf("walk: answer: item %s has no choice to make", v.pane.form.item.ID)
}
