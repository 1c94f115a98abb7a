package pdf

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

func TestItemGradesInTheReport(t *testing.T) {
	withFontDirs(t)
	doc := report.Build(fixture.Graded(), report.Options{})
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

// TestReviewedItemGradesInPDF: reviewed, the reviewer's points grade the
// item beside its own grade, and the below-top list follows them.
func TestReviewedItemGradesInPDF(t *testing.T) {
	withFontDirs(t)
	ws := fixture.Graded()
	ws.Reviews = map[string]domain.Review{"A1": {Verdict: domain.VerdictAdjust, Score: domain.Float(9), Reason: "佐证不足", By: "李四"}}
	doc := report.Build(ws, report.Options{})
	if len(doc.BelowTop) != 3 || doc.BelowTop[1].ID != "A1" {
		t.Fatalf("below the top grade: %+v", doc.BelowTop)
	}
	text := squeeze(strings.Join(pdfText(t, doc), ""))
	if want := squeeze("10/10优秀9良好"); !strings.Contains(text, want) {
		t.Errorf("PDF text lacks %q", want)
	}
}
