package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/demo"
	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestDemo runs "pingce demo" and checks what it says and stores; what the
// assessments hold is internal/demo's test.
func TestDemo(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "demo", "--db", dbPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, demo.SingleRound) || !strings.Contains(out, demo.SinglePrevRound) || !strings.Contains(out, demo.SingleUnit) {
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
	t.Run("PreviousRoundCompleteAndSubmitted", func(t *testing.T) {
		a := byRound[demo.SinglePrevRound]
		if a.Status != domain.Submitted || a.Answered != a.Applicable || a.Unit.Name != demo.SingleUnit || a.Unit.Type != demo.SingleUnitType {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("CurrentRoundHalfDone", func(t *testing.T) {
		a := byRound[demo.SingleRound]
		if a.Status != domain.Draft || a.Progress() < 0.35 || a.Progress() > 0.65 {
			t.Fatalf("status %s, progress %.2f", a.Status, a.Progress())
		}
	})
	t.Run("SecondRunChangesNothing", func(t *testing.T) {
		st.Close()
		code, out, _ := run(t, "demo", "--db", dbPath)
		if code != 0 || !strings.Contains(out, "already") {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
}

func TestDemo_Bureau(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 99 assessments")
	}
	dbPath := filepath.Join(t.TempDir(), "bureau.db")
	code, out, errOut := run(t, "demo", "--bureau", "--db", dbPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"33 units (1 市局, 8 分县局, 20 派出所, 4 局直单位)", "2026-Q1: 33 approved", "2026-Q3: 10 draft, 10 submitted, 5 returned, 8 approved"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := run(t, "demo", "--bureau", "--db", dbPath); code != 0 || !strings.Contains(out, "already") {
		t.Errorf("second run: exit %d: %s", code, out)
	}
	if code, _, _ := run(t, "demo", "--bureau", "--seed", "many"); code != 2 {
		t.Errorf("--seed many: exit %d, want 2", code)
	}
}
