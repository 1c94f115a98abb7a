package tasks

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
)

// findCard returns the card on screen that shows entry id.
func (op *opened) findCard(id int64) *card {
	var found *card
	walkObjects(op.w.Content(), func(o fyne.CanvasObject) bool {
		if x, ok := o.(*card); ok {
			if t := op.b.entryAt(x.col, x.row); t != nil && t.ID == id {
				found = x
			}
		}
		return found == nil && o.Visible()
	})
	return found
}

// drag drags entry id's card onto the middle of column col, as the
// pointer would.
func (op *opened) drag(t *testing.T, id int64, col int) {
	t.Helper()
	op.tasks.Interact(func() {
		c := op.findCard(id)
		if c == nil {
			t.Fatalf("no card shows entry %d", id)
		}
		d := fyne.CurrentApp().Driver()
		from := d.AbsolutePositionForObject(c).Add(fyne.NewPos(20, 10))
		area := op.b.columns[col]
		to := d.AbsolutePositionForObject(area).Add(fyne.NewPos(area.Size().Width/2, area.Size().Height/2))
		// The card's middle lands where the pointer moves it by.
		mid := d.AbsolutePositionForObject(c).Add(fyne.NewPos(c.Size().Width/2, c.Size().Height/2))
		test.Drag(op.w.Canvas(), from, to.X-mid.X, to.Y-mid.Y)
	})
	op.tasks.Wait()
}

func (op *opened) columnOf(id int64) int {
	for c, ids := range op.columns() {
		if slices.Contains(ids, id) {
			return c
		}
	}
	return -1
}

func TestBoardDragsCardsByTheRules(t *testing.T) {
	staff := domain.User{Name: "王五", Unit: 2, Roles: []domain.Role{domain.RoleStaff}}
	lead := domain.User{Name: "刘建国", Unit: 9, Roles: []domain.Role{domain.RoleReviewer}}
	col := func(st domain.TaskStatus) int { return slices.Index(domain.TaskStatuses, st) }
	for _, c := range []struct {
		name    string
		user    domain.User
		id      int64
		to      domain.TaskStatus
		comment string // typed into the form the step asks for
		steps   []string
		refused string // part of the message of a refused drop
	}{
		{name: "the unit starts its entry", user: staff, id: 3, to: domain.TaskInProgress, steps: []string{"3:task_start"}},
		{name: "the unit may not close", user: staff, id: 5, to: domain.TaskClosed, refused: "may not"},
		{name: "no single step leads there", user: staff, id: 3, to: domain.TaskExtended, refused: "in one step"},
		{name: "closure needs evidence", user: staff, id: 3, to: domain.TaskClosureRequested, refused: "evidence"},
		{name: "the lead may not start the unit's work", user: lead, id: 3, to: domain.TaskInProgress, refused: "may not"},
		{name: "the lead closes with a comment", user: lead, id: 2, to: domain.TaskClosed, comment: "经核查已整改", steps: []string{"2:task_close"}},
		{name: "the lead sends a request back", user: lead, id: 2, to: domain.TaskInProgress, comment: "佐证不足", steps: []string{"2:task_reject"}},
		{name: "a drop on its own column does nothing", user: lead, id: 2, to: domain.TaskClosureRequested},
	} {
		t.Run(c.name, func(t *testing.T) {
			op := open(t, c.user)
			before := op.columnOf(c.id)
			op.drag(t, c.id, col(c.to))
			if c.comment != "" {
				op.tasks.Interact(func() {
					entry := findEntry(op.w.Canvas().Overlays().Top())
					if entry == nil {
						t.Fatal("no comment form")
					}
					test.Type(entry, c.comment)
					confirmForm(t, op.w.Canvas().Overlays().Top())
				})
				op.tasks.Wait()
			}
			if !slices.Equal(op.reg.steps, c.steps) {
				t.Fatalf("steps %v, want %v", op.reg.steps, c.steps)
			}
			want := before
			if len(c.steps) > 0 {
				want = col(c.to)
			}
			if got := op.columnOf(c.id); got != want {
				t.Errorf("entry %d in column %d, want %d", c.id, got, want)
			}
			if c.refused != "" {
				if !strings.Contains(op.b.status.Text, c.refused) {
					t.Errorf("status line %q does not say why (%q)", op.b.status.Text, c.refused)
				}
				if op.w.Canvas().Overlays().Top() == nil {
					t.Error("a refused drop shows no message")
				}
			}
			if op.b.ghost.Visible() {
				t.Error("the ghost stays after the drop")
			}
			for i, hl := range op.b.highlights {
				if _, _, _, a := hl.FillColor.RGBA(); a != 0 {
					t.Errorf("column %d stays lit after the drop", i)
				}
			}
		})
	}
}

func TestDropStepFollowsTheRules(t *testing.T) {
	for _, c := range []struct {
		from, to domain.TaskStatus
		want     domain.TaskAction
	}{
		{domain.TaskOpen, domain.TaskInProgress, domain.TaskActStart},
		{domain.TaskInProgress, domain.TaskClosureRequested, domain.TaskActRequestClosure},
		{domain.TaskClosureRequested, domain.TaskInProgress, domain.TaskActReject},
		{domain.TaskExtensionRequested, domain.TaskInProgress, domain.TaskActRefuseExtend},
		{domain.TaskExtensionRequested, domain.TaskExtended, domain.TaskActGrantExtend},
		{domain.TaskExtended, domain.TaskExtensionRequested, domain.TaskActRequestExtend},
		{domain.TaskOpen, domain.TaskClosureRequested, domain.TaskActRequestClosure},
		{domain.TaskClosed, domain.TaskOpen, ""},
		{domain.TaskOpen, domain.TaskExtended, ""},
	} {
		t.Run(string(c.from)+"→"+string(c.to), func(t *testing.T) {
			if got := dropStep(c.from, c.to); got != c.want {
				t.Errorf("%s", got)
			}
		})
	}
}
