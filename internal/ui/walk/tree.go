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
	showAll filterMode = iota
	showUnanswered
	showFlagged
	showLost
)

// filterLabels returns the names of the views, in filterMode order.
func filterLabels() []string {
	return []string{
		lang.L("All items"),
		lang.L("Unanswered"),
		lang.L("Flagged for review"),
		lang.L("Points lost"),
	}
}

// catStat is a category's progress: items answered of applicable, and points.
type catStat struct {
	answered, applicable int
	score, max           float64
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

// buildTree creates the virtualized category tree.
func (v *View) buildTree() {
	v.rows = make(map[fyne.CanvasObject]*treeRow)
	v.computeChildren()
	v.tree = widget.NewTree(
		func(uid widget.TreeNodeID) []widget.TreeNodeID { return v.children[uid] },
		func(uid widget.TreeNodeID) bool { _, item := nodeItem(uid); return !item },
		v.createNode,
		v.updateNode,
	)
	v.tree.OnSelected = v.onTreeSelected
	v.tree.OpenAllBranches() // one walk of the tree; OpenBranch per node walks it each time
}

// treeRow is the template of a tree row.
type treeRow struct {
	icon   *widget.Icon
	flag   *widget.Icon
	title  *widget.Label
	points *widget.Label
}

func (v *View) createNode(branch bool) fyne.CanvasObject {
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
	c := container.NewBorder(nil, nil, r.icon, container.NewHBox(r.flag, r.points), r.title)
	v.rows[c] = r
	return c
}

func (v *View) updateNode(uid widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	r := v.rows[o]
	if r == nil {
		return
	}
	// Fyne's tree refreshes every visible row on a selection or a scroll;
	// only what changed is set, so unchanged labels are not shaped again.
	if id, ok := nodeItem(uid); ok {
		it := v.ws.Catalog.Item(id)
		if it == nil {
			return
		}
		is, _ := v.itemScore(id)
		a := v.answerOf(id)
		setText(r.title, it.ID+" "+it.Title)
		if res := v.statusIcon(is.Status); r.icon.Resource != res {
			r.icon.SetResource(res)
		}
		setVisible(r.flag, a.Flagged)
		switch is.Status {
		case domain.StatusExcluded:
			setText(r.points, lang.L("excluded"))
		case domain.StatusNA:
			setText(r.points, lang.L("N/A"))
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
	s := v.catStats[id]
	setText(r.title, cat.ID+" "+cat.Title)
	setVisible(r.flag, false)
	setText(r.points, lang.L("{{.Answered}}/{{.Applicable}} done · {{.Score}}/{{.Max}}", map[string]any{
		"Answered": s.answered, "Applicable": s.applicable, "Score": kit.Number(s.score), "Max": kit.Number(s.max)}))
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
func (v *View) statusIcon(status string) fyne.Resource {
	if res, ok := v.icons[status]; ok {
		return res
	}
	if v.icons == nil {
		v.icons = make(map[string]fyne.Resource)
	}
	res := statusIcon(status)
	v.icons[status] = res
	return res
}

// statusIcon makes the mark of an item status.
func statusIcon(status string) fyne.Resource {
	switch status {
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
func (v *View) matches(it *domain.Item) bool {
	switch v.mode {
	case showUnanswered:
		is, _ := v.itemScore(it.ID)
		return is.Status == domain.StatusUnanswered
	case showFlagged:
		return v.answerOf(it.ID).Flagged
	case showLost:
		is, _ := v.itemScore(it.ID)
		return !it.Bonus && is.Status == domain.StatusAnswered && is.Lost() > 0
	}
	return true
}

// computeChildren lists the tree's children for the current filter. The item
// on screen stays listed so that answering it does not make it vanish.
func (v *View) computeChildren() {
	v.children = make(map[string][]string)
	v.parentOf = make(map[string]string)
	v.order = v.order[:0]
	var walk func(parent string, cats []*domain.Category) bool
	walk = func(parent string, cats []*domain.Category) bool {
		any := false
		for _, cat := range cats {
			node := catNode(cat.ID)
			var kids []string
			for _, it := range cat.Items {
				if it.ID == v.current || v.matches(it) {
					kids = append(kids, itemNode(it.ID))
					v.parentOf[itemNode(it.ID)] = node
					v.order = append(v.order, it.ID)
				}
			}
			if walk(node, cat.Categories) {
				kids = append(kids, v.children[node]...)
			}
			if len(kids) > 0 {
				v.children[node] = kids
				v.children[parent] = append(v.children[parent], node)
				v.parentOf[node] = parent
				any = true
			}
		}
		return any
	}
	walk("", v.ws.Catalog.Categories)
}

// refreshItemNodes redraws an item's row and those of its categories.
func (v *View) refreshItemNodes(id string) {
	if v.tree == nil {
		return
	}
	node := itemNode(id)
	for node != "" {
		v.tree.RefreshItem(node)
		node = v.parentOf[node]
	}
}

func (v *View) onFilterChanged(label string) {
	mode := v.mode
	for i, l := range filterLabels() {
		if l == label {
			mode = filterMode(i)
		}
	}
	if mode == v.mode && v.children != nil && mode == showAll {
		return // nothing to recompute: the tree shows every item already
	}
	v.mode = mode
	if v.tree == nil {
		return
	}
	v.computeChildren()
	v.tree.OpenAllBranches()
}

func (v *View) onTreeSelected(uid widget.TreeNodeID) {
	id, ok := nodeItem(uid)
	if !ok {
		v.tree.ToggleBranch(uid)
		v.tree.Unselect(uid)
		return
	}
	if id != v.current {
		v.showItem(id)
	}
}

// ShowItem selects the item in the tree and shows it on the item tab. It
// switches the tree back to all items when the filter hides it.
func (v *View) ShowItem(id string) {
	if v.ws.Catalog.Item(id) == nil {
		return
	}
	if _, shown := v.parentOf[itemNode(id)]; !shown {
		v.filter.SetSelectedIndex(int(showAll))
	}
	v.showItem(id)
	if v.tabs != nil {
		v.tabs.Select(v.itemTab)
	}
}

// showItem builds the item's form and selects its tree row.
func (v *View) showItem(id string) {
	if v.current != "" && v.current != id && len(v.dirty) > 0 {
		v.saveNow()
	}
	v.current = id
	for node := v.parentOf[itemNode(id)]; node != ""; node = v.parentOf[node] {
		if !v.tree.IsBranchOpen(node) {
			v.tree.OpenBranch(node)
		}
	}
	v.tree.Select(itemNode(id)) // scrolls to it too
	v.form = newItemForm(v, v.ws.Catalog.Item(id))
	v.itemHolder.Objects = []fyne.CanvasObject{v.form.content}
	v.itemHolder.Refresh()
	v.itemScroll.ScrollToTop()
	v.updateNav()
}

// neighbour returns the item before (step −1) or after (step 1) the current
// one in the filtered order, or "".
func (v *View) neighbour(step int) string {
	for i, id := range v.order {
		if id == v.current {
			j := i + step
			if j >= 0 && j < len(v.order) {
				return v.order[j]
			}
			return ""
		}
	}
	if len(v.order) > 0 {
		return v.order[0]
	}
	return ""
}

func (v *View) updateNav() {
	if v.neighbour(-1) == "" {
		v.prevButton.Disable()
	} else {
		v.prevButton.Enable()
	}
	if v.neighbour(1) == "" {
		v.nextButton.Disable()
	} else {
		v.nextButton.Enable()
	}
}

// move goes to the neighbouring item, refreshing the filter first so that
// items answered meanwhile leave the unanswered view.
func (v *View) move(step int) {
	target := v.neighbour(step)
	if v.mode != showAll {
		v.computeChildren()
		v.tree.Refresh()
		if target == "" {
			target = v.neighbour(step)
		}
	}
	if target == "" {
		return
	}
	v.showItem(target)
	v.tabs.Select(v.itemTab)
}

func (v *View) onPrevTapped() { v.move(-1) }
func (v *View) onNextTapped() { v.move(1) }
