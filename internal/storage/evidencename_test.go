package storage_test

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestEvidenceNameCleaned stores evidence under a clean name (issue 10 #8):
// no characters that hide or turn round what the name says, no folders;
// a name that is not text is refused as such, not as a missing name.
func TestEvidenceNameCleaned(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		a := storagetest.Fixture(t, s)
		tests := []struct {
			name, in, want, code string
		}{
			{"right-to-left override", "report\u202efdp.exe", "report_fdp.exe", ""},
			{"terminal escapes", "\x1b[2K\a报告\n.pdf", "_[2K_报告_.pdf", ""},
			{"folders", `C:\Users\x\规划.pdf`, "规划.pdf", ""},
			{"invalid UTF-8", "\xff\xfe.pdf", "", domain.ProbBadText},
			{"nothing left", "\u202e", "", domain.ProbFileNameEmpty},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ev, err := s.AddEvidence(ctx, a.ID, "A1", tt.in, strings.NewReader("content of "+tt.name))
				if tt.code != "" {
					wantCode(t, err, domain.EINVALID)
					if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != tt.code {
						t.Errorf("problems %+v, want %s", ps, tt.code)
					}
					return
				}
				mustOK(t, err)
				if ev.Name != tt.want {
					t.Errorf("stored as %q, want %q", ev.Name, tt.want)
				}
			})
		}
	})
}
