package userfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pingce/internal/domain"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), n), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		code string // "" for success
	}{
		{"below the limit", write("small", 99), ""},
		{"at the limit", write("exact", 100), ""},
		{"over the limit", write("big", 101), domain.ETOOLARGE},
		{"empty", write("empty", 0), ""},
		{"missing", filepath.Join(dir, "none"), domain.ENOTFOUND},
	}
	if runtime.GOOS == "linux" {
		// A device says its size is 0 and never ends.
		tests = append(tests, struct {
			name string
			path string
			code string
		}{"endless device", "/dev/zero", domain.ETOOLARGE})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := ReadFile(context.Background(), "test file", tt.path, 100)
			if got := domain.ErrorCode(err); got != tt.code {
				t.Fatalf("ReadFile error %v, want code %q", err, tt.code)
			}
			if tt.code != "" {
				return
			}
			if fi, _ := os.Stat(tt.path); int64(len(data)) != fi.Size() {
				t.Errorf("read %d bytes of %d", len(data), fi.Size())
			}
		})
	}
}

// TestTooLarge names the file and the limit, in the message and in the
// problem the user interface translates.
func TestTooLarge(t *testing.T) {
	_, err := ReadFile(context.Background(), "catalog file", "/dev/zero", 32<<20)
	if runtime.GOOS != "linux" {
		err = TooLarge("catalog file", "/dev/zero", 32<<20)
	}
	if got, want := domain.ErrorMessage(err), "catalog file /dev/zero is larger than 32 MiB, the most Pingce reads of it"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	ps := domain.ErrorProblems(err)
	if len(ps) != 1 || ps[0].Code != ProbTooLarge || ps[0].File != "/dev/zero" || ps[0].Args["limit"] != "32 MiB" {
		t.Errorf("problems %+v", ps)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, "test file", "r", strings.NewReader("abc"), 10); !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context: %v", err)
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		32 << 20: "32 MiB", 3 << 30: "3 GiB", 5 << 40: "5 TiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// database makes a database file with companions in a folder of its own
// and returns its path.
func database(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "pingce.db")
	for _, s := range []string{"", "-wal", "-shm", ".bak-v1-20260701T120000"} {
		if err := os.WriteFile(db+s, []byte("database"+s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestCheck(t *testing.T) {
	db := database(t)
	dir := filepath.Dir(db)
	up := filepath.Dir(dir)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, db)
	if err != nil {
		t.Fatal(err)
	}
	links := filepath.Join(up, "links")
	if err := os.Mkdir(links, 0o700); err != nil {
		t.Fatal(err)
	}
	canLink := os.Symlink(dir, filepath.Join(up, "alias")) == nil &&
		os.Symlink(db, filepath.Join(links, "db-link")) == nil
	hard := os.Link(db+"-wal", filepath.Join(links, "hard")) == nil
	tests := []struct {
		name    string
		path    string
		refused bool
		needs   bool // needs links
	}{
		{"the database", db, true, false},
		{"relative", rel, true, false},
		{"through ..", filepath.Join(dir, "..", "data", "pingce.db"), true, false},
		{"with ./", filepath.Join(dir, ".", "pingce.db"), true, false},
		{"the log", db + "-wal", true, false},
		{"shared memory", db + "-shm", true, false},
		{"a journal not yet written", db + "-journal", true, false},
		{"a migration backup", db + ".bak-v1-20260701T120000", true, false},
		{"a new backup's name", db + ".bak-v2-20261201T120000", false, false},
		{"through a linked folder", filepath.Join(up, "alias", "pingce.db"), true, true},
		{"a journal through a linked folder", filepath.Join(up, "alias", "pingce.db-journal"), true, true},
		{"a link to the database", filepath.Join(links, "db-link"), true, true},
		{"another name in the folder", filepath.Join(dir, "report.pdf"), false, false},
		{"a longer name", filepath.Join(dir, "pingce.db.pdf"), false, false},
		{"a name that starts the same", filepath.Join(dir, "pingce.dbx"), false, false},
		{"the same name elsewhere", filepath.Join(up, "pingce.db"), false, false},
		{"a missing folder", filepath.Join(up, "none", "pingce.db"), false, false},
	}
	if !foldCase {
		tests = append(tests, struct {
			name           string
			path           string
			refused, needs bool
		}{"another case, where names have case", filepath.Join(dir, "PINGCE.DB"), false, false})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.needs && !canLink {
				t.Skip("no symbolic links here")
			}
			err := NewGuard(db).Check(tt.path)
			if !tt.refused {
				if err != nil {
					t.Fatalf("Check(%s) = %v", tt.path, err)
				}
				return
			}
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != ProbProtected ||
				ps[0].Args["file"] != tt.path || ps[0].Args["database"] != db {
				t.Fatalf("Check(%s) = %v %+v, want it refused", tt.path, err, ps)
			}
		})
	}
	t.Run("a hard link to the log", func(t *testing.T) {
		if !hard {
			t.Skip("no hard links here")
		}
		if err := NewGuard(db).Check(filepath.Join(links, "hard")); err == nil {
			t.Error("a hard link to the log is not refused")
		}
	})
	t.Run("no database", func(t *testing.T) {
		for _, g := range []*Guard{nil, {}, NewGuard("")} {
			if err := g.Check(db); err != nil {
				t.Errorf("guard %v: %v", g, err)
			}
		}
	})
}

// TestNameKey compares names as Windows and macOS do, whatever the system
// the test runs on.
func TestNameKey(t *testing.T) {
	defer func(f, w bool) { foldCase, windowsNames = f, w }(foldCase, windowsNames)
	foldCase, windowsNames = true, true
	for _, tt := range []struct {
		name string
		same bool
	}{
		{"PINGCE.DB", true},
		{"Pingce.Db-WAL", true},
		{"pingce.db.", true},
		{"pingce.db . .", true},
		{"pingce.db::$DATA", true},
		{"pingce.db:hidden", true},
		{"PINGCE.DB.BAK-v2-x", true},
		{"pingce.db.pdf", false},
		{"pingce", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if c, b := isCompanion(tt.name, "pingce.db"); (c || b) != tt.same {
				t.Errorf("isCompanion(%q, pingce.db) = %v, %v, want %v", tt.name, c, b, tt.same)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	ctx := context.Background()
	db := database(t)
	dir := filepath.Dir(db)
	g := NewGuard(db)
	out := filepath.Join(dir, "report.pdf")

	t.Run("new file", func(t *testing.T) {
		if err := g.WriteData(ctx, out, []byte("one")); err != nil {
			t.Fatal(err)
		}
		wantFile(t, out, "one")
		if fi, err := os.Stat(out); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
			t.Errorf("mode %v, %v; want 0600", fi.Mode(), err)
		}
	})
	t.Run("replaces", func(t *testing.T) {
		if err := g.WriteData(ctx, out, []byte("two")); err != nil {
			t.Fatal(err)
		}
		wantFile(t, out, "two")
	})
	t.Run("failed write leaves the old file", func(t *testing.T) {
		boom := errors.New("boom")
		err := g.WriteFile(ctx, out, func(w io.Writer) error {
			_, _ = w.Write([]byte("half"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("error %v", err)
		}
		wantFile(t, out, "two")
	})
	t.Run("cancelled while writing", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		err := g.WriteFile(ctx, out, func(w io.Writer) error {
			cancel()
			_, err := w.Write([]byte("three"))
			return err
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v", err)
		}
		wantFile(t, out, "two")
	})
	t.Run("onto the database", func(t *testing.T) {
		for _, p := range []string{db, db + "-wal", filepath.Join(dir, "..", "data", "pingce.db-shm")} {
			called := false
			err := g.WriteFile(ctx, p, func(io.Writer) error { called = true; return nil })
			if domain.ErrorCode(err) != domain.EINVALID || called {
				t.Errorf("write to %s: %v (written: %v)", p, err, called)
			}
		}
		wantFile(t, db, "database")
		wantFile(t, db+"-wal", "database-wal")
	})
	t.Run("keeps an existing file", func(t *testing.T) {
		err := g.Write(ctx, out, false, func(context.Context, *os.File) error { return nil })
		if domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("error %v, want ECONFLICT", err)
		}
		wantFile(t, out, "two")
	})
	t.Run("filled by name", func(t *testing.T) {
		p := filepath.Join(dir, "backup.db")
		err := g.Write(ctx, p, false, func(_ context.Context, f *os.File) error {
			if err := f.Close(); err != nil {
				return err
			}
			return os.WriteFile(f.Name(), []byte("copy"), 0o600)
		})
		if err != nil {
			t.Fatal(err)
		}
		wantFile(t, p, "copy")
	})
	t.Run("no name", func(t *testing.T) {
		if err := g.WriteData(ctx, "", nil); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("error %v", err)
		}
	})
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func wantFile(t *testing.T, path, want string) {
	t.Helper()
	if got, err := os.ReadFile(path); err != nil || string(got) != want {
		t.Errorf("%s holds %q (%v), want %q", path, got, err, want)
	}
}
