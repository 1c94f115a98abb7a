// Package assets embeds what Pingce ships inside its binary: the CJK font
// (WenQuanYi Micro Hei, Apache-2.0, licence beside it), the application
// icon, the user-interface translations and the built-in catalogs.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed fonts/WenQuanYiMicroHei.ttf
var fontTTF []byte

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

// Font returns the bytes of the bundled TrueType CJK font. Callers must not
// modify the slice.
func Font() []byte { return fontTTF }

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
