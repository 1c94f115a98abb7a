package domain

// Blockers indexes the problems that block submission (SubmissionProblems)
// by item id: what still keeps each item from counting as done. It is the
// one answer to "is this item done?" for the tree, the item pane, the
// "not done" filter and the count of what blocks, so that they list exactly
// what the submit check lists. Problems not about an item are kept under "".
type Blockers map[string][]Problem

// NewBlockers indexes problems by item.
func NewBlockers(ps []Problem) Blockers {
	b := make(Blockers)
	for _, p := range ps {
		b[p.ItemID] = append(b[p.ItemID], p)
	}
	return b
}

// Blockers returns what blocks submitting the workspace, by item.
func (w *Workspace) Blockers() Blockers { return NewBlockers(w.SubmissionProblems()) }

// Blocks reports whether the item has anything that blocks submission.
func (b Blockers) Blocks(itemID string) bool { return len(b[itemID]) > 0 }

// Pending reports whether the item is answered (or marked N/A) and yet
// blocks submission: evidence required and missing, N/A without a reason.
// Such an item is not done, though it has an answer.
func (b Blockers) Pending(itemID string) bool {
	for _, p := range b[itemID] {
		if p.Code != ProbUnanswered {
			return true
		}
	}
	return false
}

// Items returns how many items block submission.
func (b Blockers) Items() int {
	n := 0
	for id, ps := range b {
		if id != "" && len(ps) > 0 {
			n++
		}
	}
	return n
}

// Count returns how many problems block submission in all.
func (b Blockers) Count() int {
	n := 0
	for _, ps := range b {
		n += len(ps)
	}
	return n
}
