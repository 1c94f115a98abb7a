package walk

import "pingce/internal/domain"

// scores is what the view shows of the score, computed from the answers
// on screen: the result, and the progress and points of every category.
type scores struct {
	result   *domain.Result
	index    map[string]int     // item id → index in result.Items
	cats     map[string]catStat // category id → progress
	blockers domain.Blockers    // what blocks submission, by item: the submit check's own list
}

// catStat is a category's progress: items done (answered and blocking
// nothing) of applicable, and points.
type catStat struct {
	answered, applicable int
	score, max           float64
}

// rescore recomputes the score and the per-category progress of ws.
func (s *scores) rescore(ws *domain.Workspace) {
	s.result = ws.Result()
	s.blockers = ws.Blockers()
	s.index = make(map[string]int, len(s.result.Items))
	for i, is := range s.result.Items {
		s.index[is.ID] = i
	}
	s.cats = make(map[string]catStat)
	var walk func(cat *domain.Category) catStat
	walk = func(cat *domain.Category) catStat {
		var st catStat
		for _, it := range cat.Items {
			is, _ := s.item(it.ID)
			// As in the score, N/A and excluded items are outside the
			// applicable ones; bonus items count in their own category.
			if is.Status == domain.StatusExcluded || is.Status == domain.StatusNA && !is.NAFull && !is.NAAverage {
				continue // a N/A counted as full marks (or the group's average) is applicable and answered
			}
			st.applicable++
			if (is.Status == domain.StatusAnswered || is.NAFull || is.NAAverage) && !s.blockers.Blocks(it.ID) {
				st.answered++
			}
		}
		for _, sub := range cat.Categories {
			ss := walk(sub)
			st.answered += ss.answered
			st.applicable += ss.applicable
		}
		if cs, ok := s.result.Category(cat.ID); ok {
			st.score, st.max = cs.Score, cs.Max
		}
		s.cats[cat.ID] = st
		return st
	}
	for _, cat := range ws.Catalog.Categories {
		walk(cat)
	}
}

// item returns the current score of an item.
func (s *scores) item(id string) (domain.ItemScore, bool) {
	i, ok := s.index[id]
	if !ok {
		return domain.ItemScore{}, false
	}
	return s.result.Items[i], true
}

// pending reports whether the item is answered (or N/A) and still blocks
// submission, so is not done: evidence missing, N/A without a reason.
func (s *scores) pending(id string) bool { return s.blockers.Pending(id) }

// shown returns a category's points and maximum as the view shows them: a
// top-level bonus category counts against the catalog's bonus cap, not the
// sum of its items (40 of 55 claimed under a cap of 30 shows 30/30), since
// no more than the cap is added to the score.
func (s *scores) shown(c *domain.Catalog, id string) (score, max float64) {
	st := s.cats[id]
	score, max = st.score, st.max
	if c.BonusCap == nil {
		return score, max
	}
	for _, top := range c.Categories {
		if top.ID == id && top.Bonus {
			return min(score, *c.BonusCap), *c.BonusCap
		}
	}
	return score, max
}

// unansweredIn reports whether an applicable item of the category (or of
// its sub-categories) is not answered yet.
func (s *scores) unansweredIn(cat *domain.Category) bool {
	for _, it := range cat.Items {
		if is, ok := s.item(it.ID); ok && is.Status == domain.StatusUnanswered {
			return true
		}
	}
	for _, sub := range cat.Categories {
		if s.unansweredIn(sub) {
			return true
		}
	}
	return false
}
