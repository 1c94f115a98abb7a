package domain_test

import (
	"testing"

	"pingce/internal/domain"
)

// FuzzTaskInput reads dates, statuses, sources and kinds as the command
// line and the board take them: never a panic, a date reads back as
// itself, and a parsed name is valid.
func FuzzTaskInput(f *testing.F) {
	for _, s := range []string{"2026-06-30", "2026/6/30", "基本完成", "已销号", "immediate", "", "\xff", "2026-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := domain.ParseDate(s); err == nil {
			if back, err := domain.ParseDate(domain.DateText(d)); err != nil || !back.Equal(d) {
				t.Fatalf("%q → %v does not read back: %v %v", s, d, back, err)
			}
		} else if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("%q: %v", s, err)
		}
		if st, ok := domain.ParseTaskStatus(s); ok && !st.Valid() {
			t.Fatalf("%q → invalid status %q", s, st)
		}
		if k, ok := domain.ParseTaskKind(s); ok && !k.Valid() {
			t.Fatalf("%q → invalid kind %q", s, k)
		}
		if src, ok := domain.ParseTaskSource(s); ok && !src.Valid() {
			t.Fatalf("%q → invalid source %q", s, src)
		}
		tk := domain.Task{Problem: s, Measure: s, Owner: s, Source: domain.SourceManual, Kind: domain.KindOngoing}
		_ = domain.CheckTask(&tk)
	})
}
