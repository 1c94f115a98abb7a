package walk

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// TestEvidenceListShowsOriginalName: a file stored under a cleaned name is
// listed with the name it was given beside it, escaped, so that the list
// neither hides the original nor obeys its hidden characters (issue 10 #8).
func TestEvidenceListShowsOriginalName(t *testing.T) {
	s, a := fixture(t)
	if _, err := s.AddEvidence(domain.WithActor(context.Background(), "张三"), a.ID, "A1", "report\u202efdp.exe", strings.NewReader("MZ")); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("A1")
	h.settle()
	var texts []string
	walkObjects(h.v.pane.form.files.rows, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	found := false
	for _, text := range texts {
		if strings.Contains(text, "\u202e") {
			t.Errorf("label %q shows the override raw", text)
		}
		if strings.Contains(text, "report_fdp.exe") && strings.Contains(text, `report\u202efdp.exe`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no label shows the stored and the original name; labels %q", texts)
	}
}
