package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
)

// The bundled font carries Chinese whole, with the rare characters of names
// and places (生僻字) that the 通用规范汉字表 lists (scripts/fonts.py). For
// anything else — a rarer ideograph of CJK Extension B to G, Korean, Arabic
// and so on — a PDF draws the glyph from a system font that has it: a
// TrueType font (gopdf reads no CFF outlines and no collections) such as
// SimSun-ExtB on Windows or Hanazono, BabelStone Han, Nanum or DejaVu on
// Linux. A character no font has is drawn as Placeholder and listed by
// Unprintable, so an export can warn before it writes.

// maxFontFile bounds the size of a system font file read as a fallback.
const maxFontFile = 64 << 20

// maxFontFiles bounds how many font files a search looks at.
const maxFontFiles = 4000

// face is one font a document can draw with.
type face struct {
	family string  // registered name in gopdf
	path   string  // file, or "bundled"
	ascent float64 // typographic ascender in em, for baseline alignment
	font   *sfnt.Font
	buf    sfnt.Buffer
	mu     sync.Mutex
}

// has reports whether the face maps r to a glyph.
func (f *face) has(r rune) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.font.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

// parseFace reads a TrueType font for drawing: it must have TrueType
// outlines ('glyf') and be a single font, not a collection.
func parseFace(fam, path string, data []byte) (*face, error) {
	t, err := tableDir(data)
	if err != nil {
		return nil, err
	}
	if _, ok := t["glyf"]; !ok {
		return nil, errors.New("no TrueType outlines (glyf)")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	return &face{family: fam, path: path, font: f, ascent: typoAscent(data, t)}, nil
}

// tableDir reads the table directory of a font file: tag → offset, length.
func tableDir(data []byte) (map[string][2]uint32, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font file")
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return nil, errors.New("a font collection (.ttc)")
	case "OTTO":
		return nil, errors.New("CFF outlines, not TrueType")
	default:
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	t := make(map[string][2]uint32, n)
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q past the end of the file", rec[:4])
		}
		t[string(rec[:4])] = [2]uint32{off, ln}
	}
	return t, nil
}

// typoAscent returns OS/2 sTypoAscender over head unitsPerEm, which is where
// gopdf puts the baseline below a cell's top; 0.8 em when either is absent.
func typoAscent(data []byte, t map[string][2]uint32) float64 {
	head, okH := t["head"]
	os2, okO := t["OS/2"]
	if !okH || !okO || head[1] < 20 || os2[1] < 70 {
		return 0.8
	}
	upem := binary.BigEndian.Uint16(data[head[0]+18:])
	asc := int16(binary.BigEndian.Uint16(data[os2[0]+68:]))
	if upem == 0 {
		return 0.8
	}
	return float64(asc) / float64(upem)
}

var (
	fallbackMu sync.Mutex
	// fallbackFonts holds the system fonts in use, parsed once per process.
	fallbackFonts = &gopdf.FontContainer{}
	// fallbackFaces are the faces loaded so far, by path.
	fallbackFaces = map[string]*face{}
	// resolved caches, for every rune the bundled font lacks and a search
	// has looked for, the face that draws it (nil: none).
	resolved sync.Map // rune → *face
	// fontDirs lists the folders searched for system fonts; tests replace it.
	fontDirs = systemFontDirs
	// preferred names the files tried first, most useful for Chinese first.
	preferred = []string{
		"simsunb.ttf", "SimSun-ExtB.ttf", "simsunextg.ttf", "SimSun-ExtG.ttf",
		"HanaMinB.ttf", "HanaMinA.ttf", "BabelStoneHan.ttf",
		"NanumGothic.ttf", "malgun.ttf", "DejaVuSans.ttf", "arial.ttf", "seguisym.ttf",
	}
)

// systemFontDirs returns the folders that hold the system's and the user's
// fonts on this platform.
func systemFontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		dirs := []string{filepath.Join(win, "Fonts")}
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library", "Fonts")}
	default:
		dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
		}
		if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
			dirs = append(dirs, filepath.Join(xdg, "fonts"))
		}
		return dirs
	}
}

// fontFiles lists the TrueType files in the font folders, the preferred
// ones first, then the rest by path.
func fontFiles() []string {
	var files []string
	for _, dir := range fontDirs() {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is skipped
			}
			if len(files) >= maxFontFiles {
				return filepath.SkipAll
			}
			if !d.IsDir() && d.Type().IsRegular() {
				if ext := strings.ToLower(filepath.Ext(p)); ext == ".ttf" || ext == ".otf" {
					files = append(files, p)
				}
			}
			return nil
		})
	}
	rank := func(p string) int {
		base := filepath.Base(p)
		for i, name := range preferred {
			if strings.EqualFold(base, name) {
				return i
			}
		}
		return len(preferred)
	}
	sort.SliceStable(files, func(i, j int) bool {
		ri, rj := rank(files[i]), rank(files[j])
		if ri != rj {
			return ri < rj
		}
		return files[i] < files[j]
	})
	return files
}

// readFont reads a font file through the size limit.
func readFont(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFontFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFontFile {
		return nil, fmt.Errorf("larger than %d MB", maxFontFile>>20)
	}
	return data, nil
}

// resolve finds, for each rune the bundled font lacks and no earlier search
// looked for, a system font that draws it. Fonts that draw none of them are
// read once and let go.
func resolve(need []rune) {
	fallbackMu.Lock()
	defer fallbackMu.Unlock()
	var open []rune
	for _, r := range need {
		if _, done := resolved.Load(r); !done {
			open = append(open, r)
		}
	}
	if len(open) == 0 {
		return
	}
	// Faces already loaded first: no file to read.
	open = assign(open, loadedFaces())
	if len(open) > 0 {
		for _, path := range fontFiles() {
			if _, loaded := fallbackFaces[path]; loaded {
				continue
			}
			data, err := readFont(path)
			if err != nil {
				continue
			}
			fam := fmt.Sprintf("fb%d", len(fallbackFaces)+1)
			f, err := parseFace(fam, path, data)
			if err != nil {
				continue
			}
			rest := assign(open, []*face{f})
			if len(rest) == len(open) {
				continue // draws none of them
			}
			if err := fallbackFonts.AddTTFFontData(fam, data); err != nil {
				for _, r := range open {
					if v, ok := resolved.Load(r); ok && v.(*face) == f {
						resolved.Delete(r)
					}
				}
				continue // gopdf cannot read it (no Unicode cmap, say)
			}
			fallbackFaces[path] = f
			open = rest
			if len(open) == 0 {
				break
			}
		}
	}
	for _, r := range open {
		resolved.Store(r, (*face)(nil))
	}
}

// assign records for each rune the first face that has it and returns the
// runes none has.
func assign(runes []rune, faces []*face) []rune {
	var rest []rune
	for _, r := range runes {
		found := false
		for _, f := range faces {
			if f.has(r) {
				resolved.Store(r, f)
				found = true
				break
			}
		}
		if !found {
			rest = append(rest, r)
		}
	}
	return rest
}

// loadedFaces returns the fallback faces loaded so far, in load order.
func loadedFaces() []*face {
	fs := make([]*face, 0, len(fallbackFaces))
	for _, f := range fallbackFaces {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].family < fs[j].family })
	return fs
}

// invisible reports whether r is a formatting mark that draws nothing
// (zero-width joiners and spaces, variation selectors, a byte-order mark):
// it is neither drawn nor reported.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector)
}

// faceFor returns the face that draws r and the rune to draw: r itself, or
// Placeholder in the bundled font when no font has r. A formatting mark
// gives a nil face.
func faceFor(r rune) (*face, rune) {
	if invisible(r) {
		return nil, 0
	}
	if r < 0x80 || mainFace.has(r) {
		return mainFace, r
	}
	if v, ok := resolved.Load(r); ok && v.(*face) != nil {
		return v.(*face), r
	}
	return mainFace, Placeholder
}

// lacking returns the distinct runes of s that the bundled font lacks, in
// order of first appearance, added to seen.
func lacking(s string, seen map[rune]bool, out []rune) []rune {
	for _, r := range s {
		if r < 0x80 || seen[r] || invisible(r) {
			continue
		}
		seen[r] = true
		if !mainFace.has(r) {
			out = append(out, r)
		}
	}
	return out
}

// resetFallbacks forgets every search; tests call it after changing fontDirs.
func resetFallbacks() {
	fallbackMu.Lock()
	defer fallbackMu.Unlock()
	resolved.Range(func(k, _ any) bool { resolved.Delete(k); return true })
	widths.Range(func(k, _ any) bool {
		if r := k.(rune); r >= 0x80 && (mainFace == nil || !mainFace.has(r)) {
			widths.Delete(k)
		}
		return true
	})
	fallbackFaces = map[string]*face{}
	fallbackFonts = &gopdf.FontContainer{}
}
