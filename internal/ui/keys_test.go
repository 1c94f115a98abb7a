package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestNoKeyTranslatedTwoWays: Fyne keeps one text per translation key for
// the whole application, so a key that two screens translate differently
// shows the text of whichever registered last on every screen (the 整改
// board's "Close" → 销号 once turned every Close button into 销号).
func TestNoKeyTranslatedTwoWays(t *testing.T) {
	files, err := filepath.Glob("*/translations/*.json")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "assets", "translations", "zh_Hans.json"),
		filepath.Join("..", "..", "assets", "translations", "en.json"))
	byLang := map[string]map[string]map[string][]string{} // file name → key → text → files
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		lang := filepath.Base(f)
		if byLang[lang] == nil {
			byLang[lang] = map[string]map[string][]string{}
		}
		for k, v := range m {
			if byLang[lang][k] == nil {
				byLang[lang][k] = map[string][]string{}
			}
			byLang[lang][k][v] = append(byLang[lang][k][v], f)
		}
	}
	if len(byLang) == 0 {
		t.Fatal("no translation files found")
	}
	for lang, keys := range byLang {
		var bad []string
		for k, texts := range keys {
			if len(texts) > 1 {
				bad = append(bad, k)
			}
		}
		sort.Strings(bad)
		for _, k := range bad {
			t.Errorf("%s: %q is translated %d ways: %v", lang, k, len(keys[k]), keys[k])
		}
	}
}
