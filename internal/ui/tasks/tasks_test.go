package tasks

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// fakeRegister keeps entries in memory and takes steps by the domain's rules.
type fakeRegister struct {
	mu    sync.Mutex
	tasks []domain.Task
	user  domain.User
	now   time.Time
	steps []string // "id:action" of each step taken
}

func (f *fakeRegister) CreateTasks(ctx context.Context, ts []domain.Task) ([]domain.Task, error) {
	return nil, fmt.Errorf("not in this test")
}

func (f *fakeRegister) ListTasks(ctx context.Context, flt domain.TaskFilter) ([]domain.Task, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []domain.Task
	for _, t := range f.tasks {
		if flt.Match(&t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func (f *fakeRegister) Task(ctx context.Context, id int64) (*domain.Task, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.tasks {
		if f.tasks[i].ID == id {
			t := f.tasks[i]
			return &t, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no entry %d", id)
}

func (f *fakeRegister) EditTask(ctx context.Context, id int64, next domain.Task) (*domain.Task, error) {
	return nil, fmt.Errorf("not in this test")
}

func (f *fakeRegister) StepTask(ctx context.Context, id int64, act domain.TaskAction, in domain.TaskStep) (*domain.Task, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.tasks {
		if f.tasks[i].ID == id {
			t := f.tasks[i]
			if err := t.Step(f.user, act, in, f.now); err != nil {
				return nil, err
			}
			f.tasks[i] = t
			f.steps = append(f.steps, fmt.Sprintf("%d:%s", id, act))
			return &t, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no entry %d", id)
}

func (f *fakeRegister) AddTaskFile(ctx context.Context, id int64, name string, r io.Reader) (*domain.TaskFile, error) {
	return nil, fmt.Errorf("not in this test")
}

func (f *fakeRegister) TaskFileContent(ctx context.Context, id int64) ([]byte, error) {
	return nil, fmt.Errorf("not in this test")
}

var today = time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// register: two units, entries in several statuses and colours.
func register(u domain.User) *fakeRegister {
	file := []domain.TaskFile{{ID: 1, Name: "报告.pdf"}}
	return &fakeRegister{user: u, now: today, tasks: []domain.Task{
		{ID: 1, Source: domain.SourceShortfall, UnitID: 1, UnitName: "甲分局", ItemID: "A1", Problem: "台账不全", Owner: "王五",
			Due: day(2026, 6, 20), Kind: domain.KindDeadline, Status: domain.TaskInProgress, Files: file}, // red
		{ID: 2, Source: domain.SourceReview, UnitID: 1, UnitName: "甲分局", ItemID: "A2", Problem: "记录缺失", Owner: "赵六",
			Due: day(2026, 7, 5), Kind: domain.KindDeadline, Status: domain.TaskClosureRequested, Files: file}, // blue
		{ID: 3, Source: domain.SourceShortfall, UnitID: 2, UnitName: "乙派出所", ItemID: "A1", Problem: "巡逻不足", Owner: "王五",
			Due: day(2026, 9, 30), Kind: domain.KindOngoing, Status: domain.TaskOpen, CreatedAt: day(2026, 6, 25)}, // none
		{ID: 4, Source: domain.SourceManual, UnitID: 2, UnitName: "乙派出所", Problem: "已整改", Owner: "钱七",
			Due: day(2026, 6, 1), Kind: domain.KindImmediate, Status: domain.TaskClosed, Files: file}, // closed
		{ID: 5, Source: domain.SourceShortfall, UnitID: 2, UnitName: "乙派出所", ItemID: "B1", Problem: "退回的", Owner: "钱七",
			Due: day(2026, 9, 30), Kind: domain.KindDeadline, Status: domain.TaskInProgress, Returned: true, Files: file}, // yellow
	}}
}

type opened struct {
	b     *Board
	tasks *kit.Tasks
	w     fyne.Window
	reg   *fakeRegister
}

func open(t *testing.T, u domain.User) *opened {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("tasks")
	w.Resize(fyne.NewSize(1400, 800))
	op := &opened{w: w, reg: register(u)}
	op.tasks = &kit.Tasks{OnError: func(err error) { t.Errorf("background work: %v", err) }}
	op.tasks.Interact(func() {
		op.b = New(Deps{Window: w, Tasks: op.tasks, Register: op.reg, User: func() domain.User { return u },
			Now: func() time.Time { return today }, OnBack: func() {}})
		w.SetContent(op.b.Content())
		op.b.Activate()
		op.b.Reload()
	})
	op.tasks.Wait()
	return op
}

func (op *opened) do(t *testing.T, action, arg string) {
	t.Helper()
	var err error
	op.tasks.Interact(func() { err = op.b.Do(action, arg) })
	op.tasks.Wait()
	if err != nil {
		t.Fatal(err)
	}
}

// shownIDs returns the ids of the entries the board shows, in order.
func (op *opened) shownIDs() []int64 {
	var out []int64
	for _, col := range op.columns() {
		out = append(out, col...)
	}
	slices.Sort(out)
	return out
}

// columns returns the entry ids of each column.
func (op *opened) columns() [][]int64 {
	out := make([][]int64, len(op.b.shown))
	for c := range op.b.shown {
		for _, i := range op.b.shown[c] {
			out[c] = append(out[c], op.b.all[i].ID)
		}
	}
	return out
}

func TestBoardColumnsAndColours(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Roles: domain.Roles})
	// Columns: 待整改, 整改中, 申请延期, 已延期, 申请销号, 已销号.
	want := [][]int64{{3}, {1, 5}, nil, nil, {2}, {4}}
	if got := op.columns(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("columns %v, want %v", got, want)
	}
	if got := op.b.heads[1].Text; got != "In rectification（2）" {
		t.Errorf("head %q", got)
	}
	colours := map[int64]domain.TaskColour{1: domain.ColourRed, 2: domain.ColourBlue, 3: domain.ColourNone, 4: domain.ColourNone, 5: domain.ColourYellow}
	for c, l := range op.b.lists {
		for r := range op.b.shown[c] {
			item := l.CreateItem()
			op.b.fillCard(c, r, item)
			id := op.b.all[op.b.shown[c][r]].ID
			bg := item.(*card).bg
			if bg.FillColor != CardColour(colours[id]) {
				t.Errorf("entry %d coloured %v, want %s", id, bg.FillColor, colours[id])
			}
		}
	}
	title, _, meta := cardTexts(&op.reg.tasks[0], today)
	if title != "#1 甲分局 · A1" || meta != "11 days overdue · 2026-06-20 · 王五" {
		t.Errorf("card %q / %q", title, meta)
	}
	if got := op.b.status.Text; got != "5 entries, 1 closed (20%), 1 overdue" {
		t.Errorf("status %q", got)
	}
	if n := len(op.b.units.Objects); n != 2 {
		t.Fatalf("%d unit bars", n)
	}
	// Units by name: 乙派出所 (1 of 3 closed), then 甲分局 (0 of 2).
	for i, want := range []float64{1.0 / 3, 0} {
		bar := op.b.units.Objects[i].(*fyne.Container).Objects[1].(*widget.ProgressBar)
		if bar.Value < want-0.001 || bar.Value > want+0.001 {
			t.Errorf("unit %d: closure rate %v, want %v", i, bar.Value, want)
		}
	}
}

func TestBoardFilters(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Roles: domain.Roles})
	for _, c := range []struct {
		filter string
		want   []int64
	}{
		{"unit=乙派出所", []int64{3, 4, 5}},
		{"owner=王五", []int64{3}}, // with the unit filter still on
		{"unit=All", []int64{1, 3}},
		{"item=A1", []int64{1, 3}},
		{"owner=All", []int64{1, 3}},
		{"item=All", []int64{1, 2, 3, 4, 5}},
		{"source=Review", []int64{2}},
	} {
		op.do(t, "filter", c.filter)
		if got := op.shownIDs(); !slices.Equal(got, c.want) {
			t.Errorf("after %s: %v, want %v", c.filter, got, c.want)
		}
	}
}

func TestBoardMovesByTheRules(t *testing.T) {
	t.Run("the unit starts and applies", func(t *testing.T) {
		op := open(t, domain.User{Name: "王五", Unit: 2, Roles: []domain.Role{domain.RoleStaff}})
		op.do(t, "select", "3")
		if op.b.forward.Disabled() || !op.b.back.Disabled() {
			t.Fatal("the unit cannot start its entry")
		}
		// Ctrl+→ on the window moves the card on.
		op.tasks.Interact(func() {
			c, ok := op.w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) })
			if !ok {
				t.Fatal("the test canvas takes no shortcuts")
			}
			c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault})
		})
		op.tasks.Wait()
		if !slices.Equal(op.reg.steps, []string{"3:task_start"}) {
			t.Fatalf("steps %v", op.reg.steps)
		}
		if got := op.columns()[1]; !slices.Contains(got, 3) {
			t.Fatalf("entry 3 is not in 整改中: %v", op.columns())
		}
		if op.b.selected() == nil || op.b.selected().ID != 3 {
			t.Fatal("the moved card is not selected")
		}
		op.do(t, "forward", "") // apply for closure: entry 3 has no evidence
		if len(op.reg.steps) != 1 {
			t.Fatalf("applied without evidence: %v", op.reg.steps)
		}
		op.do(t, "select", "2")
		if !op.b.forward.Disabled() {
			t.Error("the unit may close another unit's entry")
		}
	})
	t.Run("the lead closes with a comment; keys select", func(t *testing.T) {
		op := open(t, domain.User{Name: "刘建国", Unit: 9, Roles: []domain.Role{domain.RoleReviewer}})
		op.do(t, "select", "3")
		if !op.b.forward.Disabled() {
			t.Error("the lead may start the unit's work")
		}
		op.do(t, "key", "right") // from 待整改 to 整改中
		if s := op.b.selected(); s == nil || s.ID != 1 {
			t.Fatalf("right arrow selected %+v", s)
		}
		op.do(t, "key", "down")
		if s := op.b.selected(); s == nil || s.ID != 5 {
			t.Fatalf("down arrow selected %+v", s)
		}
		op.do(t, "key", "right") // 申请延期 and 已延期 are empty: 申请销号
		if s := op.b.selected(); s == nil || s.ID != 2 {
			t.Fatalf("right arrow selected %+v", s)
		}
		if op.b.forward.Text != "Close the entry" {
			t.Errorf("forward button says %q", op.b.forward.Text)
		}
		op.do(t, "forward", "")
		// A form asks for the comment; fill it in and confirm.
		op.tasks.Interact(func() {
			entry := findEntry(op.w.Canvas().Overlays().Top())
			if entry == nil {
				t.Fatal("no comment form")
			}
			test.Type(entry, "经核查已整改")
			confirmForm(t, op.w.Canvas().Overlays().Top())
		})
		op.tasks.Wait()
		if !slices.Equal(op.reg.steps, []string{"2:task_close"}) {
			t.Fatalf("steps %v", op.reg.steps)
		}
		if got := op.columns()[5]; !slices.Contains(got, 2) {
			t.Fatalf("entry 2 is not closed: %v", op.columns())
		}
		if c, _ := op.reg.Task(context.Background(), 2); c.ClosedComment != "经核查已整改" {
			t.Errorf("comment %q", c.ClosedComment)
		}
	})
}

func findEntry(o fyne.CanvasObject) *widget.Entry {
	switch x := o.(type) {
	case *widget.Entry:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if e := findEntry(c); e != nil {
				return e
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if e := findEntry(c); e != nil {
				return e
			}
		}
	}
	return nil
}

// walkObjects calls fn on o and on every object under it, through
// containers and widgets' renderers; where fn returns false, it does not
// go below that object.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if !fn(o) {
		return
	}
	var under []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		under = x.Objects
	case fyne.Widget:
		under = test.WidgetRenderer(x).Objects()
	}
	for _, c := range under {
		walkObjects(c, fn)
	}
}

func confirmForm(t *testing.T, o fyne.CanvasObject) {
	var btn *widget.Button
	walkObjects(o, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*widget.Button); ok && (x.Text == "OK" || x.Text == "确定") {
			btn = x
		}
		return btn == nil
	})
	if btn == nil {
		t.Fatal("no OK button")
	}
	test.Tap(btn)
}

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(assets.ChromeFont()))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range domain.TaskStatuses { // the column heads are bold
		for _, r := range domain.TaskStatusNames[st] + "（）0123456789" {
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("the bold font lacks %c of the column heads", r)
			}
		}
	}
}

// BenchmarkOpen5000 opens the board on 5,000 entries: sorting them into
// columns, the filters' choices, the counts per unit and the first layout
// (goal < 300 ms with the storage read, docs/performance.md).
func BenchmarkOpen5000(b *testing.B) {
	a := test.NewTempApp(b)
	w := a.NewWindow("tasks")
	w.Resize(fyne.NewSize(1400, 800))
	reg := &fakeRegister{now: today}
	for i := range 5000 {
		reg.tasks = append(reg.tasks, domain.Task{ID: int64(i + 1), Source: domain.TaskSources[i%4], UnitID: int64(i%33 + 1),
			UnitName: fmt.Sprintf("单位%02d", i%33), ItemID: fmt.Sprintf("A%d", i%61), Problem: "台账不全，记录缺失", Owner: fmt.Sprintf("责任人%d", i%90),
			Due: day(2026, time.Month(i%12+1), 15), Kind: domain.KindDeadline, Status: domain.TaskStatuses[i%6]})
	}
	tasks := &kit.Tasks{}
	b.ResetTimer()
	for b.Loop() {
		var board *Board
		tasks.Interact(func() {
			board = New(Deps{Window: w, Tasks: tasks, Register: reg, Now: func() time.Time { return today }})
			w.SetContent(board.Content())
			board.Reload()
		})
		tasks.Wait()
		if n := len(board.all); n != 5000 {
			b.Fatal(n)
		}
	}
}

// TestCardColourFollowsTheTheme: the cards take the colours of the scheme
// the app's theme draws — forced dark or light in the settings — not the
// system's (a light theme on a dark desktop had dark cards under dark text).
func TestCardColourFollowsTheTheme(t *testing.T) {
	a := test.NewTempApp(t)
	for _, c := range []struct {
		variant   string
		red, none color.Color
	}{
		{kit.ThemeDark, darkRed, darkNone},
		{kit.ThemeLight, cardRed, cardNone},
	} {
		t.Run(c.variant, func(t *testing.T) {
			a.Settings().SetTheme(kit.NewTheme(kit.Fonts{}, c.variant))
			if got := CardColour(domain.ColourRed); got != c.red {
				t.Errorf("red card %v, want %v", got, c.red)
			}
			if got := CardColour(domain.ColourNone); got != c.none {
				t.Errorf("plain card %v, want %v", got, c.none)
			}
		})
	}
}
