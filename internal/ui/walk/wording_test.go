package walk

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
)

// Issue 11 #11: wording and small behaviour of the item pane.

func TestNADisablesTheAnswer(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.ShowItem("A3")
	f := v.pane.form
	if f.main.Value.Disabled() {
		t.Fatal("the value is disabled before N/A")
	}
	test.Tap(f.na)
	if !f.main.Value.Disabled() {
		t.Error("the value stays editable while N/A is ticked")
	}
	test.Tap(f.na)
	if f.main.Value.Disabled() {
		t.Error("the value stays disabled after N/A is unticked")
	}
	t.Run("an item stored as N/A opens with its answer disabled", func(t *testing.T) {
		test.Tap(v.pane.form.na)
		test.Type(v.pane.form.reason, "无此业务")
		h.settle()
		v.ShowItem("A2")
		v.ShowItem("A3")
		if !v.pane.form.main.Value.Disabled() {
			t.Error("the value of an N/A item is editable")
		}
	})
}

func TestCountWording(t *testing.T) {
	c := &domain.Catalog{ID: "w", Version: "1", Total: 30, Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "C", Title: "类", Items: []*domain.Item{
			{ID: "C1", Title: "台账缺失", Max: 10, Method: domain.MethodDeduct, Per: 1, Unit: "项"},
			{ID: "C2", Title: "刑事案件数", Max: 10, Method: domain.MethodNumeric, Unit: "起",
				Linear: &domain.Linear{Zero: 100, Full: 0}},
			{ID: "C3", Title: "满意率", Max: 10, Method: domain.MethodNumeric, Unit: "%",
				Linear: &domain.Linear{Zero: 60, Full: 100}},
		}}}}
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Type: "分县局"}, Status: domain.Draft},
		Catalog: c, Answers: &domain.AnswerSet{}}
	s, _ := fixture(t)
	h := newHarnessWS(t, s, s, ws)
	v := h.v
	cases := []struct {
		item, want, not string
		get             func() string
	}{
		{"C1", "扣分数量", "发生次数", func() string { return overlayText(v.pane.form.main.Content) }},
		{"C1", "每计一次扣 1 分", "每发生一起", func() string { return overlayText(v.pane.form.content) }},
		{"C2", "数字，例如 12", "12.5", func() string { return v.pane.form.main.Value.PlaceHolder }},
		{"C3", "数字，例如 12.5", "", func() string { return v.pane.form.main.Value.PlaceHolder }},
	}
	for _, tc := range cases {
		t.Run(tc.item+" "+tc.want, func(t *testing.T) {
			v.ShowItem(tc.item)
			got := tc.get()
			mustContain(t, tc.item, got, tc.want)
			if tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("%s still says %q: %q", tc.item, tc.not, got)
			}
		})
	}
}

func TestEvidenceHashOnHover(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	ev, err := s.AddEvidence(ctx, a.ID, "A1", "台账.xlsx", bytesReader("ledger"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.ShowItem("A1")
	rows := v.pane.form.files.rows.Objects
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	text := overlayText(rows[0])
	if strings.Contains(text, ev.ShortHash()) {
		t.Errorf("the row shows the hash: %q", text)
	}
	hb, ok := rows[0].(*hoverBox)
	if !ok {
		t.Fatalf("row is a %T, not hoverable", rows[0])
	}
	before := v.bar.status.Text
	hb.MouseIn(&desktop.MouseEvent{})
	mustContain(t, "status while pointed at", v.bar.status.Text, ev.SHA256)
	hb.MouseOut()
	mustEqual(t, "status after", v.bar.status.Text, before)
}
