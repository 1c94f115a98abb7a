package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

// pagesOf returns the text of each page of a PDF, as pdftotext -raw reads it.
func pagesOf(t *testing.T, data []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	for i := range pages {
		pages[i] = squeeze(pages[i])
	}
	return pages
}

func registerTasks() []domain.Task {
	due := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	return []domain.Task{
		{ID: 1, Source: domain.SourceShortfall, Round: "2026-Q2", UnitID: 1, UnitName: "某某区公安分局", ItemID: "A2", ItemTitle: "台账完整",
			Problem: "台账不全", Measure: "补齐台账", Owner: "王五", Due: due, Kind: domain.KindDeadline, Status: domain.TaskInProgress},
		{ID: 2, Source: domain.SourceReview, Round: "2026-Q2", UnitID: 1, UnitName: "某某区公安分局", ItemID: "B1",
			Problem: "漏报一起", Measure: "核查", Owner: "王五", Due: due, Kind: domain.KindImmediate, Status: domain.TaskClosed},
		{ID: 3, Source: domain.SourceManual, Round: "2026-Q2", UnitID: 2, UnitName: "甲派出所", Problem: "巡逻不到位",
			Measure: "加密巡逻", Owner: "赵六", Due: due.AddDate(0, 3, 0), Kind: domain.KindOngoing, Status: domain.TaskOpen},
	}
}

// TestWriteTasksGroupedByUnit: the register PDF groups the entries by
// unit, each unit with its closure rate, overdue entries marked.
func TestWriteTasksGroupedByUnit(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)
	if err := WriteTasks(context.Background(), &buf, &TaskDocument{Title: "整改台账", Scope: "2026-Q2", Tasks: registerTasks(), Now: now}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pagesOf(t, buf.Bytes()), "")
	for _, want := range []string{
		"共3项，已销号1项，销号率33.33%，已超期1项",
		"某某区公安分局共2项，已销号1项，销号率50%",
		"甲派出所共1项，已销号0项，销号率0%",
		"各单位销号率", "50%（1/2）", "台账不全", "已超期", "加密巡逻",
	} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("the register PDF lacks %q", want)
		}
	}
	if strings.Index(text, "某某区公安分局共2项") > strings.Index(text, "甲派出所共1项") {
		t.Error("units are not in name order")
	}
}

// TestWriteTasksClosureLine: below an entry, the register PDF says what
// its table has no columns for — the closure opinion with who and when,
// the closure evidence (a cleaned name with the name it was given) and
// the package it came from — and says nothing below an entry without them.
func TestWriteTasksClosureLine(t *testing.T) {
	now := time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)
	ts := registerTasks()
	closed := &ts[1]
	closed.ClosedComment, closed.ClosedBy, closed.ClosedAt = "整改到位，同意销号", "刘建国", time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)
	closed.Files = []domain.TaskFile{{Name: "核查报告.pdf"}, {Name: "照片_1.jpg", OriginalName: "照片/1.jpg"}}
	closed.Origin = &domain.TaskOrigin{Kind: "register", Unit: "某某区公安分局", Operator: "王五", At: time.Date(2026, 7, 2, 8, 0, 0, 0, time.UTC)}
	tests := []struct {
		name string
		want []string
	}{
		{"closure", []string{"销号意见：整改到位，同意销号（刘建国 2026-07-01 09:30）"}},
		{"closure evidence", []string{"销号佐证：核查报告.pdf、照片_1.jpg（原名：照片/1.jpg）"}},
		{"origin", []string{"来自：整改进展包 · 发送单位：某某区公安分局 · 经办人：王五 · 2026-07-02 08:00导入"}},
	}
	var buf bytes.Buffer
	if err := WriteTasks(context.Background(), &buf, &TaskDocument{Title: "整改台账", Tasks: ts, Now: now}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pagesOf(t, buf.Bytes()), "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, want := range tt.want {
				if !strings.Contains(text, squeeze(want)) {
					t.Errorf("the register PDF lacks %q:\n%s", want, text)
				}
			}
		})
	}
	t.Run("none below the others", func(t *testing.T) {
		if n := strings.Count(text, "销号意见"); n != 1 {
			t.Errorf("销号意见 %d times, want once (one entry closed)", n)
		}
		if strings.Contains(text, "来自：") && strings.Count(text, "来自：") != 1 {
			t.Errorf("来自 below more than the one received entry")
		}
	})
}

// TestWriteNotices: one page per matter, numbered, with its deadline and a
// signature line.
func TestWriteNotices(t *testing.T) {
	ts := registerTasks()[:2]
	ns := []Notice{{Number: "督〔2026〕1号", Issuer: "市局测评办", Date: time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)},
		{Number: "督〔2026〕2号", Date: time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)}}
	var buf bytes.Buffer
	if err := WriteNotices(context.Background(), &buf, ts, ns, time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	pages := pagesOf(t, buf.Bytes())
	if len(pages) != 2 {
		t.Fatalf("%d pages for 2 notices", len(pages))
	}
	for i, want := range [][]string{
		{"督办通知", "督〔2026〕1号", "某某区公安分局：", "编号1", "现已超期5天", "2026-06-30前完成整改", "台账不全", "督办单位（盖章）：市局测评办", "签发人：", "2026年7月5日"},
		{"督〔2026〕2号", "漏报一起"},
	} {
		for _, w := range want {
			if !strings.Contains(pages[i], squeeze(w)) {
				t.Errorf("notice %d lacks %q:\n%s", i+1, w, pages[i])
			}
		}
	}
	if err := WriteNotices(context.Background(), &buf, ts, ns[:1], time.Now()); err == nil {
		t.Error("notices without a number for each entry")
	}
}
