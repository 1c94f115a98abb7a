package xlsx

import (
	"context"
	"fmt"
	"io"
	"testing"

	"pingce/internal/report"
	"pingce/internal/report/internal/benchmem"
	"pingce/internal/report/internal/fixture"
)

// BenchmarkWrite writes workbooks of 500 and 2,000 items.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			ws := fixture.Workspace(fixture.Config{Items: n, Reviews: true, LongNote: 2000})
			b.ReportAllocs()
			peak := benchmem.Start()
			for b.Loop() {
				if err := Write(context.Background(), io.Discard, report.Build(ws, report.Options{})); err != nil {
					b.Fatal(err)
				}
			}
			heap, live := peak.Stop()
			b.ReportMetric(heap, "peak-heap-MB")
			b.ReportMetric(live, "peak-live-MB")
		})
	}
}
