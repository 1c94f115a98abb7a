// Package assets embeds what Pingce ships inside its binary: the CJK fonts
// (two subsets of WenQuanYi Micro Hei, Apache-2.0, licence beside them; see
// fonts/README.md and scripts/fonts.py), the application icon, the
// user-interface translations and the built-in catalogs.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed fonts/wqy-microhei-text.ttf
var fontTTF []byte

//go:embed fonts/wqy-microhei-chrome.ttf
var chromeTTF []byte

// FontLicense is the licence text of the bundled font; ship it beside the font.
//
//go:embed fonts/LICENSE-WenQuanYiMicroHei.txt
var FontLicense string

//go:embed icon.png
var iconPNG []byte

//go:embed translations
var translations embed.FS

//go:embed catalogs
var catalogs embed.FS

// Font returns the bytes of the bundled TrueType CJK font for text: every
// character of WenQuanYi Micro Hei but Korean Hangul. The user interface
// draws all text but bold with it, and reports are set in it. Callers must
// not modify the slice.
func Font() []byte { return fontTTF }

// ChromeFont returns the bytes of a smaller subset of Font for bold text,
// which Fyne draws for its own chrome (buttons, tabs, form labels, dialog
// titles): GB 2312, Latin, punctuation and every character of the
// translations and built-in catalogs. Fyne parses the theme's font once per
// text style, and this subset takes 5 MB of memory where Font takes 13 MB.
// The glyphs are the same as Font's (the font has a single weight). Callers
// must not modify the slice.
func ChromeFont() []byte { return chromeTTF }

// Icon returns the application icon as PNG bytes. Callers must not modify
// the slice.
func Icon() []byte { return iconPNG }

// Translations returns the folder of translation files (en.json,
// zh_Hans.json) for fyne's lang.AddTranslationsFS.
func Translations() fs.FS {
	sub, err := fs.Sub(translations, "translations")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// Catalogs returns the folder of built-in catalog files (*.yaml).
func Catalogs() fs.FS {
	sub, err := fs.Sub(catalogs, "catalogs")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
