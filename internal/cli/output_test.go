package cli

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsNeverOntoTheDatabase refuses every output path that is the
// database or one of its files, however spelled, and leaves the database
// as it was (issue 10 #1: report --pdf, --xlsx, answers export -o and
// evidence get -o wrote over the open database, exit 0).
func TestOutputsNeverOntoTheDatabase(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "pingce.db")
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
	mustRun(t, db, "answers", "import", "--assessment", "1", goldenAnswers)
	mustRun(t, db, "evidence", "add", "--assessment", "1", "--item", "A1.1", goldenAnswers)
	sum := func() [32]byte {
		b, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	backup := db + ".bak-v1-20260701T120000" // a backup written before a migration
	if err := os.WriteFile(backup, []byte("backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := sum()
	spellings := map[string]string{
		"the database":      db,
		"through ..":        filepath.Join(dir, "..", "data", "pingce.db"),
		"its log":           db + "-wal",
		"its journal":       db + "-journal",
		"a backup":          backup,
		"with a doubled /":  dir + "//pingce.db",
		"through a symlink": filepath.Join(filepath.Dir(dir), "alias", "pingce.db"),
	}
	if err := os.Symlink(dir, filepath.Join(filepath.Dir(dir), "alias")); err != nil {
		delete(spellings, "through a symlink")
	}
	commands := map[string][]string{
		"report --pdf":    {"report", "--assessment", "1", "--pdf"},
		"report --xlsx":   {"report", "--assessment", "1", "--xlsx"},
		"answers export":  {"answers", "export", "--assessment", "1", "-o"},
		"evidence get":    {"evidence", "get", "--id", "1", "-o"},
		"db backup":       {"db", "backup"},
		"report of files": {"report", "--catalog", "demo-city-ref", "--answers", goldenAnswers, "--pdf"},
	}
	for cname, args := range commands {
		for sname, path := range spellings {
			t.Run(cname+"/"+sname, func(t *testing.T) {
				code, _, errOut := runOn(t, db, append(args, path)...)
				if code != 1 || !strings.Contains(errOut, "database in use") {
					t.Errorf("exit %d, stderr %q; want it refused", code, errOut)
				}
			})
		}
	}
	if sum() != before {
		t.Error("the database changed")
	}
	if _, err := os.Lstat(db + "-journal"); err == nil {
		t.Errorf("%s written", db+"-journal")
	}
	if b, err := os.ReadFile(backup); err != nil || string(b) != "backup" {
		t.Errorf("the backup holds %q (%v)", b, err)
	}
	if out := mustRun(t, db, "db", "check"); !strings.Contains(out, "ok") {
		t.Errorf("db check: %q", out)
	}
	t.Run("the default database", func(t *testing.T) {
		def, err := storeBackend{}.Where("")
		if err != nil {
			t.Fatal(err)
		}
		mustRun(t, def, "unit", "list")
		code, _, errOut := runOn(t, db, "answers", "export", "--assessment", "1", "-o", def)
		if code != 1 || !strings.Contains(errOut, "database in use") {
			t.Errorf("exit %d, stderr %q; want it refused", code, errOut)
		}
	})
	t.Run("elsewhere", func(t *testing.T) {
		out := filepath.Join(dir, "answers.yaml")
		mustRun(t, db, "answers", "export", "--assessment", "1", "-o", out)
		if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("exported file: %v %v, want mode 0600", fi, err)
		}
	})
}

// TestEvidenceAddSaysTheCleanName tells the user under which name a file
// whose name hid something is stored, with the original escaped.
func TestEvidenceAddSaysTheCleanName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pingce.db")
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局")
	mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
	file := filepath.Join(t.TempDir(), "report\u202efdp.exe")
	if err := os.WriteFile(file, []byte("MZ"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runOn(t, db, "evidence", "add", "--assessment", "1", "--item", "A1.1", file)
	if code != 0 || !strings.Contains(out, "report_fdp.exe") ||
		!strings.Contains(errOut, `report\u202efdp.exe is stored as report_fdp.exe`) {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
}
