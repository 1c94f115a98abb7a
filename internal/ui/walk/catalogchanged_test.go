package walk

import (
	"context"
	"strings"
	"testing"
)

// TestCatalogChangedItemsMarked: an assessment made from one on another
// catalog version marks the items that need a new answer (指标已变更).
func TestCatalogChangedItemsMarked(t *testing.T) {
	s, a := fixture(t)
	ws, err := s.OpenAssessment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	ws.CatalogChanged = []string{"A2"}
	h := newHarnessWS(t, s, s, ws)
	for _, c := range []struct {
		id   string
		mark bool
	}{{"A2", true}, {"A1", false}} {
		h.v.ShowItem(c.id)
		h.settle()
		if got := overlayText(h.w.Canvas().Content()); strings.Contains(got, "指标已变更") != c.mark {
			t.Errorf("%s: marked %v, want %v", c.id, !c.mark, c.mark)
		}
	}
}
