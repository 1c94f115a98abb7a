package report

import (
	"fmt"

	"pingce/internal/domain"
)

// The rules that compare a unit with its peers (issue 15 shapes 7c,
// 11–13) in the report's words: while a unit's figures wait for the round
// the report says so with the range still open, never as a final figure;
// once scored with the round, it names what the round decided (a grade
// quota, a value below the group's average, a grade's required item).

// PeerLabels are the words of those rules.
type PeerLabels struct {
	FinalCell string // the final score's cell while it waits: %s low, %s high, %s total
	GradeCell string // the grade's cell while it may change: %s the grade of the low end
	Pending   string // the percent's cell while the final waits
	Awaits    string // notice: %s low, %s high, %s total
	Reach     string // notice: %s low, %s high, %s total (a reviewer's choice open)
	Quota     string // notice: %s grade, %s the grade given
	Below     string // notice: %s id, %s title, %s max grade
	Requires  string // notice: %s id, %s title, %s the grade given
}

func chinesePeerLabels() PeerLabels {
	return PeerLabels{
		FinalCell: "待全市汇总后计分：%s–%s / %s",
		GradeCell: "%s（待全市汇总后确定）",
		Pending:   "待汇总",
		Awaits:    "待全市汇总后计分：部分指标与同类单位比较计分，本表总分按可得最低分计，可得 %s–%s 分（满分 %s 分）。",
		Reach:     "部分得分待审核确定：可得 %s–%s 分（满分 %s 分）。",
		Quota:     "“%s”超出比例上限，定为“%s”。",
		Below:     "%s %s 低于同类单位平均值，等级最高为“%s”。",
		Requires:  "未具备必备条件 %s %s，定为“%s”。",
	}
}

func englishPeerLabels() PeerLabels {
	return PeerLabels{
		FinalCell: "Scored once the round is in: %s–%s / %s",
		GradeCell: "%s (to be confirmed with the round)",
		Pending:   "awaits the round",
		Awaits:    "Scored once the round is in: some items are scored against the unit's peers; the figures count their lowest points, %s–%s of %s points can still be reached.",
		Reach:     "Some points are still to be decided: %s–%s of %s points.",
		Quota:     "Beyond the quota of \"%s\": graded \"%s\".",
		Below:     "%s %s is below the group's average: the grade is at best \"%s\".",
		Requires:  "The required item %s %s is not met: graded \"%s\".",
	}
}

// roundNotices says in words what the round's rules do to result r.
func roundNotices(c *domain.Catalog, r *domain.Result, lb Labels) []string {
	w := lb.Peers
	if w.Awaits == "" {
		w = chinesePeerLabels()
	}
	var out []string
	if r.Reach != nil {
		format := w.Reach
		if r.AwaitsRound {
			format = w.Awaits
		}
		out = append(out, fmt.Sprintf(format, Num(r.Reach.Min), Num(r.Reach.Max), Num(r.Total)))
	} else if r.AwaitsRound {
		out = append(out, fmt.Sprintf(w.Awaits, Num(r.Final), Num(r.Final), Num(r.Total)))
	}
	title := func(id string) string {
		if it := c.Item(id); it != nil {
			return it.Title
		}
		return ""
	}
	for _, h := range r.Caps {
		switch h.Kind {
		case domain.CapQuota:
			out = append(out, fmt.Sprintf(w.Quota, h.Ref, h.MaxGrade))
		case domain.CapBelowAverage:
			out = append(out, fmt.Sprintf(w.Below, h.Ref, title(h.Ref), h.MaxGrade))
		case domain.CapRequires:
			out = append(out, fmt.Sprintf(w.Requires, h.Ref, title(h.Ref), h.MaxGrade))
		}
	}
	return out
}

// roundCap reports whether a cap hit is one of the round's rules, which
// roundNotices words (the item_lost wording does not fit them).
func roundCap(h domain.CapHit) bool {
	return h.Kind == domain.CapQuota || h.Kind == domain.CapBelowAverage || h.Kind == domain.CapRequires
}

// FinalCell is the final score as a report's summary writes it: "final /
// total", or while the figures wait for the round the range still open.
func FinalCell(f Figures, lb Labels) string {
	w := lb.Peers
	if w.FinalCell == "" {
		w = chinesePeerLabels()
	}
	if f.AwaitsRound && f.Reach != nil {
		return fmt.Sprintf(w.FinalCell, Num(f.Reach.Min), Num(f.Reach.Max), Num(f.Total))
	}
	return Num(f.Final) + " / " + Num(f.Total)
}

// GradeCell is the grade as a report's summary writes it, said to wait
// while the round's rules may still change it.
func GradeCell(f Figures, lb Labels) string {
	w := lb.Peers
	if w.GradeCell == "" {
		w = chinesePeerLabels()
	}
	if f.AwaitsRound && f.Grade != "" {
		return fmt.Sprintf(w.GradeCell, f.Grade)
	}
	return f.Grade
}

// PercentCell is the score rate as a report's summary writes it; while the
// final waits for the round, that it does.
func PercentCell(f Figures, lb Labels) string {
	w := lb.Peers
	if w.Pending == "" {
		w = chinesePeerLabels()
	}
	if f.AwaitsRound && f.Reach != nil {
		return w.Pending
	}
	return Pct(f.Percent)
}
