package pdf

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// TestReviewInPDF: the vetoes with their state and the 审核意见 section are
// on paper, with the reviewer's name on the signature line.
func TestReviewInPDF(t *testing.T) {
	ws := fixture.Workspace(fixture.Config{Items: 24, Reviews: true, Veto: true})
	ws.Assessment.ReturnReason = "请补充台账后重新提交"
	for id, r := range ws.Reviews {
		r.Verdict, r.Reason = domain.VerdictAdjust, "佐证不足"
		ws.Reviews[id] = r
	}
	doc := report.Build(ws, report.Options{})
	text := strings.Join(pdfText(t, doc), "\n")
	for _, want := range []string{"五、一票否决事项", "已触发", "六、审核意见", "退回意见", "请补充台账后重新提交", "扣分说明", "核定分", "审核员"} {
		if !strings.Contains(squeeze(text), squeeze(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
