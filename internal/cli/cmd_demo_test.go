package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/demo"
	"pingce/internal/domain"
)

// TestDemo runs "pingce demo" and reads back, through the command line,
// what it stored; what the assessments hold is internal/demo's test.
func TestDemo(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "demo", "--db", dbPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, demo.SingleRound) || !strings.Contains(out, demo.SinglePrevRound) || !strings.Contains(out, demo.SingleUnit) {
		t.Errorf("stdout %q", out)
	}
	var list []summaryJSON
	if err := json.Unmarshal([]byte(mustRun(t, dbPath, "assessment", "list", "--json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("assessment list --json: %v %+v", err, list)
	}
	byRound := map[string]summaryJSON{}
	for _, a := range list {
		byRound[a.Round] = a
	}
	if a := byRound[demo.SinglePrevRound]; a.Status != string(domain.Submitted) || a.Answered != a.Applicable ||
		a.Unit != demo.SingleUnit || a.UnitType != demo.SingleUnitType {
		t.Errorf("previous round: %+v, want complete and submitted", a)
	}
	if a := byRound[demo.SingleRound]; a.Status != string(domain.Draft) || a.Answered*100 < a.Applicable*35 || a.Answered*100 > a.Applicable*65 {
		t.Errorf("current round: %+v, want a draft about half done", a)
	}
	if code, out, _ := run(t, "demo", "--db", dbPath); code != 0 || !strings.Contains(out, "already") {
		t.Errorf("second run: exit %d: %s", code, out)
	}
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
