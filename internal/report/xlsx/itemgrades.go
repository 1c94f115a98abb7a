package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"pingce/internal/report"
)

// Item grades in the workbook (issue 19), as in the PDF: the 逐项等级 line
// of 汇总, the grade column of 明细 and the sheet of the items below the top
// grade, which leads analyse.

// graded reports whether the catalog grades items (the document counts
// them).
func graded(doc *report.Document) bool { return doc.Self.ItemGrades != nil }

// itemGradesLine is the 逐项等级 line: "优秀 25 项、良好 11 项", with the
// reviewed counts after it when the assessment is reviewed.
func itemGradesLine(doc *report.Document) string {
	lb := doc.Labels
	s := report.ItemGradesText(lb, doc.Self.ItemGrades)
	if doc.Reviewed != nil {
		s += lb.Paren(lb.Reviewed + lb.Colon + report.ItemGradesText(lb, doc.Reviewed.ItemGrades))
	}
	return s
}

// writeBelowTop writes the sheet of the items below the top grade of their
// bands, most points lost first (the reviewer's points when reviewed); a
// line says so when every item reached the top grade.
func writeBelowTop(f *excelize.File, st *styles, doc *report.Document, step func() error) error {
	if !graded(doc) {
		return nil
	}
	lb := doc.Labels
	sw, err := f.NewStreamWriter(lb.SheetBelowTop)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := colWidths(sw, []float64{6, 9, 46, 30, 9, 9, 9, 9, 34, 50}); err != nil {
		return err
	}
	if len(doc.BelowTop) == 0 {
		if err := sw.SetRow("A1", []any{text(lb.NoBelowTop, st.text)}); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		return flush(sw)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	scoreLabel, gradeLabel := lb.Score, lb.Grade
	if doc.Reviewed != nil {
		scoreLabel, gradeLabel = lb.Reviewed, lb.ReviewedGrade
	}
	headers := []string{lb.No, lb.ID, lb.Item, lb.Category, gradeLabel, lb.Lost, scoreLabel, lb.Max, lb.Answer, lb.Remarks}
	if err := sw.SetRow("A1", headerRow(headers, st.header), excelize.RowOpts{Height: 22}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, it := range doc.BelowTop {
		if err := step(); err != nil {
			return err
		}
		r := i + 2
		score, grade := it.Score, it.Grade
		if doc.Reviewed != nil {
			score, grade = it.ReviewedScore, it.ReviewedGrade
		}
		row := []any{
			excelize.Cell{StyleID: st.text, Value: i + 1}, text(it.ID, st.text), text(it.Title, st.textWrap), text(it.Category, st.textWrap),
			text(grade, st.text),
			excelize.Cell{StyleID: st.num, Value: it.Lost, Formula: fmt.Sprintf("ROUND(%s-%s,2)", cell(8, r), cell(7, r))},
			excelize.Cell{StyleID: st.num, Value: score}, excelize.Cell{StyleID: st.num, Value: it.Max},
			text(it.Answer, st.textWrap), text(it.Remarks, st.textWrap),
		}
		if err := sw.SetRow(cell(1, r), row); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	return flush(sw)
}

func flush(sw *excelize.StreamWriter) error {
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}
