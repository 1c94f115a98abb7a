package storage

import (
	"math/rand/v2"
	"slices"
	"sync"
)

// answerCache keeps the answer rows of the assessments written most
// recently, keyed by the assessment's revision, so that saving one answer
// does not read every other answer again. Rows are only ever used at the
// revision they were read or written at: any write, by this process or
// another, changes the revision and so bypasses the entry.
type answerCache struct {
	mu      sync.Mutex
	entries map[int64]cacheEntry
}

type cacheEntry struct {
	rev  int64
	rows []answerRow
}

// maxCached bounds the number of assessments kept.
const maxCached = 8

// newRevision returns a fresh revision: random, so that a revision is never
// reused, even by another process or after a deletion.
func newRevision() int64 { return rand.Int64() }

// get returns a copy of the rows cached for assessment id at revision rev,
// or nil.
func (c *answerCache) get(id, rev int64) []answerRow {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || e.rev != rev || rev == 0 {
		return nil
	}
	return slices.Clone(e.rows)
}

// put caches rows (which the caller must not change afterwards) for
// assessment id at revision rev.
func (c *answerCache) put(id, rev int64, rows []answerRow) {
	if rev == 0 || rows == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[int64]cacheEntry)
	}
	if _, ok := c.entries[id]; !ok && len(c.entries) >= maxCached {
		for k := range c.entries { // drop any one
			delete(c.entries, k)
			break
		}
	}
	c.entries[id] = cacheEntry{rev: rev, rows: rows}
}

// drop forgets assessment id.
func (c *answerCache) drop(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, id)
}
