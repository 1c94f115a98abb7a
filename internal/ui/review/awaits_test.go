package review

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/roundview"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// TestScoresSayTheyAwaitTheRound: a submission on a catalog that compares
// units, scored alone, shows its 自评分 and 核定分 as waiting for the
// round (待汇总) in the 审核 area and in the review screen's totals, as
// the home list does — a bare 21.5 read as the unit's final; a catalog
// without such rules shows its scores as they are.
func TestScoresSayTheyAwaitTheRound(t *testing.T) {
	st := storagetest.Open(t)
	staff := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	a := storagetest.FixtureWith(t, st, storagetest.RoundCatalog(t), &domain.Unit{Name: "丁派出所", Type: "派出所", Superior: "某某区公安分局"})
	storagetest.Answer(t, staff, st, a, storagetest.RoundAnswers(85, 50, 0, 8, domain.Answer{Met: domain.Bool(true)}), true)
	plain := storagetest.Fixture(t, st)
	storagetest.Answer(t, staff, st, plain, storagetest.FullAnswers(), true)

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

// roundOfFour stores the four submitted 派出所 of formats.md §3's worked
// example on round.yaml and returns the store and 丁派出所's assessment.
func roundOfFour(t *testing.T) (*storage.Store, *domain.Assessment) {
	t.Helper()
	st := storagetest.Open(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: domain.Roles})
	return st, storagetest.RoundOfFour(t, ctx, st)[0]
}

// TestLinesScoreTheRoundHeldWhole: in a database that holds the whole
// round (four 派出所 of formats.md §3's worked example), the 审核 area
// shows the round's figures (丁派出所 73.17) as home's list and the
// overview do, once it reads the rounds; without them, 待汇总.
func TestLinesScoreTheRoundHeldWhole(t *testing.T) {
	st, first := roundOfFour(t)
	ctx := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: domain.Roles})
	for _, tc := range []struct {
		name string
		src  roundview.Source
		own  string
	}{
		{"with the rounds", roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}, "73.17"},
		{"without", roundview.Source{}, "11.5 (awaits the round)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := linesWith(ctx, st, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range lines {
				if x.ID == first.ID {
					if got := (&List{}).cells(x); got[3] != tc.own || got[4] != tc.own {
						t.Errorf("丁派出所's line: 自评 %q 核定 %q, want %q", got[3], got[4], tc.own)
					}
				}
			}
		})
	}
}

// TestScreenScoresTheRoundHeldWhole: the review screen of a submission
// of a round the database holds whole scores it with the round's facts
// once they are read (Deps.Round): the totals 73.17 as the 审核 area, the
// unit's points of a rank item (K1, 51 of 60) rather than its low end.
func TestScreenScoresTheRoundHeldWhole(t *testing.T) {
	st, first := roundOfFour(t)
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	tasks := &kit.Tasks{Context: func() context.Context { return lead }, OnError: func(err error) { t.Error(err) }}
	f := &flow{t: t, st: st, id: first.ID, lead: lead, tasks: tasks}
	f.deps = Deps{Window: test.NewTempWindow(t, nil), Tasks: tasks, Assessments: st, Reviews: st,
		Round: roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}}
	s := f.open()
	f.tasks.Interact(func() { s.ShowItem("K1") })
	if got := s.totals.Text; !strings.HasPrefix(got, "Own 73.17 · approved 73.17 ·") {
		t.Errorf("totals %q, want the round's 73.17", got)
	}
	if got := s.ownAnswer.Text; !strings.HasSuffix(got, "→ 51 points") {
		t.Errorf("K1's own answer %q, want its round points 51", got)
	}
}
