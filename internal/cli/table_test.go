package cli

import (
	"strings"
	"testing"
)

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"某某区公安分局", 14}, {"2026-Q3", 7}, {"（全角）", 8},
		{"𠮷野", 4}, {"e\u0301", 1}, {"a\u200db", 2}, {"😀", 2},
	} {
		t.Run(tc.s, func(t *testing.T) {
			if got := displayWidth(tc.s); got != tc.want {
				t.Errorf("displayWidth(%q) = %d, want %d", tc.s, got, tc.want)
			}
		})
	}
}

func TestTableLinesUpChinese(t *testing.T) {
	tb := newTable([]string{"ID", "UNIT", "SCORE"}, 2)
	tb.row("1", "某某区公安分局", "944.89")
	tb.row("12", "城关派出所", "87.5")
	tb.row("3", "Traffic Police", "1000")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"ID  UNIT             SCORE",
		"1   某某区公安分局  944.89",
		"12  城关派出所        87.5",
		"3   Traffic Police    1000",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("table:\n%s\nwant:\n%s", b.String(), strings.Join(want, "\n"))
	}
	// Every line ends at the same column: the numbers are aligned right.
	for _, l := range lines {
		if displayWidth(l) != displayWidth(lines[0]) {
			t.Errorf("line %q is %d columns wide, header %d", l, displayWidth(l), displayWidth(lines[0]))
		}
	}
}
