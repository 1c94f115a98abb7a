package walk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/ui/answerform"
)

func TestTempFiles(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	add := func(item, name, body string) domain.Evidence {
		e, err := s.AddEvidence(ctx, a.ID, item, name, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return *e
	}
	one := add("A1", "制度.txt", "first")
	two := add("A2", "制度.txt", "second, longer")
	root := t.TempDir()
	tf := &tempFiles{root: root}

	p1, err := tf.write(ctx, s, one)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := tf.write(ctx, s, two)
	if err != nil {
		t.Fatal(err)
	}
	again, err := tf.write(ctx, s, one)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("one folder per process, files of the same name apart", func(t *testing.T) {
		if p1 == p2 || filepath.Base(p1) != "制度.txt" || filepath.Base(p2) != "制度.txt" {
			t.Fatalf("paths %s and %s", p1, p2)
		}
		if again != p1 {
			t.Errorf("opening the file again wrote it to %s, not %s", again, p1)
		}
		dirs, _ := os.ReadDir(root)
		if len(dirs) != 1 || !strings.HasPrefix(dirs[0].Name(), tempPrefix) {
			t.Fatalf("folders under the temporary folder: %v", dirs)
		}
		if b, _ := os.ReadFile(p2); string(b) != "second, longer" {
			t.Errorf("content %q", b)
		}
	})
	t.Run("stale folders of earlier runs go at start, recent ones stay", func(t *testing.T) {
		old := filepath.Join(root, tempPrefix+"old")
		recent := filepath.Join(root, tempPrefix+"recent")
		other := filepath.Join(root, "someone-else")
		for _, d := range []string{old, recent, other} {
			if err := os.MkdirAll(filepath.Join(d, "1"), 0o700); err != nil {
				t.Fatal(err)
			}
		}
		long := time.Now().Add(-2 * tempStale)
		for _, d := range []string{old, other} {
			if err := os.Chtimes(d, long, long); err != nil {
				t.Fatal(err)
			}
		}
		ownOld := filepath.Dir(filepath.Dir(p1))
		if err := os.Chtimes(ownOld, long, long); err != nil {
			t.Fatal(err)
		}
		tf.removeStale(time.Now())
		for d, want := range map[string]bool{old: false, recent: true, other: true, ownOld: true} {
			if _, err := os.Stat(d); (err == nil) != want {
				t.Errorf("%s: exists %v, want %v", filepath.Base(d), err == nil, want)
			}
		}
	})
	t.Run("removed at quit", func(t *testing.T) {
		dir := filepath.Dir(filepath.Dir(p1))
		if err := tf.remove(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("%s still there: %v", dir, err)
		}
		p, err := tf.write(ctx, s, one)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "first" {
			t.Errorf("after removal, content %q", b)
		}
		_ = tf.remove()
	})
}

// TestOpenEvidenceUsesTheProcessFolder opens a file from the view and checks
// that it goes to the process's folder, which RemoveTempFiles removes.
func TestOpenEvidenceUsesTheProcessFolder(t *testing.T) {
	saved := evidenceTemp
	evidenceTemp = &tempFiles{root: t.TempDir()}
	defer func() { evidenceTemp = saved }()
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "张三")
	if _, err := s.AddEvidence(ctx, a.ID, "A1", "a.txt", strings.NewReader("x")); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("A1")
	if len(h.v.pane.form.files.opens) != 1 {
		t.Fatalf("%d open buttons", len(h.v.pane.form.files.opens))
	}
	test.Tap(h.v.pane.form.files.opens[0])
	h.settle()
	dir := evidenceTemp.dir
	if dir == "" {
		t.Fatal("no folder made")
	}
	if _, err := os.Stat(filepath.Join(dir, "1", "a.txt")); err != nil {
		t.Fatal(err)
	}
	if err := RemoveTempFiles(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("folder left after RemoveTempFiles: %v", err)
	}
}

// TestKeysInTextEntries: Ctrl+arrows in the note and the N/A reason move by
// word; PageUp / PageDown and Alt+arrows always change item.
func TestKeysInTextEntries(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: answerform.WordModifier()}
	}
	alt := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
	}
	v.ShowItem("A2")
	note := v.pane.form.note
	h.w.Canvas().Focus(note)
	test.Type(note, "制度 已 建立")
	before := note.CursorColumn
	note.TypedShortcut(ctrl(fyne.KeyLeft))
	mustEqual(t, "item after Ctrl+Left in the note", v.nav.current, "A2")
	if note.CursorColumn >= before {
		t.Errorf("Ctrl+Left did not move the cursor back a word: column %d, was %d", note.CursorColumn, before)
	}
	if answerform.WordModifier() != fyne.KeyModifierAlt {
		note.TypedShortcut(alt(fyne.KeyRight))
		mustEqual(t, "item after Alt+Right in the note", v.nav.current, "A3")
	} else {
		v.ShowItem("A3")
	}
	// In the multi-line note PageUp moves through the text (issue 11 #2);
	// Alt+← changes item.
	v.pane.form.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	mustEqual(t, "item after PageUp in the note", v.nav.current, "A3")
	if answerform.WordModifier() != fyne.KeyModifierAlt {
		v.pane.form.note.TypedShortcut(alt(fyne.KeyLeft))
	} else {
		v.ShowItem("A2")
	}
	mustEqual(t, "item after Alt+Left in the note", v.nav.current, "A2")
	mustEqual(t, "note kept", v.pane.form.note.Text, "制度 已 建立")

	v.pane.form.na.SetChecked(true)
	reason := v.pane.form.reason
	test.Type(reason, "无此业务")
	reason.TypedShortcut(ctrl(fyne.KeyLeft))
	mustEqual(t, "item after Ctrl+Left in the reason", v.nav.current, "A2")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	mustEqual(t, "item after PageDown in the reason", v.nav.current, "A3")

	t.Run("Alt+arrows on the window", func(t *testing.T) {
		h.w.Canvas().Unfocus()
		h.w.Canvas().(fyne.Shortcutable).TypedShortcut(alt(fyne.KeyRight))
		mustEqual(t, "item", v.nav.current, "A4")
		h.w.Canvas().(fyne.Shortcutable).TypedShortcut(alt(fyne.KeyLeft))
		mustEqual(t, "item", v.nav.current, "A3")
	})
	t.Run("Alt+arrows in a number", func(t *testing.T) {
		v.ShowItem("A3")
		v.pane.form.main.Value.TypedShortcut(alt(fyne.KeyRight))
		mustEqual(t, "item", v.nav.current, "A4")
	})
	h.settle()
	ws, err := s.OpenAssessment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "stored note", ws.Answers.Answers["A2"].Note, "制度 已 建立")
	mustEqual(t, "stored reason", ws.Answers.Answers["A2"].Reason, "无此业务")
}

// TestBusy: Busy holds while a typed change waits for its save and while
// the save runs, and clears once it is stored.
func TestBusy(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.saves.Delay = time.Hour
	v.ShowItem("A2")
	if v.Busy() {
		t.Fatal("busy before any change")
	}
	test.Type(v.pane.form.note, "x")
	if !v.Busy() {
		t.Fatal("not busy with a save scheduled")
	}
	v.Close()
	if !v.Busy() {
		t.Fatal("not busy while the save runs")
	}
	h.settle()
	if v.Busy() {
		t.Fatal("busy after the save")
	}
}
