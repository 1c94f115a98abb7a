package storage_test

import (
	"path/filepath"
	"sync"
	"testing"

	"pingce/internal/exchange"
	"pingce/internal/storage/storagetest"
)

// TestExport_Progress: an export reports its progress through the
// context — written, then read back and verified — never backwards, over
// one total (the entries' sizes twice), ending at it.
func TestExport_Progress(t *testing.T) {
	unit, id := submitted(t, storagetest.Open(t))
	var mu sync.Mutex // the verification reports from the goroutine reading
	var calls [][2]int64
	ctx := exchange.WithProgress(unit.ctx, func(done, total int64) {
		mu.Lock()
		calls = append(calls, [2]int64{done, total})
		mu.Unlock()
	})
	m, err := unit.svc.Export(ctx, id, filepath.Join(t.TempDir(), "p.pingce"), "", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	var size int64
	for _, f := range m.Files {
		size += f.Size
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) < 4 {
		t.Fatalf("%d reports: %v", len(calls), calls)
	}
	sawHalf := false
	for i, c := range calls {
		if c[1] != 2*size || c[0] > c[1] || (i > 0 && c[0] < calls[i-1][0]) {
			t.Fatalf("report %d: %d of %d (entries %d bytes): %v", i, c[0], c[1], size, calls)
		}
		sawHalf = sawHalf || c[0] == size
	}
	if last := calls[len(calls)-1]; last[0] != 2*size || !sawHalf {
		t.Errorf("reports %v: want the written half (%d) and the end (%d)", calls, size, 2*size)
	}
}
