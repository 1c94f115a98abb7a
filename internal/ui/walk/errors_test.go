package walk

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	pstorage "pingce/internal/storage"
	"pingce/internal/ui/kit"
)

// deniedStore is the real store whose answer saves fail as the operating
// system refuses a write.
type deniedStore struct{ *pstorage.Store }

func (d deniedStore) SaveAnswer(context.Context, int64, string, domain.Answer) (*domain.Result, error) {
	return nil, fmt.Errorf("write the database: %w", fs.ErrPermission)
}

// TestPermissionErrorSaysSo: a save the system refuses says that Pingce may
// not write there, not "something went wrong" (which it once said, its own
// error text knowing domain codes only).
func TestPermissionErrorSaysSo(t *testing.T) {
	s, a := fixture(t)
	d := deniedStore{s}
	h := newHarness(t, d, d, a.ID)
	v := h.v
	v.ShowItem("A2")
	test.Type(v.pane.form.note, "台账在档案室")
	h.settle()
	want := kit.ErrorText(fs.ErrPermission)
	internal := kit.ErrorText(domain.Errorf(domain.EINTERNAL, "x"))
	got := v.bar.status.Text
	if !strings.Contains(got, want) || strings.Contains(got, internal) {
		t.Fatalf("status %q, want it to say %q", got, want)
	}
	if !v.bar.retry.Visible() {
		t.Error("no retry button")
	}
}
