package pdf

import (
	"strings"
	"unicode"
)

// noStart are the characters a line must not start with (kinsoku): closing
// punctuation, pauses and stops, Chinese and Latin.
const noStart = "，。、；：？！）」』】〕〗〙〛〉》”’…—～·・%‰℃°,.;:?!)]}>"

// noEnd are the characters a line must not end with: opening brackets and
// quotes.
const noEnd = "（「『【〔〖〘〚〈《“‘([{<"

func isNoStart(r rune) bool { return strings.ContainsRune(noStart, r) }
func isNoEnd(r rune) bool   { return strings.ContainsRune(noEnd, r) }

// isWide reports whether r belongs to a script that breaks between any two
// characters: Han, kana, Hangul, and CJK punctuation and full-width forms.
func isWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // CJK radicals … unified ideographs, kana, punctuation
		r >= 0xAC00 && r <= 0xD7AF,   // Hangul
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x3FFFF: // supplementary ideographs
		return true
	}
	return r == '…' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·'
}

// canBreak reports whether a line may end after a and the next start with b.
func canBreak(a, b rune) bool {
	if isNoStart(b) || isNoEnd(a) || unicode.IsSpace(b) {
		return false
	}
	if unicode.IsSpace(a) || isWide(a) || isWide(b) {
		return true
	}
	// Between two Latin characters: only after a hyphen or a slash.
	return (a == '-' || a == '/') && unicode.IsLetter(b)
}

// canForce reports whether a break between a and b is acceptable when a
// word is too long for the line: anywhere the kinsoku rules allow.
func canForce(a, b rune) bool {
	return !isNoStart(b) && !isNoEnd(a)
}

// breakLines splits text into lines no wider than width, where adv gives the
// advance width of a rune. '\n' ends a line; other breaks fall where the
// line-breaking rules allow: between CJK characters, after spaces, never
// before closing or after opening punctuation. A word wider than the line
// is split where the kinsoku rules allow, or anywhere as a last resort.
// Spaces at the end of a line stay on it and are not measured.
//
// No character is lost or repeated: the lines joined give text back, less
// its '\n'. Every line holds at least one character; an empty text or an
// empty paragraph gives an empty line.
func breakLines(text string, width float64, adv func(rune) float64) []string {
	var lines []string
	for {
		para, rest, more := strings.Cut(text, "\n")
		lines = breakPara(lines, para, width, adv)
		if !more {
			return lines
		}
		text = rest
	}
}

const eps = 1e-9

func breakPara(lines []string, para string, width float64, adv func(rune) float64) []string {
	if para == "" {
		return append(lines, "")
	}
	rs := []rune(para)
	// cum[k] is the width of rs[:k].
	cum := make([]float64, len(rs)+1)
	for i, r := range rs {
		cum[i+1] = cum[i] + adv(r)
	}
	start := 0
	for i := 0; i < len(rs); i++ {
		if unicode.IsSpace(rs[i]) {
			continue // spaces hang past the margin
		}
		for i > start && cum[i+1]-cum[start] > width+eps {
			b := breakBefore(rs, start, i)
			lines = append(lines, string(rs[start:b]))
			start = b
		}
	}
	return append(lines, string(rs[start:]))
}

// breakBefore picks where the line that starts at start must end so that
// rs[i] (which overflows) moves down: the last allowed break in (start, i],
// else the last forced break, else i itself.
func breakBefore(rs []rune, start, i int) int {
	for j := i; j > start; j-- {
		if canBreak(rs[j-1], rs[j]) {
			return j
		}
	}
	for j := i; j > start; j-- {
		if canForce(rs[j-1], rs[j]) && !unicode.IsSpace(rs[j]) {
			return j
		}
	}
	return i
}
