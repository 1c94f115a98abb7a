package tasks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/userfile"
)

// received adds to the register an entry the lead's review package
// brought (with a closure file stored under a cleaned name) and one made
// here that the unit's submission changed since.
func received(op *opened) {
	imported := time.Date(2026, 6, 28, 1, 30, 0, 0, time.UTC)
	op.reg.tasks = append(op.reg.tasks,
		domain.Task{ID: 6, Source: domain.SourceReview, UnitID: 1, UnitName: "甲分局", ItemID: "A3", Problem: "制度未印发", Owner: "王五", Lost: 2.5,
			Due: day(2026, 9, 30), Kind: domain.KindDeadline, Status: domain.TaskInProgress,
			Files: []domain.TaskFile{{ID: 9, Name: "销号_佐证_.pdf", OriginalName: "销号<佐证>.pdf", Size: 2048, AddedBy: "王五",
				AddedAt: day(2026, 6, 29)}},
			Notes:  []domain.TaskNote{{At: day(2026, 6, 29), By: "王五", Kind: domain.NoteProgress, Text: "已起草"}},
			Origin: &domain.TaskOrigin{Kind: "review", Unit: "某某市公安局", Operator: "刘建国", Package: "p1", At: imported}},
		domain.Task{ID: 7, Source: domain.SourceManual, UnitID: 2, UnitName: "乙派出所", Problem: "本机的", Owner: "钱七",
			Due: day(2026, 9, 30), Kind: domain.KindDeadline, Status: domain.TaskOpen,
			Received: &domain.TaskOrigin{Kind: "submission", Unit: "乙派出所", Operator: "钱七", Package: "p2", At: imported}})
}

// labels returns the texts of every label under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	walkObjects(o, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*widget.Label); ok {
			out = append(out, x.Text)
		}
		return true
	})
	return out
}

// detailShown returns the labels of the details dialog on top of the
// window, nil when none is shown.
func (op *opened) detailShown() []string {
	top := op.w.Canvas().Overlays().Top()
	if top == nil || op.b.detail == nil {
		return nil
	}
	return labels(top)
}

func TestBoardOrigin(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Roles: domain.Roles})
	received(op)
	op.tasks.Interact(op.b.Reload)
	op.tasks.Wait()

	t.Run("the card says which package brought the entry", func(t *testing.T) {
		for _, c := range []struct {
			id    int
			title string
		}{
			{5, "#6 甲分局 · A3 [Review package (origin)]"},
			{6, "#7 乙派出所"}, // made here: a change a package brought is no origin
			{0, "#1 甲分局 · A1"},
		} {
			if title, _, _ := cardTexts(&op.reg.tasks[c.id], today); title != c.title {
				t.Errorf("card title %q, want %q", title, c.title)
			}
		}
	})
	t.Run("the origin filter", func(t *testing.T) {
		if got := op.b.filters.origin.Options; !slices.Equal(got, []string{"All", "Made here", "Review package (origin)"}) {
			t.Errorf("origin choices %q", got)
		}
		for _, c := range []struct {
			filter string
			want   []int64
		}{
			{"origin=Review package (origin)", []int64{6}},
			{"origin=Made here", []int64{1, 2, 3, 4, 5, 7}},
			{"origin=All", []int64{1, 2, 3, 4, 5, 6, 7}},
		} {
			op.do(t, "filter", c.filter)
			if got := op.shownIDs(); !slices.Equal(got, c.want) {
				t.Errorf("after %s: %v, want %v", c.filter, got, c.want)
			}
		}
	})
	t.Run("the details say where it came from and the files' given names", func(t *testing.T) {
		if !op.b.details.Disabled() {
			t.Error("Details… is enabled with no card selected")
		}
		op.do(t, "detail", "6")
		got := strings.Join(op.detailShown(), "\n")
		for _, want := range []string{
			"Review package (origin) · Sent by 某某市公安局 · Operator: 刘建国 · Imported 2026-06-28 01:30",
			"销号_佐证_.pdf(given as 销号<佐证>.pdf) · 2.0 KB · 王五 · 2026-06-29",
			"2026-06-29 王五: 已起草",
			"制度未印发",
			"By the deadline (kind)",
			"2.5 points",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("the details lack %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "Last changed by") {
			t.Errorf("the details name a later change no package made:\n%s", got)
		}
		op.tasks.Interact(func() { op.b.detail.Hide() })
		op.tasks.Wait()
		if op.b.detail != nil {
			t.Error("the details are still open after closing")
		}
	})
	t.Run("Enter and a double tap open the details", func(t *testing.T) {
		op.do(t, "select", "7")
		op.do(t, "key", "enter")
		op.do(t, "key", "down") // under the details: the selection stays
		if s := op.b.selected(); s == nil || s.ID != 7 {
			t.Errorf("a key under the details moved the selection to %+v", s)
		}
		got := strings.Join(op.detailShown(), "\n")
		for _, want := range []string{"Made here", "Last changed by",
			"Submission package (origin) · Sent by 乙派出所 · Operator: 钱七 · Imported 2026-06-28 01:30"} {
			if !strings.Contains(got, want) {
				t.Errorf("entry 7's details lack %q:\n%s", want, got)
			}
		}
		op.tasks.Interact(func() { op.b.key(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
		op.tasks.Wait()
		if op.b.detail != nil || op.w.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape did not close the details")
		}
		op.tasks.Interact(func() {
			c := op.findCard(6)
			if c == nil {
				t.Fatal("no card of entry 6 on screen")
			}
			test.DoubleTap(c)
		})
		op.tasks.Wait()
		if s := op.b.selected(); s == nil || s.ID != 6 {
			t.Fatalf("the double-tapped card is not selected: %+v", s)
		}
		op.tasks.Interact(func() { op.b.detail.Hide() })
		op.tasks.Wait()
		op.tasks.Interact(func() {
			c := op.findCard(3)
			if c == nil {
				t.Fatal("no card of entry 3 on screen")
			}
			test.Tap(c)
		})
		op.tasks.Wait()
		if s := op.b.selected(); s == nil || s.ID != 3 || op.b.detail != nil {
			t.Fatalf("a tap on entry 3's card: selected %+v, details shown %v", s, op.b.detail != nil)
		}
		op.do(t, "detail", "6")
		if got := strings.Join(op.detailShown(), "\n"); !strings.Contains(got, "Sent by 某某市公安局") {
			t.Errorf("a double tap did not show entry 6's details:\n%s", got)
		}
	})
}

// contentRegister serves closure files' contents.
type contentRegister struct {
	*fakeRegister
	content map[int64][]byte
}

func (c *contentRegister) TaskFileContent(ctx context.Context, id int64) ([]byte, error) {
	if b, ok := c.content[id]; ok {
		return b, nil
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no closure file %d", id)
}

// TestDetailSavesClosureFiles: each closure file in the details has a
// button that saves a copy of it; the copy holds the file's content, a
// refusal (the database's own file) is said and writes nothing.
func TestDetailSavesClosureFiles(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Roles: domain.Roles})
	received(op)
	dir := t.TempDir()
	db := filepath.Join(dir, "pingce.db")
	op.b.deps.Register = &contentRegister{fakeRegister: op.reg, content: map[int64][]byte{9: []byte("%PDF 销号佐证")}}
	op.b.deps.Outputs = userfile.NewGuard(db)
	op.tasks.Interact(op.b.Reload)
	op.tasks.Wait()
	op.do(t, "detail", "6")
	if findButton(op.w.Canvas().Overlays().Top(), "Save a copy…") == nil {
		t.Fatal("no Save a copy… button beside the closure file")
	}
	f := op.reg.tasks[5].Files[0]
	out := filepath.Join(dir, "副本.pdf")
	op.tasks.Interact(func() { op.b.saveFile(f, out) })
	op.tasks.Wait()
	if b, err := os.ReadFile(out); err != nil || string(b) != "%PDF 销号佐证" {
		t.Errorf("the copy holds %q (%v)", b, err)
	}
	if got := op.b.status.Text; !strings.Contains(got, out) {
		t.Errorf("status %q does not say where the copy went", got)
	}
	op.tasks.Interact(func() { op.b.saveFile(f, db) })
	op.tasks.Wait()
	if _, err := os.Stat(db); err == nil {
		t.Error("a copy was written over the database")
	}
	if got := op.b.status.Text; strings.Contains(got, "saved") {
		t.Errorf("status %q after a refused copy", got)
	}
}

// TestBoardTakesTheKeys: the board's keys reach the board — a widget
// focused before it opened (the home screen's list, where Enter opened an
// assessment) or a filter chosen since gives up the focus when the board
// shows and when a card is tapped.
func TestBoardTakesTheKeys(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("tasks")
	w.Resize(fyne.NewSize(1400, 800))
	// The shell swaps its screens inside one content, as ui.show does: the
	// window's focus outlives a screen.
	before := widget.NewEntry()
	shell := container.NewStack(before)
	w.SetContent(shell)
	w.Canvas().Focus(before)
	if w.Canvas().Focused() == nil {
		t.Fatal("the test could not focus a widget")
	}
	u := domain.User{Name: "刘建国", Roles: domain.Roles}
	op := &opened{w: w, reg: register(u), tasks: &kit.Tasks{}}
	op.tasks.Interact(func() {
		op.b = New(Deps{Window: w, Tasks: op.tasks, Register: op.reg, User: func() domain.User { return u },
			Now: func() time.Time { return today }})
		shell.Objects = []fyne.CanvasObject{op.b.Content()}
		shell.Refresh()
		op.b.Activate()
		op.b.Reload()
	})
	op.tasks.Wait()
	if f := w.Canvas().Focused(); f != nil {
		t.Errorf("the board shows with %T focused", f)
	}
	op.tasks.Interact(func() { w.Canvas().Focus(op.b.filters.unit) })
	if w.Canvas().Focused() == nil {
		t.Fatal("the test could not focus the filter")
	}
	// A click on a card: the window leaves the focus alone (the card's
	// list is focusable), so the card's tap is all that runs.
	op.tasks.Interact(func() {
		c := op.findCard(3)
		if c == nil {
			t.Fatal("no card of entry 3")
		}
		c.Tapped(&fyne.PointEvent{})
	})
	op.tasks.Wait()
	if f := w.Canvas().Focused(); f != nil {
		t.Errorf("after a tap on a card %T keeps the focus", f)
	}
	if s := op.b.selected(); s == nil || s.ID != 3 {
		t.Errorf("the tapped card is not selected: %+v", s)
	}
}

// TestBoardWhenLoaded: a callback waits for the reload under way, and
// runs at once when none is.
func TestBoardWhenLoaded(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Roles: domain.Roles})
	received(op)
	shown := -1
	op.tasks.Interact(func() {
		op.b.Reload()
		op.b.WhenLoaded(func(err error) { shown = len(op.b.all) })
		if shown != -1 {
			t.Error("WhenLoaded ran before the reload")
		}
	})
	op.tasks.Wait()
	if shown != 7 {
		t.Errorf("WhenLoaded saw %d entries, want the 7 reloaded", shown)
	}
	now := false
	op.tasks.Interact(func() { op.b.WhenLoaded(func(error) { now = true }) })
	if !now {
		t.Error("WhenLoaded with no reload under way did not run at once")
	}
}
