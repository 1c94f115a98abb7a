package domain_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// builtinDir is where the built-in catalogs live, from this package's folder.
const builtinDir = "../../assets/catalogs"

// loadBuiltin parses one built-in catalog file from assets/catalogs.
func loadBuiltin(tb testing.TB, file string) *domain.Catalog {
	tb.Helper()
	path := filepath.Join(builtinDir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	c, err := catalog.Parse(file, data)
	if err != nil {
		for _, p := range domain.ErrorProblems(err) {
			tb.Log(p.String())
		}
		tb.Fatalf("parse %s: %v", file, err)
	}
	return c
}

// TestBuiltinCatalogs checks the shape of the two built-in catalogs against
// what criteria.md part B and C.1 ask for.
func TestBuiltinCatalogs(t *testing.T) {
	files, err := fs.Glob(os.DirFS(builtinDir), "*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("built-in catalogs: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) { loadBuiltin(t, f) })
	}
}

// TestBuiltinReferenceShape checks demo-city-ref against criteria.md part B:
// 8 categories with their maxes, 61 base items summing to 1000, bonus X1–X3
// capped at 30, vetoes V1–V4, the grade bands and both caps.
func TestBuiltinReferenceShape(t *testing.T) {
	c := loadBuiltin(t, "demo-city-ref.yaml")
	if c.Ref() != "demo-city-ref@2026.1" || c.Total != 1000 {
		t.Errorf("ref %s total %v", c.Ref(), c.Total)
	}
	wantMax := map[string]float64{"A": 80, "B": 120, "C": 120, "D": 160, "E": 140, "F": 130, "G": 100, "H": 150}
	wantItems := map[string]int{"A": 7, "B": 6, "C": 6, "D": 10, "E": 8, "F": 9, "G": 7, "H": 8}
	base := 0
	for _, cat := range c.Categories {
		if cat.Bonus {
			continue
		}
		items := cat.AllItems()
		m := 0.0
		for _, it := range items {
			m += it.Max
			if it.Scoring == "" || it.Basis == "" || it.Requirement == "" || len(it.Evidence) == 0 {
				t.Errorf("%s lacks scoring, basis, requirement or evidence", it.ID)
			}
		}
		if m != wantMax[cat.ID] || len(items) != wantItems[cat.ID] {
			t.Errorf("category %s: %d items, max %v; want %d, %v", cat.ID, len(items), m, wantItems[cat.ID], wantMax[cat.ID])
		}
		base += len(items)
	}
	if base != 61 {
		t.Errorf("%d base items, want 61", base)
	}
	var bonus []string
	for _, it := range c.Items() {
		if it.Bonus {
			bonus = append(bonus, it.ID)
		}
	}
	if !reflect.DeepEqual(bonus, []string{"X1", "X2", "X3"}) || c.BonusCap == nil || *c.BonusCap != 30 {
		t.Errorf("bonus items %v cap %v", bonus, c.BonusCap)
	}
	var vetoes []string
	for _, v := range c.Vetoes {
		vetoes = append(vetoes, v.ID)
	}
	if !reflect.DeepEqual(vetoes, []string{"V1", "V2", "V3", "V4"}) || c.VetoGrade != "不予通过" {
		t.Errorf("vetoes %v grade %q", vetoes, c.VetoGrade)
	}
	wantGrades := []domain.GradeBand{{Min: 900, Grade: "优秀"}, {Min: 800, Grade: "良好"}, {Min: 700, Grade: "合格"}, {Min: 0, Grade: "不合格"}}
	if !reflect.DeepEqual(c.Grades, wantGrades) {
		t.Errorf("grades %v", c.Grades)
	}
	if len(c.Caps) != 2 || c.Caps[0].CategoryRatioBelow == nil || *c.Caps[0].CategoryRatioBelow != 0.6 ||
		c.Caps[0].MaxGrade != "良好" || c.Caps[1].ItemLost != "H1.2" || c.Caps[1].MaxGrade != "良好" {
		t.Errorf("caps %+v", c.Caps)
	}
	// applies_to from the table's 适用 column, a sample of each kind.
	for id, want := range map[string][]string{
		"A1.1": {"市局", "分县局"}, "A1.3": nil, "B1.6": {"市局"}, "D2.2": {"分县局", "派出所"},
		"D3.2": {"市局", "分县局", "局直单位"}, "E1.7": {"派出所"}, "E1.3": {"分县局", "派出所", "局直单位"}, "G1.7": {"派出所"},
	} {
		if got := c.Item(id).AppliesTo; !reflect.DeepEqual(got, want) {
			t.Errorf("%s applies to %v, want %v", id, got, want)
		}
	}
	// Composite items' parts add up to the item's max.
	for _, it := range c.Items() {
		if !it.IsComposite() {
			continue
		}
		s := 0.0
		for _, p := range it.Parts {
			s += p.Max
		}
		if s != it.Max {
			t.Errorf("%s parts add up to %v, not %v", it.ID, s, it.Max)
		}
	}
}

// TestBuiltinStationShape checks police-station-grade against criteria.md
// C.1: 100 points over the 8 aspects, grades 一级–五级, a veto.
func TestBuiltinStationShape(t *testing.T) {
	c := loadBuiltin(t, "police-station-grade.yaml")
	var titles []string
	for _, cat := range c.Categories {
		titles = append(titles, cat.Title)
		if n := len(cat.AllItems()); n < 2 || n > 4 {
			t.Errorf("%s has %d items, want 2–4", cat.Title, n)
		}
	}
	want := []string{"人口管理", "治安管理", "安全防范", "执法办案", "服务群众", "队伍建设", "内务管理", "警务保障"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("aspects %v, want %v", titles, want)
	}
	wantGrades := []domain.GradeBand{{Min: 95, Grade: "一级"}, {Min: 85, Grade: "二级"}, {Min: 70, Grade: "三级"}, {Min: 60, Grade: "四级"}, {Min: 0, Grade: "五级（不合格）"}}
	if c.Total != 100 || !reflect.DeepEqual(c.Grades, wantGrades) || len(c.Vetoes) == 0 || c.VetoGrade != "五级（不合格）" {
		t.Errorf("total %v grades %v vetoes %v veto grade %q", c.Total, c.Grades, c.Vetoes, c.VetoGrade)
	}
	methods := map[domain.Method]bool{}
	for _, it := range c.Items() {
		methods[it.Method] = true
	}
	if len(methods) != len(domain.Methods) {
		t.Errorf("methods used %v, want all of %v", methods, domain.Methods)
	}
	// Every item full with a veto: 100 points, yet 五级（不合格）.
	full := &domain.AnswerSet{Answers: map[string]domain.Answer{}, Vetoes: []string{"V1"}}
	r := domain.Score(c, full, domain.Options{Overrides: maxes(c)})
	if r.Final != 100 || r.BandGrade != "一级" || r.Grade != "五级（不合格）" {
		t.Errorf("full with veto: final %v band %q grade %q", r.Final, r.BandGrade, r.Grade)
	}
}

// maxes returns an override of every item to its max.
func maxes(c *domain.Catalog) map[string]float64 {
	m := map[string]float64{}
	for _, it := range c.Items() {
		m[it.ID] = it.Max
	}
	return m
}

// TestBuiltinStationScore scores a 派出所 against police-station-grade,
// worked out by hand:
//
//	C1.1 96.5: target 98, gap 1.5 × 1 → 6 − 1.5       4.5    C1 = 11.7
//	C1.2 count 1: 5 − 1                                4
//	C1.3 88: linear 60→95: 4 × 28/35                   3.2
//	C2.1 105 vs 100: +5 %, gap 5 × 0.5 → 6 − 2.5       3.5    C2 = 9.5
//	C2.2 level 检查基本落实…                             3
//	C2.3 92: ≥95 no, ≥90 yes                           3
//	C3.1 60: linear 0→80: 5 × 0.75                     3.75   C3 = 13.75
//	C3.2 count 0                                       5
//	C3.3 count 7 × 1, capped at max                    5
//	C4.1 level 优秀                                     6      C4 = 10
//	C4.2 count 3: zero_at 3 → 0 (not 5 − 4.5 = 0.5)    0
//	C4.3 met                                           4
//	C5.1 91.3: ≥95 no, ≥90 yes                         6      C5 = 11
//	C5.2 count 1: 4 − 2                                2
//	C5.3 met                                           3
//	C6.1 count 0                                       5      C6 = 8.13
//	C6.2 85: linear 60→100: 5 × 25/40 = 3.125 → 3.13   3.13
//	C7.1 level 三区规范                                  4      C7 = 4
//	C7.2 not met                                       0
//	C8.1 35: ≥40 no, ≥30 yes                           2      C8 = 5
//	C8.2 met                                           3
//
//	raw = 11.7 + 9.5 + 13.75 + 10 + 11 + 8.13 + 4 + 5 = 73.08 of 100 → 三级 (≥ 70)
func TestBuiltinStationScore(t *testing.T) {
	c := loadBuiltin(t, "police-station-grade.yaml")
	set := &domain.AnswerSet{Unit: domain.UnitRef{Type: "派出所"}, Answers: map[string]domain.Answer{
		"C1.1": val(96.5), "C1.2": count(1), "C1.3": val(88),
		"C2.1": change(105, 100), "C2.2": level("检查基本落实，个别问题未整改"), "C2.3": val(92),
		"C3.1": val(60), "C3.2": count(0), "C3.3": count(7),
		"C4.1": level("优秀"), "C4.2": count(3), "C4.3": {Met: yes},
		"C5.1": val(91.3), "C5.2": count(1), "C5.3": {Met: yes},
		"C6.1": count(0), "C6.2": val(85),
		"C7.1": level("三区规范"), "C7.2": {Met: no},
		"C8.1": val(35), "C8.2": {Met: yes},
	}}
	if ps := domain.CheckAnswers(c, set); len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	r := domain.Score(c, set, domain.Options{})
	if got, want := sum(r), (summary{100, 73.08, 73.08, 0, 73.08, 73.08, "三级", 21, 21}); got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	want := map[string]float64{"C1": 11.7, "C2": 9.5, "C3": 13.75, "C4": 10, "C5": 11, "C6": 8.13, "C7": 4, "C8": 5}
	for id, w := range want {
		if cs, _ := r.Category(id); cs.Score != w {
			t.Errorf("category %s = %v, want %v", id, cs.Score, w)
		}
	}
}
