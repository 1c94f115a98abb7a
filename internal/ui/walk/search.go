package walk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// The tree's search, its full titles and its wheel: a search box (Ctrl+F)
// that keeps only the items whose id or words match, a line under the tree
// that shows the full title of the row under the mouse (rows cut long
// titles with "…"), and rows that scroll the tree three times as far per
// wheel click as Fyne does (25 px, less than a row).

// wheelFactor is how many times Fyne's scroll a wheel click over a row
// moves the tree.
const wheelFactor = 3

// newSearch makes the search box and the full-title line of n.
func (n *navigator) newSearch() {
	n.search = newTextEntry(n.v.move, false)
	n.search.SetPlaceHolder(lang.L("Search by id or words (Ctrl+F)"))
	n.search.OnChanged = n.onSearchChanged
	n.search.OnSubmitted = func(string) { n.goToFirstMatch() }
	n.full = widget.NewLabel("")
	n.full.Wrapping = fyne.TextWrapWord
	n.full.Importance = widget.LowImportance
	n.full.Hide()
}

// leftSide lays out the filter, the search box, the tree and the full
// title.
func (n *navigator) leftSide() fyne.CanvasObject {
	return container.NewBorder(container.NewVBox(n.filter, n.search), n.full, nil, nil, n.tree)
}

// onSearchChanged filters the tree by the words typed.
func (n *navigator) onSearchChanged(text string) {
	words := strings.Fields(strings.ToLower(text))
	if strings.Join(words, " ") == strings.Join(n.words, " ") {
		return
	}
	n.words = words
	n.computeChildren()
	n.tree.Refresh()
	n.tree.OpenAllBranches()
	n.v.updateNav()
}

// goToFirstMatch shows the first item the search found (Enter in the box).
func (n *navigator) goToFirstMatch() {
	for _, id := range n.order {
		if id != n.current || len(n.order) == 1 {
			n.v.showItem(id)
			n.v.pane.tabs.Select(n.v.pane.itemTab)
			return
		}
	}
}

// focusSearch puts the cursor in the search box (Ctrl+F).
func (n *navigator) focusSearch() {
	if c := n.v.deps.Window; c != nil {
		c.Canvas().Focus(n.search)
	}
}

// found reports whether the item's id, title or requirement holds every
// word searched for (an id matches from its start: "a2" finds A2 and A2.1).
func (n *navigator) found(it *domain.Item) bool {
	if len(n.words) == 0 {
		return true
	}
	id := strings.ToLower(it.ID)
	text := strings.ToLower(it.Title + " " + it.Requirement)
	for _, w := range n.words {
		if !strings.HasPrefix(id, w) && !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// showFull writes the full title of the row under the mouse under the
// tree, or hides the line.
func (n *navigator) showFull(uid string) {
	text := ""
	if id, ok := nodeItem(uid); ok {
		if it := n.v.ws.Catalog.Item(id); it != nil {
			text = it.ID + " " + it.Title
		}
	} else if len(uid) > 2 {
		if c := n.v.ws.Catalog.Category(uid[2:]); c != nil {
			text = c.ID + " " + c.Title
		}
	}
	setText(n.full, text)
	setVisible(n.full, text != "")
}

// hoverRow is a tree row that shows its full title under the tree while
// the mouse is over it, and scrolls the tree faster.
type hoverRow struct {
	widget.BaseWidget
	n       *navigator
	content fyne.CanvasObject
	uid     string
}

func newHoverRow(n *navigator, content fyne.CanvasObject) *hoverRow {
	r := &hoverRow{n: n, content: content}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the row's content.
func (r *hoverRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// MouseIn shows the row's full title.
func (r *hoverRow) MouseIn(*desktop.MouseEvent) { r.n.showFull(r.uid) }

// MouseMoved does nothing: the title shows from MouseIn.
func (r *hoverRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the full title.
func (r *hoverRow) MouseOut() { r.n.showFull("") }

// Scrolled scrolls the tree wheelFactor times as far as Fyne would.
func (r *hoverRow) Scrolled(e *fyne.ScrollEvent) {
	s := r.n.tree.scroller
	if s == nil {
		return
	}
	fast := *e
	fast.Scrolled = fyne.Delta{DX: e.Scrolled.DX, DY: e.Scrolled.DY * wheelFactor}
	s.Scrolled(&fast)
}

// CreateRenderer keeps the tree's scroller, which the rows scroll.
func (t *navTree) CreateRenderer() fyne.WidgetRenderer {
	r := t.Tree.CreateRenderer()
	for _, o := range r.Objects() {
		if s, ok := o.(fyne.Scrollable); ok {
			t.scroller = s
		}
	}
	return r
}
