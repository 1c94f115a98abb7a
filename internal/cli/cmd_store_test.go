package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
)

// runOn runs a CLI command against the database db.
func runOn(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, DB: db, User: "测试员",
		Getenv: func(string) string { return "" }, Backend: storeBackend{}}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errOut := runOn(t, db, args...)
	if code != 0 {
		t.Fatalf("pingce %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestStoreCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pingce.db")
	t.Run("UnitAdd", func(t *testing.T) {
		out := mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局", "--superior", "某某市公安局")
		if !strings.HasPrefix(out, "unit 1: 某某区公安分局") {
			t.Errorf("output %q", out)
		}
		var units []struct {
			ID   int64
			Name string
		}
		if err := json.Unmarshal([]byte(mustRun(t, db, "unit", "list", "--json")), &units); err != nil || len(units) != 1 {
			t.Fatalf("unit list --json: %v %+v", err, units)
		}
	})
	t.Run("AssessmentNewBuiltin", func(t *testing.T) {
		out := mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
		if !strings.Contains(out, "assessment 1:") || !strings.Contains(out, "demo-city-ref@") {
			t.Errorf("output %q", out)
		}
		code, _, errOut := runOn(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
		if code != 1 || !strings.Contains(errOut, "already has an assessment") {
			t.Errorf("duplicate: exit %d, %q", code, errOut)
		}
		code, _, errOut = runOn(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q4", "--catalog", "no-such-catalog")
		if code != 1 || !strings.Contains(errOut, "no-such-catalog") {
			t.Errorf("unknown catalog: exit %d, %q", code, errOut)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if code, _, _ := runOn(t, db, "assessment", "new", "--unit", "1"); code != 2 {
			t.Errorf("assessment new without --round and --catalog: exit %d, want 2", code)
		}
		if code, _, _ := runOn(t, db, "assessment", "show", "x"); code != 2 {
			t.Errorf("assessment show x: exit %d, want 2", code)
		}
	})
	t.Run("AnswersImport", func(t *testing.T) {
		out := mustRun(t, db, "answers", "import", "--assessment", "1", goldenAnswers)
		if !strings.Contains(out, "imported") {
			t.Errorf("output %q", out)
		}
		bad := filepath.Join(t.TempDir(), "bad.yaml")
		if err := os.WriteFile(bad, []byte("format: pingce/answers@1\nanswers:\n  A1.1: {level: 不存在}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runOn(t, db, "answers", "import", "--assessment", "1", bad)
		if code != 1 || !strings.Contains(errOut, "bad.yaml:3") {
			t.Errorf("bad answers: exit %d, %q", code, errOut)
		}
	})
	t.Run("AssessmentList", func(t *testing.T) {
		var list []summaryJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, "assessment", "list", "--json")), &list); err != nil || len(list) != 1 {
			t.Fatalf("assessment list --json: %v %+v", err, list)
		}
		ws, err := scoreAssessment(context.Background(), &Env{DB: db, User: "测试员", Backend: storeBackend{}}, 1)
		if err != nil {
			t.Fatal(err)
		}
		res := ws.Result()
		if l := list[0]; l.Final != res.Final || l.Grade != res.Grade || l.Answered != res.Answered || l.Status != "draft" {
			t.Errorf("list %+v, score final %v grade %s answered %d", l, res.Final, res.Grade, res.Answered)
		}
	})
	t.Run("EvidenceAdd", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "规划.pdf")
		if err := os.WriteFile(f, []byte("%PDF-1.4 test"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := mustRun(t, db, "evidence", "add", "--assessment", "1", "--item", "A1.1", f)
		if !strings.Contains(out, "规划.pdf") {
			t.Errorf("output %q", out)
		}
		if out := mustRun(t, db, "evidence", "list", "--assessment", "1"); !strings.Contains(out, "A1.1") {
			t.Errorf("evidence list %q", out)
		}
		back := filepath.Join(t.TempDir(), "back.pdf")
		mustRun(t, db, "evidence", "get", "--id", "1", "-o", back)
		if b, err := os.ReadFile(back); err != nil || string(b) != "%PDF-1.4 test" {
			t.Errorf("evidence get: %q %v", b, err)
		}
	})
	t.Run("AnswersExport", func(t *testing.T) {
		out := mustRun(t, db, "answers", "export", "--assessment", "1")
		if !strings.HasPrefix(out, "format: pingce/answers@1") || !strings.Contains(out, "规划.pdf") {
			t.Errorf("export:\n%s", out)
		}
	})
	t.Run("Submit", func(t *testing.T) {
		ws, err := scoreAssessment(context.Background(), &Env{DB: db, User: "测试员", Backend: storeBackend{}}, 1)
		if err != nil {
			t.Fatal(err)
		}
		probs := ws.SubmissionProblems()
		if len(probs) == 0 {
			t.Fatal("the golden answers have no note on some evidence_required items: expected problems")
		}
		code, _, errOut := runOn(t, db, "assessment", "submit", "1")
		if code != 1 || !strings.Contains(errOut, "cannot be submitted") || !strings.Contains(errOut, "item "+probs[0].ItemID) {
			t.Fatalf("blocked submit: exit %d, %q", code, errOut)
		}
		f := filepath.Join(t.TempDir(), "台账.xlsx")
		if err := os.WriteFile(f, []byte("PK test"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, p := range probs {
			mustRun(t, db, "evidence", "add", "--assessment", "1", "--item", p.ItemID, f)
		}
		if out := mustRun(t, db, "assessment", "submit", "1"); !strings.Contains(out, "submitted") {
			t.Errorf("submit output %q", out)
		}
		code, _, errOut = runOn(t, db, "answers", "import", "--assessment", "1", goldenAnswers)
		if code != 1 || !strings.Contains(errOut, "submitted") {
			t.Errorf("import into a submitted assessment: exit %d, %q", code, errOut)
		}
		var shown map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, db, "assessment", "show", "--json", "1")), &shown); err != nil {
			t.Fatal(err)
		}
		if shown["status"] != string(domain.Submitted) {
			t.Errorf("status %v", shown["status"])
		}
		mustRun(t, db, "assessment", "return", "--reason", "补充材料", "1")
		mustRun(t, db, "assessment", "submit", "1")
		mustRun(t, db, "assessment", "approve", "1")
		if out := mustRun(t, db, "assessment", "show", "1"); !strings.Contains(out, "approved by 测试员") {
			t.Errorf("show after approve:\n%s", out)
		}
		out := mustRun(t, db, "assessment", "audit", "1")
		for _, want := range []string{"测试员 (staff,reviewer,admin)  create", "import", "evidence_add A1.1", "submit", "return", "approve"} {
			if !strings.Contains(out, want) {
				t.Errorf("audit lacks %q:\n%s", want, out)
			}
		}
		if code, _, _ := runOn(t, db, "assessment", "audit", "99"); code != 1 {
			t.Errorf("audit of no assessment: exit %d, want 1", code)
		}
	})
	t.Run("DB", func(t *testing.T) {
		if out := mustRun(t, db, "db", "path"); strings.TrimSpace(out) != db {
			t.Errorf("db path %q", out)
		}
		if out := mustRun(t, db, "db", "check"); strings.TrimSpace(out) != "ok" {
			t.Errorf("db check %q", out)
		}
		bak := filepath.Join(t.TempDir(), "copy.db")
		mustRun(t, db, "db", "backup", bak)
		if out := mustRun(t, bak, "assessment", "list"); !strings.Contains(out, "某某区公安分局") {
			t.Errorf("backup holds:\n%s", out)
		}
	})
}

func TestRoundCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pingce.db")
	mustRun(t, db, "round", "add", "--name", "2026-Q3", "--start", "2026-07-01", "--end", "2026-09-30")
	if out := mustRun(t, db, "round", "list"); !strings.Contains(out, "2026-Q3  2026-07-01  2026-09-30") {
		t.Errorf("round list:\n%s", out)
	}
	if code, _, _ := runOn(t, db, "round", "add", "--name", "x", "--start", "July"); code != 2 {
		t.Errorf("bad date: exit %d, want 2", code)
	}
	if code, _, errOut := runOn(t, db, "round", "add", "--name", "x", "--start", "2026-09-30", "--end", "2026-07-01"); code != 1 || !strings.Contains(errOut, "before it starts") {
		t.Errorf("end before start: exit %d %q", code, errOut)
	}
}

func TestParseFlagsAnywhere(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		id   int64
		pos  []string
	}{
		{"FlagsFirst", []string{"--assessment", "3", "a.yaml"}, 3, []string{"a.yaml"}},
		{"FlagsLast", []string{"a.yaml", "--assessment", "3"}, 3, []string{"a.yaml"}},
		{"Mixed", []string{"a", "--assessment=4", "b"}, 4, []string{"a", "b"}},
		{"DashDash", []string{"--assessment", "5", "--", "-odd.yaml", "--assessment"}, 5, []string{"-odd.yaml", "--assessment"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{Stderr: &bytes.Buffer{}}
			fs := env.newFlagSet("t")
			id := fs.Int64("assessment", 0, "")
			if err := parseFlagsAnywhere(fs, tc.args); err != nil {
				t.Fatal(err)
			}
			if *id != tc.id || !slices.Equal(fs.Args(), tc.pos) {
				t.Errorf("id %d args %q, want %d %q", *id, fs.Args(), tc.id, tc.pos)
			}
		})
	}
}

// TestOperator: the operator of --user and --roles goes into the context
// as the domain user; an empty or malformed name, or an unknown role, is
// refused before the database opens.
func TestOperator(t *testing.T) {
	tests := []struct {
		name, user, roles string
		wantErr           string // part of the message; "" for success
		wantRoles         []domain.Role
	}{
		{name: "NameAndAllRoles", user: " 张三 ", wantRoles: domain.Roles},
		{name: "GivenRoles", user: "李四", roles: "reviewer, staff", wantRoles: []domain.Role{domain.RoleReviewer, domain.RoleStaff}},
		{name: "Empty", user: "  ", wantErr: "give your name with --user NAME or PINGCE_USER"},
		{name: "LineBreak", user: "张三\n李四", wantErr: "who is working?"},
		{name: "UnknownRole", user: "张三", roles: "staff,boss", wantErr: `"boss" is not a role`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{User: tc.user, Roles: tc.roles}
			ctx, err := env.Context(context.Background())
			if tc.wantErr != "" {
				if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(describe(err), tc.wantErr) {
					t.Fatalf("err %v, want EINVALID with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			u, ok := domain.UserFrom(ctx)
			if !ok || u.Name != strings.TrimSpace(tc.user) || !slices.Equal(u.Roles, tc.wantRoles) || u.Unit != 0 {
				t.Fatalf("user %+v (%v)", u, ok)
			}
		})
	}
	t.Run("CommandRefusesEmptyUser", func(t *testing.T) {
		var out, errb bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &errb, DB: filepath.Join(t.TempDir(), "p.db"), Backend: storeBackend{}}
		if code := Run(context.Background(), env, []string{"unit", "list"}); code != 1 || !strings.Contains(errb.String(), "--user NAME") {
			t.Fatalf("exit %d, %q", code, errb.String())
		}
		if _, err := os.Stat(env.DB); !os.IsNotExist(err) {
			t.Errorf("the database was created for nobody (%v)", err)
		}
	})
}

// TestOperator_ProfileRoles: without --roles the operator has the roles of
// the database's profile; --roles overrides them.
func TestOperator_ProfileRoles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pingce.db")
	mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局") // no profile yet: every role
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := domain.WithUser(context.Background(), domain.User{Name: "测试员", Roles: domain.Roles})
	if err := st.SaveProfile(ctx, domain.Profile{UnitID: 1, Operator: "测试员", Roles: []domain.Role{domain.RoleStaff}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, _, errOut := runOn(t, db, "round", "add", "--name", "2026-Q3")
	if code != 1 || !strings.Contains(errOut, "round add") || !strings.Contains(errOut, "staff") {
		t.Fatalf("staff adds a round: exit %d, %q", code, errOut)
	}
	mustRun(t, db, "round", "add", "--name", "2026-Q3", "--roles", "admin")
	if out := mustRun(t, db, "round", "list"); !strings.Contains(out, "2026-Q3") {
		t.Errorf("round list:\n%s", out)
	}
}

func TestCommandFirst(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // nil: not a command
	}{
		{"DBThenCommand", []string{"--db", "p.db", "db", "path"}, []string{"db", "path", "--db", "p.db"}},
		{"AllGlobals", []string{"-user=张三", "--roles", "admin", "--db", "p.db", "unit", "add", "--name", "x"},
			[]string{"unit", "add", "-user=张三", "--roles", "admin", "--db", "p.db", "--name", "x"}},
		{"WindowOnly", []string{"--db", "p.db"}, nil},
		{"WindowWithUser", []string{"--db", "p.db", "--user", "张三"}, nil},
		{"NotACommand", []string{"--db", "p.db", "nonsense"}, nil},
		{"OtherFlag", []string{"--json", "unit", "list"}, nil},
		{"CommandFirstAlready", []string{"unit", "list"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := CommandFirst(tc.args)
			if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
				t.Fatalf("CommandFirst(%q) = %q, %v; want %q", tc.args, got, ok, tc.want)
			}
		})
	}
	t.Run("Runs", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "p.db")
		args, _ := CommandFirst([]string{"--db", db, "db", "path"})
		if out := mustRun(t, "", args...); strings.TrimSpace(out) != db {
			t.Fatalf("db path %q, want %q", out, db)
		}
	})
}
