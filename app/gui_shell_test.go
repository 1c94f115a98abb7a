package app

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/cli"
	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/export"
)

// demoDB returns a database file filled by "pingce demo" through the
// command line and the store app wires to it.
func demoDB(t *testing.T) string {
	t.Helper()
	var out, errb bytes.Buffer
	db := filepath.Join(t.TempDir(), "demo.db")
	env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, DB: db, User: "张三",
		Getenv: func(string) string { return "" }, Backend: storeBackend{}}
	if code := cli.Run(context.Background(), env, []string{"demo"}); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	return db
}

func TestWriteReport(t *testing.T) {
	dbPath := demoDB(t)
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
	for _, tc := range []struct{ format, magic string }{{export.FormatPDF, "%PDF-"}, {export.FormatXLSX, "PK"}} {
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
			env := &cli.Env{Getenv: func(k string) string { return tc.env[k] }, Stderr: io.Discard}
			env.User = firstNonEmpty(env.Getenv("PINGCE_USER"), env.Getenv("USER"))
			fs, err := guiFlags(env, tc.args)
			if err != nil {
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
	dbPath := demoDB(t)
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
