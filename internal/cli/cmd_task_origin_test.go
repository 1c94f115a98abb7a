package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report/xlsx"
)

// TestTaskOrigin: task list and task show say where an entry came from —
// the review package the lead's entry arrived in on the unit's side, with
// its sender and operator; 本机 for the unit's own — and, on the lead's
// side, which package changed the lead's entry last; task show lists a
// closure file with the name it was given when that was cleaned, and the
// JSON carries both.
func TestTaskOrigin(t *testing.T) {
	dir := t.TempDir()
	unitDB, leadDB := filepath.Join(dir, "unit.db"), filepath.Join(dir, "lead.db")
	mustRun(t, unitDB, "demo")
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
	sub := filepath.Join(dir, "sub.pingce")
	mustRun(t, unitDB, "package", "export", "--assessment", id, "-o", sub)
	out := mustRun(t, leadDB, "package", "import", sub, "--trust-new")
	m := regexp.MustCompile(`imported into assessment (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("import: %q", out)
	}
	lid := m[1]
	mustRun(t, leadDB, "assessment", "return", "--reason", "请补充材料", lid)
	mustRun(t, leadDB, "task", "add", "--assessment", lid, "--problem", "会议记录不全", "--measure", "补齐记录",
		"--owner", "张三", "--due", "2099-01-01")
	rev := filepath.Join(dir, "rev.pingce")
	mustRun(t, leadDB, "package", "export", "--assessment", lid, "-o", rev)
	mustRun(t, unitDB, "package", "import", rev, "--trust-new")

	var entry taskJSON
	for _, e := range listTasksJSON(t, unitDB) {
		if e.Problem == "会议记录不全" {
			entry = e
		}
	}
	if entry.Origin == nil || entry.Origin.Kind != "review" || entry.Origin.Operator != "测试员" || entry.Origin.Package == "" || entry.Origin.At.IsZero() {
		t.Fatalf("the lead's entry on the unit's side: origin %+v", entry.Origin)
	}
	sender := entry.Origin.Unit
	if sender == "" {
		t.Fatal("the origin names no sender unit")
	}
	eid := strconv.FormatInt(entry.ID, 10)
	table := mustRun(t, unitDB, "task", "list")
	if !strings.Contains(table, "来自") {
		t.Errorf("task list has no 来自 column:\n%s", table)
	}
	for _, l := range strings.Split(table, "\n") {
		if strings.Contains(l, "会议记录不全") && !strings.Contains(l, "审核结果包") {
			t.Errorf("the lead's entry's row does not say 审核结果包: %q", l)
		}
	}
	for _, c := range []struct {
		origin string
		want   bool
	}{{"审核结果包", true}, {"review", true}, {"本机", false}, {"提交包", false}} {
		found := false
		for _, e := range listTasksJSON(t, unitDB, "--origin", c.origin) {
			if e.ID == entry.ID {
				found = true
			} else if c.origin != "本机" {
				t.Errorf("--origin %s lists entry %d (origin %+v)", c.origin, e.ID, e.Origin)
			}
		}
		if found != c.want {
			t.Errorf("--origin %s: the lead's entry listed %v, want %v", c.origin, found, c.want)
		}
	}
	if code, _, errOut := runOn(t, unitDB, "task", "list", "--origin", "邮件"); code != 2 || !strings.Contains(errOut, "--origin") {
		t.Errorf("--origin 邮件: exit %d: %s", code, errOut)
	}
	show := mustRun(t, unitDB, "task", "show", eid)
	if !regexp.MustCompile(`(?m)^来自：审核结果包 · 发送单位：` + regexp.QuoteMeta(sender) + ` · 经办人：测试员 · \d{4}-\d\d-\d\d \d\d:\d\d导入$`).MatchString(show) {
		t.Errorf("task show does not say where the entry came from:\n%s", show)
	}
	if strings.Contains(show, "最近更新") {
		t.Errorf("task show names a later change no package made:\n%s", show)
	}

	// The unit applies for closure with a file whose name is cleaned; a
	// register package takes it up (after a resubmission and approval).
	proof := filepath.Join(dir, "记录<终稿>.pdf")
	if err := os.WriteFile(proof, []byte("%PDF 会议记录"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, unitDB, "task", "update", eid, "--start")
	mustRun(t, unitDB, "task", "update", eid, "--note", "已补齐记录", "--attach", proof, "--apply")
	show = mustRun(t, unitDB, "task", "show", eid)
	if !strings.Contains(show, "销号佐证：\n    记录_终稿_.pdf（原名：记录<终稿>.pdf）\n") {
		t.Errorf("task show does not give the closure file's original name:\n%s", show)
	}
	for _, e := range listTasksJSON(t, unitDB) {
		if e.ID == entry.ID && (len(e.Files) != 1 || e.Files[0].OriginalName != "记录<终稿>.pdf") {
			t.Errorf("task list --json files %+v", e.Files)
		}
	}
	wb := filepath.Join(dir, "台账.xlsx")
	mustRun(t, unitDB, "task", "export", "--xlsx", wb)
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(xlsx.TaskSheet)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		cell := func(col string) string {
			if i := slices.Index(xlsx.TaskColumns, col); i < len(r) {
				return r[i]
			}
			return ""
		}
		if r[0] == eid && (!strings.HasPrefix(cell("来自"), "审核结果包 · 发送单位："+sender) || cell("销号佐证") != "记录_终稿_.pdf（原名：记录<终稿>.pdf）") {
			t.Errorf("the workbook's row of the lead's entry: 来自 %q, 销号佐证 %q", cell("来自"), cell("销号佐证"))
		}
		if r[0] != eid && cell("来自") != "" {
			t.Errorf("an entry made here has 来自 %q in the workbook", cell("来自"))
		}
	}
	mustRun(t, unitDB, "assessment", "submit", id)
	sub2 := filepath.Join(dir, "sub2.pingce")
	mustRun(t, unitDB, "package", "export", "--assessment", id, "-o", sub2)
	mustRun(t, leadDB, "package", "import", sub2)
	var lead taskJSON
	for _, e := range listTasksJSON(t, leadDB) {
		if e.Problem == "会议记录不全" {
			lead = e
		}
	}
	if lead.Origin != nil || lead.Received == nil || lead.Received.Kind != "submission" {
		t.Fatalf("the lead's own entry after the unit's package: origin %+v, received %+v", lead.Origin, lead.Received)
	}
	show = mustRun(t, leadDB, "task", "show", strconv.FormatInt(lead.ID, 10))
	if !strings.Contains(show, "来自：本机建立\n") || !regexp.MustCompile(`(?m)^最近更新：提交包 · 发送单位：.+ · 经办人：.+导入$`).MatchString(show) {
		t.Errorf("the lead's task show:\n%s", show)
	}
}
