package walk

import (
	"context"
	"testing"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

// rare are characters outside GB 2312, so outside the chrome font that the
// theme uses for bold text; they occur in unit and place names (埇桥, 浉河).
const rare = "埇浉喆"

// rarify puts rare characters into every text of the catalog and the unit.
func rarify(ws *domain.Workspace) {
	ws.Assessment.Unit.Name = rare + ws.Assessment.Unit.Name
	c := ws.Catalog
	c.Title = rare + c.Title
	for i := range c.Grades {
		c.Grades[i].Grade = rare + c.Grades[i].Grade
	}
	c.VetoGrade = rare + c.VetoGrade
	for i := range c.Vetoes {
		c.Vetoes[i].Title = rare + c.Vetoes[i].Title
	}
	for i := range c.Caps {
		c.Caps[i].MaxGrade = rare + c.Caps[i].MaxGrade
	}
	var items func(its []*domain.Item)
	items = func(its []*domain.Item) {
		for _, it := range its {
			it.Title = rare + it.Title
			it.Requirement = rare + it.Requirement
			it.Scoring = rare + it.Scoring
			for i := range it.Levels {
				it.Levels[i].Label = rare + it.Levels[i].Label
			}
			items(it.Parts)
		}
	}
	var cats func(cs []*domain.Category)
	cats = func(cs []*domain.Category) {
		for _, cat := range cs {
			cat.Title = rare + cat.Title
			cats(cat.Categories)
			items(cat.Items)
		}
	}
	cats(c.Categories)
}

// TestBoldTextInChromeFont shows every item of the test catalog, the score
// panel and the submission check with catalog and unit texts full of
// characters outside GB 2312, and fails on bold text holding a character
// the chrome font lacks: bold is drawn with that subset (kit.Fonts), so
// such text would show boxes on a machine without CJK fonts.
func TestBoldTextInChromeFont(t *testing.T) {
	s, a := fixture(t)
	ws, err := s.OpenAssessment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rarify(ws)
	h := newHarnessWS(t, s, s, ws)
	bold := uitest.NewBoldChecker(t, assets.ChromeFont())
	for _, it := range ws.Catalog.Items() {
		h.v.ShowItem(it.ID)
		h.w.Canvas().Capture()
		bold.Check(t, "item "+it.ID, h.w.Canvas())
	}
	h.v.ShowScore()
	h.w.Canvas().Capture()
	bold.Check(t, "score panel", h.w.Canvas())
	h.v.onSubmitTapped()
	h.settle()
	h.w.Canvas().Capture()
	bold.Check(t, "submission check", h.w.Canvas())
	if bold.Seen == 0 {
		t.Fatal("no bold text seen: the walk does not reach the widgets")
	}
}
