package answerform

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

var (
	kindsItem = &domain.Item{ID: "T1", Max: 3, Method: domain.MethodCount, Kinds: []domain.Kind{
		{Key: "main", Label: "主要领导出席", Per: 1}, {Key: "other", Label: "其他领导出席", Per: 0.5}}}
	marksItem = &domain.Item{ID: "M1", Max: 6, Method: domain.MethodDeduct, Per: 1, Multipliers: []domain.Multiplier{
		{Key: "security", Label: "重大安保期间发生", Times: 2}}}
	discretionItem = &domain.Item{ID: "J1", Max: 10, Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 2, Max: 6}}
)

// labels returns the texts of the labels in the editor's content.
func labels(e *Editor) string {
	var out []string
	for _, o := range test.LaidOutObjects(e.Content) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "|")
}

// TestCountsEditor: an item with kinds is answered with one entry per kind
// and no count; one with multipliers with the count and an entry per mark
// under it; each reads back as Answer.Counts, and marks that outnumber
// the occurrences are refused with a message.
func TestCountsEditor(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		name    string
		item    *domain.Item
		input   func(e *Editor)
		want    domain.Answer
		ok      bool
		message string
	}{
		{"two kinds", kindsItem, func(e *Editor) { test.Type(e.Counts[0], "2"); test.Type(e.Counts[1], "３") },
			domain.Answer{Counts: map[string]int{"main": 2, "other": 3}}, true, ""},
		{"one kind left empty", kindsItem, func(e *Editor) { test.Type(e.Counts[1], "1") },
			domain.Answer{Counts: map[string]int{"other": 1}}, true, ""},
		{"no kind: unanswered", kindsItem, func(*Editor) {}, domain.Answer{}, true, ""},
		{"a kind not whole", kindsItem, func(e *Editor) { test.Type(e.Counts[0], "1.5") }, domain.Answer{}, false, "不是 0 或正整数"},
		{"marks", marksItem, func(e *Editor) { test.Type(e.Count, "3"); test.Type(e.Counts[0], "1") },
			domain.Answer{Count: domain.Int(3), Counts: map[string]int{"security": 1}}, true, ""},
		{"no mark", marksItem, func(e *Editor) { test.Type(e.Count, "3") }, domain.Answer{Count: domain.Int(3)}, true, ""},
		{"more marks than occurrences", marksItem, func(e *Editor) { test.Type(e.Count, "1"); test.Type(e.Counts[0], "2") },
			domain.Answer{Count: domain.Int(1), Counts: map[string]int{"security": 2}}, false, "多于发生的总次数（1）"},
		{"discretion count", discretionItem, func(e *Editor) { test.Type(e.Count, "1") }, domain.Answer{Count: domain.Int(1)}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(tc.item, domain.Answer{}, nil, nil)
			tc.input(e)
			got, ok := e.Read()
			if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Read = %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			}
			if tc.message != "" && (!e.Problem.Visible() || !strings.Contains(e.Problem.Text, tc.message)) {
				t.Errorf("message %q (shown %v), want %q", e.Problem.Text, e.Problem.Visible(), tc.message)
			}
		})
	}
	t.Run("labels", func(t *testing.T) {
		k := labels(New(kindsItem, domain.Answer{}, nil, nil))
		for _, want := range []string{"主要领导出席（每次 1 分）", "其他领导出席（每次 0.5 分）"} {
			if !strings.Contains(k, want) {
				t.Errorf("kinds labels %q lack %q", k, want)
			}
		}
		if m := labels(New(marksItem, domain.Answer{}, nil, nil)); !strings.Contains(m, "发生次数") || !strings.Contains(m, "其中：重大安保期间发生（按 2 倍计）") {
			t.Errorf("marks labels %q", m)
		}
		if New(kindsItem, domain.Answer{}, nil, nil).Count != nil {
			t.Error("an item with kinds has a count entry")
		}
	})
	t.Run("set shows the counts, changed not called", func(t *testing.T) {
		calls := 0
		e := New(marksItem, domain.Answer{Count: domain.Int(4), Counts: map[string]int{"security": 2}}, func() { calls++ }, nil)
		if e.Count.Text != "4" || e.Counts[0].Text != "2" {
			t.Errorf("shown %q %q", e.Count.Text, e.Counts[0].Text)
		}
		e.Set(domain.Answer{Count: domain.Int(1)})
		if e.Counts[0].Text != "" || calls != 0 {
			t.Errorf("after Set: %q, %d calls", e.Counts[0].Text, calls)
		}
		test.Type(e.Counts[0], "1")
		if calls == 0 {
			t.Error("typing a mark does not call changed")
		}
		e.SetEnabled(false)
		if !e.Counts[0].Disabled() {
			t.Error("SetEnabled(false) leaves a count entry enabled")
		}
	})
}

// TestCountText: the answer in words, as the review box shows the unit's.
func TestCountText(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		name string
		item *domain.Item
		a    domain.Answer
		want string
	}{
		{"kinds", kindsItem, domain.Answer{Counts: map[string]int{"main": 2}}, "主要领导出席 2；其他领导出席 0"},
		{"kinds unanswered", kindsItem, domain.Answer{}, ""},
		{"marks", marksItem, domain.Answer{Count: domain.Int(3), Counts: map[string]int{"security": 1}}, "3（其中 重大安保期间发生 1）"},
		{"no mark", marksItem, domain.Answer{Count: domain.Int(3)}, "3"},
		{"plain count", countItem, domain.Answer{Count: domain.Int(2)}, "2次"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountText(tc.item, tc.a); got != tc.want {
				t.Errorf("CountText = %q, want %q", got, tc.want)
			}
		})
	}
}
