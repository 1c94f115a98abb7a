package pdf

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// gradedWorkspace is a 重点业务工作 assessment of three items graded
// 优秀/良好/较差: A1 10/10 (优秀), A2 9/10 (良好), A3 0/10 (较差).
func gradedWorkspace() *domain.Workspace {
	yes, no := true, false
	cat := &domain.Catalog{ID: "key-work", Version: "2026", Title: "重点业务工作考核", Total: 30,
		Grades:     []domain.GradeBand{{Min: 27, Grade: "优秀"}, {Min: 0, Grade: "合格"}},
		ItemGrades: []domain.ItemGradeBand{{MinRatio: 0.95, Grade: "优秀"}, {MinRatio: 0.85, Grade: "良好"}, {MinRatio: 0, Grade: "较差"}},
		Categories: []*domain.Category{{ID: "A", Title: "打击犯罪", Items: []*domain.Item{
			{ID: "A1", Title: "命案侦破", Max: 10, Method: domain.MethodCheck},
			{ID: "A2", Title: "电诈防范", Max: 10, Method: domain.MethodLevels, Levels: []domain.Level{{Label: "全部", Points: 10}, {Label: "大部", Points: 9}, {Label: "无", Points: 0}}},
			{ID: "A3", Title: "禁毒工作", Max: 10, Method: domain.MethodCheck},
		}}}}
	return &domain.Workspace{Catalog: cat,
		Assessment: domain.Assessment{Unit: domain.Unit{Name: "某某区公安分局", Type: "分县局"}, Round: "2026"},
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"A1": {Met: &yes}, "A2": {Level: "大部"}, "A3": {Met: &no},
		}}}
}

func TestItemGradesInTheReport(t *testing.T) {
	withFontDirs(t)
	doc := report.Build(gradedWorkspace(), report.Options{})
	if got := report.ItemGradesText(doc.Labels, doc.Self.ItemGrades); got != "优秀 1 项、良好 1 项、较差 1 项" {
		t.Errorf("summary line %q", got)
	}
	if len(doc.BelowTop) != 2 || doc.BelowTop[0].ID != "A3" || doc.BelowTop[1].ID != "A2" {
		t.Fatalf("below the top grade: %+v", doc.BelowTop)
	}
	text := squeeze(strings.Join(pdfText(t, doc), ""))
	for _, want := range []string{
		"逐项等级优秀1项、良好1项、较差1项",
		"未达最高等级的指标（按失分从多到少）", "1A3禁毒工作10", "2A2电诈防范1",
		"10/10优秀", "9/10良好", "0/10较差",
	} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}
