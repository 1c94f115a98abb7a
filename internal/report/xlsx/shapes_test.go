package xlsx

import (
	"testing"

	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// TestWorkbookShapes: the categories' adjustments and the veto's deduction
// have their rows under the summary, and the formulas Excel recomputes on
// opening give the scorer's raw and final points; a N/A counted as full
// marks says so and counts in the applicable max.
func TestWorkbookShapes(t *testing.T) {
	ws := fixture.Shapes()
	res := ws.Result()
	f := write(t, ws)
	lb := report.ChineseLabels()
	rows, err := f.GetRows(lb.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{} // label in column B → row
	for i, r := range rows {
		if len(r) > 1 {
			at[r[1]] = i + 1
		}
	}
	for _, c := range []struct {
		label string
		want  float64
	}{
		{lb.Raw, res.Raw},
		{lb.Applicable, res.ApplicableMax},
		{lb.Scaled, res.Scaled},
		{lb.Shapes.Adjustment, -7},
		{lb.Shapes.VetoDeduct, 10},
	} {
		t.Run(c.label, func(t *testing.T) {
			r, ok := at[c.label]
			if !ok {
				t.Fatalf("no row %q on the summary sheet", c.label)
			}
			if got := number(t, f, lb.Sheet, cell(sScore, r)); !near(got, c.want) {
				t.Errorf("value %v, want %v", got, c.want)
			}
			if got := calc(t, f, lb.Sheet, cell(sScore, r)); !near(got, c.want) {
				t.Errorf("recomputed %v, want %v", got, c.want)
			}
		})
	}
	if got := calc(t, f, lb.Sheet, "B4"); !near(got, res.Final) || res.Final != 20 {
		t.Errorf("final recomputed %v, scorer %v (want 20)", got, res.Final)
	}
	det, err := f.GetRows(lb.SheetDetail)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range det {
		if r[0] == "C1" && (r[dStatus-1] != "不适用（按满分计）" || r[dAnswer-1] != "不适用（按满分计）") {
			t.Errorf("C1 status %q answer %q", r[dStatus-1], r[dAnswer-1])
		}
	}
	// Categories: the adjustment follows the title.
	for _, r := range rows {
		if len(r) > 1 && r[0] == "B" && r[1] != "安全监管（类目调整 −10 分）" {
			t.Errorf("category B reads %q", r[1])
		}
	}
}
