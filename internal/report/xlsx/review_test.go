package xlsx

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// TestReviewSheetReadBack reads the 审核意见 sheet back cell by cell: every
// veto of the catalog with its state, the return message, one row per item
// the reviewer decided on beyond a plain acceptance with 自评分 beside 核定分
// and the 扣分说明, and the reviewer's line; unreviewed, the sheet says so.
func TestReviewSheetReadBack(t *testing.T) {
	lb := report.ChineseLabels()
	rl := lb.Review
	t.Run("reviewed", func(t *testing.T) {
		ws := fixture.Workspace(fixture.Config{Items: 8, Veto: true})
		items := ws.Catalog.Items()
		a, b, c := items[0], items[1], items[2]
		ws.Assessment.ReturnReason = "请补充台账后重新提交"
		ws.Reviews = map[string]domain.Review{
			a.ID: {Verdict: domain.VerdictAdjust, Score: domain.Float(1), Reason: "佐证不足", By: "李四"},
			b.ID: {Verdict: domain.VerdictRequest, Request: "请补充会议纪要", By: "李四"},
			c.ID: {Verdict: domain.VerdictAccept, By: "王五"}, // a plain acceptance: no row
		}
		doc := report.Build(ws, report.Options{})
		f := write(t, ws)
		rows, err := f.GetRows(rl.SheetReview)
		if err != nil {
			t.Fatal(err)
		}
		at := func(r, c int) string {
			if r >= len(rows) || c >= len(rows[r]) {
				return ""
			}
			return rows[r][c]
		}
		if at(0, 0) != rl.Vetoes || at(1, 0) != lb.ID || at(1, 2) != rl.State {
			t.Fatalf("veto heading rows %q", rows[:min(2, len(rows))])
		}
		for i, want := range [][]string{{"V1", "自评材料或数据弄虚作假", rl.Triggered}, {"V2", "发生重大安全责任事故", rl.NotTriggered}} {
			for j, w := range want {
				if got := at(2+i, j); got != w {
					t.Errorf("veto row %d col %d = %q, want %q", 3+i, j+1, got, w)
				}
			}
		}
		r := 5 // a blank row after the vetoes
		if at(r, 0) != rl.Opinion || at(r+1, 0) != rl.Returned || at(r+1, 1) != "请补充台账后重新提交" {
			t.Fatalf("opinion rows %q", rows[r:min(r+2, len(rows))])
		}
		if h := rows[r+2]; len(h) != 6 || h[2] != rl.Verdict || h[3] != rl.Own || h[4] != rl.Approved || h[5] != lb.Remarks {
			t.Errorf("opinion header %q", h)
		}
		own := func(id string) float64 {
			for _, d := range doc.Details {
				if d.ID == id {
					return d.Score
				}
			}
			t.Fatalf("no detail row %s", id)
			return 0
		}
		for i, want := range []struct {
			id, title, verdict string
			own, approved      float64
			text               string
		}{
			{a.ID, a.Title, rl.Verdicts[domain.VerdictAdjust], own(a.ID), 1, rl.Reason + lb.Colon + "佐证不足"},
			{b.ID, b.Title, rl.Verdicts[domain.VerdictRequest], own(b.ID), own(b.ID), rl.Request + lb.Colon + "请补充会议纪要"},
		} {
			row := r + 3 + i
			if at(row, 0) != want.id || at(row, 1) != want.title || at(row, 2) != want.verdict || at(row, 5) != want.text {
				t.Errorf("opinion row %d = %q, want %s %s %s … %q", row+1, rows[row], want.id, want.title, want.verdict, want.text)
			}
			for j, w := range []float64{want.own, want.approved} {
				ref := cell(4+j, row+1)
				if got := number(t, f, rl.SheetReview, ref); !near(got, w) {
					t.Errorf("%s!%s = %v, want %v", rl.SheetReview, ref, got, w)
				}
			}
		}
		last := r + 3 + 2 + 1 // a blank row, then the reviewer
		if at(last, 0) != lb.Reviewer || at(last, 1) != "李四" {
			t.Errorf("reviewer row %d = %q, want %s 李四", last+1, rows[min(last, len(rows)-1)], lb.Reviewer)
		}
		if len(rows) != last+1 {
			t.Errorf("the sheet has %d rows, want %d: %q", len(rows), last+1, rows)
		}
	})
	t.Run("not reviewed", func(t *testing.T) {
		ws := fixture.Workspace(fixture.Config{Items: 8})
		f := write(t, ws)
		rows, err := f.GetRows(rl.SheetReview)
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{rl.Vetoes}, {lb.ID, lb.Item, rl.State}, {"V1", "自评材料或数据弄虚作假", rl.NotTriggered},
			{"V2", "发生重大安全责任事故", rl.NotTriggered}, nil, {rl.Opinion}, {rl.NoOpinion}}
		if len(rows) != len(want) {
			t.Fatalf("rows %q, want %q", rows, want)
		}
		for i, w := range want {
			if strings.Join(rows[i], "|") != strings.Join(w, "|") {
				t.Errorf("row %d = %q, want %q", i+1, rows[i], w)
			}
		}
	})
}
