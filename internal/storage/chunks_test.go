package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"testing"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// pieceSizes are content sizes around the piece size.
var pieceSizes = []struct {
	name string
	size int
}{
	{"empty", 0},
	{"one byte", 1},
	{"one piece", chunkSize},
	{"a piece and a byte", chunkSize + 1},
	{"two and a half pieces", 5 * chunkSize / 2},
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// draftFixture makes a draft assessment of a two-item catalog (A1, A2).
func draftFixture(t *testing.T, s *Store) int64 {
	t.Helper()
	ctx := domain.WithActor(context.Background(), "tester")
	cat := &domain.Catalog{ID: "c", Version: "1", Title: "c", Total: 10, Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "A",
			Items: []*domain.Item{{ID: "A1", Title: "a", Max: 5, Method: domain.MethodCheck},
				{ID: "A2", Title: "b", Max: 5, Method: domain.MethodCheck}}}}}
	if _, _, err := s.ImportCatalog(ctx, cat); err != nil {
		t.Fatal(err)
	}
	u := &domain.Unit{Name: "甲", Type: "市局"}
	if err := s.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &domain.Assessment{Unit: *u, Round: "R", CatalogID: "c", CatalogVersion: "1"}
	if err := s.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, s *Store, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := s.db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEvidencePieces stores contents of sizes around the piece size: each
// is kept in ceil(size/chunkSize) pieces, reads back the same whole or
// streamed, is kept once when attached again elsewhere, and its pieces go
// with its last attachment; a file over the limit leaves no piece behind.
func TestEvidencePieces(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	for name, s := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			s.maxEvidence = 3 * chunkSize
			id := draftFixture(t, s)
			for _, tt := range pieceSizes {
				t.Run(tt.name, func(t *testing.T) {
					data := randomBytes(t, tt.size)
					ev, err := s.AddEvidence(ctx, id, "A1", tt.name+".bin", bytes.NewReader(data))
					must(t, err)
					if ev.SHA256 != hashOf(data) || ev.Size != int64(tt.size) {
						t.Fatalf("stored as %s, %d bytes; want %s, %d", ev.SHA256, ev.Size, hashOf(data), tt.size)
					}
					var key string
					if err := s.db.Model(&contentRow{}).Where("sha256 = ?", ev.SHA256).Pluck("content_key", &key).Error; err != nil {
						t.Fatal(err)
					}
					if n, want := count(t, s, &chunkRow{}, "content_key = ?", key), int64((tt.size+chunkSize-1)/chunkSize); n != want {
						t.Errorf("%d pieces, want %d", n, want)
					}
					if n := count(t, s, &contentRow{}, "sha256 = ? AND length(data) > 0", ev.SHA256); n != 0 {
						t.Errorf("the content is in evidence_blobs.data too")
					}
					got, err := s.EvidenceContent(ctx, ev.ID)
					if err != nil || !bytes.Equal(got, data) {
						t.Errorf("EvidenceContent: %d bytes (%v), want the %d stored", len(got), err, len(data))
					}
					rc, err := s.OpenEvidence(ctx, ev.ID)
					must(t, err)
					var streamed bytes.Buffer
					if _, err := io.CopyBuffer(&streamed, struct{ io.Reader }{rc}, make([]byte, 1000)); err != nil || !bytes.Equal(streamed.Bytes(), data) {
						t.Errorf("OpenEvidence read in small steps: %d bytes (%v)", streamed.Len(), err)
					}
					rc.Close()

					pieces := count(t, s, &chunkRow{}, "")
					again, err := s.AddEvidence(ctx, id, "A2", "again.bin", bytes.NewReader(data))
					must(t, err)
					if n := count(t, s, &chunkRow{}, ""); n != pieces {
						t.Errorf("attached again elsewhere: %d pieces, want the %d there were", n, pieces)
					}
					same, err := s.AddEvidence(ctx, id, "A2", "again.bin", bytes.NewReader(data))
					must(t, err)
					if same.ID != again.ID || count(t, s, &chunkRow{}, "") != pieces {
						t.Errorf("the same file attached twice: evidence %d, %d; pieces %d, want %d", same.ID, again.ID, count(t, s, &chunkRow{}, ""), pieces)
					}
					must(t, s.RemoveEvidence(ctx, ev.ID))
					if n := count(t, s, &chunkRow{}, "content_key = ?", key); n != int64((tt.size+chunkSize-1)/chunkSize) {
						t.Errorf("one attachment left: %d pieces kept", n)
					}
					must(t, s.RemoveEvidence(ctx, again.ID))
					if n := count(t, s, &chunkRow{}, "content_key = ?", key); n != 0 {
						t.Errorf("no attachment left: %d pieces kept", n)
					}
				})
			}
			t.Run("over the limit", func(t *testing.T) {
				before := count(t, s, &chunkRow{}, "")
				_, err := s.AddEvidence(ctx, id, "A1", "big.bin", bytes.NewReader(randomBytes(t, 3*chunkSize+1)))
				if domain.ErrorCode(err) != domain.ETOOLARGE {
					t.Errorf("over the limit: %v, want ETOOLARGE", err)
				}
				if n := count(t, s, &chunkRow{}, ""); n != before {
					t.Errorf("a refused file left %d pieces", n-before)
				}
			})
			if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
				t.Errorf("db check: %q (%v)", probs, err)
			}
		})
	}
}

// TestCheckPieces damages the pieces of a content in every way db check
// must tell.
func TestCheckPieces(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	tests := []struct {
		name, sql, want string
	}{
		{"a piece missing", "DELETE FROM evidence_chunks WHERE content_key = ? AND seq = 1", "pieces hold"},
		{"a piece too many", "INSERT INTO evidence_chunks (content_key, seq, data) SELECT content_key, 9, data FROM evidence_chunks WHERE content_key = ? AND seq = 0", "more pieces"},
		{"a byte changed", "UPDATE evidence_chunks SET data = substr(data, 2) || x'00' WHERE content_key = ? AND seq = 0", "hash to"},
		{"a piece longer", "UPDATE evidence_chunks SET data = data || x'00' WHERE content_key = ? AND seq = 1", "pieces hold"},
		{"pieces of no content", "INSERT INTO evidence_chunks (content_key, seq, data) SELECT 'stray', seq, data FROM evidence_chunks WHERE content_key = ?", "belong to no file content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openBoth(t)["sqlite"]
			id := draftFixture(t, s)
			ev, err := s.AddEvidence(ctx, id, "A1", "a.bin", bytes.NewReader(randomBytes(t, chunkSize+100)))
			must(t, err)
			var key string
			if err := s.db.Model(&contentRow{}).Where("sha256 = ?", ev.SHA256).Pluck("content_key", &key).Error; err != nil {
				t.Fatal(err)
			}
			exec(t, s, tt.sql, key)
			probs, err := s.Check(ctx)
			if err != nil || len(probs) != 1 || !bytes.Contains([]byte(probs[0]), []byte(tt.want)) {
				t.Errorf("db check: %q (%v), want one problem saying %q", probs, err, tt.want)
			}
			if tt.name != "pieces of no content" && tt.name != "a piece too many" {
				if _, err := s.EvidenceContent(ctx, ev.ID); err == nil && tt.name != "a byte changed" {
					t.Errorf("reading a damaged content gave no error")
				}
			}
		})
	}
}

// oldForm puts a database's contents back the way schemas 1–11 kept them
// (whole in evidence_blobs.data, no pieces, no key).
func oldForm(t *testing.T, s *Store, contents map[string][]byte) {
	t.Helper()
	for sha, data := range contents {
		exec(t, s, "UPDATE evidence_blobs SET data = ?, content_key = '' WHERE sha256 = ?", data, sha)
	}
	exec(t, s, "DELETE FROM evidence_chunks WHERE seq >= 0")
}

// TestMigrateEvidenceChunks_BothDatabases writes contents the way schema
// 11 kept them into a current database, on SQLite and PostgreSQL, and runs
// migration 12: every content comes back the same, in pieces, and db
// check finds nothing.
func TestMigrateEvidenceChunks_BothDatabases(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	for name, s := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			id := draftFixture(t, s)
			contents := map[string][]byte{}
			ids := map[string]int64{}
			for _, tt := range pieceSizes {
				data := randomBytes(t, tt.size)
				ev, err := s.AddEvidence(ctx, id, "A1", tt.name+".bin", bytes.NewReader(data))
				must(t, err)
				contents[ev.SHA256], ids[ev.SHA256] = data, ev.ID
			}
			oldForm(t, s, contents)
			if err := s.transaction(ctx, func(tx *gorm.DB) error { return migrateEvidenceChunks(tx) }); err != nil {
				t.Fatal(err)
			}
			for sha, data := range contents {
				got, err := s.EvidenceContent(ctx, ids[sha])
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("%d bytes after the migration: %d (%v)", len(data), len(got), err)
				}
				if n, want := count(t, s, &chunkRow{}, "content_key = ?", sha), int64((len(data)+chunkSize-1)/chunkSize); n != want {
					t.Errorf("%d bytes: %d pieces, want %d", len(data), n, want)
				}
			}
			if n := count(t, s, &contentRow{}, "length(data) > 0 OR content_key = ''"); n != 0 {
				t.Errorf("%d contents left in the old form", n)
			}
			if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
				t.Errorf("db check after the migration: %q (%v)", probs, err)
			}
		})
	}
}

// TestMigrateEvidenceChunks_FromRelease opens the database release d75a230
// wrote (schema 2, its contents whole in evidence_blobs.data): after the
// migrations every content is in pieces, none is left whole, and each
// reads back with its hash and size.
func TestMigrateEvidenceChunks_FromRelease(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "tester")
	path := copyDB(t, "schema2.db")
	old := readBefore(t, path)
	if len(old.blobs) == 0 {
		t.Fatal("test data: no evidence contents")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for sha, size := range old.blobs {
		got, err := readContent(ctx, s.db, sha)
		if err != nil || hashOf(got) != sha || int64(len(got)) != size {
			t.Errorf("content %.12s: %d bytes (%v), want %d", sha, len(got), err, size)
		}
		if n, want := count(t, s, &chunkRow{}, "content_key = ?", sha), (size+chunkSize-1)/chunkSize; n != want {
			t.Errorf("content %.12s: %d pieces, want %d", sha, n, want)
		}
	}
	if n := count(t, s, &contentRow{}, "length(data) > 0"); n != 0 {
		t.Errorf("%d contents still whole in evidence_blobs.data", n)
	}
	if probs, err := s.Check(ctx); err != nil || len(probs) != 0 {
		t.Errorf("db check: %q (%v)", probs, err)
	}
}

// cancelling reads some bytes, then cancels the context of the write
// reading it.
type cancelling struct {
	cancel context.CancelFunc
	n      int
}

func (c *cancelling) Read(p []byte) (int, error) {
	if c.n > 0 {
		c.cancel()
	}
	c.n++
	return copy(p, bytes.Repeat([]byte("x"), len(p))), nil
}

// TestLargeWriteRestoresCheckpoint attaches files with the automatic
// checkpoint off for the write (largeWrite): afterwards the connection
// has its setting back, also when the attach was cancelled half-way, and
// a cancelled attach leaves no piece.
func TestLargeWriteRestoresCheckpoint(t *testing.T) {
	s := openBoth(t)["sqlite"]
	id := draftFixture(t, s)
	setting := func() int {
		var pages int
		if err := s.db.Raw("PRAGMA wal_autocheckpoint").Scan(&pages).Error; err != nil {
			t.Fatal(err)
		}
		return pages
	}
	want := setting()
	if want <= 0 {
		t.Fatalf("wal_autocheckpoint is %d before", want)
	}
	tests := []struct {
		name   string
		reader func(cancel context.CancelFunc) io.Reader
		fails  bool
	}{
		{"attached", func(context.CancelFunc) io.Reader { return bytes.NewReader(randomBytes(t, 2*chunkSize)) }, false},
		{"cancelled half-way", func(cancel context.CancelFunc) io.Reader { return &cancelling{cancel: cancel} }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(domain.WithActor(context.Background(), "tester"))
			defer cancel()
			pieces := count(t, s, &chunkRow{}, "")
			_, err := s.AddEvidence(ctx, id, "A1", tt.name+".bin", tt.reader(cancel))
			if (err != nil) != tt.fails {
				t.Fatalf("attach: %v, want an error: %v", err, tt.fails)
			}
			if got := setting(); got != want {
				t.Errorf("wal_autocheckpoint %d after the write, want %d", got, want)
			}
			if n := count(t, s, &chunkRow{}, ""); tt.fails && n != pieces {
				t.Errorf("a cancelled attach left %d pieces", n-pieces)
			}
		})
	}
}
