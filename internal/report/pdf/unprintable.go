package pdf

import (
	"reflect"

	"pingce/internal/report"
)

// Missing is a character a PDF cannot draw with any font it has, and where
// the report uses it. The PDF shows Placeholder in its place.
type Missing struct {
	Char   rune
	Places []Place // in report order, each place once
}

// Place says where a text of a report stands: in one item or category
// (ID set), or in one part of the report.
type Place struct {
	// Part is one of "title", "unit", "round", "catalog", "source", "date",
	// "status", "summary", "category", "item", "signature", "labels"; in a
	// round report also "group" (ID the group's name) and "unit" with the
	// unit's name as ID.
	Part string
	// ID is the item's or category's id for the parts "item" and "category".
	ID string
}

// Unprintable returns the characters of doc that neither the bundled font
// nor any usable system font can draw, with where each occurs, so that an
// export can warn before it writes. It searches the system fonts once per
// character and process. Nil when everything can be drawn.
func Unprintable(doc *report.Document) ([]Missing, error) {
	texts, err := prepare(doc)
	if err != nil || len(texts) == 0 {
		return nil, err
	}
	return missingIn(texts), nil
}

// UnprintableRound is Unprintable for a round report: places are the
// report's parts, or "unit" with the unit's name as ID, "category" and
// "item" with their ids.
func UnprintableRound(doc *report.RoundDocument) ([]Missing, error) {
	if _, err := fontContainer(); err != nil {
		return nil, err
	}
	texts := roundPlaced(doc)
	seen := map[rune]bool{}
	var need []rune
	for _, t := range texts {
		need = lacking(t.s, seen, need)
	}
	if len(need) == 0 {
		return nil, nil
	}
	resolve(need)
	return missingIn(texts), nil
}

// roundPlaced lists every text a round report prints, with where it stands.
func roundPlaced(doc *report.RoundDocument) []placed {
	var out []placed
	add := func(at Place, ss ...string) {
		for _, s := range ss {
			if s != "" {
				out = append(out, placed{at, s})
			}
		}
	}
	add(Place{Part: "title"}, doc.Title)
	add(Place{Part: "round"}, doc.Round)
	add(Place{Part: "catalog"}, doc.CatalogTitle, doc.CatalogRef)
	add(Place{Part: "date"}, doc.Date)
	for _, g := range doc.Groups {
		add(Place{Part: "group", ID: g.Name}, g.Name)
		for _, r := range g.Rows {
			add(Place{Part: "unit", ID: r.Unit}, r.Unit, r.Status, r.Grade, r.Basis, r.Change)
		}
	}
	for _, c := range doc.Categories {
		add(Place{Part: "category", ID: c.ID}, c.ID, c.Title)
	}
	for _, c := range doc.CommonLosses {
		add(Place{Part: "item", ID: c.ItemID}, c.ItemID, c.Title)
	}
	for _, s := range doc.Trend {
		add(Place{Part: "group", ID: s.Name}, s.Name)
	}
	add(Place{Part: "round"}, doc.TrendRounds...)
	v := reflect.ValueOf(doc.Labels)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.String {
			add(Place{Part: "labels"}, f.String())
		}
	}
	return out
}

// missingIn lists the characters of texts no font draws, with their places.
func missingIn(texts []placed) []Missing {
	var out []Missing
	index := map[rune]int{}
	for _, t := range texts {
		for _, r := range t.s {
			if r < 0x80 || invisible(r) {
				continue
			}
			if _, draw := faceFor(r); draw == r {
				continue
			}
			i, ok := index[r]
			if !ok {
				i = len(out)
				index[r] = i
				out = append(out, Missing{Char: r})
			}
			if ps := out[i].Places; len(ps) == 0 || ps[len(ps)-1] != t.at {
				out[i].Places = append(out[i].Places, t.at)
			}
		}
	}
	return out
}

// prepare loads the fonts and looks for system fonts for every character
// of doc the bundled font lacks. It returns the report's texts when there
// are such characters, nil when there are none.
func prepare(doc *report.Document) ([]placed, error) {
	if _, err := fontContainer(); err != nil {
		return nil, err
	}
	texts := placedTexts(doc)
	seen := map[rune]bool{}
	var need []rune
	for _, t := range texts {
		need = lacking(t.s, seen, need)
	}
	if len(need) == 0 {
		return nil, nil
	}
	resolve(need)
	return texts, nil
}

// placed is one text of a report and where it stands.
type placed struct {
	at Place
	s  string
}

// placedTexts lists every text a report prints, with where it stands.
func placedTexts(doc *report.Document) []placed {
	var out []placed
	add := func(at Place, ss ...string) {
		for _, s := range ss {
			if s != "" {
				out = append(out, placed{at, s})
			}
		}
	}
	add(Place{Part: "title"}, doc.Title)
	add(Place{Part: "unit"}, doc.Unit, doc.UnitType)
	add(Place{Part: "round"}, doc.Round)
	add(Place{Part: "catalog"}, doc.CatalogTitle, doc.CatalogVersion, doc.CatalogRef)
	add(Place{Part: "source"}, doc.Source)
	add(Place{Part: "date"}, doc.Date)
	add(Place{Part: "status"}, doc.Status)
	figures := func(f *report.Figures) {
		add(Place{Part: "summary"}, f.Grade, f.BandGrade)
		add(Place{Part: "summary"}, f.Notices...)
	}
	figures(&doc.Self)
	if doc.Reviewed != nil {
		figures(doc.Reviewed)
	}
	for _, c := range doc.Categories {
		add(Place{Part: "category", ID: c.ID}, c.ID, c.Title)
	}
	item := func(it report.ItemRow) {
		at := Place{Part: "item", ID: it.ID}
		add(at, it.ID, it.Title, it.Category, it.Requirement, it.Status, it.Answer)
		add(at, it.Lines...)
		add(at, it.NAReason, it.Note, it.ReviewComment, it.Remarks)
		for _, e := range it.Evidence {
			add(at, e.Name, e.Short)
		}
	}
	for _, it := range doc.Shortfalls {
		item(it)
	}
	for _, it := range doc.Details {
		item(it)
	}
	for _, it := range doc.Excluded {
		add(Place{Part: "item", ID: it.ID}, it.ID, it.Title, it.Category, it.AppliesTo)
	}
	for _, s := range doc.Signatures {
		add(Place{Part: "signature"}, s.Label, s.Name)
	}
	// Every fixed text, whatever fields Labels gains.
	v := reflect.ValueOf(doc.Labels)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.String {
			add(Place{Part: "labels"}, f.String())
		}
	}
	return out
}

// resolveTexts looks for system fonts for the characters of ss the bundled
// font lacks, before a document of them is laid out.
func resolveTexts(ss []string) {
	seen := map[rune]bool{}
	var need []rune
	for _, s := range ss {
		need = lacking(s, seen, need)
	}
	if len(need) > 0 {
		resolve(need)
	}
}
