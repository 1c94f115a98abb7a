package catalog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// base is a small valid catalog; the table below breaks it one way at a time.
// Line numbers: 5 total, 7–8 grades, 10 category A, 13 item A1.
const base = `format: pingce/catalog@1
id: t
version: "1"
title: T
total: 10
grades:
  - {min: 5, grade: good}
  - {min: 0, grade: bad}
categories:
  - id: A
    title: A
    items:
      - {id: A1, title: a, max: 10, method: check}
`

// edit returns base with old replaced by new; old must occur in base.
func edit(t testing.TB, old, new string) string {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("base has no %q", old)
	}
	return strings.Replace(base, old, new, 1)
}

// withItem returns base with item A1 replaced by the given flow mapping.
func withItem(t testing.TB, item string) string {
	return edit(t, "{id: A1, title: a, max: 10, method: check}", item)
}

func problems(t *testing.T, err error) []domain.Problem {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *domain.Error", err)
	}
	if e.Code != domain.EINVALID {
		t.Errorf("code = %q, want %q", e.Code, domain.EINVALID)
	}
	if len(e.Problems) == 0 {
		t.Fatalf("error %v carries no problems", err)
	}
	return e.Problems
}

func TestParseBase(t *testing.T) {
	c, err := Parse("base.yaml", []byte(base))
	if err != nil {
		t.Fatalf("Parse(base): %v\n%v", err, domain.ErrorProblems(err))
	}
	if c.Ref() != "t@1" || c.Total != 10 || len(c.Items()) != 1 || c.Item("A1").Method != domain.MethodCheck {
		t.Errorf("base parsed as %+v", c)
	}
}

func TestParseDemo(t *testing.T) {
	data, err := os.ReadFile("testdata/demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("demo.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v\n%v", err, domain.ErrorProblems(err))
	}
	if got := c.Ref(); got != "demo-city-ref@2026.1" {
		t.Errorf("Ref = %q", got)
	}
	if c.BonusCap == nil || *c.BonusCap != 30 {
		t.Errorf("BonusCap = %v, want 30", c.BonusCap)
	}
	if len(c.Caps) != 2 || c.Caps[0].CategoryRatioBelow == nil || *c.Caps[0].CategoryRatioBelow != 0.6 || c.Caps[1].ItemLost != "H1.2" {
		t.Errorf("Caps = %+v", c.Caps)
	}
	var ids []string
	base := 0.0
	for _, it := range c.Items() {
		ids = append(ids, it.ID)
		if !it.Bonus {
			base += it.Max
		}
	}
	if got, want := strings.Join(ids, " "), "A1.1 A1.2 A2.1 X1 H1.2 H1.6 C1.6 D1.3"; got != want {
		t.Errorf("items = %s, want %s", got, want)
	}
	if base != c.Total {
		t.Errorf("base items add up to %v, total %v", base, c.Total)
	}
	if !c.Item("X1").Bonus || c.Item("H1.2").Bonus {
		t.Errorf("bonus flags: X1 %v, H1.2 %v", c.Item("X1").Bonus, c.Item("H1.2").Bonus)
	}
	a11 := c.Item("A1.1")
	if !a11.EvidenceRequired || len(a11.Levels) != 4 || a11.Levels[1] != (domain.Level{Label: "有两项", Points: 6}) ||
		!reflect.DeepEqual(a11.AppliesTo, []string{"市局", "分县局"}) || a11.Scoring == "" || a11.Basis == "" {
		t.Errorf("A1.1 = %+v", a11)
	}
	if h := c.Item("H1.2"); h.Per != 5 || h.Floor != 2.5 || h.ZeroAt != 4 {
		t.Errorf("H1.2 = %+v", h)
	}
	if s := c.Item("C1.6").Shortfall; s == nil || !c.Item("C1.6").Change || s.Target != -10 || !s.LowerIsBetter || !s.WholeSteps {
		t.Errorf("C1.6 shortfall = %+v", s)
	}
	if b := c.Item("A2.1").Bands; len(b) != 3 || b[2].AtMost == nil || *b[2].AtMost != 20.5 || b[2].AtLeast != nil {
		t.Errorf("A2.1 bands = %+v", b)
	}
	d13 := c.Item("D1.3")
	if !d13.IsComposite() || d13.Max != 10 || d13.Part("a").Linear == nil || d13.Part("b").Unit != "" || d13.Part("a").Unit != "%" {
		t.Errorf("D1.3 = %+v", d13)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		want string // substring of the problem's String()
	}{
		{"syntax error", edit(t, "title: T\n", "title: [T\n"), 4, "f.yaml:4: YAML syntax"},
		{"tab indent", edit(t, "    title: A\n", "\ttitle: A\n"), 11, "YAML syntax"},
		{"empty file", "", 0, "the file is empty"},
		{"not a mapping", "- a\n- b\n", 1, "the catalog must be a mapping"},
		{"wrong format", edit(t, "pingce/catalog@1", "pingce/answers@1"), 1, `format is "pingce/answers@1", want "pingce/catalog@1"`},
		{"missing format", edit(t, "format: pingce/catalog@1\n", ""), 1, "missing format"},
		{"bad id", edit(t, "id: t\n", "id: T_1\n"), 2, `id "T_1": use lower-case letters`},
		{"missing version", edit(t, "version: \"1\"\n", ""), 1, "missing version"},
		{"empty title", edit(t, "title: T\n", "title: \"\"\n"), 4, "title must not be empty"},
		{"missing total", edit(t, "total: 10\n", ""), 1, "missing total"},
		{"total is text", edit(t, "total: 10", "total: ten"), 5, `total: want a number, not "ten"`},
		{"total quoted", edit(t, "total: 10", `total: "10"`), 5, `want a number, not "10"`},
		{"total infinite", edit(t, "total: 10", "total: .inf"), 5, "want a finite number"},
		{"total mismatch", edit(t, "total: 10", "total: 12"), 5, "total is 12 but the base items' max add up to 10"},
		{"unknown top key", edit(t, "title: T\n", "title: T\ntitel: T\n"), 5, `unknown key "titel"`},
		{"duplicate key", edit(t, "title: T\n", "title: T\ntitle: U\n"), 5, `key "title" appears twice (first on line 4)`},
		{"alias", edit(t, "title: T\n", "title: &x T\nsource: *x\n"), 5, "source: want text, not an alias"},
		{"no grades", edit(t, "grades:\n  - {min: 5, grade: good}\n  - {min: 0, grade: bad}\n", ""), 1, "missing grades"},
		{"grades ascending", edit(t, "{min: 0, grade: bad}", "{min: 5, grade: bad}"), 8, "min must go down from grade to grade: 5 comes after 5"},
		{"grade twice", edit(t, "{min: 0, grade: bad}", "{min: 0, grade: good}"), 8, `grade "good" is listed twice`},
		{"grade unknown key", edit(t, "{min: 0, grade: bad}", "{min: 0, grade: bad, colour: red}"), 8, `grades: unknown key "colour"`},
		{"cap unknown item", edit(t, "categories:\n", "caps:\n  - {item_lost: Z9, max_grade: bad}\ncategories:\n"), 10, `item_lost: the catalog has no item "Z9"`},
		{"cap unknown grade", edit(t, "categories:\n", "caps:\n  - {item_lost: A1, max_grade: 优秀}\ncategories:\n"), 10, `max_grade "优秀" is not one of the grades`},
		{"cap two conditions", edit(t, "categories:\n", "caps:\n  - {item_lost: A1, category_ratio_below: 0.5, max_grade: bad}\ncategories:\n"), 10, "not both"},
		{"cap no condition", edit(t, "categories:\n", "caps:\n  - {max_grade: bad}\ncategories:\n"), 10, "a cap needs a condition"},
		{"cap ratio above 1", edit(t, "categories:\n", "caps:\n  - {category_ratio_below: 1.5, max_grade: bad}\ncategories:\n"), 10, "category_ratio_below must be more than 0 and at most 1, not 1.5"},
		{"cap unknown key", edit(t, "categories:\n", "caps:\n  - {item: A1, max_grade: bad}\ncategories:\n"), 10, `caps: unknown key "item"`},
		{"veto without title", edit(t, "categories:\n", "vetoes:\n  - {id: V1}\ncategories:\n"), 10, "vetoes: missing title"},
		{"veto twice", edit(t, "categories:\n", "vetoes:\n  - {id: V1, title: a}\n  - {id: V1, title: b}\ncategories:\n"), 11, `veto id "V1" is used twice (first on line 10)`},
		{"veto unknown key", edit(t, "categories:\n", "vetoes:\n  - {id: V1, title: a, grade: x}\ncategories:\n"), 10, `vetoes: unknown key "grade"`},
		{"bonus cap zero", edit(t, "categories:\n", "bonus: {cap: 0}\ncategories:\n"), 9, "cap must be more than 0, not 0"},
		{"bonus unknown key", edit(t, "categories:\n", "bonus: {limit: 3}\ncategories:\n"), 9, `bonus: unknown key "limit"`},
		{"no categories", edit(t, "categories:\n  - id: A\n    title: A\n    items:\n      - {id: A1, title: a, max: 10, method: check}\n", "categories: []\n"), 9, "categories must not be empty"},
		{"category unknown key", edit(t, "    title: A\n", "    title: A\n    weight: 2\n"), 12, `category A: unknown key "weight"`},
		{"category without id", edit(t, "  - id: A\n    title: A\n", "  - title: A\n"), 10, "category: missing id"},
		{"category twice", base + "  - id: A\n    title: B\n    items:\n      - {id: B1, title: b, max: 1, method: check, bonus: true}\n", 14, `category id "A" is used twice (first on line 10)`},
		{"empty category", base + "  - {id: B, title: B}\n", 14, "category B: a category must hold items or categories"},
		{"unit type unknown", strings.Replace(withItem(t, "{id: A1, title: a, max: 10, method: check, applies_to: [派出所]}"), "title: T\n", "title: T\nunit_types: [市局]\n", 1), 14, `item A1: applies_to: "派出所" is not one of the unit types 市局`},
		{"item unknown key", withItem(t, "{id: A1, title: a, max: 10, method: check, weight: 1}"), 13, `item A1: unknown key "weight"`},
		{"item bad id", withItem(t, "{id: A 1, title: a, max: 10, method: check}"), 13, `id "A 1": use letters, digits`},
		{"item twice", base + "      - {id: A1, title: b, max: 1, method: check}\n", 14, `item A1: item id "A1" is used twice (first on line 13)`},
		{"item without title", withItem(t, "{id: A1, max: 10, method: check}"), 13, "item A1: missing title"},
		{"item without max", withItem(t, "{id: A1, title: a, method: check}"), 13, "item A1: missing max"},
		{"max zero", withItem(t, "{id: A1, title: a, max: 0, method: check}"), 13, "item A1: max must be more than 0, not 0"},
		{"max negative", withItem(t, "{id: A1, title: a, max: -10, method: check}"), 13, "max must be more than 0, not -10"},
		{"max is text", withItem(t, "{id: A1, title: a, max: 十, method: check}"), 13, `max: want a number, not "十"`},
		{"no method", withItem(t, "{id: A1, title: a, max: 10}"), 13, "item A1: missing method"},
		{"unknown method", withItem(t, "{id: A1, title: a, max: 10, method: grade}"), 13, `unknown method "grade"`},
		{"method and parts", withItem(t, "{id: A1, title: a, max: 10, method: check, parts: [{id: a, title: a, max: 10, method: check}]}"), 13, "either method or parts, not both"},
		{"levels on check", withItem(t, "{id: A1, title: a, max: 10, method: check, levels: [{label: x, points: 10}]}"), 13, "item A1: levels does not fit method check"},
		{"per on levels", withItem(t, "{id: A1, title: a, max: 10, method: levels, per: 2, levels: [{label: x, points: 10}]}"), 13, "per does not fit method levels"},
		{"zero_at on count", withItem(t, "{id: A1, title: a, max: 10, method: count, per: 2, zero_at: 3}"), 13, "zero_at does not fit method count"},
		{"levels not a list", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: 好}"), 13, "item A1: levels must be a list, not \"好\""},
		{"grades not a list", edit(t, "grades:\n  - {min: 5, grade: good}\n  - {min: 0, grade: bad}\n", "grades: good\n"), 6, "grades must be a list"},
		{"no levels", withItem(t, "{id: A1, title: a, max: 10, method: levels}"), 13, "non-empty list of levels"},
		{"level label twice", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{label: x, points: 10}, {label: x, points: 0}]}"), 13, `label "x" is used twice`},
		{"level above max", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{label: x, points: 10}, {label: y, points: 12}]}"), 13, "points must be within 0 and max (10), not 12"},
		{"first level not max", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{label: x, points: 8}, {label: y, points: 0}]}"), 13, "the first level must give max (10), not 8"},
		{"level without label", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{points: 10}]}"), 13, "levels: missing label"},
		{"level points text", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{label: x, points: all}]}"), 13, `points: want a number, not "all"`},
		{"level unknown key", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: [{label: x, points: 10, note: y}]}"), 13, `levels: unknown key "note"`},
		{"numeric without rule", withItem(t, "{id: A1, title: a, max: 10, method: numeric}"), 13, "needs one rule: bands, linear or shortfall"},
		{"numeric two rules", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_least: 1, points: 10}], linear: {zero: 0, full: 1}}"), 13, "takes one rule, not bands and linear"},
		{"bands up", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_least: 1, points: 10}, {at_least: 2, points: 5}]}"), 13, "at_least bands must go down: 2 comes after 1"},
		{"bands at_most down", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_most: 5, points: 10}, {at_most: 5, points: 5}]}"), 13, "at_most bands must go up: 5 comes after 5"},
		{"bands mixed", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_least: 5, points: 10}, {at_most: 9, points: 5}]}"), 13, "bands mix at_least and at_most"},
		{"band both bounds", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_least: 5, at_most: 9, points: 10}]}"), 13, "at_least or at_most, not both"},
		{"band no bound", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{points: 10}]}"), 13, "a band needs at_least or at_most"},
		{"band points above max", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{at_least: 5, points: 11}]}"), 13, "points must be within 0 and max (10), not 11"},
		{"band unknown key", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: [{above: 5, points: 10}]}"), 13, `bands: unknown key "above"`},
		{"linear zero equals full", withItem(t, "{id: A1, title: a, max: 10, method: numeric, linear: {zero: 5, full: 5}}"), 13, "zero and full must differ"},
		{"linear missing full", withItem(t, "{id: A1, title: a, max: 10, method: numeric, linear: {zero: 5}}"), 13, "linear: missing full"},
		{"linear unknown key", withItem(t, "{id: A1, title: a, max: 10, method: numeric, linear: {zero: 5, full: 9, cap: 1}}"), 13, `linear: unknown key "cap"`},
		{"shortfall step zero", withItem(t, "{id: A1, title: a, max: 10, method: numeric, shortfall: {target: 5, step: 0, per: 1}}"), 13, "step must be more than 0, not 0"},
		{"shortfall per negative", withItem(t, "{id: A1, title: a, max: 10, method: numeric, shortfall: {target: 5, step: 1, per: -1}}"), 13, "per must be 0 or more, not -1"},
		{"shortfall unknown key", withItem(t, "{id: A1, title: a, max: 10, method: numeric, shortfall: {target: 5, step: 1, per: 1, lower: true}}"), 13, `shortfall: unknown key "lower"`},
		{"shortfall flag not bool", withItem(t, "{id: A1, title: a, max: 10, method: numeric, shortfall: {target: 5, step: 1, per: 1, lower_is_better: yes}}"), 13, `lower_is_better: want true or false, not "yes"`},
		{"change not bool", withItem(t, "{id: A1, title: a, max: 10, method: numeric, change: 1, linear: {zero: 0, full: 1}}"), 13, `change: want true or false`},
		{"deduct without per", withItem(t, "{id: A1, title: a, max: 10, method: deduct}"), 13, "item A1: missing per"},
		{"deduct per zero", withItem(t, "{id: A1, title: a, max: 10, method: deduct, per: 0}"), 13, "per must be more than 0, not 0"},
		{"deduct floor at max", withItem(t, "{id: A1, title: a, max: 10, method: deduct, per: 1, floor: 10}"), 13, "floor must be at least 0 and below max (10), not 10"},
		{"deduct zero_at zero", withItem(t, "{id: A1, title: a, max: 10, method: deduct, per: 1, zero_at: 0}"), 13, "zero_at must be a whole number of at least 1, not 0"},
		{"deduct zero_at fraction", withItem(t, "{id: A1, title: a, max: 10, method: deduct, per: 1, zero_at: 1.5}"), 13, "zero_at must be a whole number of at least 1, not 1.5"},
		{"count per negative", withItem(t, "{id: A1, title: a, max: 10, method: count, per: -2}"), 13, "per must be more than 0, not -2"},
		{"parts empty", withItem(t, "{id: A1, title: a, max: 10, parts: []}"), 13, "parts must not be empty"},
		{"parts max mismatch", withItem(t, "{id: A1, title: a, max: 10, parts: [{id: a, title: a, max: 4, method: check}, {id: b, title: b, max: 5, method: check}]}"), 13, "item A1: max is 10 but the parts' max add up to 9"},
		{"part id twice", withItem(t, "{id: A1, title: a, parts: [{id: a, title: a, max: 5, method: check}, {id: a, title: b, max: 5, method: check}]}"), 13, `item A1: part id "a" is used twice`},
		{"part without method", withItem(t, "{id: A1, title: a, parts: [{id: a, title: a, max: 5}, {id: b, title: b, max: 5, method: check}]}"), 13, "item A1.a: missing method"},
		{"part bad params", withItem(t, "{id: A1, title: a, parts: [{id: a, title: a, max: 5, method: check, per: 1}, {id: b, title: b, max: 5, method: check}]}"), 13, "item A1.a: per does not fit method check"},
		{"part with applies_to", withItem(t, "{id: A1, title: a, parts: [{id: a, title: a, max: 5, method: check, applies_to: [x]}, {id: b, title: b, max: 5, method: check}]}"), 13, `item A1.a: unknown key "applies_to"`},
		{"part with parts", withItem(t, "{id: A1, title: a, parts: [{id: a, title: a, max: 10, parts: [{id: x, title: x, max: 10, method: check}]}]}"), 13, `item A1.a: unknown key "parts"`},
		{"params beside parts", withItem(t, "{id: A1, title: a, per: 2, parts: [{id: a, title: a, max: 10, method: check}]}"), 13, "per does not fit an item with parts"},
		{"item bonus key", withItem(t, "{id: A1, title: a, max: 10, method: check, bonus: true}"), 13, `unknown key "bonus"`},
		{"evidence not a list", withItem(t, "{id: A1, title: a, max: 10, method: check, evidence: 查台账}"), 13, "evidence must be a list"},
		{"evidence_required not bool", withItem(t, "{id: A1, title: a, max: 10, method: check, evidence_required: 是}"), 13, "evidence_required: want true or false"},
		{"title is a list", withItem(t, "{id: A1, title: [a], max: 10, method: check}"), 13, "title: want text, not a list"},
		{"item is a list", withItem(t, "[A1, a]"), 13, "an item must be a mapping, not a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("f.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse accepted the catalog (%d items)", len(c.Items()))
			}
			ps := problems(t, err)
			checkCodes(t, ps)
			for _, p := range ps {
				if p.Line == tt.line && strings.Contains(p.String(), tt.want) {
					if p.File != "f.yaml" {
						t.Errorf("problem names file %q, want f.yaml", p.File)
					}
					return
				}
			}
			t.Errorf("no problem on line %d with %q; got:\n%s", tt.line, tt.want, list(ps))
		})
	}
}

// TestParseDocuments refuses a catalog file that holds a second YAML
// document, at the line where it starts, and accepts a "---" before or
// after the only document.
func TestParseDocuments(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int // of the problem about a second document; 0 when the file is accepted
	}{
		// base has 13 lines.
		{"two catalogs", base + "---\n" + base, 14},
		{"second after blank lines", base + "\n\n---\nid: u\n", 16},
		{"second after document end", base + "...\n---\nid: u\n", 15},
		{"second after an empty one", base + "---\n# old\n---\nid: u\n", 16},
		{"second is null", base + "---\n~\n", 14},
		{"leading and a second", "---\n" + base + "---\n" + base, 15},
		{"trailing ---", base + "---\n", 0},
		{"trailing --- without newline", base + "---", 0},
		{"leading ---", "---\n" + base, 0},
		{"leading and trailing ---", "---\n" + base + "---\n", 0},
		{"comments after ---", base + "---\n# the catalog of 2025 went here\n# and was removed\n", 0},
		{"document end", base + "...\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("f.yaml", []byte(tt.yaml))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("Parse: %v\n%s", err, list(domain.ErrorProblems(err)))
				}
				if c.Ref() != "t@1" || len(c.Items()) != 1 {
					t.Errorf("parsed as %+v", c)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse accepted the catalog (%d items)", len(c.Items()))
			}
			ps := problems(t, err)
			checkCodes(t, ps)
			want := fmt.Sprintf("f.yaml:%d: the file holds more than one YAML document (a second one starts here); a catalog file holds one", tt.line)
			if len(ps) != 1 || ps[0].String() != want || ps[0].Code != yamlnode.ProbMultiDoc {
				t.Errorf("problems:\n%swant:\n  %s", list(ps), want)
			}
		})
	}
}

// TestParseDocumentsAtOnce reports a second document beside the problems of
// the first, and a syntax error in the second.
func TestParseDocumentsAtOnce(t *testing.T) {
	_, err := Parse("f.yaml", []byte(edit(t, "total: 10", "total: 12")+"---\n"+base))
	ps := problems(t, err)
	if len(ps) != 2 || ps[0].Line != 5 || ps[0].Code != ProbTotal || ps[1].Line != 14 || ps[1].Code != yamlnode.ProbMultiDoc {
		t.Errorf("problems:\n%s", list(ps))
	}
	_, err = Parse("f.yaml", []byte(base+"---\nid: [u\n"))
	ps = problems(t, err)
	if len(ps) != 1 || ps[0].Line != 15 || ps[0].Code != ProbSyntax {
		t.Errorf("problems:\n%s", list(ps))
	}
}

func list(ps []domain.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

func TestParseProblemsAtOnce(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("testdata/bad.yaml", data)
	ps := problems(t, err)
	want := []string{
		`testdata/bad.yaml:1: format is "pingce/catalog@2", want "pingce/catalog@1"`,
		`testdata/bad.yaml:1: missing version`,
		`testdata/bad.yaml:2: id "Demo": use lower-case letters, digits and '-' only`,
		`testdata/bad.yaml:4: total is 50 but the base items' max add up to 44`,
		`testdata/bad.yaml:7: grades: grade "a" is listed twice`,
		`testdata/bad.yaml:9: caps: item_lost: the catalog has no item "ZZ"`,
		`testdata/bad.yaml:14: item A1: levels does not fit method check`,
		`testdata/bad.yaml:15: item A1: item id "A1" is used twice (first on line 14)`,
		`testdata/bad.yaml:16: item A2: bands: at_least: want a number, not "90"`,
		`testdata/bad.yaml:17: item A3: unknown key "foo"`,
		`testdata/bad.yaml:18: item A4: max is 4 but the parts' max add up to 3`,
	}
	got := map[string]bool{}
	for _, p := range ps {
		got[p.String()] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing problem %q", w)
		}
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Errorf("problems not in line order: %d after %d", ps[i].Line, ps[i-1].Line)
		}
	}
	if msg := domain.ErrorMessage(err); !strings.Contains(msg, fmt.Sprintf("%d problems", len(ps))) {
		t.Errorf("message %q does not count %d problems", msg, len(ps))
	}
}

// testdataCatalogs returns the valid catalogs of testdata (every file but bad*.yaml).
func testdataFiles(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = data
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for name, data := range testdataFiles(t) {
		if strings.HasPrefix(filepath.Base(name), "bad") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			c1, err := Parse(name, data)
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, list(domain.ErrorProblems(err)))
			}
			roundTrip(t, c1)
		})
	}
	t.Run("hand built", func(t *testing.T) {
		c := &domain.Catalog{
			ID: "hand", Version: "2026.10", Title: "标题: with \"quotes\" and # hash", Total: 12.5,
			Source: "line one\nline two\n", UnitTypes: []string{"派出所", "true", "1.0"},
			Grades:   []domain.GradeBand{{Min: 10, Grade: "yes"}, {Min: -1e15, Grade: "null"}},
			Caps:     []domain.Cap{{ItemLost: "1.5", MaxGrade: "null"}, {CategoryRatioBelow: domain.Float(1), MaxGrade: "yes"}},
			Vetoes:   []domain.Veto{{ID: "V-1", Title: "  leading spaces"}},
			BonusCap: domain.Float(0.001),
			Categories: []*domain.Category{{ID: "A", Title: "A", Items: []*domain.Item{
				{ID: "1.5", Title: "x", Max: 2.5, Method: domain.MethodDeduct, Per: 0.1, Floor: 0.00001, ZeroAt: 7, AppliesTo: []string{"派出所"}},
				{ID: "b", Title: "y", Max: 10, Parts: []*domain.Item{
					{ID: "p", Title: "p", Max: 4, Method: domain.MethodNumeric, Change: true, Bands: []domain.Band{{AtMost: domain.Float(-5), Points: 4}, {AtMost: domain.Float(0), Points: 0}}},
					{ID: "q", Title: "q", Max: 6, Method: domain.MethodNumeric, Shortfall: &domain.Shortfall{Target: 1e-7, Step: 1e15, Per: 0}},
				}},
			}, Categories: []*domain.Category{{ID: "B", Title: "B", Bonus: true, Items: []*domain.Item{
				{ID: "X", Title: "x", Max: 5, Method: domain.MethodCount, Per: 1, Bonus: true},
			}}}}},
		}
		roundTrip(t, c)
	})
}

// roundTrip checks that Marshal is deterministic and Parse reads it back equal.
func roundTrip(t *testing.T, c1 *domain.Catalog) {
	t.Helper()
	out1, err := Marshal(c1)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	c2, err := Parse("marshalled.yaml", out1)
	if err != nil {
		t.Fatalf("Parse(Marshal(c)): %v\n%s\n%s", err, list(domain.ErrorProblems(err)), out1)
	}
	if !reflect.DeepEqual(exported(c1), exported(c2)) {
		t.Errorf("Parse(Marshal(c)) differs from c:\n%+v\n%+v\n%s", exported(c1), exported(c2), out1)
	}
	out2, err := Marshal(c2)
	if err != nil {
		t.Fatalf("Marshal again: %v", err)
	}
	if string(out1) != string(out2) {
		t.Errorf("Marshal is not stable:\n%s\n---\n%s", out1, out2)
	}
	again, _ := Marshal(c1)
	if string(again) != string(out1) {
		t.Errorf("Marshal is not deterministic")
	}
}

// exported copies the catalog's exported fields, leaving out its lazily
// built index, so that reflect.DeepEqual compares content only.
func exported(c *domain.Catalog) domain.Catalog {
	return domain.Catalog{ID: c.ID, Version: c.Version, Title: c.Title, Source: c.Source,
		Total: c.Total, UnitTypes: c.UnitTypes, Grades: c.Grades, Caps: c.Caps, Vetoes: c.Vetoes,
		VetoGrade: c.VetoGrade, BonusCap: c.BonusCap, Categories: c.Categories}
}

func TestMarshalNil(t *testing.T) {
	tests := []struct {
		name string
		c    *domain.Catalog
	}{
		{"no catalog", nil},
		{"nil category", &domain.Catalog{ID: "x", Categories: []*domain.Category{nil}}},
		{"nil item", &domain.Catalog{ID: "x", Categories: []*domain.Category{{ID: "A", Items: []*domain.Item{nil}}}}},
		{"nil part", &domain.Catalog{ID: "x", Categories: []*domain.Category{{ID: "A", Categories: []*domain.Category{
			{ID: "B", Items: []*domain.Item{{ID: "b", Parts: []*domain.Item{nil}}}}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Marshal(tt.c); domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("Marshal error = %v, want EINVALID", err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, data := range testdataFiles(f) {
		f.Add(data)
	}
	f.Add([]byte(base))
	f.Add([]byte(withItem(f, "{id: A1, title: a, parts: [{id: a, title: a, max: 5, method: check}, {id: b, title: b, max: 5, method: levels, levels: [{label: x, points: 5}]}]}")))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("---\n" + base + "---\n# c\n---\n" + base))
	f.Fuzz(readOrRefuse)
}

// TestOneProblemPerMistake checks that one mistake is reported once, not
// also as the consequences it has further on.
func TestOneProblemPerMistake(t *testing.T) {
	tests := []struct{ name, yaml string }{
		{"levels not a list", withItem(t, "{id: A1, title: a, max: 10, method: levels, levels: 好}")},
		{"bands a mapping", withItem(t, "{id: A1, title: a, max: 10, method: numeric, bands: {at_least: 1, points: 10}}")},
		{"grades not a list", edit(t, "grades:\n  - {min: 5, grade: good}\n  - {min: 0, grade: bad}\n", "grades: good\n")},
		{"max text", withItem(t, "{id: A1, title: a, max: 10.0.1, method: levels, levels: [{label: x, points: 10}]}")},
		{"unknown method", withItem(t, "{id: A1, title: a, max: 10, method: grade, levels: [{label: x, points: 10}]}")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.yaml))
			if ps := problems(t, err); len(ps) != 1 {
				t.Errorf("want 1 problem, got:\n%s", list(ps))
			}
		})
	}
}

// checkCodes fails for a problem without a code of its own, or whose Args
// lack a value its message names.
func checkCodes(t *testing.T, ps []domain.Problem) {
	t.Helper()
	for _, p := range ps {
		if !strings.HasPrefix(p.Code, "catalog.") && !strings.HasPrefix(p.Code, "yaml.") {
			t.Errorf("%s: code %q", p, p.Code)
		}
		for k, v := range p.Args {
			if k != "kind" && k != "rules" && !strings.Contains(p.Msg, v) {
				t.Errorf("%s: Args %s=%q is not in the message", p, k, v)
			}
		}
	}
}
