package yamlnode

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// manyKeys returns a mapping of n keys, each with a small flow mapping, as
// an answers file holds them.
func manyKeys(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "K%d: {met: true}\n", i)
	}
	return []byte(b.String())
}

// BenchmarkObject reads mappings of growing size: the time per key must
// stay the same (linear parsing, issue 10 #5), not grow with the size.
func BenchmarkObject(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		data := manyKeys(n)
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			for b.Loop() {
				d := &Decoder{File: "f.yaml"}
				o := d.Object(doc.Content[0], "", "", "the file")
				if len(o.KV) != 2*n || len(d.Probs) != 0 {
					b.Fatalf("read %d keys, %d problems", len(o.KV)/2, len(d.Probs))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/key")
		})
	}
}
