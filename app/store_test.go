package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/domain"
)

func TestOpenStore_MaxEvidence(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	st, err := openStore(context.Background(), db, func(k string) string {
		if k == maxEvidenceEnv {
			return "2"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.MaxEvidenceSize() != 2<<20 {
		t.Errorf("limit %d, want 2 MB", st.MaxEvidenceSize())
	}
	if _, err := openStore(context.Background(), db, func(string) string { return "lots" }); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad limit: %v", err)
	}
}

func TestRedactDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://pingce:secret@db1:5432/pingce", "postgres://pingce:xxxxx@db1:5432/pingce"},
		{"host=db1 user=pingce password=secret dbname=pingce", "host=db1 user=pingce password=xxxxx dbname=pingce"},
	} {
		if got := redactDSN(tc.in); got != tc.want || strings.Contains(got, "secret") {
			t.Errorf("redactDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
