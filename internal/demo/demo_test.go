package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func stores(st *storage.Store) Stores {
	return Stores{Units: st, Catalogs: st, Assessments: st, Answers: st, Reviews: st, Evidence: st, Rounds: st, Profile: st}
}

// admin is the context of the person running the demo.
var admin = domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})

func TestSingle(t *testing.T) {
	st := storagetest.Open(t)
	res, err := Fill(admin, stores(st), Single())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Assessments) != 2 || res.Already != nil {
		t.Fatalf("made %+v", res)
	}
	list, err := st.ListAssessments(admin, domain.AssessmentFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("assessments %v %v", list, err)
	}
	byRound := map[string]domain.AssessmentSummary{}
	for _, a := range list {
		byRound[a.Round] = a
	}
	t.Run("PreviousRoundCompleteAndSubmitted", func(t *testing.T) {
		a := byRound[SinglePrevRound]
		if a.Status != domain.Submitted || a.Answered != a.Applicable || a.Unit.Name != SingleUnit || a.Unit.Type != SingleUnitType {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("CurrentRoundHalfDoneWithExtras", func(t *testing.T) {
		a := byRound[SingleRound]
		if a.Status != domain.Draft || a.Progress() < 0.35 || a.Progress() > 0.65 {
			t.Fatalf("status %s, progress %.2f", a.Status, a.Progress())
		}
		ws, err := st.OpenAssessment(admin, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var na, flagged, noted int
		methods := map[domain.Method]bool{}
		for id, ans := range ws.Answers.Answers {
			if ans.NA {
				na++
			}
			if ans.Flagged {
				flagged++
			}
			if ans.Note != "" {
				noted++
			}
			if it := ws.Catalog.Item(id); it != nil && !it.IsComposite() {
				methods[it.Method] = true
			}
		}
		files := 0
		for _, ev := range ws.Evidence {
			files += len(ev)
		}
		if na != 1 || flagged != 1 || noted < 5 || files != 2 || len(methods) != len(domain.Methods) {
			t.Fatalf("na %d, flagged %d, notes %d, files %d, methods %v", na, flagged, noted, files, methods)
		}
	})
	t.Run("Profile", func(t *testing.T) {
		p, err := st.Profile(admin)
		if err != nil {
			t.Fatal(err)
		}
		if p.UnitID != res.Units[0].ID || p.Operator != "张三" || !slices.Equal(p.Roles, domain.Roles) {
			t.Fatalf("profile %+v, want unit %d, 张三, every role", p, res.Units[0].ID)
		}
	})
	t.Run("SecondRunWritesNothing", func(t *testing.T) {
		res, err := Fill(admin, stores(st), Single())
		if err != nil || res.Already == nil || len(res.Assessments) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
		if l, _ := st.ListAssessments(admin, domain.AssessmentFilter{}); len(l) != 2 {
			t.Fatalf("%d assessments after a second run", len(l))
		}
	})
}

// TestFill_KeepsProfile: a database that has a profile keeps it.
func TestFill_KeepsProfile(t *testing.T) {
	st := storagetest.Open(t)
	u := &domain.Unit{Name: "某某派出所", Type: "派出所"}
	if err := st.CreateUnit(admin, u); err != nil {
		t.Fatal(err)
	}
	mine := domain.Profile{UnitID: u.ID, Operator: "李四", Roles: []domain.Role{domain.RoleStaff}}
	if err := st.SaveProfile(admin, mine); err != nil {
		t.Fatal(err)
	}
	if _, err := Fill(admin, stores(st), Single()); err != nil {
		t.Fatal(err)
	}
	p, err := st.Profile(admin)
	if err != nil || p.UnitID != mine.UnitID || p.Operator != mine.Operator || !slices.Equal(p.Roles, mine.Roles) {
		t.Fatalf("profile %+v (%v), want %+v", p, err, mine)
	}
}

func TestBureau(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 99 assessments")
	}
	st := storagetest.Open(t)
	opt := Bureau(7)
	res, err := Fill(admin, stores(st), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ProfileOfTheLead", func(t *testing.T) {
		p, err := st.Profile(admin)
		if err != nil || p.UnitID != res.Units[0].ID || res.Units[0].Type != "市局" ||
			!slices.Equal(p.Roles, []domain.Role{domain.RoleReviewer, domain.RoleAdmin}) {
			t.Fatalf("profile %+v (%v), want the 市局 as reviewer and admin", p, err)
		}
	})
	t.Run("UnitsByType", func(t *testing.T) {
		units, err := st.ListUnits(admin)
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, u := range units {
			n[u.Type]++
		}
		want := map[string]int{"市局": 1, "分县局": 8, "派出所": 20, "局直单位": 4}
		if fmt.Sprint(n) != fmt.Sprint(want) {
			t.Fatalf("units by type %v, want %v", n, want)
		}
	})
	list, err := st.ListAssessments(admin, domain.AssessmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("StatesByRound", func(t *testing.T) {
		if len(list) != 3*33 || len(res.Assessments) != len(list) {
			t.Fatalf("%d assessments stored, %d made, want 99", len(list), len(res.Assessments))
		}
		got := map[string]map[domain.AssessmentStatus]int{}
		want := map[string]map[domain.AssessmentStatus]int{}
		for _, a := range list {
			if got[a.Round] == nil {
				got[a.Round] = map[domain.AssessmentStatus]int{}
			}
			got[a.Round][a.Status]++
		}
		for _, sp := range opt.Assessments {
			if want[sp.Round] == nil {
				want[sp.Round] = map[domain.AssessmentStatus]int{}
			}
			want[sp.Round][sp.State]++
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("states %v, planned %v", got, want)
		}
		if n := got["2026-Q1"][domain.Approved]; n != 33 {
			t.Errorf("2026-Q1: %d approved, want all 33", n)
		}
		for _, s := range []domain.AssessmentStatus{domain.Draft, domain.Submitted, domain.Returned, domain.Approved} {
			if got["2026-Q3"][s] < 2 {
				t.Errorf("2026-Q3: %d %s, want at least 2 of every state (%v)", got["2026-Q3"][s], s, got["2026-Q3"])
			}
		}
		rounds, err := st.ListRounds(admin)
		if err != nil || len(rounds) != 3 || rounds[0].Start.IsZero() {
			t.Errorf("rounds %+v %v", rounds, err)
		}
	})
	t.Run("ScoresSpread", func(t *testing.T) {
		finals := map[float64]bool{}
		lo, hi := 101.0, -1.0
		for _, a := range list {
			if a.Status == domain.Draft {
				continue
			}
			finals[a.Final] = true
			p := a.Final / a.Total * 100
			lo, hi = min(lo, p), max(hi, p)
		}
		if len(finals) < 30 || hi-lo < 10 {
			t.Fatalf("%d different scores between %.1f%% and %.1f%%: want a spread", len(finals), lo, hi)
		}
		progress := map[int]bool{}
		for _, a := range list {
			if a.Status == domain.Draft {
				progress[a.Answered] = true
			}
		}
		if len(progress) < 3 {
			t.Errorf("drafts all at the same stage: %v", progress)
		}
	})
	t.Run("ReviewsAndPeople", func(t *testing.T) {
		reviewed, returned := 0, 0
		for _, a := range list {
			if a.Status == domain.Draft {
				continue
			}
			ws, err := st.OpenAssessment(admin, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ws.Assessment.SubmittedBy != Staff(a.Unit) {
				t.Fatalf("%s %s submitted by %q, want the unit's %q", a.Unit.Name, a.Round, ws.Assessment.SubmittedBy, Staff(a.Unit))
			}
			if a.Status == domain.Returned {
				returned++
				if ws.Assessment.ReturnReason == "" || ws.Assessment.ReturnedBy != BureauReviewer {
					t.Errorf("returned without reason or by %q", ws.Assessment.ReturnedBy)
				}
			}
			if len(ws.Reviews) == 0 {
				continue
			}
			reviewed++
			if own, rev := ws.Result().Final, ws.ReviewedResult().Final; rev >= own {
				t.Errorf("%s %s: reviewed %v not below own %v", a.Unit.Name, a.Round, rev, own)
			}
			for id, r := range ws.Reviews {
				if r.By != BureauReviewer || r.Verdict != domain.VerdictAdjust || r.Reason == "" || r.Score == nil {
					t.Errorf("review of %s: %+v", id, r)
				}
			}
		}
		if reviewed < 10 || returned < 3 {
			t.Errorf("%d reviewed, %d returned: want some of each", reviewed, returned)
		}
	})
}

// TestBureau_Deterministic: the same seed stores the same data on two
// empty databases; another seed stores other data.
func TestBureau_Deterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 99 assessments three times")
	}
	a, b, c := fingerprint(t, 7), fingerprint(t, 7), fingerprint(t, 8)
	if a != b {
		t.Fatal("two runs with seed 7 differ")
	}
	if a == c {
		t.Fatal("seeds 7 and 8 store the same data")
	}
}

// fingerprint fills an empty database with Bureau(seed) and returns what
// it holds, without ids and times.
func fingerprint(t *testing.T, seed uint64) string {
	t.Helper()
	st := storagetest.Open(t)
	if _, err := Fill(admin, stores(st), Bureau(seed)); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListAssessments(admin, domain.AssessmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Unit, Round, Status string
		Answers             map[string]domain.Answer
		Reviews             []string
		Final, Reviewed     float64
	}
	var rows []row
	for _, s := range list {
		ws, err := st.OpenAssessment(admin, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := row{Unit: s.Unit.Name, Round: s.Round, Status: string(s.Status), Answers: ws.Answers.Answers,
			Final: ws.Result().Final, Reviewed: ws.ReviewedResult().Final}
		for id, rv := range ws.Reviews {
			r.Reviews = append(r.Reviews, fmt.Sprintf("%s=%v:%s", id, *rv.Score, rv.Reason))
		}
		slices.Sort(r.Reviews)
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(x, y row) int {
		if c := strings.Compare(x.Unit, y.Unit); c != 0 {
			return c
		}
		return strings.Compare(x.Round, y.Round)
	})
	b, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
