package cli

import (
	"strings"
	"testing"
)

func TestCatalogDiff(t *testing.T) {
	v1 := writeFile(t, "v1.yaml", `format: pingce/catalog@1
id: small
version: "1"
title: 小目录
total: 30
grades: [{min: 0, grade: 合格}]
categories:
  - id: A
    title: A
    items:
      - {id: A1, title: 领导小组, max: 10, method: check}
      - {id: A2, title: 制度, max: 10, method: levels, levels: [{label: 好, points: 10}, {label: 差, points: 0}]}
      - {id: A3, title: 取消项, max: 10, method: check, applies_to: [分县局]}
`)
	v2 := writeFile(t, "v2.yaml", `format: pingce/catalog@1
id: small
version: "2"
title: 小目录
total: 35
grades: [{min: 0, grade: 合格}]
categories:
  - id: A
    title: A
    items:
      - {id: A1, title: 成立领导小组, max: 15, method: check}
      - {id: A2, title: 制度, max: 10, method: deduct, per: 2}
      - {id: A4, title: 新增项, max: 10, method: check}
`)
	code, out, errOut := run(t, "catalog", "diff", v1, v2)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"small@1 → small@2",
		"items 3 → 3, total 30 → 35",
		"added 1, removed 1, changed 2, unchanged 0",
		"+ A4 新增项 [10] check",
		"- A3 取消项 [10] check",
		"~ A1 成立领导小组: renamed from “领导小组”; max 10 → 15",
		"~ A2 制度: method levels → deduct; levels; params",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = run(t, "catalog", "diff", "demo-city-ref", "demo-city-ref")
	if !strings.Contains(out, "changed 0") || !strings.Contains(out, "added 0, removed 0") {
		t.Errorf("a catalog against itself:\n%s", out)
	}
	if code, _, _ := run(t, "catalog", "diff", v1); code != 2 {
		t.Errorf("one catalog: exit %d, want 2", code)
	}
}
