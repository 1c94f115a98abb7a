package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestDescribeCounted: tiered counts, multipliers and the reviewer's range
// (issue 15 shapes 5, 9, 8) are told in words.
func TestDescribeCounted(t *testing.T) {
	kinds := []domain.Kind{{Key: "main", Label: "主要领导出席", Per: 1}, {Key: "other", Label: "其他领导出席", Per: 0.5}}
	tests := []struct {
		name string
		item domain.Item
		want []string
	}{
		{"count by kind", domain.Item{Max: 3, Method: domain.MethodCount, Kinds: kinds},
			[]string{"分类计分：主要领导出席每次 1 分；其他领导出席每次 0.5 分；合计最高 3 分"}},
		{"count by kind, uncapped", domain.Item{Max: 3, Method: domain.MethodCount, Kinds: kinds, Uncapped: true},
			[]string{"本项不设上限"}},
		{"deduct by kind", domain.Item{Max: 10, Method: domain.MethodDeduct, Kinds: kinds, Floor: 2, ZeroAt: 5},
			[]string{"满分 10 分，按类别扣分：主要领导出席每次 1 分；其他领导出席每次 0.5 分。最低 2 分。合计达到 5 次的，本项不得分。"}},
		{"doubled", domain.Item{Max: 6, Method: domain.MethodDeduct, Per: 1,
			Multipliers: []domain.Multiplier{{Key: "s", Label: "重大安保期间发生", Times: 2}}},
			[]string{"扣 1 分，扣完为止。其中重大安保期间发生的按 2 倍计。"}},
		{"discretion", domain.Item{Max: 10, Method: domain.MethodDeduct, Discretion: &domain.Discretion{Min: 2, Max: 6}},
			[]string{"酌情扣 2—6 分", "核定前按最多扣分计"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(&tt.item)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("describe = %q, want it to contain %q", got, w)
				}
			}
		})
	}
}

// TestDiscretionPoints: an item whose points the reviewer still picks shows
// the range and the worst case counted until then.
func TestDiscretionPoints(t *testing.T) {
	is := domain.ItemScore{Score: 4, Max: 10, Status: domain.StatusAnswered, Pending: &domain.PointRange{Min: 4, Max: 8}}
	if got, want := discretionPoints(is), "待核定 4–8 / 10 分"; got != want {
		t.Errorf("discretionPoints = %q, want %q", got, want)
	}
}
