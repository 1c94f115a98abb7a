package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestSay escapes every text argument but those of %q, and leaves the
// format's own tabs and newlines alone.
func TestSay(t *testing.T) {
	tests := []struct {
		name, format string
		args         []any
		want         string
	}{
		{"string", "unit %d: %s\n", []any{1, "某\n2026-01-01 admin approve"}, "unit 1: 某\\n2026-01-01 admin approve\n"},
		{"error", "pingce x: %v\n", []any{errors.New("file a\x1b[2Kb missing")}, "pingce x: file a\\x1b[2Kb missing\n"},
		{"problem", "  %s\n", []any{domain.Problem{File: "x\u202e.yaml", Msg: "bad"}}, "  x\\u202e.yaml: bad\n"},
		{"quoted", "%q and %s", []any{"a\nb", "a\nb"}, `"a\nb" and a\nb`},
		{"width", "%-6s|%*d|%s", []any{"a\tb", 3, 7, "c\rd"}, `a\tb  |  7|c\rd`},
		{"tabs of the format", "%s\t%s\n", []any{"x", "y"}, "x\ty\n"},
		{"explicit index", "%[2]s %[1]q", []any{"a\n", "b\n"}, `b\n "a\\n"`},
		{"list", "%v", []any{[]string{"a\x07", "b"}}, `[a\x07 b]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			say(&b, tt.format, tt.args...)
			if b.String() != tt.want {
				t.Errorf("say(%q) = %q, want %q", tt.format, b.String(), tt.want)
			}
		})
	}
	var b bytes.Buffer
	sayln(&b, "a\nb", 3)
	if b.String() != "a\\nb 3\n" {
		t.Errorf("sayln = %q", b.String())
	}
}

// TestStoredTextPrintedSafely gives outside text that would forge a line
// or rewrite the terminal (issue 10 #7) — a unit name in an answers file,
// a file name — and finds it escaped in everything the commands print:
// their output and their errors. (Names a database keeps are refused
// such characters on the way in.)
func TestStoredTextPrintedSafely(t *testing.T) {
	// YAML's escapes, which the terminal would obey once read; printed
	// escaped, they read the same.
	const forged = `某某区公安分局\x1b[2K\r\u202e`
	data, err := os.ReadFile(goldenAnswers)
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?m)^unit:.*$`).ReplaceAllString(string(data), `unit: {name: "`+forged+`", type: 分县局}`)
	ans := writeFile(t, "forged.yaml", text)
	code, out, errOut := run(t, "score", "--catalog", "demo-city-ref", "--answers", ans)
	if code != 0 {
		t.Fatalf("score: exit %d\n%s", code, errOut)
	}
	code, out2, _ := run(t, "report", "--catalog", "demo-city-ref", "--answers", ans, "--xlsx", filepath.Join(t.TempDir(), "r.xlsx"))
	if code != 0 {
		t.Fatalf("report: exit %d", code)
	}
	out += out2
	_, _, errOut = run(t, "catalog", "check", filepath.Join(t.TempDir(), "无\x1b]0;x\a.yaml"))
	for name, text := range map[string]string{"output": out, "errors": errOut} {
		if strings.ContainsAny(text, "\x1b\r\a\u202e") {
			t.Errorf("%s hold raw control characters:\n%q", name, text)
		}
	}
	if strings.Count(out, forged) < 2 || !strings.Contains(errOut, `无\x1b]0;x\x07.yaml`) {
		t.Errorf("escaped text missing:\n%s\n%s", out, errOut)
	}
}

// FuzzSay prints any format: what say writes for numbers is what fmt
// writes, and a text argument never brings a control character of its own.
func FuzzSay(f *testing.F) {
	for _, s := range []string{"%s %d", "%-8s|%*d|%q", "%[2]s %[1]q", "%%s %v", "%", "%.3s", "%#v\t%x"} {
		f.Add(s, "a\nb\x1b")
	}
	f.Fuzz(func(t *testing.T, format, text string) {
		var b bytes.Buffer
		say(&b, format, 7, 3)
		if want := fmt.Sprintf(format, 7, 3); b.String() != want {
			t.Fatalf("say(%q, 7, 3) = %q, fmt says %q", format, b.String(), want)
		}
		if strings.ContainsAny(format, "%\x1b\n\r\a\u202e") {
			return
		}
		b.Reset()
		say(&b, format+"%s", text)
		if out := strings.TrimPrefix(b.String(), format); strings.ContainsAny(out, "\x1b\n\r\a\u202e") {
			t.Fatalf("say(%q, %q) = %q", format+"%s", text, b.String())
		}
	})
}
