package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf16"
)

// gopdf writes the document information (title, subject) and the bookmarks
// as UTF-16 hex strings, but a character beyond the Basic Multilingual
// Plane — 𠮷, an emoji — as its bare code point in five hex digits, which no
// reader decodes. pdfString stands each such character in for two private-
// use characters that carry its surrogates (U+E000+high, U+E400+low: four
// hex digits each, so the file's byte offsets stay right); fixStrings turns
// them into the real surrogates once the file is written.

const (
	highCarrier = 0xE000 // + (high surrogate - 0xD800), 1024 values
	lowCarrier  = 0xE400 // + (low surrogate - 0xDC00), 1024 values
	carrierEnd  = 0xE800
)

// pdfString prepares s for gopdf's UTF-16 strings. A private-use character
// of the carrier range in s itself becomes U+FFFD.
func pdfString(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			out = append(out, highCarrier+(hi-0xD800), lowCarrier+(lo-0xDC00))
		case r >= highCarrier && r < carrierEnd:
			out = append(out, 0xFFFD)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// fixStrings rewrites the carriers inside every <FEFF…> hex string of a
// written PDF into surrogates, in place. Content streams are compressed and
// hold no such strings.
func fixStrings(pdf []byte) []byte {
	marker := []byte("<FEFF")
	for i := 0; ; {
		j := bytes.Index(pdf[i:], marker)
		if j < 0 {
			return pdf
		}
		start := i + j + len(marker)
		end := bytes.IndexByte(pdf[start:], '>')
		if end < 0 {
			return pdf
		}
		hex := pdf[start : start+end]
		for k := 0; k+4 <= len(hex); k += 4 {
			v, ok := hex4(hex[k : k+4])
			if !ok {
				break // not a UTF-16 hex string of ours
			}
			switch {
			case v >= highCarrier && v < lowCarrier:
				putHex4(hex[k:k+4], v-highCarrier+0xD800)
			case v >= lowCarrier && v < carrierEnd:
				putHex4(hex[k:k+4], v-lowCarrier+0xDC00)
			}
		}
		i = start + end
	}
}

func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

func putHex4(b []byte, v rune) {
	const digits = "0123456789ABCDEF"
	for k := 3; k >= 0; k-- {
		b[k] = digits[v&0xF]
		v >>= 4
	}
}

// bfrangeWide matches a ToUnicode entry that gopdf wrote for a character
// beyond the BMP: its code point in five or six hex digits, which readers
// take for two characters (𠮷 U+20BB7 came out as "₻" and "7").
var bfrangeWide = regexp.MustCompile(`(<[0-9A-F]{4}><[0-9A-F]{4}>)<([0-9A-F]{5,6})>\n`)

// streamLength matches the length of a stream in an object's dictionary.
var streamLength = regexp.MustCompile(`/Length (\d+)\n`)

// fixToUnicode rewrites the ToUnicode maps of a PDF gopdf wrote so that a
// character beyond the BMP maps to its UTF-16 surrogate pair, as the PDF
// standard says, and then the stream lengths, the cross-reference table and
// startxref to match. Copying or searching the text of a report then gives
// back 𠮷, not "₻7". A PDF it does not understand is returned as it is.
func fixToUnicode(pdf []byte) []byte {
	if !bfrangeWide.Match(pdf) {
		return pdf
	}
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	if xref < 0 {
		return pdf
	}
	xref++ // at "xref"
	lines := bytes.SplitN(pdf[xref:], []byte("\n"), 3)
	var first, n int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &n); err != nil || first != 0 {
		return pdf
	}
	entries := pdf[xref+len(lines[0])+1+len(lines[1])+1:]
	const entryLen = 20 // "0000000024 00000 n \n"
	if len(entries) < n*entryLen {
		return pdf
	}
	offs := make([]int, n)
	for k := 1; k < n; k++ {
		e := entries[k*entryLen : (k+1)*entryLen]
		if e[17] != 'n' {
			return pdf // a free entry: not what gopdf writes
		}
		v, err := strconv.Atoi(string(e[:10]))
		if err != nil || v <= 0 || v >= xref {
			return pdf
		}
		offs[k] = v
	}
	// Objects in file order, each to the next, the last to xref.
	order := make([]int, 0, n-1)
	for k := 1; k < n; k++ {
		order = append(order, k)
	}
	sort.Slice(order, func(i, j int) bool { return offs[order[i]] < offs[order[j]] })
	var out bytes.Buffer
	out.Grow(len(pdf) + 1024)
	out.Write(pdf[:offs[order[0]]])
	newOffs := make([]int, n)
	for i, k := range order {
		end := xref
		if i+1 < len(order) {
			end = offs[order[i+1]]
		}
		seg := pdf[offs[k]:end]
		newOffs[k] = out.Len()
		if bfrangeWide.Match(seg) {
			seg = fixSegment(seg)
		}
		out.Write(seg)
	}
	newXref := out.Len()
	out.Write(pdf[xref : xref+len(lines[0])+1+len(lines[1])+1])
	tail := append([]byte(nil), entries...)
	for k := 1; k < n; k++ {
		copy(tail[k*entryLen:], fmt.Sprintf("%010d", newOffs[k]))
	}
	// startxref's number follows the trailer.
	sx := bytes.LastIndex(tail, []byte("startxref\n"))
	if sx < 0 {
		return pdf
	}
	rest := tail[sx+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return pdf
	}
	out.Write(tail[:sx+len("startxref\n")])
	out.WriteString(strconv.Itoa(newXref))
	out.Write(rest[nl:])
	return out.Bytes()
}

// fixSegment rewrites the wide entries of one ToUnicode stream object and
// its /Length.
func fixSegment(seg []byte) []byte {
	start := bytes.Index(seg, []byte("stream\n"))
	end := bytes.LastIndex(seg, []byte("endstream"))
	m := streamLength.FindSubmatchIndex(seg)
	if start < 0 || end < start || m == nil || m[0] > start {
		return seg
	}
	body := bfrangeWide.ReplaceAllFunc(seg[start+len("stream\n"):end], func(e []byte) []byte {
		sub := bfrangeWide.FindSubmatch(e)
		v, err := strconv.ParseUint(string(sub[2]), 16, 32)
		if err != nil || v > unicode.MaxRune {
			return e
		}
		hi, lo := utf16.EncodeRune(rune(v))
		return fmt.Appendf(nil, "%s<%04X%04X>\n", sub[1], hi, lo)
	})
	length, _ := strconv.Atoi(string(seg[m[2]:m[3]]))
	length += len(body) - (end - start - len("stream\n"))
	var b bytes.Buffer
	b.Write(seg[:m[2]])
	b.WriteString(strconv.Itoa(length))
	b.Write(seg[m[3] : start+len("stream\n")])
	b.Write(body)
	b.Write(seg[end:])
	return b.Bytes()
}
