package exchangeui

import (
	"context"
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
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
}

func services(st *storage.Store) exchange.Services {
	return exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st, Units: st, Profile: st, Store: st}
}

// waitFor runs the UI's pending work until cond holds (at most 10 s).
func waitFor(t *testing.T, tasks *kit.Tasks, cond func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		tasks.Wait()
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
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
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), m.Sender.Fingerprint) })
	top := uitest.Top(w)
	text := uitest.Text(top)
	for _, want := range []string{"某某区公安分局", "2026-Q3", "NEW: not registered here yet", "test@1", "1 ·"} {
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
