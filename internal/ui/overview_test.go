package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/catalog"
	"pingce/internal/demo"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/overview"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/uitest"
	"pingce/internal/ui/walk"
)

// bureauShell is a shell on a store filled with the bureau demo (33 units
// over three rounds), with the real walk-through, for a user with roles.
func bureauShell(t *testing.T, st *storage.Store, roles ...domain.Role) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	p, err := st.Profile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.Roles = roles
	if err := st.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	var u *UI
	u = New(Deps{App: a, Window: w, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st,
		Round: st, RoundDates: st, RoundSettings: st, Builtins: catalog.Builtins,
		Walk: func(ws *domain.Workspace, onBack func(), onExport func(*domain.Workspace)) screen.Screen {
			return walk.New(walk.Deps{App: a, Window: w, Assessments: st, Answers: st, Evidence: st, User: u.User(),
				OnBack: onBack, OnExport: onExport}, ws)
		}})
	u.Start()
	u.wait()
	return u
}

// bureauStore fills a store with demo.Bureau once per test binary.
func bureauStore(t *testing.T) *storage.Store {
	t.Helper()
	st := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	if _, err := demo.Fill(ctx, demo.Stores{Units: st, Catalogs: st, Assessments: st, Answers: st, Reviews: st,
		Evidence: st, Rounds: st, Profile: st}, demo.Bureau(1)); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestOverviewFromHome(t *testing.T) {
	st := bureauStore(t)
	t.Run("staff see no overview", func(t *testing.T) {
		u := bureauShell(t, st, domain.RoleStaff)
		if b, ok := uitest.Find(u.Content(), func(b *widget.Button) bool { return b.Text == "Bureau overview" }); ok && b.Visible() {
			t.Error("the overview button shows for a staff user")
		}
	})
	u := bureauShell(t, st, domain.RoleReviewer)
	if b := uitest.Button(t, u.Content(), "Bureau overview"); !b.Visible() {
		t.Fatal("no overview button for a reviewer")
	}
	tap(u, uitest.Button(t, u.Content(), "Bureau overview"))
	u.wait()
	o, ok := u.Current().(*overview.Overview)
	if !ok {
		t.Fatalf("current screen %T, want the overview", u.Current())
	}
	d := o.Data()
	if d == nil || d.Round != "2026-Q3" {
		t.Fatalf("overview of %+v, want the newest round 2026-Q3", d)
	}
	t.Run("groups in the catalog's unit_types order", func(t *testing.T) {
		var names []string
		for _, g := range o.Groups() {
			names = append(names, g.Name)
		}
		var want []string
		for _, ut := range d.Catalog.UnitTypes {
			if slices.Contains(names, ut) {
				want = append(want, ut)
			}
		}
		if len(names) < 3 || !slices.Equal(names[:len(want)], want) {
			t.Errorf("groups %q, want %q first", names, want)
		}
	})
	t.Run("a matrix cell opens the unit's assessment at the item, back returns", func(t *testing.T) {
		if err := do(u, o, "matrix-items", "true"); err != nil {
			t.Fatal(err)
		}
		if err := do(u, o, "cell", "0,4"); err != nil { // the first unit, the third item
			t.Fatal(err)
		}
		u.wait()
		v, ok := u.Current().(*walk.View)
		if !ok {
			t.Fatalf("current screen %T, want the walk-through", u.Current())
		}
		if want := d.Catalog.Items()[2].ID; v.CurrentItem() != want {
			t.Errorf("walk-through at %q, want %q", v.CurrentItem(), want)
		}
		first := o.Groups()[0].Rows[0].Unit.Name
		if title := u.deps.Window.Title(); !strings.Contains(title, first) {
			t.Errorf("window title %q, want the unit %s", title, first)
		}
		tap(u, uitest.Button(t, u.Content(), "Home"))
		u.wait()
		if u.Current() != screen.Screen(o) {
			t.Errorf("back from the walk-through shows %T, want the overview", u.Current())
		}
	})
	t.Run("the trend has the three rounds", func(t *testing.T) {
		unit := o.Groups()[0].Rows[0].Unit.Name
		if err := do(u, o, "unit", unit); err != nil {
			t.Fatal(err)
		}
		u.wait()
		text := uitest.Text(o.Content())
		for _, r := range []string{"2026-Q1", "2026-Q2", "2026-Q3"} {
			if !strings.Contains(text, r) {
				t.Errorf("trend tab lacks round %s", r)
			}
		}
	})
}

// tap taps a widget as on the UI goroutine: completions of background work
// wait (the test driver runs them on their own goroutines).
func tap(u *UI, o fyne.Tappable) { u.tasks.Interact(func() { test.Tap(o) }) }

// do performs an overview action as on the UI goroutine.
func do(u *UI, o *overview.Overview, action, arg string) (err error) {
	u.tasks.Interact(func() { err = o.Do(action, arg) })
	return err
}
