package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/message"
	"pingce/internal/ui/uitest"
)

// TestProblemsOnePerRow: a list of problems shows each on its own row, its
// place on a line that never wraps (issue 11 #10: "第 36 / 行").
func TestProblemsOnePerRow(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	ps := []domain.Problem{
		{File: "bad.yaml", Line: 36, ItemID: "A1", Code: domain.ProbCatEmptyField, Msg: "per must not be empty", Args: map[string]string{"key": "per"}},
		{File: "bad.yaml", Line: 40, ItemID: "A2", Code: domain.ProbCatEmptyField, Msg: "levels must not be empty", Args: map[string]string{"key": "levels"}},
	}
	var details []string
	for _, p := range ps {
		details = append(details, message.ProblemText(p))
	}
	ShowProblems(w, "title", "head", details)
	top := uitest.Top(w)
	for _, p := range ps {
		place := message.ProblemPlace(p)
		l, ok := uitest.Find(top, func(l *widget.Label) bool { return l.Text == place })
		if !ok {
			t.Fatalf("no row with the place %q: %q", place, uitest.Text(top))
		}
		if l.Wrapping != fyne.TextWrapOff || l.Truncation == fyne.TextTruncateOff {
			t.Errorf("place %q may wrap", place)
		}
		what := message.ProblemMessage(p)
		if _, ok := uitest.Find(top, func(l *widget.Label) bool { return l.Text == what && l.Wrapping == fyne.TextWrapWord }); !ok {
			t.Errorf("no wrapped row %q", what)
		}
	}
	if _, ok := uitest.Find(top, func(s *widget.Separator) bool { return true }); !ok {
		t.Error("the rows are not set apart")
	}
}
