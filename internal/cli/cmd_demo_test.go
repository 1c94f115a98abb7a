package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

func TestDemo(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "demo", "--db", dbPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, demoRound) || !strings.Contains(out, demoPrevRound) {
		t.Errorf("stdout %q", out)
	}
	st := storagetest.OpenFile(t, dbPath)
	ctx := context.Background()
	list, err := st.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("assessments %v %v", list, err)
	}
	byRound := map[string]domain.AssessmentSummary{}
	for _, a := range list {
		byRound[a.Round] = a
	}
	t.Run("previous round is complete and submitted", func(t *testing.T) {
		a := byRound[demoPrevRound]
		if a.Status != domain.Submitted || a.Answered != a.Applicable || a.Unit.Name != demoUnit || a.Unit.Type != demoUnitType {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("current round is half done with N/A, flag, notes and files", func(t *testing.T) {
		a := byRound[demoRound]
		if a.Status != domain.Draft || a.Progress() < 0.35 || a.Progress() > 0.65 {
			t.Fatalf("status %s, progress %.2f", a.Status, a.Progress())
		}
		ws, err := st.OpenAssessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var na, flagged, notes int
		methods := map[domain.Method]bool{}
		for id, ans := range ws.Answers.Answers {
			if ans.NA {
				na++
			}
			if ans.Flagged {
				flagged++
			}
			if ans.Note != "" {
				notes++
			}
			if it := ws.Catalog.Item(id); it != nil && !it.IsComposite() {
				methods[it.Method] = true
			}
		}
		files := 0
		for _, ev := range ws.Evidence {
			files += len(ev)
		}
		if na != 1 || flagged != 1 || notes < 5 || files != 2 || len(methods) != len(domain.Methods) {
			t.Fatalf("na %d, flagged %d, notes %d, files %d, methods %v", na, flagged, notes, files, methods)
		}
	})
	t.Run("a second run changes nothing", func(t *testing.T) {
		st.Close()
		code, out, _ := run(t, "demo", "--db", dbPath)
		if code != 0 || !strings.Contains(out, "already") {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
}
