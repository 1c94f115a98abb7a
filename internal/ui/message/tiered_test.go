package message

import (
	"os"
	"strings"
	"testing"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// TestTieredInChinese writes in Chinese the problems of answers to and
// reviews of tiered, multiplied and discretion items (issue 15 shapes 5,
// 9, 8), which the shared bad files cannot show: their catalog is
// domain/testdata/tiered.yaml.
func TestTieredInChinese(t *testing.T) {
	useLanguage(t, "zh_CN")
	data, err := os.ReadFile("../../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	bad := `format: pingce/answers@1
answers:
  T1: {counts: {main: 1, boss: 2}}
  M1: {count: 1, counts: {security: 2}}
  M2: {counts: {ministry: 1}}
  T3: {counts: {"": 1}}
`
	_, err = answers.Parse("分类计数.yaml", []byte(bad), cat)
	ps := domain.ErrorProblems(err)
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 1, Status: domain.Submitted}, Catalog: cat,
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{"J1": {Count: domain.Int(1)}}}}
	_, rps := ws.ReviewProblems("J1", domain.Review{Verdict: domain.VerdictAccept})
	ps = append(ps, rps...)
	_, rps = ws.ReviewProblems("J1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(9), Reason: "x"})
	ps = append(ps, rps...)
	ps = append(ps, ws.ApproveProblems()...)
	want := map[string]string{
		domain.ProbUnknownKind:           "boss",
		domain.ProbMarkedTooMany:         "标记的次数（2）多于发生的总次数（1）",
		domain.ProbCountsNoCount:         "总次数",
		answers.ProbCountKey:             "非空文字",
		domain.ProbReviewDiscretion:      "在 4 至 8 分之间核定",
		domain.ProbReviewDiscretionRange: "在 4 至 8 分之间，现为 9",
		domain.ProbReviewDiscretionOpen:  "尚未核定得分（4 至 8 分）",
	}
	for _, p := range ps {
		got := ProblemText(p)
		if w, ok := want[p.Code]; ok {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", p.Code, got, w)
			}
			delete(want, p.Code)
		}
	}
	for code := range want {
		t.Errorf("no problem %s among %v", code, ps)
	}
}
