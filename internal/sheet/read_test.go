package sheet

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
)

// book builds a workbook of one sheet from rows (row 1 first) and merged
// ranges such as "B3:B5".
func book(t testing.TB, sheet string, rows [][]any, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(sheet, a, b); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// officialRows is a table shaped like a bureau's 考评细则: a title row,
// three heading levels merged over their children, repeated 序号, points
// in a column or only in the text, a column Pingce does not know, a
// 加分项 block, 一票否决 clauses and a note.
func officialRows() ([][]any, []string) {
	rows := [][]any{
		{"某市社会治安防控体系建设示范城市创建考评细则"},
		{"序号", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "考核方式", "牵头单位", "联系人"},
		{1, "组织领导", "领导体制", "创建工作写进政府工作报告", 10, "三项都有得10分；有两项得6分；有一项得3分；都没有得0分", "查台账、听汇报", "市委政法委", "张三"},
		{2, "", "", "党委定期专题研究创建工作", 10, "每少1次扣2.5分，扣完为止", "查会议纪要", "市局办公室"},
		{3, "", "经费保障", "创建经费列入预算", "", "有专项经费得5分，无专项经费不得分", "查预算批复"},
		{1, "治安成效", "打击破案", "八类案件破案率", 5, "超过98%(含)得5分；超过95%(含)得3分", "查系统"},
		{2, "", "", "群众安全感", 10, "达到95%得满分，每低1个百分点扣0.2分", "第三方测评"},
		{3, "", "", "矛盾纠纷化解", 8, "根据工作开展情况酌情给分", "查台账"},
		{"", "加分项（最高10分）", "创新工作", "经验做法被上级推广", "", "每项加2分，最高加10分"},
		{"", "", "", "获得上级表彰", "", "每次加5分，最多加10分"},
		{"一票否决：有下列情形之一的，实行一票否决：1.发生重大群体性事件；2.自评材料弄虚作假"},
		{"注：本细则由市公安局负责解释。"},
	}
	merges := []string{"A1:I1", "B3:B5", "C3:C4", "B6:B8", "C6:C8", "B9:B10", "C9:C10", "A11:I11", "A12:I12"}
	return rows, merges
}

func TestReadOfficialTable(t *testing.T) {
	rows, merges := officialRows()
	data := book(t, "考评细则", rows, merges...)
	res, err := Read(context.Background(), "细则.xlsx", data, Options{ID: "city-rules", Version: "2026"})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	c := res.Catalog
	if c.Title != "某市社会治安防控体系建设示范城市创建考评细则" || c.Ref() != "city-rules@2026" {
		t.Errorf("catalog %q %q", c.Title, c.Ref())
	}
	var tree []string
	var walk func(cs []*domain.Category, depth int)
	walk = func(cs []*domain.Category, depth int) {
		for _, cat := range cs {
			tree = append(tree, strings.Repeat(" ", depth)+cat.ID+" "+cat.Title)
			for _, it := range cat.Items {
				tree = append(tree, strings.Repeat(" ", depth+1)+it.ID+" "+it.Title+" "+domain.CheckNumber(it.Max)+" "+string(it.Method))
			}
			walk(cat.Categories, depth+1)
		}
	}
	walk(c.Categories, 0)
	want := []string{
		"A 组织领导",
		" A1 领导体制",
		"  A1.1 创建工作写进政府工作报告 10 levels",
		"  A1.2 党委定期专题研究创建工作 10 deduct",
		" A2 经费保障",
		"  A2.1 创建经费列入预算 5 check",
		"B 治安成效",
		" B1 打击破案",
		"  B1.1 八类案件破案率 5 numeric",
		"  B1.2 群众安全感 10 numeric",
		"  B1.3 矛盾纠纷化解 8 check",
		"C 加分项",
		" C1 创新工作",
		"  C1.1 经验做法被上级推广 10 count",
		"  C1.2 获得上级表彰 10 count",
	}
	if !slices.Equal(tree, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(tree, "\n"), strings.Join(want, "\n"))
	}
	if c.Total != 48 {
		t.Errorf("total %v, want 48", c.Total)
	}
	if c.BonusCap == nil || *c.BonusCap != 10 || !c.Item("C1.2").Bonus {
		t.Errorf("bonus cap %v, bonus %v", c.BonusCap, c.Item("C1.2").Bonus)
	}
	if len(c.Vetoes) != 2 || c.Vetoes[0].Title != "发生重大群体性事件" || c.Vetoes[1].Title != "自评材料弄虚作假" || c.VetoGrade == "" {
		t.Errorf("vetoes %+v, veto grade %q", c.Vetoes, c.VetoGrade)
	}
	it := c.Item("A1.1")
	if it.Scoring != "三项都有得10分；有两项得6分；有一项得3分；都没有得0分" || !slices.Equal(it.Evidence, []string{"查台账", "听汇报"}) {
		t.Errorf("A1.1 scoring %q evidence %q", it.Scoring, it.Evidence)
	}
	if s := c.Item("B1.2").Shortfall; s == nil || s.Target != 95 || s.Per != 0.2 {
		t.Errorf("B1.2 shortfall %+v", s)
	}
	if res.Rows[0].Lead != "市委政法委" {
		t.Errorf("lead %q", res.Rows[0].Lead)
	}
	un := res.Unrecognized()
	if len(un) != 1 || un[0].ItemID != "B1.3" || un[0].Where != "细则.xlsx!考评细则!D8" {
		t.Errorf("unrecognized %+v", un)
	}
	codes := map[string]string{}
	for _, w := range res.Warnings {
		codes[w.Code] = w.File
	}
	if codes[ProbUnknownColumn] != "细则.xlsx!考评细则!I2" {
		t.Errorf("unknown column warning at %q (warnings %v)", codes[ProbUnknownColumn], res.Warnings)
	}
	if codes[ProbRuleVague] != "细则.xlsx!考评细则!F8" || codes[ProbDefaultGrades] == "" {
		t.Errorf("warnings %v", res.Warnings)
	}
	if ps := c.CheckProblems(); len(ps) != 0 {
		t.Errorf("catalog does not pass Check: %v", ps)
	}
}

func TestReadProblems(t *testing.T) {
	rows := [][]any{
		{"项目", "考评内容", "分值", "考评办法", "考评要点"},
		{"基础工作", "台账规范", "十分", "查阅台账", "x"},
		{"", "制度健全", "", "查阅制度文件"},
		{"", "信息报送", 5, "按时报送得8分，未按时报送不得分"},
		{"", "队伍建设", 5, "每少1人扣1分"},
	}
	data := book(t, "Sheet1", rows, "A2:A5")
	res, err := Read(context.Background(), "t.xlsx", data, Options{Map: map[string]string{"不存在": "scoring", "考评要点": "nonsense"}})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err %v, want EINVALID", err)
	}
	if res == nil || res.Catalog != nil {
		t.Fatalf("a refused table must give no catalog: %+v", res)
	}
	var got []string
	for _, p := range domain.ErrorProblems(err) {
		got = append(got, p.File+" "+p.Code)
	}
	slices.Sort(got)
	want := []string{
		"t.xlsx!Sheet1 " + ProbMapField,
		"t.xlsx!Sheet1!A1 " + ProbMapColumn,
		"t.xlsx!Sheet1!C2 " + ProbNotNumber,
		"t.xlsx!Sheet1!C3 " + ProbNoPoints,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 8 points in the text against 5 in the column: a conflict, marked.
	i := slices.IndexFunc(res.Rows, func(r Row) bool { return r.ItemID == "A3" })
	if i < 0 || res.Rows[i].Proposal.Known || res.Rows[i].Proposal.Reason != ReasonConflict {
		t.Errorf("A3 rows %+v, want a conflict", res.Rows)
	}
}

func TestReadMapAndHeadingPoints(t *testing.T) {
	rows := [][]any{
		{"类目", "分值", "项目", "考评内容", "分值", "评分要点说明"},
		{"基础管理", 20, "台账", "台账规范", 10, "每发现一处不规范扣1分，扣完为止"},
		{"", "", "", "台账及时", 5, "每发现一处扣0.5分"},
		{"", "", "制度", "制度健全", 6, "有制度得6分，无制度不得分"},
	}
	data := book(t, "表", rows, "A2:A4", "B2:B4", "C2:C3")
	res, err := Read(context.Background(), "m.xlsx", data, Options{Map: map[string]string{"评分要点说明": "scoring"}})
	if err != nil {
		t.Fatalf("Read: %v %v", err, domain.ErrorProblems(err))
	}
	c := res.Catalog
	if it := c.Item("A1.2"); it == nil || it.Method != domain.MethodDeduct || it.Per != 0.5 {
		t.Fatalf("A1.2 %+v", it)
	}
	if it := c.Item("A2.1"); it == nil || it.Method != domain.MethodCheck || it.Max != 6 {
		t.Fatalf("A2.1 %+v", it)
	}
	var group string
	for _, w := range res.Warnings {
		if w.Code == ProbGroupPoints {
			group = w.File + " " + w.Args["points"] + " " + w.Args["sum"]
		}
	}
	if group != "m.xlsx!表!B2 20 21" {
		t.Errorf("heading points warning %q (warnings %v)", group, res.Warnings)
	}
	for _, col := range res.Columns {
		if col.Header == "评分要点说明" && (!col.Mapped || col.Field != FieldScoring) {
			t.Errorf("mapped column %+v", col)
		}
	}
}

func TestReadNoHeader(t *testing.T) {
	data := book(t, "S", [][]any{{"a", "b"}, {"1", "2"}})
	_, err := Read(context.Background(), "x.xlsx", data, Options{})
	ps := domain.ErrorProblems(err)
	if len(ps) != 1 || ps[0].Code != ProbNoHeader || ps[0].File != "x.xlsx!S" {
		t.Fatalf("problems %v", ps)
	}
	_, err = Read(context.Background(), "x.xlsx", []byte("not a zip"), Options{})
	if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != ProbNotWorkbook {
		t.Fatalf("not a workbook: %v", err)
	}
}
