package pdf

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// mono measures every CJK and full-width character as 2 and everything
// else as 1, so that widths in the tests can be counted by eye.
func mono(r rune) float64 {
	if isWide(r) {
		return 2
	}
	return 1
}

func TestBreakLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "治安防控", 8, []string{"治安防控"}},
		{"cjk anywhere", "治安防控体系建设", 8, []string{"治安防控", "体系建设"}},
		{"no comma at line start", "治安防控，体系建设", 8, []string{"治安防", "控，体系", "建设"}},
		{"no full stop at line start", "一二三四。五六", 8, []string{"一二三", "四。五六"}},
		{"bracket moves down whole", "一二三（四）五", 8, []string{"一二三", "（四）五"}},
		{"no closing bracket at start", "一二三四）五", 8, []string{"一二三", "四）五"}},
		{"no opening bracket at end", "一二三（四五六）", 8, []string{"一二三", "（四五", "六）"}},
		{"no opening corner bracket at end", "甲乙丙「丁戊」", 8, []string{"甲乙丙", "「丁戊」"}},
		{"closing corner bracket", "甲乙丙丁」戊", 8, []string{"甲乙丙", "丁」戊"}},
		{"several closers", "甲乙丙丁）。戊", 8, []string{"甲乙丙", "丁）。戊"}},
		{"question and exclamation", "甲乙丙丁？！戊", 8, []string{"甲乙丙", "丁？！戊"}},
		{"semicolon and colon", "甲乙丙丁；戊己庚辛：壬", 8, []string{"甲乙丙", "丁；戊己", "庚辛：壬"}},
		{"double corner bracket", "甲乙丙『丁戊』己", 8, []string{"甲乙丙", "『丁戊』", "己"}},
		{"latin words whole", "hello world again", 10, []string{"hello ", "world ", "again"}},
		{"long latin word split", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"hyphen break", "GPS-tracker", 8, []string{"GPS-", "tracker"}},
		{"number stays with percent", "合格率98.5%", 9, []string{"合格率", "98.5%"}},
		{"hard newline", "甲乙\n丙丁", 10, []string{"甲乙", "丙丁"}},
		{"empty paragraph kept", "甲\n\n乙", 10, []string{"甲", "", "乙"}},
		{"char wider than line", "甲乙", 1, []string{"甲", "乙"}},
		{"trailing spaces hang", "ab   cd", 2, []string{"ab   ", "cd"}},
		{"only closers", "，，，，，，", 4, []string{"，，", "，，", "，，"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := breakLines(tc.text, tc.width, mono)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("breakLines(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
			checkLines(t, tc.text, tc.width, got)
		})
	}
}

// checkLines asserts the properties every result must have: no character
// lost or repeated, no line wider than the width unless it holds a single
// character, and at least one line per paragraph.
func checkLines(t *testing.T, text string, width float64, lines []string) {
	t.Helper()
	if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, "\n", ""); got != want {
		t.Fatalf("lines joined = %q, want %q", got, want)
	}
	if got, want := len(lines), strings.Count(text, "\n")+1; got < want {
		t.Fatalf("%d lines for %d paragraphs", got, want)
	}
	for _, ln := range lines {
		trimmed := strings.TrimRightFunc(ln, unicode.IsSpace)
		w := 0.0
		for _, r := range trimmed {
			w += mono(r)
		}
		if w > width+eps && utf8.RuneCountInString(trimmed) > 1 {
			t.Fatalf("line %q is %v wide, more than %v", ln, w, width)
		}
		if strings.Contains(ln, "\n") {
			t.Fatalf("line %q holds a newline", ln)
		}
	}
}

// TestKinsokuLongText breaks prose full of punctuation at many widths and
// checks that no line starts with closing punctuation or ends with opening
// punctuation wherever the text leaves a choice.
func TestKinsokuLongText(t *testing.T) {
	text := "“雪亮工程”视频监控联网率（含社会面、重点部位）达到要求；按季度通报！落实《企业事业单位内部治安保卫条例》：重点单位检查覆盖率。「一村一辅警」、『两队一室』？"
	for w := 6.0; w <= 40; w++ {
		lines := breakLines(text, w, mono)
		checkLines(t, text, w, lines)
		for i, ln := range lines {
			rs := []rune(ln)
			if i > 0 && isNoStart(rs[0]) {
				t.Errorf("width %v: line %d %q starts with %q", w, i, ln, rs[0])
			}
			if i < len(lines)-1 && isNoEnd(rs[len(rs)-1]) {
				t.Errorf("width %v: line %d %q ends with %q", w, i, ln, rs[len(rs)-1])
			}
		}
	}
}

func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{"", "治安防控，体系建设", "hello world", "甲（乙）丙。\n\n丁", "，，，（（（", "a\tb c", "GPS-tracker 设备、《管理办法》第3条：合格率%。"} {
		f.Add(s, 8.0)
	}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) || width != width || width < 0 || width > 1e6 {
			t.Skip()
		}
		checkLines(t, text, width, breakLines(text, width, mono))
	})
}
