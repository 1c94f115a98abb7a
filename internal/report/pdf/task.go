package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// The rectification register as PDF: the register grouped by unit with
// each unit's closure rate (WriteTasks), and 督办通知, one page per matter
// (WriteNotices).

var (
	cardBlue   = rgb{0xdd, 0xea, 0xfb}
	cardYellow = rgb{0xfd, 0xf3, 0xc8}
	cardRed    = rgb{0xfb, 0xe1, 0xe1}
	closedFill = rgb{0x2e, 0x7d, 0x32}
)

// colourFill is the cell fill of a card's 三色 colour; nil for none.
func colourFill(c domain.TaskColour) *rgb {
	switch c {
	case domain.ColourBlue:
		return &cardBlue
	case domain.ColourYellow:
		return &cardYellow
	case domain.ColourRed:
		return &cardRed
	}
	return nil
}

// TaskDocument is what the register PDF shows.
type TaskDocument struct {
	Title string // 整改台账
	Scope string // what was selected: a round, a unit …; "" for all
	Tasks []domain.Task
	Now   time.Time // the clock overdue is derived with
}

// writeDoc sets up gopdf with the bundled font, lays the document out with
// layout and writes it to w with the running header and footer of ch.
func writeDoc(ctx context.Context, w io.Writer, texts []string, ch chrome, layout func(l *lay) error) error {
	fc, err := fontContainer()
	if err != nil {
		return err
	}
	resolveTexts(texts)
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	gp.SetCompressLevel(6)
	if err := gp.AddTTFFontFromFontContainer(family, fc); err != nil {
		return fmt.Errorf("pdf: add font: %w", err)
	}
	if err := gp.SetFont(family, "", 10); err != nil {
		return fmt.Errorf("pdf: set font: %w", err)
	}
	gp.SetInfo(gopdf.PdfInfo{Title: pdfString(ch.title), Subject: pdfString(ch.header), Creator: "Pingce"})
	m := &measurer{gp: gp, fam: family, size: 10}
	l := &lay{ctx: ctx, m: m, orphanPage: -1}
	if err := layout(l); err != nil {
		return err
	}
	if m.err != nil {
		return fmt.Errorf("pdf: %w", m.err)
	}
	if err := render(ctx, gp, m, l.pages, l.outline, ch); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	if _, err := w.Write(fixToUnicode(fixStrings(buf.Bytes()))); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

func taskTexts(ts []domain.Task) []string {
	var ss []string
	for i := range ts {
		t := &ts[i]
		ss = append(ss, t.UnitName, t.ItemID, t.ItemTitle, t.Problem, t.Measure, t.Owner, t.Lead, t.Assist, t.Checker,
			t.ClosedComment, t.ClosedBy, t.ExtensionReason)
		ss = append(ss, report.TaskFileLines(t)...)
		if t.Origin != nil {
			ss = append(ss, t.Origin.Unit, t.Origin.Operator)
		}
	}
	return ss
}

// WriteTasks writes the register grouped by unit: for each unit its
// counts and closure rate (逐项销号) with a bar, then its entries, the
// deadline cell coloured blue, yellow or red (三色督办).
func WriteTasks(ctx context.Context, w io.Writer, doc *TaskDocument) error {
	title := firstNonEmpty(doc.Title, "整改台账")
	texts := append(taskTexts(doc.Tasks), title, doc.Scope)
	ch := chrome{title: title, header: firstNonEmpty(doc.Scope, title), right: doc.Now.Format("2006-01-02"), page: "第 %d 页，共 %d 页"}
	return writeDoc(ctx, w, texts, ch, func(l *lay) error { return layoutTasks(l, doc, title) })
}

func layoutTasks(l *lay, doc *TaskDocument, title string) error {
	l.newPage()
	l.y = bodyTop + 10
	l.para(title, marginL, textW, 18, navy, 1)
	l.y += 4
	counts := domain.CountTasks(doc.Tasks, doc.Now)
	total, closed, overdue := 0, 0, 0
	for _, c := range counts {
		total, closed, overdue = total+c.Total, closed+c.Closed, overdue+c.Overdue
	}
	meta := fmt.Sprintf("共 %d 项，已销号 %d 项，销号率 %s，已超期 %d 项　统计时间：%s", total, closed,
		rateOf(closed, total), overdue, doc.Now.Format("2006-01-02"))
	if doc.Scope != "" {
		meta = doc.Scope + "　" + meta
	}
	l.para(meta, marginL, textW, 9.5, gray, 1)
	l.y += 8
	rateBars(l, counts)
	byUnit := map[int64][]domain.Task{}
	for _, t := range doc.Tasks {
		byUnit[t.UnitID] = append(byUnit[t.UnitID], t)
	}
	for _, c := range counts {
		if err := unitTasks(l, c, byUnit[c.UnitID], doc.Now); err != nil {
			return err
		}
	}
	return nil
}

func rateOf(n, total int) string {
	if total == 0 {
		return "—"
	}
	return report.Pct(float64(n) * 100 / float64(total))
}

// rateBars draws the closure rate of every unit as a bar.
func rateBars(l *lay, counts []domain.UnitTasks) {
	if len(counts) == 0 {
		return
	}
	const size, rowH, nameW, rateW = 9.0, 16.0, 150.0, 110.0
	l.heading("各单位销号率", rowH*2)
	barW := textW - nameW - rateW
	for _, c := range counts {
		l.ensure(rowH)
		l.text(marginL, l.y+2, size, black, fitLine(l.m, c.UnitName, nameW-6, size))
		x := marginL + nameW
		l.rect(x, l.y+3, barW, rowH-6, &groupFill, false, lightGray)
		if w := barW * c.Rate(); w > 0 {
			l.rect(x, l.y+3, w, rowH-6, &closedFill, false, closedFill)
		}
		l.text(x+barW+6, l.y+2, size, black, fmt.Sprintf("%s（%d/%d）", rateOf(c.Closed, c.Total), c.Closed, c.Total))
		l.y += rowH
	}
}

func unitTasks(l *lay, c domain.UnitTasks, ts []domain.Task, now time.Time) error {
	cols := []column{{"编号", 32, 1}, {"指标", 60, 0}, {"问题描述", 0, 0}, {"整改措施", 0, 0}, {"责任人", 44, 1},
		{"完成时限", 58, 1}, {"状态", 54, 1}}
	fixColumns(cols)
	t := &table{size: 8.5, cols: cols}
	first := bandH(t, l.cells(t, "1"))
	l.heading(fmt.Sprintf("%s　共 %d 项，已销号 %d 项，销号率 %s", c.UnitName, c.Total, c.Closed, rateOf(c.Closed, c.Total)),
		l.headerH(t)+first)
	l.startTable(t, first)
	for i := range ts {
		tk := &ts[i]
		if err := l.ctx.Err(); err != nil {
			return err
		}
		status := domain.TaskStatusNames[tk.Status]
		if tk.Overdue(now) {
			status += "\n已超期"
		}
		b := l.cells(t, strconv.FormatInt(tk.ID, 10), tk.ItemID+" "+tk.ItemTitle, tk.Problem, tk.Measure, tk.Owner,
			domain.DateText(tk.Deadline()), status)
		b.cells[5].fill = colourFill(tk.Colour(now))
		if tk.Overdue(now) {
			b.cells[6].color = red
		}
		r := &row{bands: []band{b}}
		if more := closureLine(tk, now); more != "" {
			r.bands = append(r.bands, l.wide(t, more, 7.5, gray))
		}
		l.drawRow(t, r, 0)
	}
	l.endTable()
	return nil
}

// closureLine is what the register's table has no columns for, on a line
// across the row below an entry: its closure (销号意见, who and when), its
// closure evidence (销号佐证) and the exchange package it came from (来自),
// a line each, as the workbook's columns say them; "" when it has none of them.
func closureLine(t *domain.Task, now time.Time) string {
	var parts []string
	if t.ClosedComment != "" || t.ClosedBy != "" {
		s := "销号意见：" + firstNonEmpty(t.ClosedComment, "（无）")
		if by := strings.TrimSpace(t.ClosedBy + " " + closedAt(t, now)); by != "" {
			s += "（" + by + "）"
		}
		parts = append(parts, s)
	}
	if files := report.TaskFileLines(t); len(files) > 0 {
		parts = append(parts, "销号佐证："+strings.Join(files, "、"))
	}
	if t.Origin != nil {
		parts = append(parts, "来自："+report.TaskOriginText(t.Origin, now))
	}
	return strings.Join(parts, "\n")
}

// closedAt is the day and time the entry was closed, "" when it was not.
func closedAt(t *domain.Task, now time.Time) string {
	if t.ClosedAt.IsZero() {
		return ""
	}
	return t.ClosedAt.In(now.Location()).Format("2006-01-02 15:04")
}

// Notice is one 督办通知: its number and date, and who issues it.
type Notice struct {
	Number string // 督〔2026〕3号
	Issuer string // the issuing office, for the signature
	Date   time.Time
}

// WriteNotices writes one 督办通知 per entry, one page each, numbered
// from notices (one per entry, same order): the addressee, the matter,
// its measure and deadline, where it stands, what is asked and by when,
// and a signature line.
func WriteNotices(ctx context.Context, w io.Writer, ts []domain.Task, notices []Notice, now time.Time) error {
	if len(notices) != len(ts) {
		return fmt.Errorf("pdf: %d notices for %d entries", len(notices), len(ts))
	}
	texts := taskTexts(ts)
	for _, n := range notices {
		texts = append(texts, n.Number, n.Issuer)
	}
	ch := chrome{title: "督办通知", header: "督办通知", right: now.Format("2006-01-02"), page: "第 %d 页，共 %d 页"}
	return writeDoc(ctx, w, texts, ch, func(l *lay) error {
		for i := range ts {
			if err := l.ctx.Err(); err != nil {
				return err
			}
			notice(l, &ts[i], notices[i], now)
		}
		return nil
	})
}

func notice(l *lay, t *domain.Task, n Notice, now time.Time) {
	l.newPage()
	l.y = bodyTop + 20
	l.para("督 办 通 知", marginL, textW, 22, red, 1)
	l.y += 4
	l.para(n.Number, marginL, textW, 11, black, 1)
	l.y += 4
	l.line(marginL, l.y, marginL+textW, l.y, 1.2, red, false)
	l.y += 16
	const size = 11.5
	to := firstNonEmpty(t.Lead, t.UnitName)
	l.para(to+"：", marginL, textW, size, black, 0)
	l.y += 4
	state := domain.TaskStatusNames[t.Status]
	when := "完成时限为 " + domain.DateText(t.Deadline())
	switch d := t.DaysLeft(now); {
	case t.Overdue(now):
		when += "，现已超期 " + strconv.Itoa(-d) + " 天"
	case d >= 0:
		when += "，距完成时限还有 " + strconv.Itoa(d) + " 天"
	}
	body := fmt.Sprintf("　　经跟踪督查，你单位%s轮测评中的下列整改事项（编号 %d）目前%s，%s。现予督办，请高度重视，"+
		"按整改措施抓紧落实，于 %s 前完成整改并报送整改情况及佐证材料；确有困难需延期的，请书面说明理由。",
		t.Round, t.ID, state, when, domain.DateText(t.Deadline()))
	l.para(body, marginL, textW, size, black, 0)
	l.y += 10
	fields := []struct{ k, v string }{
		{"来源", domain.TaskSourceNames[t.Source]}, {"关联指标", t.ItemID + " " + t.ItemTitle}, {"问题描述", t.Problem},
		{"整改措施", t.Measure}, {"整改目标", t.Target}, {"责任单位", joinNonEmpty(t.Lead, t.Assist)},
		{"责任人", t.Owner}, {"复核人", t.Checker}, {"完成时限", domain.DateText(t.Deadline())},
		{"整改类型", domain.TaskKindNames[t.Kind]}, {"当前状态", state},
	}
	tb := &table{size: 10, cols: []column{{"事项", 80, 1}, {"内容", textW - 80, 0}}}
	l.startTable(tb, bandH(tb, l.cells(tb, "x", "x")))
	for _, f := range fields {
		if f.v == "" || f.v == " " {
			continue
		}
		b := l.cells(tb, f.k, f.v)
		b.cells[0].fill = &groupFill
		if f.k == "完成时限" && t.Overdue(now) {
			b.cells[1].color = red
		}
		l.drawRow(tb, &row{bands: []band{b}}, 0)
	}
	l.endTable()
	l.y += 36
	l.ensure(80)
	x := marginL + textW/2
	label := "督办单位（盖章）："
	lw := l.m.width(label, size)
	l.text(x, l.y, size, black, label)
	l.line(x+lw+2, l.y+lineH(size)-1, marginL+textW, l.y+lineH(size)-1, 0.6, black, false)
	if n.Issuer != "" {
		l.text(x+lw+8, l.y, size, black, n.Issuer)
	}
	l.y += 30
	label = "签发人："
	lw = l.m.width(label, size)
	l.text(x, l.y, size, black, label)
	l.line(x+lw+2, l.y+lineH(size)-1, marginL+textW, l.y+lineH(size)-1, 0.6, black, false)
	l.y += 30
	l.text(x, l.y, size, black, "日期："+n.Date.Format("2006年1月2日"))
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "（主办）、" + b + "（协办）"
}
