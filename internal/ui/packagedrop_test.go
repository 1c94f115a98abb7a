package ui

import (
	"context"
	"crypto/ed25519"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/uitest"
)

func exchangeOf(st *storage.Store) *exchange.Services {
	return &exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st, Units: st, Profile: st, Tasks: st, Store: st}
}

// TestPackageDroppedOnTheWindow: a .pingce file dropped anywhere on the
// window is verified and shown (exchangeui.Inspect) without changing the
// database; the shell's settings then offer the keys window.
func TestPackageDroppedOnTheWindow(t *testing.T) {
	// A unit's submission.
	unit := storagetest.Open(t)
	uctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	a := storagetest.Fixture(t, unit)
	if err := unit.ImportAnswers(uctx, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: storagetest.FullAnswers()}); err != nil {
		t.Fatal(err)
	}
	if err := unit.Submit(uctx, a.ID); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "某某区公安分局_2026-Q3_提交_r1.pingce")
	m, err := exchangeOf(unit).Export(uctx, a.ID, path, "", nil, false)
	if err != nil {
		t.Fatal(err)
	}

	// The lead's window.
	app := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	lead := storagetest.Open(t)
	storeProfile(t, lead, domain.Unit{Name: "某某市公安局", Type: "市局"}, "刘建国")
	u := New(Deps{App: app, Window: w, Units: lead, Catalogs: lead, Assessments: lead, Evidence: lead, Profiles: lead,
		Builtins: catalog.Builtins, LoadCatalog: catalog.LoadFile, Exchange: exchangeOf(lead)})
	u.Start()
	u.wait()
	shows := func(want string) bool {
		for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
			ok := false
			fyne.DoAndWait(func() { u.tasks.Interact(func() { ok = strings.Contains(uitest.Text(uitest.Top(w)), want) }) })
			if ok {
				return true
			}
		}
		return false
	}
	fyne.DoAndWait(func() { u.tasks.Interact(func() { u.onWindowDropped([]fyne.URI{fynestorage.NewFileURI(path)}) }) })
	if !shows("Items answered") {
		t.Fatalf("dropping the package shows no verification:\n%s", uitest.Text(uitest.Top(w)))
	}
	var text string
	fyne.DoAndWait(func() { u.tasks.Interact(func() { text = uitest.Text(uitest.Top(w)) }) })
	for _, want := range []string{"某某区公安分局", "2026-Q3", "Submission r1", m.Sender.Fingerprint} {
		if !strings.Contains(text, want) {
			t.Errorf("the verification lacks %q:\n%s", want, text)
		}
	}
	if list, _ := lead.ListAssessments(context.Background(), domain.AssessmentFilter{}); len(list) != 0 {
		t.Errorf("the drop changed the database: %d assessments", len(list))
	}
	fyne.DoAndWait(func() { u.tasks.Interact(func() { uitest.Top(w).Hide() }) })

	fyne.DoAndWait(func() { u.tasks.Interact(u.ShowSettings) })
	u.wait()
	fyne.DoAndWait(func() { u.tasks.Interact(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Exchange keys…")) }) })
	own, err := lead.OwnKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if line := exchange.KeyLine(own.Public().(ed25519.PublicKey)); !shows(line) {
		t.Errorf("the keys window does not show this side's key line %q", line)
	}
}
