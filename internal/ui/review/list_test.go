package review

import (
	"testing"

	"pingce/internal/domain"
)

// TestSortLines: the 审核 area lists the newest round first, and in a
// round what waits for the reviewer before what is in review, returned
// and approved, units by name within each.
func TestSortLines(t *testing.T) {
	lines := []Line{
		{ID: 1, Unit: "乙所", Round: "2026-Q3", Status: domain.Approved},
		{ID: 2, Unit: "甲所", Round: "2026-Q2", Status: domain.Submitted},
		{ID: 3, Unit: "乙所", Round: "2026-Q3", Status: domain.Submitted, Reviewed: 2},
		{ID: 4, Unit: "丙所", Round: "2026-Q3", Status: domain.Returned},
		{ID: 5, Unit: "乙所", Round: "2026-Q3", Status: domain.Submitted},
		{ID: 6, Unit: "丁所", Round: "2026-Q3", Status: domain.Submitted},
	}
	sortLines(lines)
	want := []int64{6, 5, 3, 4, 1, 2} // 丁 < 乙 by code point
	for i, x := range lines {
		if x.ID != want[i] {
			var got []int64
			for _, y := range lines {
				got = append(got, y.ID)
			}
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}
