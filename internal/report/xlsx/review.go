package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"pingce/internal/report"
)

// writeReview writes the review sheet (审核意见, issue 12): every veto with
// its state, the return message, and every item the reviewer decided on
// beyond a plain acceptance with 自评分 beside 核定分 and the 扣分说明.
func writeReview(f *excelize.File, st *styles, doc *report.Document) error {
	lb := doc.Labels
	rl := lb.Review
	if _, err := f.NewSheet(rl.SheetReview); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(rl.SheetReview)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := colWidths(sw, []float64{9, 46, 12, 10, 10, 60}); err != nil {
		return err
	}
	r := 1
	put := func(cells ...any) error {
		if err := sw.SetRow(cell(1, r), cells); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		r++
		return nil
	}
	if err := put(text(rl.Vetoes, st.header)); err != nil {
		return err
	}
	if len(doc.Vetoes) == 0 {
		if err := put(text(rl.NoVetoes, st.text)); err != nil {
			return err
		}
	} else {
		if err := put(headerRow([]string{lb.ID, lb.Item, rl.State}, st.header)...); err != nil {
			return err
		}
		for _, v := range doc.Vetoes {
			if err := put(text(v.ID, st.text), text(v.Title, st.textWrap), text(v.State, st.text)); err != nil {
				return err
			}
		}
	}
	r++
	if err := put(text(rl.Opinion, st.header)); err != nil {
		return err
	}
	if doc.ReturnReason != "" {
		if err := put(text(rl.Returned, st.text), text(doc.ReturnReason, st.textWrap)); err != nil {
			return err
		}
	}
	if doc.Reviewed == nil && len(doc.Opinion) == 0 {
		if err := put(text(doc.NoOpinionText(), st.text)); err != nil {
			return err
		}
	}
	if len(doc.Opinion) > 0 {
		if err := put(headerRow([]string{lb.ID, lb.Item, rl.Verdict, rl.Own, rl.Approved, lb.Remarks}, st.header)...); err != nil {
			return err
		}
		for _, o := range doc.Opinion {
			if err := put(text(o.ID, st.text), text(o.Title, st.textWrap), text(o.Verdict, st.text),
				excelize.Cell{StyleID: st.num, Value: o.Own}, excelize.Cell{StyleID: st.num, Value: o.Approved},
				text(o.Text, st.textWrap)); err != nil {
				return err
			}
		}
	}
	if doc.ReviewedBy != "" {
		r++
		if err := put(text(lb.Reviewer, st.text), text(doc.ReviewedBy, st.text)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}
