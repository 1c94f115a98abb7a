package walk

import (
	"context"
	"os"
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestCountsInTheWalk answers a tiered count, marked occurrences and a
// discretion item through the walk's item pane: the counts are stored with
// the answer, the points follow, and the undecided discretion item says
// its range (issue 15 shapes 5, 9, 8).
func TestCountsInTheWalk(t *testing.T) {
	data, err := os.ReadFile("../../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s := storagetest.Open(t)
	ctx := domain.WithActor(context.Background(), "tester")
	a := storagetest.FixtureWith(t, s, cat, &domain.Unit{Name: "某某区公安分局", Type: "分县局"})
	h := newHarness(t, s, s, a.ID)
	v := h.v

	v.ShowItem("T1")
	if v.pane.form.main.Count != nil || len(v.pane.form.main.Counts) != 2 {
		t.Fatalf("T1 editor: count %v, %d kind entries", v.pane.form.main.Count, len(v.pane.form.main.Counts))
	}
	test.Type(v.pane.form.main.Counts[0], "2")
	test.Type(v.pane.form.main.Counts[1], "1")
	h.settle()
	mustContain(t, "T1 points", v.pane.form.points.Text, "2.5 / 3")
	h.shot("walk-kinds")

	v.ShowItem("M1")
	test.Type(v.pane.form.main.Count, "2")
	test.Type(v.pane.form.main.Counts[0], "1")
	h.settle()
	mustContain(t, "M1 points", v.pane.form.points.Text, "3 / 6")
	h.shot("walk-marks")

	v.ShowItem("J1")
	test.Type(v.pane.form.main.Count, "1")
	h.settle()
	mustContain(t, "J1 points", v.pane.form.points.Text, "待核定 4–8 / 10 分")
	o := v.nav.tree.CreateNode(false)
	v.nav.updateNode(itemNode("J1"), false, o)
	mustEqual(t, "J1 in the tree", v.nav.rows[o].points.Text, "待核定 · 4–8/10")
	h.shot("walk-discretion")

	ws, err := s.OpenAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]domain.Answer{
		"T1": {Counts: map[string]int{"main": 2, "other": 1}},
		"M1": {Count: domain.Int(2), Counts: map[string]int{"security": 1}},
		"J1": {Count: domain.Int(1)},
	} {
		if got := ws.Answers.Answers[id]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s stored as %+v, want %+v", id, got, want)
		}
	}

	// Back on T1 the entries show what is stored.
	v.ShowItem("T1")
	if e := v.pane.form.main.Counts; e[0].Text != "2" || e[1].Text != "1" {
		t.Errorf("T1 shows %q %q", e[0].Text, e[1].Text)
	}
}
