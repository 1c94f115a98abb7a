package exchange

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"testing"
)

// TestWriteProgress checks the progress Write reports through the
// context: never backwards, never past the total, which is the entries'
// sizes, and ending at it; for a large evidence file, reports within it.
func TestWriteProgress(t *testing.T) {
	big := bytes.Repeat([]byte{1, 2, 3, 4}, 3<<20/4) // 3 MiB
	tests := []struct {
		name     string
		contents func(t *testing.T) *Contents
		atLeast  int // reports
	}{
		{"small package", func(t *testing.T) *Contents { return fixture(t) }, 2},
		{"a 3 MiB file", func(t *testing.T) *Contents {
			c := fixture(t)
			c.Attachments = append(c.Attachments, Attachment{Item: "A1.1", Name: "大.pdf", SHA256: sumOf(big), Size: int64(len(big))})
			open := c.Evidence
			c.Evidence = func(ctx context.Context, h string) (io.ReadCloser, error) {
				if h == sumOf(big) {
					return io.NopCloser(bytes.NewReader(big)), nil
				}
				return open(ctx, h)
			}
			return c
		}, 4},
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls [][2]int64
			ctx := WithProgress(context.Background(), func(done, total int64) { calls = append(calls, [2]int64{done, total}) })
			var buf bytes.Buffer
			m, err := Write(ctx, &buf, tt.contents(t), key, "")
			if err != nil {
				t.Fatal(err)
			}
			var want int64
			for _, f := range m.Files {
				want += f.Size
			}
			if len(calls) < tt.atLeast {
				t.Fatalf("%d reports, want at least %d: %v", len(calls), tt.atLeast, calls)
			}
			for i, c := range calls {
				if c[1] != want || c[0] > c[1] || (i > 0 && c[0] < calls[i-1][0]) {
					t.Fatalf("report %d is %d of %d (entries: %d bytes): %v", i, c[0], c[1], want, calls)
				}
			}
			if last := calls[len(calls)-1]; last[0] != want {
				t.Errorf("the last report is %d of %d", last[0], last[1])
			}
		})
	}
}
