package review

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// TestScoresSayTheyAwaitTheRound: a submission on a catalog that compares
// units, scored alone, shows its 自评分 and 核定分 as waiting for the
// round (待汇总) in the 审核 area and in the review screen's totals, as
// the home list does — a bare 21.5 read as the unit's final; a catalog
// without such rules shows its scores as they are.
func TestScoresSayTheyAwaitTheRound(t *testing.T) {
	data, err := os.ReadFile("../../domain/testdata/round.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("round.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	st := storagetest.Open(t)
	staff := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	a := storagetest.FixtureWith(t, st, cat, &domain.Unit{Name: "丁派出所", Type: "派出所", Superior: "某某区公安分局"})
	answers := map[string]domain.Answer{"R1": {Value: domain.Float(85)}, "K1": {Value: domain.Float(50)}, "K2": {Value: domain.Float(0)},
		"K3": {Value: domain.Float(8)}, "N1": {Met: domain.Bool(true)}, "G1": {Met: domain.Bool(true)}}
	if err := st.ImportAnswers(staff, a.ID, &domain.AnswerSet{Catalog: a.CatalogRef(), Answers: answers}); err != nil {
		t.Fatal(err)
	}
	if err := st.Submit(staff, a.ID); err != nil {
		t.Fatal(err)
	}
	plain := storagetest.Fixture(t, st)
	if err := st.ImportAnswers(staff, plain.ID, &domain.AnswerSet{Catalog: plain.CatalogRef(), Answers: storagetest.FullAnswers()}); err != nil {
		t.Fatal(err)
	}
	if err := st.Submit(staff, plain.ID); err != nil {
		t.Fatal(err)
	}

	lines, err := Lines(lead, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range lines {
		cells := (&List{}).cells(x)
		own, approved := cells[3], cells[4]
		want := x.ID == a.ID
		if got := strings.Contains(own, "awaits the round") && strings.Contains(approved, "awaits the round"); got != want {
			t.Errorf("line of assessment %d: 自评 %q, 核定 %q; awaiting the round: %v, want %v", x.ID, own, approved, got, want)
		}
	}

	tasks := &kit.Tasks{Context: func() context.Context { return lead }, OnError: func(err error) { t.Error(err) }}
	f := &flow{t: t, st: st, id: a.ID, lead: lead, staff: staff, tasks: tasks}
	f.deps = Deps{Window: test.NewTempWindow(t, nil), Tasks: tasks, Assessments: st, Reviews: st}
	s := f.open()
	if got := s.totals.Text; !strings.Contains(got, "21.5 (awaits the round)") {
		t.Errorf("the review screen's totals %q do not say the score awaits the round", got)
	}
}
