package domain

import (
	"strconv"
	"strings"
	"time"
)

// TaskDefaults are the values generated entries start with, for the user
// to edit before saving (为所有失分项生成整改事项).
type TaskDefaults struct {
	Measure string
	Target  string
	Lead    string // "" = the unit's name
	Assist  string
	Owner   string
	Checker string
	Due     time.Time
	Kind    TaskKind // "" = 限期整改
}

// GenerateTasks proposes one register entry per item of the workspace
// that lost points (by the reviewed score when the reviewer gave points)
// and per item the reviewer asked more of (需补充): one entry per item,
// sourced 审核意见 when the reviewer's reason or request is behind it,
// else 自评失分. The problem text is written from the item and the review
// so that nothing is typed twice. Items that already have an open entry
// in existing (of the same assessment) get none. The entries are not
// stored: the caller edits and saves them.
func GenerateTasks(ws *Workspace, d TaskDefaults, existing []Task) []Task {
	open := map[string]bool{}
	for i := range existing {
		if t := &existing[i]; t.AssessmentID == ws.Assessment.ID && !t.Status.Done() {
			open[t.ItemID] = true
		}
	}
	res := ws.ReviewedResult()
	kind := d.Kind
	if kind == "" {
		kind = KindDeadline
	}
	lead := d.Lead
	if lead == "" {
		lead = ws.Assessment.Unit.Name
	}
	var out []Task
	for _, it := range ws.Catalog.Items() {
		if open[it.ID] {
			continue
		}
		sc, _ := res.Item(it.ID)
		lost := 0.0
		if sc.Status == StatusAnswered && !it.Bonus {
			lost = sc.Lost()
		}
		r := ws.Reviews[it.ID]
		request := ""
		if r.Verdict == VerdictRequest {
			request = strings.TrimSpace(r.Request)
		}
		if lost <= 0 && request == "" {
			continue
		}
		src := SourceShortfall
		if request != "" || strings.TrimSpace(r.Reason) != "" {
			src = SourceReview
		}
		out = append(out, Task{
			Source: src, Round: ws.Assessment.Round, UnitID: ws.Assessment.Unit.ID, UnitName: ws.Assessment.Unit.Name,
			AssessmentID: ws.Assessment.ID, ItemID: it.ID, ItemTitle: it.Title, Lost: lost,
			Problem: ProblemText(it, sc, r), Measure: d.Measure, Target: d.Target, Lead: lead, Assist: d.Assist,
			Owner: d.Owner, Checker: d.Checker, Due: d.Due, Kind: kind, Status: TaskOpen,
		})
	}
	return out
}

// ProblemText writes an entry's 问题描述 from the item, its points and the
// reviewer's verdict: "〔1.2〕标题：失 3 分（得 7/10）。审核意见：原因。需补充：要求。"
func ProblemText(it *Item, sc ItemScore, r Review) string {
	var b strings.Builder
	b.WriteString("〔" + it.ID + "〕" + it.Title)
	if lost := sc.Lost(); sc.Status == StatusAnswered && lost > 0 {
		b.WriteString("：失 " + num(lost) + " 分（得 " + num(sc.Score) + "/" + num(sc.Max) + "）")
	}
	b.WriteString("。")
	if s := strings.TrimSpace(r.Reason); s != "" {
		b.WriteString("审核意见：" + s + "。")
	}
	if s := strings.TrimSpace(r.Request); r.Verdict == VerdictRequest && s != "" {
		b.WriteString("需补充：" + s + "。")
	}
	return strings.ReplaceAll(b.String(), "。。", "。")
}

func num(f float64) string { return strconv.FormatFloat(Round2(f), 'f', -1, 64) }
