package catalog

import (
	"reflect"
	"testing"

	"pingce/internal/domain"
)

const itemGradesYAML = `format: pingce/catalog@1
id: key-work
version: "2026"
title: 重点业务工作考核
total: 20
grades:
  - {min: 18, grade: 优秀}
  - {min: 0, grade: 合格}
item_grades:
  - {min_ratio: 0.95, grade: 优秀}
  - {min_ratio: 0.85, grade: 良好}
  - {min_ratio: 0, grade: 较差}
categories:
  - id: A
    title: 打击犯罪
    items:
      - {id: A1, title: 命案侦破, max: 10, method: check}
  - id: B
    title: 治安防范
    item_grades:
      - {min_ratio: 1, grade: 达标}
      - {min_ratio: 0, grade: 未达标}
    items:
      - {id: B1, title: 巡防覆盖, max: 10, method: check}
`

func TestItemGrades(t *testing.T) {
	c, err := Parse("key-work.yaml", []byte(itemGradesYAML))
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.ItemGradeBand{{MinRatio: 0.95, Grade: "优秀"}, {MinRatio: 0.85, Grade: "良好"}, {MinRatio: 0, Grade: "较差"}}
	if !reflect.DeepEqual(c.ItemGrades, want) {
		t.Errorf("catalog item grades %v, want %v", c.ItemGrades, want)
	}
	if got := c.ItemGradeBands("B1"); len(got) != 2 || got[0].Grade != "达标" {
		t.Errorf("B1 bands %v: the category's own", got)
	}
	if got := c.ItemGradeBands("A1"); !reflect.DeepEqual(got, want) {
		t.Errorf("A1 bands %v: the catalog's", got)
	}
	t.Run("round trip", func(t *testing.T) {
		out, err := Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("again.yaml", out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !reflect.DeepEqual(back.ItemGrades, c.ItemGrades) || !reflect.DeepEqual(back.Categories[1].ItemGrades, c.Categories[1].ItemGrades) {
			t.Errorf("item grades lost in the round trip:\n%s", out)
		}
	})
}
