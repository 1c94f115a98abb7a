// Package answerform holds the answer widgets of one catalog item by its
// scoring method — 达到/未达到 for a check item, one radio button per level,
// a number (and its baseline for a change or difference item), a whole
// count with − and + — together with the entries that pass the item
// navigation keys on, and the reading of numbers typed with a Chinese
// input method (full-width digits, 。 for the point, 12个).
//
// The unit's walk-through (internal/ui/walk) answers items with them, and
// the lead's review box (internal/ui/review) gives the reviewer's own
// answer with the same widgets, so that both read and check a typed
// answer the same way.
package answerform

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the answer widgets' Chinese and English
// strings; the screens that use them register them with their own.
func RegisterTranslations() error { return kit.AddTranslations(translations, "translations") }

// ProblemLabel returns a hidden label for a validation message, in the
// danger colour, wrapping.
func ProblemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// ShowProblem shows text in a problem label, or hides it when text is "".
func ShowProblem(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
