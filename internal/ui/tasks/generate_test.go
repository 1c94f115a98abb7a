package tasks

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// TestGenerateFromShortfalls proposes the entries of an assessment that
// lost points, lets the user change one row and leave one out, and saves
// the rest together into the register (here the real store).
func TestGenerateFromShortfalls(t *testing.T) {
	st := storagetest.Open(t)
	a := storagetest.Fixture(t, st)
	ctx := domain.WithActor(context.Background(), "刘建国")
	answers := storagetest.FullAnswers()
	answers["B1"] = domain.Answer{Count: domain.Int(1)} // 命案: lost 5
	for id, ans := range answers {
		if _, err := st.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	app := test.NewTempApp(t)
	w := app.NewWindow("tasks")
	w.Resize(fyne.NewSize(1300, 800))
	tasks := &kit.Tasks{Context: func() context.Context { return ctx }, OnError: func(err error) { t.Errorf("background: %v", err) }}
	var b *Board
	tasks.Interact(func() {
		b = New(Deps{Window: w, Tasks: tasks, Register: st, Assessments: st,
			User: func() domain.User { return domain.User{Name: "刘建国", Roles: domain.Roles} },
			Now:  func() time.Time { return time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC) }})
		w.SetContent(b.Content())
		b.Reload()
	})
	tasks.Wait()
	do := func(action, arg string) {
		t.Helper()
		var err error
		tasks.Interact(func() { err = b.Do(action, arg) })
		tasks.Wait()
		if err != nil {
			t.Fatal(err)
		}
	}
	do("generate", "1")
	if b.gen == nil {
		t.Fatal("no generation table")
	}
	shot(t, w, "generate")
	var items []string
	for _, r := range b.gen.rows {
		items = append(items, r.task.ItemID)
		if r.task.Owner != "某某区公安分局" || r.task.Measure != DefaultMeasure || domain.DateText(r.task.Due) != "2026-07-31" || !r.include {
			t.Errorf("row %+v", r)
		}
	}
	if !slices.Equal(items, []string{"A2", "B1"}) {
		t.Fatalf("proposed %v", items)
	}
	// The user sets one person for all, then leaves B1 out.
	tasks.Interact(func() {
		b.gen.owner.SetText("王五")
		b.gen.applyAll()
		b.gen.rows[1].include = false
		b.gen.updateSummary()
	})
	if got := b.gen.summary.Text; got != "1 of 2 entries will be saved" {
		t.Errorf("summary %q", got)
	}
	do("generate-save", "")
	ts, err := st.ListTasks(ctx, domain.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].ItemID != "A2" || ts[0].Owner != "王五" || ts[0].Source != domain.SourceShortfall {
		t.Fatalf("saved %+v", ts)
	}
	if got := len(b.all); got != 1 {
		t.Errorf("the board shows %d entries after saving", got)
	}
	do("generate", "1") // A2 has its open entry now: B1 only
	if b.gen == nil || len(b.gen.rows) != 1 || b.gen.rows[0].task.ItemID != "B1" {
		t.Fatalf("second generation: %+v", b.gen)
	}
}

// shot writes the window to a PNG under $PINGCE_SHOTS (when set) to look at.
func shot(t *testing.T, w fyne.Window, name string) {
	dir := os.Getenv("PINGCE_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
