package tasks

import (
	"fmt"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// card is a card on the board. Dragged onto another column it asks the
// board to take the step that leads there (dropOn), by the same rules as
// the buttons and keys; a tap selects it, a double tap shows its details.
type card struct {
	widget.BaseWidget
	b        *Board
	col, row int // where the list shows it now (fillCard)

	bg                   *canvas.Rectangle
	title, problem, meta *widget.Label

	drag  int64      // the entry being dragged, 0 when none
	moved fyne.Delta // how far the pointer moved since the drag began
}

func newCard(b *Board) *card {
	c := &card{b: b, col: -1, row: -1, bg: canvas.NewRectangle(cardNone)}
	c.bg.CornerRadius = 4
	newLine := func() *widget.Label {
		l := widget.NewLabel("") // not bold: unit names may hold characters the bold subset lacks
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	c.title, c.problem, c.meta = newLine(), newLine(), newLine()
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *card) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewVBox(c.title, c.problem, c.meta)))
}

// Dragged implements fyne.Draggable: the card's ghost follows the pointer
// and the column under it lights up, green where the step is allowed.
func (c *card) Dragged(e *fyne.DragEvent) {
	if c.drag == 0 {
		t := c.b.entryAt(c.col, c.row)
		if t == nil {
			return
		}
		c.drag, c.moved = t.ID, fyne.Delta{}
		c.b.dragStart(c, t)
	}
	c.moved.DX += e.Dragged.DX
	c.moved.DY += e.Dragged.DY
	c.b.dragOver(c.drag, c.dropPoint())
}

// DragEnd implements fyne.Draggable: the card lands on the column under
// its middle.
func (c *card) DragEnd() {
	if c.drag == 0 {
		return
	}
	id, at := c.drag, c.dropPoint()
	c.drag = 0
	c.b.dragDone()
	c.b.dropOn(id, c.b.columnAt(at))
}

// Tapped implements fyne.Tappable: the card is selected, as the list's
// item would select it (the card, tappable for its double tap, takes the
// tap first), and whatever had the focus (a filter) gives it up, so that
// the keys move the selection again.
func (c *card) Tapped(*fyne.PointEvent) {
	if c.b.entryAt(c.col, c.row) != nil {
		c.b.lists[c.col].Select(c.row)
		c.b.deps.Window.Canvas().Unfocus() // the board's keys go to the board
	}
}

// DoubleTapped implements fyne.DoubleTappable: the card is selected and
// its entry's details shown.
func (c *card) DoubleTapped(*fyne.PointEvent) {
	if c.b.entryAt(c.col, c.row) == nil {
		return
	}
	c.b.lists[c.col].Select(c.row)
	c.b.ShowDetail()
}

// dropPoint is where the card's middle is now, on the canvas: where it
// was plus how far the pointer moved.
func (c *card) dropPoint() fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	s := c.Size()
	return p.Add(fyne.NewPos(s.Width/2+c.moved.DX, s.Height/2+c.moved.DY))
}

// entryAt returns the entry shown at row of column col, or nil.
func (b *Board) entryAt(col, row int) *domain.Task {
	if col < 0 || col >= len(b.shown) || row < 0 || row >= len(b.shown[col]) {
		return nil
	}
	return &b.all[b.shown[col][row]]
}

// columnAt returns the column under canvas position p, or -1.
func (b *Board) columnAt(p fyne.Position) int {
	d := fyne.CurrentApp().Driver()
	for i, col := range b.columns {
		at, s := d.AbsolutePositionForObject(col), col.Size()
		if p.X >= at.X && p.X < at.X+s.Width && p.Y >= at.Y && p.Y < at.Y+s.Height {
			return i
		}
	}
	return -1
}

// dropStep is the step that takes an entry of status from to status to,
// from the register's rules (domain.TaskRules), "" when no single step
// does. The order decides nothing: the rules lead from one status to
// another by one step at most.
func dropStep(from, to domain.TaskStatus) domain.TaskAction {
	acts := make([]domain.TaskAction, 0, len(domain.TaskRules))
	for act := range domain.TaskRules {
		acts = append(acts, act)
	}
	slices.Sort(acts)
	for _, act := range acts {
		r := domain.TaskRules[act]
		if r.To == to && slices.Contains(r.From, from) {
			return act
		}
	}
	return ""
}

// dropCheck says whether entry t may be dropped on column col: the step,
// or why not.
func (b *Board) dropCheck(t *domain.Task, col int) (act domain.TaskAction, refused string) {
	to := domain.TaskStatuses[col]
	if act = dropStep(t.Status, to); act == "" {
		return "", fmt.Sprintf(lang.L("An entry cannot go from %s to %s in one step."), statusName(t.Status), statusName(to))
	}
	if err := domain.AuthorizeTask(b.user(), act, t); err != nil {
		return "", why(err)
	}
	return act, ""
}

// why is what went wrong in err in one line: its first problem, in the
// user's language, else its text.
func why(err error) string {
	if d := kit.ErrorDetails(err); len(d) > 0 {
		return d[0]
	}
	return kit.ErrorText(err)
}

// dropOn takes the step that leads entry id to column col, asking for the
// comment, reason or date it needs; a drop the rules refuse says why and
// changes nothing. A drop back on its own column, or off the columns,
// does nothing.
func (b *Board) dropOn(id int64, col int) {
	i := slices.IndexFunc(b.all, func(t domain.Task) bool { return t.ID == id })
	if i < 0 || col < 0 || col >= len(domain.TaskStatuses) || b.all[i].Status == domain.TaskStatuses[col] {
		return
	}
	t := &b.all[i]
	b.selectEntry(id)
	act, refused := b.dropCheck(t, col)
	if refused != "" {
		b.status.SetText(refused)
		kit.ShowProblems(b.deps.Window, lang.L("The card cannot go there"), refused, nil)
		return
	}
	b.takeStep(t, act)
}

// Drag feedback: a ghost of the card under the pointer, the target column
// lit green (allowed) or red (refused).
var (
	dropAllowed = color.NRGBA{0x2e, 0x9e, 0x4f, 0x40}
	dropRefused = color.NRGBA{0xd0, 0x30, 0x30, 0x40}
)

func (b *Board) dragStart(c *card, t *domain.Task) {
	title, _, _ := cardTexts(t, b.now())
	b.ghostText.SetText(title)
	b.ghostBg.FillColor = CardColour(t.Colour(b.now()))
	b.ghostBg.Refresh()
	b.ghost.Resize(c.Size())
	b.ghost.Show()
}

func (b *Board) dragOver(id int64, at fyne.Position) {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.ghostLayer)
	b.ghost.Move(at.Subtract(origin).Subtract(fyne.NewPos(b.ghost.Size().Width/2, b.ghost.Size().Height/2)))
	col := b.columnAt(at)
	i := slices.IndexFunc(b.all, func(t domain.Task) bool { return t.ID == id })
	for c, hl := range b.highlights {
		fill := color.Color(color.Transparent)
		if c == col && i >= 0 && b.all[i].Status != domain.TaskStatuses[c] {
			fill = dropAllowed
			if _, refused := b.dropCheck(&b.all[i], c); refused != "" {
				fill = dropRefused
			}
		}
		if hl.FillColor != fill {
			hl.FillColor = fill
			hl.Refresh()
		}
	}
}

func (b *Board) dragDone() {
	b.ghost.Hide()
	for _, hl := range b.highlights {
		hl.FillColor = color.Transparent
		hl.Refresh()
	}
}

// newGhost builds the layer the dragged card's ghost moves on.
func (b *Board) newGhost() fyne.CanvasObject {
	bg := canvas.NewRectangle(cardNone)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = theme.Color(theme.ColorNamePrimary), 2, 4
	b.ghostBg = bg
	b.ghostText = widget.NewLabel("")
	b.ghostText.Truncation = fyne.TextTruncateEllipsis
	b.ghost = container.NewStack(bg, container.NewVBox(b.ghostText, widget.NewLabel(""), widget.NewLabel("")))
	b.ghost.Hide()
	b.ghostLayer = container.NewWithoutLayout(b.ghost)
	return b.ghostLayer
}
