package tasks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// changer is a register that changes an entry all or nothing, as storage
// does: the files and steps apply to a copy kept only when all succeed.
type changer struct {
	*fakeRegister
	changes []domain.TaskChange
}

func (c *changer) ChangeTask(ctx context.Context, id int64, ch domain.TaskChange) (*domain.Task, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changes = append(c.changes, ch)
	for i := range c.tasks {
		if c.tasks[i].ID != id {
			continue
		}
		t := c.tasks[i]
		t.Files = slices.Clone(t.Files)
		for _, f := range ch.Files {
			if err := domain.AuthorizeTask(c.user, domain.TaskActAttach, &t); err != nil {
				return nil, err
			}
			t.Files = append(t.Files, domain.TaskFile{ID: int64(len(t.Files) + 10), Name: f.Name})
		}
		for _, m := range ch.Steps {
			if err := t.Step(c.user, m.Act, m.In, c.now); err != nil {
				return nil, err
			}
		}
		c.tasks[i] = t
		return &t, nil
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no entry %d", id)
}

func openChanger(t *testing.T, u domain.User) (*opened, *changer) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("tasks")
	w.Resize(fyne.NewSize(1400, 800))
	reg := &changer{fakeRegister: register(u)}
	op := &opened{w: w, reg: reg.fakeRegister}
	op.tasks = &kit.Tasks{OnError: func(err error) {}}
	op.tasks.Interact(func() {
		op.b = New(Deps{Window: w, Tasks: op.tasks, Register: reg, User: func() domain.User { return u },
			Now: func() time.Time { return today }})
		w.SetContent(op.b.Content())
		op.b.Activate()
		op.b.Reload()
	})
	op.tasks.Wait()
	return op, reg
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// TestApplyForClosureWithEvidence: on the board, 申请销号 asks for the
// closure evidence to add and sends the files and the step as one change —
// refused (the lead may not apply), the entry keeps its files and status;
// the unit's application moves the card with the files added.
func TestApplyForClosureWithEvidence(t *testing.T) {
	f := filepath.Join(t.TempDir(), "整改报告.pdf")
	if err := os.WriteFile(f, []byte("%PDF-1.4 report"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("the dialog applies", func(t *testing.T) {
		op, reg := openChanger(t, domain.User{Name: "王五", Unit: 1, Roles: []domain.Role{domain.RoleStaff}})
		op.do(t, "select", "1")
		op.do(t, "forward", "")
		op.tasks.Interact(func() {
			top := op.w.Canvas().Overlays().Top()
			if top == nil || findButton(top, "Add closure evidence…") == nil {
				t.Fatal("no dialog asking for the closure evidence")
			}
			test.Tap(findButton(top, "Apply"))
		})
		op.tasks.Wait()
		if len(reg.changes) != 1 || len(reg.changes[0].Steps) != 1 || reg.changes[0].Steps[0].Act != domain.TaskActRequestClosure {
			t.Fatalf("changes %+v", reg.changes)
		}
		if got := op.columns()[4]; !slices.Contains(got, 1) {
			t.Errorf("entry 1 is not in 申请销号: %v", op.columns())
		}
	})
	t.Run("refused for the lead: nothing kept", func(t *testing.T) {
		op, reg := openChanger(t, domain.User{Name: "刘建国", Unit: 9, Roles: []domain.Role{domain.RoleReviewer}})
		op.tasks.Interact(func() { op.b.applyWith(reg, 1, []string{f}) })
		op.tasks.Wait()
		got, _ := reg.Task(context.Background(), 1)
		if len(reg.changes) != 1 || len(reg.changes[0].Files) != 1 || got.Status != domain.TaskInProgress || len(got.Files) != 1 || len(reg.steps) != 0 {
			t.Errorf("after a refused application: %+v, changes %d, steps %v", got, len(reg.changes), reg.steps)
		}
		if op.b.status.Text == "" {
			t.Error("the refusal is not said")
		}
	})
	t.Run("the unit applies with a file", func(t *testing.T) {
		op, reg := openChanger(t, domain.User{Name: "王五", Unit: 1, Roles: []domain.Role{domain.RoleStaff}})
		op.tasks.Interact(func() { op.b.applyWith(reg, 1, []string{f}) })
		op.tasks.Wait()
		got, _ := reg.Task(context.Background(), 1)
		if got.Status != domain.TaskClosureRequested || len(got.Files) != 2 || got.Files[1].Name != "整改报告.pdf" {
			t.Errorf("after the application: %+v", got)
		}
		if c := op.columns()[4]; !slices.Contains(c, 1) {
			t.Errorf("the card did not move: %v", op.columns())
		}
	})
}
