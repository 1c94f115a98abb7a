package ui

import (
	"context"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	taskboard "pingce/internal/ui/tasks"
)

// TestScriptTasks: the shell's "tasks" action (PINGCE_SHOT=tasks:…) opens
// the 整改 board and does its actions once the register has loaded: the
// details of an entry show over it.
func TestScriptTasks(t *testing.T) {
	u, w, ts := registerUI(t)
	var derr error
	u.tasks.Interact(func() { derr = u.Do("tasks", "detail="+strconv.FormatInt(ts[0].ID, 10)) })
	u.wait()
	if derr != nil {
		t.Fatal(derr)
	}
	if _, ok := u.Current().(*taskboard.Board); !ok {
		t.Fatalf("current screen %T, want the board", u.Current())
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the entry's details did not show once the register loaded")
	}
}

// registerUI starts the shell on a store with one register entry, for
// the lead (every role), in a test window of 1300×780.
func registerUI(t *testing.T) (*UI, fyne.Window, []domain.Task) {
	t.Helper()
	st := storagetest.Open(t)
	a := storagetest.Fixture(t, st)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	if err := st.SaveProfile(ctx, domain.Profile{UnitID: a.Unit.ID, Operator: "刘建国", Roles: domain.Roles}); err != nil {
		t.Fatal(err)
	}
	ts, err := st.CreateTasks(ctx, []domain.Task{{Source: domain.SourceManual, AssessmentID: a.ID, Problem: "台账不全",
		Measure: "补齐", Owner: "王五", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}})
	if err != nil {
		t.Fatal(err)
	}
	app := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1300, 780))
	u := New(Deps{App: app, Window: w, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st, Register: st})
	u.Start()
	u.wait()
	return u, w, ts
}
