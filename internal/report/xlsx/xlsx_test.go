package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

func write(t *testing.T, ws *domain.Workspace) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, report.Build(ws, report.Options{})); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func number(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	s, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, ref, s)
	}
	return v
}

// calc recomputes a formula cell with excelize's engine, as Excel would on
// opening, and returns the number.
func calc(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	s, err := f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("calc %s!%s: %v", sheet, ref, err)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("calc %s!%s = %q, not a number", sheet, ref, s)
	}
	return v
}

func near(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 }

func TestWorkbookMatchesScore(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  fixture.Config
	}{
		{"small", fixture.Config{Items: 8}},
		{"reviewed", fixture.Config{Items: 40, Reviews: true}},
		{"veto and long note", fixture.Config{Items: 24, Veto: true, LongNote: 2000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := fixture.Workspace(tc.cfg)
			res := ws.Result()
			f := write(t, ws)
			lb := report.ChineseLabels()
			if got, want := f.GetSheetList(), []string{lb.Sheet, lb.SheetDetail, lb.SheetShort, lb.Review.SheetReview}; len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
				t.Fatalf("sheets = %v, want %v", got, want)
			}

			// 明细: one row per applicable item, in order, with the scorer's points.
			rows, err := f.GetRows(lb.SheetDetail)
			if err != nil {
				t.Fatal(err)
			}
			d := report.Build(ws, report.Options{})
			checkDetailHeader(t, rows[0], lb, tc.cfg.Reviews)
			r := 1
			for _, is := range res.Items {
				if is.Status == domain.StatusExcluded {
					continue
				}
				if r >= len(rows) || rows[r][0] != is.ID {
					t.Fatalf("明细 row %d: want item %s, got %v", r+1, is.ID, rows[min(r, len(rows)-1)])
				}
				if it := d.Details[r-1]; it.ID != is.ID {
					t.Fatalf("明细 row %d: document has %s, result %s", r+1, it.ID, is.ID)
				} else if rows[r][dRequirement-1] != it.Requirement || rows[r][dTitle-1] != it.Title || rows[r][dCategory-1] != it.Category {
					t.Errorf("%s: title/requirement/category = %q / %q / %q, want %q / %q / %q", is.ID,
						rows[r][dTitle-1], rows[r][dRequirement-1], rows[r][dCategory-1], it.Title, it.Requirement, it.Category)
				}
				if got := number(t, f, lb.SheetDetail, cell(dScore, r+1)); !near(got, is.Score) {
					t.Errorf("%s score = %v, want %v", is.ID, got, is.Score)
				}
				if got := number(t, f, lb.SheetDetail, cell(dMax, r+1)); !near(got, is.Max) {
					t.Errorf("%s max = %v, want %v", is.ID, got, is.Max)
				}
				if got, want := calc(t, f, lb.SheetDetail, cell(dLost, r+1)), number(t, f, lb.SheetDetail, cell(dLost, r+1)); !near(got, want) {
					t.Errorf("%s lost: formula gives %v, cached %v", is.ID, got, want)
				}
				r++
			}
			tot := r + 1
			if got, want := rows[tot-1][0], lb.TotalRow+lb.Paren(lb.BaseWord); got != want {
				t.Errorf("明细 row %d starts %q, want the totals row %q", tot, got, want)
			}
			lost, revSum := 0.0, 0.0
			for _, it := range d.Details {
				if it.Bonus {
					continue
				}
				revSum += it.ReviewedScore
				if it.Status != domain.StatusNA {
					lost += domain.Round2(it.Max - it.Score)
				}
			}
			totals := []struct {
				col  int
				want float64
			}{{dScore, res.Raw}, {dMax, res.ApplicableMax}, {dLost, domain.Round2(lost)}}
			if res.ApplicableMax > 0 {
				totals = append(totals, struct {
					col  int
					want float64
				}{dRate, frac(domain.Round2(res.Raw) / domain.Round2(res.ApplicableMax) * 100)})
			}
			if tc.cfg.Reviews {
				totals = append(totals, struct {
					col  int
					want float64
				}{dRate + 1, domain.Round2(revSum)})
			}
			for _, c := range totals {
				if got := number(t, f, lb.SheetDetail, cell(c.col, tot)); !near(got, c.want) {
					t.Errorf("明细 total %s = %v, want %v", cell(c.col, tot), got, c.want)
				}
				if got := calc(t, f, lb.SheetDetail, cell(c.col, tot)); !near(got, c.want) {
					t.Errorf("明细 total %s recalculates to %v, want %v", cell(c.col, tot), got, c.want)
				}
			}

			// 汇总: final and percent, stored and recalculated.
			for _, c := range []struct {
				ref  string
				want float64
			}{{"B4", res.Final}, {"D4", res.Total}, {"F4", res.Percent / 100}} {
				if got := number(t, f, lb.Sheet, c.ref); !near(got, c.want) {
					t.Errorf("汇总!%s = %v, want %v", c.ref, got, c.want)
				}
				if got := calc(t, f, lb.Sheet, c.ref); !near(got, c.want) {
					t.Errorf("汇总!%s recalculates to %v, want %v", c.ref, got, c.want)
				}
			}
			grade, _ := f.GetCellValue(lb.Sheet, "B5")
			if len(grade) < len(res.Grade) || grade[:len(res.Grade)] != res.Grade {
				t.Errorf("汇总!B5 = %q, want grade %q first", grade, res.Grade)
			}
			// Categories in order with their points.
			for i, cs := range res.Categories {
				rr := 7 + i
				if id, _ := f.GetCellValue(lb.Sheet, cell(sID, rr)); id != cs.ID {
					t.Fatalf("汇总 row %d: id %q, want %q", rr, id, cs.ID)
				}
				if got := number(t, f, lb.Sheet, cell(sScore, rr)); !near(got, cs.Score) {
					t.Errorf("category %s score = %v, want %v", cs.ID, got, cs.Score)
				}
			}

			// 短板: lost points sum to what the detail lost on base items.
			srows, _ := f.GetRows(lb.SheetShort)
			if len(srows) != len(d.Shortfalls)+2 {
				t.Fatalf("短板 has %d rows, want %d", len(srows), len(d.Shortfalls)+2)
			}
			last := len(srows)
			if got, want := number(t, f, lb.SheetShort, cell(5, last)), calc(t, f, lb.SheetShort, cell(5, last)); !near(got, want) {
				t.Errorf("短板 total cached %v, recalculates to %v", got, want)
			}
		})
	}
}

// checkDetailHeader checks that 明细's header names every column where the
// column constants (and so the formulas) put it.
func checkDetailHeader(t *testing.T, header []string, lb report.Labels, reviewed bool) {
	t.Helper()
	want := map[int]string{
		dID: lb.ID, dTitle: lb.Item, dRequirement: lb.Requirement, dCategory: lb.Category,
		dKind: lb.BonusWord + "/" + lb.BaseWord, dStatus: lb.ItemStatus, dAnswer: lb.Answer,
		dScore: lb.Score, dMax: lb.Max, dLost: lb.Lost, dRate: lb.Rate,
	}
	next := dRate + 1
	if reviewed {
		want[next] = lb.Reviewed
		next++
	}
	for i, l := range []string{lb.NAReason, lb.Note, lb.Evidence, lb.ReviewNote} {
		want[next+i] = l
	}
	if len(header) != len(want) {
		t.Errorf("明细 header has %d columns, want %d: %q", len(header), len(want), header)
	}
	for c, w := range want {
		if c > len(header) || header[c-1] != w {
			t.Errorf("明细 header column %s = %q, want %q", col(c), header[min(c, len(header))-1], w)
		}
	}
}

// TestRequirementColumn checks the 要求 column: the item's requirement,
// wrapped like the other long texts, an empty cell when the item has none,
// and the English header in an English report.
func TestRequirementColumn(t *testing.T) {
	ws := fixture.Workspace(fixture.Config{Items: 8})
	for _, tc := range []struct {
		name string
		lb   report.Labels
	}{{"zh", report.ChineseLabels()}, {"en", report.EnglishLabels()}} {
		t.Run(tc.name, func(t *testing.T) {
			lb := tc.lb
			doc := report.Build(ws, report.Options{Labels: &lb})
			if len(doc.Details) < 3 {
				t.Fatalf("%d detail rows, want at least 3", len(doc.Details))
			}
			doc.Details[1].Requirement = ""
			doc.Details[2].Requirement = "第一行\n第二行"
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, doc); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got, _ := f.GetCellValue(lb.SheetDetail, cell(dRequirement, 1)); got != lb.Requirement {
				t.Errorf("header %s = %q, want %q", cell(dRequirement, 1), got, lb.Requirement)
			}
			for i, it := range doc.Details {
				ref := cell(dRequirement, i+2)
				if got, _ := f.GetCellValue(lb.SheetDetail, ref); got != it.Requirement {
					t.Errorf("%s (%s) = %q, want %q", ref, it.ID, got, it.Requirement)
				}
				sid, err := f.GetCellStyle(lb.SheetDetail, ref)
				if err != nil {
					t.Fatal(err)
				}
				s, err := f.GetStyle(sid)
				if err != nil {
					t.Fatal(err)
				}
				if s.Alignment == nil || !s.Alignment.WrapText {
					t.Errorf("%s is not wrapped", ref)
				}
			}
			if w, err := f.GetColWidth(lb.SheetDetail, col(dRequirement)); err != nil || w != 40 {
				t.Errorf("column %s width = %v (%v), want 40", col(dRequirement), w, err)
			}
		})
	}
}

func TestFrozenHeadersAndRecalc(t *testing.T) {
	f := write(t, fixture.Workspace(fixture.Config{Items: 10}))
	lb := report.ChineseLabels()
	for _, tc := range []struct {
		sheet  string
		ySplit int
	}{{lb.Sheet, 6}, {lb.SheetDetail, 1}, {lb.SheetShort, 1}} {
		t.Run(tc.sheet, func(t *testing.T) {
			p, err := f.GetPanes(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.YSplit != tc.ySplit {
				t.Errorf("panes = %+v, want frozen at row %d", p, tc.ySplit)
			}
		})
	}
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet %d, want 0 (%s)", i, lb.Sheet)
	}
	cp, err := f.GetCalcProps()
	if err != nil {
		t.Fatal(err)
	}
	if cp.FullCalcOnLoad == nil || !*cp.FullCalcOnLoad {
		t.Errorf("FullCalcOnLoad not set: %+v", cp)
	}
}

func TestLowRateFilled(t *testing.T) {
	ws := fixture.Workspace(fixture.Config{Items: 16})
	f := write(t, ws)
	lb := report.ChineseLabels()
	d := report.Build(ws, report.Options{})
	for i, c := range d.Categories {
		if !c.HasRate || c.Bonus {
			continue
		}
		ref := cell(sRate, 7+i)
		sid, err := f.GetCellStyle(lb.Sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(sid)
		if err != nil {
			t.Fatal(err)
		}
		filled := len(st.Fill.Color) > 0
		if filled != (c.Rate < 60) {
			t.Errorf("category %s rate %v%%: filled = %v", c.ID, c.Rate, filled)
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Write(ctx, &bytes.Buffer{}, report.Build(fixture.Workspace(fixture.Config{Items: 10}), report.Options{}))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestColumnsAscending checks that every sheet lists its column widths in
// ascending order, as Excel requires, and that the widths are set.
func TestColumnsAscending(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, report.Build(fixture.Workspace(fixture.Config{Items: 10, Reviews: true}), report.Options{})); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	colRE := regexp.MustCompile(`<col min="(\d+)"`)
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		t.Run(zf.Name, func(t *testing.T) {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			ms := colRE.FindAllStringSubmatch(string(data), -1)
			if len(ms) < 5 {
				t.Fatalf("%d column widths, want at least 5", len(ms))
			}
			for i, m := range ms {
				if m[1] != strconv.Itoa(i+1) {
					t.Fatalf("column %d listed at position %d: %v", i+1, i, ms)
				}
			}
		})
	}
	if sheets != 4 { // 汇总, 明细, 短板, 审核意见
		t.Errorf("%d sheets", sheets)
	}
}

func TestEmptyCatalog(t *testing.T) {
	ws := &domain.Workspace{Catalog: &domain.Catalog{ID: "empty", Version: "1", Title: "空目录", Total: 100}}
	f := write(t, ws)
	lb := report.ChineseLabels()
	for _, ref := range []string{"B4", "F4"} {
		if got := calc(t, f, lb.Sheet, ref); got != 0 {
			t.Errorf("%s recalculates to %v, want 0", ref, got)
		}
	}
}

func TestProgress(t *testing.T) {
	last, total, calls := 0, 0, 0
	doc := report.Build(fixture.Workspace(fixture.Config{Items: 20}), report.Options{Progress: func(done, n int) {
		calls++
		if done <= last || (total != 0 && n != total) {
			t.Errorf("progress %d/%d after %d/%d", done, n, last, total)
		}
		last, total = done, n
	}})
	if err := Write(context.Background(), io.Discard, doc); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != total {
		t.Errorf("progress ended at %d/%d after %d calls", last, total, calls)
	}
}
