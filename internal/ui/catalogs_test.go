package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

// TestCatalogsFromHome opens the catalog screen from the home screen: an
// administrator has the button, a staff user does not.
func TestCatalogsFromHome(t *testing.T) {
	st := bureauStore(t)
	t.Run("staff", func(t *testing.T) {
		u := bureauShell(t, st, domain.RoleStaff)
		if b, ok := uitest.Find(u.Content(), func(b *widget.Button) bool { return b.Text == "Catalogs" }); ok && b.Visible() {
			t.Error("the catalogs button shows for a staff user")
		}
	})
	u := bureauShell(t, st, domain.RoleAdmin)
	b := uitest.Button(t, u.Content(), "Catalogs")
	if !b.Visible() {
		t.Fatal("no catalogs button for an administrator")
	}
	tap(u, b)
	u.wait()
	over := u.deps.Window.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no dialog")
	}
	text := uitest.Text(over)
	for _, want := range []string{"Catalogs", "demo-city-ref@2026.1", "items, 1000 points"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
}
