package home

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/assets"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// harness is the home screen on the test driver with a real store.
type harness struct {
	t      *testing.T
	home   *Home
	w      fyne.Window
	store  *storage.Store
	tasks  *kit.Tasks
	opened []int64 // the assessments the screen asked to open
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 780))
	h := &harness{t: t, w: w, store: storagetest.Open(t)}
	h.tasks = &kit.Tasks{
		Context: func() context.Context {
			return domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
		},
		OnError: func(err error) { t.Errorf("background work: %v", err) },
	}
	h.home = New(Deps{
		Window: w, Assessments: h.store, Tasks: h.tasks, CanExport: true,
		Who:    func() (string, string) { return "某某区公安分局", "张三" },
		OnOpen: func(id int64) { h.opened = append(h.opened, id) },
	})
	w.SetContent(h.home.Content())
	w.Canvas().SetOnTypedKey(h.home.TypedKey)
	h.reload()
	return h
}

// seed stores the built-in catalog and an assessment with some answers.
func (h *harness) seed(unit domain.Unit, round string, status domain.AssessmentStatus, answers int) int64 {
	h.t.Helper()
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		h.t.Fatal(err)
	}
	return uitest.Seed(h.t, h.store, c, unit, round, status, answers)
}

// interact runs f as the UI goroutine would, see kit.Tasks.Interact.
func (h *harness) interact(f func()) { h.tasks.Interact(f) }

// tap taps o as the user would, see interact.
func (h *harness) tap(o fyne.Tappable) { h.interact(func() { test.Tap(o) }) }

// reload reloads the list and waits for it.
func (h *harness) reload() {
	h.home.Reload()
	h.tasks.Wait()
}

// Select selects the i-th assessment shown (tests).
func (h *Home) Select(i int) { h.list.Select(i) }

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	uitest.CheckTranslations(t, ".", zh)
}

func TestListShowsProgressAndScore(t *testing.T) {
	h := newHarness(t)
	h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 5)
	h.reload()
	shown := h.home.Shown()
	if len(shown) != 1 {
		t.Fatalf("shown = %d", len(shown))
	}
	if shown[0].Answered == 0 || shown[0].Final <= 0 {
		t.Fatalf("summary = %+v", shown[0])
	}
	var row *assessmentRow
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("no row drawn")
	}
	if row.cells[1].Text != "2026-Q3" || row.cells[3].Text != lang.L("Draft") ||
		row.cells[5].Text != kit.Number(shown[0].Final) || row.cells[6].Text != shown[0].Grade {
		t.Errorf("row = %q %q %q %q", row.cells[1].Text, row.cells[3].Text, row.cells[5].Text, row.cells[6].Text)
	}
	if row.bar.Value <= 0 || row.bar.Value >= 1 {
		t.Errorf("progress = %v", row.bar.Value)
	}
}

func TestFilter(t *testing.T) {
	h := newHarness(t)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	h.seed(unit, "2026-Q2", domain.Approved, 3)
	h.seed(unit, "2026-Q3", domain.Draft, 2)
	h.seed(domain.Unit{Name: "某某派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 1)
	h.reload()
	home := h.home
	tests := []struct {
		name, round, status string
		want                int
	}{
		{"all", lang.L("All rounds"), lang.L("All statuses"), 3},
		{"round", "2026-Q3", lang.L("All statuses"), 2},
		{"round and status", "2026-Q3", lang.L("Draft"), 1},
		{"status", lang.L("All rounds"), lang.L("Approved"), 1},
		{"nothing", "2026-Q2", lang.L("Draft"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home.roundFilter.SetSelected(tc.round)
			home.statusFilter.SetSelected(tc.status)
			if got := len(home.Shown()); got != tc.want {
				t.Fatalf("shown = %d, want %d", got, tc.want)
			}
			if empty := home.empty.Visible(); empty != (tc.want == 0) {
				t.Errorf("empty note visible = %v", empty)
			}
		})
	}
}

func TestDeleteDraft(t *testing.T) {
	h := newHarness(t)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	sub := h.seed(unit, "2026-Q2", domain.Submitted, 1)
	draft := h.seed(unit, "2026-Q3", domain.Draft, 1)
	h.reload()
	home := h.home
	indexOf := func(id int64) int {
		for i, a := range home.Shown() {
			if a.ID == id {
				return i
			}
		}
		t.Fatalf("assessment %d not shown", id)
		return -1
	}
	t.Run("submitted cannot be deleted", func(t *testing.T) {
		home.Select(indexOf(sub))
		if !home.deleteButton.Disabled() {
			t.Fatal("delete enabled for a submitted assessment")
		}
		home.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		if h.w.Canvas().Overlays().Top() != nil {
			t.Fatal("Delete asked about a submitted assessment")
		}
	})
	t.Run("cancel keeps the draft", func(t *testing.T) {
		home.Select(indexOf(draft))
		h.tap(home.deleteButton)
		if !strings.Contains(uitest.Text(uitest.Top(h.w)), "2026-Q3") {
			t.Fatalf("no confirmation: %q", uitest.Text(uitest.Top(h.w)))
		}
		h.tap(uitest.Button(t, uitest.Top(h.w), lang.L("Cancel")))
		h.tasks.Wait()
		if _, err := h.store.OpenAssessment(context.Background(), draft); err != nil {
			t.Fatal("draft deleted without confirmation")
		}
	})
	t.Run("Delete key and confirm delete it", func(t *testing.T) {
		home.Select(indexOf(draft))
		home.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		home.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // a dialog shows: Enter must not open
		h.tasks.Wait()
		if len(h.opened) != 0 {
			t.Fatal("Enter opened an assessment behind the dialog")
		}
		h.tap(uitest.Button(t, uitest.Top(h.w), lang.L("Delete")))
		h.tasks.Wait()
		if _, err := h.store.OpenAssessment(context.Background(), draft); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("draft still there: %v", err)
		}
		if got := len(home.Shown()); got != 1 {
			t.Fatalf("shown = %d after delete", got)
		}
	})
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name string
		do   func(h *harness)
	}{
		{"Enter", func(h *harness) {
			h.interact(func() { h.home.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
		}},
		{"button", func(h *harness) { h.tap(h.home.openButton) }},
		{"double click", func(h *harness) {
			for _, o := range test.LaidOutObjects(h.w.Content()) {
				if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
					h.tap(r)
					h.tap(r)
					return
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			id := h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 1)
			h.reload()
			h.home.Select(0)
			tc.do(h)
			h.tasks.Wait()
			if len(h.opened) != 1 || h.opened[0] != id {
				t.Fatalf("opened %v, want assessment %d", h.opened, id)
			}
		})
	}
}

func TestSingleTapSelects(t *testing.T) {
	h := newHarness(t)
	unit := domain.Unit{Name: "某某区公安分局", Type: "分县局"}
	h.seed(unit, "2026-Q2", domain.Draft, 1)
	h.seed(unit, "2026-Q3", domain.Draft, 1)
	h.reload()
	var rows []*assessmentRow
	for _, o := range test.LaidOutObjects(h.w.Content()) {
		if r, ok := o.(*assessmentRow); ok && r.Visible() && r.cells[0].Text != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("%d rows drawn", len(rows))
	}
	target := rows[len(rows)-1]
	h.tap(target)
	h.tasks.Wait()
	if s := h.home.Selected(); s == nil || s.Round != target.cells[1].Text {
		t.Fatalf("selected %+v, want %s", s, target.cells[1].Text)
	}
	if len(h.opened) != 0 {
		t.Fatal("a single tap opened the assessment")
	}
	if h.home.deleteButton.Disabled() {
		t.Fatal("delete disabled for a selected draft")
	}
}

// TestLeavingLetsGoOfTheKeys: when the shell puts another screen in home's
// place (it swaps the content, as ui.show does, and closes home), Enter
// typed on that screen no longer reaches home's hidden list, which opened
// the assessment selected there.
func TestLeavingLetsGoOfTheKeys(t *testing.T) {
	h := newHarness(t)
	h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 5)
	h.reload()
	root := container.NewStack(h.home.Content())
	h.w.SetContent(root)
	h.interact(func() {
		h.home.Select(0)
		h.home.Focus()
	})
	if h.w.Canvas().Focused() == nil {
		t.Fatal("the list does not take the focus")
	}
	h.interact(func() {
		root.Objects = []fyne.CanvasObject{widget.NewLabel("整改台账")}
		root.Refresh()
		h.home.Close()
		if f := h.w.Canvas().Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
	})
	h.tasks.Wait()
	if len(h.opened) != 0 {
		t.Errorf("Enter on the screen shown after home opened assessment %v", h.opened)
	}
}
