package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestDescribeShapes: the issue 15 numeric rules are told in words.
func TestDescribeShapes(t *testing.T) {
	f := domain.Float
	tests := []struct {
		name string
		item domain.Item
		want []string
	}{
		{"piecewise", domain.Item{Max: 10, Method: domain.MethodNumeric, Unit: "%",
			Piecewise: []domain.Segment{{Below: f(96), Per: 0.25}, {Below: f(90), Per: 0.5}}},
			[]string{"满分 10 分，分段扣分", "低于 96%：每低 1 扣 0.25 分", "低于 90%：每低 1 扣 0.5 分"}},
		{"difference, exact and slope", domain.Item{Max: 8, Method: domain.MethodNumeric, Unit: "起", Difference: true,
			Exact: []domain.Exact{{Value: 0, Points: 8}}, Slope: &domain.Slope{Points: 6, Per: 0.2, LowerIsBetter: true}},
			[]string{"本期数减基期数", "恰为 0起 时计 8 分", "0起 计 6 分，每低 1 加 0.2 分，每高 1 扣 0.2 分"}},
		{"by unit type", domain.Item{Max: 10, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 80, Step: 1, Per: 1},
			ByUnitType: map[string]*domain.Item{"派出所": {}, "分县局": {}}},
			[]string{"分县局、派出所另有计分标准", "达到 80 得满分"}},
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
