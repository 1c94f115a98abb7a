package storage

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// toldLen is a reader that tells a length of its own choosing.
type toldLen struct {
	io.Reader
	n int
}

func (t toldLen) Len() int { return t.n }

// TestReadAll reads whole contents into one buffer of the told size, and
// still reads all of a reader that told too little, up to the limit.
func TestReadAll(t *testing.T) {
	data := strings.Repeat("证据", 1000) // 6,000 bytes
	tests := []struct {
		name  string
		r     io.Reader
		limit int64
		want  int
	}{
		{name: "told its size", r: bytes.NewReader([]byte(data)), limit: 1 << 20, want: len(data)},
		{name: "told too little", r: toldLen{strings.NewReader(data), 100}, limit: 1 << 20, want: len(data)},
		{name: "told too much", r: toldLen{strings.NewReader(data), 9000}, limit: 1 << 20, want: len(data)},
		{name: "told nothing", r: io.MultiReader(strings.NewReader(data)), limit: 1 << 20, want: len(data)},
		{name: "over the limit", r: toldLen{strings.NewReader(data), 100}, limit: 1000, want: 1000},
		{name: "empty", r: bytes.NewReader(nil), limit: 1000, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(tt.r, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want || string(got) != data[:tt.want] {
				t.Fatalf("readAll read %d bytes, want the first %d", len(got), tt.want)
			}
		})
	}
	t.Run("one buffer of the told size", func(t *testing.T) {
		got, err := readAll(bytes.NewReader([]byte(data)), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if cap(got) > len(data)+1 {
			t.Fatalf("readAll's buffer holds %d bytes for a content of %d: it grew", cap(got), len(data))
		}
	})
}
