package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// filterMode selects which items the tree shows.
type filterMode int

// The tree's views.
const (
	showAll     filterMode = iota
	showNotDone            // exactly what the submit check lists
	showFlagged
	showLost
	showToFix     // 待整改: the reviewer asks for more or gave fewer points (reviewnote.go)
	showCommented // 有意见: anything the reviewer wrote
	showBelowTop  // 未达最高等级: graded items below the top grade (item_grades)
)

// filterLabels returns the names of the views, in filterMode order.
func filterLabels() []string {
	return []string{
		lang.L("All items"),
		lang.L("Not done"),
		lang.L("Flagged for review"),
		lang.L("Points lost"),
		lang.L("To fix (reviewer)"),
		lang.L("With the reviewer's comments"),
		lang.L("Below the top item grade"),
	}
}

// Tree node ids: categories and items live in one namespace with a prefix.
func catNode(id string) string  { return "c:" + id }
func itemNode(id string) string { return "i:" + id }

func nodeItem(uid string) (string, bool) {
	if len(uid) > 2 && uid[:2] == "i:" {
		return uid[2:], true
	}
	return "", false
}

// navigator is the left side of the view: the filter and the virtualized
// tree of categories and items it shows, and the item shown.
type navigator struct {
	v      *View
	filter *navSelect    // by index: a filterMode
	search *navEntry     // words or an id to find (search.go)
	full   *widget.Label // the full title of the row under the mouse
	words  []string      // what the search box holds, lower case
	tree   *navTree
	rows   map[fyne.CanvasObject]*treeRow // tree row templates and their widgets
	icons  map[string]fyne.Resource       // item status → its mark in the tree

	current  string              // id of the item shown
	mode     filterMode          // tree filter
	children map[string][]string // tree node → children, for the filter
	order    []string            // item ids shown by the filter, in catalog order
	parentOf map[string]string   // tree node → parent node
}

// newNavigator creates the filter and the tree.
func newNavigator(v *View) *navigator {
	n := &navigator{v: v, rows: make(map[fyne.CanvasObject]*treeRow)}
	n.computeChildren()
	n.tree = &navTree{nav: v.move}
	n.tree.ChildUIDs = func(uid widget.TreeNodeID) []widget.TreeNodeID { return n.children[uid] }
	n.tree.IsBranch = func(uid widget.TreeNodeID) bool { _, item := nodeItem(uid); return !item }
	n.tree.CreateNode = n.createNode
	n.tree.UpdateNode = n.updateNode
	n.tree.ExtendBaseWidget(n.tree)
	n.tree.OnSelected = n.onTreeSelected
	n.tree.OpenAllBranches() // one walk of the tree; OpenBranch per node walks it each time
	n.filter = newNavSelect(filterLabels(), func(string) { n.onFilterChanged() }, v.move)
	n.filter.PlaceHolder = lang.L("Show…")
	n.filter.SetSelectedIndex(0)
	n.newSearch()
	return n
}

// treeRow is the template of a tree row.
type treeRow struct {
	row    *hoverRow
	icon   *widget.Icon
	flag   *widget.Icon
	title  *widget.Label
	points *widget.Label
}

func (n *navigator) createNode(branch bool) fyne.CanvasObject {
	r := &treeRow{
		icon:   widget.NewIcon(theme.RadioButtonIcon()),
		flag:   widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())),
		title:  widget.NewLabel("A1.1 Template title"),
		points: widget.NewLabel("000/000"),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	if branch {
		// Category titles are catalog text: not bold (see kit.Fonts).
		r.icon.Hide()
	}
	r.flag.Hide()
	c := newHoverRow(n, container.NewBorder(nil, nil, r.icon, container.NewHBox(r.flag, r.points), r.title))
	r.row = c
	n.rows[c] = r
	return c
}

func (n *navigator) updateNode(uid widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	v := n.v
	r := n.rows[o]
	if r == nil {
		return
	}
	r.row.uid = uid
	// Fyne's tree refreshes every visible row on a selection or a scroll;
	// only what changed is set, so unchanged labels are not shaped again.
	if id, ok := nodeItem(uid); ok {
		it := v.ws.Catalog.Item(id)
		if it == nil {
			return
		}
		is, _ := v.scores.item(id)
		a := v.answerOf(id)
		setText(r.title, it.ID+" "+it.Title)
		status := is.Status
		if v.scores.pending(id) {
			status = statusPending
		}
		if res := n.statusIcon(status); r.icon.Resource != res {
			r.icon.SetResource(res)
		}
		setVisible(r.flag, a.Flagged)
		switch {
		case status == statusPending:
			setText(r.points, pendingShort(v.scores.blockers[id])+" · "+kit.Number(is.Score)+"/"+kit.Number(it.Max))
		case is.Status == domain.StatusExcluded:
			setText(r.points, lang.L("excluded"))
		case is.AwaitsRound: // roundpending.go: 待汇总 and the range
			setText(r.points, awaitShort(is))
		case is.Pending != nil: // 酌情: the reviewer picks within the range
			setText(r.points, lang.L("to decide")+" · "+kit.Number(is.Pending.Min)+"–"+kit.Number(is.Pending.Max)+"/"+kit.Number(it.Max))
		case is.NAFull: // na: full counts as full marks
			setText(r.points, lang.L("N/A (full marks)")+" · "+kit.Number(is.Score)+"/"+kit.Number(it.Max))
		case is.NAAverage: // na: average, scored with the round's peers
			setText(r.points, lang.L("N/A (group's average)")+" · "+kit.Number(is.Score)+"/"+kit.Number(it.Max))
		case is.Status == domain.StatusNA:
			setText(r.points, lang.L("N/A"))
		case v.toFix(id): // the reviewer's mark (reviewnote.go)
			setText(r.points, lang.L("To fix")+" · "+kit.Number(is.Score)+"/"+kit.Number(it.Max))
		default:
			setText(r.points, kit.Number(is.Score)+"/"+kit.Number(it.Max))
		}
		return
	}
	id := uid[2:]
	cat := v.ws.Catalog.Category(id)
	if cat == nil {
		return
	}
	s := v.scores.cats[id]
	score, max := v.scores.shown(v.ws.Catalog, id)
	setText(r.title, cat.ID+" "+cat.Title)
	setVisible(r.flag, false)
	points := kit.Number(score)
	if lo, hi, ok := categoryReach(cat, v.scores.result); ok { // roundpending.go
		points = kit.Number(lo) + "–" + kit.Number(hi)
	}
	setText(r.points, lang.L("{{.Answered}}/{{.Applicable}} done · {{.Score}}/{{.Max}}", map[string]any{
		"Answered": s.answered, "Applicable": s.applicable, "Score": points, "Max": kit.Number(max)}))
}

// setText sets a label's text when it differs (SetText always redraws).
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// setVisible shows or hides o when that changes anything.
func setVisible(o fyne.CanvasObject, show bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	}
}

// statusIcon returns the mark of an item status, the same resource each
// time so that a row whose status did not change is not redrawn.
func (n *navigator) statusIcon(status string) fyne.Resource {
	if res, ok := n.icons[status]; ok {
		return res
	}
	if n.icons == nil {
		n.icons = make(map[string]fyne.Resource)
	}
	res := statusIcon(status)
	n.icons[status] = res
	return res
}

// statusPending is the tree's own status of an item that has an answer but
// still blocks submission (see scores.pending): it is marked as not done.
const statusPending = "pending"

// pendingShort names in a word or two what an answered item still lacks,
// for its tree row.
func pendingShort(ps []domain.Problem) string {
	for _, p := range ps {
		switch p.Code {
		case domain.ProbNoEvidence:
			return lang.L("needs evidence")
		case domain.ProbNAWithoutReason:
			return lang.L("needs a reason")
		}
	}
	return lang.L("not done")
}

// statusIcon makes the mark of an item status.
func statusIcon(status string) fyne.Resource {
	switch status {
	case statusPending:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case domain.StatusAnswered:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case domain.StatusNA:
		return theme.NewDisabledResource(theme.ContentRemoveIcon())
	case domain.StatusExcluded:
		return theme.NewDisabledResource(theme.CancelIcon())
	}
	return theme.RadioButtonIcon()
}

// matches reports whether the current filter shows the item.
func (n *navigator) matches(it *domain.Item) bool {
	v := n.v
	switch n.mode {
	case showNotDone:
		return v.scores.blockers.Blocks(it.ID)
	case showFlagged:
		return v.answerOf(it.ID).Flagged
	case showLost:
		is, _ := v.scores.item(it.ID)
		return !it.Bonus && is.Status == domain.StatusAnswered && is.Lost() > 0
	case showToFix:
		return v.toFix(it.ID)
	case showCommented:
		return v.reviewNote(it.ID) != ""
	case showBelowTop:
		is, _ := v.scores.item(it.ID)
		bands := v.ws.Catalog.ItemGradeBands(it.ID)
		return is.Grade != "" && len(bands) > 0 && is.Grade != bands[0].Grade
	}
	return true
}

// computeChildren lists the tree's children for the current filter. The item
// on screen stays listed so that answering it does not make it vanish.
func (n *navigator) computeChildren() {
	n.children = make(map[string][]string)
	n.parentOf = make(map[string]string)
	n.order = n.order[:0]
	var walk func(parent string, cats []*domain.Category) bool
	walk = func(parent string, cats []*domain.Category) bool {
		any := false
		for _, cat := range cats {
			node := catNode(cat.ID)
			var kids []string
			for _, it := range cat.Items {
				if n.found(it) && (it.ID == n.current && len(n.words) == 0 || n.matches(it)) {
					kids = append(kids, itemNode(it.ID))
					n.parentOf[itemNode(it.ID)] = node
					n.order = append(n.order, it.ID)
				}
			}
			if walk(node, cat.Categories) {
				kids = append(kids, n.children[node]...)
			}
			if len(kids) > 0 {
				n.children[node] = kids
				n.children[parent] = append(n.children[parent], node)
				n.parentOf[node] = parent
				any = true
			}
		}
		return any
	}
	walk("", n.v.ws.Catalog.Categories)
}

// refreshItem redraws an item's row and those of its categories.
func (n *navigator) refreshItem(id string) {
	node := itemNode(id)
	for node != "" {
		n.tree.RefreshItem(node)
		node = n.parentOf[node]
	}
}

// onFilterChanged shows the items of the view chosen, by its index.
func (n *navigator) onFilterChanged() {
	mode := n.mode
	if i := n.filter.SelectedIndex(); i >= 0 {
		mode = filterMode(i)
	}
	if mode == n.mode && mode == showAll {
		return // nothing to recompute: the tree shows every item already
	}
	n.mode = mode
	if n.tree == nil {
		return // the filter's first selection, while the view is built
	}
	n.computeChildren()
	n.tree.OpenAllBranches()
}

func (n *navigator) onTreeSelected(uid widget.TreeNodeID) {
	id, ok := nodeItem(uid)
	if !ok {
		n.tree.ToggleBranch(uid)
		n.tree.Unselect(uid)
		return
	}
	if id != n.current {
		n.v.showItem(id)
	}
}

// reveal opens the item's categories and selects its row, which scrolls to it.
func (n *navigator) reveal(id string) {
	n.current = id
	for node := n.parentOf[itemNode(id)]; node != ""; node = n.parentOf[node] {
		if !n.tree.IsBranchOpen(node) {
			n.tree.OpenBranch(node)
		}
	}
	n.tree.Select(itemNode(id))
}

// neighbour returns the item before (step −1) or after (step 1) the current
// one in the filtered order, or "".
func (n *navigator) neighbour(step int) string {
	for i, id := range n.order {
		if id == n.current {
			j := i + step
			if j >= 0 && j < len(n.order) {
				return n.order[j]
			}
			return ""
		}
	}
	if len(n.order) > 0 {
		return n.order[0]
	}
	return ""
}

// ShowItem selects the item in the tree and shows it on the item tab. It
// switches the tree back to all items when the filter hides it.
func (v *View) ShowItem(id string) {
	if v.ws.Catalog.Item(id) == nil {
		return
	}
	if _, shown := v.nav.parentOf[itemNode(id)]; !shown {
		v.nav.filter.SetSelectedIndex(int(showAll))
	}
	v.showItem(id)
	v.pane.tabs.Select(v.pane.itemTab)
}

// showItem builds the item's form and selects its tree row.
func (v *View) showItem(id string) {
	if cur := v.nav.current; cur != "" && cur != id && v.saves.Len() > 0 {
		v.saves.SaveNow()
	}
	v.nav.reveal(id)
	v.rememberItem(id)
	p := v.pane
	p.form = newItemForm(v, v.ws.Catalog.Item(id))
	p.holder.Objects = []fyne.CanvasObject{p.form.content}
	p.holder.Refresh()
	p.scroll.ScrollToTop()
	v.updateNav()
}

// updateNav enables the previous and next buttons where there is an item to go to.
func (v *View) updateNav() {
	if v.nav.neighbour(-1) == "" {
		v.pane.prev.Disable()
	} else {
		v.pane.prev.Enable()
	}
	if v.nav.neighbour(1) == "" {
		v.pane.next.Disable()
	} else {
		v.pane.next.Enable()
	}
}

// move goes to the neighbouring item, refreshing the filter first so that
// items answered meanwhile leave the unanswered view.
func (v *View) move(step int) {
	n := v.nav
	target := n.neighbour(step)
	if n.mode != showAll {
		n.computeChildren()
		n.tree.Refresh()
		if target == "" {
			target = n.neighbour(step)
		}
	}
	if target == "" {
		return
	}
	v.showItem(target)
	v.pane.tabs.Select(v.pane.itemTab)
}

// showNotDone shows in the tree only what blocks submission, and goes to
// the first of it.
func (v *View) showNotDone() {
	v.nav.filter.SetSelectedIndex(int(showNotDone))
	if v.scores.blockers.Blocks(v.nav.current) {
		return
	}
	for _, id := range v.nav.order {
		if v.scores.blockers.Blocks(id) {
			v.showItem(id)
			v.pane.tabs.Select(v.pane.itemTab)
			// The item left behind was listed only as the one on screen.
			v.nav.computeChildren()
			v.nav.tree.Refresh()
			v.updateNav()
			return
		}
	}
}

func (v *View) onPrevTapped() { v.move(-1) }
func (v *View) onNextTapped() { v.move(1) }
