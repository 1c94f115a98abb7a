package storage_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestOpenContent reads a stored content through the export's reader: the
// same bytes as EvidenceContent, ENOTFOUND for a content not stored, and
// the store usable again once the reader is closed.
func TestOpenContent(t *testing.T) {
	st := storagetest.Open(t)
	u, id := submitted(t, st)
	evs, err := st.ListEvidence(u.ctx, id, "")
	if err != nil || len(evs) == 0 {
		t.Fatalf("evidence: %v (%d files)", err, len(evs))
	}
	missing := sha256.Sum256([]byte("never stored"))
	tests := []struct {
		name string
		sha  string
		want string // "" = ENOTFOUND
	}{
		{name: "stored", sha: evs[0].SHA256, want: evs[0].SHA256},
		{name: "not stored", sha: hex.EncodeToString(missing[:])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := st.OpenContent(u.ctx, tt.sha)
			if tt.want == "" {
				if domain.ErrorCode(err) != domain.ENOTFOUND {
					t.Fatalf("OpenContent = %v, want ENOTFOUND", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			if err := rc.Close(); err != nil {
				t.Fatal(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			want, err := st.EvidenceContent(u.ctx, evs[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(got)
			if string(got) != string(want) || hex.EncodeToString(sum[:]) != tt.want {
				t.Fatalf("OpenContent read %d bytes, not the %d stored", len(got), len(want))
			}
		})
	}
	// The query is released: a write goes through (SQLite has one connection).
	if err := st.TrustKey(u.ctx, "某某派出所", make([]byte, 32)); err != nil {
		t.Fatalf("a write after the readers closed: %v", err)
	}
}
