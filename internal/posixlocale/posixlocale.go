// Package posixlocale keeps Fyne quiet under the C/POSIX locale.
//
// Fyne's lang package reads the locale while the program initialises and
// logs "Error parsing user locale C" when LANG, LC_ALL, LC_MESSAGES or
// LANGUAGE says C, C.UTF-8 or POSIX, which are not language tags. Imported
// for its side effect from package main, this package runs first (it only
// imports os, and the lang package waits for text/template, which sorts
// after it) and, for this process only, replaces such values with
// en_US.UTF-8 — the language they stand for.
package posixlocale

import "os"

func init() {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := os.LookupEnv(k); ok && isPOSIX(v) {
			os.Setenv(k, "en_US.UTF-8")
		}
	}
}

// isPOSIX reports whether v names the C or POSIX locale, with or without a
// codeset.
func isPOSIX(v string) bool {
	base := v
	for i := 0; i < len(v); i++ {
		if v[i] == '.' || v[i] == '@' {
			base = v[:i]
			break
		}
	}
	return base == "C" || base == "POSIX"
}
