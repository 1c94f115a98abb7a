package pdf

import (
	"context"
	"os"
	"strconv"
	"testing"

	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// TestSample writes a sample report to $PINGCE_REPORT_SAMPLE, for looking
// at the pages (and for docs/report-sample.png). It is skipped otherwise.
func TestSample(t *testing.T) {
	path := os.Getenv("PINGCE_REPORT_SAMPLE")
	if path == "" {
		t.Skip("set PINGCE_REPORT_SAMPLE=out.pdf to write a sample report")
	}
	ws := fixture.Workspace(fixture.Config{Items: 40, Reviews: os.Getenv("PINGCE_REPORT_REVIEWS") != "", LongNote: longNote()})
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Write(context.Background(), f, report.Build(ws, report.Options{})); err != nil {
		t.Fatal(err)
	}
}

// longNote is the length of the long note of the sample:
// $PINGCE_REPORT_NOTE, else 2,000 characters.
func longNote() int {
	if n, err := strconv.Atoi(os.Getenv("PINGCE_REPORT_NOTE")); err == nil {
		return n
	}
	return 2000
}
