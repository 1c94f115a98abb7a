package pdf

import (
	"pingce/internal/report"
)

// The review parts of the report (issue 12): every veto with its state,
// and the 审核意见 section with 自评分 beside 核定分 and the 扣分说明.

func vetoes(l *lay, doc *report.Document) {
	lb := doc.Labels
	if len(doc.Vetoes) == 0 {
		l.heading(lb.Review.Vetoes, 20)
		l.para(lb.Review.NoVetoes, marginL, textW, 10, black, 0)
		return
	}
	t := &table{size: 9, cols: []column{{title: lb.ID, w: 46}, {title: lb.Item}, {title: lb.Review.State, w: 80}}}
	fixColumns(t.cols)
	vRow := func(v report.VetoRow) *row {
		return &row{bands: []band{l.cells(t, v.ID, v.Title, v.State)}}
	}
	first := l.rowH(t, vRow(doc.Vetoes[0]))
	l.heading(lb.Review.Vetoes, l.headerH(t)+l.keepFirst(t, first))
	l.startTable(t, first)
	for _, v := range doc.Vetoes {
		l.drawRow(t, vRow(v), 0)
	}
	l.endTable()
}

func opinion(l *lay, doc *report.Document) {
	lb := doc.Labels
	rl := lb.Review
	if doc.Reviewed == nil && doc.ReturnReason == "" {
		l.heading(rl.Opinion, 20)
		l.para(doc.NoOpinionText(), marginL, textW, 10, black, 0)
		return
	}
	l.heading(rl.Opinion, 40)
	if doc.ReturnReason != "" {
		l.para(rl.Returned+lb.Colon+doc.ReturnReason, marginL, textW, 10, black, 0)
	}
	if len(doc.Opinion) == 0 {
		return
	}
	t := &table{size: 9, cols: []column{{title: lb.ID, w: 46}, {title: lb.Item, w: 130}, {title: rl.Verdict, w: 50},
		{title: rl.Own, w: 40, align: 2}, {title: rl.Approved, w: 40, align: 2}, {title: lb.Remarks}}}
	fixColumns(t.cols)
	oRow := func(o report.OpinionRow) *row {
		return &row{bands: []band{l.cells(t, o.ID, o.Title, o.Verdict, report.Num(o.Own), report.Num(o.Approved), o.Text)}}
	}
	first := l.rowH(t, oRow(doc.Opinion[0]))
	l.startTable(t, first)
	for _, o := range doc.Opinion {
		l.drawRow(t, oRow(o), 0)
	}
	l.endTable()
}
