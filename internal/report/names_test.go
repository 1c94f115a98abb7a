package report

import (
	"testing"

	"pingce/internal/domain"
)

// TestEvidenceNamesEscaped shows evidence file names with their hidden
// characters escaped (issue 10 #8: "report\u202efdp.exe" showed as
// "reportexe.pdf" in Excel), stored ones and those an answers file names.
func TestEvidenceNamesEscaped(t *testing.T) {
	ws := workspace()
	ws.Evidence["A.2"][0].Name = "report\u202efdp.exe"
	ws.Answers.Answers["A.1"] = domain.Answer{Met: domain.Bool(true), Evidence: []string{"a\nb.pdf"}}
	d := Build(ws, Options{})
	for id, want := range map[string]string{"A.2": `report\u202efdp.exe`, "A.1": `a\nb.pdf`} {
		if evs := row(t, d, id).Evidence; len(evs) != 1 || evs[0].Name != want {
			t.Errorf("%s evidence %+v, want %q", id, evs, want)
		}
	}
}
