package kit

import "pingce/assets"

// BundledFonts returns the fonts Pingce ships (assets/fonts): the text font
// for every style and its smaller chrome subset for bold, the theme the
// window runs with (NewTheme(BundledFonts(), variant)).
func BundledFonts() Fonts {
	return Fonts{Text: assets.Font(), Bold: assets.ChromeFont()}
}
