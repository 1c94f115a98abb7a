package ui

import (
	"bytes"
	"context"
	"image/color"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/assets"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
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
		Profile{UnitName: "某某区公安分局", UnitType: "分县局", UnitSuperior: "某某市公安局", Operator: "张三"}.Save(a.Preferences())
	}
	h.u = New(Deps{
		App: a, Window: w,
		Units: h.store, Catalogs: h.store, Assessments: h.store, Evidence: h.store,
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

// seed stores the built-in catalog and an assessment with some answers.
func (h *harness) seed(unit domain.Unit, round string, status domain.AssessmentStatus, answers int) int64 {
	h.t.Helper()
	ctx := domain.WithActor(context.Background(), "seed")
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		h.t.Fatal(err)
	}
	if _, _, err := h.store.ImportCatalog(ctx, c); err != nil {
		h.t.Fatal(err)
	}
	units, _ := h.store.ListUnits(ctx)
	for _, x := range units {
		if x.Name == unit.Name {
			unit = x
		}
	}
	if unit.ID == 0 {
		if err := h.store.CreateUnit(ctx, &unit); err != nil {
			h.t.Fatal(err)
		}
	}
	a := &domain.Assessment{Unit: unit, Round: round, CatalogID: c.ID, CatalogVersion: c.Version}
	if err := h.store.CreateAssessment(ctx, a); err != nil {
		h.t.Fatal(err)
	}
	n := 0
	for _, it := range c.Items() {
		if n == answers {
			break
		}
		if it.Method == domain.MethodCheck && !it.IsComposite() {
			if _, err := h.store.SaveAnswer(ctx, a.ID, it.ID, domain.Answer{Met: domain.Bool(true), Note: "见台账"}); err != nil {
				h.t.Fatal(err)
			}
			n++
		}
	}
	if status == domain.Draft {
		return a.ID
	}
	// Submitting needs every applicable item answered: the rest becomes N/A.
	ws, err := h.store.OpenAssessment(ctx, a.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, it := range c.Items() {
		if _, done := ws.Answers.Answers[it.ID]; !done && it.AppliesToType(unit.Type) && !it.Bonus {
			if _, err := h.store.SaveAnswer(ctx, a.ID, it.ID, domain.Answer{NA: true, Reason: "无此项"}); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	if err := h.store.Submit(ctx, a.ID); err != nil {
		h.t.Fatalf("submit: %v %v", err, domain.ErrorProblems(err))
	}
	if status == domain.Approved {
		if err := h.store.Approve(ctx, a.ID); err != nil {
			h.t.Fatal(err)
		}
	}
	return a.ID
}

// interact runs f as the UI goroutine would: background completions wait
// until it is done (the test driver runs them on their own goroutines).
func (h *harness) interact(f func()) {
	h.u.doneMu.Lock()
	defer h.u.doneMu.Unlock()
	f()
}

// tap taps o as the user would, see interact.
func (h *harness) tap(o fyne.Tappable) { h.interact(func() { test.Tap(o) }) }

// reload reloads the home list and waits for it.
func (h *harness) reload() {
	h.u.Home.Reload()
	h.u.wait()
}

// findButton returns the button with the given text in the top overlay
// (a dialog) or the window content.
func (h *harness) findButton(text string) *widget.Button {
	h.t.Helper()
	var root fyne.CanvasObject = h.w.Content()
	if top := h.w.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	h.t.Fatalf("no button %q", text)
	return nil
}

// overlayText returns the text of every label in the top overlay.
func (h *harness) overlayText() string {
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
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
	f := h.u.Profile
	if f == nil {
		t.Fatal("first start did not ask for the unit and operator")
	}
	t.Run("incomplete form is refused", func(t *testing.T) {
		f.UnitName.SetText("某某区公安分局")
		h.tap(f.SaveButton)
		h.u.wait()
		if !f.Hint.Visible() || h.u.Profile == nil {
			t.Fatal("save with missing type and operator was accepted")
		}
	})
	t.Run("complete form is stored", func(t *testing.T) {
		f.UnitType.SetSelected("分县局")
		f.UnitSuperior.SetText("某某市公安局")
		test.Type(f.Operator, "李四")
		h.tap(f.SaveButton)
		h.u.wait()
		if h.u.Profile != nil {
			t.Fatal("the form is still open")
		}
		p := LoadProfile(h.u.prefs)
		want := Profile{UnitName: "某某区公安分局", UnitType: "分县局", UnitSuperior: "某某市公安局", Operator: "李四"}
		if p != want {
			t.Fatalf("profile = %+v, want %+v", p, want)
		}
		units, _ := h.store.ListUnits(context.Background())
		if len(units) != 1 || units[0].Name != want.UnitName || units[0].Type != "分县局" || units[0].Superior != "某某市公安局" {
			t.Fatalf("units = %+v", units)
		}
	})
	t.Run("next start does not ask", func(t *testing.T) {
		u2 := New(Deps{App: h.u.deps.App, Window: h.w, Units: h.store, Catalogs: h.store, Assessments: h.store})
		u2.Start()
		u2.wait()
		if u2.Profile != nil {
			t.Fatal("asked again")
		}
	})
}

func TestSettingsChangeUnitAndTheme(t *testing.T) {
	h := newHarness(t, true)
	h.tap(h.u.Home.SettingsButton)
	f := h.u.Profile
	if f == nil || f.Theme == nil {
		t.Fatal("settings did not open with the colour choice")
	}
	f.Operator.SetText("王五")
	f.Theme.SetSelected(lang.L("Dark"))
	h.tap(f.SaveButton)
	h.u.wait()
	if got := h.u.prefs.String(PrefOperator); got != "王五" {
		t.Fatalf("operator = %q", got)
	}
	if got := h.u.ThemeVariant(); got != ThemeDark {
		t.Fatalf("variant = %q", got)
	}
	if _, ok := h.u.deps.App.Settings().Theme().(*Theme); !ok {
		t.Fatal("theme not applied")
	}
}

func TestNewAssessmentFromBuiltin(t *testing.T) {
	h := newHarness(t, true)
	h.tap(h.u.Home.NewButton)
	h.u.wait()
	n := h.u.New
	if n == nil {
		t.Fatal("no dialog")
	}
	if n.Unit.Selected != "某某区公安分局" {
		t.Errorf("unit = %q, want the own unit", n.Unit.Selected)
	}
	if n.Round.Text != CurrentQuarter(timeNow()) {
		t.Errorf("round = %q", n.Round.Text)
	}
	if !strings.Contains(n.Catalog.Selected, "2026") || n.choice() == nil || n.choice().Catalog == nil {
		t.Fatalf("catalog = %q, want the built-in one", n.Catalog.Selected)
	}
	n.Round.SetText("2026-Q3")
	if n.CreateButton.Disabled() {
		t.Fatalf("create disabled: %s", n.Hint.Text)
	}
	h.tap(n.CreateButton)
	h.u.wait()
	if h.u.New != nil {
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
	if h.u.walk == nil {
		t.Fatal("the new assessment was not opened")
	}
	h.u.ShowHome()
	h.u.wait()
	if got := len(h.u.Home.Shown()); got != 1 {
		t.Fatalf("home shows %d assessments", got)
	}

	t.Run("the same round again is refused in words", func(t *testing.T) {
		h.u.ShowNew()
		h.u.wait()
		n := h.u.New
		n.Round.SetText("2026-Q3")
		h.tap(n.CreateButton)
		h.u.wait()
		if h.u.New == nil || !n.Hint.Visible() || !strings.Contains(n.Hint.Text, "2026-Q3") {
			t.Fatalf("hint %q", n.Hint.Text)
		}
	})
}

func TestListShowsProgressAndScore(t *testing.T) {
	h := newHarness(t, true)
	h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 5)
	h.reload()
	shown := h.u.Home.Shown()
	if len(shown) != 1 {
		t.Fatalf("shown = %d", len(shown))
	}
	if shown[0].Answered == 0 || shown[0].Final <= 0 {
		t.Fatalf("summary = %+v", shown[0])
	}
	var row *assessmentRow
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row drawn")
	}
	if row.cells[1].Text != "2026-Q3" || row.cells[3].Text != lang.L("Draft") ||
		row.cells[5].Text != formatScore(shown[0].Final) || row.cells[6].Text != shown[0].Grade {
		t.Errorf("row = %q %q %q %q", row.cells[1].Text, row.cells[3].Text, row.cells[5].Text, row.cells[6].Text)
	}
	if row.bar.Value <= 0 || row.bar.Value >= 1 {
		t.Errorf("progress = %v", row.bar.Value)
	}
}

func TestFilter(t *testing.T) {
	h := newHarness(t, true)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	h.seed(unit, "2026-Q2", domain.Approved, 3)
	h.seed(unit, "2026-Q3", domain.Draft, 2)
	h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 1)
	h.reload()
	home := h.u.Home
	tests := []struct {
		name, round, status string
		want                int
	}{
		{"all", lang.L("All rounds"), lang.L("All statuses"), 3},
		{"round", "2026-Q3", lang.L("All statuses"), 2},
		{"round and status", "2026-Q3", lang.L("Draft"), 1},
		{"status", lang.L("All rounds"), lang.L("Approved"), 1},
		{"nothing", "2026-Q2", lang.L("Draft"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home.RoundFilter.SetSelected(tc.round)
			home.StatusFilter.SetSelected(tc.status)
			if got := len(home.Shown()); got != tc.want {
				t.Fatalf("shown = %d, want %d", got, tc.want)
			}
			if empty := home.Empty.Visible(); empty != (tc.want == 0) {
				t.Errorf("empty note visible = %v", empty)
			}
		})
	}
}

func TestDeleteDraft(t *testing.T) {
	h := newHarness(t, true)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	sub := h.seed(unit, "2026-Q2", domain.Submitted, 1)
	draft := h.seed(unit, "2026-Q3", domain.Draft, 1)
	h.reload()
	home := h.u.Home
	indexOf := func(id int64) int {
		for i, a := range home.Shown() {
			if a.ID == id {
				return i
			}
		}
		t.Fatalf("assessment %d not shown", id)
		return -1
	}
	t.Run("submitted cannot be deleted", func(t *testing.T) {
		home.Select(indexOf(sub))
		if !home.DeleteButton.Disabled() {
			t.Fatal("delete enabled for a submitted assessment")
		}
		home.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		if h.w.Canvas().Overlays().Top() != nil {
			t.Fatal("Delete asked about a submitted assessment")
		}
	})
	t.Run("cancel keeps the draft", func(t *testing.T) {
		home.Select(indexOf(draft))
		h.tap(home.DeleteButton)
		if !strings.Contains(h.overlayText(), "2026-Q3") {
			t.Fatalf("no confirmation: %q", h.overlayText())
		}
		h.tap(h.findButton(lang.L("Cancel")))
		h.u.wait()
		if _, err := h.store.OpenAssessment(context.Background(), draft); err != nil {
			t.Fatal("draft deleted without confirmation")
		}
	})
	t.Run("Delete key and confirm delete it", func(t *testing.T) {
		home.Select(indexOf(draft))
		home.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		home.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // a dialog shows: Enter must not open
		h.u.wait()
		if h.u.walk != nil {
			t.Fatal("Enter opened an assessment behind the dialog")
		}
		h.tap(h.findButton(lang.L("Delete")))
		h.u.wait()
		if _, err := h.store.OpenAssessment(context.Background(), draft); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("draft still there: %v", err)
		}
		if got := len(home.Shown()); got != 1 {
			t.Fatalf("shown = %d after delete", got)
		}
	})
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name string
		do   func(h *harness)
	}{
		{"Enter", func(h *harness) {
			h.interact(func() { h.u.Home.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
		}},
		{"button", func(h *harness) { h.tap(h.u.Home.OpenButton) }},
		{"double click", func(h *harness) {
			for _, o := range test.LaidOutObjects(h.w.Content()) {
				if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
					h.tap(r)
					h.tap(r)
					return
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, true)
			var got *domain.Workspace
			h.u.deps.Walk = func(ws *domain.Workspace, _ func(), _ func(*domain.Workspace)) WalkView {
				got = ws
				return newSummaryView(h.u, ws)
			}
			id := h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 1)
			h.reload()
			h.u.Home.Select(0)
			tc.do(h)
			h.u.wait()
			if got == nil || got.Assessment.ID != id {
				t.Fatalf("opened %v, want assessment %d", got, id)
			}
		})
	}
}

func TestCtrlNThenEnterCreates(t *testing.T) {
	h := newHarness(t, true)
	h.u.onNewShortcut()
	h.u.wait()
	if h.u.New == nil {
		t.Fatal("Ctrl+N did not open the dialog")
	}
	if h.w.Canvas().Focused() != h.u.New.Round {
		t.Fatal("the round does not have the focus")
	}
	h.interact(func() { h.u.New.Round.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	h.u.wait()
	if list, _ := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{}); len(list) != 1 {
		t.Fatalf("Enter created %d assessments", len(list))
	}
}

func TestImportBadCatalogShowsProblems(t *testing.T) {
	h := newHarness(t, true)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	yaml := "format: pingce/catalog@1\nid: Bad Id\nversion: \"1\"\ntitle: 坏文件\ntotal: 10\ncategories:\n  - id: A\n    title: 甲\n    items:\n      - {id: A1, title: 乙, max: 5, method: check}\n"
	if err := os.WriteFile(bad, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	h.tap(h.u.Home.NewButton)
	h.u.wait()
	h.u.New.ImportFile(bad)
	h.u.wait()
	text := h.overlayText()
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
		h.u.New.ImportFile(good)
		h.u.wait()
		ch := h.u.New.choice()
		if ch == nil || ch.ref() == "" || !strings.HasPrefix(ch.ref(), "my-catalog@") {
			t.Fatalf("selected %+v", ch)
		}
	})
}

func TestExportWritesFiles(t *testing.T) {
	h := newHarness(t, true)
	id := h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
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
			h.u.ShowExport(ws)
			e := h.u.Export
			e.PDF.SetChecked(tc.pdf)
			e.XLSX.SetChecked(tc.xlsx)
			e.Folder.SetText(dir)
			e.Name.SetText("r")
			h.tap(e.ExportButton)
			h.u.wait()
			if tc.name != "both" { // the files of the first run are there: replace them
				if !strings.Contains(h.overlayText(), tc.want[0]) {
					t.Fatalf("no question about replacing: %q", h.overlayText())
				}
				h.tap(h.findButton(lang.L("Replace")))
				h.u.wait()
			}
			if len(e.Written) != len(tc.want) {
				t.Fatalf("written %q", e.Written)
			}
			for _, f := range tc.want {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil || !strings.Contains(string(b), "某某区公安分局") {
					t.Errorf("%s: %q %v", f, b, err)
				}
			}
			if !strings.Contains(h.overlayText(), dir) {
				t.Errorf("no confirmation with the folder: %q", h.overlayText())
			}
		})
	}
	t.Run("a failed export leaves no file", func(t *testing.T) {
		failDir := t.TempDir()
		saved := h.u.deps.WriteReport
		defer func() { h.u.deps.WriteReport = saved }()
		h.u.deps.WriteReport = func(_ context.Context, _ *domain.Workspace, _ string, w io.Writer) error {
			_, _ = io.WriteString(w, "half")
			return domain.Errorf(domain.EINTERNAL, "disk full")
		}
		h.u.ShowExport(ws)
		e := h.u.Export
		e.Folder.SetText(failDir)
		h.tap(e.ExportButton)
		h.u.wait()
		if left, _ := os.ReadDir(failDir); len(left) != 0 {
			t.Fatalf("left behind: %v", left)
		}
		if !strings.Contains(h.overlayText(), "disk full") {
			t.Fatalf("error not shown: %q", h.overlayText())
		}
		if h.u.Export == nil || e.ExportButton.Disabled() {
			t.Fatal("the dialog should stay open to try again")
		}
	})
	t.Run("nothing ticked", func(t *testing.T) {
		h.u.ShowExport(ws)
		h.u.Export.PDF.SetChecked(false)
		h.u.Export.XLSX.SetChecked(false)
		if !h.u.Export.ExportButton.Disabled() {
			t.Fatal("export enabled without a format")
		}
	})
}

// bundledFonts are the fonts the application gives its theme.
var bundledFonts = Fonts{Text: assets.Font(), Bold: assets.ChromeFont()}

func TestTheme(t *testing.T) {
	tests := []struct {
		variant string
		asked   fyne.ThemeVariant
		want    fyne.ThemeVariant
	}{
		{ThemeSystem, theme.VariantDark, theme.VariantDark},
		{ThemeSystem, theme.VariantLight, theme.VariantLight},
		{ThemeLight, theme.VariantDark, theme.VariantLight},
		{ThemeDark, theme.VariantLight, theme.VariantDark},
	}
	for _, tc := range tests {
		t.Run(tc.variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, tc.variant)
			got := th.Color(theme.ColorNameBackground, tc.asked)
			want := theme.DefaultTheme().Color(theme.ColorNameBackground, tc.want)
			if got != want {
				t.Fatalf("background = %v, want %v", got, want)
			}
		})
	}
	t.Run("fonts by style", func(t *testing.T) {
		th := NewTheme(bundledFonts, ThemeSystem)
		for _, tc := range []struct {
			style fyne.TextStyle
			want  []byte
		}{
			{fyne.TextStyle{}, assets.Font()},
			{fyne.TextStyle{Italic: true}, assets.Font()},
			{fyne.TextStyle{Monospace: true}, assets.Font()},
			{fyne.TextStyle{Bold: true}, assets.ChromeFont()},
			{fyne.TextStyle{Bold: true, Italic: true}, assets.ChromeFont()},
			{fyne.TextStyle{Symbol: true}, theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true}).Content()},
		} {
			if r := th.Font(tc.style); !bytes.Equal(r.Content(), tc.want) {
				t.Errorf("style %+v: %s, not the font it should be", tc.style, r.Name())
			}
		}
	})
	t.Run("bold falls back to the text font", func(t *testing.T) {
		th := NewTheme(Fonts{Text: assets.Font()}, ThemeSystem)
		if r := th.Font(fyne.TextStyle{Bold: true}); !bytes.Equal(r.Content(), assets.Font()) {
			t.Errorf("bold without a chrome font: %s", r.Name())
		}
	})
	t.Run("no fonts: Fyne's", func(t *testing.T) {
		th := NewTheme(Fonts{}, ThemeSystem)
		if r := th.Font(fyne.TextStyle{Bold: true}); r != theme.DefaultTheme().Font(fyne.TextStyle{Bold: true}) {
			t.Errorf("bold without fonts: %s", r.Name())
		}
	})
	t.Run("another variant keeps the fonts", func(t *testing.T) {
		th := NewTheme(bundledFonts, ThemeLight)
		d := th.WithVariant(ThemeDark)
		if d.Variant() != ThemeDark || th.Variant() != ThemeLight {
			t.Fatalf("variants %s, %s", th.Variant(), d.Variant())
		}
		for _, s := range []fyne.TextStyle{{}, {Bold: true}} {
			if d.Font(s) != th.Font(s) {
				t.Errorf("style %+v: the font resource changed", s)
			}
		}
	})
}

func TestErrorText(t *testing.T) {
	seen := map[string]string{}
	for _, code := range []string{domain.EINVALID, domain.ENOTFOUND, domain.ECONFLICT, domain.ELOCKED,
		domain.EBLOCKED, domain.ETOOLARGE, domain.EINTERNAL} {
		t.Run(code, func(t *testing.T) {
			s := ErrorText(domain.Errorf(code, "x"))
			if s == "" {
				t.Fatal("empty")
			}
			if other, dup := seen[s]; dup {
				t.Fatalf("same text as %s", other)
			}
			seen[s] = code
		})
	}
	t.Run("problems are the details", func(t *testing.T) {
		err := &domain.Error{Code: domain.EINVALID, Message: "m", Problems: []domain.Problem{{ItemID: "A1", Msg: "bad"}}}
		if d := ErrorDetails(err); len(d) != 1 || d[0] != "item A1: bad" {
			t.Fatalf("details = %q", d)
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
	h.u.deps.Walk = func(ws *domain.Workspace, _ func(), _ func(*domain.Workspace)) WalkView {
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
	for _, tc := range []struct{ name, got, want string }{
		{"new button", h.u.Home.NewButton.Text, "新建评测"},
		{"status filter", h.u.Home.StatusFilter.PlaceHolder, "全部状态"},
		{"unit type placeholder", h.u.Profile.UnitType.PlaceHolder, "（请选择）"},
		{"save", h.u.Profile.SaveButton.Text, "保存"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Fatalf("%q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestSingleTapSelects(t *testing.T) {
	h := newHarness(t, true)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	h.seed(unit, "2026-Q2", domain.Draft, 1)
	h.seed(unit, "2026-Q3", domain.Draft, 1)
	h.reload()
	var rows []*assessmentRow
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("%d rows drawn", len(rows))
	}
	target := rows[len(rows)-1]
	h.tap(target)
	h.u.wait()
	if s := h.u.Home.Selected(); s == nil || s.Round != target.cells[1].Text {
		t.Fatalf("selected %+v, want %s", s, target.cells[1].Text)
	}
	if h.u.walk != nil {
		t.Fatal("a single tap opened the assessment")
	}
	if h.u.Home.DeleteButton.Disabled() {
		t.Fatal("delete disabled for a selected draft")
	}
}

func TestOperatorOverride(t *testing.T) {
	h := newHarness(t, true)
	h.u.deps.Operator = "赵六"
	h.u.ShowNew()
	h.u.wait()
	h.u.New.Round.SetText("2026-Q1")
	h.tap(h.u.New.CreateButton)
	h.u.wait()
	list, err := h.store.ListAssessments(context.Background(), domain.AssessmentFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	if list[0].CreatedBy != "赵六" {
		t.Fatalf("created by %q, want the --user operator", list[0].CreatedBy)
	}
}

// TestInputBorderVisible checks that radio circles and check boxes, drawn
// in the input border colour, stand out from the background in both
// variants (WCAG contrast of at least 2.5:1 for these graphical parts).
func TestInputBorderVisible(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark} {
		t.Run(variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, variant)
			border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
			bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
			if c := contrast(border, bg); c < 2.5 {
				t.Errorf("input border %v on background %v: contrast %.2f, want ≥ 2.5", border, bg, c)
			}
		})
	}
}

// contrast returns the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestDisabledTextReadable checks that disabled text — every answer of a
// submitted assessment, and secondary labels — can be read, yet stays
// lighter than normal text.
func TestDisabledTextReadable(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark} {
		t.Run(variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, variant)
			bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
			dis := contrast(th.Color(theme.ColorNameDisabled, theme.VariantLight), bg)
			fg := contrast(th.Color(theme.ColorNameForeground, theme.VariantLight), bg)
			if dis < 3.5 || dis >= fg {
				t.Errorf("disabled text contrast %.2f, normal %.2f; want 3.5 ≤ disabled < normal", dis, fg)
			}
		})
	}
}
