package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestPackageCommands runs the two-party exchange through the commands:
// a unit's database and the lead's, each with its own key.
func TestPackageCommands(t *testing.T) {
	dir := t.TempDir()
	unitDB, leadDB := filepath.Join(dir, "unit.db"), filepath.Join(dir, "lead.db")
	mustRun(t, unitDB, "demo")
	pw := filepath.Join(dir, "pw.txt")
	os.WriteFile(pw, []byte("电话里说的密码\n"), 0o600)

	st, err := storeBackend{}.Open(domain.WithActor(context.Background(), "t"), unitDB)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.Assessments.ListAssessments(context.Background(), domain.AssessmentFilter{Status: domain.Submitted})
	st.close()
	if len(list) == 0 {
		t.Fatal("the demo has no submitted assessment")
	}
	id := strconv.FormatInt(list[0].ID, 10)

	show := mustRun(t, unitDB, "keys", "show")
	fp := regexp.MustCompile(`fingerprint: (\d{4}(-\d{4}){7})`).FindStringSubmatch(show)
	if fp == nil || !strings.Contains(show, "public key:  pingce-ed25519 ") {
		t.Fatalf("keys show: %q", show)
	}
	if again := mustRun(t, unitDB, "keys", "show"); again != show {
		t.Errorf("the key changed between two runs: %q, %q", show, again)
	}

	sub := filepath.Join(dir, "某某分局_提交_r1.pingce")
	out := mustRun(t, unitDB, "package", "export", "--assessment", id, "-o", sub, "--password-file", pw)
	if !strings.Contains(out, "submission r1") || !strings.Contains(out, "sealed") {
		t.Errorf("export: %q", out)
	}

	// Inspect shows the new key and changes nothing; import needs --trust-new.
	code, out, _ := runOn(t, leadDB, "package", "inspect", sub, "--password-file", pw)
	if code != 1 || !strings.Contains(out, fp[1]) || !strings.Contains(out, "NEW") || !strings.Contains(out, "would be refused") {
		t.Errorf("inspect: exit %d\n%s", code, out)
	}
	if code, _, errOut := runOn(t, leadDB, "package", "import", sub); code != 1 || !strings.Contains(errOut, "password") {
		t.Errorf("import without the password: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runOn(t, leadDB, "package", "import", sub, "--password-file", pw); code != 1 || !strings.Contains(errOut, fp[1]) {
		t.Errorf("import of an unknown key: exit %d: %s", code, errOut)
	}
	out = mustRun(t, leadDB, "package", "import", sub, "--password-file", pw, "--trust-new")
	m := regexp.MustCompile(`imported into assessment (\d+): status submitted`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("import: %q", out)
	}
	lid := m[1]
	if out := mustRun(t, leadDB, "package", "import", sub, "--password-file", pw); !strings.Contains(out, "already imported") {
		t.Errorf("second import: %q", out)
	}
	if keys := mustRun(t, leadDB, "keys", "list"); !strings.Contains(keys, fp[1]) || !strings.Contains(keys, list[0].Unit.Name) {
		t.Errorf("keys list: %q", keys)
	}

	// Return → review package back → resubmission r2 → approval.
	mustRun(t, leadDB, "assessment", "return", "--reason", "请补充材料", lid)
	// The lead's 整改 entry for the unit goes with the review (issue 17).
	mustRun(t, leadDB, "task", "add", "--assessment", lid, "--problem", "会议记录不全", "--measure", "补齐记录",
		"--owner", "张三", "--due", "2099-01-01")
	rev := filepath.Join(dir, "review1.pingce")
	mustRun(t, leadDB, "package", "export", "--assessment", lid, "-o", rev)
	if _, out, _ := runOn(t, unitDB, "package", "inspect", rev); !strings.Contains(out, "register:    整改事项 1 条（待整改 1）") {
		t.Errorf("inspect of the review: %q", out)
	}
	out = mustRun(t, unitDB, "package", "import", rev, "--trust-new")
	if !strings.Contains(out, "status returned") || !strings.Contains(out, "arrived:     整改事项 1 条（新增 1 条）") {
		t.Errorf("review import: %q", out)
	}
	if out := mustRun(t, unitDB, "task", "list"); !strings.Contains(out, "会议记录不全") {
		t.Errorf("the unit's register after the review: %q", out)
	}
	mustRun(t, unitDB, "assessment", "submit", id)
	sub2 := filepath.Join(dir, "r2.pingce")
	if out := mustRun(t, unitDB, "package", "export", "--assessment", id, "-o", sub2); !strings.Contains(out, "submission r2") {
		t.Errorf("resubmission export: %q", out)
	}
	if out := mustRun(t, leadDB, "package", "import", sub2); !strings.Contains(out, "imported into assessment "+lid+": status submitted") {
		t.Errorf("resubmission import: %q", out)
	}
	mustRun(t, leadDB, "assessment", "approve", lid)
	rev2 := filepath.Join(dir, "review2.pingce")
	mustRun(t, leadDB, "package", "export", "--assessment", lid, "-o", rev2)
	if out := mustRun(t, unitDB, "package", "import", rev2); !strings.Contains(out, "status approved") {
		t.Errorf("approval import: %q", out)
	}
	// After the approval the 整改 entry's progress goes up in a register package.
	var entries []struct {
		ID      int64  `json:"id"`
		Problem string `json:"problem"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, unitDB, "task", "list", "--json")), &entries); err != nil {
		t.Fatal(err)
	}
	taskID := ""
	for _, e := range entries {
		if e.Problem == "会议记录不全" {
			taskID = strconv.FormatInt(e.ID, 10)
		}
	}
	if taskID == "" {
		t.Fatalf("the unit has not the lead's entry: %+v", entries)
	}
	proof := filepath.Join(dir, "记录.pdf")
	os.WriteFile(proof, []byte("%PDF 会议记录"), 0o600)
	mustRun(t, unitDB, "task", "update", taskID, "--note", "已补齐记录", "--attach", proof, "--apply")
	reg := filepath.Join(dir, "reg.pingce")
	if out := mustRun(t, unitDB, "package", "export", "--assessment", id, "-o", reg, "--register"); !strings.Contains(out, "register r1") {
		t.Errorf("register export: %q", out)
	}
	if out := mustRun(t, leadDB, "package", "import", reg); !strings.Contains(out, "arrived:     整改事项 1 条") || !strings.Contains(out, "status approved") {
		t.Errorf("register import: %q", out)
	}
	if out := mustRun(t, leadDB, "task", "list", "--status", "申请销号"); !strings.Contains(out, "会议记录不全") {
		t.Errorf("the lead's register after the register package: %q", out)
	}
	// The first review again is a replay of what was imported: nothing changes.
	if out := mustRun(t, unitDB, "package", "import", rev); !strings.Contains(out, "already imported") {
		t.Errorf("first review again: %q", out)
	}
	if out := mustRun(t, unitDB, "assessment", "show", id); !strings.Contains(out, "approved") {
		t.Errorf("after the replay: %q", out)
	}
	// A key line is checked before anything is opened.
	if code, _, errOut := runOn(t, leadDB, "keys", "trust", "--unit", "x", "ssh-ed25519 AAAA"); code == 0 || !strings.Contains(errOut, "not a Pingce public key") {
		t.Errorf("keys trust of a bad line: exit %d: %s", code, errOut)
	}
}
