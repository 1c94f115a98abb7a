package domain_test

import (
	"math"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// validCatalog is a small catalog Check accepts; the table below breaks it
// one way at a time.
func validCatalog() *domain.Catalog {
	return &domain.Catalog{
		ID: "t", Version: "1", Title: "T", Total: 30, UnitTypes: []string{"派出所", "分县局"},
		Grades:   []domain.GradeBand{{Min: 20, Grade: "好"}, {Min: 0, Grade: "差"}},
		Caps:     []domain.Cap{{ItemLost: "A1", MaxGrade: "差"}, {CategoryRatioBelow: domain.Float(0.5), MaxGrade: "差"}},
		Vetoes:   []domain.Veto{{ID: "V1", Title: "v"}},
		BonusCap: domain.Float(5),
		Categories: []*domain.Category{
			{ID: "A", Title: "A", Items: []*domain.Item{
				{ID: "A1", Title: "a", Max: 10, Method: domain.MethodLevels, AppliesTo: []string{"派出所"},
					Levels: []domain.Level{{Label: "全", Points: 10}, {Label: "无", Points: 0}}},
				{ID: "A2", Title: "b", Max: 10, Method: domain.MethodNumeric,
					Bands: []domain.Band{{AtLeast: domain.Float(90), Points: 10}, {AtLeast: domain.Float(50), Points: 5}}},
				{ID: "A3", Title: "c", Max: 10, Parts: []*domain.Item{
					{ID: "a", Title: "x", Max: 4, Method: domain.MethodDeduct, Per: 1, Floor: 1},
					{ID: "b", Title: "y", Max: 6, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 1}},
				}},
			}},
			{ID: "X", Title: "加分", Bonus: true, Items: []*domain.Item{
				{ID: "X1", Title: "x", Max: 5, Method: domain.MethodCount, Per: 1},
			}},
		},
	}
}

func TestCatalogCheck(t *testing.T) {
	if fs := validCatalog().Check(); len(fs) != 0 {
		t.Fatalf("valid catalog: %v", fs)
	}
	item := func(c *domain.Catalog, id string) *domain.Item { return c.Item(id) }
	tests := []struct {
		name  string
		edit  func(c *domain.Catalog)
		code  string
		item  string // ItemID of the finding
		field string
		in    string // Args "in"
	}{
		{"bad catalog id", func(c *domain.Catalog) { c.ID = "T 1" }, domain.ProbCatalogID, "", "id", ""},
		{"no title", func(c *domain.Catalog) { c.Title = " " }, domain.ProbCatEmptyField, "", "title", ""},
		{"total mismatch", func(c *domain.Catalog) { c.Total = 31 }, domain.ProbTotal, "", "total", ""},
		{"total zero", func(c *domain.Catalog) { c.Total = 0 }, domain.ProbNotPositive, "", "total", ""},
		{"total NaN", func(c *domain.Catalog) { c.Total = math.NaN() }, domain.ProbCatNotNumber, "", "total", ""},
		{"no grades", func(c *domain.Catalog) { c.Grades, c.Caps = nil, nil }, domain.ProbCatEmptyField, "", "grades", ""},
		{"grade twice", func(c *domain.Catalog) { c.Grades[1].Grade, c.Caps = "好", nil }, domain.ProbGradeTwice, "", "grade", "grades"},
		{"grades up", func(c *domain.Catalog) { c.Grades[1].Min = 25 }, domain.ProbGradeOrder, "", "min", "grades"},
		{"cap both", func(c *domain.Catalog) { c.Caps[0].CategoryRatioBelow = domain.Float(0.5) }, domain.ProbCapBoth, "", "item_lost", "caps"},
		{"cap none", func(c *domain.Catalog) { c.Caps[0].ItemLost = "" }, domain.ProbCapNone, "", "", "caps"},
		{"cap item", func(c *domain.Catalog) { c.Caps[0].ItemLost = "Z9" }, domain.ProbCapItem, "", "item_lost", "caps"},
		{"cap grade", func(c *domain.Catalog) { c.Caps[0].MaxGrade = "中" }, domain.ProbCapGrade, "", "max_grade", "caps"},
		{"cap ratio", func(c *domain.Catalog) { c.Caps[1].CategoryRatioBelow = domain.Float(1.5) }, domain.ProbCapRatio, "", "category_ratio_below", "caps"},
		{"veto twice", func(c *domain.Catalog) { c.Vetoes = append(c.Vetoes, domain.Veto{ID: "V1", Title: "w"}) }, domain.ProbIDTwice, "", "id", "vetoes"},
		{"veto bad id", func(c *domain.Catalog) { c.Vetoes[0].ID = "V 1" }, domain.ProbBadID, "", "id", "vetoes"},
		{"bonus cap", func(c *domain.Catalog) { c.BonusCap = domain.Float(0) }, domain.ProbNotPositive, "", "cap", "bonus"},
		{"no categories", func(c *domain.Catalog) { c.Categories, c.Caps = nil, nil }, domain.ProbCatEmptyField, "", "categories", ""},
		{"category twice", func(c *domain.Catalog) { c.Categories[1].ID = "A" }, domain.ProbIDTwice, "", "id", "category"},
		{"category empty", func(c *domain.Catalog) {
			c.Categories = append(c.Categories, &domain.Category{ID: "E", Title: "e"})
		}, domain.ProbCategoryEmpty, "", "", "category"},
		{"item twice", func(c *domain.Catalog) { item(c, "X1").ID = "A1" }, domain.ProbIDTwice, "A1", "id", ""},
		{"item bad id", func(c *domain.Catalog) { item(c, "A2").ID = "-A2" }, domain.ProbBadID, "-A2", "id", ""},
		{"unit type", func(c *domain.Catalog) { item(c, "A1").AppliesTo = []string{"市局"} }, domain.ProbUnitType, "A1", "applies_to", ""},
		{"max zero", func(c *domain.Catalog) { item(c, "A2").Max = 0 }, domain.ProbNotPositive, "A2", "max", ""},
		{"no method", func(c *domain.Catalog) { item(c, "A2").Method = "" }, domain.ProbNoMethodOrParts, "A2", "method", ""},
		{"unknown method", func(c *domain.Catalog) { item(c, "A2").Method = "grade" }, domain.ProbMethod, "A2", "method", ""},
		{"param of other method", func(c *domain.Catalog) { item(c, "A1").Per = 2 }, domain.ProbParam, "A1", "per", ""},
		{"method and parts", func(c *domain.Catalog) { item(c, "A3").Method = domain.MethodCheck }, domain.ProbMethodAndParts, "A3", "method", ""},
		{"param on parts", func(c *domain.Catalog) { item(c, "A3").Per = 1 }, domain.ProbParamOnParts, "A3", "per", ""},
		{"empty parts", func(c *domain.Catalog) { item(c, "A3").Parts = []*domain.Item{} }, domain.ProbCatEmptyField, "A3", "parts", ""},
		{"parts max", func(c *domain.Catalog) { item(c, "A3").Parts[1].Max = 5 }, domain.ProbPartsMax, "A3", "max", ""},
		{"part twice", func(c *domain.Catalog) { item(c, "A3").Parts[1].ID = "a" }, domain.ProbIDTwice, "A3", "id", ""},
		{"part without method", func(c *domain.Catalog) { item(c, "A3").Parts[1].Method = "" }, domain.ProbNoMethod, "A3.b", "method", ""},
		{"no levels", func(c *domain.Catalog) { item(c, "A1").Levels = nil }, domain.ProbNoLevels, "A1", "levels", ""},
		{"label twice", func(c *domain.Catalog) { item(c, "A1").Levels[1].Label = "全" }, domain.ProbLabelTwice, "A1", "label", "levels"},
		{"level above max", func(c *domain.Catalog) { item(c, "A1").Levels[1].Points = 11 }, domain.ProbPoints, "A1", "points", "levels"},
		{"first level", func(c *domain.Catalog) { item(c, "A1").Levels[0].Points = 9 }, domain.ProbFirstLevel, "A1", "points", "levels"},
		{"no rule", func(c *domain.Catalog) { item(c, "A2").Bands = nil }, domain.ProbNoRule, "A2", "", ""},
		{"two rules", func(c *domain.Catalog) { item(c, "A2").Linear = &domain.Linear{Full: 1} }, domain.ProbTwoRules, "A2", "linear", ""},
		{"bands up", func(c *domain.Catalog) { item(c, "A2").Bands[1].AtLeast = domain.Float(95) }, domain.ProbBandsDown, "A2", "at_least", "bands"},
		{"bands mixed", func(c *domain.Catalog) {
			b := &item(c, "A2").Bands[1]
			b.AtLeast, b.AtMost = nil, domain.Float(5)
		}, domain.ProbBandsMixed, "A2", "at_most", "bands"},
		{"band both", func(c *domain.Catalog) { item(c, "A2").Bands[0].AtMost = domain.Float(1) }, domain.ProbBandBoth, "A2", "at_most", "bands"},
		{"band none", func(c *domain.Catalog) { item(c, "A2").Bands[0].AtLeast = nil }, domain.ProbBandNone, "A2", "", "bands"},
		{"band points", func(c *domain.Catalog) { item(c, "A2").Bands[0].Points = 12 }, domain.ProbPoints, "A2", "points", "bands"},
		{"linear same", func(c *domain.Catalog) { item(c, "A3").Parts[1].Linear.Full = 0 }, domain.ProbLinear, "A3.b", "full", "linear"},
		{"shortfall step", func(c *domain.Catalog) {
			it := item(c, "A2")
			it.Bands, it.Shortfall = nil, &domain.Shortfall{Target: 1, Step: 0, Per: 1}
		}, domain.ProbNotPositive, "A2", "step", "shortfall"},
		{"shortfall per", func(c *domain.Catalog) {
			it := item(c, "A2")
			it.Bands, it.Shortfall = nil, &domain.Shortfall{Target: 1, Step: 1, Per: -1}
		}, domain.ProbNegative, "A2", "per", "shortfall"},
		{"per zero", func(c *domain.Catalog) { item(c, "X1").Per = 0 }, domain.ProbNotPositive, "X1", "per", ""},
		{"floor at max", func(c *domain.Catalog) { item(c, "A3").Parts[0].Floor = 4 }, domain.ProbFloor, "A3.a", "floor", ""},
		{"zero_at negative", func(c *domain.Catalog) { item(c, "A3").Parts[0].ZeroAt = -1 }, domain.ProbZeroAt, "A3.a", "zero_at", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCatalog()
			tt.edit(c)
			fs := c.Check()
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %d:\n%s", len(fs), findings(fs))
			}
			f := fs[0]
			if f.Code != tt.code || f.ItemID != tt.item || f.Field != tt.field || f.Args["in"] != tt.in || f.Elem == nil {
				t.Errorf("finding %+v (Args %v), want code %s item %q field %q in %q", f.Problem, f.Args, tt.code, tt.item, tt.field, tt.in)
			}
			if tt.code == domain.ProbIDTwice && f.First == nil {
				t.Error("duplicate without First")
			}
			for k, v := range f.Args {
				if k != "in" && k != "category" && k != "rules" && !strings.Contains(f.Msg, v) {
					t.Errorf("Args %s=%q not in %q", k, v, f.Msg)
				}
			}
		})
	}
}

// TestCatalogCheckNaN reports a number that is not finite once, and leaves
// what depends on it unchecked.
func TestCatalogCheckNaN(t *testing.T) {
	c := validCatalog()
	c.Item("A1").Max = math.NaN()
	fs := c.Check()
	if len(fs) != 1 || fs[0].Code != domain.ProbCatNotNumber || fs[0].Field != "max" {
		t.Errorf("findings:\n%s", findings(fs))
	}
	if ps := c.CheckProblems(); len(ps) != 1 || ps[0].ItemID != "A1" {
		t.Errorf("CheckProblems = %v", ps)
	}
}

func findings(fs []domain.CatalogFinding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Problem.String() + " [" + f.Code + " " + f.Field + "]\n")
	}
	return b.String()
}
