package cli

import "testing"

func TestSafeText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain Chinese", "某某区公安分局 2026-Q3", "某某区公安分局 2026-Q3"},
		{"a forged audit line", "张三\n2026-01-01  admin  approve", `张三\n2026-01-01  admin  approve`},
		{"terminal escapes", "\x1b[2K\rroot", `\x1b[2K\rroot`},
		{"bell and DEL", "a\x07b\x7f", `a\x07b\x7f`},
		{"C1 control", "a\u009bb", `a\u009bb`},
		{"right-to-left override", "report\u202efdp.exe", `report\u202efdp.exe`},
		{"isolates", "\u2066x\u2069", `\u2066x\u2069`},
		{"invalid UTF-8", "ab\xffc", `ab\xffc`},
		{"a real replacement character stays", "a\ufffdb", "a\ufffdb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeText(tc.in); got != tc.want {
				t.Errorf("safeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
