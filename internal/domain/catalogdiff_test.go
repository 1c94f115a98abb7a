package domain

import (
	"slices"
	"testing"
)

// twoVersions returns a catalog and its next version with every kind of
// change: renamed, new points, new levels, new bands, new unit types, an
// id change, a method change, a move, an item added and one removed.
func twoVersions() (v1, v2 *Catalog) {
	f := func(x float64) *float64 { return &x }
	parts := func() []*Item {
		return []*Item{{ID: "a", Title: "甲", Max: 5, Method: MethodCheck}, {ID: "b", Title: "乙", Max: 5, Method: MethodCount, Per: 1}}
	}
	v1 = &Catalog{ID: "c", Version: "1", Title: "目录", Total: 75, Grades: []GradeBand{{Min: 0, Grade: "合格"}},
		Categories: []*Category{
			{ID: "A", Title: "甲类", Items: []*Item{
				{ID: "A1", Title: "领导小组", Max: 10, Method: MethodCheck},
				{ID: "A2", Title: "制度", Max: 10, Method: MethodLevels, Levels: []Level{{"好", 10}, {"中", 5}, {"差", 0}}},
				{ID: "A3", Title: "破案率", Max: 10, Method: MethodNumeric, Bands: []Band{{AtLeast: f(95), Points: 10}}},
				{ID: "A4", Title: "隐患", Max: 10, Method: MethodDeduct, Per: 2, AppliesTo: []string{"分县局"}},
				{ID: "A5", Title: "经费保障", Max: 5, Method: MethodCheck},
				{ID: "A6", Title: "组合", Max: 10, Parts: parts()},
				{ID: "A9", Title: "取消项", Max: 10, Method: MethodCheck},
			}},
			{ID: "B", Title: "乙类", Items: []*Item{
				{ID: "B1", Title: "宣传", Max: 10, Method: MethodDeduct, Per: 1},
			}},
		}}
	v2 = &Catalog{ID: "c", Version: "2", Title: "目录", Total: 85, Grades: []GradeBand{{Min: 0, Grade: "合格"}},
		Vetoes: []Veto{{ID: "V1", Title: "弄虚作假"}},
		Categories: []*Category{
			{ID: "A", Title: "甲类", Items: []*Item{
				{ID: "A1", Title: "成立领导小组", Max: 10, Method: MethodCheck},
				{ID: "A2", Title: "制度", Max: 10, Method: MethodLevels, Levels: []Level{{"好", 10}, {"较好", 7}, {"差", 0}}},
				{ID: "A3", Title: "破案率", Max: 15, Method: MethodNumeric, Bands: []Band{{AtLeast: f(95), Points: 15}}},
				{ID: "A4", Title: "隐患", Max: 10, Method: MethodDeduct, Per: 2, AppliesTo: []string{"分县局", "派出所"}},
				{ID: "A7", Title: "经费保障", Max: 5, Method: MethodCheck},
				{ID: "A6", Title: "组合", Max: 10, Parts: parts()},
				{ID: "B1", Title: "宣传", Max: 10, Method: MethodCheck},
				{ID: "A8", Title: "新增项", Max: 15, Method: MethodCheck},
			}},
		}}
	return v1, v2
}

func TestDiffCatalogs(t *testing.T) {
	v1, v2 := twoVersions()
	d := DiffCatalogs(v1, v2)
	ids := func(its []*Item) []string {
		var out []string
		for _, it := range its {
			out = append(out, it.ID)
		}
		return out
	}
	if got := ids(d.Added); !slices.Equal(got, []string{"A8"}) {
		t.Errorf("added %v", got)
	}
	if got := ids(d.Removed); !slices.Equal(got, []string{"A9"}) {
		t.Errorf("removed %v", got)
	}
	want := map[string][]DiffKind{
		"A1": {DiffTitle},
		"A2": {DiffLevels},
		"A3": {DiffMax, DiffParams},
		"A4": {DiffAppliesTo},
		"A7": {DiffID},
		"B1": {DiffMethod, DiffParams, DiffCategory},
	}
	got := map[string][]DiffKind{}
	for _, c := range d.Changed {
		got[c.New.ID] = c.Changes
	}
	for _, id := range []string{"A1", "A2", "A3", "A4", "A7", "B1"} {
		if !slices.Equal(got[id], want[id]) {
			t.Errorf("%s: changes %v, want %v", id, got[id], want[id])
		}
	}
	if len(got) != len(want) || d.Unchanged != 1 {
		t.Errorf("changed %v, unchanged %d (want A6 alone)", got, d.Unchanged)
	}
	if d.TotalFrom != 75 || d.TotalTo != 85 || d.ItemsFrom != 8 || d.ItemsTo != 8 || !d.VetoesChanged || d.GradesChanged {
		t.Errorf("totals %+v", d)
	}
}

func TestPlanMigration(t *testing.T) {
	v1, v2 := twoVersions()
	met := Bool(true)
	one, two := 1, 2
	v := 97.0
	answers := map[string]Answer{
		"A1": {Met: met},
		"A2": {Level: "中", Note: "制度在修订"},
		"A3": {Value: &v},
		"A4": {Count: &one},
		"A5": {Met: met, Evidence: []string{"预算.pdf"}},
		"A6": {Parts: map[string]Answer{"a": {Met: met}, "b": {Count: &two}}},
		"A9": {Met: met},
		"B1": {Count: &two, Note: "少两次", Evidence: []string{"记录.jpg"}, Flagged: true},
	}
	p := PlanMigration(v1, v2, answers, []string{"V1", "V0"})
	if !slices.Equal(p.NeedsAnswer, []string{"A2", "B1", "A8"}) {
		t.Errorf("needs answer %v", p.NeedsAnswer)
	}
	if !slices.Equal(p.Dropped, []string{"A9"}) || !slices.Equal(p.Vetoes, []string{"V1"}) {
		t.Errorf("dropped %v vetoes %v", p.Dropped, p.Vetoes)
	}
	for _, id := range []string{"A1", "A3", "A4", "A7", "A6"} {
		if !v2.Item(id).Answered(p.Answers[id]) {
			t.Errorf("%s: answer not carried: %+v", id, p.Answers[id])
		}
	}
	if a := p.Answers["A7"]; !slices.Equal(a.Evidence, []string{"预算.pdf"}) {
		t.Errorf("A7 (was A5) evidence %v", a.Evidence)
	}
	if a := p.Answers["A2"]; a.Level != "" || a.Note != "制度在修订" {
		t.Errorf("A2 %+v: the note is carried, the level is not", a)
	}
	if a := p.Answers["B1"]; a.Count != nil || a.Met != nil || a.Note != "少两次" || !slices.Equal(a.Evidence, []string{"记录.jpg"}) || !a.Flagged {
		t.Errorf("B1 %+v: note, evidence and flag carried, the count not", a)
	}
	if _, ok := p.Answers["A8"]; ok {
		t.Error("an added item got an answer")
	}
	kept := 0
	for _, c := range p.Carried {
		if c.Kept {
			kept++
		}
	}
	if kept != 5 || len(p.Carried) != 7 {
		t.Errorf("carried %d, kept %d", len(p.Carried), kept)
	}
}
