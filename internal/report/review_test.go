package report

import (
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestBuildReview: every veto with its state, the 审核意见 rows with 自评分
// beside 核定分 and the 扣分说明, the reviewer on the signature line.
func TestBuildReview(t *testing.T) {
	ws := workspace()
	ws.Answers.Vetoes = []string{"V1"}
	ws.Assessment.ReturnReason = "请补充 A.2 台账"
	ws.Reviews = map[string]domain.Review{
		"A.1": {Verdict: domain.VerdictAdjust, Score: domain.Float(4), Reason: "佐证不足", By: "李四"},
		"A.2": {Verdict: domain.VerdictRequest, Request: "请补充台账", By: "李四"},
		"A.3": {Verdict: domain.VerdictAccept, By: "王五"},
		"B.1": {Verdict: domain.VerdictAccept, Comment: "数据可信", By: "李四"},
	}
	d := Build(ws, Options{})
	if len(d.Vetoes) != len(ws.Catalog.Vetoes) {
		t.Fatalf("vetoes %+v, want every veto of the catalog", d.Vetoes)
	}
	for _, v := range d.Vetoes {
		if want := v.ID == "V1"; v.Triggered != want || (v.State == "已触发") != want {
			t.Errorf("veto %+v", v)
		}
	}
	if len(d.Opinion) != 3 || d.Opinion[0].ID != "A.1" || d.Opinion[0].Own == d.Opinion[0].Approved ||
		d.Opinion[0].Approved != 4 || !strings.Contains(d.Opinion[0].Text, "扣分说明：佐证不足") ||
		d.Opinion[1].Verdict != "需补充" || !strings.Contains(d.Opinion[1].Text, "需补充：请补充台账") ||
		d.Opinion[2].ID != "B.1" || !strings.Contains(d.Opinion[2].Text, "数据可信") {
		t.Errorf("opinion rows %+v", d.Opinion)
	}
	if d.ReturnReason != "请补充 A.2 台账" || d.ReviewedBy != "李四" || d.Signatures[2].Name != "李四" {
		t.Errorf("return %q, reviewer %q, signatures %+v", d.ReturnReason, d.ReviewedBy, d.Signatures)
	}
	if r := row(t, d, "A.1"); !strings.Contains(r.Remarks, "扣分说明：佐证不足") || r.ReviewedScore != 4 {
		t.Errorf("A.1 row %+v", r)
	}
	if d.Reviewed == nil || d.Reviewed.Final >= d.Self.Final {
		t.Errorf("reviewed figures %+v beside own %v", d.Reviewed, d.Self.Final)
	}
	// Without reviews: the section says so, the signature line stays blank.
	d = Build(workspace(), Options{})
	if len(d.Opinion) != 0 || d.ReviewedBy != "" || d.Signatures[2].Name != "" {
		t.Errorf("unreviewed: %+v %q", d.Opinion, d.ReviewedBy)
	}
}

// TestApprovedAsGiven: an assessment approved without a review of any item
// says so in the 审核意见 section, with the approver on the reviewer's line;
// one neither reviewed nor approved says it is not reviewed yet.
func TestApprovedAsGiven(t *testing.T) {
	for _, tc := range []struct {
		name             string
		status           domain.AssessmentStatus
		by, want, signed string
	}{
		{"approved as given", domain.Approved, "刘建国", "已审定（刘建国），各项均认可自评分。", "刘建国"},
		{"submitted, not reviewed", domain.Submitted, "", "尚未审核。", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := workspace()
			ws.Assessment.Status, ws.Assessment.ApprovedBy = tc.status, tc.by
			d := Build(ws, Options{})
			if got := d.NoOpinionText(); got != tc.want {
				t.Errorf("NoOpinionText = %q, want %q", got, tc.want)
			}
			for _, s := range d.Signatures {
				if s.Label == d.Labels.Reviewer && s.Name != tc.signed {
					t.Errorf("reviewer's line %q, want %q", s.Name, tc.signed)
				}
			}
		})
	}
}
