package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain_CommandAfterFlags: "pingce --db FILE db path" runs the command
// on that database instead of opening the window.
func TestMain_CommandAfterFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	out := filepath.Join(t.TempDir(), "stdout")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stdout := os.Stdout
	os.Stdout = f
	code := Main([]string{"--db", db, "--user", "张三", "db", "path"})
	os.Stdout = stdout
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || strings.TrimSpace(string(b)) != db {
		t.Fatalf("exit %d, stdout %q, want %q", code, b, db)
	}
}

func TestAccountName(t *testing.T) {
	name := accountName()
	if name == "" || strings.ContainsAny(name, `\/`) {
		t.Fatalf("account name %q", name)
	}
}
