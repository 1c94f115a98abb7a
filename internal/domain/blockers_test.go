package domain_test

import (
	"slices"
	"testing"

	"pingce/internal/domain"
)

func TestBlockers(t *testing.T) {
	// The same answers as TestSubmissionProblems: the index must agree with
	// the submit check item by item.
	complete := map[string]domain.Answer{
		"chk": {Met: yes, Note: "见会议纪要"}, "lvl": level("好"), "num": val(50), "chg": change(9, 10), "ded": count(0),
		"cmp": {Parts: map[string]domain.Answer{"a": {Met: yes}, "b": count(0)}},
	}
	cases := []struct {
		name              string
		answers           map[string]domain.Answer
		blocks, pending   []string
		items, totalCount int
	}{
		{"complete", complete, nil, nil, 0, 0},
		{"answered but evidence missing is pending", with(complete, "chk", domain.Answer{Met: yes}), []string{"chk"}, []string{"chk"}, 1, 1},
		{"N/A without reason is pending", with(complete, "lvl", domain.Answer{NA: true}), []string{"lvl"}, []string{"lvl"}, 1, 1},
		{"unanswered blocks but is not pending", with(complete, "num", domain.Answer{}), []string{"num"}, nil, 1, 1},
		{"bonus claimed without evidence", with(complete, "bon", count(1)), []string{"bon"}, []string{"bon"}, 1, 1},
		{"several", with(complete, "chk", domain.Answer{Met: yes}, "lvl", domain.Answer{NA: true}, "num", domain.Answer{}),
			[]string{"chk", "lvl", "num"}, []string{"chk", "lvl"}, 3, 3},
	}
	all := []string{"chk", "lvl", "num", "chg", "ded", "cmp", "bon"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := &domain.Workspace{
				Assessment: domain.Assessment{Unit: domain.Unit{Type: "派出所"}},
				Catalog:    checkCatalog(),
				Answers:    &domain.AnswerSet{Answers: tc.answers},
			}
			b := w.Blockers()
			if b.Items() != tc.items || b.Count() != tc.totalCount || b.Count() != len(w.SubmissionProblems()) {
				t.Errorf("Items %d Count %d, want %d %d (submit check: %d)", b.Items(), b.Count(), tc.items, tc.totalCount, len(w.SubmissionProblems()))
			}
			for _, id := range all {
				if got, want := b.Blocks(id), slices.Contains(tc.blocks, id); got != want {
					t.Errorf("Blocks(%s) = %v, want %v", id, got, want)
				}
				if got, want := b.Pending(id), slices.Contains(tc.pending, id); got != want {
					t.Errorf("Pending(%s) = %v, want %v", id, got, want)
				}
			}
		})
	}
}
