package pdf

import (
	"context"
	"fmt"
	"io"
	"testing"

	"pingce/internal/report"
	"pingce/internal/report/internal/benchmem"
	"pingce/internal/report/internal/fixture"
)

// BenchmarkWrite lays out and writes reports of 500 and 2,000 items (with
// reviews, evidence and a long note). Goals: 500 items under 300 ms, 2,000
// under 1 s, peak heap under 100 MB.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			ws := fixture.Workspace(fixture.Config{Items: n, Reviews: true, LongNote: 2000})
			if err := Write(context.Background(), io.Discard, report.Build(ws, report.Options{})); err != nil {
				b.Fatal(err) // also parses the font outside the measured loop
			}
			b.ReportAllocs()
			peak := benchmem.Start()
			for b.Loop() {
				doc := report.Build(ws, report.Options{})
				if err := Write(context.Background(), io.Discard, doc); err != nil {
					b.Fatal(err)
				}
			}
			heap, live := peak.Stop()
			b.ReportMetric(heap, "peak-heap-MB")
			b.ReportMetric(live, "peak-live-MB")
		})
	}
}
