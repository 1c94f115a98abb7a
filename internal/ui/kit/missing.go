package kit

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Missing is a character of a report that no font can draw, and where it
// stands: the export dialogs ask before they write a PDF that would show 〓
// for it.
type Missing struct {
	Char   rune
	Places []Place
}

// Place is where a text of a report stands: Part is "item" or "category"
// with the ID, "unit" or "group" with the name as ID (round reports), or
// one of "title", "unit", "round", "catalog", "source", "date", "status",
// "summary", "signature", "labels".
type Place struct {
	Part, ID string
}

// MissingText lists the characters with where they stand, one per line:
// "𠀀 (U+20000)：单位名称、指标 A1.1".
func MissingText(ms []Missing) string {
	const most = 12
	var b strings.Builder
	for i, m := range ms {
		if i == most {
			b.WriteString(fmt.Sprintf(lang.L("… and %d more"), len(ms)-most))
			break
		}
		var where []string
		for _, p := range m.Places {
			where = append(where, placeText(p))
		}
		fmt.Fprintf(&b, "%c (U+%04X)%s%s\n", m.Char, m.Char, lang.L(": "), strings.Join(where, lang.L(", ")))
	}
	return strings.TrimRight(b.String(), "\n")
}

// placeText names a place of a report in words.
func placeText(p Place) string {
	switch p.Part {
	case "item":
		return fmt.Sprintf(lang.L("item %s"), p.ID)
	case "category":
		return fmt.Sprintf(lang.L("category %s"), p.ID)
	case "title":
		return lang.L("report title")
	case "unit":
		if p.ID != "" {
			return p.ID
		}
		return lang.L("unit")
	case "group":
		return fmt.Sprintf(lang.L("group %s"), p.ID)
	case "round":
		return lang.L("round")
	case "catalog":
		return lang.L("catalog")
	case "source":
		return lang.L("catalog source")
	case "date":
		return lang.L("date")
	case "status":
		return lang.L("status")
	case "summary":
		return lang.L("score summary")
	case "signature":
		return lang.L("signature block")
	}
	return lang.L("report labels")
}
