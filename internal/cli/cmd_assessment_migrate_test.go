package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAssessmentMigrate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	v1 := writeFile(t, "v1.yaml", strings.Replace(smallCatalog, "method: check}", "method: check}\n      - {id: A2, title: b, max: 5, method: deduct, per: 1}", 1))
	v1 = writeFile(t, "v1.yaml", strings.Replace(mustRead(t, v1), "total: 10", "total: 15", 1))
	v2 := writeFile(t, "v2.yaml", strings.NewReplacer(`version: "1"`, `version: "2"`, "method: deduct, per: 1", "method: check").Replace(mustRead(t, v1)))
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", v1)
	ans := writeFile(t, "a.yaml", "format: pingce/answers@1\ncatalog: small@1\nanswers:\n  A1: {met: true, note: 有}\n  A2: {count: 1, note: 少一次}\n")
	mustRun(t, db, "answers", "import", "--assessment", "1", ans)
	out := mustRun(t, db, "assessment", "migrate", "--to", v2, "1")
	for _, want := range []string{"assessment 2: a draft on small@2", "made from assessment 1 (small@1, kept as it is)",
		"answers carried: 1", "need a new answer (指标已变更 or new): 1\n  A2 b"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	exp := mustRun(t, db, "answers", "export", "--assessment", "2")
	if !strings.Contains(exp, "catalog: small@2") || !strings.Contains(exp, "少一次") || strings.Contains(exp, "count") {
		t.Errorf("the new draft's answers:\n%s", exp)
	}
	if code, _, errOut := runOn(t, db, "assessment", "migrate", "--to", "small@2", "1"); code == 0 || !strings.Contains(errOut, "already") {
		t.Errorf("migrating twice: exit %d %s", code, errOut)
	}
	if code, _, _ := runOn(t, db, "assessment", "migrate", "1"); code != 2 {
		t.Errorf("without --to: exit %d, want 2", code)
	}
	audit := mustRun(t, db, "assessment", "audit", "1")
	if !strings.Contains(audit, "migrate_to") {
		t.Errorf("the old assessment's audit lacks the migration:\n%s", audit)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := readFileForTest(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFileForTest(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
