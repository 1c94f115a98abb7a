package review

import (
	"fmt"

	"pingce/internal/domain"
	"pingce/internal/ui/screen"
)

var _ screen.Scripted = (*Screen)(nil)

// Do performs a scripted action as the reviewer's gesture would (the
// screenshot harness): "item" ID shows an item; "verdict" accept, adjust
// or request chooses the verdict in the review box (saved as the radio
// button would save it); "accept-next" is Ctrl+Enter; "summary" opens the
// summary with 退回 and 审定.
func (s *Screen) Do(action, arg string) error {
	switch action {
	case "item":
		if s.ws.Catalog.Item(arg) == nil {
			return fmt.Errorf("review: item: the catalog has no item %q", arg)
		}
		s.ShowItem(arg)
		return nil
	case "verdict":
		v := domain.Verdict(arg)
		if !v.Valid() {
			return fmt.Errorf("review: verdict: %q is none of %v", arg, domain.Verdicts)
		}
		s.verdict.SetSelected(verdictLabel(v))
		return nil
	case "accept-next":
		s.AcceptAndNext()
		return nil
	case "summary":
		s.ShowSummary()
		return nil
	}
	return screen.UnknownAction("review", action, "item", "verdict", "accept-next", "summary")
}
