package answerform

import (
	"math"
	"strconv"
	"testing"

	"pingce/internal/ui/kit"
)

// FuzzParseNumber: whatever a person types, ParseNumber does not panic,
// gives an ordinary number or none, and a number it gave reads back the
// same from the text an entry shows for it (kit.InputNumber).
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12.5", "-3", "１２．５", "85%", "1,234", " 7 ", "", "abc", "NaN", "Inf", "1e309", "0.125", "－４"} {
		f.Add(s, "%")
	}
	f.Fuzz(func(t *testing.T, text, unit string) {
		v, ok := ParseNumber(text, unit)
		if !ok {
			return
		}
		if v == nil {
			return
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", text, *v)
		}
		back, ok := ParseNumber(kit.InputNumber(v), "")
		if !ok || back == nil || *back != *v {
			t.Fatalf("%q → %v → %q → %v, %v", text, *v, kit.InputNumber(v), back, ok)
		}
	})
}

// FuzzParseCount: ParseCount does not panic and gives a whole number of 0
// or more, or none.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"3", "０", "-1", "1.5", "", " 12 ", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, ok := ParseCount(text)
		if !ok || n == nil {
			return
		}
		if *n < 0 {
			t.Fatalf("ParseCount(%q) = %d", text, *n)
		}
		if back, ok := ParseCount(strconv.Itoa(*n)); !ok || back == nil || *back != *n {
			t.Fatalf("%q → %d does not read back", text, *n)
		}
	})
}
