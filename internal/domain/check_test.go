package domain_test

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"pingce/internal/domain"
)

// checkCatalog has one item of each method, a change item and a composite.
func checkCatalog() *domain.Catalog {
	return &domain.Catalog{ID: "chk", Version: "2", Total: 60,
		Grades: []domain.GradeBand{{Min: 0, Grade: "g"}},
		Vetoes: []domain.Veto{{ID: "V1"}},
		Categories: []*domain.Category{
			{ID: "C", Items: []*domain.Item{
				{ID: "chk", Max: 10, Method: domain.MethodCheck, EvidenceRequired: true},
				{ID: "lvl", Max: 10, Method: domain.MethodLevels, Levels: []domain.Level{{Label: "好", Points: 10}, {Label: "差", Points: 0}}},
				{ID: "num", Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
				{ID: "chg", Max: 10, Method: domain.MethodNumeric, Change: true, Linear: &domain.Linear{Zero: 10, Full: -10}},
				{ID: "ded", Max: 5, Method: domain.MethodDeduct, Per: 1, AppliesTo: []string{"派出所"}},
				{ID: "cmp", Max: 15, Parts: []*domain.Item{
					{ID: "a", Max: 5, Method: domain.MethodCheck},
					{ID: "b", Max: 10, Method: domain.MethodDeduct, Per: 2},
				}},
			}},
			{ID: "X", Bonus: true, Items: []*domain.Item{
				{ID: "bon", Max: 10, Method: domain.MethodCount, Per: 5, EvidenceRequired: true},
			}},
		}}
}

func TestItemAnswered(t *testing.T) {
	c := checkCatalog()
	cases := []struct {
		item string
		name string
		a    domain.Answer
		want bool
	}{
		{"chk", "met true", domain.Answer{Met: yes}, true},
		{"chk", "met false is an answer", domain.Answer{Met: no}, true},
		{"chk", "empty", domain.Answer{}, false},
		{"chk", "note and evidence only", domain.Answer{Note: "n", Evidence: []string{"a.pdf"}}, false},
		{"chk", "N/A", na, true},
		{"lvl", "known level", level("差"), true},
		{"lvl", "unknown level", level("中"), false},
		{"num", "value", val(0), true},
		{"num", "NaN value", val(math.NaN()), false},
		{"num", "count instead of value", count(1), false},
		{"chg", "value and baseline", change(1, 2), true},
		{"chg", "value without baseline", val(1), false},
		{"chg", "baseline 0", change(1, 0), false},
		{"ded", "count 0", count(0), true},
		{"ded", "negative count", count(-1), false},
		{"cmp", "all parts", domain.Answer{Parts: map[string]domain.Answer{"a": {Met: no}, "b": count(0)}}, true},
		{"cmp", "one part", domain.Answer{Parts: map[string]domain.Answer{"a": {Met: yes}}}, false},
		{"cmp", "a part unanswered", domain.Answer{Parts: map[string]domain.Answer{"a": {Met: yes}, "b": {}}}, false},
		{"cmp", "no parts", domain.Answer{}, false},
		{"bon", "count", count(2), true},
	}
	for _, tc := range cases {
		t.Run(tc.item+" "+tc.name, func(t *testing.T) {
			if got := c.Item(tc.item).Answered(tc.a); got != tc.want {
				t.Errorf("Answered = %v, want %v", got, tc.want)
			}
		})
	}
}

// codes returns "item:code" for every problem, sorted.
func codes(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ItemID+":"+p.Code)
	}
	slices.Sort(out)
	return out
}

func TestCheckAnswers(t *testing.T) {
	cases := []struct {
		name string
		set  domain.AnswerSet
		want []string
	}{
		{"good answers", domain.AnswerSet{Catalog: "chk@2", Answers: map[string]domain.Answer{
			"chk": {Met: yes}, "lvl": level("好"), "num": val(50), "chg": change(9, 10), "ded": count(1),
			"cmp": {Parts: map[string]domain.Answer{"a": {Met: yes}, "b": count(0)}}, "bon": count(1)}}, nil},
		{"empty answers and notes are fine", domain.AnswerSet{Answers: map[string]domain.Answer{
			"chk": {}, "lvl": {Note: "待补", Flagged: true}}}, nil},
		{"wrong catalog", domain.AnswerSet{Catalog: "chk@1"}, []string{":wrong_catalog"}},
		{"unknown item", domain.AnswerSet{Answers: map[string]domain.Answer{"zzz": {Met: yes}}}, []string{"zzz:unknown_item"}},
		{"unknown veto", domain.AnswerSet{Vetoes: []string{"V1", "V7"}}, []string{":unknown_veto"}},
		{"field of another method", domain.AnswerSet{Answers: map[string]domain.Answer{
			"chk": val(1), "num": {Met: yes}, "lvl": count(1), "ded": level("好")}},
			[]string{"chk:wrong_field", "ded:wrong_field", "lvl:wrong_field", "num:wrong_field"}},
		{"baseline on a plain numeric", domain.AnswerSet{Answers: map[string]domain.Answer{"num": change(1, 2)}}, []string{"num:wrong_field"}},
		{"reason without N/A", domain.AnswerSet{Answers: map[string]domain.Answer{"chk": {Met: yes, Reason: "x"}}}, []string{"chk:wrong_field"}},
		{"unknown level", domain.AnswerSet{Answers: map[string]domain.Answer{"lvl": level("中")}}, []string{"lvl:unknown_level"}},
		{"missing baseline", domain.AnswerSet{Answers: map[string]domain.Answer{"chg": val(3)}}, []string{"chg:missing_baseline"}},
		{"baseline zero", domain.AnswerSet{Answers: map[string]domain.Answer{"chg": change(3, 0)}}, []string{"chg:baseline_zero"}},
		{"negative count", domain.AnswerSet{Answers: map[string]domain.Answer{"ded": count(-2), "bon": count(-1)}},
			[]string{"bon:negative_count", "ded:negative_count"}},
		{"not finite", domain.AnswerSet{Answers: map[string]domain.Answer{"num": val(math.Inf(1)), "chg": change(1, math.NaN())}},
			[]string{"chg:not_finite", "num:not_finite"}},
		{"N/A without reason", domain.AnswerSet{Answers: map[string]domain.Answer{"chk": {NA: true}}}, []string{"chk:na_no_reason"}},
		{"N/A with reason ignores other fields", domain.AnswerSet{Answers: map[string]domain.Answer{"chk": {NA: true, Reason: "无", Level: "x"}}}, nil},
		{"composite: parts on a simple item", domain.AnswerSet{Answers: map[string]domain.Answer{
			"chk": {Parts: map[string]domain.Answer{"a": {Met: yes}}}}}, []string{"chk:wrong_field"}},
		{"composite: value on a composite", domain.AnswerSet{Answers: map[string]domain.Answer{"cmp": val(1)}}, []string{"cmp:wrong_field"}},
		{"composite: unknown part", domain.AnswerSet{Answers: map[string]domain.Answer{
			"cmp": {Parts: map[string]domain.Answer{"z": {Met: yes}}}}}, []string{"cmp:unknown_part"}},
		{"composite: N/A on a part", domain.AnswerSet{Answers: map[string]domain.Answer{
			"cmp": {Parts: map[string]domain.Answer{"a": {Met: yes}, "b": {NA: true, Reason: "无"}}}}},
			[]string{"cmp.b:part_na"}},
		{"composite: problem inside a part names the part", domain.AnswerSet{Answers: map[string]domain.Answer{
			"cmp": {Parts: map[string]domain.Answer{"a": count(1), "b": count(-1)}}}},
			[]string{"cmp.a:wrong_field", "cmp.b:negative_count"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := codes(domain.CheckAnswers(checkCatalog(), &tc.set))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSubmissionProblems(t *testing.T) {
	// All base items answered for a 派出所 (ded applies), chk with a note.
	complete := map[string]domain.Answer{
		"chk": {Met: yes, Note: "见会议纪要"}, "lvl": level("好"), "num": val(50), "chg": change(9, 10), "ded": count(0),
		"cmp": {Parts: map[string]domain.Answer{"a": {Met: yes}, "b": count(0)}},
	}
	cases := []struct {
		name     string
		unit     string
		answers  map[string]domain.Answer
		hasFiles func(string) bool
		want     []string
	}{
		{"complete", "派出所", complete, nil, nil},
		{"excluded item need not be answered", "分县局", with(complete, "ded", domain.Answer{}), nil, nil},
		{"unanswered", "派出所", with(complete, "lvl", domain.Answer{}, "num", domain.Answer{Note: "稍后"}), nil,
			[]string{"lvl:unanswered", "num:unanswered"}},
		{"half a composite is unanswered", "派出所", with(complete, "cmp", domain.Answer{Parts: map[string]domain.Answer{"a": {Met: yes}}}), nil,
			[]string{"cmp:unanswered"}},
		{"N/A with reason is fine", "派出所", with(complete, "lvl", na), nil, nil},
		{"N/A without reason", "派出所", with(complete, "lvl", domain.Answer{NA: true}), nil, []string{"lvl:na_no_reason"}},
		{"evidence required: neither note nor file", "派出所", with(complete, "chk", domain.Answer{Met: yes}), nil,
			[]string{"chk:no_evidence"}},
		{"evidence required: evidence name in the answer", "派出所", with(complete, "chk", domain.Answer{Met: yes, Evidence: []string{"纪要.pdf"}}), nil, nil},
		{"evidence required: stored file", "派出所", with(complete, "chk", domain.Answer{Met: yes}),
			func(id string) bool { return id == "chk" }, nil},
		{"evidence required: hasFiles wins over answer names", "派出所", with(complete, "chk", domain.Answer{Met: yes, Evidence: []string{"纪要.pdf"}}),
			func(string) bool { return false }, []string{"chk:no_evidence"}},
		{"evidence required: N/A needs none", "派出所", with(complete, "chk", na), nil, nil},
		// A bonus item may be left empty, even when it requires evidence:
		// a unit that claims no bonus has nothing to prove.
		{"bonus left empty", "派出所", complete, nil, nil},
		{"bonus claimed without evidence", "派出所", with(complete, "bon", count(1)), nil, []string{"bon:no_evidence"}},
		{"bonus claimed with a note", "派出所", with(complete, "bon", domain.Answer{Count: domain.Int(1), Note: "通报"}), nil, nil},
		{"bonus of 0 needs no evidence", "派出所", with(complete, "bon", count(0)), nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set := &domain.AnswerSet{Answers: tc.answers}
			got := codes(domain.SubmissionProblems(checkCatalog(), set, tc.unit, tc.hasFiles))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
}

func TestProblemString(t *testing.T) {
	cases := []struct {
		name string
		p    domain.Problem
		want string
	}{
		{"file line item", domain.Problem{File: "a.yaml", Line: 12, ItemID: "A1.1", Msg: "bad"}, "a.yaml:12: item A1.1: bad"},
		{"file only", domain.Problem{File: "a.yaml", Msg: "bad"}, "a.yaml: bad"},
		{"line only", domain.Problem{Line: 3, Msg: "bad"}, "line 3: bad"},
		{"item only", domain.Problem{ItemID: "X1", Msg: "bad"}, "item X1: bad"},
		{"message only", domain.Problem{Msg: "bad"}, "bad"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCheckAnswersUnitType refuses an answers file for a unit type the
// catalog does not know: it would silently exclude every applies_to item.
func TestCheckAnswersUnitType(t *testing.T) {
	c := &domain.Catalog{ID: "t", Version: "1", UnitTypes: []string{"派出所", "分县局"}}
	for _, tt := range []struct {
		name, unitType string
		problem        bool
	}{
		{"known", "派出所", false},
		{"none given", "", false},
		{"unknown", "任意类型", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := domain.CheckAnswers(c, &domain.AnswerSet{Unit: domain.UnitRef{Type: tt.unitType}})
			if got := len(ps) == 1 && ps[0].Code == domain.ProbUnknownUnitType && ps[0].Args["type"] == tt.unitType; got != tt.problem || (!tt.problem && len(ps) > 0) {
				t.Errorf("problems %v", ps)
			}
		})
	}
	if ps := domain.CheckAnswers(&domain.Catalog{ID: "t"}, &domain.AnswerSet{Unit: domain.UnitRef{Type: "任意"}}); len(ps) != 0 {
		t.Errorf("a catalog without unit types: %v", ps)
	}
}
