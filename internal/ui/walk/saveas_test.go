package walk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// TestOpenOffersSaveForPrograms never hands a program or script to the
// system to open (issue 10 #8: a disguised executable from a shared
// database would run): Open offers to save it instead, and writes nothing.
func TestOpenOffersSaveForPrograms(t *testing.T) {
	saved := evidenceTemp
	evidenceTemp = &tempFiles{root: t.TempDir()}
	defer func() { evidenceTemp = saved }()
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	for _, name := range []string{"report\u202efdp.exe", "run.bat", "a.pdf.lnk"} {
		if _, err := s.AddEvidence(ctx, a.ID, "A1", name, strings.NewReader("MZ "+name)); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("A1")
	opens := h.v.pane.form.files.opens
	if len(opens) != 3 {
		t.Fatalf("%d open buttons", len(opens))
	}
	for i := range opens {
		test.Tap(h.v.pane.form.files.opens[i])
		h.settle()
		if i == 0 {
			h.shot("evidence-not-opened")
		}
		h.overlayButton("另存为…")
		test.Tap(h.overlayButton("取消"))
	}
	if evidenceTemp.dir != "" {
		t.Errorf("files written for the system's opener in %s", evidenceTemp.dir)
	}
}

// TestWriteEvidence saves a file where the user says, never onto the
// database.
func TestWriteEvidence(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	ev, err := s.AddEvidence(ctx, a.ID, "A1", "setup.exe", strings.NewReader("program"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	dir := t.TempDir()
	db := filepath.Join(dir, "pingce.db")
	if err := os.WriteFile(db, []byte("database"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.v.deps.Outputs = userfile.NewGuard(db)
	if err := h.v.writeEvidence(ctx, *ev, db); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("saving onto the database: %v", err)
	}
	if b, _ := os.ReadFile(db); string(b) != "database" {
		t.Errorf("the database holds %q", b)
	}
	out := filepath.Join(dir, "setup.exe")
	if err := h.v.writeEvidence(ctx, *ev, out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "program" {
		t.Errorf("saved %q", b)
	}
}
