package message

import (
	"fmt"
	"io/fs"
	"path"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// AddTranslations adds the go-i18n JSON files in the folder dir of fsys
// (en.json, zh_Hans.json, …; the file name is the language) to Fyne's
// translations. It is the one way the window's strings are registered:
// this package's, the shell's and every screen's that carries its own (the
// screens call it through kit.AddTranslations). Adding the same files again
// is harmless.
func AddTranslations(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("translations in %s: %w", dir, err)
	}
	if len(names) == 0 {
		return fmt.Errorf("translations in %s: no .json files", dir)
	}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return fmt.Errorf("translations %s: %w", n, err)
		}
		if err := lang.AddTranslations(&fyne.StaticResource{StaticName: path.Base(n), StaticContent: b}); err != nil {
			return fmt.Errorf("translations %s: %w", n, err)
		}
	}
	return nil
}
