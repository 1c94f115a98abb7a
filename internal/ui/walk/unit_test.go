package walk

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

func bytesReader(s string) io.Reader { return bytes.NewReader([]byte(s)) }

func TestDescribe(t *testing.T) {
	f := domain.Float
	tests := []struct {
		name string
		item domain.Item
		want []string
	}{
		{"catalog text wins", domain.Item{Max: 5, Method: domain.MethodCheck, Scoring: "按文件计分"}, []string{"按文件计分"}},
		{"check", domain.Item{Max: 5, Method: domain.MethodCheck}, []string{"达到要求得 5 分"}},
		{"levels", domain.Item{Max: 10, Method: domain.MethodLevels,
			Levels: []domain.Level{{Label: "三项都有", Points: 10}, {Label: "有两项", Points: 6}}},
			[]string{"三项都有：10 分", "有两项：6 分"}},
		{"bands", domain.Item{Max: 30, Method: domain.MethodNumeric, Unit: "%",
			Bands: []domain.Band{{AtLeast: f(98), Points: 30}, {AtMost: f(5), Points: 2}}},
			[]string{"不低于 98%：30 分", "不高于 5%：2 分", "都不符合：0 分"}},
		{"linear", domain.Item{Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 60, Full: 95}},
			[]string{"不低于 95 得满分 10 分，不高于 60 得 0 分"}},
		{"linear lower is better", domain.Item{Max: 10, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 9, Full: 1}},
			[]string{"不高于 1 得满分"}},
		{"shortfall with change", domain.Item{Max: 25, Method: domain.MethodNumeric, Change: true,
			Shortfall: &domain.Shortfall{Target: -10, Step: 1, Per: 2.5, LowerIsBetter: true, WholeSteps: true}},
			[]string{"（本期数 − 基数）", "不高于 -10% 得满分 25 分；每高 1% 扣 2.5 分", "不足一档按一档计"}},
		{"shortfall", domain.Item{Max: 5, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 100, Step: 1, Per: 1}},
			[]string{"达到 100 得满分 5 分；每低 1 扣 1 分"}},
		{"deduct", domain.Item{Max: 20, Method: domain.MethodDeduct, Per: 10}, []string{"满分 20 分，每计一次扣 10 分，扣完为止。"}},
		{"deduct with floor and zero_at", domain.Item{Max: 20, Method: domain.MethodDeduct, Per: 2, Floor: 5, ZeroAt: 3},
			[]string{"最低 5 分", "计满 3 次得 0 分"}},
		{"deduct with zero_at", domain.Item{Max: 20, Method: domain.MethodDeduct, Per: 2, ZeroAt: 3}, []string{"扣完为止；计满 3 次得 0 分"}},
		{"deduct with floor", domain.Item{Max: 20, Method: domain.MethodDeduct, Per: 2, Floor: 5}, []string{"最低 5 分。"}},
		{"count", domain.Item{Max: 20, Method: domain.MethodCount, Per: 10}, []string{"每项（次）得 10 分，最多 20 分"}},
		{"composite", domain.Item{Max: 15, Parts: []*domain.Item{{ID: "a"}, {ID: "b"}}}, []string{"由 2 个部分组成"}},
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

func TestErrorText(t *testing.T) {
	for _, code := range []string{domain.ELOCKED, domain.EINVALID, domain.ENOTFOUND, domain.ECONFLICT,
		domain.EBLOCKED, domain.ETOOLARGE, domain.EINTERNAL} {
		t.Run(code, func(t *testing.T) {
			got := kit.ErrorText(domain.Errorf(code, "x"))
			if got == "" || strings.ContainsAny(got, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("kit.ErrorText(%s) = %q, want a Chinese sentence", code, got)
			}
		})
	}
}
