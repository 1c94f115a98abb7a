// Package xlsx writes a report.Document as an Excel workbook: 汇总 (the
// score and the categories), 明细 (every applicable item), 短板 (the items
// that lost points), 未达最高等级 (the items below the top item grade, when
// the catalog grades items) and 审核意见 (the review). Header rows are frozen, totals are
// formulas that Excel recalculates on opening (their values are stored
// too, for readers that do not calculate), and low rates are filled red.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// LowRate is the rate (a fraction) under which a rate cell is filled red.
const LowRate = 0.6

// styles are the cell styles of the workbook.
type styles struct {
	title, header, text, textWrap, num, pct, pctLow, totalText, totalNum, totalPct, label, notice, big, bigPct int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	numFmt := "0.00"
	pctFmt := "0.00%"
	defs := []struct {
		dst *int
		s   excelize.Style
	}{}
	s := &styles{}
	add := func(dst *int, st excelize.Style) {
		defs = append(defs, struct {
			dst *int
			s   excelize.Style
		}{dst, st})
	}
	add(&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3A5F"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&s.header, excelize.Style{Font: &excelize.Font{Bold: true, Color: "1F3A5F"}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE4EF"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&s.text, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	add(&s.textWrap, excelize.Style{Border: border, Alignment: top})
	add(&s.num, excelize.Style{Border: border, CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	add(&s.pct, excelize.Style{Border: border, CustomNumFmt: &pctFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	add(&s.pctLow, excelize.Style{Border: border, CustomNumFmt: &pctFmt, Font: &excelize.Font{Color: "B01212"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FBE1E1"}}, Alignment: &excelize.Alignment{Vertical: "top"}})
	add(&s.totalText, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F1F4F8"}}})
	add(&s.totalNum, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, CustomNumFmt: &numFmt, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F1F4F8"}}})
	add(&s.totalPct, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, CustomNumFmt: &pctFmt, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F1F4F8"}}})
	add(&s.label, excelize.Style{Font: &excelize.Font{Color: "595959"}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F1F4F8"}}, Alignment: top})
	add(&s.notice, excelize.Style{Font: &excelize.Font{Color: "B01212"}, Alignment: top})
	add(&s.big, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "1F3A5F"}, Border: border, CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Horizontal: "center"}})
	add(&s.bigPct, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "1F3A5F"}, Border: border, CustomNumFmt: &pctFmt, Alignment: &excelize.Alignment{Horizontal: "center"}})
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, fmt.Errorf("xlsx: style: %w", err)
		}
		*d.dst = id
	}
	return s, nil
}

// Write writes the document as an .xlsx workbook to w. It stops with ctx's
// error when ctx is cancelled, and calls doc.Progress, when set, as it goes.
func Write(ctx context.Context, w io.Writer, doc *report.Document) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	lb := doc.Labels
	total := len(doc.Categories) + len(doc.Details) + len(doc.Shortfalls) + len(doc.BelowTop) + 1
	done := 0
	step := func() error {
		done++
		if doc.Progress != nil {
			doc.Progress(done, total)
		}
		return ctx.Err()
	}
	if err := f.SetSheetName("Sheet1", lb.Sheet); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	sheets := []string{lb.SheetDetail, lb.SheetShort}
	if graded(doc) {
		sheets = append(sheets, lb.SheetBelowTop)
	}
	for _, name := range sheets {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	det, err := writeDetail(f, st, doc, step)
	if err != nil {
		return err
	}
	if err := writeSummary(f, st, doc, det, step); err != nil {
		return err
	}
	if err := writeShortfalls(f, st, doc, step); err != nil {
		return err
	}
	if err := writeBelowTop(f, st, doc, step); err != nil { // itemgrades.go
		return err
	}
	if err := writeReview(f, st, doc); err != nil { // review.go
		return err
	}
	// 汇总 is the renamed first sheet: active already. (SetActiveSheet here would
	// parse every streamed sheet back into memory.)
	on := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &on}); err != nil {
		return fmt.Errorf("xlsx: calc props: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: clean(doc.Title), Subject: clean(doc.Unit + " " + doc.Round), Creator: "Pingce"}); err != nil {
		return fmt.Errorf("xlsx: doc props: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return step()
}

// detailRefs tells the summary where the detail sheet's figures are.
type detailRefs struct {
	first, last int // data rows
	total       int // the totals row
}

// Columns of the detail sheet.
const (
	dID = iota + 1
	dTitle
	dRequirement
	dCategory
	dKind
	dStatus
	dAnswer
	dScore
	dMax
	dLost
	dRate
)

// detailCols are the columns of the detail sheet after 得分率 that only some
// reports have: the item grade (the catalog grades items) and the reviewed
// points (the assessment is reviewed); 0 when absent.
type detailCols struct {
	grade, reviewed, reviewedGrade int
}

func detailLayout(doc *report.Document) detailCols {
	var c detailCols
	next := dRate + 1
	if graded(doc) {
		c.grade = next
		next++
	}
	if doc.Reviewed != nil {
		c.reviewed = next
		if c.grade != 0 {
			c.reviewedGrade = next + 1
		}
	}
	return c
}

func col(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

func cell(c, r int) string { return fmt.Sprintf("%s%d", col(c), r) }

// quote returns the sheet name quoted for a formula.
func quote(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

func writeDetail(f *excelize.File, st *styles, doc *report.Document, step func() error) (detailRefs, error) {
	lb := doc.Labels
	sw, err := f.NewStreamWriter(lb.SheetDetail)
	if err != nil {
		return detailRefs{}, fmt.Errorf("xlsx: %w", err)
	}
	headers := []string{lb.ID, lb.Item, lb.Requirement, lb.Category, lb.BonusWord + "/" + lb.BaseWord, lb.ItemStatus, lb.Answer, lb.Score, lb.Max, lb.Lost, lb.Rate}
	widths := []float64{9, 46, 40, 30, 9, 10, 34, 9, 9, 9, 10}
	dc := detailLayout(doc)
	if dc.grade != 0 {
		headers = append(headers, lb.Grade)
		widths = append(widths, 9)
	}
	rev := doc.Reviewed != nil
	if rev {
		headers = append(headers, lb.Reviewed)
		widths = append(widths, 9)
	}
	if dc.reviewedGrade != 0 {
		headers = append(headers, lb.ReviewedGrade)
		widths = append(widths, 9)
	}
	headers = append(headers, lb.NAReason, lb.Note, lb.Evidence, lb.ReviewNote)
	widths = append(widths, 24, 50, 30, 24)
	if err := colWidths(sw, widths); err != nil {
		return detailRefs{}, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, XSplit: 2, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return detailRefs{}, fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.SetRow("A1", headerRow(headers, st.header), excelize.RowOpts{Height: 22}); err != nil {
		return detailRefs{}, fmt.Errorf("xlsx: %w", err)
	}
	naWord := lb.StatusWords[domain.StatusNA]
	r := 2
	for _, it := range doc.Details {
		if err := step(); err != nil {
			return detailRefs{}, err
		}
		kind := lb.BaseWord
		if it.Bonus {
			kind = lb.BonusWord
		}
		lost := 0.0
		if it.Status != domain.StatusNA || it.NACounted {
			lost = domain.Round2(it.Max - it.Score)
		}
		status := lb.StatusWords[it.Status]
		if it.NACounted { // counts in the max: not the word the formulas leave out
			status = it.Answer
		}
		row := []any{
			text(it.ID, st.text), text(it.Title, st.textWrap), text(it.Requirement, st.textWrap), text(it.Category, st.textWrap), text(kind, st.text),
			text(status, st.text), text(it.Answer, st.textWrap),
			excelize.Cell{StyleID: st.num, Value: it.Score},
			excelize.Cell{StyleID: st.num, Value: it.Max},
			excelize.Cell{StyleID: st.num, Value: lost,
				Formula: fmt.Sprintf(`IF(%s="%s",0,ROUND(%s-%s,2))`, cell(dStatus, r), naWord, cell(dMax, r), cell(dScore, r))},
		}
		if it.Status == domain.StatusNA && !it.NACounted || it.Max <= 0 {
			row = append(row, excelize.Cell{StyleID: st.pct})
		} else {
			v := frac(it.Score / it.Max * 100)
			s := st.pct
			if v < LowRate && !it.Bonus {
				s = st.pctLow
			}
			row = append(row, excelize.Cell{StyleID: s, Value: v,
				Formula: fmt.Sprintf("ROUND(%s/%s,4)", cell(dScore, r), cell(dMax, r))})
		}
		if dc.grade != 0 {
			row = append(row, text(it.Grade, st.text))
		}
		if rev {
			row = append(row, excelize.Cell{StyleID: st.num, Value: it.ReviewedScore})
		}
		if dc.reviewedGrade != 0 {
			row = append(row, text(it.ReviewedGrade, st.text))
		}
		evs := make([]string, len(it.Evidence))
		for i, e := range it.Evidence {
			evs[i] = e.String()
		}
		row = append(row, text(it.NAReason, st.textWrap), text(it.Note, st.textWrap), text(strings.Join(evs, "\n"), st.textWrap), text(it.ReviewComment, st.textWrap))
		if err := sw.SetRow(cell(1, r), row); err != nil {
			return detailRefs{}, fmt.Errorf("xlsx: %w", err)
		}
		r++
	}
	refs := detailRefs{first: 2, last: r - 1, total: r}
	rng := func(c int) string { return fmt.Sprintf("%s%d:%s%d", col(c), refs.first, col(c), refs.last) }
	sumifs := func(format string, args ...any) string {
		if len(doc.Details) == 0 {
			return "0" // no rows: a range would point at the totals row itself
		}
		return fmt.Sprintf(format, args...)
	}
	raw, appMax, lostSum, revSum := 0.0, 0.0, 0.0, 0.0
	for _, it := range doc.Details {
		if it.Bonus {
			continue
		}
		raw += it.Score
		revSum += it.ReviewedScore
		if it.Status != domain.StatusNA || it.NACounted {
			appMax += it.Max
			lostSum += domain.Round2(it.Max - it.Score)
		}
	}
	tot := []any{text(lb.TotalRow+lb.Paren(lb.BaseWord), st.totalText)}
	for len(tot) < dScore-1 {
		tot = append(tot, text("", st.totalText))
	}
	tot = append(tot,
		excelize.Cell{StyleID: st.totalNum, Value: domain.Round2(raw), Formula: sumifs(`ROUND(SUMIFS(%s,%s,"%s"),2)`, rng(dScore), rng(dKind), lb.BaseWord)},
		excelize.Cell{StyleID: st.totalNum, Value: domain.Round2(appMax), Formula: sumifs(`ROUND(SUMIFS(%s,%s,"%s",%s,"<>%s"),2)`, rng(dMax), rng(dKind), lb.BaseWord, rng(dStatus), naWord)},
		excelize.Cell{StyleID: st.totalNum, Value: domain.Round2(lostSum), Formula: sumifs(`ROUND(SUMIFS(%s,%s,"%s"),2)`, rng(dLost), rng(dKind), lb.BaseWord)},
	)
	rate := 0.0
	if appMax > 0 {
		rate = frac(domain.Round2(raw) / domain.Round2(appMax) * 100)
	}
	tot = append(tot, excelize.Cell{StyleID: st.totalPct, Value: rate,
		Formula: fmt.Sprintf(`IF(%s>0,ROUND(%s/%s,4),0)`, cell(dMax, r), cell(dScore, r), cell(dMax, r))})
	if dc.grade != 0 {
		tot = append(tot, text("", st.totalText))
	}
	if rev {
		tot = append(tot, excelize.Cell{StyleID: st.totalNum, Value: domain.Round2(revSum), Formula: sumifs(`ROUND(SUMIFS(%s,%s,"%s"),2)`, rng(dc.reviewed), rng(dKind), lb.BaseWord)})
	}
	if err := sw.SetRow(cell(1, r), tot); err != nil {
		return detailRefs{}, fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return detailRefs{}, fmt.Errorf("xlsx: %w", err)
	}
	return refs, nil
}

// Columns of the summary's category table.
const (
	sID = iota + 1
	sTitle
	sMax
	sScore
	sRate
	sRevScore
	sRevRate
)

func writeSummary(f *excelize.File, st *styles, doc *report.Document, det detailRefs, step func() error) error {
	lb := doc.Labels
	sheet := lb.Sheet
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	rev := doc.Reviewed != nil
	ncol := 5
	if rev {
		ncol = 7
	}
	if err := colWidths(sw, []float64{12, 52, 12, 12, 12, 12, 12}[:max(ncol, 6)]); err != nil {
		return err
	}
	headerRowN := 6
	if graded(doc) {
		headerRowN = 7 // row 6: 逐项等级
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRowN, TopLeftCell: cell(1, headerRowN+1), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	last := col(max(ncol, 6))
	// Row 1: title; row 2: unit, type, round; row 3: catalog and source.
	rows := [][]any{
		{text(doc.Title, st.title)},
		{text(lb.Unit, st.label), text(doc.Unit, st.textWrap), text(lb.UnitType, st.label), text(doc.UnitType, st.text), text(lb.Round, st.label), text(doc.Round, st.text)},
		{text(lb.Catalog, st.label), text(doc.CatalogTitle+lb.Paren(doc.CatalogRef), st.textWrap), text(lb.Source, st.label), text(doc.Source, st.textWrap)},
	}
	for i, r := range rows {
		opts := excelize.RowOpts{}
		if i == 0 {
			opts.Height = 30
		}
		if err := sw.SetRow(cell(1, i+1), r, opts); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.MergeCell("A1", last+"1"); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.MergeCell("D3", last+"3"); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}

	// Figures below the table; row 4 points at them.
	nCat := len(doc.Categories)
	first := headerRowN + 1
	totalR := first + nCat
	rRaw, rApp, rScaled, rBonus := totalR+2, totalR+3, totalR+4, totalR+5
	rAdj, rVeto := totalR+6, totalR+7 // the categories' adjustments and the vetoes' deduction, when there are
	rFinal := 4
	bonusFormula := "0"
	if det.last >= det.first {
		bonusFormula = fmt.Sprintf(`SUMIFS(%s!%s%d:%s%d,%s!%s%d:%s%d,"%s")`, quote(lb.SheetDetail), col(dScore), det.first, col(dScore), det.last,
			quote(lb.SheetDetail), col(dKind), det.first, col(dKind), det.last, lb.BonusWord)
	}
	if capV := bonusCap(doc); capV != nil {
		bonusFormula = fmt.Sprintf("MIN(%s,%s)", bonusFormula, num(*capV))
	}
	self := doc.Self
	finalF := fmt.Sprintf("ROUND(%s+%s,2)", cell(sScore, rScaled), cell(sScore, rBonus))
	if self.VetoDeduct != 0 { // never below 0
		finalF = fmt.Sprintf("MAX(ROUND(%s+%s-%s,2),0)", cell(sScore, rScaled), cell(sScore, rBonus), cell(sScore, rVeto))
	}
	if self.VetoZero {
		finalF = "0"
	}
	// Row 4: final, total, percent, grade.
	r4 := []any{
		text(lb.FinalScore, st.label),
		excelize.Cell{StyleID: st.big, Value: self.Final, Formula: finalF},
		text(lb.Total, st.label),
		excelize.Cell{StyleID: st.big, Value: self.Total},
		text(lb.Percent, st.label),
		excelize.Cell{StyleID: st.bigPct, Value: frac(self.Percent), Formula: fmt.Sprintf("IF(%s>0,ROUND(%s/%s*100,2)/100,0)", cell(4, rFinal), cell(2, rFinal), cell(4, rFinal))},
	}
	if err := sw.SetRow(cell(1, 4), r4, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// Row 5: grade and notices.
	notices := append([]string(nil), self.Notices...)
	grade := report.GradeCell(self, lb) // 待全市汇总后确定 while the round's rules may change it
	if rev {
		notices = append(notices, doc.Reviewed.Notices...)
		grade += lb.Paren(lb.Reviewed + lb.Colon + doc.Reviewed.Grade + " " + report.Num(doc.Reviewed.Final))
	}
	nt := lb.NoNotice
	if len(notices) > 0 {
		nt = strings.Join(notices, "\n")
	}
	if err := sw.SetRow("A5", []any{text(lb.Grade, st.label), text(grade, st.textWrap), text(lb.Notices, st.label), text(nt, st.notice)},
		excelize.RowOpts{Height: float64(15 * max(1, len(notices)))}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.MergeCell("D5", last+"5"); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if graded(doc) {
		if err := sw.SetRow("A6", []any{text(lb.ItemGrades, st.label), text(itemGradesLine(doc), st.textWrap)}); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if err := sw.MergeCell("B6", last+"6"); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	headers := []string{lb.ID, lb.Category, lb.Max, lb.Score, lb.Rate}
	if rev {
		headers = append(headers, lb.Reviewed, lb.Rate)
	}
	if err := sw.SetRow(cell(1, headerRowN), headerRow(headers, st.header), excelize.RowOpts{Height: 22}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	var topBase []int // rows of top-level base categories
	r := first
	for _, c := range doc.Categories {
		if err := step(); err != nil {
			return err
		}
		title := strings.Repeat("　", c.Depth) + c.Title
		if c.Bonus && c.Depth == 0 {
			title = lb.MarkBonus(title)
		}
		title += report.AdjustText(lb, c)
		row := []any{text(c.ID, st.text), text(title, st.textWrap), excelize.Cell{StyleID: st.num, Value: c.Max}, excelize.Cell{StyleID: st.num, Value: c.Score}}
		row = append(row, rateCell(st, c.Rate, c.HasRate, c.Bonus, r, sScore, sMax))
		if rev {
			row = append(row, excelize.Cell{StyleID: st.num, Value: c.ReviewedScore}, rateCell(st, c.ReviewedRate, c.HasRate, c.Bonus, r, sRevScore, sMax))
		}
		if err := sw.SetRow(cell(1, r), row); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if c.Depth == 0 && !c.Bonus {
			topBase = append(topBase, r)
		}
		r++
	}
	sumOf := func(c int) string {
		if len(topBase) == 0 {
			return "0"
		}
		parts := make([]string, len(topBase))
		for i, tr := range topBase {
			parts[i] = cell(c, tr)
		}
		return "ROUND(" + strings.Join(parts, "+") + ",2)"
	}
	totMax, totScore, totRev := 0.0, 0.0, 0.0
	for _, c := range doc.Categories {
		if c.Depth == 0 && !c.Bonus {
			totMax += c.Max
			totScore += c.Score
			totRev += c.ReviewedScore
		}
	}
	totMax, totScore, totRev = domain.Round2(totMax), domain.Round2(totScore), domain.Round2(totRev)
	totRate, totOK := 0.0, totMax > 0
	if totOK {
		totRate = domain.Round2(totScore / totMax * 100)
	}
	tot := []any{text(lb.TotalRow, st.totalText), text(lb.BaseWord, st.totalText),
		excelize.Cell{StyleID: st.totalNum, Value: totMax, Formula: sumOf(sMax)},
		excelize.Cell{StyleID: st.totalNum, Value: totScore, Formula: sumOf(sScore)},
		excelize.Cell{StyleID: st.totalPct, Value: frac(totRate), Formula: fmt.Sprintf("IF(%s>0,ROUND(%s/%s,4),0)", cell(sMax, r), cell(sScore, r), cell(sMax, r))},
	}
	if rev {
		revRate := 0.0
		if totOK {
			revRate = frac(totRev / totMax * 100)
		}
		tot = append(tot, excelize.Cell{StyleID: st.totalNum, Value: totRev, Formula: sumOf(sRevScore)},
			excelize.Cell{StyleID: st.totalPct, Value: revRate, Formula: fmt.Sprintf("IF(%s>0,ROUND(%s/%s,4),0)", cell(sMax, r), cell(sRevScore, r), cell(sMax, r))})
	}
	if err := sw.SetRow(cell(1, r), tot); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// The score, step by step, as formulas over the detail sheet.
	detTot := func(c int) string { return fmt.Sprintf("%s!%s", quote(lb.SheetDetail), cell(c, det.total)) }
	figs := []struct {
		r       int
		label   string
		value   float64
		formula string
	}{
		{rRaw, lb.Raw, self.Raw, detTot(dScore)},
		{rApp, lb.Applicable, self.ApplicableMax, detTot(dMax)},
		{rScaled, lb.Scaled, self.Scaled, fmt.Sprintf("IF(%s>0,ROUND(%s*%s/%s,2),0)", cell(sScore, rApp), cell(sScore, rRaw), num(self.Total), cell(sScore, rApp))},
		{rBonus, lb.Bonus, self.Bonus, bonusFormula},
	}
	if self.Adjustment != 0 { // raw = the items' points + the categories' adjustments
		figs[0].formula = fmt.Sprintf("ROUND(%s+%s,2)", detTot(dScore), cell(sScore, rAdj))
		figs = append(figs, struct {
			r       int
			label   string
			value   float64
			formula string
		}{rAdj, lb.Shapes.Adjustment, self.Adjustment, ""})
	}
	if self.VetoDeduct != 0 {
		figs = append(figs, struct {
			r       int
			label   string
			value   float64
			formula string
		}{rVeto, lb.Shapes.VetoDeduct, self.VetoDeduct, ""})
	}
	for _, fg := range figs {
		row := []any{nil, text(fg.label, st.label), nil, excelize.Cell{StyleID: st.num, Value: fg.value, Formula: fg.formula}}
		if err := sw.SetRow(cell(1, fg.r), row); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// bonusCap returns the catalog's cap on bonus points as the document knows
// it: the bonus is capped when the sum of bonus items exceeds it.
func bonusCap(doc *report.Document) *float64 {
	if doc.BonusCap == nil {
		return nil
	}
	v := *doc.BonusCap
	return &v
}

func rateCell(st *styles, rate float64, ok, bonus bool, r, scoreCol, maxCol int) excelize.Cell {
	if !ok {
		return excelize.Cell{StyleID: st.pct}
	}
	s := st.pct
	if rate/100 < LowRate && !bonus {
		s = st.pctLow
	}
	return excelize.Cell{StyleID: s, Value: frac(rate), Formula: fmt.Sprintf("IF(%s>0,ROUND(%s/%s,4),0)", cell(maxCol, r), cell(scoreCol, r), cell(maxCol, r))}
}

func writeShortfalls(f *excelize.File, st *styles, doc *report.Document, step func() error) error {
	lb := doc.Labels
	sw, err := f.NewStreamWriter(lb.SheetShort)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := colWidths(sw, []float64{6, 9, 46, 30, 9, 9, 9, 34, 50}); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	scoreLabel := lb.Score
	if doc.Reviewed != nil {
		scoreLabel = lb.Reviewed
	}
	headers := []string{lb.No, lb.ID, lb.Item, lb.Category, lb.Lost, scoreLabel, lb.Max, lb.Answer, lb.Remarks}
	if err := sw.SetRow("A1", headerRow(headers, st.header), excelize.RowOpts{Height: 22}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	r := 2
	sum := 0.0
	for i, it := range doc.Shortfalls {
		if err := step(); err != nil {
			return err
		}
		score := it.Score
		if doc.Reviewed != nil {
			score = it.ReviewedScore
		}
		sum += it.Lost
		row := []any{
			excelize.Cell{StyleID: st.text, Value: i + 1}, text(it.ID, st.text), text(it.Title, st.textWrap), text(it.Category, st.textWrap),
			excelize.Cell{StyleID: st.num, Value: it.Lost, Formula: fmt.Sprintf("ROUND(%s-%s,2)", cell(7, r), cell(6, r))},
			excelize.Cell{StyleID: st.num, Value: score}, excelize.Cell{StyleID: st.num, Value: it.Max},
			text(it.Answer, st.textWrap), text(it.Remarks, st.textWrap),
		}
		if err := sw.SetRow(cell(1, r), row); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		r++
	}
	formula := "0"
	if len(doc.Shortfalls) > 0 {
		formula = fmt.Sprintf("ROUND(SUM(E2:E%d),2)", r-1)
	}
	tot := []any{text(lb.TotalRow, st.totalText), text("", st.totalText), text("", st.totalText), text("", st.totalText),
		excelize.Cell{StyleID: st.totalNum, Value: domain.Round2(sum), Formula: formula}}
	if err := sw.SetRow(cell(1, r), tot); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

func headerRow(titles []string, style int) []any {
	row := make([]any, len(titles))
	for i, t := range titles {
		row[i] = excelize.Cell{StyleID: style, Value: t}
	}
	return row
}

// text returns a string cell without characters XML cannot hold.
func text(s string, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: clean(s)}
}

// clean drops control characters other than tab and newline.
func clean(s string) string {
	if strings.IndexFunc(s, badRune) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badRune(r) {
			return -1
		}
		return r
	}, s)
}

func badRune(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || r == 0xFFFE || r == 0xFFFF
}

// num formats a number for a formula.
func num(x float64) string { return report.Num(x) }

// frac turns a percentage into the fraction a "0.00%" cell holds, as the
// double nearest the decimal (75.49 → 0.7549, not 0.7548999…).
func frac(pct float64) float64 {
	v, err := strconv.ParseFloat(report.Num(pct)+"e-2", 64)
	if err != nil {
		return pct / 100
	}
	return v
}

// colWidths sets the widths of the first columns. The stream writer puts
// each new column before the ones set earlier, so they are set from the
// last: Excel wants the columns in ascending order.
func colWidths(sw *excelize.StreamWriter, widths []float64) error {
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return fmt.Errorf("xlsx: column width: %w", err)
		}
	}
	return nil
}
