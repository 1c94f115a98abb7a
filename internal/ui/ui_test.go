package ui

import (
	"context"
	"io"
	"io/fs"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/assets"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/newassessment"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/settings"
	"pingce/internal/ui/uitest"
)

// harness is a shell on the test driver with a fake store.
type harness struct {
	t     *testing.T
	u     *UI
	w     fyne.Window
	store *storage.Store
	// reports records the formats WriteReport was asked for.
	reports []string
}

// newHarness builds a shell; with profile set the first-start questions
// are skipped.
func newHarness(t *testing.T, profile bool) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	h := &harness{t: t, w: w, store: storagetest.Open(t)}
	if profile {
		storeProfile(t, h.store, domain.Unit{Name: "某某区公安分局", Type: "分县局", Superior: "某某市公安局"}, "张三")
	}
	h.u = New(Deps{
		App: a, Window: w,
		Units: h.store, Catalogs: h.store, Assessments: h.store, Evidence: h.store, Profiles: h.store,
		Builtins:    catalog.Builtins,
		LoadCatalog: catalog.LoadFile,
		WriteReport: func(_ context.Context, ws *domain.Workspace, format string, w io.Writer) error {
			h.reports = append(h.reports, format)
			_, err := io.WriteString(w, format+" "+ws.Assessment.Unit.Name)
			return err
		},
	})
	h.u.Start()
	h.u.wait()
	return h
}

// storeProfile stores unit and a profile naming it with operator, who may
// do everything.
func storeProfile(t *testing.T, st *storage.Store, unit domain.Unit, operator string) {
	t.Helper()
	ctx := domain.WithUser(context.Background(), domain.User{Name: operator, Roles: domain.Roles})
	if err := st.CreateUnit(ctx, &unit); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveProfile(ctx, domain.Profile{UnitID: unit.ID, Operator: operator, Roles: domain.Roles}); err != nil {
		t.Fatal(err)
	}
}

// seed stores the built-in catalog and an assessment with some answers.
func (h *harness) seed(unit domain.Unit, round string, status domain.AssessmentStatus, answers int) int64 {
	h.t.Helper()
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		h.t.Fatal(err)
	}
	return uitest.Seed(h.t, h.store, c, unit, round, status, answers)
}

// interact runs f as the UI goroutine would: background completions wait
// until it is done (the test driver runs them on their own goroutines).
func (h *harness) interact(f func()) { h.u.tasks.Interact(f) }

// tap taps o as the user would, see interact.
func (h *harness) tap(o fyne.Tappable) { h.interact(func() { test.Tap(o) }) }

// reload reloads the home list and waits for it.
func (h *harness) reload() {
	h.u.home.Reload()
	h.u.wait()
}

// findButton returns the button with the given text in the top overlay
// (a dialog) or the window content.
func (h *harness) findButton(text string) *widget.Button {
	h.t.Helper()
	return uitest.Button(h.t, uitest.Top(h.w), text)
}

// fillProfile fills the first-start or settings form as a user would.
func (h *harness) fillProfile(unit, unitType, superior, operator string) {
	h.t.Helper()
	top := uitest.Top(h.w)
	uitest.Entry(h.t, top, lang.L("for example 某某区公安分局")).SetText(unit)
	if unitType != "" {
		sel, ok := uitest.Find(top, func(s *widget.Select) bool { return s.PlaceHolder == lang.L("(choose one)") })
		if !ok {
			h.t.Fatal("no unit type select")
		}
		sel.SetSelected(unitType)
	}
	uitest.Entry(h.t, top, lang.L("for example 某某市公安局")).SetText(superior)
	uitest.Entry(h.t, top, lang.L("your name, recorded with every change")).SetText(operator)
}

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	en := uitest.LoadJSON(t, assets.Translations(), "en.json")
	t.Run("zh_Hans", func(t *testing.T) { uitest.CheckTranslations(t, ".", zh) })
	t.Run("en", func(t *testing.T) { uitest.CheckTranslations(t, ".", en) })
	t.Run("app", func(t *testing.T) { uitest.CheckTranslations(t, "../../app", zh) })
}

func TestFirstStartStoresUnitAndOperator(t *testing.T) {
	h := newHarness(t, false)
	if _, ok := h.u.dialog.(*settings.Form); !ok {
		t.Fatal("first start did not ask for the unit and operator")
	}
	t.Run("incomplete form is refused", func(t *testing.T) {
		h.fillProfile("某某区公安分局", "", "", "")
		h.tap(h.findButton(lang.L("Save")))
		h.u.wait()
		if h.u.dialog == nil {
			t.Fatal("save with missing type and operator was accepted")
		}
	})
	t.Run("complete form is stored", func(t *testing.T) {
		h.fillProfile("某某区公安分局", "分县局", "某某市公安局", "李四")
		h.tap(h.findButton(lang.L("Save")))
		h.u.wait()
		if h.u.dialog != nil {
			t.Fatal("the form is still open")
		}
		units, _ := h.store.ListUnits(context.Background())
		if len(units) != 1 || units[0].Name != "某某区公安分局" || units[0].Type != "分县局" || units[0].Superior != "某某市公安局" {
			t.Fatalf("units = %+v", units)
		}
		p, err := h.store.Profile(context.Background())
		if err != nil || p.UnitID != units[0].ID || p.Operator != "李四" || !slices.Equal(p.Roles, domain.Roles) {
			t.Fatalf("profile = %+v, %v; want unit %d, operator 李四, every role", p, err, units[0].ID)
		}
		if got := h.u.Operator(); got != "李四" {
			t.Fatalf("operator = %q", got)
		}
	})
	t.Run("next start does not ask", func(t *testing.T) {
		u2 := New(Deps{App: h.u.deps.App, Window: h.w, Units: h.store, Catalogs: h.store, Assessments: h.store, Profiles: h.store})
		u2.Start()
		u2.wait()
		if u2.dialog != nil {
			t.Fatal("asked again")
		}
	})
}

func TestSettingsChangeUnitAndTheme(t *testing.T) {
	h := newHarness(t, true)
	h.tap(h.findButton(lang.L("Settings")))
	h.u.wait()
	theme, ok := uitest.Find(uitest.Top(h.w), func(*widget.RadioGroup) bool { return true })
	if _, form := h.u.dialog.(*settings.Form); !form || !ok {
		t.Fatal("settings did not open with the colour choice")
	}
	uitest.Entry(t, uitest.Top(h.w), lang.L("your name, recorded with every change")).SetText("王五")
	theme.SetSelected(lang.L("Dark"))
	h.tap(h.findButton(lang.L("Save")))
	h.u.wait()
	if p, err := h.store.Profile(context.Background()); err != nil || p.Operator != "王五" {
		t.Fatalf("stored operator = %q, %v", p.Operator, err)
	}
	if got := h.u.Operator(); got != "王五" {
		t.Fatalf("operator = %q", got)
	}
	if got := h.u.ThemeVariant(); got != kit.ThemeDark {
		t.Fatalf("variant = %q", got)
	}
	if _, ok := h.u.deps.App.Settings().Theme().(*kit.Theme); !ok {
		t.Fatal("theme not applied")
	}
}

// TestDatabaseWithoutProfileAsks opens a database that has units but no
// profile (another installation's file, or one made before the profile
// moved into the database): the shell asks, pre-filled from what an earlier
// release kept in the preferences, and creates no unit before the user
// saves.
func TestDatabaseWithoutProfileAsks(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	st := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "管理员", Roles: domain.Roles})
	if err := st.CreateUnit(ctx, &domain.Unit{Name: "某某派出所", Type: "派出所"}); err != nil {
		t.Fatal(err)
	}
	a.Preferences().SetString(legacyUnitName, "某某区公安分局")
	a.Preferences().SetString(legacyUnitType, "分县局")
	a.Preferences().SetString(legacyOperator, "张三")
	u := New(Deps{App: a, Window: w, Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st,
		Builtins: catalog.Builtins})
	u.Start()
	u.wait()
	if _, ok := u.dialog.(*settings.Form); !ok {
		t.Fatal("a database without a profile did not ask")
	}
	if got := uitest.Entry(t, uitest.Top(w), lang.L("for example 某某区公安分局")).Text; got != "某某区公安分局" {
		t.Errorf("unit name %q, want the earlier release's", got)
	}
	units, _ := st.ListUnits(ctx)
	if len(units) != 1 {
		t.Fatalf("units = %+v: a unit was created without asking", units)
	}
	if _, err := st.Profile(ctx); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("profile stored without asking: %v", err)
	}
}

func TestNewAssessmentOpens(t *testing.T) {
	h := newHarness(t, true)
	h.tap(h.findButton(lang.L("New assessment")))
	h.u.wait()
	h.w.Canvas().Focused().(*widget.SelectEntry).SetText("2026-Q3")
	h.tap(h.findButton(lang.L("Create")))
	h.u.wait()
	if h.u.dialog != nil {
		t.Fatal("dialog still open")
	}
	if h.u.onHome() {
		t.Fatal("the new assessment was not opened")
	}
	h.u.ShowHome()
	h.u.wait()
	if got := len(h.u.home.Shown()); got != 1 {
		t.Fatalf("home shows %d assessments", got)
	}
}

func TestCtrlNThenEnterCreates(t *testing.T) {
	h := newHarness(t, true)
	h.u.onNewShortcut()
	h.u.wait()
	if _, ok := h.u.dialog.(*newassessment.Dialog); !ok {
		t.Fatal("Ctrl+N did not open the dialog")
	}
	round, ok := h.w.Canvas().Focused().(*widget.SelectEntry)
	if !ok || round.Text != newassessment.CurrentQuarter(time.Now()) {
		t.Fatal("the round does not have the focus")
	}
	h.interact(func() { round.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	h.u.wait()
	if list, _ := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{}); len(list) != 1 {
		t.Fatalf("Enter created %d assessments", len(list))
	}
}

// busyView is a walk-through that reports pending saves until told.
type busyView struct {
	*summaryView
	mu     sync.Mutex
	busy   bool
	closed bool
}

func (b *busyView) Close() { b.mu.Lock(); b.closed = true; b.mu.Unlock() }

func (b *busyView) Busy() bool { b.mu.Lock(); defer b.mu.Unlock(); return b.busy }

// closeSpy is a window that reports Close instead of closing.
type closeSpy struct {
	fyne.Window
	closed chan struct{}
}

func (c closeSpy) Close() { close(c.closed) }

func TestCloseWaitsForPendingSaves(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 1)
	var v *busyView
	h.u.deps.Walk = func(ws *domain.Workspace, _ func(), _ func(*domain.Workspace)) screen.Screen {
		v = &busyView{summaryView: newSummaryView(h.u, ws), busy: true}
		return v
	}
	h.u.OpenAssessment(id, nil)
	h.u.wait()
	closed := make(chan struct{})
	h.u.deps.Window = closeSpy{Window: h.w, closed: closed}
	h.u.onWindowClose()
	select {
	case <-closed:
		t.Fatal("closed while saves were pending")
	case <-time.After(150 * time.Millisecond):
	}
	v.mu.Lock()
	if !v.closed {
		t.Error("the view was not told to save")
	}
	v.busy = false
	v.mu.Unlock()
	select {
	case <-closed:
	case <-time.After(3 * time.Second):
		t.Fatal("window not closed after the saves finished")
	}
}

func TestChineseUI(t *testing.T) {
	t.Setenv("LANGUAGE", "zh_CN:zh")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LANG", "zh_CN.UTF-8")
	names, _ := fs.Glob(assets.Translations(), "*.json")
	for _, n := range names {
		b, _ := fs.ReadFile(assets.Translations(), n)
		if err := lang.AddTranslations(&fyne.StaticResource{StaticName: n, StaticContent: b}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, false)
	home, form := h.w.Content(), h.w.Canvas().Overlays().Top()
	for _, tc := range []struct {
		name string
		in   fyne.CanvasObject
		find func(fyne.CanvasObject) bool
	}{
		{"new button", home, func(o fyne.CanvasObject) bool { b, ok := o.(*widget.Button); return ok && b.Text == "新建评测" }},
		{"status filter", home, func(o fyne.CanvasObject) bool {
			s, ok := o.(*widget.Select)
			return ok && s.PlaceHolder == "全部状态"
		}},
		{"unit type placeholder", form, func(o fyne.CanvasObject) bool {
			s, ok := o.(*widget.Select)
			return ok && s.PlaceHolder == "（请选择）"
		}},
		{"save", form, func(o fyne.CanvasObject) bool { b, ok := o.(*widget.Button); return ok && b.Text == "保存" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := uitest.Find(tc.in, tc.find); !ok {
				t.Fatalf("not shown in Chinese: %q", uitest.Text(tc.in))
			}
		})
	}
}

func TestOperatorOverride(t *testing.T) {
	h := newHarness(t, true)
	h.u.deps.Operator = "赵六"
	h.u.ShowNew()
	h.u.wait()
	h.w.Canvas().Focused().(*widget.SelectEntry).SetText("2026-Q1")
	h.tap(h.findButton(lang.L("Create")))
	h.u.wait()
	list, err := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	if list[0].CreatedBy != "赵六" {
		t.Fatalf("created by %q, want the --user operator", list[0].CreatedBy)
	}
}
