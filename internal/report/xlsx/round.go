package xlsx

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"pingce/internal/report"
)

// WriteRound writes the round report as a workbook: 排名 (every group's
// ranking, bottom three marked), 矩阵 (units × categories, score rates with
// conditional formats in the round's bands), 共性失分项 and 趋势 (each
// group's average score per round).
func WriteRound(ctx context.Context, w io.Writer, doc *report.RoundDocument) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	lb := doc.Labels
	if err := f.SetSheetName("Sheet1", lb.SheetRanking); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for _, name := range []string{lb.SheetMatrix, lb.SheetLosses, lb.SheetTrend} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	steps := []func() error{
		func() error { return roundRanking(f, st, doc) },
		func() error { return roundMatrix(f, st, doc) },
		func() error { return roundLosses(f, st, doc) },
		func() error { return roundTrend(f, st, doc) },
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s(); err != nil {
			return err
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: clean(doc.Title), Subject: clean(doc.Round), Creator: "Pingce"}); err != nil {
		return fmt.Errorf("xlsx: doc props: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}

// sheetWriter streams one sheet's rows, as Write does.
type sheetWriter struct {
	sw    *excelize.StreamWriter
	sheet string
}

// newSheet starts streaming a sheet with the given column widths.
func newSheet(f *excelize.File, sheet string, widths []float64) (*sheetWriter, error) {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %s: %w", sheet, err)
	}
	if err := colWidths(sw, widths); err != nil {
		return nil, err
	}
	return &sheetWriter{sw: sw, sheet: sheet}, nil
}

// row writes values from column 1 of row r.
func (w *sheetWriter) row(r int, values []any) error {
	if err := w.sw.SetRow(cell(1, r), values); err != nil {
		return fmt.Errorf("xlsx: %s row %d: %w", w.sheet, r, err)
	}
	return nil
}

// flush ends the sheet.
func (w *sheetWriter) flush() error {
	if err := w.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %s: %w", w.sheet, err)
	}
	return nil
}

// Columns of the ranking sheet.
var rankingHeader = func(lb report.RoundLabels) []string {
	return []string{lb.Group, lb.Rank, lb.Unit, lb.Status, lb.Score, lb.Basis, lb.Grade, lb.GapAbove, lb.GapFirst, lb.Change, lb.Mark}
}

func roundRanking(f *excelize.File, st *styles, doc *report.RoundDocument) error {
	w, err := newSheet(f, doc.Labels.SheetRanking, []float64{10, 6, 22, 9, 10, 7, 8, 11, 11, 9, 7})
	if err != nil {
		return err
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := w.row(1, []any{text(doc.Title, st.title)}); err != nil {
		return err
	}
	if err := w.row(3, headerRow(rankingHeader(doc.Labels), st.header)); err != nil {
		return err
	}
	r := 4
	for _, g := range doc.Groups {
		for _, l := range g.Rows {
			var score any = text(l.Score, st.text)
			if l.Score != "" {
				score = excelize.Cell{StyleID: st.num, Value: parseNum(l.Score)}
			}
			var rank any = text(l.Rank, st.text)
			if l.Ranked {
				rank = excelize.Cell{StyleID: st.text, Value: int(parseNum(l.Rank))}
			}
			mark := ""
			if l.Bottom {
				mark = doc.Labels.Bottom
			}
			row := []any{text(g.Name, st.text), rank, text(l.Unit, st.text), text(l.Status, st.text), score,
				text(l.Basis, st.text), text(l.Grade, st.text), text(l.GapAbove, st.text), text(l.GapFirst, st.text),
				text(l.Change, st.text), text(mark, st.text)}
			if err := w.row(r, row); err != nil {
				return err
			}
			r++
		}
	}
	return w.flush()
}

func roundMatrix(f *excelize.File, st *styles, doc *report.RoundDocument) error {
	// Not streamed: conditional formats need the sheet in memory, and the
	// matrix is small (a row per unit, a column per top-level category).
	sheet := doc.Labels.SheetMatrix
	header := []any{doc.Labels.Unit, doc.Labels.Group}
	for _, c := range doc.Categories {
		header = append(header, c.ID+" "+c.Title)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return fmt.Errorf("xlsx: %s: %w", sheet, err)
	}
	last := col(len(header))
	if err := f.SetCellStyle(sheet, "A1", last+"1", st.header); err != nil {
		return err
	}
	for i, m := range doc.Matrix {
		row := []any{clean(m.Unit), clean(m.Group)}
		for _, rate := range m.Rates {
			if math.IsNaN(rate) {
				row = append(row, "—")
			} else {
				row = append(row, frac(rate*100))
			}
		}
		if err := f.SetSheetRow(sheet, cell(1, i+2), &row); err != nil {
			return fmt.Errorf("xlsx: %s row %d: %w", sheet, i+2, err)
		}
	}
	if n := len(doc.Matrix); n > 0 {
		if err := f.SetCellStyle(sheet, "A2", cell(2, n+1), st.text); err != nil {
			return err
		}
		if len(doc.Categories) > 0 {
			if err := f.SetCellStyle(sheet, "C2", cell(len(header), n+1), st.pct); err != nil {
				return err
			}
		}
	}
	for i, c := range doc.Categories {
		if c.Bonus || len(doc.Matrix) == 0 {
			continue // bonus is against its cap: not banded
		}
		rng := cell(3+i, 2) + ":" + cell(3+i, 1+len(doc.Matrix))
		if err := bandFormats(f, sheet, rng, doc); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "C", col(max(3, len(header))), 14); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"})
}

// bandFormats colours the rates of rng green, yellow or red by the round's
// bands, as conditional formats, so that an edited cell recolours itself.
func bandFormats(f *excelize.File, sheet, rng string, doc *report.RoundDocument) error {
	fills := []struct {
		color    string
		criteria string
		value    string
		value2   string
	}{
		{"D9EFDC", ">=", fmt.Sprint(doc.Bands.Green), ""},
		{"FBF0C8", "between", fmt.Sprint(doc.Bands.Yellow), fmt.Sprint(doc.Bands.Green - 1e-9)},
		{"F8D7D7", "<", fmt.Sprint(doc.Bands.Yellow), ""},
	}
	var opts []excelize.ConditionalFormatOptions
	for _, b := range fills {
		style, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{b.color}, Pattern: 1}})
		if err != nil {
			return fmt.Errorf("xlsx: band style: %w", err)
		}
		o := excelize.ConditionalFormatOptions{Type: "cell", Criteria: b.criteria, Format: &style, Value: b.value}
		if b.criteria == "between" {
			o.MinValue, o.MaxValue, o.Value = b.value, b.value2, ""
		}
		opts = append(opts, o)
	}
	if err := f.SetConditionalFormat(sheet, rng, opts); err != nil {
		return fmt.Errorf("xlsx: band formats: %w", err)
	}
	return nil
}

func roundLosses(f *excelize.File, st *styles, doc *report.RoundDocument) error {
	lb := doc.Labels
	w, err := newSheet(f, lb.SheetLosses, []float64{8, 48, 11, 11, 11, 11})
	if err != nil {
		return err
	}
	if err := w.row(1, headerRow([]string{lb.Item, lb.Title, lb.Losing, lb.Unit, lb.AvgLoss, lb.MaxLoss}, st.header)); err != nil {
		return err
	}
	for i, c := range doc.CommonLosses {
		row := []any{text(c.ItemID, st.text), text(c.Title, st.textWrap), excelize.Cell{StyleID: st.text, Value: c.Losing},
			excelize.Cell{StyleID: st.text, Value: c.Units}, excelize.Cell{StyleID: st.num, Value: c.AvgLoss},
			excelize.Cell{StyleID: st.num, Value: c.MaxLoss}}
		if err := w.row(i+2, row); err != nil {
			return err
		}
	}
	return w.flush()
}

func roundTrend(f *excelize.File, st *styles, doc *report.RoundDocument) error {
	header := []string{doc.Labels.Group}
	header = append(header, doc.TrendRounds...)
	widths := make([]float64, len(header))
	for i := range widths {
		widths[i] = 12
	}
	w, err := newSheet(f, doc.Labels.SheetTrend, widths)
	if err != nil {
		return err
	}
	if err := w.row(1, headerRow(header, st.header)); err != nil {
		return err
	}
	for i, s := range doc.Trend {
		row := []any{text(s.Name, st.text)}
		for _, v := range s.Values {
			if math.IsNaN(v) {
				row = append(row, text("—", st.text))
			} else {
				row = append(row, excelize.Cell{StyleID: st.num, Value: v})
			}
		}
		if err := w.row(i+2, row); err != nil {
			return err
		}
	}
	return w.flush()
}

// parseNum reads back a number report.Num wrote.
func parseNum(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}
