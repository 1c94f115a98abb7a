package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// harness is the dialog on the test driver; WriteReport writes the format
// and the unit's name.
type harness struct {
	t       *testing.T
	a       fyne.App
	w       fyne.Window
	store   *storage.Store
	tasks   *kit.Tasks
	deps    Deps
	reports []string // the formats WriteReport was asked for
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, a: test.NewTempApp(t), store: storagetest.Open(t)}
	h.w = test.NewTempWindow(t, nil)
	h.w.Resize(fyne.NewSize(1200, 780))
	h.tasks = &kit.Tasks{}
	h.deps = Deps{App: h.a, Window: h.w, Tasks: h.tasks,
		WriteReport: func(_ context.Context, ws *domain.Workspace, format string, w io.Writer) error {
			h.reports = append(h.reports, format)
			_, err := io.WriteString(w, format+" "+ws.Assessment.Unit.Name)
			return err
		}}
	return h
}

// tap taps o as the user would, see kit.Tasks.Interact.
func (h *harness) tap(o fyne.Tappable) { h.tasks.Interact(func() { test.Tap(o) }) }

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	uitest.CheckTranslations(t, ".", zh)
}

func TestExportWritesFiles(t *testing.T) {
	h := newHarness(t)
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	id := uitest.Seed(t, h.store, c, domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	ws, _ := h.store.OpenAssessment(context.Background(), id)
	dir := t.TempDir()
	tests := []struct {
		name      string
		pdf, xlsx bool
		want      []string
	}{
		{"both", true, true, []string{"r.pdf", "r.xlsx"}},
		{"pdf only", true, false, []string{"r.pdf"}},
		{"xlsx only", false, true, []string{"r.xlsx"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := Show(h.deps, ws)
			e.pdf.SetChecked(tc.pdf)
			e.xlsx.SetChecked(tc.xlsx)
			e.folder.SetText(dir)
			e.name.SetText("r")
			h.tap(e.exportButton)
			h.tasks.Wait()
			if tc.name != "both" { // the files of the first run are there: replace them
				if !strings.Contains(uitest.Text(uitest.Top(h.w)), tc.want[0]) {
					t.Fatalf("no question about replacing: %q", uitest.Text(uitest.Top(h.w)))
				}
				h.tap(uitest.Button(t, uitest.Top(h.w), lang.L("Replace")))
				h.tasks.Wait()
			}
			if len(e.written) != len(tc.want) {
				t.Fatalf("written %q", e.written)
			}
			for _, f := range tc.want {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil || !strings.Contains(string(b), "某某区公安分局") {
					t.Errorf("%s: %q %v", f, b, err)
				}
			}
			if !strings.Contains(uitest.Text(uitest.Top(h.w)), dir) {
				t.Errorf("no confirmation with the folder: %q", uitest.Text(uitest.Top(h.w)))
			}
		})
	}
	t.Run("a failed export leaves no file", func(t *testing.T) {
		failDir := t.TempDir()
		deps := h.deps
		closed := false
		deps.OnClosed = func() { closed = true }
		deps.WriteReport = func(_ context.Context, _ *domain.Workspace, _ string, w io.Writer) error {
			_, _ = io.WriteString(w, "half")
			return domain.Errorf(domain.EINTERNAL, "disk full")
		}
		e := Show(deps, ws)
		e.folder.SetText(failDir)
		h.tap(e.exportButton)
		h.tasks.Wait()
		if left, _ := os.ReadDir(failDir); len(left) != 0 {
			t.Fatalf("left behind: %v", left)
		}
		if !strings.Contains(uitest.Text(uitest.Top(h.w)), "disk full") {
			t.Fatalf("error not shown: %q", uitest.Text(uitest.Top(h.w)))
		}
		if closed || e.exportButton.Disabled() {
			t.Fatal("the dialog should stay open to try again")
		}
	})
	t.Run("nothing ticked", func(t *testing.T) {
		e := Show(h.deps, ws)
		e.pdf.SetChecked(false)
		e.xlsx.SetChecked(false)
		if !e.exportButton.Disabled() {
			t.Fatal("export enabled without a format")
		}
	})
}

func TestExportAsksAboutUnprintable(t *testing.T) {
	h := newHarness(t)
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	id := uitest.Seed(t, h.store, c, domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	ws, _ := h.store.OpenAssessment(context.Background(), id)
	asked := 0
	h.deps.Unprintable = func(context.Context, *domain.Workspace) ([]Missing, error) {
		asked++
		return []Missing{{Char: '𠀀', Places: []Place{{Part: "unit"}, {Part: "item", ID: "A1.1"}}}}, nil
	}
	for _, tc := range []struct {
		name      string
		pdf, xlsx bool
		answer    string // the button pressed in the question; "" for no question
		want      []string
	}{
		{"cancel writes nothing", true, true, "Cancel", nil},
		{"export anyway writes both", true, true, "Export", []string{"r.pdf", "r.xlsx"}},
		{"an XLSX alone is not asked about", false, true, "", []string{"r.xlsx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			asked = 0
			e := Show(h.deps, ws)
			e.pdf.SetChecked(tc.pdf)
			e.xlsx.SetChecked(tc.xlsx)
			e.folder.SetText(dir)
			e.name.SetText("r")
			h.tap(e.exportButton)
			h.tasks.Wait()
			if tc.answer != "" {
				text := uitest.Text(uitest.Top(h.w))
				for _, w := range []string{"𠀀 (U+20000)", fmt.Sprintf(lang.L("item %s"), "A1.1"), lang.L("unit")} {
					if !strings.Contains(text, w) {
						t.Fatalf("the question lacks %q: %q", w, text)
					}
				}
				buttons := uitest.Top(h.w)
				h.tap(uitest.Button(t, buttons, lang.L(tc.answer)))
				h.tasks.Wait()
			} else if asked != 0 {
				t.Fatalf("asked %d times for an export without PDF", asked)
			}
			left, _ := os.ReadDir(dir)
			var got []string
			for _, f := range left {
				got = append(got, f.Name())
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("files %q, want %q", got, tc.want)
			}
		})
	}
}
