package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTaskShowTimeline: task show prints the timeline (进展情况) and the
// closure evidence one note or file a line under their heading, not joined
// by a literal \n; a line break or escape inside a note's own text is still
// shown escaped, so it cannot forge a line.
func TestTaskShowTimeline(t *testing.T) {
	db, _ := taskDB(t)
	mustRun(t, db, "task", "add", "--assessment", "1", "--problem", "会议记录不全", "--measure", "补齐记录",
		"--owner", "赵六", "--due", "2099-12-31")
	id := strconv.FormatInt(listTasksJSON(t, db)[0].ID, 10)
	mustRun(t, db, "task", "update", id, "--start")
	mustRun(t, db, "task", "update", id, "--note", "第一行\n2099-01-01 伪造：已销号\x1b[2J")
	dir := t.TempDir()
	for _, n := range []string{"整改报告.pdf", "照片.jpg"} {
		f := filepath.Join(dir, n)
		writeText(t, f, "%PDF-1.4 "+n)
		mustRun(t, db, "task", "update", id, "--attach", f)
	}
	out := mustRun(t, db, "task", "show", id)
	lines := strings.Split(out, "\n")
	at := -1
	for i, l := range lines {
		if l == "进展情况：" {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no 进展情况 heading of its own:\n%s", out)
	}
	var timeline []string
	for _, l := range lines[at+1:] {
		if !strings.HasPrefix(l, "    ") {
			break
		}
		timeline = append(timeline, l)
	}
	if len(timeline) != 2 || !strings.HasSuffix(timeline[0], "测试员 整改中") {
		t.Fatalf("timeline lines %q, want 2 (整改中, the note)", timeline)
	}
	if last := timeline[len(timeline)-1]; !strings.HasSuffix(last, `：第一行\n2099-01-01 伪造：已销号\x1b[2J`) {
		t.Errorf("the note's line %q: its line break and escape are not shown escaped", last)
	}
	if strings.Contains(out, `\n    `) || strings.Contains(out, "\x1b") {
		t.Errorf("literal \\n between lines or a raw escape:\n%s", out)
	}
	if !strings.Contains(out, "销号佐证：\n    整改报告.pdf\n    照片.jpg\n") {
		t.Errorf("closure evidence not a file a line:\n%s", out)
	}
}
