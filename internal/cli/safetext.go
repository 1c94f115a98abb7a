package cli

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// safeText returns s fit to print on a terminal: control characters (which
// could forge a line or move the cursor), bidirectional overrides (which
// reorder what is shown: "report\u202efdp.exe" reads "reportexe.pdf") and
// invalid UTF-8 are written as escapes such as \n, \x1b or \u202e; the rest
// is left as it is. Every CLI printer of stored or outside text uses it.
func safeText(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == unicode.ReplacementChar:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i]) // a byte that is not UTF-8
			} else {
				b.WriteRune(r)
			}
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports whether r must not reach a terminal as it is.
func unsafeRune(r rune) bool {
	switch {
	case r == unicode.ReplacementChar:
		return true // possibly invalid UTF-8; checked byte by byte
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
