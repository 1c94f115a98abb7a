package answers

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// TestParseDocuments refuses an answers file that holds a second YAML
// document, at the line where it starts, and accepts a "---" before or
// after the only document.
func TestParseDocuments(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int // of the problem about a second document; 0 when the file is accepted
	}{
		// base has 12 lines.
		{"two answers files", base + "---\n" + base, 13},
		{"stray --- in the middle", "format: pingce/answers@1\ncatalog: demo-city-ref@2026.1\n---\nanswers:\n  A1.2: {met: true}\n", 3},
		{"second after document end", base + "...\n---\nround: x\n", 14},
		{"second after an empty one", base + "---\n# old\n---\nround: x\n", 15},
		{"leading and a second", "---\n" + base + "---\n" + base, 14},
		{"trailing ---", base + "---\n", 0},
		{"trailing --- without newline", base + "---", 0},
		{"leading ---", "---\n" + base, 0},
		{"leading and trailing ---", "---\n" + base + "---\n", 0},
		{"comments after ---", base + "---\n# answers of the last round went here\n", 0},
		{"document end", base + "...\n", 0},
	}
	cat := demoCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []*domain.Catalog{nil, cat} {
				s, err := Parse("a.yaml", []byte(tt.yaml), c)
				if tt.line == 0 {
					if err != nil {
						t.Fatalf("Parse: %v\n%s", err, list(domain.ErrorProblems(err)))
					}
					if len(s.Answers) != 6 || len(s.Vetoes) != 1 {
						t.Errorf("parsed as %+v", s)
					}
					continue
				}
				if err == nil {
					t.Fatalf("Parse accepted %+v", s)
				}
				ps := domain.ErrorProblems(err)
				checkCodes(t, ps)
				want := fmt.Sprintf("a.yaml:%d: the file holds more than one YAML document (a second one starts here); an answers file holds one", tt.line)
				if len(ps) != 1 || ps[0].String() != want || ps[0].Code != yamlnode.ProbMultiDoc {
					t.Errorf("problems:\n%swant:\n  %s", list(ps), want)
				}
			}
		})
	}
}

// TestLoadFile reads answers files through the size limit and refuses the
// ones that would take unbounded memory, naming the file and the limit.
func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	many := "format: pingce/answers@1\nanswers: {A1.1: {evidence: [" + strings.Repeat("x,", yamlnode.DefaultMaxNodes/2) + "x]}}\n"
	tests := []struct {
		name  string
		path  string
		code  string // error code; "" for success
		prob  string // the problem's code
		limit string
	}{
		{"good", file("good.yaml", []byte(base)), "", "", ""},
		{"missing", filepath.Join(dir, "none.yaml"), domain.ENOTFOUND, "", ""},
		{"too large", file("big.yaml", append([]byte(base+"# "), bytes.Repeat([]byte("x"), MaxFileSize)...)),
			domain.ETOOLARGE, userfile.ProbTooLarge, "32 MiB"},
		{"too many values", file("many.yaml", []byte(many)), domain.ETOOLARGE, yamlnode.ProbTooManyNodes,
			strconv.Itoa(yamlnode.DefaultMaxNodes)},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct{ name, path, code, prob, limit string }{
			"endless device", "/dev/zero", domain.ETOOLARGE, userfile.ProbTooLarge, "32 MiB"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadFile(context.Background(), tt.path, demoCatalog(t))
			if got := domain.ErrorCode(err); got != tt.code {
				t.Fatalf("LoadFile: %v, want code %q", err, tt.code)
			}
			if tt.code == "" {
				if len(s.Answers) != 6 {
					t.Errorf("read %+v", s)
				}
				return
			}
			if tt.prob == "" {
				return
			}
			ps := domain.ErrorProblems(err)
			if len(ps) != 1 || ps[0].Code != tt.prob || ps[0].Args["limit"] != tt.limit {
				t.Errorf("problems %+v, want %s with limit %s", ps, tt.prob, tt.limit)
			}
		})
	}
}

// TestParseOrdinary refuses at import what could not be scored or shown:
// numbers too small or too large to compute with (a baseline of 1e-320
// was imported and then shown as "not answered") and an N/A reason of
// only spaces, each at its line.
func TestParseOrdinary(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		code           string
	}{
		{"denormal baseline", "baseline: 100", "baseline: 1e-320", 10, yamlnode.ProbNumberRange},
		{"huge value", "value: 7.5", "value: 1e300", 8, yamlnode.ProbNumberRange},
		{"huge part baseline", "baseline: 40", "baseline: -2e15", 11, yamlnode.ProbNumberRange},
		{"reason of spaces", "A2.1: {value: 7.5}", `A2.1: {na: true, reason: "   "}`, 8, domain.ProbNAWithoutReason},
		{"reason of a full-width space", "A2.1: {value: 7.5}", "A2.1: {na: true, reason: \"\u3000\"}", 8, domain.ProbNAWithoutReason},
	}
	cat := demoCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.yaml", []byte(edit(t, tt.old, tt.new)), cat)
			ps := domain.ErrorProblems(err)
			checkCodes(t, ps)
			if len(ps) != 1 || ps[0].Code != tt.code || ps[0].Line != tt.line {
				t.Errorf("problems:\n%swant %s on line %d", list(ps), tt.code, tt.line)
			}
		})
	}
}
