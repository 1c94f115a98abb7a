package overview

import "testing"

func TestRateText(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want string
	}{{0.79726, "79.7%"}, {0.8, "80%"}, {1, "100%"}, {0, "0%"}, {1.0512, "105.1%"}} {
		if got := rateText(tc.rate); got != tc.want {
			t.Errorf("rateText(%v) = %q, want %q", tc.rate, got, tc.want)
		}
	}
}

func TestFit(t *testing.T) {
	long := "全国社会治安防控体系建设示范城市创建自评参考指标"
	for _, tc := range []struct {
		name  string
		text  string
		width float32
		cut   bool
	}{
		{"short name stays", "城关派出所", 200, false},
		{"long Chinese is cut", long, 120, true},
		{"latin fits more", "A1.1 abcdefghij", 200, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fit(tc.text, tc.width)
			if cut := got != tc.text; cut != tc.cut {
				t.Errorf("fit(%q, %v) = %q", tc.text, tc.width, got)
			}
		})
	}
}
