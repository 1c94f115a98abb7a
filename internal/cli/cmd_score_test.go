package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// run runs a CLI command with buffers for streams and returns its exit
// code, standard output and standard error.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		DB: filepath.Join(t.TempDir(), "pingce.db"), User: "测试员", Getenv: func(string) string { return "" }, Backend: storeBackend{}}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goldenAnswers = "../domain/testdata/demo-city-answers.yaml"

// goldenScore scores the golden answers file against the built-in
// reference catalog directly, without the CLI.
func goldenScore(t *testing.T) *domain.Result {
	t.Helper()
	cat, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(goldenAnswers)
	if err != nil {
		t.Fatal(err)
	}
	set, err := answers.Parse("a.yaml", data, cat)
	if err != nil {
		t.Fatal(err)
	}
	return domain.Score(cat, set, domain.Options{})
}

func TestScore_JSONMatchesScorer(t *testing.T) {
	code, out, errOut := run(t, "score", "--catalog", "demo-city-ref", "--answers", goldenAnswers, "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	want := goldenScore(t)
	var got domain.Result
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.Final != want.Final || got.Grade != want.Grade || got.Raw != want.Raw ||
		got.ApplicableMax != want.ApplicableMax || len(got.Items) != len(want.Items) {
		t.Errorf("JSON = final %v grade %s raw %v/%v items %d, want final %v grade %s raw %v/%v items %d",
			got.Final, got.Grade, got.Raw, got.ApplicableMax, len(got.Items),
			want.Final, want.Grade, want.Raw, want.ApplicableMax, len(want.Items))
	}
	// The contract's keys, in the contract's order.
	for _, k := range []string{`"catalog"`, `"version"`, `"unit_type"`, `"total"`, `"applicable_max"`, `"raw"`,
		`"scaled"`, `"bonus"`, `"final"`, `"percent"`, `"grade"`, `"vetoes"`, `"caps"`, `"answered"`,
		`"applicable"`, `"categories"`, `"items"`} {
		i := strings.Index(out, k)
		if i < 0 {
			t.Fatalf("JSON lacks key %s", k)
		}
		out = out[i:]
	}
}

func TestScore_Table(t *testing.T) {
	code, out, errOut := run(t, "score", "--catalog", "demo-city-ref", "--answers", goldenAnswers)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"demo-city-ref@2026.1", "组织领导与工作保障", "final ", "grade "} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestScore_UnitTypeOverride(t *testing.T) {
	_, a, _ := run(t, "score", "--catalog", "demo-city-ref", "--answers", goldenAnswers, "--json")
	_, b, _ := run(t, "score", "--catalog", "demo-city-ref", "--answers", goldenAnswers, "--json", "--unit-type", "派出所")
	var ra, rb domain.Result
	if err := json.Unmarshal([]byte(a), &ra); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(b), &rb); err != nil {
		t.Fatal(err)
	}
	if rb.UnitType != "派出所" || ra.UnitType == rb.UnitType {
		t.Fatalf("unit types %q, %q", ra.UnitType, rb.UnitType)
	}
	if ra.ApplicableMax == rb.ApplicableMax {
		t.Errorf("applicable max is %v for both unit types; applies_to had no effect", ra.ApplicableMax)
	}
}

func TestScore_BadAnswersReportedAtOnce(t *testing.T) {
	bad := writeFile(t, "bad.yaml", `format: pingce/answers@1
catalog: demo-city-ref@1999
unit: {name: 某所, type: 派出所}
round: 2026-Q3
answers:
  A1.3: {count: 1}
  ZZ9: {met: true}
  A1.1: {level: 不存在的档}
  A2.1: {met: true}
  C1.6: {value: 95, baseline: 0}
  E1.6: {na: true}
`)
	code, out, errOut := run(t, "score", "--catalog", "demo-city-ref", "--answers", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stdout:\n%s", code, out)
	}
	for _, want := range []string{
		"bad.yaml:2:",  // wrong catalog id@version
		"bad.yaml:7:",  // unknown item
		"item ZZ9",     //
		"bad.yaml:8:",  // unknown level
		"item A1.1",    //
		"bad.yaml:9:",  // a field that does not fit the method
		"bad.yaml:10:", // baseline 0
		"bad.yaml:11:", // N/A without reason
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestScore_Usage(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no flags", []string{"score"}},
		{"catalog only", []string{"score", "--catalog", "demo-city-ref"}},
		{"stray argument", []string{"score", "--catalog", "x", "--answers", "y", "extra"}},
		{"unknown flag", []string{"score", "--nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != 2 || !strings.Contains(errOut, "usage: pingce score") {
				t.Errorf("exit %d, stderr %q; want 2 and the usage line", code, errOut)
			}
		})
	}
}

func TestScore_MissingCatalog(t *testing.T) {
	code, _, errOut := run(t, "score", "--catalog", "no-such-catalog", "--answers", goldenAnswers)
	if code != 1 || !strings.Contains(errOut, "no-such-catalog") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestHelpListsCommands(t *testing.T) {
	code, out, _ := run(t, "help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"pingce score", "pingce version", "pingce help"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if code, _, _ := run(t, "no-such-command"); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
}
