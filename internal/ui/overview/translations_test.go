package overview

import (
	"testing"

	"pingce/internal/ui/uitest"
)

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
}
