package settings

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// harness is the form on the test driver; Save records the profiles.
type harness struct {
	t        *testing.T
	w        fyne.Window
	tasks    *kit.Tasks
	deps     Deps
	saved    []Profile
	variants []string
	closed   int
	saveErr  error
}

func newHarness(t *testing.T, p Profile) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, w: test.NewTempWindow(t, nil), tasks: &kit.Tasks{}}
	h.w.Resize(fyne.NewSize(1200, 780))
	h.deps = Deps{Window: h.w, Tasks: h.tasks, Profile: p, Variant: kit.ThemeSystem,
		UnitTypes: func(context.Context) ([]string, error) {
			return []string{"市局", "分县局", "派出所", "局直单位"}, nil
		},
		Save: func(_ context.Context, p Profile) error {
			h.saved = append(h.saved, p)
			return h.saveErr
		},
		OnVariant: func(v string) { h.variants = append(h.variants, v) },
		OnClosed:  func() { h.closed++ },
	}
	return h
}

// show opens the form and waits for the unit types.
func (h *harness) show(first bool) *Form {
	var f *Form
	h.tasks.Interact(func() { f = Show(h.deps, first) }) // completions wait until the form is built
	h.tasks.Wait()
	return f
}

// tap taps o as the user would, see kit.Tasks.Interact.
func (h *harness) tap(o fyne.Tappable) { h.tasks.Interact(func() { test.Tap(o) }) }

// TestTranslations: the form's strings are the shell's (assets), the keys
// window's the package's own.
func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	for k, v := range uitest.LoadJSON(t, translations, "translations/zh_Hans.json") {
		zh[k] = v
	}
	uitest.CheckTranslations(t, ".", zh)
}

func TestFirstStartAsksUnitAndOperator(t *testing.T) {
	h := newHarness(t, Profile{})
	f := h.show(true)
	t.Run("incomplete form is refused", func(t *testing.T) {
		f.unitName.SetText("某某区公安分局")
		h.tap(f.saveButton)
		h.tasks.Wait()
		if !f.hint.Visible() || h.closed != 0 || len(h.saved) != 0 {
			t.Fatal("save with missing type and operator was accepted")
		}
	})
	t.Run("complete form is stored", func(t *testing.T) {
		f.unitType.SetSelectedIndex(1)
		f.unitSuperior.SetText("某某市公安局")
		test.Type(f.operator, "李四")
		h.tap(f.saveButton)
		h.tasks.Wait()
		if h.closed != 1 {
			t.Fatal("the form is still open")
		}
		want := Profile{UnitName: "某某区公安分局", UnitType: "分县局", UnitSuperior: "某某市公安局", Operator: "李四", Roles: domain.Roles}
		if len(h.saved) != 1 || !reflect.DeepEqual(h.saved[0], want) {
			t.Fatalf("saved %+v, want %+v", h.saved, want)
		}
	})
}

func TestUnitTypesComeFromTheCatalogs(t *testing.T) {
	t.Run("the catalogs' types", func(t *testing.T) {
		h := newHarness(t, Profile{})
		h.deps.UnitTypes = func(context.Context) ([]string, error) { return []string{"派出所", "交警大队"}, nil }
		f := h.show(true)
		if got := f.unitType.Options; len(got) != 2 || got[0] != "派出所" || got[1] != "交警大队" {
			t.Fatalf("options %q, want the catalogs' types", got)
		}
	})
	t.Run("a stored type no catalog knows stays", func(t *testing.T) {
		h := newHarness(t, Profile{UnitName: "某某所", UnitType: "旧类型", Operator: "张三"})
		f := h.show(false)
		if got := f.chosenType(); got != "旧类型" {
			t.Fatalf("chosen %q, want the stored type", got)
		}
	})
	t.Run("an error is shown", func(t *testing.T) {
		h := newHarness(t, Profile{})
		h.deps.UnitTypes = func(context.Context) ([]string, error) { return nil, errors.New("disk gone") }
		h.show(true)
		if text := uitest.Text(uitest.Top(h.w)); text == "" {
			t.Fatal("no error shown")
		}
	})
}

func TestSettingsChangeOperatorAndTheme(t *testing.T) {
	h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三"})
	h.deps.Database = "/data/pingce.db"
	f := h.show(false)
	if f.theme == nil {
		t.Fatal("settings without the colour choice")
	}
	if !strings.Contains(uitest.Text(f.Content()), "/data/pingce.db") {
		t.Error("the data file is not shown")
	}
	f.operator.SetText("王五")
	f.theme.SetSelected(lang.L("Dark"))
	h.tap(f.saveButton)
	h.tasks.Wait()
	if len(h.saved) != 1 || h.saved[0].Operator != "王五" || h.saved[0].UnitType != "分县局" {
		t.Fatalf("saved %+v", h.saved)
	}
	if len(h.variants) != 1 || h.variants[0] != kit.ThemeDark {
		t.Fatalf("variants %q, want dark", h.variants)
	}
}

func TestFailedSaveKeepsTheFormOpen(t *testing.T) {
	h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三"})
	h.saveErr = errors.New("disk full")
	f := h.show(false)
	h.tap(f.saveButton)
	h.tasks.Wait()
	if h.closed != 0 || f.saveButton.Disabled() {
		t.Fatal("the form closed or stays disabled after a failed save")
	}
}

func TestRoles(t *testing.T) {
	t.Run("kept as stored", func(t *testing.T) {
		h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三", Roles: []domain.Role{domain.RoleReviewer}})
		f := h.show(false)
		h.tap(f.saveButton)
		h.tasks.Wait()
		if len(h.saved) != 1 || !reflect.DeepEqual(h.saved[0].Roles, []domain.Role{domain.RoleReviewer}) {
			t.Fatalf("saved %+v, want the reviewer role only", h.saved)
		}
	})
	t.Run("none is refused", func(t *testing.T) {
		h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三"})
		f := h.show(false)
		f.roles.SetSelected(nil)
		h.tap(f.saveButton)
		h.tasks.Wait()
		if len(h.saved) != 0 || !f.hint.Visible() {
			t.Fatal("a profile without a role was saved")
		}
	})
}
