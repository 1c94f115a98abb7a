package kit

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
)

// ink returns the pixels of img that differ from its top-left corner (the
// background).
func ink(img image.Image) map[image.Point]bool {
	bg := color.RGBAModel.Convert(img.At(0, 0))
	out := map[image.Point]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) != bg {
				out[image.Point{x, y}] = true
			}
		}
	}
	return out
}

// render draws s in a label with the bundled fonts and returns its ink.
func render(t *testing.T, s string) map[image.Point]bool {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(bundledFonts, ThemeLight))
	w := test.NewTempWindow(t, container.NewStack(widget.NewLabel(s)))
	w.Resize(fyne.NewSize(200, 60))
	return ink(w.Canvas().Capture())
}

// TestRareCharactersOnScreen checks that the rare characters of names and
// places (CJK Extension A and B, 生僻字) draw on screen with the bundled
// fonts, on a machine with no other CJK font too: the theme's text font has
// each one's glyph (Fyne would otherwise look for it among the system's
// fonts, which may have none), and each one's picture differs from the box
// drawn for a character no font has (U+10FFFD, private use) and from every
// other's.
func TestRareCharactersOnScreen(t *testing.T) {
	res := NewTheme(bundledFonts, ThemeLight).Font(fyne.TextStyle{})
	face, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatal(err)
	}
	missing := render(t, "\U0010FFFD")
	if len(missing) == 0 {
		t.Fatal("nothing drawn for a missing character: the test cannot tell")
	}
	seen := map[string]string{}
	for _, tc := range []struct{ name, char string }{
		{"Extension A 㛃", "㛃"},
		{"Extension A 䶮", "䶮"},
		{"Extension B 𠮷", "𠮷"},
		{"Extension E 𬌗", "𬌗"},
		{"Extension C 𫭟", "𫭟"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := face.NominalGlyph([]rune(tc.char)[0]); !ok {
				t.Errorf("the theme's text font has no glyph for %s", tc.char)
			}
			got := render(t, tc.char)
			if len(got) == 0 {
				t.Fatalf("%s draws nothing", tc.char)
			}
			if same(got, missing) {
				t.Fatalf("%s draws the box of a missing character", tc.char)
			}
			key := keyOf(got)
			if other, dup := seen[key]; dup {
				t.Fatalf("%s draws the same picture as %s", tc.char, other)
			}
			seen[key] = tc.char
		})
	}
}

func same(a, b map[image.Point]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for p := range a {
		if !b[p] {
			return false
		}
	}
	return true
}

func keyOf(m map[image.Point]bool) string {
	b := make([]byte, 0, len(m)*4)
	for y := 0; y < 60; y++ {
		for x := 0; x < 200; x++ {
			if m[image.Point{x, y}] {
				b = append(b, byte(x), byte(y))
			}
		}
	}
	return string(b)
}
