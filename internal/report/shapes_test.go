package report

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report/internal/fixture"
)

// TestAnswerWordsShapes: the answer in words of the issue 15 shapes that
// change how an answer reads (a difference in the value's unit, a N/A
// counted as full marks).
func TestAnswerWordsShapes(t *testing.T) {
	zh := ChineseLabels()
	diff := &domain.Item{ID: "C2", Title: "入室盗窃", Max: 8, Unit: "起", Method: domain.MethodNumeric, Difference: true,
		Slope: &domain.Slope{Points: 6, Per: 0.2, LowerIsBetter: true}}
	full := &domain.Item{ID: "C4", Title: "水上治安", Max: 5, Method: domain.MethodCheck, NA: domain.NAFull}
	plain := &domain.Item{ID: "C5", Title: "铁路护路", Max: 5, Method: domain.MethodCheck}
	for _, tc := range []struct {
		name   string
		it     *domain.Item
		a      domain.Answer
		status string
		want   string
	}{
		{"difference down", diff, domain.Answer{Value: domain.Float(3), Baseline: domain.Float(5)}, domain.StatusAnswered, "本期 3起，基期 5起，变化 -2起"},
		{"difference up", diff, domain.Answer{Value: domain.Float(7), Baseline: domain.Float(5)}, domain.StatusAnswered, "本期 7起，基期 5起，变化 +2起"},
		{"N/A as full marks", full, domain.Answer{NA: true, Reason: "无"}, domain.StatusNA, "不适用（按满分计）"},
		{"N/A out of the max", plain, domain.Answer{NA: true, Reason: "无"}, domain.StatusNA, "不适用"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := answerLines(tc.it, tc.a, tc.status, zh, "")
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

// TestShapesInTheReport: a category's adjustment (deduction budget +,
// overflow penalty −), a veto's fixed deduction and a N/A counted as full
// marks are in the document, in figures and in words.
func TestShapesInTheReport(t *testing.T) {
	ws := fixture.Shapes()
	res := ws.Result()
	if res.Raw != 30 || res.Final != 20 || res.VetoDeduct != 10 {
		t.Fatalf("fixture scores raw %v final %v veto %v, want 30, 20, 10", res.Raw, res.Final, res.VetoDeduct)
	}
	d := Build(ws, Options{})
	cats := map[string]CategoryRow{}
	for _, c := range d.Categories {
		cats[c.ID] = c
	}
	for _, c := range []struct {
		id         string
		score, adj float64
		cell       string
	}{
		{"A", 15, 3, "（类目调整 +3 分）"},
		{"B", 10, -10, "（类目调整 −10 分）"},
		{"C", 5, 0, ""},
	} {
		t.Run("category "+c.id, func(t *testing.T) {
			row := cats[c.id]
			if row.Score != c.score || row.Adjustment != c.adj {
				t.Errorf("score %v adjustment %v, want %v %v", row.Score, row.Adjustment, c.score, c.adj)
			}
			if got := AdjustText(d.Labels, row); got != c.cell {
				t.Errorf("cell text %q, want %q", got, c.cell)
			}
		})
	}
	if d.Self.Adjustment != -7 || d.Self.VetoDeduct != 10 || d.Self.VetoZero {
		t.Errorf("figures: adjustment %v, veto deduction %v, zero %v", d.Self.Adjustment, d.Self.VetoDeduct, d.Self.VetoZero)
	}
	notices := strings.Join(d.Self.Notices, "\n")
	for _, want := range []string{
		"一票否决：V1 发生重大安全责任事故。扣 10 分。",
		"类目调整：A 治安防控 限扣 5 分，超出部分返还 3 分。",
		"类目调整：B 安全监管 追加扣除 10 分",
	} {
		if !strings.Contains(notices, want) {
			t.Errorf("notices lack %q:\n%s", want, notices)
		}
	}
	c1 := row(t, d, "C1")
	if c1.Answer != "不适用（按满分计）" || !c1.NACounted || c1.Score != 5 {
		t.Errorf("C1: %q counted %v score %v", c1.Answer, c1.NACounted, c1.Score)
	}
	vetoes := map[string]string{}
	for _, v := range d.Vetoes {
		vetoes[v.ID] = v.Title + " " + v.State
	}
	if vetoes["V1"] != "发生重大安全责任事故（扣 10 分） 已触发" || vetoes["V2"] != "瞒报漏报（一票否优：不得评为“优秀”） 未触发" {
		t.Errorf("vetoes %q", vetoes)
	}
}
