package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

const shapesCatalog = `format: pingce/catalog@1
id: shapes
version: "1"
title: 规则形态测试指标
total: 49
unit_types: [分县局]
grades:
  - {min: 40, grade: 优秀}
  - {min: 0, grade: 合格}
vetoes:
  - {id: V1, title: 发生重大安全责任事故, effect: deduct, points: 10}
  - {id: V2, title: 瞒报漏报, effect: no_top}
categories:
  - id: A
    title: 治安防控
    deduct_cap: 5
    items:
      - {id: A1, title: 巡逻防控, max: 10, method: deduct, per: 2}
      - {id: A2, title: 检查站点, max: 10, method: deduct, per: 2}
  - id: B
    title: 安全监管
    items:
      - {id: B1, title: 隐患排查, max: 4, method: deduct, per: 1, overflow: {at: 4, extra: 10}}
      - {id: B2, title: 制度建设, max: 20, method: check}
  - id: C
    title: 专项工作
    items:
      - {id: C1, title: 水上治安, max: 5, method: check, na: full}
`

const shapesAnswers = `format: pingce/answers@1
catalog: shapes@1
unit: {name: 某某分局, type: 分县局}
round: 2026-Q3
answers:
  A1: {count: 2}
  A2: {count: 2}
  B1: {count: 4}
  B2: {met: true}
  C1: {na: true, reason: 辖区无水域}
vetoes: [V1, V2]
`

// TestScoreTableShapes: the score table says what the categories' own
// rules did (A: 3 of 8 lost points given back by its deduct cap of 5; B:
// the overflow penalty of 10) and what each veto does (10 off the final,
// the top grade out of reach): raw 37 − 7 = 30, final 30 − 10 = 20.
func TestScoreTableShapes(t *testing.T) {
	cat := writeFile(t, "shapes.yaml", shapesCatalog)
	ans := writeFile(t, "answers.yaml", shapesAnswers)
	code, out, errOut := run(t, "score", "--catalog", cat, "--answers", ans)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, c := range []struct{ name, want string }{
		{"budget given back", "治安防控  [+3 beyond the deduct cap of 5 given back]"},
		{"overflow penalty", "安全监管  [-10 overflow penalty]"},
		{"raw", "raw           30 of 49 applicable"},
		{"adjustments in raw", "adjustments -7 (the categories' own rules, included in raw)"},
		{"veto deduction", "veto deduct   -10"},
		{"final", "final         20 "},
		{"deduct veto", "veto          V1 发生重大安全责任事故: 10 points off the final score"},
		{"no-top veto", "veto          V2 瞒报漏报: the grade cannot be 优秀"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(out, c.want) {
				t.Errorf("table lacks %q:\n%s", c.want, out)
			}
		})
	}
	if strings.Contains(out, "专项工作  [") {
		t.Errorf("a category without adjustment has a note:\n%s", out)
	}
}

// TestAssessmentShowShapes: assessment show says what each veto does and
// what the categories' own rules did.
func TestAssessmentShowShapes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	cat := writeFile(t, "shapes.yaml", shapesCatalog)
	mustRun(t, db, "unit", "add", "--name", "某某分局", "--type", "分县局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", cat)
	mustRun(t, db, "answers", "import", "--assessment", "1", writeFile(t, "a.yaml", shapesAnswers))
	out := mustRun(t, db, "assessment", "show", "1")
	for _, want := range []string{"score:     20 of 49", "veto:      V1 发生重大安全责任事故: 10 points off the final score",
		"15/20  [+3 beyond the deduct cap of 5 given back]", "10/24  [-10 overflow penalty]"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
}
