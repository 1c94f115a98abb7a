package sheet

import (
	"context"
	"testing"

	"pingce/internal/domain"
)

// TestOfficialTableShapes reads a table whose rule texts use the shapes of
// issue 15: a heading's deduction budget, an overflow penalty, a bonus per
// case with no cap, full marks for a unit without the duty and targets by
// unit type. Each is proposed, applied and passes Catalog.Check.
func TestOfficialTableShapes(t *testing.T) {
	rows := [][]any{
		{"某市公安局考评细则"},
		{"一级指标", "考评内容", "分值", "评分标准"},
		{"基础管理（本项限扣5分）", "台账管理", 5, "每缺1本台账扣1分，扣完为止"},
		{"", "制度落实", 5, "每发现一项制度未落实扣2分，扣完为止"},
		{"安全隐患", "隐患整改", 4, "每发现一处隐患扣1分；扣满4分的，追加扣除10分"},
		{"", "水上治安", 5, "有水上巡逻制度得5分，无不得分；不具有该职能的以满分计"},
		{"", "化解率", 10, "市局80%，分县局75%，派出所70%得满分；每低1个百分点扣1分"},
		{"", "制度建设", 1, "有制度得1分，无制度不得分"},
		{"加分项", "抓获逃犯", "", "每抓获一人加1分"},
	}
	res, err := Read(context.Background(), "细则.xlsx", book(t, "Sheet1", rows, "A3:A4", "A5:A8"), Options{})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	c := res.Catalog
	if cat := c.Category("A"); cat == nil || cat.DeductCap == nil || *cat.DeductCap != 5 || cat.Title != "基础管理" {
		t.Fatalf("category A %+v: want the budget 5 and the title without it", cat)
	}
	if cat := c.Category("B"); cat.DeductCap != nil {
		t.Errorf("category B got a budget")
	}
	byTitle := map[string]*domain.Item{}
	for _, it := range c.Items() {
		byTitle[it.Title] = it
	}
	if it := byTitle["隐患整改"]; it.Overflow == nil || *it.Overflow != (domain.Overflow{At: 4, Extra: 10}) || it.Per != 1 {
		t.Errorf("overflow item %+v", it)
	}
	if it := byTitle["水上治安"]; it.NA != domain.NAFull || it.Method != domain.MethodCheck {
		t.Errorf("n/a item %+v", it)
	}
	if it := byTitle["化解率"]; it.Shortfall == nil || it.Shortfall.Target != 80 || it.ByUnitType["派出所"] == nil || it.ByUnitType["派出所"].Shortfall.Target != 70 {
		t.Errorf("unit type item %+v", it)
	}
	if it := byTitle["抓获逃犯"]; !it.Uncapped || it.Max != 1 || it.Per != 1 || !it.Bonus {
		t.Errorf("uncapped bonus %+v", it)
	}
	if len(res.Unrecognized()) != 0 {
		t.Errorf("not understood: %+v", res.Unrecognized())
	}
}

// TestOfficialTableRoundShapes reads rule texts of the answer-side and
// round shapes: the reviewer's range, tiered counts, a value against the
// group's average, points by rank and for the last places, N/A as the
// group's average. Each is applied and the catalog passes Check.
func TestOfficialTableRoundShapes(t *testing.T) {
	rows := [][]any{
		{"一级指标", "考评内容", "分值", "评分标准"},
		{"工作落实", "问题整改", 6, "每发现一处问题酌情扣2-6分"},
		{"", "领导出席", 3, "主要领导出席每次得1分；其他领导每次得0.5分，此项最高计3分"},
		{"", "破案率", 8, "达到基数计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.04分"},
		{"", "排名", 5, "排名1-3名的依次赋予5分、4分、3分"},
		{"", "月度排名", 2, "月度排名末两位的，每次扣0.5分"},
		{"", "专项工作", 5, "有方案得5分，无方案不得分；不具有该职能的按同类单位平均分得分"},
		{"", "安全保卫", 4, "每发现一起扣1分，扣完为止；重大安保期间发生的加倍扣分"},
		{"", "满意率", 10, "低于96%的，每降低1个百分点扣0.25分；低于90%的，每降低1个百分点扣0.5分"},
		{"", "入室盗窃", 8, "入室盗窃案件环比持平计6分，每下降1起加0.2分，上升一起扣0.2分，当月零发案计8分"},
	}
	res, err := Read(context.Background(), "细则.xlsx", book(t, "Sheet1", rows, "A2:A10"), Options{})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	by := map[string]*domain.Item{}
	for _, it := range res.Catalog.Items() {
		by[it.Title] = it
	}
	if it := by["问题整改"]; it.Method != domain.MethodDeduct || it.Discretion == nil || *it.Discretion != (domain.Discretion{Min: 2, Max: 6}) {
		t.Errorf("discretion %+v", it)
	}
	if it := by["领导出席"]; len(it.Kinds) != 2 || it.Kinds[0].Label != "主要领导出席" || it.Kinds[1].Per != 0.5 {
		t.Errorf("kinds %+v", it)
	}
	if it := by["破案率"]; it.Relative == nil || *it.Relative != (domain.Relative{Points: 4, Per: 0.04}) {
		t.Errorf("relative %+v", it)
	}
	if it := by["排名"]; it.Rank == nil || len(it.Rank.Points) != 3 || it.Rank.Points[2] != 3 {
		t.Errorf("rank %+v", it)
	}
	if it := by["月度排名"]; it.Rank == nil || it.Rank.Bottom != 2 || it.Rank.Per != 0.5 {
		t.Errorf("rank bottom %+v", it)
	}
	if it := by["专项工作"]; it.NA != domain.NAAverage {
		t.Errorf("n/a %+v", it)
	}
	if it := by["满意率"]; len(it.Piecewise) != 2 || *it.Piecewise[1].Below != 90 || it.Piecewise[1].Per != 0.5 {
		t.Errorf("piecewise %+v", it)
	}
	if it := by["入室盗窃"]; !it.Difference || it.Slope == nil || *it.Slope != (domain.Slope{Points: 6, Per: 0.2, LowerIsBetter: true}) || len(it.Exact) != 1 || it.Exact[0].Points != 8 {
		t.Errorf("difference %+v", it)
	}
	if it := by["安全保卫"]; len(it.Multipliers) != 1 || it.Multipliers[0] != (domain.Multiplier{Key: "double", Label: "重大安保期间发生", Times: 2}) || it.Per != 1 {
		t.Errorf("multiplier %+v", it)
	}
	if len(res.Unrecognized()) != 0 {
		t.Errorf("not understood: %+v", res.Unrecognized())
	}
}

// TestVetoEffects: veto clauses that say what they do get that effect
// (issue 15 #14); a clause that says none, or two, keeps the veto grade.
func TestVetoEffects(t *testing.T) {
	tests := []struct {
		clause, effect string
		points         float64
	}{
		{"发生重大案件的，扣30分", domain.VetoDeduct, 30},
		{"被上级通报批评的，一票否优", domain.VetoNoTop, 0},
		{"存在严重问题的，定为最低等次", domain.VetoLowest, 0},
		{"弄虚作假的，总分计0分", domain.VetoZero, 0},
		{"发生重大群体性事件", "", 0},
		{"弄虚作假的，扣30分并一票否优", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.clause, func(t *testing.T) {
			if e, p := proposeVeto(tt.clause); e != tt.effect || p != tt.points {
				t.Errorf("effect %q %v, want %q %v", e, p, tt.effect, tt.points)
			}
		})
	}
	rows, merges := officialRows()
	rows[len(rows)-2] = []any{"一票否决：有下列情形之一的，实行一票否决：1.发生重大案件的，扣30分；2.被上级通报批评的，一票否优；3.自评材料弄虚作假"}
	res, err := Read(context.Background(), "细则.xlsx", book(t, "S", rows, merges...), Options{})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	vs := res.Catalog.Vetoes
	if len(vs) != 3 || vs[0].Effect != domain.VetoDeduct || vs[0].Points != 30 || vs[1].Effect != domain.VetoNoTop || vs[2].Effect != "" {
		t.Fatalf("vetoes %+v", vs)
	}
}
