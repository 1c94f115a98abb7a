package overview

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"

	"pingce/assets"
	"pingce/internal/ui/uitest"
)

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
}

// TestHeadingsInChromeFont checks that every Chinese text of the overview
// can be drawn bold: bold is drawn with a subset font (kit.BundledFonts),
// and the column headings and the title are bold. Catalog and unit text is
// never bold.
func TestHeadingsInChromeFont(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.ChromeFont()))
	if err != nil {
		t.Fatal(err)
	}
	for key, zh := range uitest.LoadJSON(t, translations, "translations/zh_Hans.json") {
		for _, r := range zh {
			if _, ok := face.NominalGlyph(r); !ok && r > ' ' {
				t.Errorf("%q: the bold font lacks %c (U+%04X) of %q", key, r, r, zh)
			}
		}
	}
}
