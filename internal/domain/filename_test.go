package domain_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pingce/internal/domain"
)

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("报", 100) + ".pdf"
	tests := []struct {
		name, in, want, code string
	}{
		{"plain", "规划.pdf", "规划.pdf", ""},
		{"right-to-left override", "report\u202efdp.exe", "report_fdp.exe", ""},
		{"escape and bell", "a\x1b[2Jb\a.pdf", "a_[2Jb_.pdf", ""},
		{"newline", "first\nsecond.pdf", "first_second.pdf", ""},
		{"folders", `C:\Users\x\..\报告.pdf`, "报告.pdf", ""},
		{"unix folders", "../../etc/passwd", "passwd", ""},
		{"reserved characters", `a<b>c:d"e|f?g*h.pdf`, "a_b_c_d_e_f_g_h.pdf", ""},
		{"ends trimmed", "  报告.pdf. . ", "报告.pdf", ""},
		{"device name", "CON.txt", "_CON.txt", ""},
		{"device name lower case", "com1", "_com1", ""},
		{"not a device", "CONSOLE.txt", "CONSOLE.txt", ""},
		{"long", long, strings.Repeat("报", 65) + ".pdf", ""},
		{"invalid UTF-8", "a\xffb.pdf", "", domain.ProbBadText},
		{"NUL", "a\x00b.pdf", "", domain.ProbBadText},
		{"nothing left", " \u202e ", "", domain.ProbFileNameEmpty},
		{"only a folder", "dir/", "", domain.ProbFileNameEmpty},
		{"empty", "", "", domain.ProbFileNameEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := domain.CleanFileName(tt.in)
			if tt.code != "" {
				ps := domain.ErrorProblems(err)
				if domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != tt.code {
					t.Fatalf("CleanFileName(%q) = %q, %v; want %s", tt.in, got, err, tt.code)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("CleanFileName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			if len(got) > 200 || !utf8.ValidString(got) {
				t.Errorf("cleaned name %q: %d bytes", got, len(got))
			}
		})
	}
}

func FuzzCleanFileName(f *testing.F) {
	for _, s := range []string{"规划.pdf", "report\u202efdp.exe", "a\x1b[2J", "CON", strings.Repeat("x", 300) + ".pdf", "a\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := domain.CleanFileName(in)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("error %v", err)
			}
			return
		}
		if got == "" || len(got) > 200 || !utf8.ValidString(got) || strings.ContainsAny(got, "/\\<>:\"|?*\x00") ||
			domain.QuoteText(got) != got || strings.TrimSpace(got) != got {
			t.Fatalf("CleanFileName(%q) = %q", in, got)
		}
		if again, err := domain.CleanFileName(got); err != nil || again != got {
			t.Fatalf("cleaning %q again gives %q, %v", got, again, err)
		}
	})
}

func TestOpensSafely(t *testing.T) {
	for name, want := range map[string]bool{
		"规划.pdf": true, "照片.JPG": true, "表.xlsx": true, "a.tar.zip": true,
		"report\u202efdp.exe": false, "x.pdf.exe": false, "run.bat": false, "a.ps1": false, "a.js": false,
		"a.lnk": false, "a.desktop": false, "a.sh": false, "a.html": false, "a.hta": false, "noext": false, ".pdf": false,
		"a.pdf ": false,
	} {
		if got := domain.OpensSafely(name); got != want {
			t.Errorf("OpensSafely(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestQuoteText(t *testing.T) {
	for in, want := range map[string]string{
		"某某区公安分局":           "某某区公安分局",
		"a\nb":              `a\nb`,
		"\x1b[2K\rroot":     `\x1b[2K\rroot`,
		"report\u202efdp":   `report\u202efdp`,
		"bell\a":            `bell\x07`,
		"bad\xffutf":        `bad\xffutf`,
		"tab\tx":            `tab\tx`,
		"C:\\Users\\报告.pdf": "C:\\Users\\报告.pdf",
		"\u2066iso\u2069":   `\u2066iso\u2069`,
		"next\u0085line":    `next\u0085line`,
	} {
		if got := domain.QuoteText(in); got != want {
			t.Errorf("QuoteText(%q) = %q, want %q", in, got, want)
		}
	}
}
