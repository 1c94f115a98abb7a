package walk

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestVetoesSayWhatTheyDo: with vetoes of different force the score panel
// says what each does, beside its box and once reported, and what the
// categories' own rules did; a catalog of plain vetoes reads as before.
func TestVetoesSayWhatTheyDo(t *testing.T) {
	s, _ := fixture(t)
	c := limitsCatalog()
	c.Grades = []domain.GradeBand{{Min: 25, Grade: "优秀"}, {Min: 0, Grade: "合格"}}
	c.Vetoes = []domain.Veto{
		{ID: "V1", Title: "重大事故", Effect: domain.VetoDeduct, Points: 10},
		{ID: "V2", Title: "瞒报", Effect: domain.VetoNoTop},
		{ID: "V3", Title: "命案", Effect: domain.VetoZero},
	}
	ws := &domain.Workspace{
		Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{Name: "某县局", Type: "分县局"}, Round: "2026-Q3", Status: domain.Draft},
		Catalog:    c,
		Answers: &domain.AnswerSet{Vetoes: []string{"V1"}, Answers: map[string]domain.Answer{
			"A1": {Count: domain.Int(5)}, "B1": {Count: domain.Int(4)}, "B2": {Met: domain.Bool(true)},
		}},
	}
	h := newHarnessWS(t, s, s, ws)
	p := h.v.score
	h.v.ShowScore()
	h.shot("vetoes")
	labels := []string{}
	for _, b := range p.vetoes {
		labels = append(labels, b.Text)
	}
	mustEqual(t, "labels", strings.Join(labels, " | "), "V1 重大事故（扣 10 分） | V2 瞒报（不得评为优秀（一票否优）） | V3 命案（总分计 0 分）")
	for _, want := range []string{
		"已报告一票否决事项 V1 重大事故：扣 10 分。",
		"B 安全监管：追加扣除 10 分，记入该类目。",
		"扣除一票否决扣分 10 分后，最终得分 0 分。",
	} {
		mustContain(t, "panel", p.caps.Text, want)
	}
	if strings.Contains(p.caps.Text, "等级定为") {
		t.Errorf("the panel says a deduct veto sets the grade: %q", p.caps.Text)
	}
	t.Run("plain vetoes read as before", func(t *testing.T) {
		c := limitsCatalog()
		c.Vetoes = []domain.Veto{{ID: "V1", Title: "重大事故"}}
		lines := shapeLines(c, domain.Score(c, &domain.AnswerSet{Vetoes: []string{"V1"}}, domain.Options{}))
		if len(lines) != 1 || !strings.Contains(lines[0], "已报告一票否决") || vetoLabel(c, c.Vetoes[0]) != "V1 重大事故" {
			t.Errorf("lines %q, label %q", lines, vetoLabel(c, c.Vetoes[0]))
		}
	})
}
