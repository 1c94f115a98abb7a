package review_test

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/review"
)

func testCatalog(t testing.TB) *domain.Catalog {
	t.Helper()
	cat, err := catalog.LoadFile(context.Background(), "../answers/testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestParse(t *testing.T) {
	cat := testCatalog(t)
	f, err := review.LoadFile(context.Background(), "testdata/review.yaml", cat)
	if err != nil {
		t.Fatalf("%v %v", err, domain.ErrorProblems(err))
	}
	if f.Catalog != "demo-city-ref@2026.1" || f.Unit.Name != "某某区公安分局" || f.Unit.Type != "分县局" ||
		f.Round != "2026-Q3" || f.Reviewer != "李四" || len(f.Items) != 5 {
		t.Fatalf("file %+v", f)
	}
	tests := []struct {
		id      string
		verdict domain.Verdict
		points  float64 // -1: none
		reason  string
	}{
		{"A1.1", domain.VerdictAdjust, 6, "年度目标责任书未见"},
		{"A2.1", domain.VerdictAdjust, 3, "经费到位率按财政决算核定"},
		{"A1.2", domain.VerdictAccept, -1, ""},
		{"H1.6", domain.VerdictRequest, -1, ""},
		{"D1.3", domain.VerdictAdjust, 7.86, "覆盖率按抽查核定"}, // a: 5×(80−60)/35 = 2.86; b: +10 % meets the target → 5
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r := cat.Item(tt.id).Normalized(f.Items[tt.id])
			if r.Verdict != tt.verdict || r.Reason != tt.reason {
				t.Errorf("%+v", r)
			}
			v, ok := r.ReviewedPoints()
			if tt.points < 0 && ok || tt.points >= 0 && (!ok || domain.Round2(v) != tt.points) {
				t.Errorf("points %v %v, want %v", v, ok, tt.points)
			}
		})
	}
	if r := f.Items["H1.6"]; r.Request != "请补充联巡记录" || r.Comment != "可附勤务日志" {
		t.Errorf("H1.6 %+v", r)
	}
	if f.Lines["A2.1"] != 8 {
		t.Errorf("line of A2.1 = %d", f.Lines["A2.1"])
	}
}

func TestParseProblems(t *testing.T) {
	cat := testCatalog(t)
	data, err := os.ReadFile("testdata/bad-review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = review.Parse("bad-review.yaml", data, cat)
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err %v", err)
	}
	var got []string
	for _, p := range domain.ErrorProblems(err) {
		if p.File != "bad-review.yaml" || p.Line == 0 {
			t.Errorf("problem without place: %+v", p)
		}
		got = append(got, p.String()[len("bad-review.yaml:"):])
		got[len(got)-1] = strings.SplitN(got[len(got)-1], ":", 2)[0] + " " + p.ItemID + " " + p.Code
	}
	want := []string{
		"5 A1.1 unknown_level",
		"6 A2.1 review_points",
		"7 A1.2 review.accept_false",
		"8 H1.6 review.two_verdicts",
		"9 H1.2 review.no_verdict",
		"10 Z9 unknown_item",
		"11 C1.6 review.count_not_whole",
		"11 C1.6 review.answer_incomplete",
		"12 X1 review.request_empty",
		"13 D1.3 yaml.unknown_key",
		"13 D1.3 wrong_field",
		"14  yaml.duplicate_key",
		"15  review.empty_item_id",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, code := range map[string]string{"bad-review-format.yaml": review.ProbFormat, "bad-review-empty.yaml": review.ProbEmpty} {
		t.Run(name, func(t *testing.T) {
			data, _ := os.ReadFile("testdata/" + name)
			_, err := review.Parse(name, data, cat)
			if ps := domain.ErrorProblems(err); len(ps) == 0 || ps[0].Code != code {
				t.Errorf("problems %v, want %s first", ps, code)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	cat := testCatalog(t)
	f, err := review.LoadFile(context.Background(), "testdata/review.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	ws := &domain.Workspace{
		Assessment: domain.Assessment{Unit: domain.Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3", Status: domain.Submitted},
		Catalog:    cat,
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"A1.1": {Level: "三项都有"}, "A2.1": {Value: domain.Float(4)}, "A1.2": {Met: domain.Bool(true)}}},
	}
	if err := review.Check(f, ws); err != nil {
		t.Fatalf("Check: %v %v", err, domain.ErrorProblems(err))
	}
	t.Run("Mismatches", func(t *testing.T) {
		ws := *ws
		ws.Assessment.Round, ws.Assessment.Unit.Name = "2026-Q2", "另一分局"
		g := *f
		g.Items = map[string]domain.Review{"A2.1": {Verdict: domain.VerdictAdjust, Score: domain.Float(3)}}
		g.Lines = f.Lines
		err := review.Check(&g, &ws)
		var got []string
		for _, p := range domain.ErrorProblems(err) {
			got = append(got, p.Code)
			if p.File != "review.yaml" || p.Line == 0 {
				t.Errorf("no place: %+v", p)
			}
		}
		if want := []string{review.ProbWrongUnit, review.ProbWrongRound, domain.ProbReviewReason}; !reflect.DeepEqual(got, want) {
			t.Errorf("codes %v, want %v", got, want)
		}
	})
}

// TestRoundTrip writes a review and reads it back to the same verdicts.
func TestRoundTrip(t *testing.T) {
	cat := testCatalog(t)
	f, err := review.LoadFile(context.Background(), "testdata/review.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := review.Marshal(f, cat)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "format: pingce/review@1\ncatalog: demo-city-ref@2026.1\n") ||
		!strings.Contains(string(out), "  A1.1: {answer: {level: 有两项}, reason: 年度目标责任书未见}\n") ||
		!strings.Contains(string(out), "  A1.2: {accept: true}\n") {
		t.Errorf("written:\n%s", out)
	}
	g, err := review.Parse("again.yaml", out, cat)
	if err != nil {
		t.Fatalf("%v %v\n%s", err, domain.ErrorProblems(err), out)
	}
	if !reflect.DeepEqual(f.Items, g.Items) || f.Reviewer != g.Reviewer || f.Unit != g.Unit {
		t.Errorf("read back %+v\nwant %+v", g.Items, f.Items)
	}
}

func TestFromWorkspace(t *testing.T) {
	cat := testCatalog(t)
	ws := &domain.Workspace{
		Assessment: domain.Assessment{Unit: domain.Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3"},
		Catalog:    cat,
		Reviews: map[string]domain.Review{
			"A1.2": {Verdict: domain.VerdictAccept, By: "李四"},
			"A2.1": {Verdict: domain.VerdictAdjust, Score: domain.Float(3), Reason: "核定", By: "李四"},
			"H1.6": {Verdict: domain.VerdictRequest, Request: "补", By: "王五"},
		},
	}
	f := review.FromWorkspace(ws)
	if f.Reviewer != "李四" || len(f.Items) != 3 || f.Catalog != cat.Ref() {
		t.Errorf("%+v", f)
	}
}

func FuzzParse(f *testing.F) {
	cat := testCatalog(f)
	for _, name := range []string{"review.yaml", "bad-review.yaml", "bad-review-format.yaml"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := review.Parse("fuzz.yaml", data, cat)
		if err != nil {
			if c := domain.ErrorCode(err); c != domain.EINVALID && c != domain.ETOOLARGE {
				t.Fatalf("error code %q: %v", c, err)
			}
			return
		}
		out, err := review.Marshal(r, cat)
		if err != nil {
			t.Fatal(err)
		}
		again, err := review.Parse("again.yaml", out, cat)
		if err != nil {
			t.Fatalf("written file refused: %v %v\n%s", err, domain.ErrorProblems(err), out)
		}
		if !reflect.DeepEqual(normal(cat, r.Items), normal(cat, again.Items)) {
			t.Fatalf("round trip changed the verdicts:\n%+v\n%+v\n%s", r.Items, again.Items, out)
		}
	})
}

func normal(cat *domain.Catalog, m map[string]domain.Review) map[string]domain.Review {
	out := map[string]domain.Review{}
	for id, r := range m {
		out[id] = cat.Item(id).Normalized(r)
	}
	return out
}

// TestLoadFor reports the problems of the file and those against the
// assessment in one go.
func TestLoadFor(t *testing.T) {
	cat := testCatalog(t)
	ws := &domain.Workspace{
		Assessment: domain.Assessment{Unit: domain.Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026-Q3", Status: domain.Submitted},
		Catalog:    cat,
		Answers:    &domain.AnswerSet{Answers: map[string]domain.Answer{"A1.1": {Level: "三项都有"}, "A2.1": {Value: domain.Float(4)}}},
	}
	path := t.TempDir() + "/r.yaml"
	if err := os.WriteFile(path, []byte("format: pingce/review@1\ncatalog: demo-city-ref@2026.1\nround: 2026-Q1\nitems:\n"+
		"  A1.1: {answer: {level: 有两项}}\n  A2.1: {points: 99, reason: x}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := review.LoadFor(context.Background(), path, ws)
	var got []string
	for _, p := range domain.ErrorProblems(err) {
		got = append(got, strings.SplitN(p.String(), ": ", 2)[0]+" "+p.Code)
	}
	want := []string{"r.yaml:3 review.wrong_round", "r.yaml:5 review.reason_required", "r.yaml:6 review_points"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}
