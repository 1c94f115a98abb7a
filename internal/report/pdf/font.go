package pdf

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/signintech/gopdf"

	"pingce/assets"
)

// family is the name the bundled font is registered under in every PDF.
const family = "wqy"

// Placeholder is drawn in place of a character that neither the bundled font
// nor any usable system font has: 〓 (U+3013 GETA MARK), the mark Chinese
// typesetting uses for a character the type case lacks. It is never dropped
// in silence: Unprintable lists such characters before a report is written.
const Placeholder = '〓'

var (
	fontOnce sync.Once
	fonts    *gopdf.FontContainer
	mainFace *face
	fontErr  error
	// fontParses counts how often the font was parsed; tests check it is 1.
	fontParses atomic.Int32

	// widths caches the advance width of each rune at font size 1, in the
	// face that draws it (the placeholder's width for an unprintable rune).
	widths sync.Map // rune → float64
)

// fontContainer returns the bundled font, parsed on first use and shared by
// every document the process writes.
func fontContainer() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fontParses.Add(1)
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(family, assets.Font()); err != nil {
			fontErr = fmt.Errorf("parse the bundled font: %w", err)
			return
		}
		f, err := parseFace(family, "bundled", assets.Font())
		if err != nil {
			fontErr = fmt.Errorf("parse the bundled font: %w", err)
			return
		}
		fonts, mainFace = fc, f
	})
	return fonts, fontErr
}

// measurer measures text with the fonts of one document. Widths are cached
// per process: the fonts never change.
type measurer struct {
	gp   *gopdf.GoPdf
	fam  string  // the font family currently set on gp
	size float64 // the font size currently set on gp
	err  error   // first measuring error; the rune then measures 0

	// added holds the fallback families registered with gp so far.
	added map[string]bool
}

// use sets the font family and size on the document, registering a
// fallback family with it on first use.
func (m *measurer) use(f *face, size float64) error {
	if f.family != family && !m.added[f.family] {
		if m.added == nil {
			m.added = map[string]bool{}
		}
		if err := m.gp.AddTTFFontFromFontContainer(f.family, fallbackFonts); err != nil {
			return fmt.Errorf("add fallback font %s: %w", f.path, err)
		}
		m.added[f.family] = true
	}
	if f.family == m.fam && size == m.size {
		return nil
	}
	if err := m.gp.SetFont(f.family, "", size); err != nil {
		return err
	}
	m.fam, m.size = f.family, size
	return nil
}

// adv returns the advance width of r at font size 1.
func (m *measurer) adv(r rune) float64 {
	if w, ok := widths.Load(r); ok {
		return w.(float64)
	}
	f, draw := faceFor(r)
	if f == nil { // a formatting mark: drawn as nothing
		widths.Store(r, 0.0)
		return 0
	}
	// Width is linear in the size (gopdf sums integer 1/1000 em widths), so
	// measuring at 1000 gives the exact width at size 1 in thousandths.
	if err := m.use(f, 1000); err != nil {
		if m.err == nil {
			m.err = err
		}
		return 0
	}
	w, err := m.gp.MeasureTextWidth(string(draw))
	if err != nil {
		if m.err == nil {
			m.err = fmt.Errorf("measure %q: %w", r, err)
		}
		return 0
	}
	w /= 1000
	widths.Store(r, w)
	return w
}

// width returns the width of s at the given size.
func (m *measurer) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += m.adv(r)
	}
	return w * size
}

// run is a stretch of text drawn in one face.
type run struct {
	face *face
	text string // what is drawn: unprintable runes replaced by Placeholder
	src  string // the runes it stands for, for measuring
}

// runs splits s into stretches of one face each.
func runs(s string) []run {
	var out []run
	var cur *face
	var text, src []rune
	flush := func() {
		if len(text) > 0 {
			out = append(out, run{face: cur, text: string(text), src: string(src)})
		}
		text, src = text[:0], src[:0]
	}
	for _, r := range s {
		f, draw := faceFor(r)
		if f == nil {
			continue // a formatting mark draws nothing
		}
		if f != cur {
			flush()
			cur = f
		}
		text = append(text, draw)
		src = append(src, r)
	}
	flush()
	return out
}
