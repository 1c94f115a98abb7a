package cli

import (
	"bytes"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestSayReach: pingce score says under the final when figures wait for
// the round, with the range, and says nothing for a final result.
func TestSayReach(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    domain.Result
		want string
	}{
		{"round", domain.Result{AwaitsRound: true, Reach: &domain.PointRange{Min: 21.5, Max: 100}}, "awaits the round (待全市汇总后计分): 21.5 to 100 reachable"},
		{"grade only", domain.Result{AwaitsRound: true}, "the grade may still change"},
		{"reviewer", domain.Result{Reach: &domain.PointRange{Min: 4, Max: 8}}, "4 to 8 reachable once the reviewer decides"},
		{"final", domain.Result{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			sayReach(&b, &tc.r)
			if got := b.String(); tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}
