package domain_test

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestAuthorizeNames refuses a change by someone whose name cannot be
// recorded (issue 10 #7: empty, 10 KB, newlines forging a second audit
// line, terminal escapes), whatever their roles.
func TestAuthorizeNames(t *testing.T) {
	a := &domain.Assessment{ID: 1, Status: domain.Draft}
	for _, tt := range []struct{ name, user, code string }{
		{"ordinary", "张三", ""},
		{"empty", "", domain.ProbNameEmpty},
		{"spaces", "  ", domain.ProbNameEmpty},
		{"newline", "张三\n2026-07-01 admin approve", domain.ProbNameChars},
		{"escape", "\x1b[2K李四", domain.ProbNameChars},
		{"override", "张\u202e三", domain.ProbNameChars},
		{"10 KB", strings.Repeat("长", 10_000), domain.ProbNameTooLong},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.Authorize(domain.User{Name: tt.user, Roles: domain.Roles}, domain.ActEdit, a)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Authorize: %v", err)
				}
				return
			}
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != tt.code {
				t.Errorf("Authorize: %v %+v, want %s", err, ps, tt.code)
			}
		})
	}
}
