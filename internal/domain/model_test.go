package domain_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"pingce/internal/domain"
)

func TestCatalogLookups(t *testing.T) {
	c := newTestCatalog()
	var ids []string
	for _, it := range c.Items() {
		ids = append(ids, it.ID)
	}
	// Depth first, a category's own items before its sub-categories.
	if want := []string{"A1", "A2", "B1.1", "B1.2", "X1", "X2"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Items() = %v, want %v", ids, want)
	}
	if c.Item("B1.2") == nil || c.Item("B1") != nil || c.Item("") != nil {
		t.Error("Item lookup")
	}
	if c.Category("B1") == nil || c.Category("B1.2") != nil {
		t.Error("Category lookup")
	}
	if cat := c.CategoryOf("B1.1"); cat == nil || cat.ID != "B1" {
		t.Errorf("CategoryOf(B1.1) = %v", cat)
	}
	if c.CategoryOf("nope") != nil {
		t.Error("CategoryOf(nope) found")
	}
	// Items under a bonus category are marked bonus.
	if !c.Item("X2").Bonus || c.Item("A1").Bonus {
		t.Error("bonus marks")
	}
	for grade, want := range map[string]int{"优秀": 0, "良好": 1, "不合格": 3, "不予通过": -1} {
		if got := c.GradeRank(grade); got != want {
			t.Errorf("GradeRank(%s) = %d, want %d", grade, got, want)
		}
	}
	if v, ok := c.Veto("V2"); !ok || v.Title != "重大事件" {
		t.Errorf("Veto(V2) = %v %v", v, ok)
	}
	if _, ok := c.Veto("V3"); ok {
		t.Error("Veto(V3) found")
	}
	var all []string
	for _, it := range c.Category("B").AllItems() {
		all = append(all, it.ID)
	}
	if !reflect.DeepEqual(all, []string{"B1.1", "B1.2"}) {
		t.Errorf("AllItems(B) = %v", all)
	}
	if c.Ref() != "t@1" {
		t.Errorf("Ref() = %q", c.Ref())
	}
}

func TestItemHelpers(t *testing.T) {
	it := &domain.Item{ID: "i", AppliesTo: []string{"市局", "分县局"},
		Levels: []domain.Level{{Label: "好", Points: 5}},
		Parts:  []*domain.Item{{ID: "a"}, {ID: "b"}}}
	for unit, want := range map[string]bool{"市局": true, "分县局": true, "派出所": false, "": true} {
		if got := it.AppliesToType(unit); got != want {
			t.Errorf("AppliesToType(%q) = %v, want %v", unit, got, want)
		}
	}
	if !(&domain.Item{}).AppliesToType("派出所") {
		t.Error("an item without applies_to applies to every unit type")
	}
	if l, ok := it.Level("好"); !ok || l.Points != 5 {
		t.Errorf("Level(好) = %v %v", l, ok)
	}
	if _, ok := it.Level("坏"); ok {
		t.Error("Level(坏) found")
	}
	if it.Part("b") == nil || it.Part("c") != nil || !it.IsComposite() || (&domain.Item{}).IsComposite() {
		t.Error("parts")
	}
	if (domain.Band{Points: 1}).Matches(0) {
		t.Error("a band with no bound matched")
	}
	if k := (domain.Cap{CategoryRatioBelow: f64(0.6)}).Kind(); k != "category_ratio_below" {
		t.Errorf("Kind = %q", k)
	}
	if k := (domain.Cap{ItemLost: "H1.2"}).Kind(); k != "item_lost" {
		t.Errorf("Kind = %q", k)
	}
}

func TestParseRef(t *testing.T) {
	cases := []struct{ ref, id, version string }{
		{"demo-city-ref@2026.1", "demo-city-ref", "2026.1"},
		{"x", "x", ""},
		{"a@b@c", "a", "b@c"},
		{"", "", ""},
	}
	for _, tc := range cases {
		id, v := domain.ParseRef(tc.ref)
		if id != tc.id || v != tc.version {
			t.Errorf("ParseRef(%q) = %q %q, want %q %q", tc.ref, id, v, tc.id, tc.version)
		}
	}
	if (domain.CatalogInfo{ID: "a", Version: "1"}).Ref() != "a@1" {
		t.Error("CatalogInfo.Ref")
	}
	if (&domain.Assessment{CatalogID: "a", CatalogVersion: "2"}).CatalogRef() != "a@2" {
		t.Error("Assessment.CatalogRef")
	}
}

func TestAnswerIsZero(t *testing.T) {
	cases := []struct {
		name string
		a    domain.Answer
		want bool
	}{
		{"empty", domain.Answer{}, true},
		{"empty parts map", domain.Answer{Parts: map[string]domain.Answer{}}, true},
		{"met false", domain.Answer{Met: no}, false},
		{"count 0", count(0), false},
		{"note", domain.Answer{Note: "x"}, false},
		{"flag", domain.Answer{Flagged: true}, false},
		{"evidence", domain.Answer{Evidence: []string{"a"}}, false},
		{"na", domain.Answer{NA: true}, false},
		{"reason", domain.Answer{Reason: "r"}, false},
		{"baseline", domain.Answer{Baseline: f64(1)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.IsZero(); got != tc.want {
				t.Errorf("IsZero = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAssessmentHelpers(t *testing.T) {
	for s, want := range map[domain.AssessmentStatus]bool{domain.Draft: true, domain.Returned: true, domain.Submitted: false, domain.Approved: false} {
		if s.Editable() != want {
			t.Errorf("%s.Editable() = %v", s, !want)
		}
	}
	for _, tc := range []struct {
		answered, applicable int
		want                 float64
	}{{0, 0, 0}, {0, 4, 0}, {1, 4, 0.25}, {4, 4, 1}} {
		s := domain.AssessmentSummary{Answered: tc.answered, Applicable: tc.applicable}
		if got := s.Progress(); got != tc.want {
			t.Errorf("Progress(%d/%d) = %v, want %v", tc.answered, tc.applicable, got, tc.want)
		}
	}
	for hash, want := range map[string]string{"0123456789abcdef": "01234567", "abc": "abc", "": ""} {
		if got := (domain.Evidence{SHA256: hash}).ShortHash(); got != want {
			t.Errorf("ShortHash(%q) = %q, want %q", hash, got, want)
		}
	}
	ctx := domain.WithActor(context.Background(), "张三")
	if got := domain.ActorFrom(ctx); got != "张三" {
		t.Errorf("ActorFrom = %q", got)
	}
	if got := domain.ActorFrom(context.Background()); got != "" {
		t.Errorf("ActorFrom(empty) = %q", got)
	}
}

func TestWorkspace(t *testing.T) {
	// 分县局 from the assessment's unit: B1.1 excluded. A1 met (no note, no
	// file), A2 大部 2, B1.2 count 1 → 30. raw 42 of 60 → scaled 70.
	c := newTestCatalog()
	c.Item("A1").EvidenceRequired = true
	w := &domain.Workspace{
		Assessment: domain.Assessment{Unit: domain.Unit{Type: "分县局"}},
		Catalog:    c,
		Answers: &domain.AnswerSet{Unit: domain.UnitRef{Type: "市局"}, Answers: map[string]domain.Answer{
			"A1": {Met: yes}, "A2": level("大部"), "B1.2": count(1)}},
		Reviews: map[string]domain.Review{
			"B1.2": {Score: f64(40), Comment: "核实无漏管"},
			"A2":   {Comment: "只有意见，没有分"},
		},
	}
	if r := w.Result(); r.UnitType != "分县局" || r.Raw != 42 || r.Scaled != 70 {
		t.Errorf("Result: unit %q raw %v scaled %v, want 分县局 42 70", r.UnitType, r.Raw, r.Scaled)
	}
	// Reviewed: B1.2 → 40: raw 52 of 60 → 86.666… → 86.67; A2 keeps 2.
	r := w.ReviewedResult()
	if r.Raw != 52 || r.Scaled != 86.67 {
		t.Errorf("ReviewedResult: raw %v scaled %v, want 52 86.67", r.Raw, r.Scaled)
	}
	if is, _ := r.Item("A2"); is.Reviewed || is.Score != 2 {
		t.Errorf("A2 = %+v, want unreviewed 2", is)
	}
	// A1 needs evidence: none stored yet, then one file.
	if got := codes(w.SubmissionProblems()); !reflect.DeepEqual(got, []string{"A1:no_evidence"}) {
		t.Errorf("SubmissionProblems = %v", got)
	}
	w.Evidence = map[string][]domain.Evidence{"A1": {{Name: "纪要.pdf"}}}
	if got := w.SubmissionProblems(); len(got) != 0 {
		t.Errorf("SubmissionProblems with a file = %v", got)
	}
}

func TestErrors(t *testing.T) {
	e := &domain.Error{Code: domain.EBLOCKED, Message: "2 items unanswered",
		Problems: []domain.Problem{{ItemID: "A1", Code: domain.ProbUnanswered}}}
	wrapped := fmt.Errorf("submit assessment 7: %w", e)
	cases := []struct {
		name    string
		err     error
		code    string
		msg     string
		nProbs  int
		errText string
	}{
		{"nil", nil, "", "", 0, ""},
		{"domain error", e, domain.EBLOCKED, "2 items unanswered", 1, "blocked: 2 items unanswered"},
		{"wrapped", wrapped, domain.EBLOCKED, "2 items unanswered", 1, "submit assessment 7: blocked: 2 items unanswered"},
		{"other error", errors.New("disk full"), domain.EINTERNAL, "internal error", 0, "disk full"},
		{"Errorf", domain.Errorf(domain.ENOTFOUND, "unit %d", 3), domain.ENOTFOUND, "unit 3", 0, "not_found: unit 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode = %q, want %q", got, tc.code)
			}
			if got := domain.ErrorMessage(tc.err); got != tc.msg {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.msg)
			}
			if got := len(domain.ErrorProblems(tc.err)); got != tc.nProbs {
				t.Errorf("%d problems, want %d", got, tc.nProbs)
			}
			if tc.err != nil && tc.err.Error() != tc.errText {
				t.Errorf("Error() = %q, want %q", tc.err.Error(), tc.errText)
			}
		})
	}
}
