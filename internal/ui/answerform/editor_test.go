package answerform

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

func TestMain(m *testing.M) {
	// The widgets are tested in Chinese, the language of their users.
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LANG", "zh_CN.UTF-8")
	os.Setenv("LC_ALL", "zh_CN.UTF-8")
	if err := RegisterTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

var (
	checkItem  = &domain.Item{ID: "A1", Max: 5, Method: domain.MethodCheck}
	levelsItem = &domain.Item{ID: "A2", Max: 10, Method: domain.MethodLevels,
		Levels: []domain.Level{{Label: "三项都有", Points: 10}, {Label: "有两项", Points: 6}}}
	numericItem = &domain.Item{ID: "A3", Max: 10, Method: domain.MethodNumeric, Unit: "%"}
	changeItem  = &domain.Item{ID: "A4", Max: 10, Method: domain.MethodNumeric, Unit: "起", Change: true}
	diffItem    = &domain.Item{ID: "A5", Max: 10, Method: domain.MethodNumeric, Unit: "起", Difference: true}
	countItem   = &domain.Item{ID: "A6", Max: 20, Method: domain.MethodCount, Per: 5, Unit: "次"}
)

// TestReadWhatIsTyped: each method's inputs read back as the answer's
// method fields, in the user's way of typing; bad input is refused with a
// message under the inputs.
func TestReadWhatIsTyped(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name    string
		item    *domain.Item
		input   func(e *Editor)
		want    domain.Answer
		ok      bool
		message string
	}{
		{"check met", checkItem, func(e *Editor) { e.Met.SetSelected("是") }, domain.Answer{Met: domain.Bool(true)}, true, ""},
		{"check not met", checkItem, func(e *Editor) { e.Met.SetSelected("否") }, domain.Answer{Met: domain.Bool(false)}, true, ""},
		{"check unanswered", checkItem, func(*Editor) {}, domain.Answer{}, true, ""},
		{"level", levelsItem, func(e *Editor) { e.Level.SetSelected("有两项（6分）") }, domain.Answer{Level: "有两项"}, true, ""},
		{"full-width value with unit", numericItem, func(e *Editor) { test.Type(e.Value, "９５．５%") }, domain.Answer{Value: domain.Float(95.5)}, true, ""},
		{"not a number", numericItem, func(e *Editor) { test.Type(e.Value, "8x") }, domain.Answer{}, false, "不是数字"},
		{"change without baseline", changeItem, func(e *Editor) { test.Type(e.Value, "85") }, domain.Answer{Value: domain.Float(85)}, false, "基数"},
		{"change with baseline 0", changeItem, func(e *Editor) { test.Type(e.Value, "85"); test.Type(e.Baseline, "0") },
			domain.Answer{Value: domain.Float(85), Baseline: domain.Float(0)}, false, "不能为 0"},
		{"difference with baseline 0", diffItem, func(e *Editor) { test.Type(e.Value, "3"); test.Type(e.Baseline, "0") },
			domain.Answer{Value: domain.Float(3), Baseline: domain.Float(0)}, true, ""},
		{"count", countItem, func(e *Editor) { test.Type(e.Count, "３") }, domain.Answer{Count: domain.Int(3)}, true, ""},
		{"count stepped below 0", countItem, func(e *Editor) { e.Step(-1) }, domain.Answer{Count: domain.Int(0)}, true, ""},
		{"negative count", countItem, func(e *Editor) { test.Type(e.Count, "-2") }, domain.Answer{}, false, "不是 0 或正整数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New(tt.item, domain.Answer{}, func() {}, nil)
			tt.input(e)
			got, ok := e.Read()
			if ok != tt.ok {
				t.Fatalf("Read ok = %v, want %v (problem %q)", ok, tt.ok, e.Problem.Text)
			}
			if tt.ok && !sameMethodFields(got, tt.want) {
				t.Errorf("Read = %+v, want %+v", got, tt.want)
			}
			if tt.message != "" && (!e.Problem.Visible() || !strings.Contains(e.Problem.Text, tt.message)) {
				t.Errorf("problem = %q (shown %v), want it to say %q", e.Problem.Text, e.Problem.Visible(), tt.message)
			}
			if tt.message == "" && e.Problem.Visible() {
				t.Errorf("problem shown for good input: %q", e.Problem.Text)
			}
		})
	}
}

// TestSetShowsAnswerQuietly: an editor built with an answer, or set to one,
// shows it and reads it back, without telling the screen of a change.
func TestSetShowsAnswerQuietly(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name string
		item *domain.Item
		a    domain.Answer
	}{
		{"check", checkItem, domain.Answer{Met: domain.Bool(false)}},
		{"levels", levelsItem, domain.Answer{Level: "三项都有"}},
		{"change", changeItem, domain.Answer{Value: domain.Float(12), Baseline: domain.Float(10)}},
		{"count", countItem, domain.Answer{Count: domain.Int(4)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			e := New(tt.item, tt.a, func() { calls++ }, nil)
			if got, ok := e.Read(); !ok || !sameMethodFields(got, tt.a) {
				t.Errorf("built with %+v, reads %+v (ok %v)", tt.a, got, ok)
			}
			e.Set(domain.Answer{})
			if got, _ := e.Read(); !sameMethodFields(got, domain.Answer{}) {
				t.Errorf("after Set(empty) reads %+v", got)
			}
			e.Set(tt.a)
			if calls != 0 {
				t.Errorf("changed called %d times by New/Set", calls)
			}
			if got, _ := e.Read(); !sameMethodFields(got, tt.a) {
				t.Errorf("after Set reads %+v", got)
			}
		})
	}
	t.Run("the user's change is told", func(t *testing.T) {
		calls := 0
		e := New(countItem, domain.Answer{}, func() { calls++ }, nil)
		test.Tap(e.Plus)
		if calls != 1 || e.Count.Text != "1" {
			t.Errorf("after +: count %q, changed %d times", e.Count.Text, calls)
		}
	})
}

// TestChangeShown: a change item shows the percent change, a difference
// item value − baseline in its unit.
func TestChangeShown(t *testing.T) {
	test.NewTempApp(t)
	e := New(changeItem, domain.Answer{Value: domain.Float(85), Baseline: domain.Float(100)}, nil, nil)
	if !strings.Contains(e.Change.Text, "-15%") {
		t.Errorf("change item: %q", e.Change.Text)
	}
	d := New(diffItem, domain.Answer{Value: domain.Float(7), Baseline: domain.Float(4)}, nil, nil)
	if !strings.Contains(d.Change.Text, "+3起") {
		t.Errorf("difference item: %q", d.Change.Text)
	}
}

// TestSetEnabled: every input follows SetEnabled.
func TestSetEnabled(t *testing.T) {
	test.NewTempApp(t)
	for _, it := range []*domain.Item{checkItem, levelsItem, changeItem, countItem} {
		t.Run(it.ID, func(t *testing.T) {
			e := New(it, domain.Answer{}, nil, nil)
			var ws []fyne.Disableable
			for _, r := range []*widget.RadioGroup{e.Met, e.Level} {
				if r != nil {
					ws = append(ws, r)
				}
			}
			for _, x := range []*Entry{e.Value, e.Baseline, e.Count} {
				if x != nil {
					ws = append(ws, x)
				}
			}
			for _, b := range []*widget.Button{e.Minus, e.Plus} {
				if b != nil {
					ws = append(ws, b)
				}
			}
			if len(ws) == 0 {
				t.Fatal("no inputs")
			}
			e.SetEnabled(false)
			for _, w := range ws {
				if !w.Disabled() {
					t.Errorf("%T enabled after SetEnabled(false)", w)
				}
			}
			e.SetEnabled(true)
			for _, w := range ws {
				if w.Disabled() {
					t.Errorf("%T disabled after SetEnabled(true)", w)
				}
			}
		})
	}
}

// TestEntryKeys: a number entry passes PageDown and Alt+→ to the screen,
// a note keeps PageDown, and Ctrl+Enter goes to the window (认可 and next).
func TestEntryKeys(t *testing.T) {
	a := test.NewTempApp(t)
	var steps []int
	nav := func(s int) { steps = append(steps, s) }
	num, note := NewNumberEntry(nav), NewTextEntry(nav, true)
	w := a.NewWindow("")
	w.SetContent(container.NewWithoutLayout(num, note))
	accepted := 0
	enter := &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	w.Canvas().AddShortcut(enter, func(fyne.Shortcut) { accepted++ })

	num.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	num.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
	num.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault})
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	note.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: WordModifier()})
	if len(steps) != 3 || steps[0] != 1 || steps[1] != 1 || steps[2] != -1 {
		t.Errorf("item steps = %v, want [1 1 -1] (the note keeps PageDown and Ctrl+←)", steps)
	}
	note.TypedShortcut(enter)
	num.TypedShortcut(enter)
	if accepted != 2 {
		t.Errorf("Ctrl+Enter reached the window %d times, want 2", accepted)
	}
}

func sameMethodFields(a, b domain.Answer) bool {
	eqF := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqB := func(x, y *bool) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqI := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return eqB(a.Met, b.Met) && a.Level == b.Level && eqF(a.Value, b.Value) && eqF(a.Baseline, b.Baseline) && eqI(a.Count, b.Count)
}
