package answerform

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// countUnits are units of things counted one by one: their values are
// whole numbers, so the example has no decimals.
var countUnits = map[string]bool{"起": true, "人": true, "名": true, "件": true, "个": true, "次": true,
	"处": true, "项": true, "户": true, "家": true, "辆": true, "台": true, "套": true, "所": true,
	"座": true, "条": true, "宗": true, "例": true, "人次": true, "批": true}

// valuePlaceholder returns the example in a numeric item's entry.
func valuePlaceholder(unit string) string {
	if countUnits[unit] {
		return lang.L("Number, e.g. 12")
	}
	return lang.L("Number, e.g. 12.5")
}

// digits maps full-width characters typed with a Chinese input method.
var digits = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "．", ".", "。", ".",
	"－", "-", "−", "-", "＋", "+", "，", "", ",", "", " ", "", "％", "%")

// ParseNumber reads a number typed by a person: full-width digits, a
// trailing unit or %, thousands separators. It returns nil when the text
// is empty, and false when it is not an ordinary number.
func ParseNumber(text, unit string) (*float64, bool) {
	s := digits.Replace(strings.TrimSpace(text))
	if unit != "" {
		s = strings.TrimSuffix(s, unit)
	}
	s = strings.TrimSuffix(s, "%")
	if s == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	return &f, true
}

// ParseCount reads a whole number of 0 or more typed by a person; nil
// when the text is empty, false when it is not such a number.
func ParseCount(text string) (*int, bool) {
	s := digits.Replace(strings.TrimSpace(text))
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return nil, false
	}
	return &n, true
}
