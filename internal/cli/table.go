package cli

import (
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// table lines up columns by the width text takes in a terminal, where a
// Chinese character takes two columns: text/tabwriter counts bytes (three
// for a hanzi), so its columns drifted apart under Chinese text.
type table struct {
	rows  [][]string
	right map[int]bool // columns aligned right (numbers)
}

// newTable starts a table with its header row; right names the columns
// aligned right.
func newTable(header []string, right ...int) *table {
	t := &table{rows: [][]string{header}, right: map[int]bool{}}
	for _, c := range right {
		t.right[c] = true
	}
	return t
}

// row adds a row of cells.
func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// write prints the table with two spaces between columns and no spaces at
// the ends of lines.
func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if t.right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth returns the columns s takes in a terminal: two for East
// Asian wide and full-width characters (hanzi, full-width punctuation),
// none for combining marks and format characters, one for the rest.
// Ambiguous-width characters (such as “ ” and ①) count one, as terminals
// outside East Asian locales show them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// tabTable is a drop-in for the text/tabwriter the commands used: write
// lines of tab-separated cells, then Flush prints them as a table lined up
// by display width. Cells must be escaped (safeText) before: a tab or a
// newline in one would split it.
type tabTable struct {
	w       io.Writer
	pending strings.Builder
}

// newTabTable returns a tabTable writing to w.
func newTabTable(w io.Writer) *tabTable { return &tabTable{w: w} }

// Write collects text; lines are split into cells at tabs on Flush.
func (t *tabTable) Write(p []byte) (int, error) { return t.pending.Write(p) }

// Flush prints what was written as a table. A line that is empty or starts
// with a newline of its own stays a blank line before the table.
func (t *tabTable) Flush() error {
	text := t.pending.String()
	t.pending.Reset()
	for strings.HasPrefix(text, "\n") {
		if _, err := io.WriteString(t.w, "\n"); err != nil {
			return err
		}
		text = text[1:]
	}
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return nil
	}
	var tb table
	tb.right = map[int]bool{}
	for _, line := range strings.Split(text, "\n") {
		tb.row(strings.Split(line, "\t")...)
	}
	return tb.write(t.w)
}
