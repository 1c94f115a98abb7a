package report

import (
	"fmt"
	"strings"

	"pingce/internal/domain"
)

// The review in the report (issue 12): every veto with its state, the
// 审核意见 section (the return message and every item the reviewer said
// something about, 自评分 beside 核定分 with the 扣分说明), and the reviewer
// on the signature line.

// ReviewLabels are the words of the review parts of a report.
type ReviewLabels struct {
	Vetoes       string // section heading
	NoVetoes     string
	State        string // column: the veto's state
	Triggered    string
	NotTriggered string
	Opinion      string // section heading
	NoOpinion    string
	ApprovedAsIs string // %s who: approved with every item at the unit's own points
	Returned     string // label of the return message
	Verdict      string // column
	Own          string // column: 自评分
	Approved     string // column: 核定分
	Reason       string // 扣分说明
	Request      string // 需补充
	Comment      string
	Verdicts     map[domain.Verdict]string
	SheetReview  string // xlsx sheet name
}

func chineseReviewLabels() ReviewLabels {
	return ReviewLabels{
		Vetoes: "五、一票否决事项", NoVetoes: "本指标体系没有一票否决事项。", State: "状态",
		Triggered: "已触发", NotTriggered: "未触发",
		Opinion: "六、审核意见", NoOpinion: "尚未审核。", ApprovedAsIs: "已审定（%s），各项均认可自评分。", Returned: "退回意见",
		Verdict: "审核结论", Own: "自评分", Approved: "核定分", Reason: "扣分说明", Request: "需补充", Comment: "意见",
		Verdicts:    map[domain.Verdict]string{domain.VerdictAccept: "认可", domain.VerdictAdjust: "调整", domain.VerdictRequest: "需补充"},
		SheetReview: "审核意见",
	}
}

func englishReviewLabels() ReviewLabels {
	return ReviewLabels{
		Vetoes: "5. Vetoes", NoVetoes: "The catalog has no vetoes.", State: "State",
		Triggered: "triggered", NotTriggered: "not triggered",
		Opinion: "6. Review", NoOpinion: "Not reviewed yet.", ApprovedAsIs: "Approved (%s) with every item at the unit's own points.", Returned: "Returned with",
		Verdict: "Verdict", Own: "Own", Approved: "Approved", Reason: "Reason", Request: "More needed", Comment: "Comment",
		Verdicts:    map[domain.Verdict]string{domain.VerdictAccept: "accepted", domain.VerdictAdjust: "adjusted", domain.VerdictRequest: "more needed"},
		SheetReview: "Review",
	}
}

// VetoRow is one veto of the catalog with its state.
type VetoRow struct {
	ID, Title string
	Triggered bool
	State     string // in words
}

// OpinionRow is one item of the 审核意见 section: what the reviewer decided
// and said, with the unit's points beside the approved ones.
type OpinionRow struct {
	ID, Title string
	Verdict   string // in words
	Own       float64
	Approved  float64
	Text      string // 扣分说明, request and comment, labelled, one per line
	By        string
}

// fillReview adds the vetoes, the opinion rows, the return message and the
// reviewer's name to d.
func fillReview(d *Document, ws *domain.Workspace, self, rev *domain.Result) {
	lb := d.Labels.Review
	triggered := map[string]bool{}
	for _, v := range self.Vetoes {
		triggered[v] = true
	}
	for _, v := range ws.Catalog.Vetoes {
		row := VetoRow{ID: v.ID, Title: v.Title, Triggered: triggered[v.ID], State: lb.NotTriggered}
		if row.Triggered {
			row.State = lb.Triggered
		}
		if v.Effect != "" && v.Effect != domain.VetoGrade { // what it does, after its title (shapes.go)
			row.Title += d.Labels.Paren(vetoEffect(ws.Catalog, v, d.Labels.Shapes))
		}
		d.Vetoes = append(d.Vetoes, row)
	}
	if ws.Assessment.ReturnReason != "" {
		d.ReturnReason = ws.Assessment.ReturnReason
	}
	if rev == nil {
		rev = self
	}
	count := map[string]int{}
	for _, it := range ws.Catalog.Items() {
		r, ok := ws.Reviews[it.ID]
		if !ok {
			continue
		}
		r = it.NormalizedFor(r, d.UnitType)
		if r.By != "" {
			count[r.By]++
			if count[r.By] > count[d.ReviewedBy] {
				d.ReviewedBy = r.By
			}
		}
		if r.Verdict == domain.VerdictAccept && r.Comment == "" {
			continue
		}
		own, _ := self.Item(it.ID)
		ap, _ := rev.Item(it.ID)
		var text []string
		if r.Reason != "" {
			text = append(text, lb.Reason+d.Labels.Colon+r.Reason)
		}
		if r.Request != "" {
			text = append(text, lb.Request+d.Labels.Colon+r.Request)
		}
		if r.Comment != "" {
			text = append(text, lb.Comment+d.Labels.Colon+r.Comment)
		}
		d.Opinion = append(d.Opinion, OpinionRow{ID: it.ID, Title: it.Title, Verdict: lb.Verdicts[r.Verdict],
			Own: own.Score, Approved: ap.Score, Text: strings.Join(text, "\n"), By: r.By})
	}
	if ws.Assessment.Status == domain.Approved {
		d.ApprovedBy = ws.Assessment.ApprovedBy
		if d.ReviewedBy == "" {
			d.ReviewedBy = d.ApprovedBy // approved as the unit gave it: the approver reviewed
		}
	}
	for i := range d.Signatures {
		if d.Signatures[i].Label == d.Labels.Reviewer && d.Signatures[i].Name == "" {
			d.Signatures[i].Name = d.ReviewedBy
		}
	}
}

// NoOpinionText is what the 审核意见 section says when no item carries a
// review: approved as the unit gave it (and by whom), or not reviewed yet.
func (d *Document) NoOpinionText() string {
	if d.ApprovedBy != "" {
		return fmt.Sprintf(d.Labels.Review.ApprovedAsIs, d.ApprovedBy)
	}
	return d.Labels.Review.NoOpinion
}
