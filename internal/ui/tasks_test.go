package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/screen"
	taskboard "pingce/internal/ui/tasks"
	"pingce/internal/ui/uitest"
)

// TestTasksFromHome opens the register's board from the home screen's
// 整改台账 button, on a store with one entry, and goes back.
func TestTasksFromHome(t *testing.T) {
	st := storagetest.Open(t)
	a := storagetest.Fixture(t, st)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	if err := st.SaveProfile(ctx, domain.Profile{UnitID: a.Unit.ID, Operator: "刘建国", Roles: domain.Roles}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTasks(ctx, []domain.Task{{Source: domain.SourceManual, AssessmentID: a.ID, Problem: "台账不全",
		Measure: "补齐", Owner: "王五", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}}); err != nil {
		t.Fatal(err)
	}
	app := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 780))
	u := New(Deps{App: app, Window: w, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st, Register: st})
	u.Start()
	u.wait()
	tap(u, uitest.Button(t, u.Content(), "Rectification register"))
	u.wait()
	b, ok := u.Current().(*taskboard.Board)
	if !ok {
		t.Fatalf("current screen %T, want the board", u.Current())
	}
	if err := b.Do("select", "1"); err != nil {
		t.Fatal(err)
	}
	tap(u, uitest.Button(t, u.Content(), "Home"))
	u.wait()
	if u.Current() == screen.Screen(b) {
		t.Fatal("the board's home button did not go home")
	}

	t.Run("no register, no button", func(t *testing.T) {
		w2 := test.NewTempWindow(t, nil)
		u2 := New(Deps{App: app, Window: w2, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st})
		u2.Start()
		u2.wait()
		if btn, ok := uitest.Find(u2.Content(), func(b *widget.Button) bool { return b.Text == "Rectification register" }); ok && btn.Visible() {
			t.Error("the 整改台账 button shows without a register")
		}
	})
}
