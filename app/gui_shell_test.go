package app

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui"
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

func TestWriteReport(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", dbPath); code != 0 {
		t.Fatal(errOut)
	}
	st := storagetest.OpenFile(t, dbPath)
	ctx := domain.WithActor(context.Background(), "张三")
	list, err := st.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := st.OpenAssessment(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ format, magic string }{{ui.FormatPDF, "%PDF-"}, {ui.FormatXLSX, "PK"}} {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeReport(ctx, ws, tc.format, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b.Bytes(), []byte(tc.magic)) {
				t.Fatalf("not a %s file", tc.format)
			}
		})
	}
	t.Run("unknown format", func(t *testing.T) {
		if err := writeReport(ctx, ws, "doc", &bytes.Buffer{}); domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestRegisterTranslations(t *testing.T) {
	if err := registerTranslations(); err != nil {
		t.Fatal(err)
	}
}

func TestExplicitUser(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"login name only", nil, map[string]string{"USER": "zhangsan"}, ""},
		{"flag", []string{"--user", "李四"}, map[string]string{"USER": "zhangsan"}, "李四"},
		{"environment", nil, map[string]string{"PINGCE_USER": "王五"}, "王五"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{Getenv: func(k string) string { return tc.env[k] }, Stderr: io.Discard}
			env.User = firstNonEmpty(env.Getenv("PINGCE_USER"), env.Getenv("USER"))
			fs := env.newFlagSet("")
			if err := parseFlags(fs, tc.args); err != nil {
				t.Fatal(err)
			}
			if got := explicitUser(env, fs); got != tc.want {
				t.Fatalf("%q, want %q", got, tc.want)
			}
		})
	}
}

// TestReportLanguage: a report exported from an English interface has the
// English labels; from a Chinese one, the Chinese labels.
func TestReportLanguage(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", dbPath); code != 0 {
		t.Fatal(errOut)
	}
	st := storagetest.OpenFile(t, dbPath)
	ctx := domain.WithActor(context.Background(), "张三")
	list, err := st.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := st.OpenAssessment(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		locale string
		want   report.Labels
	}{
		{"en_GB", report.EnglishLabels()},
		{"zh_CN", report.ChineseLabels()},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			t.Setenv("LANGUAGE", tc.locale)
			t.Setenv("LC_ALL", tc.locale+".UTF-8")
			t.Setenv("LANG", tc.locale+".UTF-8")
			if err := registerTranslations(); err != nil { // Fyne picks the language again
				t.Fatal(err)
			}
			doc := buildReport(ctx, ws)
			if doc.Labels.TitleFormat != tc.want.TitleFormat {
				t.Fatalf("report title %q, want %q", doc.Labels.TitleFormat, tc.want.TitleFormat)
			}
		})
	}
}
