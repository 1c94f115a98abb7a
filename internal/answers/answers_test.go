package answers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

func demoCatalog(t testing.TB) *domain.Catalog {
	t.Helper()
	c, err := catalog.LoadFile(context.Background(), "testdata/catalog.yaml")
	if err != nil {
		t.Fatalf("load catalog: %v\n%v", err, domain.ErrorProblems(err))
	}
	return c
}

// base is a valid answers file for testdata/catalog.yaml. Line numbers:
// 2 catalog, 3 unit, 6 A1.1, 7 A1.2, 8 A2.1, 9 H1.2, 10 C1.6, 11 D1.3, 12 vetoes.
const base = `format: pingce/answers@1
catalog: demo-city-ref@2026.1
unit: {name: 某某区公安分局, type: 分县局}
round: 2026-Q3
answers:
  A1.1: {level: 有两项, note: 规划已印发, evidence: [规划.pdf]}
  A1.2: {met: true}
  A2.1: {value: 7.5}
  H1.2: {count: 1}
  C1.6: {value: 95, baseline: 100}
  D1.3: {parts: {a: {value: 12}, b: {value: -8, baseline: 40}}}
vetoes: [V1]
`

func edit(t testing.TB, old, new string) string {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("base has no %q", old)
	}
	return strings.Replace(base, old, new, 1)
}

func list(ps []domain.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

func TestParseBase(t *testing.T) {
	s, err := Parse("a.yaml", []byte(base), demoCatalog(t))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, list(domain.ErrorProblems(err)))
	}
	want := &domain.AnswerSet{
		Catalog: "demo-city-ref@2026.1",
		Unit:    domain.UnitRef{Name: "某某区公安分局", Type: "分县局"},
		Round:   "2026-Q3",
		Answers: map[string]domain.Answer{
			"A1.1": {Level: "有两项", Note: "规划已印发", Evidence: []string{"规划.pdf"}},
			"A1.2": {Met: domain.Bool(true)},
			"A2.1": {Value: domain.Float(7.5)},
			"H1.2": {Count: domain.Int(1)},
			"C1.6": {Value: domain.Float(95), Baseline: domain.Float(100)},
			"D1.3": {Parts: map[string]domain.Answer{
				"a": {Value: domain.Float(12)},
				"b": {Value: domain.Float(-8), Baseline: domain.Float(40)},
			}},
		},
		Vetoes: []string{"V1"},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Parse(base) =\n%+v\nwant\n%+v", s, want)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		want string // substring of the problem's String()
	}{
		{"syntax", edit(t, "  A1.2: {met: true}\n", "  A1.2: {met: true\n"), 7, "a.yaml:7: YAML syntax"},
		{"empty", "", 0, "the file is empty"},
		{"not a mapping", "[1, 2]\n", 1, "must be a mapping, not a list"},
		{"wrong format", edit(t, "pingce/answers@1", "pingce/catalog@1"), 1, `format is "pingce/catalog@1", want "pingce/answers@1"`},
		{"no format", edit(t, "format: pingce/answers@1\n", ""), 1, "missing format"},
		{"unknown top key", edit(t, "round: 2026-Q3\n", "round: 2026-Q3\nperiod: x\n"), 5, `unknown key "period"`},
		{"unit unknown key", edit(t, "type: 分县局}", "kind: 分县局}"), 3, `unit: unknown key "kind"`},
		{"unit not a mapping", edit(t, "unit: {name: 某某区公安分局, type: 分县局}", "unit: 某某区公安分局"), 3, "unit must be a mapping"},
		{"answers a list", edit(t, "answers:\n", "answers: []\nx:\n"), 5, "answers must be a mapping, not a list"},
		{"answer a list", edit(t, "{met: true}", "[true]"), 7, "item A1.2: an answer must be a mapping, not a list"},
		{"answer unknown key", edit(t, "{met: true}", "{met: true, comment: x}"), 7, `item A1.2: unknown key "comment"`},
		{"answer key twice", edit(t, "{met: true}", "{met: true, met: false}"), 7, `key "met" appears twice`},
		{"item twice", edit(t, "  A1.2: {met: true}\n", "  A1.2: {met: true}\n  A1.2: {met: false}\n"), 8, `key "A1.2" appears twice (first on line 7)`},
		{"met not bool", edit(t, "{met: true}", "{met: 是}"), 7, `met: want true or false, not "是"`},
		{"value text", edit(t, "{value: 7.5}", `{value: "7.5"}`), 8, `value: want a number, not "7.5"`},
		{"value nan", edit(t, "{value: 7.5}", `{value: .nan}`), 8, `value: want a finite number`},
		{"baseline list", edit(t, "baseline: 100}", "baseline: [100]}"), 10, "baseline: want a number, not a list"},
		{"count negative", edit(t, "{count: 1}", "{count: -2}"), 9, "item H1.2: count must be 0 or more, not -2"},
		{"count fraction", edit(t, "{count: 1}", "{count: 1.5}"), 9, "count must be a whole number, not 1.5"},
		{"count huge", edit(t, "{count: 1}", "{count: 1e12}"), 9, "count must be a whole number"},
		{"count too large to compute with", edit(t, "{count: 1}", "{count: 1e30}"), 9, "want 0 or a number from 0.000000001 to 1000000000000000 in size"},
		{"evidence not list", edit(t, "evidence: [规划.pdf]", "evidence: 规划.pdf"), 6, "evidence must be a list"},
		{"flag not bool", edit(t, "{met: true}", "{met: true, flag: 1}"), 7, "flag: want true or false"},
		{"parts in a part", edit(t, "a: {value: 12}", "a: {parts: {x: {value: 1}}}"), 11, `item D1.3.a: unknown key "parts"`},
		{"part na", edit(t, "a: {value: 12}", "a: {na: true, reason: 无}"), 11, "item D1.3.a: na applies to a whole item, not to one of its parts"},
		{"parts not a mapping", edit(t, "{parts: {a: {value: 12}, b: {value: -8, baseline: 40}}}", "{parts: [a, b]}"), 11, "parts must be a mapping"},
		{"vetoes not a list", edit(t, "vetoes: [V1]", "vetoes: V1"), 12, "vetoes must be a list"},
		{"veto twice", edit(t, "vetoes: [V1]", "vetoes: [V1, V1]"), 12, `vetoes: "V1" is listed twice`},
		{"empty item id", edit(t, "  A1.2: {met: true}\n", "  \"\": {met: true}\n"), 7, "an item id must not be empty"},
		// Problems against the catalog.
		{"wrong catalog", edit(t, "@2026.1", "@2025.1"), 2, "answers are for catalog demo-city-ref@2025.1, not demo-city-ref@2026.1"},
		{"unknown item", edit(t, "  A1.2: {met: true}\n", "  A1.2: {met: true}\n  Z9: {met: true}\n"), 8, "item Z9: the catalog has no such item"},
		{"field does not fit", edit(t, "{met: true}", "{level: 有}"), 7, `item A1.2: field "level" does not fit method check`},
		{"unknown level", edit(t, "level: 有两项", "level: 五项"), 6, `item A1.1: level "五项" is not one of the catalog's levels`},
		{"baseline zero", edit(t, "baseline: 100}", "baseline: 0}"), 10, "item C1.6: baseline must not be 0"},
		{"baseline without change", edit(t, "{value: 7.5}", "{value: 7.5, baseline: 5}"), 8, `item A2.1: field "baseline" does not fit method numeric`},
		{"na without reason", edit(t, "{met: true}", "{na: true}"), 7, "item A1.2: na needs a non-empty reason"},
		{"reason without na", edit(t, "{met: true}", "{met: true, reason: x}"), 7, `field "reason" does not fit`},
		{"unknown part", edit(t, "b: {value: -8", "c: {value: -8"), 11, `item D1.3: no part "c"`},
		{"part field does not fit", edit(t, "a: {value: 12}", "a: {met: true}"), 11, `item D1.3.a: field "met" does not fit method numeric`},
		{"unknown veto", edit(t, "vetoes: [V1]", "vetoes:\n  - V1\n  - V9"), 14, `the catalog has no veto "V9"`},
	}
	cat := demoCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("a.yaml", []byte(tt.yaml), cat)
			if err == nil {
				t.Fatalf("Parse accepted %+v", s)
			}
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != domain.EINVALID {
				t.Fatalf("error %v is not an EINVALID *domain.Error", err)
			}
			checkCodes(t, e.Problems)
			for _, p := range e.Problems {
				if p.Line == tt.line && strings.Contains(p.String(), tt.want) {
					if p.File != "a.yaml" {
						t.Errorf("problem names file %q", p.File)
					}
					return
				}
			}
			t.Errorf("no problem on line %d with %q; got:\n%s", tt.line, tt.want, list(e.Problems))
		})
	}
}

func TestPartNAReportedOnce(t *testing.T) {
	data := edit(t, "a: {value: 12}", "a: {na: true, reason: 无}")
	for _, cat := range []*domain.Catalog{nil, demoCatalog(t)} {
		_, err := Parse("a.yaml", []byte(data), cat)
		if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].ItemID != "D1.3.a" || ps[0].Line != 11 {
			t.Errorf("with catalog %v: want one problem about D1.3.a on line 11, got:\n%s", cat != nil, list(ps))
		}
	}
}

func TestParseWithoutCatalog(t *testing.T) {
	// Without a catalog only the structure is checked: an unknown item passes.
	data := edit(t, "  A1.2: {met: true}\n", "  Z9: {level: x, met: true}\n")
	s, err := Parse("a.yaml", []byte(data), nil)
	if err != nil {
		t.Fatalf("Parse without catalog: %v\n%s", err, list(domain.ErrorProblems(err)))
	}
	if a := s.Answers["Z9"]; a.Level != "x" || a.Met == nil || !*a.Met {
		t.Errorf("Z9 = %+v", a)
	}
	if _, err := Parse("a.yaml", []byte(data), demoCatalog(t)); err == nil {
		t.Error("Parse with the catalog accepted an answer to an unknown item")
	}
}

func TestParseProblemsAtOnce(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("bad.yaml", data, demoCatalog(t))
	ps := domain.ErrorProblems(err)
	want := []string{
		"bad.yaml:2: answers are for catalog demo-city-ref@2025.1, not demo-city-ref@2026.1",
		`bad.yaml:3: unit: unknown key "kind"`,
		`bad.yaml:5: item A1.1: level "五项都有" is not one of the catalog's levels`,
		`bad.yaml:6: item A1.2: met: want true or false, not "1"`,
		`bad.yaml:7: item A2.1: value: want a number, not "85"`,
		"bad.yaml:8: item X1: count must be 0 or more, not -1",
		"bad.yaml:9: item H1.2: count must be a whole number, not 1.5",
		`bad.yaml:9: item H1.2: unknown key "colour"`,
		`bad.yaml:10: item H1.6: field "met" does not fit method numeric`,
		"bad.yaml:11: item C1.6: baseline must not be 0 (the change would divide by zero)",
		`bad.yaml:12: item D1.3: no part "c"`,
		`bad.yaml:12: item D1.3.b: field "met" does not fit method numeric`,
		"bad.yaml:13: item Z9: the catalog has no such item",
		"bad.yaml:14: item A1.1x: the catalog has no such item",
		`bad.yaml:15: the catalog has no veto "V9"`,
		`bad.yaml:15: vetoes: "V1" is listed twice`,
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n  %s", list(ps), strings.Join(want, "\n  "))
	}
}

func TestMarshal(t *testing.T) {
	cat := demoCatalog(t)
	s, err := Parse("a.yaml", []byte(base), cat)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(s, cat)
	if err != nil {
		t.Fatal(err)
	}
	// base is already canonical: catalog order, one flow line per item.
	if string(out) != base {
		t.Errorf("Marshal(Parse(base)) =\n%s\nwant\n%s", out, base)
	}
	sorted, err := Marshal(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(sorted), "\n")
	var ids []string
	for _, l := range lines {
		if strings.HasPrefix(l, "  ") {
			ids = append(ids, strings.TrimSpace(strings.SplitN(l, ":", 2)[0]))
		}
	}
	if got, want := strings.Join(ids, " "), "A1.1 A1.2 A2.1 C1.6 D1.3 H1.2"; got != want {
		t.Errorf("without catalog items are written as %s, want %s", got, want)
	}
	if _, err := Marshal(nil, cat); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Marshal(nil) error %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	cat := demoCatalog(t)
	tests := []struct {
		name string
		set  *domain.AnswerSet
		cat  *domain.Catalog
	}{
		{"empty", &domain.AnswerSet{Answers: map[string]domain.Answer{}}, nil},
		{"every field", &domain.AnswerSet{
			Catalog: "x@1.0", Unit: domain.UnitRef{Type: "派出所"}, Round: "2026",
			Answers: map[string]domain.Answer{
				"1.5":  {Met: domain.Bool(false), Level: "true", Value: domain.Float(-0.00001), Baseline: domain.Float(1e15), Count: domain.Int(0)},
				"null": {NA: true, Reason: "辖区无此类场所: 说明 # 注", Note: "line1\nline2", Evidence: []string{"a b.pdf", "yes"}, Flagged: true},
				"p": {Parts: map[string]domain.Answer{
					"z": {Value: domain.Float(1)},
					"a": {Note: "r", Flagged: true, Evidence: []string{"x.pdf"}},
					"m": {},
				}},
				"empty": {},
			},
			Vetoes: []string{"V2", "1"},
		}, nil},
		{"catalog order", &domain.AnswerSet{Catalog: cat.Ref(), Answers: map[string]domain.Answer{
			"H1.6": {Value: domain.Float(97)}, "A1.1": {Level: "有一项"}, "extra": {Note: "x"},
		}}, cat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roundTrip(t, tt.set, tt.cat)
		})
	}
}

func roundTrip(t *testing.T, s *domain.AnswerSet, cat *domain.Catalog) {
	t.Helper()
	out, err := Marshal(s, cat)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	got, err := Parse("m.yaml", out, nil)
	if err != nil {
		t.Fatalf("Parse(Marshal(s)): %v\n%s\n%s", err, list(domain.ErrorProblems(err)), out)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("Parse(Marshal(s)) =\n%+v\nwant\n%+v\nfile:\n%s", got, s, out)
	}
	again, err := Marshal(got, cat)
	if err != nil || string(again) != string(out) {
		t.Errorf("Marshal not stable (%v):\n%s\n---\n%s", err, out, again)
	}
}

func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob("testdata/*.yaml")
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil && !strings.Contains(n, "catalog") {
			f.Add(data)
		}
	}
	f.Add([]byte(base))
	f.Add([]byte("format: pingce/answers@1\nanswers: {a: ~, b: {parts: {x: ~}}}\n"))
	f.Add([]byte("---\n" + base + "---\n# c\n---\n" + base))
	cat := demoCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []*domain.Catalog{nil, cat} {
			s, err := Parse("fuzz.yaml", data, c)
			if err != nil {
				if len(domain.ErrorProblems(err)) == 0 {
					t.Fatalf("error without problems: %v", err)
				}
				continue
			}
			roundTrip(t, s, c)
		}
	})
}

func TestPartOrder(t *testing.T) {
	it := &domain.Item{ID: "P", Parts: []*domain.Item{{ID: "z"}, {ID: "b"}, {ID: "m"}}}
	parts := map[string]domain.Answer{"m": {}, "z": {}, "a": {}, "y": {}}
	tests := []struct {
		name string
		it   *domain.Item
		want string
	}{
		{"item order, then the rest sorted", it, "z m a y"},
		{"no item: sorted", nil, "a m y z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(partOrder(parts, tt.it), " "); got != tt.want {
				t.Errorf("partOrder = %s, want %s", got, tt.want)
			}
		})
	}
	cat := &domain.Catalog{ID: "c", Version: "1", Categories: []*domain.Category{{ID: "A", Items: []*domain.Item{it}}}}
	out, err := Marshal(&domain.AnswerSet{Answers: map[string]domain.Answer{"P": {Parts: parts}}}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "P: {parts: {z: {}, m: {}, a: {}, y: {}}}") {
		t.Errorf("Marshal does not write parts in the item's order:\n%s", out)
	}
}

// checkCodes fails for a problem without a code of its own, or whose Args
// lack a value its message names.
func checkCodes(t *testing.T, ps []domain.Problem) {
	t.Helper()
	for _, p := range ps {
		if !strings.HasPrefix(p.Code, "answers.") && !strings.HasPrefix(p.Code, "yaml.") && !domainCodes[p.Code] {
			t.Errorf("%s: code %q", p, p.Code)
		}
		for k, v := range p.Args {
			if k != "kind" && k != "rules" && !strings.Contains(p.Msg, v) {
				t.Errorf("%s: Args %s=%q is not in the message", p, k, v)
			}
		}
	}
}

// domainCodes are the codes of problems against the catalog.
var domainCodes = map[string]bool{domain.ProbUnknownItem: true, domain.ProbWrongField: true,
	domain.ProbUnknownLevel: true, domain.ProbBaselineZero: true, domain.ProbMissingBaseline: true,
	domain.ProbNegativeCount: true, domain.ProbNotFinite: true, domain.ProbNAWithoutReason: true,
	domain.ProbUnknownPart: true, domain.ProbUnknownVeto: true, domain.ProbWrongCatalog: true,
	domain.ProbPartNA: true}
