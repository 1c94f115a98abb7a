package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/report"
)

func TestReport_FromFiles(t *testing.T) {
	dir := t.TempDir()
	pdfPath, xlsxPath := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx")
	code, out, errOut := run(t, "report", "--catalog", "demo-city-ref", "--answers", goldenAnswers,
		"--pdf", pdfPath, "--xlsx", xlsxPath, "--date", "2026-10-08")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	want := goldenScore(t)
	if !strings.Contains(out, report.Num(want.Final)+" / "+report.Num(want.Total)) || !strings.Contains(out, want.Grade) {
		t.Errorf("stdout %q lacks the score %v and grade %s", out, want.Final, want.Grade)
	}

	b, err := os.ReadFile(pdfPath)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF written (%v)", err)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"某某区公安分局", "2026-Q3", "2026-10-08", report.Pct(want.Percent)} {
			if !strings.Contains(string(text), s) {
				t.Errorf("PDF text lacks %q", s)
			}
		}
	}

	f, err := excelize.OpenFile(xlsxPath, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read the workbook: %v", err)
	}
	defer f.Close()
	v, err := f.GetCellValue(report.ChineseLabels().Sheet, "B4")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := strconv.ParseFloat(v, 64); got != want.Final {
		t.Errorf("workbook final = %q, want %v", v, want.Final)
	}
	// No temporary files left beside the outputs.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the output folder, want 2", len(entries))
	}
}

func TestReport_StoredAssessmentWithReview(t *testing.T) {
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		DB: filepath.Join(t.TempDir(), "pingce.db"), User: "测试员", Getenv: func(string) string { return "" }, Backend: storeBackend{}}
	ctx := context.Background()
	if code := Run(ctx, env, []string{"demo"}); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	// Find the submitted assessment and review one item.
	st, err := env.Backend.Open(ctx, env.DB)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.Assessments.ListAssessments(ctx, domain.AssessmentFilter{Status: domain.Submitted})
	if err != nil || len(list) == 0 {
		st.close()
		t.Fatalf("no submitted demo assessment (%v)", err)
	}
	id := list[0].ID
	if _, err := st.Reviews.SaveReview(domain.WithActor(ctx, "审核员"), id, "A1.1", domain.Review{Score: domain.Float(1), Comment: "佐证不足，核减"}); err != nil {
		st.close()
		t.Fatal(err)
	}
	st.close()

	pdfPath := filepath.Join(t.TempDir(), "a.pdf")
	out.Reset()
	errb.Reset()
	if code := Run(ctx, env, []string{"report", "--assessment", strconv.FormatInt(id, 10), "--pdf", pdfPath, "--lang", "en"}); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errb.String())
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
	}
	text, err := exec.Command(bin, "-raw", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Self score", "Reviewed", "佐证不足，核减", "Page 1 of"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("PDF text lacks %q", s)
		}
	}
}

func TestReport_Usage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no output", []string{"--catalog", "demo-city-ref", "--answers", goldenAnswers}, 2, "--pdf"},
		{"no source", []string{"--pdf", "x.pdf"}, 2, "--assessment"},
		{"both sources", []string{"--assessment", "1", "--catalog", "demo-city-ref", "--answers", goldenAnswers, "--pdf", "x.pdf"}, 2, "not both"},
		{"catalog without answers", []string{"--catalog", "demo-city-ref", "--pdf", "x.pdf"}, 2, "--answers"},
		{"bad language", []string{"--catalog", "demo-city-ref", "--answers", goldenAnswers, "--pdf", "x.pdf", "--lang", "fr"}, 2, "zh or en"},
		{"bad date", []string{"--catalog", "demo-city-ref", "--answers", goldenAnswers, "--pdf", "x.pdf", "--date", "8/10/2026"}, 2, "YYYY-MM-DD"},
		{"unknown catalog", []string{"--catalog", "no-such-catalog", "--answers", goldenAnswers, "--pdf", "x.pdf"}, 1, "no-such-catalog"},
		{"missing answers file", []string{"--catalog", "demo-city-ref", "--answers", "nope.yaml", "--pdf", "x.pdf"}, 1, "nope.yaml"},
		{"unwritable output", []string{"--catalog", "demo-city-ref", "--answers", goldenAnswers, "--pdf", "/no/such/dir/x.pdf"}, 1, "x.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"report"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
}

func TestReport_WarnsOfUnprintableCharacters(t *testing.T) {
	src, err := os.ReadFile(goldenAnswers)
	if err != nil {
		t.Fatal(err)
	}
	// U+10FFFD (private use) is in no font; 𠮷 and 㛃 come with the bundled one.
	text := strings.Replace(string(src), "某某区公安分局", "𠮷㛃分局\U0010FFFD", 1)
	text = strings.Replace(text, "note: 二季度未专题研究", "note: 二季度未专题研究\U0010FFFD", 1)
	answers := writeFile(t, "answers.yaml", text)
	for _, tc := range []struct {
		name string
		args []string
		want []string // in stderr
		none bool
	}{
		{"PDF", []string{"--pdf", filepath.Join(t.TempDir(), "r.pdf")},
			[]string{"1 character(s)", "U+10FFFD in unit, item A1.3"}, false},
		{"XLSX only: no warning", []string{"--xlsx", filepath.Join(t.TempDir(), "r.xlsx")}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"report", "--catalog", "demo-city-ref", "--answers", answers}, tc.args...)
			code, _, errOut := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if tc.none && strings.Contains(errOut, "warning") {
				t.Errorf("unexpected warning:\n%s", errOut)
			}
		})
	}
}
