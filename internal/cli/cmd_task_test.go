package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report/xlsx"
)

// taskDB is a database with a unit and an assessment of demo-city-ref
// answered with the golden answers (some items lose points), evidence
// added where submission needs it; it returns the database and the
// workspace.
func taskDB(t *testing.T) (string, *domain.Workspace) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "pingce.db")
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局", "--superior", "某某市公安局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
	mustRun(t, db, "answers", "import", "--assessment", "1", goldenAnswers)
	ws, err := scoreAssessment(context.Background(), &Env{DB: db, User: "测试员", Backend: storeBackend{}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "台账.pdf")
	writeText(t, f, "%PDF-1.4 evidence")
	for _, p := range ws.SubmissionProblems() {
		mustRun(t, db, "evidence", "add", "--assessment", "1", "--item", p.ItemID, f)
	}
	ws, err = scoreAssessment(context.Background(), &Env{DB: db, User: "测试员", Backend: storeBackend{}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	return db, ws
}

func listTasksJSON(t *testing.T, db string, args ...string) []taskJSON {
	t.Helper()
	var out []taskJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, append([]string{"task", "list", "--json"}, args...)...)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTaskCommands(t *testing.T) {
	db, ws := taskDB(t)
	var lost []string
	res := ws.ReviewedResult()
	for _, it := range ws.Catalog.Items() {
		if s, _ := res.Item(it.ID); s.Status == domain.StatusAnswered && !it.Bonus && s.Lost() > 0 {
			lost = append(lost, it.ID)
		}
	}
	if len(lost) < 2 {
		t.Fatalf("the golden answers lose points on %v only", lost)
	}

	t.Run("Generate", func(t *testing.T) {
		out := mustRun(t, db, "task", "generate", "--assessment", "1", "--dry-run")
		if !strings.Contains(out, "none saved") || len(listTasksJSON(t, db)) != 0 {
			t.Fatalf("dry run saved: %s", out)
		}
		mustRun(t, db, "task", "generate", "--assessment", "1", "--owner", "王五", "--due", "2020-01-31")
		got := listTasksJSON(t, db)
		var items []string
		for _, j := range got {
			items = append(items, j.ItemID)
			if j.Owner != "王五" || j.Due != "2020-01-31" || j.Status != string(domain.TaskOpen) || j.Source != string(domain.SourceShortfall) ||
				!strings.Contains(j.Problem, "失 ") || j.Lead != "某某区公安分局" || !j.Overdue || j.Colour != "red" {
				t.Errorf("generated %+v", j)
			}
		}
		if !slices.Equal(items, lost) {
			t.Fatalf("entries for %v, want %v", items, lost)
		}
		out = mustRun(t, db, "task", "generate", "--assessment", "1")
		if !strings.Contains(out, "no item") {
			t.Errorf("generating again made entries: %s", out)
		}
	})
	t.Run("AddAndFilters", func(t *testing.T) {
		out := mustRun(t, db, "task", "add", "--assessment", "1", "--item", lost[0], "--problem", "会议记录不全", "--measure", "补齐记录",
			"--owner", "赵六", "--due", "2099-12-31", "--kind", "立行立改", "--source", "督办")
		if !strings.HasPrefix(out, "entry ") {
			t.Fatalf("add: %s", out)
		}
		if code, _, errOut := runOn(t, db, "task", "add", "--assessment", "1", "--problem", "x", "--owner", "y", "--due", "2099-01-01"); code != 1 ||
			!strings.Contains(errOut, "measure") {
			t.Errorf("add without a measure: exit %d %s", code, errOut)
		}
		if code, _, _ := runOn(t, db, "task", "add", "--assessment", "1", "--due", "明天"); code != 2 {
			t.Errorf("a bad date is a usage error, exit %d", code)
		}
		if n := len(listTasksJSON(t, db, "--overdue")); n != len(lost) {
			t.Errorf("--overdue: %d entries, want %d", n, len(lost))
		}
		if got := listTasksJSON(t, db, "--source", "督办", "--unit", "某某区公安分局", "--round", "2026-Q3"); len(got) != 1 || got[0].Owner != "赵六" {
			t.Errorf("--source 督办: %+v", got)
		}
		if n := len(listTasksJSON(t, db, "--status", "基本完成")); n != 0 {
			t.Errorf("--status 基本完成 (整改中): %d entries", n)
		}
		if code, _, _ := runOn(t, db, "task", "list", "--status", "完成了"); code != 2 {
			t.Errorf("unknown status: exit %d", code)
		}
		if out := mustRun(t, db, "task", "list"); !strings.Contains(out, "已超期") || !strings.Contains(out, "销号率 0%") {
			t.Errorf("list:\n%s", out)
		}
	})
	id := strconv.FormatInt(listTasksJSON(t, db)[0].ID, 10)
	t.Run("CloseNeedsEvidence", func(t *testing.T) {
		mustRun(t, db, "task", "update", id, "--note", "基本完成", "--measure", "补齐并复核台账")
		if got := listTasksJSON(t, db, "--status", "整改中"); len(got) != 1 || got[0].Measure != "补齐并复核台账" || got[0].Notes[0].Text != "基本完成" {
			t.Fatalf("after the note: %+v", got)
		}
		code, _, errOut := runOn(t, db, "task", "close", id, "--comment", "已整改")
		if code != 1 || !strings.Contains(errOut, "evidence") {
			t.Fatalf("close without evidence: exit %d %s", code, errOut)
		}
		f := filepath.Join(t.TempDir(), "整改报告.pdf")
		writeText(t, f, "%PDF-1.4 report")
		mustRun(t, db, "task", "update", id, "--attach", f, "--apply")
		if code, _, _ := runOn(t, db, "task", "close", id); code != 1 {
			t.Errorf("close without a comment: exit %d", code)
		}
		if out := mustRun(t, db, "task", "close", id, "--comment", "经核查已整改"); !strings.Contains(out, "已销号 by 测试员") {
			t.Errorf("close: %s", out)
		}
		var shown taskJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, "task", "show", "--json", id)), &shown); err != nil {
			t.Fatal(err)
		}
		if shown.Closure == nil || shown.Closure.Comment != "经核查已整改" || len(shown.Files) != 1 || shown.Overdue {
			t.Errorf("shown %+v", shown)
		}
		if out := mustRun(t, db, "task", "show", id); !strings.Contains(out, "销号意见：经核查已整改") {
			t.Errorf("show:\n%s", out)
		}
	})
	t.Run("Extension", func(t *testing.T) {
		other := strconv.FormatInt(listTasksJSON(t, db)[1].ID, 10)
		mustRun(t, db, "task", "update", other, "--start")
		if code, _, _ := runOn(t, db, "task", "update", other, "--extend", "2099-01-01"); code != 1 {
			t.Errorf("extension without a reason: exit %d", code)
		}
		mustRun(t, db, "task", "update", other, "--extend", "2099-01-01", "--reason", "工程未完工")
		mustRun(t, db, "task", "update", other, "--grant")
		var j taskJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, "task", "show", "--json", other)), &j); err != nil {
			t.Fatal(err)
		}
		if j.Status != string(domain.TaskExtended) || j.Deadline != "2099-01-01" || j.Overdue || j.Extension == nil || !j.Extension.Granted {
			t.Errorf("extended %+v", j)
		}
	})
	t.Run("ExportXLSX", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "台账.xlsx")
		mustRun(t, db, "task", "export", "--xlsx", out)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(xlsx.TaskSheet)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], xlsx.TaskColumns) || len(rows) != len(lost)+2 {
			t.Fatalf("%d rows, header %v", len(rows), rows[0])
		}
		if rows[1][0] != id || rows[1][slices.Index(xlsx.TaskColumns, "状态")] != "已销号" ||
			rows[1][slices.Index(xlsx.TaskColumns, "销号意见")] != "经核查已整改" || rows[1][slices.Index(xlsx.TaskColumns, "销号佐证")] != "整改报告.pdf" {
			t.Errorf("row %v", rows[1])
		}
	})
	t.Run("ExportPDFAndNotice", func(t *testing.T) {
		dir := t.TempDir()
		mustRun(t, db, "task", "export", "--pdf", filepath.Join(dir, "台账.pdf"))
		if code, _, _ := runOn(t, db, "task", "export", "--pdf", "a.pdf", "--xlsx", "b.xlsx"); code != 2 {
			t.Errorf("two formats: exit %d", code)
		}
		out := mustRun(t, db, "task", "notice", "--overdue", "--pdf", filepath.Join(dir, "督办.pdf"), "--issuer", "市局测评办", "--year", "2026")
		if !strings.Contains(out, "督〔2026〕1号") {
			t.Errorf("notice: %s", out)
		}
		for _, p := range []string{"台账.pdf", "督办.pdf"} {
			data, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil || !strings.HasPrefix(string(data), "%PDF") {
				t.Errorf("%s: %v", p, err)
			}
		}
		for _, j := range listTasksJSON(t, db, "--overdue") {
			if j.Notices != 1 || j.Notes[len(j.Notes)-1].Kind != string(domain.NoteNotice) {
				t.Errorf("the notice is not recorded on entry %d: %+v", j.ID, j)
			}
		}
		if code, _, errOut := runOn(t, db, "task", "notice", id, "--pdf", filepath.Join(dir, "x.pdf")); code != 1 || !strings.Contains(errOut, "closed") {
			t.Errorf("notice for a closed entry: exit %d %s", code, errOut)
		}
	})
	t.Run("NextRound", func(t *testing.T) {
		mustRun(t, db, "assessment", "submit", "1")
		if code, _, _ := runOn(t, db, "assessment", "new", "--from", "1", "--unit", "1", "--round", "2026-Q4"); code != 2 {
			t.Errorf("--from with --unit: exit %d", code)
		}
		out := mustRun(t, db, "assessment", "new", "--from", "1", "--round", "2026-Q4")
		if !strings.Contains(out, "assessment 2:") || !strings.Contains(out, "沿用上轮") {
			t.Fatalf("new --from: %s", out)
		}
		moved := listTasksJSON(t, db, "--round", "2026-Q4")
		if len(moved) != len(lost)+1-1 { // every open entry (the closed one stays)
			t.Errorf("%d entries moved, want %d", len(moved), len(lost))
		}
		code, _, errOut := runOn(t, db, "assessment", "submit", "2")
		if code != 1 || !strings.Contains(errOut, "carried") {
			t.Fatalf("submit with carried answers: exit %d %s", code, errOut)
		}
		if out := mustRun(t, db, "assessment", "confirm", "2"); !strings.Contains(out, "confirmed unchanged") {
			t.Errorf("confirm: %s", out)
		}
		// What is left is this year's value of the items compared with last
		// year: each has last year's value as its baseline.
		next, err := scoreAssessment(context.Background(), &Env{DB: db, User: "测试员", Backend: storeBackend{}}, 2)
		if err != nil {
			t.Fatal(err)
		}
		left := next.SubmissionProblems()
		if len(left) == 0 {
			t.Fatal("nothing left to answer: the items compared with last year took last year's value")
		}
		for _, p := range left {
			it, prev := next.Catalog.Item(p.ItemID), ws.Answers.Answers[p.ItemID]
			got := next.Answers.Answers[p.ItemID]
			if p.Code != domain.ProbUnanswered || !preparedFromLastYear(it, got, prev) {
				t.Errorf("left %s (%s): carried %+v from %+v", p.ItemID, p.Code, got, prev)
			}
		}
		mustRun(t, db, "answers", "import", "--force", "--assessment", "2", goldenAnswers)
		if out := mustRun(t, db, "assessment", "submit", "2"); !strings.Contains(out, "submitted") {
			t.Errorf("submit after confirming: %s", out)
		}
		if out := mustRun(t, db, "assessment", "audit", "2"); !strings.Contains(out, "carry_confirm") {
			t.Errorf("the confirmation is not audited:\n%s", out)
		}
	})
}

// preparedFromLastYear reports whether item it compares with last year
// (itself or a part) and got has last year's value prev as its baseline,
// without a value yet.
func preparedFromLastYear(it *domain.Item, got, prev domain.Answer) bool {
	if len(it.Parts) > 0 {
		any := false
		for _, p := range it.Parts {
			if p.Change {
				if !preparedFromLastYear(p, got.Parts[p.ID], prev.Parts[p.ID]) {
					return false
				}
				any = true
			}
		}
		return any
	}
	return it.Change && got.Value == nil && got.Baseline != nil && prev.Value != nil && *got.Baseline == *prev.Value
}
