package report

import (
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

// catalog returns a small catalog with one item of each method, a
// composite, a bonus item and an item for 派出所 only.
func catalog() *domain.Catalog {
	return &domain.Catalog{
		ID: "t", Version: "1", Title: "测试指标", Source: "测试来源", Total: 100,
		Grades:    []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 60, Grade: "合格"}, {Min: 0, Grade: "不合格"}},
		Caps:      []domain.Cap{{ItemLost: "A.3", MaxGrade: "合格"}},
		Vetoes:    []domain.Veto{{ID: "V1", Title: "弄虚作假"}},
		VetoGrade: "不予通过",
		BonusCap:  domain.Float(5),
		Categories: []*domain.Category{
			{ID: "A", Title: "甲类", Items: []*domain.Item{
				{ID: "A.1", Title: "制度健全", Max: 10, Method: domain.MethodCheck},
				{ID: "A.2", Title: "台账", Max: 10, Method: domain.MethodLevels,
					Levels: []domain.Level{{Label: "齐全", Points: 10}, {Label: "有两项", Points: 6}, {Label: "缺失", Points: 0}}},
				{ID: "A.3", Title: "命案", Max: 20, Method: domain.MethodDeduct, Per: 5},
			}},
			{ID: "B", Title: "乙类", Items: []*domain.Item{
				{ID: "B.1", Title: "安全感", Max: 20, Method: domain.MethodNumeric, Unit: "%",
					Linear: &domain.Linear{Zero: 60, Full: 100}},
				{ID: "B.2", Title: "警情同比", Max: 20, Method: domain.MethodNumeric, Change: true, Unit: "起",
					Shortfall: &domain.Shortfall{Target: -10, Step: 1, Per: 2, LowerIsBetter: true}},
				{ID: "B.3", Title: "纠纷", Max: 15, Parts: []*domain.Item{
					{ID: "a", Title: "排查", Max: 10, Method: domain.MethodCheck},
					{ID: "b", Title: "化解", Max: 5, Method: domain.MethodCount, Per: 1},
				}},
				{ID: "B.4", Title: "辅警配置", Max: 5, Method: domain.MethodCheck, AppliesTo: []string{"派出所"}},
			}},
			{ID: "X", Title: "加分项", Bonus: true, Items: []*domain.Item{
				{ID: "X.1", Title: "推广", Max: 10, Method: domain.MethodCount, Per: 5},
			}},
		},
	}
}

func workspace() *domain.Workspace {
	set := &domain.AnswerSet{Catalog: "t@1", Unit: domain.UnitRef{Name: "某某分局", Type: "分县局"}, Round: "2026-Q3",
		Answers: map[string]domain.Answer{
			"A.1": {Met: domain.Bool(true), Note: "已印发"},
			"A.2": {Level: "有两项", Evidence: []string{"台账.pdf"}},
			"A.3": {Count: domain.Int(3)},
			"B.1": {Value: domain.Float(96.5)},
			"B.2": {Value: domain.Float(95), Baseline: domain.Float(100)},
			"B.3": {Parts: map[string]domain.Answer{"a": {Met: domain.Bool(false)}, "b": {Count: domain.Int(4)}}},
			"X.1": {Count: domain.Int(2)},
		}}
	return &domain.Workspace{
		Assessment: domain.Assessment{Unit: domain.Unit{Name: set.Unit.Name, Type: set.Unit.Type}, Round: set.Round},
		Catalog:    catalog(),
		Answers:    set,
		Evidence: map[string][]domain.Evidence{"A.2": {{Name: "台账.pdf",
			SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}},
	}
}

func row(t *testing.T, d *Document, id string) ItemRow {
	t.Helper()
	for _, r := range d.Details {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no detail row %s", id)
	return ItemRow{}
}

func TestAnswersInWords(t *testing.T) {
	zh, en := ChineseLabels(), EnglishLabels()
	for _, tc := range []struct {
		name   string
		labels Labels
		id     string
		change func(*domain.AnswerSet)
		want   string
	}{
		{"check met", zh, "A.1", nil, "是"},
		{"check not met", zh, "A.1", func(s *domain.AnswerSet) { s.Answers["A.1"] = domain.Answer{Met: domain.Bool(false)} }, "否"},
		{"level label", zh, "A.2", nil, "有两项"},
		{"deduct count", zh, "A.3", nil, "3 次"},
		{"value with unit", zh, "B.1", nil, "96.5%"},
		{"change with baseline and percent", zh, "B.2", nil, "本期 95起，基期 100起，变化 -5%"},
		{"parts on their own lines", zh, "B.3", nil, "a 排查：否 (0/10)\nb 化解：4 次 (4/5)"},
		{"part unanswered", zh, "B.3", func(s *domain.AnswerSet) {
			s.Answers["B.3"] = domain.Answer{Parts: map[string]domain.Answer{"b": {Count: domain.Int(1)}}}
		}, "a 排查：未作答 (0/10)\nb 化解：1 次 (1/5)"},
		{"unanswered", zh, "A.1", func(s *domain.AnswerSet) { delete(s.Answers, "A.1") }, "未作答"},
		{"note alone is unanswered", zh, "A.1", func(s *domain.AnswerSet) { s.Answers["A.1"] = domain.Answer{Note: "待补"} }, "未作答"},
		{"not applicable", zh, "A.1", func(s *domain.AnswerSet) { s.Answers["A.1"] = domain.Answer{NA: true, Reason: "无此场所"} }, "不适用"},
		{"change up has a plus sign", zh, "B.2", func(s *domain.AnswerSet) {
			s.Answers["B.2"] = domain.Answer{Value: domain.Float(41), Baseline: domain.Float(40)}
		}, "本期 41起，基期 40起，变化 +2.5%"},
		{"no change", zh, "B.2", func(s *domain.AnswerSet) {
			s.Answers["B.2"] = domain.Answer{Value: domain.Float(40), Baseline: domain.Float(40)}
		}, "本期 40起，基期 40起，变化 0%"},
		{"english yes", en, "A.1", nil, "Yes"},
		{"english count", en, "A.3", nil, "3 times"},
		{"english change", en, "B.2", nil, "now 95起, baseline 100起, change -5%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := workspace()
			if tc.change != nil {
				tc.change(ws.Answers)
			}
			lb := tc.labels
			d := Build(ws, Options{Labels: &lb})
			if got := row(t, d, tc.id).Answer; got != tc.want {
				t.Errorf("answer = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBuildFigures(t *testing.T) {
	ws := workspace()
	d := Build(ws, Options{Date: time.Date(2026, 10, 8, 15, 0, 0, 0, time.UTC), Preparer: "张三"})
	r := ws.Result()

	if d.Title != "《测试指标》自评报告" || d.Unit != "某某分局" || d.Round != "2026-Q3" || d.CatalogRef != "t@1" || d.Source != "测试来源" {
		t.Errorf("cover facts: %q %q %q %q %q", d.Title, d.Unit, d.Round, d.CatalogRef, d.Source)
	}
	if d.Date != "2026-10-08" {
		t.Errorf("date = %q", d.Date)
	}
	if d.Self.Final != r.Final || d.Self.Percent != r.Percent || d.Self.Grade != r.Grade || d.Self.Raw != r.Raw || d.Self.Bonus != r.Bonus {
		t.Errorf("figures %+v do not match the score %+v", d.Self, r)
	}
	// A.3 lost points: the cap on it shows as a notice.
	if !d.Self.Capped || len(d.Self.Notices) != 1 || !strings.Contains(d.Self.Notices[0], "A.3 命案") {
		t.Errorf("notices = %q", d.Self.Notices)
	}
	if d.Reviewed != nil {
		t.Error("reviewed figures without reviews")
	}
	// Details: every item that applies (bonus too), in catalog order; B.4 is excluded.
	var ids []string
	for _, it := range d.Details {
		ids = append(ids, it.ID)
	}
	if got := strings.Join(ids, ","); got != "A.1,A.2,A.3,B.1,B.2,B.3,X.1" {
		t.Errorf("detail ids = %s", got)
	}
	if len(d.Excluded) != 1 || d.Excluded[0].ID != "B.4" || d.Excluded[0].AppliesTo != "派出所" {
		t.Errorf("excluded = %+v", d.Excluded)
	}
	// Shortfalls: base items that lost points, most first (ties in catalog order).
	var lost []string
	for _, it := range d.Shortfalls {
		lost = append(lost, it.ID+"="+Num(it.Lost))
	}
	if got := strings.Join(lost, ","); got != "A.3=15,B.3=11,B.2=10,A.2=4,B.1=1.75" {
		t.Errorf("shortfalls = %s", got)
	}
	a2 := row(t, d, "A.2")
	if a2.Remarks != "佐证材料：台账.pdf (01234567)" {
		t.Errorf("A.2 remarks = %q", a2.Remarks)
	}
	if a1 := row(t, d, "A.1"); a1.Remarks != "备注：已印发" {
		t.Errorf("A.1 remarks = %q", a1.Remarks)
	}
	if d.Signatures[0].Name != "张三" || d.Signatures[3].Name != "2026-10-08" {
		t.Errorf("signatures = %+v", d.Signatures)
	}
	// Categories with rates; the bonus category counts against the bonus
	// cap (TestBonusCategoryAgainstCap).
	for _, c := range d.Categories {
		cs, _ := r.Category(c.ID)
		if c.ID == "X" {
			cs.Score, cs.Max = min(cs.Score, *ws.Catalog.BonusCap), *ws.Catalog.BonusCap
		}
		if c.Score != cs.Score || c.Max != cs.Max {
			t.Errorf("category %s = %v/%v, score says %v/%v", c.ID, c.Score, c.Max, cs.Score, cs.Max)
		}
	}
	if c := d.Categories[0]; c.ID != "A" || !c.HasRate || c.Rate != 52.5 {
		t.Errorf("category A rate = %+v", c)
	}
}

func TestBuildReviewedVetoAndNA(t *testing.T) {
	ws := workspace()
	ws.Answers.Vetoes = []string{"V1"}
	ws.Answers.Answers["B.1"] = domain.Answer{NA: true, Reason: "辖区无此类场所"}
	ws.Reviews = map[string]domain.Review{"A.1": {Score: domain.Float(4), Comment: "佐证不足"}}
	d := Build(ws, Options{})
	rr := ws.ReviewedResult()
	if d.Reviewed == nil || d.Reviewed.Final != rr.Final || d.Reviewed.Grade != "不予通过" {
		t.Fatalf("reviewed = %+v, want final %v and the veto grade", d.Reviewed, rr.Final)
	}
	if !d.Self.Vetoed || !strings.Contains(d.Self.Notices[0], "一票否决：V1 弄虚作假") {
		t.Errorf("veto notice = %q", d.Self.Notices)
	}
	a1 := row(t, d, "A.1")
	if !a1.IsReviewed || a1.ReviewedScore != 4 || a1.Score != 10 || a1.Lost != 6 || !strings.Contains(a1.Remarks, "审核意见：佐证不足") {
		t.Errorf("A.1 = %+v", a1)
	}
	b1 := row(t, d, "B.1")
	if b1.Status != domain.StatusNA || b1.NAReason != "辖区无此类场所" || b1.Answer != "不适用" || b1.Lost != 0 {
		t.Errorf("B.1 = %+v", b1)
	}
	for _, s := range d.Shortfalls {
		if s.ID == "B.1" {
			t.Error("an N/A item is listed as a shortfall")
		}
	}
	if d.Date != "" {
		t.Errorf("date = %q, want blank for the zero time", d.Date)
	}
}

func TestBuildWithoutAnswers(t *testing.T) {
	ws := &domain.Workspace{Catalog: catalog()}
	d := Build(ws, Options{})
	if len(d.Details) != 8 || d.Self.Final != 0 {
		t.Fatalf("details %d, final %v", len(d.Details), d.Self.Final)
	}
	for _, it := range d.Details {
		want := "未作答"
		if it.ID == "B.3" {
			want = "a 排查：未作答 (0/10)\nb 化解：未作答 (0/5)"
		}
		if it.Answer != want {
			t.Errorf("%s answer = %q, want %q", it.ID, it.Answer, want)
		}
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {10, "10"}, {6.5, "6.5"}, {846.35, "846.35"}, {1.005, "1.01"}, {-5, "-5"}, {-0.001, "0"}, {2.675, "2.68"}, {1e6, "1000000"}} {
		t.Run(tc.want, func(t *testing.T) {
			if got := Num(tc.in); got != tc.want {
				t.Errorf("Num(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if got := Pct(85.64); got != "85.64%" {
		t.Errorf("Pct = %q", got)
	}
}

func TestMarkBonus(t *testing.T) {
	zh := ChineseLabels()
	for _, tc := range []struct{ in, want string }{{"加分项", "加分项"}, {"创新工作", "创新工作（加分项）"}} {
		t.Run(tc.in, func(t *testing.T) {
			if got := zh.MarkBonus(tc.in); got != tc.want {
				t.Errorf("MarkBonus(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestStatusInWords(t *testing.T) {
	for _, tc := range []struct {
		status domain.AssessmentStatus
		want   string
	}{{"", ""}, {domain.Draft, "草稿"}, {domain.Submitted, "已提交"}, {domain.Returned, "已退回"}, {domain.Approved, "已审核通过"}} {
		t.Run(string(tc.status), func(t *testing.T) {
			ws := workspace()
			ws.Assessment.Status = tc.status
			if got := Build(ws, Options{}).Status; got != tc.want {
				t.Errorf("status %q = %q, want %q", tc.status, got, tc.want)
			}
		})
	}
}

func TestCapNotices(t *testing.T) {
	t.Run("categories under the ratio make one notice, with titles", func(t *testing.T) {
		ws := workspace()
		ws.Catalog.Caps = append([]domain.Cap{{CategoryRatioBelow: domain.Float(0.6), MaxGrade: "合格"}}, ws.Catalog.Caps...)
		d := Build(ws, Options{})
		want := []string{
			"等级封顶：A 甲类、B 乙类 得分率低于 60%，等级最高为“合格”。",
			"等级封顶：A.3 命案 失分，等级最高为“合格”。",
		}
		if strings.Join(d.Self.Notices, "\n") != strings.Join(want, "\n") {
			t.Errorf("notices =\n%s\nwant\n%s", strings.Join(d.Self.Notices, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("more than three categories are named by id and counted", func(t *testing.T) {
		c := &domain.Catalog{ID: "m", Version: "1", Title: "多类", Total: 50,
			Grades: []domain.GradeBand{{Min: 40, Grade: "优秀"}, {Min: 0, Grade: "合格"}},
			Caps:   []domain.Cap{{CategoryRatioBelow: domain.Float(0.6), MaxGrade: "良好"}},
			Vetoes: []domain.Veto{{ID: "V1", Title: "弄虚作假"}}, VetoGrade: "不予通过"}
		for i := 1; i <= 5; i++ {
			id := string(rune('A' + i - 1))
			c.Categories = append(c.Categories, &domain.Category{ID: id, Title: "类别" + id,
				Items: []*domain.Item{{ID: id + ".1", Title: "项" + id, Max: 10, Method: domain.MethodCheck}}})
		}
		set := &domain.AnswerSet{Vetoes: []string{"V1"}, Answers: map[string]domain.Answer{"C.1": {Met: domain.Bool(true)}}}
		d := Build(&domain.Workspace{Catalog: c, Answers: set}, Options{})
		want := []string{
			"一票否决：V1 弄虚作假。等级为“不予通过”。",
			"等级封顶：A、B、D、E 等 4 个一级指标得分率低于 60%，等级最高为“良好”。",
		}
		if strings.Join(d.Self.Notices, "\n") != strings.Join(want, "\n") {
			t.Errorf("notices =\n%s\nwant\n%s", strings.Join(d.Self.Notices, "\n"), strings.Join(want, "\n"))
		}
		en := EnglishLabels()
		d = Build(&domain.Workspace{Catalog: c, Answers: set}, Options{Labels: &en})
		if got := d.Self.Notices[1]; got != `Grade cap: A, B, D, E (4 top-level categories) scored under 60%; the grade is at most "良好".` {
			t.Errorf("english notice = %q", got)
		}
	})
}
