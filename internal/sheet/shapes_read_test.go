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
