package walk

import (
	"regexp"
	"slices"
	"testing"

	"pingce/internal/ui/uitest"
)

// TestTranslations fails for a localized string without a Chinese or English
// entry, and for a translation that drops or invents a {{.Field}}.
func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, translations, "translations/zh_Hans.json")
	en := uitest.LoadJSON(t, translations, "translations/en.json")
	uitest.CheckTranslations(t, ".", zh)
	fields := regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)
	sorted := func(s string) []string {
		f := fields.FindAllString(s, -1)
		slices.Sort(f)
		return slices.Compact(f)
	}
	for _, k := range uitest.Keys(t, ".") {
		if en[k.Text] == "" {
			t.Errorf("%s: no en entry for %q", k.Pos, k.Text)
		}
		if zh[k.Text] != "" && !slices.Equal(sorted(zh[k.Text]), sorted(k.Text)) {
			t.Errorf("%s: zh_Hans %q has other fields than %q", k.Pos, zh[k.Text], k.Text)
		}
	}
}
