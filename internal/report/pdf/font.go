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

var (
	fontOnce sync.Once
	fonts    *gopdf.FontContainer
	fontErr  error
	// fontParses counts how often the font was parsed; tests check it is 1.
	fontParses atomic.Int32

	// widths caches the advance width of each rune at font size 1.
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
		fonts = fc
	})
	return fonts, fontErr
}

// measurer measures text with the font of one document. Widths are cached
// per process: the font never changes.
type measurer struct {
	gp   *gopdf.GoPdf
	size float64 // the font size currently set on gp
	err  error   // first measuring error; the rune then measures 0
}

// adv returns the advance width of r at font size 1.
func (m *measurer) adv(r rune) float64 {
	if w, ok := widths.Load(r); ok {
		return w.(float64)
	}
	// Width is linear in the size (gopdf sums integer 1/1000 em widths), so
	// measuring at 1000 gives the exact width at size 1 in thousandths.
	if err := m.gp.SetFontSize(1000); err != nil && m.err == nil {
		m.err = err
	}
	w, err := m.gp.MeasureTextWidth(string(r))
	if err != nil {
		if m.err == nil {
			m.err = fmt.Errorf("measure %q: %w", r, err)
		}
		return 0
	}
	m.size = 1000
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
