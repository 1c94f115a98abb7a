package exchangeui

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
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

// exportedSubmission makes a unit's submitted assessment and writes its
// submission package (sealed with password when not "").
func exportedSubmission(t *testing.T, password string) (unit *storage.Store, path string, m *exchange.Manifest) {
	t.Helper()
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a := submittedUnit(t, ctx)
	path = filepath.Join(t.TempDir(), "p.pingce")
	m, err := services(unit).Export(ctx, a.ID, path, password, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	return unit, path, m
}

// leadWindow is a lead's window with the dialogs' deps, its user having roles.
func leadWindow(t *testing.T, lead *storage.Store, roles []domain.Role) (fyne.Window, Deps) {
	t.Helper()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 700))
	t.Cleanup(w.Close)
	tasks := &kit.Tasks{Context: func() context.Context {
		return domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: roles})
	}}
	return w, Deps{Window: w, Tasks: tasks, Services: services(lead)}
}

// rowValue returns the value shown beside label in the verification
// dialog's text ("" when there is none).
func rowValue(text, label string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == label && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	return ""
}

// TestRefusedPackageInDialog: a package the lead's side would refuse is
// shown with the package's own problem (not the sentence of its error
// code), the 密钥 row says what the registry makes of the key, and Import
// is not offered; the database is unchanged.
func TestRefusedPackageInDialog(t *testing.T) {
	test.NewTempApp(t)
	lctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	other, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		prepare func(t *testing.T, lead, unit *storage.Store)
		roles   []domain.Role
		key     string   // the 密钥 row
		want    []string // in the refusal
	}{
		{"re-keyed unit", func(t *testing.T, lead, _ *storage.Store) {
			if err := lead.TrustKey(lctx, "某某区公安分局", other); err != nil {
				t.Fatal(err)
			}
		}, domain.Roles, "The unit has another key registered (an administrator must register the new one)",
			[]string{"某某区公安分局 is registered with another key (" + exchange.Fingerprint(other) + ")", "An administrator must register"}},
		{"another unit's key", func(t *testing.T, lead, unit *storage.Store) {
			k, err := unit.OwnKey(lctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := lead.TrustKey(lctx, "某某县公安局", k.Public().(ed25519.PublicKey)); err != nil {
				t.Fatal(err)
			}
		}, domain.Roles, "Registered for another unit (某某县公安局)",
			[]string{"comes from 某某区公安分局, but its key", "is registered for 某某县公安局"}},
		{"no role to import it", func(*testing.T, *storage.Store, *storage.Store) {}, []domain.Role{domain.RoleStaff},
			"Not checked", []string{"You are not allowed to do this"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			unit, path, m := exportedSubmission(t, "")
			lead := storagetest.Open(t)
			c.prepare(t, lead, unit)
			keysBefore, _ := lead.TrustedKeys(lctx)
			w, d := leadWindow(t, lead, c.roles)
			fyne.DoAndWait(func() { Inspect(d, path, "") })
			waitFor(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
			var text string
			var imp *widget.Button
			fyne.DoAndWait(func() {
				d.Tasks.Interact(func() {
					text = uitest.Text(uitest.Top(w))
					imp = uitest.Button(t, uitest.Top(w), "Import")
				})
			})
			if got := rowValue(text, "Key"); got != c.key {
				t.Errorf("密钥 row %q, want %q", got, c.key)
			}
			for _, want := range append(c.want, "This package cannot be imported: ", m.Sender.Fingerprint) {
				if !strings.Contains(text, want) {
					t.Errorf("the dialog lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "Trusted") {
				t.Errorf("a refused key is called trusted:\n%s", text)
			}
			if !imp.Disabled() {
				t.Error("Import is offered for a refused package")
			}
			if list, _ := lead.ListAssessments(lctx, domain.AssessmentFilter{}); len(list) != 0 {
				t.Errorf("the lead's database has %d assessments after the check", len(list))
			}
			if keys, _ := lead.TrustedKeys(lctx); len(keys) != len(keysBefore) {
				t.Errorf("the check changed the trusted keys: %v → %v", keysBefore, keys)
			}
		})
	}
}

// TestSignerOtherThanUnit: a submission signed in the name of another unit
// than the assessment's is flagged in the dialog.
func TestSignerOtherThanUnit(t *testing.T) {
	test.NewTempApp(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a := submittedUnit(t, ctx)
	c, err := services(unit).Build(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Manifest.Sender.Unit.Name = "某某县公安局"
	key, err := unit.OwnKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "spoof.pingce")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Write(ctx, f, c, key, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	w, d := leadWindow(t, storagetest.Open(t), domain.Roles)
	fyne.DoAndWait(func() { Inspect(d, path, "") })
	const warn = "Careful: the package is signed by 某某县公安局, but the assessment is of 某某区公安分局."
	waitFor(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
	var text string
	fyne.DoAndWait(func() { d.Tasks.Interact(func() { text = uitest.Text(uitest.Top(w)) }) })
	if !strings.Contains(text, warn) {
		t.Errorf("no warning that signer and unit differ:\n%s", text)
	}

	// The unit's own package has none.
	_, path2, _ := exportedSubmission(t, "")
	fyne.DoAndWait(func() { uitest.Top(w).Hide() })
	fyne.DoAndWait(func() { Inspect(d, path2, "") })
	waitFor(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
	fyne.DoAndWait(func() { d.Tasks.Interact(func() { text = uitest.Text(uitest.Top(w)) }) })
	if strings.Contains(text, "Careful") {
		t.Errorf("a warning on the unit's own package:\n%s", text)
	}
}

// passwordEntries returns the visible password entries under root, in
// their order.
func passwordEntries(root fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(root) {
		if e, ok := o.(*widget.Entry); ok && e.Visible() && e.Password {
			out = append(out, e)
		}
	}
	return out
}

// waitSealed is waitFor for work on sealed packages: scrypt takes seconds
// each time a package is sealed or opened, many under the race detector.
func waitSealed(t *testing.T, tasks *kit.Tasks, cond func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 2*time.Minute; time.Sleep(50 * time.Millisecond) {
		ok := false
		fyne.DoAndWait(func() { tasks.Interact(func() { ok = cond() }) })
		if ok {
			return
		}
	}
	t.Fatal("timed out")
}

// enter presses Enter in e.
func enter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// TestSealedPackagePassword: a sealed package asks for its password (the
// field has the focus, Enter opens); a wrong one says so and asks again;
// the right one shows the verification.
func TestSealedPackagePassword(t *testing.T) {
	test.NewTempApp(t)
	_, path, _ := exportedSubmission(t, "电话告知 42")
	w, d := leadWindow(t, storagetest.Open(t), domain.Roles)
	fyne.DoAndWait(func() { Inspect(d, path, "") })
	waitSealed(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "sealed with a password") })
	for _, c := range []struct{ password, want string }{
		{"wrong", "The password does not open the package"},
		{"电话告知 42", "Items answered"},
	} {
		var pw *widget.Entry
		fyne.DoAndWait(func() {
			d.Tasks.Interact(func() {
				es := passwordEntries(uitest.Top(w))
				if len(es) != 1 {
					t.Fatalf("%d password fields", len(es))
				}
				pw = es[0]
				if w.Canvas().Focused() != pw {
					t.Error("the password field has no focus")
				}
			})
		})
		fyne.DoAndWait(func() {
			d.Tasks.Interact(func() {
				test.Type(pw, c.password)
				enter(pw)
				// The working dialog, shown before the work starts, says that
				// the package is being decrypted (scrypt takes a while).
				if text := uitest.Text(uitest.Top(w)); !strings.Contains(text, "Decrypting and verifying the package") {
					t.Errorf("while opening with a password the dialog reads %q", text)
				}
			})
		})
		waitSealed(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), c.want) })
	}
}

// recordSave is a file dialog that chooses path and remembers what it was
// asked.
type recordSave struct {
	path string
	opts *filedialog.Options
}

func (r *recordSave) Choose(_ context.Context, o filedialog.Options, _ any) ([]string, error) {
	*r.opts = o
	return []string{r.path}, nil
}

// TestExportSealed: 导出提交包… asks for the password with the focus in its
// field, Enter goes to 再输一次 and Enter there continues; two different
// passwords are refused; the file dialog proposes the suggested name and
// the package written is sealed with the password.
func TestExportSealed(t *testing.T) {
	test.NewTempApp(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	unit, a := submittedUnit(t, ctx)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(900, 700))
	defer w.Close()
	out := filepath.Join(t.TempDir(), "out.pingce")
	var asked filedialog.Options
	tasks := &kit.Tasks{Context: func() context.Context { return ctx }}
	d := Deps{Window: w, Tasks: tasks, Services: services(unit),
		Files: &filedialog.Chooser{Window: w, Native: &recordSave{path: out, opts: &asked},
			// The choice comes back as the app's UI goroutine would bring it,
			// after the typing that led to it.
			Post: func(f func()) { fyne.Do(func() { tasks.Interact(f) }) }}}

	typePasswords := func(first, second string) {
		t.Helper()
		waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "A password is optional") })
		if text := topText(w, tasks); !strings.Contains(text, "Export submission package") {
			t.Errorf("the password dialog is not titled for a submission: %q", text)
		}
		var es []*widget.Entry
		fyne.DoAndWait(func() {
			tasks.Interact(func() {
				es = passwordEntries(uitest.Top(w))
				if len(es) != 2 {
					t.Fatalf("%d password fields", len(es))
				}
				if w.Canvas().Focused() != es[0] {
					t.Error("密码 has no focus")
				}
			})
		})
		fyne.DoAndWait(func() {
			tasks.Interact(func() {
				test.Type(es[0], first)
				enter(es[0])
				if w.Canvas().Focused() != es[1] {
					t.Error("Enter in 密码 does not go on to 再输一次")
				}
				test.Type(es[1], second)
				enter(es[1])
			})
		})
	}
	fyne.DoAndWait(func() { Export(d, a.ID) })
	typePasswords("甲乙 1", "甲乙 2")
	waitFor(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "The two passwords differ") })
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a package was written after two different passwords: %v", err)
	}
	fyne.DoAndWait(func() { uitest.Top(w).Hide() })

	fyne.DoAndWait(func() { Export(d, a.ID) })
	typePasswords("甲乙 1", "甲乙 1")
	waitSealed(t, tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Written and verified") })
	if text := topText(w, tasks); !strings.Contains(text, "Export submission package") {
		t.Errorf("the last dialog is not titled for a submission: %q", text)
	}
	if asked.Title != "Export submission package" {
		t.Errorf("file dialog titled %q, want the submission's title", asked.Title)
	}
	if want := "某某区公安分局_2026-Q3_提交_r1.pingce"; asked.FileName != want {
		t.Errorf("suggested name %q, want %q", asked.FileName, want)
	}
	if asked.Filter == nil || asked.Filter.Name != "Pingce packages" || len(asked.Filter.Extensions) != 1 || asked.Filter.Extensions[0] != ".pingce" {
		t.Errorf("filter %+v", asked.Filter)
	}
	if _, err := exchange.Open(ctx, out, exchange.Options{}); exchange.ProblemCode(err) != exchange.ProbPassword {
		t.Errorf("opened without a password: %v", err)
	}
	p, err := exchange.Open(ctx, out, exchange.Options{Password: "甲乙 1"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !p.Sealed || p.Manifest.Kind != exchange.KindSubmission || p.Manifest.Assessment.Unit.Name != "某某区公安分局" {
		t.Errorf("wrote %+v (sealed %v)", p.Manifest, p.Sealed)
	}
}

// TestRekeyedUnitReRegistered: for a re-keyed unit's package an
// administrator may register the new key from the dialog (after a
// confirmation naming both fingerprints); the package is then verified
// again with the key trusted. Anyone else is offered no such button.
func TestRekeyedUnitReRegistered(t *testing.T) {
	test.NewTempApp(t)
	lctx := domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: domain.Roles})
	old, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, path, m := exportedSubmission(t, "")

	t.Run("reviewer: not offered", func(t *testing.T) {
		lead := storagetest.Open(t)
		if err := lead.TrustKey(lctx, "某某区公安分局", old); err != nil {
			t.Fatal(err)
		}
		w, d := leadWindow(t, lead, []domain.Role{domain.RoleReviewer})
		fyne.DoAndWait(func() { Inspect(d, path, "") })
		waitFor(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
		fyne.DoAndWait(func() {
			d.Tasks.Interact(func() {
				if _, ok := uitest.Find(uitest.Top(w), func(b *widget.Button) bool { return b.Text == "Register the new key…" }); ok {
					t.Error("a reviewer is offered to register the new key")
				}
			})
		})
	})
	t.Run("administrator", func(t *testing.T) {
		lead := storagetest.Open(t)
		if err := lead.TrustKey(lctx, "某某区公安分局", old); err != nil {
			t.Fatal(err)
		}
		w, d := leadWindow(t, lead, domain.Roles)
		fyne.DoAndWait(func() { Inspect(d, path, "") })
		waitFor(t, d.Tasks, func() bool { return strings.Contains(uitest.Text(uitest.Top(w)), "Items answered") })
		fyne.DoAndWait(func() {
			d.Tasks.Interact(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Register the new key…")) })
		})
		waitFor(t, d.Tasks, func() bool {
			return strings.Contains(uitest.Text(uitest.Top(w)), "Replace the key "+exchange.Fingerprint(old)+" registered for 某某区公安分局 by this package's key "+m.Sender.Fingerprint)
		})
		if keys, _ := lead.TrustedKeys(lctx); len(keys) != 1 || keys[0].Fingerprint != exchange.Fingerprint(old) {
			t.Fatalf("the key changed before the confirmation: %+v", keys)
		}
		fyne.DoAndWait(func() { d.Tasks.Interact(func() { test.Tap(uitest.Button(t, uitest.Top(w), "Yes")) }) })
		waitFor(t, d.Tasks, func() bool {
			return rowValue(uitest.Text(uitest.Top(w)), "Key") == "Trusted (registered for this unit)"
		})
		if keys, _ := lead.TrustedKeys(lctx); len(keys) != 1 || keys[0].Fingerprint != m.Sender.Fingerprint {
			t.Errorf("trusted keys after re-registering: %+v", keys)
		}
		var imp *widget.Button
		fyne.DoAndWait(func() { d.Tasks.Interact(func() { imp = uitest.Button(t, uitest.Top(w), "Import") }) })
		if imp.Disabled() {
			t.Error("the package verified again with its key trusted cannot be imported")
		}
	})
}
