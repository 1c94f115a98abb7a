package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem codes of evidence file names.
const (
	ProbFileNameEmpty = "file_name_empty" // a file name with nothing left once cleaned
)

// maxFileNameBytes bounds a cleaned file name: file systems take 255 bytes.
const maxFileNameBytes = 200

// hiddenRune reports whether r changes how text around it looks rather
// than being seen itself: control characters (newlines, ESC, BEL …),
// direction overrides and marks (U+202E turns "report\u202efdp.exe" into
// what reads as "reportexe.pdf"), line and paragraph separators, and the
// other invisible format characters.
func hiddenRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || unicode.Is(unicode.Cf, r) ||
		r == '\u2028' || r == '\u2029'
}

// CleanFileName returns the name a file given as name is stored and
// written under: its last path element, each character that is hidden or
// changes how the name reads (hiddenRune) and each character a file system
// refuses (< > : " / \ | ? *) replaced by "_", no spaces or dots at its
// ends (Windows drops them), a device name of Windows (CON, NUL, COM1 …)
// prefixed with "_", and at most 200 bytes, the extension kept. Text that
// is not valid UTF-8 is refused (ProbBadText), as is a name with nothing
// left (ProbFileNameEmpty), both EINVALID.
func CleanFileName(name string) (string, error) {
	if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
		p := NewProblem(ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", "file name")
		return "", &Error{Code: EINVALID, Message: "the file name is not valid text (UTF-8 without NUL characters)", Problems: []Problem{p}}
	}
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		if hiddenRune(r) || strings.ContainsRune(`<>:"|?*`, r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	s := strings.Trim(b.String(), " .")
	if base, _, _ := strings.Cut(strings.ToUpper(s), "."); windowsDevice(base) {
		s = "_" + s
	}
	if len(s) > maxFileNameBytes {
		ext := Extension(s)
		if len(ext) > 20 {
			ext = ""
		}
		keep := maxFileNameBytes - len(ext)
		for keep > 0 && !utf8.RuneStart(s[keep]) {
			keep--
		}
		s = s[:keep] + ext
	}
	if s == "" || strings.Trim(s, "_") == "" {
		p := NewProblem(ProbFileNameEmpty, "the file name {name:q} has nothing left to name the file by", "name", QuoteText(name))
		return "", &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
	}
	return s, nil
}

// windowsDevice reports whether the upper-case name (before any dot) names
// a device on Windows, which no file can be called.
func windowsDevice(base string) bool {
	switch base = strings.TrimRight(base, " "); base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// Extension returns the extension of a file name, with its dot, in lower
// case: ".pdf" for "报告.PDF", "" for none.
func Extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return ""
	}
	return strings.ToLower(name[i:])
}

// viewable are the extensions of files the system's viewer may be handed:
// documents, pictures, sound and video, archives. Everything else — a
// program, a script, a shortcut, a web page, an unknown type — may run code
// when opened, and is offered to save instead (OpensSafely).
var viewable = map[string]bool{
	".pdf": true, ".ofd": true, ".txt": true, ".csv": true, ".rtf": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".wps": true, ".et": true, ".dps": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".tif": true, ".tiff": true,
	".webp": true, ".heic": true,
	".mp3": true, ".wav": true, ".m4a": true, ".mp4": true, ".mov": true, ".avi": true, ".wmv": true, ".mkv": true,
	".zip": true, ".rar": true, ".7z": true,
}

// OpensSafely reports whether a file called name may be handed to the
// system to open: only the document, picture, media and archive types
// (by its real, last extension), never a program or script, which the
// system would run.
func OpensSafely(name string) bool { return viewable[Extension(name)] }

// QuoteText writes text stored from outside for a terminal or a label, so
// that it shows what it holds: each character that is hidden or changes
// how the text around it reads (control characters, direction overrides,
// invalid UTF-8) is written as an escape (\n, \x1b, \u202e), everything
// else as it is (a backslash too: Windows paths stay readable).
func QuoteText(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if hiddenRune(r) || (r == utf8.RuneError && n == 1) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && hiddenRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case hiddenRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
