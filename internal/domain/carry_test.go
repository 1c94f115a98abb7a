package domain_test

import (
	"reflect"
	"slices"
	"testing"

	"pingce/internal/domain"
)

// TestCarryAnswersBaselines (issue 17): a numeric item compared with a
// baseline — the percent change against last year (change) or value −
// baseline (difference) — takes last round's value as its new baseline
// (never last round's baseline), with no value; its note and evidence
// names come along, and then it is carried (沿用上轮, to confirm), only
// prepared otherwise. Other answers carry as they were, without 待复核.
func TestCarryAnswersBaselines(t *testing.T) {
	num := func(id string, change, diff bool) *domain.Item {
		return &domain.Item{ID: id, Max: 10, Method: domain.MethodNumeric, Change: change, Difference: diff, Linear: &domain.Linear{}}
	}
	yes := true
	for _, tc := range []struct {
		name    string
		item    *domain.Item
		prev    domain.Answer
		want    domain.Answer
		carried bool
		absent  bool
	}{
		{name: "change: value becomes the baseline, note and evidence kept", item: num("N1", true, false),
			prev:    domain.Answer{Value: domain.Float(12), Baseline: domain.Float(10), Note: "同比下降", Evidence: []string{"统计表.xlsx"}},
			want:    domain.Answer{Baseline: domain.Float(12), Note: "同比下降", Evidence: []string{"统计表.xlsx"}},
			carried: true},
		{name: "change without note or evidence: prepared only", item: num("N1", true, false),
			prev: domain.Answer{Value: domain.Float(12), Baseline: domain.Float(10)},
			want: domain.Answer{Baseline: domain.Float(12)}},
		{name: "difference: value becomes the baseline", item: num("N2", false, true),
			prev:    domain.Answer{Value: domain.Float(95), Baseline: domain.Float(90), Note: "提升 5 个百分点"},
			want:    domain.Answer{Baseline: domain.Float(95), Note: "提升 5 个百分点"},
			carried: true},
		{name: "difference without note: prepared only", item: num("N2", false, true),
			prev: domain.Answer{Value: domain.Float(95), Baseline: domain.Float(90)},
			want: domain.Answer{Baseline: domain.Float(95)}},
		{name: "change without a value: the note alone", item: num("N1", true, false),
			prev:    domain.Answer{Baseline: domain.Float(10), Note: "数据待统计"},
			want:    domain.Answer{Note: "数据待统计"},
			carried: true},
		{name: "change with nothing to carry", item: num("N1", true, false),
			prev: domain.Answer{Baseline: domain.Float(10)}, absent: true},
		{name: "plain numeric carried as it was, flag dropped", item: num("N3", false, false),
			prev:    domain.Answer{Value: domain.Float(7), Note: "按月统计", Evidence: []string{"月报.pdf"}, Flagged: true},
			want:    domain.Answer{Value: domain.Float(7), Note: "按月统计", Evidence: []string{"月报.pdf"}},
			carried: true},
		{name: "check item carried as it was", item: &domain.Item{ID: "C1", Max: 5, Method: domain.MethodCheck},
			prev:    domain.Answer{Met: &yes, Note: "已建立", Evidence: []string{"制度.pdf"}},
			want:    domain.Answer{Met: &yes, Note: "已建立", Evidence: []string{"制度.pdf"}},
			carried: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat := func() *domain.Catalog {
				it := *tc.item
				return &domain.Catalog{ID: "c", Version: "1", Total: 10, Categories: []*domain.Category{{ID: "A", Items: []*domain.Item{&it}}}}
			}
			prev := &domain.Workspace{Catalog: cat(), Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{tc.item.ID: tc.prev}}}
			answers, carried := domain.CarryAnswers(prev, cat(), "分县局")
			got, ok := answers[tc.item.ID]
			if ok == tc.absent {
				t.Fatalf("answer present = %v: %+v", ok, answers)
			}
			if !tc.absent && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("carried as %+v, want %+v", got, tc.want)
			}
			if c := slices.Contains(carried, tc.item.ID); c != tc.carried {
				t.Errorf("in the carried list = %v, want %v (%v)", c, tc.carried, carried)
			}
			if tc.prev.Value != nil && got.Baseline != nil && got.Baseline == tc.prev.Value {
				t.Error("the baseline shares last round's value pointer")
			}
		})
	}
}
