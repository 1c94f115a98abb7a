package newassessment

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"pingce/assets"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// harness is the dialog on the test driver with a real store, the own unit
// 某某区公安分局 and the operator 张三.
type harness struct {
	t       *testing.T
	w       fyne.Window
	store   *storage.Store
	tasks   *kit.Tasks
	n       *Dialog
	created []int64
	closed  int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	h := &harness{t: t, w: w, store: storagetest.Open(t)}
	h.tasks = &kit.Tasks{Context: func() context.Context {
		return domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	}}
	return h
}

// show opens the dialog and waits for its lists.
func (h *harness) show() *Dialog {
	h.t.Helper()
	if units, _ := h.store.ListUnits(context.Background()); len(units) == 0 {
		own := &domain.Unit{Name: "某某区公安分局", Type: "分县局", Superior: "某某市公安局"}
		if err := h.store.CreateUnit(h.tasks.Context(), own); err != nil {
			h.t.Fatal(err)
		}
	}
	h.n = Show(Deps{
		Window: h.w, Units: h.store, Catalogs: h.store, Assessments: h.store, Tasks: h.tasks,
		Builtins: catalog.Builtins, LoadCatalog: catalog.LoadFile,
		OwnUnit:   "某某区公安分局",
		OnCreated: func(id int64) { h.created = append(h.created, id) },
		OnClosed:  func() { h.closed++ },
	})
	h.tasks.Wait()
	return h.n
}

// tap taps o as the user would, see kit.Tasks.Interact.
func (h *harness) tap(o fyne.Tappable) { h.tasks.Interact(func() { test.Tap(o) }) }

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	uitest.CheckTranslations(t, ".", zh)
}

func TestNewAssessmentFromBuiltin(t *testing.T) {
	h := newHarness(t)
	n := h.show()
	if n.unit.Selected != "某某区公安分局" {
		t.Errorf("unit = %q, want the own unit", n.unit.Selected)
	}
	if n.round.Text != CurrentQuarter(timeNow()) {
		t.Errorf("round = %q", n.round.Text)
	}
	if !strings.Contains(n.catalog.Selected, "2026") || n.choice() == nil || n.choice().Catalog == nil {
		t.Fatalf("catalog = %q, want the built-in one", n.catalog.Selected)
	}
	n.round.SetText("2026-Q3")
	if n.createButton.Disabled() {
		t.Fatalf("create disabled: %s", n.hint.Text)
	}
	h.tap(n.createButton)
	h.tasks.Wait()
	if h.closed != 1 {
		t.Fatal("dialog still open")
	}
	cats, _ := h.store.ListCatalogs(context.Background())
	if len(cats) != 1 || cats[0].ID != "demo-city-ref" {
		t.Fatalf("catalogs = %+v, want the built-in imported", cats)
	}
	list, _ := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{})
	if len(list) != 1 || list[0].Round != "2026-Q3" || list[0].Unit.Name != "某某区公安分局" || list[0].CreatedBy != "张三" {
		t.Fatalf("assessments = %+v", list)
	}
	if len(h.created) != 1 || h.created[0] != list[0].ID {
		t.Fatalf("told of %v, want the new assessment %d to open", h.created, list[0].ID)
	}

	t.Run("the same round again is refused in words", func(t *testing.T) {
		n := h.show()
		n.round.SetText("2026-Q3")
		h.tap(n.createButton)
		h.tasks.Wait()
		if h.closed != 1 || !n.hint.Visible() || !strings.Contains(n.hint.Text, "2026-Q3") {
			t.Fatalf("hint %q", n.hint.Text)
		}
	})
}

func TestImportBadCatalogShowsProblems(t *testing.T) {
	h := newHarness(t)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	yaml := "format: pingce/catalog@1\nid: Bad Id\nversion: \"1\"\ntitle: 坏文件\ntotal: 10\ncategories:\n  - id: A\n    title: 甲\n    items:\n      - {id: A1, title: 乙, max: 5, method: check}\n"
	if err := os.WriteFile(bad, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	n := h.show()
	n.ImportFile(bad)
	h.tasks.Wait()
	text := uitest.Text(uitest.Top(h.w))
	if !strings.Contains(text, "bad.yaml") || !strings.Contains(text, lang.L("line {{.Line}}", map[string]any{"Line": 2})) {
		t.Fatalf("problems not shown: %q", text)
	}
	if cats, _ := h.store.ListCatalogs(context.Background()); len(cats) != 0 {
		t.Fatalf("bad catalog stored: %+v", cats)
	}

	t.Run("good file is imported and selected", func(t *testing.T) {
		good := filepath.Join(t.TempDir(), "good.yaml")
		c, _ := catalog.Builtin("demo-city-ref")
		data, err := catalog.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.Replace(data, []byte("version: "), []byte("version: 9"), 1)
		data = bytes.Replace(data, []byte("id: demo-city-ref"), []byte("id: my-catalog"), 1)
		if err := os.WriteFile(good, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n.ImportFile(good)
		h.tasks.Wait()
		ch := n.choice()
		if ch == nil || ch.ref() == "" || !strings.HasPrefix(ch.ref(), "my-catalog@") {
			t.Fatalf("selected %+v", ch)
		}
	})
}

func TestCurrentQuarter(t *testing.T) {
	for _, tc := range []struct {
		month int
		want  string
	}{{1, "2026-Q1"}, {3, "2026-Q1"}, {4, "2026-Q2"}, {9, "2026-Q3"}, {10, "2026-Q4"}, {12, "2026-Q4"}} {
		if got := CurrentQuarter(dateOf(2026, tc.month)); got != tc.want {
			t.Errorf("month %d: %s, want %s", tc.month, got, tc.want)
		}
	}
}

func timeNow() time.Time { return time.Now() }

func dateOf(y, m int) time.Time { return time.Date(y, time.Month(m), 15, 0, 0, 0, 0, time.UTC) }
