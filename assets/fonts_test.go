package assets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// parse reads a font the way Fyne does.
func parse(t *testing.T, name string, data []byte) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

// gb2312 returns every character GB 2312 encodes (rows 0xA1–0xF7, cells
// 0xA1–0xFE, decoded with GBK, which agrees with GB 2312 there).
func gb2312(t *testing.T) []rune {
	t.Helper()
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xA1; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			r := []rune(string(s))
			// WenQuanYi Micro Hei itself lacks three pinyin letters of row 8.
			if len(r) == 1 && r[0] != unicode.ReplacementChar && !(r[0] >= 0xE000 && r[0] <= 0xF8FF) &&
				!strings.ContainsRune("ɑǹɡ", r[0]) {
				out = append(out, r[0])
			}
		}
	}
	return out
}

// shipped returns every printable character of the translations and the
// built-in catalogs.
func shipped(t *testing.T) []rune {
	t.Helper()
	seen := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			if unicode.IsPrint(r) {
				seen[r] = true
			}
		}
	}
	err := fs.WalkDir(Translations(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Translations(), path)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for k, v := range m {
			add(k)
			add(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(Catalogs(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := fs.ReadFile(Catalogs(), path)
		add(string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []rune
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func between(lo, hi rune) []rune {
	var out []rune
	for r := lo; r <= hi; r++ {
		out = append(out, r)
	}
	return out
}

// missing returns the runes f has no glyph for.
func missing(f *font.Face, runes []rune) []rune {
	var out []rune
	for _, r := range runes {
		if _, ok := f.NominalGlyph(r); !ok {
			out = append(out, r)
		}
	}
	return out
}

func TestFontCoverage(t *testing.T) {
	text := parse(t, "text font", Font())
	chrome := parse(t, "chrome font", ChromeFont())
	gb := gb2312(t)
	if len(gb) < 7400 {
		t.Fatalf("GB 2312 has %d characters here, want about 7,445", len(gb))
	}
	ascii := between(0x20, 0x7E)
	tests := []struct {
		name  string
		face  *font.Face
		runes []rune
		fix   string
	}{
		{"text font: translations and catalogs", text, shipped(t), ""},
		{"text font: GB 2312", text, gb, ""},
		{"text font: CJK Unified Ideographs U+4E00–U+9FA5 (GBK, GB 18030)", text, between(0x4E00, 0x9FA5), ""},
		{"text font: ASCII", text, ascii, ""},
		// A sample of the rare characters of names and places that
		// scripts/fonts.py adds from Hanazono Mincho: CJK Extension A
		// (㑇 㛃 㙦 䶮) and B to E (𠮷 𬌗 𬍤 𫭟 𬇙 𬣙), all but 𠮷 from the
		// 通用规范汉字表, and 〓 that reports draw for a character no font has.
		{"text font: rare characters of names and places", text, []rune("㑇㛃㙦䶮𠮷𬌗𬍤𫭟𬇙𬣙〓"), " (run `make fonts`)"},
		{"chrome font: translations and catalogs", chrome, shipped(t), " (run `make fonts` after changing translations or catalogs)"},
		{"chrome font: GB 2312", chrome, gb, ""},
		{"chrome font: ASCII", chrome, ascii, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if m := missing(tc.face, tc.runes); len(m) > 0 {
				if len(m) > 20 {
					m = m[:20]
				}
				t.Errorf("no glyph for %q%s", string(m), tc.fix)
			}
		})
	}
	t.Run("text font has no Hangul, so the chrome font is the smaller one", func(t *testing.T) {
		if _, ok := text.NominalGlyph('한'); ok {
			t.Error("the text font still has Hangul syllables: was it made by scripts/fonts.py?")
		}
		if _, ok := chrome.NominalGlyph('鿏'); ok {
			t.Error("the chrome font has U+9FCF, outside GB 2312: was it made by scripts/fonts.py?")
		}
		if len(ChromeFont())*2 > len(Font()) {
			t.Errorf("chrome font %d bytes, text font %d: the chrome font should be well under half", len(ChromeFont()), len(Font()))
		}
	})
}

// TestChromeFontMatchesText checks that bold text looks like the rest: the
// chrome font's glyphs are the text font's (same advances, same outlines'
// bounds) for a sample of characters.
func TestChromeFontMatchesText(t *testing.T) {
	text := parse(t, "text font", Font())
	chrome := parse(t, "chrome font", ChromeFont())
	if text.Upem() != chrome.Upem() {
		t.Fatalf("units per em %d and %d", text.Upem(), chrome.Upem())
	}
	for _, r := range "A g 0 ，。评测通派出所分县局整改核定分鑫" {
		gt, ok1 := text.NominalGlyph(r)
		gc, ok2 := chrome.NominalGlyph(r)
		if !ok1 || !ok2 {
			t.Errorf("%q: in text font %v, in chrome font %v", r, ok1, ok2)
			continue
		}
		if a, b := text.HorizontalAdvance(gt), chrome.HorizontalAdvance(gc); a != b {
			t.Errorf("%q: advance %v in the text font, %v in the chrome font", r, a, b)
		}
		et, _ := text.GlyphExtents(gt)
		ec, _ := chrome.GlyphExtents(gc)
		if et != ec {
			t.Errorf("%q: extents %+v in the text font, %+v in the chrome font", r, et, ec)
		}
	}
}
