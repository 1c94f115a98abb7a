package report

import (
	"fmt"
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

// TestEvidenceOriginalNameShown shows, beside the cleaned name a file is
// stored under, the name it was given, escaped and labelled in the
// report's language; nothing when the file kept its name.
func TestEvidenceOriginalNameShown(t *testing.T) {
	en := EnglishLabels()
	tests := []struct {
		name     string
		original string
		opts     Options
		want     string
	}{
		{"chinese", "report\u202efdp.exe", Options{}, `report_fdp.exe (%s)（原名：report\u202efdp.exe）`},
		{"english", "a\x1bb.pdf", Options{Labels: &en}, `report_fdp.exe (%s) (given as: a\x1bb.pdf)`},
		{"name kept", "", Options{}, `report_fdp.exe (%s)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := workspace()
			ev := &ws.Evidence["A.2"][0]
			ev.Name, ev.OriginalName = "report_fdp.exe", tt.original
			evs := row(t, Build(ws, tt.opts), "A.2").Evidence
			if want := fmt.Sprintf(tt.want, ev.ShortHash()); len(evs) != 1 || evs[0].String() != want {
				t.Errorf("evidence %+v, want %q", evs, want)
			}
		})
	}
}
