package answers

import (
	"fmt"
	"strings"
	"testing"
)

// manyAnswers returns an answers file with n answers.
func manyAnswers(n int) []byte {
	var b strings.Builder
	b.WriteString("format: pingce/answers@1\nanswers:\n")
	for i := range n {
		fmt.Fprintf(&b, "  K%d: {met: true}\n", i)
	}
	return []byte(b.String())
}

// BenchmarkParseKeys parses answers files of growing size: the time per
// answer must stay about the same (linear parsing, issue 10 #5).
func BenchmarkParseKeys(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		data := manyAnswers(n)
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				s, err := Parse("a.yaml", data, nil)
				if err != nil || len(s.Answers) != n {
					b.Fatalf("Parse: %v", err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/answer")
		})
	}
}
