package exchangeui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
}

func services(st *storage.Store) exchange.Services {
	return exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st, Units: st, Profile: st, Tasks: st, Store: st}
}

// submittedUnit makes a unit's database with a submitted assessment (one
// evidence file).
func submittedUnit(t *testing.T, ctx context.Context) (*storage.Store, *domain.Assessment) {
	t.Helper()
	unit := storagetest.Open(t)
	a := storagetest.Fixture(t, unit)
	if err := unit.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: storagetest.FullAnswers()}); err != nil {
		t.Fatal(err)
	}
	if _, err := unit.AddEvidence(ctx, a.ID, "A1", "制度.pdf", strings.NewReader("%PDF")); err != nil {
		t.Fatal(err)
	}
	if err := unit.Submit(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	return unit, a
}

// topText is the text of the window's top overlay (or content), read as
// waitFor reads it: serialized with the UI's work.
func topText(w fyne.Window, tasks *kit.Tasks) string {
	var text string
	fyne.DoAndWait(func() { tasks.Interact(func() { text = uitest.Text(uitest.Top(w)) }) })
	return text
}

// waitFor runs the UI's pending work until cond holds (at most 10 s).
func waitFor(t *testing.T, tasks *kit.Tasks, cond func() bool) {
	t.Helper()
	// No tasks.Wait here: a file dialog's own goroutine may start work
	// (WaitGroup.Add) while Wait runs, which the race detector reports.
	// Interact serializes cond with the completions instead.
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		ok := false
		fyne.DoAndWait(func() { tasks.Interact(func() { ok = cond() }) })
		if ok {
			return
		}
	}
	t.Fatal("timed out")
}

// TestInspectAndImport verifies a unit's submission on the lead's side:
// the dialog names the signer, the fingerprint and that the key is new;
// Import stays disabled until the fingerprint is confirmed; then the
// package is imported.
func TestInspectAndImport(t *testing.T) {
	test.NewTempApp(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a := submittedUnit(t, ctx)
	path := filepath.Join(t.TempDir(), "p.pingce")
	m, err := services(unit).Export(ctx, a.ID, path, "", nil, false)
	if err != nil {
		t.Fatal(err)
	}

	lead := storagetest.Open(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 700))
	tasks := &kit.Tasks{Context: func() context.Context {
		return domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	}}
	imported := int64(0)
	d := Deps{Window: w, Tasks: tasks, Services: services(lead), OnImported: func(id int64) { imported = id }}
	fyne.DoAndWait(func() { Inspect(d, path, "") })
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
	top := uitest.Top(w)
	text := uitest.Text(top)
	for _, want := range []string{"某某区公安分局", "2026-Q3", "New key (compare the fingerprint by phone)", "test@1", "1 ·", m.Sender.Fingerprint} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
	imp := uitest.Button(t, top, "Import")
	if !imp.Disabled() {
		t.Error("Import is enabled before the fingerprint is confirmed")
	}
	check, ok := uitest.Find(top, func(c *widget.Check) bool { return strings.Contains(c.Text, "fingerprint") })
	if !ok {
		t.Fatal("no confirmation check")
	}
	fyne.DoAndWait(func() { test.Tap(check) })
	if imp.Disabled() {
		t.Fatal("Import stays disabled after the confirmation")
	}
	fyne.DoAndWait(func() { test.Tap(imp) })
	waitFor(t, tasks, func() bool { return imported != 0 })
	ws, err := lead.OpenAssessment(ctx, imported)
	if err != nil || ws.Assessment.Status != domain.Submitted || len(ws.Evidence["A1"]) != 1 {
		t.Fatalf("lead's assessment: %v %+v", err, ws)
	}

	// The same package again: the dialog says so and offers no import.
	fyne.DoAndWait(func() { uitest.Top(w).Hide() })
	fyne.DoAndWait(func() { Inspect(d, path, "") })
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "imported already") })
	if b := uitest.Button(t, uitest.Top(w), "Import"); !b.Disabled() {
		t.Error("Import is offered for a package imported already")
	}
}

// TestReviewBringsEntriesAndStanding: the unit's verification dialog and
// the import's result name the 整改 entries and the ranking a review brings
// (issues 17, 19).
// reviewWithEntries makes a unit's submitted assessment, sends it to a lead
// who returns it with a 整改 entry and a ranking, and returns the review
// package the unit has to import.
func reviewWithEntries(t *testing.T) (ctx context.Context, unit *storage.Store, a *domain.Assessment, rev string) {
	t.Helper()
	ctx = domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a = submittedUnit(t, ctx)
	dir := t.TempDir()
	sub := filepath.Join(dir, "s.pingce")
	if _, err := services(unit).Export(ctx, a.ID, sub, "", nil, false); err != nil {
		t.Fatal(err)
	}
	lead := storagetest.Open(t)
	lctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	_, got, err := services(lead).Import(lctx, sub, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := lead.Return(lctx, got.AssessmentID, "补充材料"); err != nil {
		t.Fatal(err)
	}
	if _, err := lead.CreateTasks(lctx, []domain.Task{{AssessmentID: got.AssessmentID, Source: domain.SourceReview, ItemID: "A2",
		Problem: "台账不全", Measure: "补齐", Owner: "张三", Due: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}}); err != nil {
		t.Fatal(err)
	}
	ls := services(lead)
	ls.Standing = func(context.Context, *domain.Workspace) (*domain.Standing, error) {
		return &domain.Standing{Round: "2026-Q3", Group: "分县局", Rank: 0, Ranked: 12,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 3}, Lacks: 7.5}}, nil
	}
	rev = filepath.Join(dir, "r.pingce")
	if _, err := ls.Export(lctx, got.AssessmentID, rev, "", nil, false); err != nil {
		t.Fatal(err)
	}
	return ctx, unit, a, rev
}

func TestReviewBringsEntriesAndStanding(t *testing.T) {
	test.NewTempApp(t)
	ctx, unit, a, rev := reviewWithEntries(t)

	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 700))
	tasks := &kit.Tasks{Context: func() context.Context { return ctx }}
	imported := int64(0)
	d := Deps{Window: w, Tasks: tasks, Services: services(unit), OnImported: func(id int64) { imported = id }}
	fyne.DoAndWait(func() { Inspect(d, rev, "") })
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Rectification entries") })
	text := uitest.Text(uitest.Top(w))
	for _, want := range []string{"1 entries (1 new)", "Round standing", "分县局: 12 units ranked; this one is ranked once submitted · target rank 3: 7.5 points short"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
	check, ok := uitest.Find(uitest.Top(w), func(c *widget.Check) bool { return strings.Contains(c.Text, "fingerprint") })
	if !ok {
		t.Fatal("no confirmation check")
	}
	fyne.DoAndWait(func() { test.Tap(check) })
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Import")) })
	waitFor(t, tasks, func() bool { return imported != 0 })
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Imported:") })
	if text := uitest.Text(uitest.Top(w)); !strings.Contains(text, "Rectification entries: 1 entries (1 new)") || !strings.Contains(text, "this one is ranked once submitted") {
		t.Errorf("the result lacks the entries or the ranking:\n%s", text)
	}
	if ts, _ := unit.ListTasks(ctx, domain.TaskFilter{AssessmentID: a.ID}); len(ts) != 1 || ts[0].Problem != "台账不全" {
		t.Errorf("the unit's entries: %+v", ts)
	}
}

// saveTo is a file dialog that always chooses path.
type saveTo string

func (s saveTo) Choose(context.Context, filedialog.Options, any) ([]string, error) {
	return []string{string(s)}, nil
}

// TestExportRegisterPackage: an approved assessment has no submission to
// send, so 导出交换包… writes its 整改 entries' progress (整改进展包); the
// lead, who could send the review again, is asked which.
func TestExportRegisterPackage(t *testing.T) {
	test.NewTempApp(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a := submittedUnit(t, ctx)
	dir := t.TempDir()
	sub := filepath.Join(dir, "s.pingce")
	if _, err := services(unit).Export(ctx, a.ID, sub, "", nil, false); err != nil {
		t.Fatal(err)
	}
	lead := storagetest.Open(t)
	lctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	_, got, err := services(lead).Import(lctx, sub, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lead.CreateTasks(lctx, []domain.Task{{AssessmentID: got.AssessmentID, Source: domain.SourceShortfall, ItemID: "A2",
		Problem: "台账不全", Measure: "补齐", Owner: "张三", Due: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Kind: domain.KindDeadline}}); err != nil {
		t.Fatal(err)
	}
	if err := lead.Approve(lctx, got.AssessmentID); err != nil {
		t.Fatal(err)
	}
	rev := filepath.Join(dir, "r.pingce")
	if _, err := services(lead).Export(lctx, got.AssessmentID, rev, "", nil, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := services(unit).Import(ctx, rev, exchange.Options{}, exchange.ApplyOptions{TrustNew: true}, false); err != nil {
		t.Fatal(err)
	}

	t.Run("unit: the entries alone", func(t *testing.T) {
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(900, 700))
		tasks := &kit.Tasks{Context: func() context.Context { return ctx }}
		out := filepath.Join(dir, "up.pingce")
		d := Deps{Window: w, Tasks: tasks, Services: services(unit), Files: &filedialog.Chooser{Window: w, Native: saveTo(out),
			// The choice comes back as the app's UI goroutine would bring
			// it, serialized with the test's reading of the window.
			Post: func(f func()) { fyne.Do(func() { tasks.Interact(f) }) }}}
		fyne.DoAndWait(func() { Export(d, a.ID) })
		waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Register progress r1") })
		if text := topText(w, tasks); !strings.Contains(text, "Export register package") {
			t.Errorf("the password dialog is not titled for a register package: %q", text)
		}
		fyne.DoAndWait(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Continue")) })
		waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Written and verified") })
		if text := topText(w, tasks); !strings.Contains(text, "Export register package") {
			t.Errorf("the result is not titled for a register package: %q", text)
		}
		p, err := exchange.Open(ctx, out, exchange.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if p.Manifest.Kind != exchange.KindRegister || len(p.Tasks) != 1 {
			t.Errorf("wrote a %s package with %d entries", p.Manifest.Kind, len(p.Tasks))
		}
	})
	t.Run("lead: asked which", func(t *testing.T) {
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(900, 700))
		tasks := &kit.Tasks{Context: func() context.Context { return lctx }}
		d := Deps{Window: w, Tasks: tasks, Services: services(lead), Files: &filedialog.Chooser{Window: w, Native: saveTo(filepath.Join(dir, "down.pingce")),
			Post: func(f func()) { fyne.Do(func() { tasks.Interact(f) }) }}}
		fyne.DoAndWait(func() { Export(d, got.AssessmentID) })
		waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "progress alone") })
		fyne.DoAndWait(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Register progress")) })
		waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Register progress r1") })
	})
}

// TestVerificationScreenshot writes the unit's verification dialog of a
// review with entries and a ranking, in Chinese, to
// $PINGCE_SHOTS/exchange-verify.png (nothing without the variable).
func TestVerificationScreenshot(t *testing.T) {
	dir := os.Getenv("PINGCE_SHOTS")
	if dir == "" {
		t.Skip("PINGCE_SHOTS not set")
	}
	app := test.NewTempApp(t)
	app.Settings().SetTheme(kit.NewTheme(kit.BundledFonts(), kit.ThemeLight))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	ctx, unit, _, rev := reviewWithEntries(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1000, 640))
	tasks := &kit.Tasks{Context: func() context.Context { return ctx }}
	fyne.DoAndWait(func() { Inspect(Deps{Window: w, Tasks: tasks, Services: services(unit)}, rev, "") })
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "2026-Q3") })
	f, err := os.Create(filepath.Join(dir, "exchange-verify.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var img image.Image
	fyne.DoAndWait(func() { img = w.Canvas().Capture() })
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
