// Package uitest holds test helpers shared by the user-interface packages:
// a check that every string the code localizes has a Chinese translation,
// and one that bold text holds only characters of the bold font.
package uitest

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// langFuncs are the functions of fyne.io/fyne/v2/lang whose first argument
// is a translation key.
var langFuncs = map[string]bool{"L": true, "X": true, "N": true, "XN": true,
	"Localize": true, "LocalizeKey": true, "LocalizePlural": true, "LocalizePluralKey": true}

// Key is a translation key found in the source, with where it was found.
type Key struct {
	Text string
	Pos  string // file:line
}

// Keys returns every key passed to lang.L, lang.X, lang.N or lang.XN in the
// non-test Go files of dir (not its sub-folders). It fails the test when a
// key is not a string literal, since a computed key cannot be checked.
func Keys(t testing.TB, dir string) []Key {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	var keys []Key
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		if !importsLang(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !langFuncs[sel.Sel.Name] {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" || len(call.Args) == 0 {
				return true
			}
			pos := fset.Position(call.Pos())
			where := filepath.Base(pos.Filename) + ":" + strconv.Itoa(pos.Line)
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.%s needs a string literal key", where, sel.Sel.Name)
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: bad literal %s", where, lit.Value)
				return true
			}
			keys = append(keys, Key{Text: s, Pos: where})
			return true
		})
	}
	return keys
}

// importsLang reports whether f imports fyne's lang package unaliased.
func importsLang(f *ast.File) bool {
	for _, im := range f.Imports {
		if im.Path.Value == `"fyne.io/fyne/v2/lang"` {
			return im.Name == nil || im.Name.Name == "lang"
		}
	}
	return false
}

// CheckTranslations fails the test for every key localized in the Go files
// of dir that zh (the zh_Hans translations) lacks or leaves empty, so that
// nothing English is left in the Chinese interface.
func CheckTranslations(t testing.TB, dir string, zh map[string]string) {
	t.Helper()
	keys := Keys(t, dir)
	if len(keys) == 0 {
		t.Fatalf("no lang.L calls found in %s", dir)
	}
	var missing []string
	seen := map[string]bool{}
	for _, k := range keys {
		if strings.TrimSpace(zh[k.Text]) == "" && !seen[k.Text] {
			seen[k.Text] = true
			missing = append(missing, k.Pos+": "+strconv.Quote(k.Text))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no zh_Hans translation: %s", m)
	}
}

// LoadJSON reads a go-i18n JSON translation file ({"Key": "译文"}) from fsys.
func LoadJSON(t testing.TB, fsys fs.FS, name string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}
