package storage_test

import (
	"strings"
	"testing"

	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestEvidenceOriginalName keeps the name a file was given beside the
// cleaned one it is stored under (issue 10 #8: "keep the original for
// display"), only when cleaning changed it, without the sender's folders,
// and reads it back from the database.
func TestEvidenceOriginalName(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		long := strings.Repeat("很", 400) + ".pdf" // 1204 bytes
		tests := []struct {
			name, in, stored, original string
		}{
			{"right-to-left override", "report\u202efdp.exe", "report_fdp.exe", "report\u202efdp.exe"},
			{"terminal escapes", "\x1b[2K报告\n.pdf", "_[2K报告_.pdf", "\x1b[2K报告\n.pdf"},
			{"clean name", "规划.pdf", "规划.pdf", ""},
			{"folders only", `C:\Users\x\方案.pdf`, "方案.pdf", ""},
			{"folders and a bad character", "/home/x/a?b.pdf", "a_b.pdf", "a?b.pdf"},
			{"long name cut at a character", long, "", strings.Repeat("很", 333)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ev, err := s.AddEvidence(ctx, a.ID, "A1", tt.in, strings.NewReader("content of "+tt.name))
				mustOK(t, err)
				if tt.stored != "" && ev.Name != tt.stored {
					t.Errorf("stored as %q, want %q", ev.Name, tt.stored)
				}
				if ev.OriginalName != tt.original {
					t.Errorf("original %q, want %q", ev.OriginalName, tt.original)
				}
				evs, err := s.ListEvidence(ctx, a.ID, "A1")
				mustOK(t, err)
				for _, e := range evs {
					if e.ID == ev.ID && e.OriginalName != tt.original {
						t.Errorf("listed with original %q, want %q", e.OriginalName, tt.original)
					}
				}
			})
		}
	})
}
