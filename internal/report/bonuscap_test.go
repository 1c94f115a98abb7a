package report

import (
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

// TestBonusCategoryAgainstCap: the bonus category's row shows the points
// that count, against the bonus cap, not the sum of its items' max (the PDF
// listed 加分项 with 满分 55 and 36.36 % under a cap of 30).
func TestBonusCategoryAgainstCap(t *testing.T) {
	cases := []struct {
		name             string
		count            int // X.1 count; 5 points each, max 10
		cap              float64
		wantScore, wantM float64
		wantRate         float64
	}{
		{"claimed over the cap", 2, 5, 5, 5, 100},
		{"claimed under the cap", 1, 8, 5, 8, 62.5},
		{"nothing claimed", 0, 5, 0, 5, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := workspace()
			ws.Catalog.BonusCap = domain.Float(tc.cap)
			ws.Answers.Answers["X.1"] = domain.Answer{Count: domain.Int(tc.count)}
			d := Build(ws, Options{Date: time.Date(2026, 10, 8, 0, 0, 0, 0, time.UTC)})
			for _, r := range d.Categories {
				if r.ID != "X" {
					continue
				}
				if r.Score != tc.wantScore || r.Max != tc.wantM || r.Rate != tc.wantRate {
					t.Errorf("X row %v/%v (%v%%), want %v/%v (%v%%)", r.Score, r.Max, r.Rate, tc.wantScore, tc.wantM, tc.wantRate)
				}
				return
			}
			t.Fatal("no row for the bonus category")
		})
	}
}

// TestCapOfUnansweredItem: a draft's cap from an item not answered yet
// says so, not that the item lost points (issue 11 #5).
func TestCapOfUnansweredItem(t *testing.T) {
	ws := workspace()
	delete(ws.Answers.Answers, "A.3") // the cap's item
	d := Build(ws, Options{Date: time.Date(2026, 10, 8, 0, 0, 0, 0, time.UTC)})
	found := false
	for _, n := range d.Self.Notices {
		if strings.Contains(n, "A.3") {
			found = true
			if !strings.Contains(n, "尚未作答") || strings.Contains(n, "命案 失分") {
				t.Errorf("notice %q", n)
			}
		}
	}
	if !found {
		t.Fatalf("no notice of the A.3 cap: %q", d.Self.Notices)
	}
}
