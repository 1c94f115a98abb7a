package kit

import (
	"io/fs"

	"pingce/internal/ui/message"
)

// AddTranslations adds the go-i18n JSON files in the folder dir of fsys
// (en.json, zh_Hans.json, …; the file name is the language) to Fyne's
// translations: the one way the window's strings are registered, the
// shell's and every screen's that carries its own (message.AddTranslations,
// which the message texts use too). Adding the same files again is harmless.
func AddTranslations(fsys fs.FS, dir string) error { return message.AddTranslations(fsys, dir) }
