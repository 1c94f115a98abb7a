package settings

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
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

// keysHarness is the keys window on the test driver over a real store.
type keysHarness struct {
	t     *testing.T
	w     fyne.Window
	tasks *kit.Tasks
	st    *storage.Store
	ctx   context.Context
}

func newKeysHarness(t *testing.T, roles []domain.Role) *keysHarness {
	t.Helper()
	test.NewTempApp(t)
	h := &keysHarness{t: t, w: test.NewTempWindow(t, nil), st: storagetest.Open(t),
		ctx: domain.WithUser(context.Background(), domain.User{Name: "刘建国", Roles: roles})}
	h.w.Resize(fyne.NewSize(1000, 760))
	h.tasks = &kit.Tasks{Context: func() context.Context { return h.ctx }}
	return h
}

// do runs f as the UI goroutine would (completions wait).
func (h *keysHarness) do(f func()) { fyne.DoAndWait(func() { h.tasks.Interact(f) }) }

// until waits until the top of the window shows want.
func (h *keysHarness) until(want string) {
	h.t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		ok := false
		h.do(func() { ok = strings.Contains(uitest.Text(uitest.Top(h.w)), want) })
		if ok {
			return
		}
	}
	var text string
	h.do(func() { text = uitest.Text(uitest.Top(h.w)) })
	h.t.Fatalf("the window never shows %q:\n%s", want, text)
}

// text returns what the top of the window shows.
func (h *keysHarness) text() string {
	var s string
	h.do(func() { s = uitest.Text(uitest.Top(h.w)) })
	return s
}

// tap taps the button showing label on top of the window.
func (h *keysHarness) tap(label string) {
	h.t.Helper()
	h.do(func() { test.Tap(uitest.Button(h.t, uitest.Top(h.w), label)) })
}

// tapIn taps the n-th button showing label in the keys window (under the
// dialogs it opened).
func (h *keysHarness) tapIn(k *Keys, label string, n int) {
	h.t.Helper()
	h.do(func() {
		i := 0
		for _, o := range test.LaidOutObjects(k.body) {
			if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == label {
				if i == n {
					test.Tap(b)
					return
				}
				i++
			}
		}
		h.t.Fatalf("no button %q number %d", label, n)
	})
}

// typeIn types text into the entry with the placeholder on top.
func (h *keysHarness) typeIn(placeholder, text string) {
	h.t.Helper()
	h.do(func() {
		e := uitest.Entry(h.t, uitest.Top(h.w), placeholder)
		e.SetText("")
		test.Type(e, text)
	})
}

func (h *keysHarness) trusted() map[string]string {
	h.t.Helper()
	keys, err := h.st.TrustedKeys(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range keys {
		out[k.Unit] = k.Fingerprint
	}
	return out
}

func newKey(t *testing.T) ed25519.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

// TestKeysWindowAdmin: the window shows this side's key line (copyable)
// and fingerprint and the trusted keys; an administrator registers a
// unit's key from a pasted line, re-registers a re-keyed unit after
// confirming the replacement, and removes a key after confirming; a line
// that is not a key is refused with the reason, nothing stored.
func TestKeysWindowAdmin(t *testing.T) {
	h := newKeysHarness(t, domain.Roles)
	own, err := h.st.OwnKey(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	ownLine := exchange.KeyLine(own.Public().(ed25519.PublicKey))
	old := newKey(t)
	if err := h.st.TrustKey(h.ctx, "某某县公安局", old); err != nil {
		t.Fatal(err)
	}
	var k *Keys
	h.do(func() { k = ShowKeys(KeysDeps{Window: h.w, Tasks: h.tasks, Keys: h.st}) })
	h.until(exchange.Fingerprint(old))
	text := h.text()
	for _, want := range []string{ownLine, exchange.Fingerprint(own.Public().(ed25519.PublicKey)), "某某县公安局", "Trusted since ", "registered by 刘建国"} {
		if !strings.Contains(text, want) {
			t.Errorf("the window lacks %q:\n%s", want, text)
		}
	}
	h.tap("Copy key line")
	if got := fyne.CurrentApp().Clipboard().Content(); got != ownLine {
		t.Errorf("copied %q, want the key line %q", got, ownLine)
	}

	t.Run("not a key line", func(t *testing.T) {
		h.tap("Register a unit's key…")
		h.typeIn("the unit's name, as its packages name it", "某某区公安分局")
		h.typeIn("pingce-ed25519 …", "ssh-ed25519 AAAA")
		h.until("not a Pingce public key")
		var register *widget.Button
		h.do(func() { register = uitest.Button(t, uitest.Top(h.w), "Register key") })
		if !register.Disabled() {
			t.Error("登记 is offered for a line that is not a key")
		}
		h.typeIn("pingce-ed25519 …", "")
		h.until("Paste the unit's key line")
		h.typeIn("the unit's name, as its packages name it", "")
		h.typeIn("pingce-ed25519 …", exchange.KeyLine(newKey(t)))
		h.until("Fill in the unit's name.")
		if !register.Disabled() {
			t.Error("登记 is offered without a unit")
		}
		h.tap("Cancel")
		if got := h.trusted(); len(got) != 1 {
			t.Errorf("trusted keys after a bad line: %v", got)
		}
	})
	t.Run("register a unit's key", func(t *testing.T) {
		pub := newKey(t)
		h.tap("Register a unit's key…")
		h.typeIn("the unit's name, as its packages name it", "某某区公安分局")
		h.typeIn("pingce-ed25519 …", "  "+exchange.KeyLine(pub)+"\n")
		h.until("Fingerprint " + exchange.Fingerprint(pub) + ": compare it")
		h.tap("Register key")
		h.until("某某区公安分局")
		if got := h.trusted()["某某区公安分局"]; got != exchange.Fingerprint(pub) {
			t.Errorf("某某区公安分局's key %q, want %q", got, exchange.Fingerprint(pub))
		}
	})
	t.Run("re-register a re-keyed unit", func(t *testing.T) {
		pub := newKey(t)
		h.tapIn(k, "Register a new key…", 1) // the list is by unit: 某某区公安分局, 某某县公安局
		h.typeIn("pingce-ed25519 …", exchange.KeyLine(pub))
		h.tap("Register key")
		h.until("replaces the key " + exchange.Fingerprint(old) + " registered for 某某县公安局")
		if got := h.trusted()["某某县公安局"]; got != exchange.Fingerprint(old) {
			t.Fatalf("replaced before the confirmation: %q", got)
		}
		h.tap("Yes")
		h.until(exchange.Fingerprint(pub))
		if got := h.trusted()["某某县公安局"]; got != exchange.Fingerprint(pub) {
			t.Errorf("某某县公安局's key %q, want the new %q", got, exchange.Fingerprint(pub))
		}
		if strings.Contains(h.text(), exchange.Fingerprint(old)) {
			t.Error("the old key is still listed")
		}
	})
	t.Run("remove", func(t *testing.T) {
		before := h.trusted()
		h.tapIn(k, "Remove…", 0)
		h.until("Remove the key " + before["某某区公安分局"] + " of 某某区公安分局?")
		h.tap("No")
		if got := h.trusted(); len(got) != 2 {
			t.Fatalf("removed without the confirmation: %v", got)
		}
		h.tapIn(k, "Remove…", 0)
		h.tap("Yes")
		for start := time.Now(); len(h.trusted()) != 1 && time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		}
		h.tasks.Wait()
		got := h.trusted()
		if _, still := got["某某区公安分局"]; still || len(got) != 1 {
			t.Errorf("after the removal: %v", got)
		}
		var shown string
		h.do(func() { shown = uitest.Text(k.body) })
		if strings.Contains(shown, before["某某区公安分局"]) {
			t.Errorf("the removed key is still listed:\n%s", shown)
		}
	})
}

// TestKeysWindowNotAdmin: without the admin role the window shows the key
// line and the trusted keys, but registering and removing are not offered.
func TestKeysWindowNotAdmin(t *testing.T) {
	h := newKeysHarness(t, []domain.Role{domain.RoleStaff, domain.RoleReviewer})
	admin := domain.WithUser(context.Background(), domain.User{Name: "管理员", Roles: domain.Roles})
	pub := newKey(t)
	if err := h.st.TrustKey(admin, "某某县公安局", pub); err != nil {
		t.Fatal(err)
	}
	var k *Keys
	h.do(func() { k = ShowKeys(KeysDeps{Window: h.w, Tasks: h.tasks, Keys: h.st}) })
	h.until(exchange.Fingerprint(pub))
	if !strings.Contains(h.text(), "Only an administrator may register or remove keys.") {
		t.Errorf("no word that only an administrator may:\n%s", h.text())
	}
	h.do(func() {
		for _, o := range test.LaidOutObjects(k.body) {
			if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() &&
				(b.Text == "Remove…" || b.Text == "Register a new key…" || b.Text == "Register a unit's key…") {
				t.Errorf("%q is offered to a non-administrator", b.Text)
			}
		}
	})
}

// TestSettingsOpenTheKeysWindow: 交换密钥… beside the fingerprint opens the
// keys window.
func TestSettingsOpenTheKeysWindow(t *testing.T) {
	h := newHarness(t, Profile{UnitName: "某某区公安分局", UnitType: "分县局", Operator: "张三"})
	st := storagetest.Open(t)
	h.deps.Fingerprint = func(context.Context) (string, error) { return "", nil }
	h.deps.Keys = st
	f := h.show(false)
	var b *widget.Button
	fyne.DoAndWait(func() { b = uitest.Button(t, f.Content(), "Exchange keys…") })
	h.tap(b)
	h.tasks.Wait()
	own, err := st.OwnKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	line := exchange.KeyLine(own.Public().(ed25519.PublicKey))
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		shown := ""
		fyne.DoAndWait(func() { h.tasks.Interact(func() { shown = uitest.Text(uitest.Top(h.w)) }) })
		if strings.Contains(shown, line) {
			return
		}
	}
	t.Errorf("the keys window does not show the key line %q", line)
}
