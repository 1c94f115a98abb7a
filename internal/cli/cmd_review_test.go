package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/review"
)

// reviewEnv makes a demo database and returns a runner on it and the id
// of its submitted assessment with that assessment opened.
func reviewEnv(t *testing.T) (func(args ...string) (int, string, string), int64, *domain.Workspace, *Env) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		DB: filepath.Join(t.TempDir(), "pingce.db"), User: "李四", Getenv: func(string) string { return "" }, Backend: storeBackend{}}
	ctx := context.Background()
	runIt := func(args ...string) (int, string, string) {
		out.Reset()
		errb.Reset()
		e := *env // flags write into the env: start each command afresh
		code := Run(ctx, &e, args)
		return code, out.String(), errb.String()
	}
	if code, _, e := runIt("demo"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, e)
	}
	st, err := env.Backend.Open(domain.WithActor(ctx, "李四"), env.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	list, err := st.Assessments.ListAssessments(ctx, domain.AssessmentFilter{Status: domain.Submitted})
	if err != nil || len(list) == 0 {
		t.Fatalf("no submitted demo assessment (%v)", err)
	}
	ws, err := st.Assessments.OpenAssessment(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return runIt, list[0].ID, ws, env
}

// pickItems returns a levels item the unit gave full points (to adjust),
// another answered item (to accept) and a third (to ask for more).
func pickItems(t *testing.T, ws *domain.Workspace) (adjust *domain.Item, accept, request string) {
	t.Helper()
	own := ws.Result()
	var others []string
	for _, it := range ws.Catalog.Items() {
		is, _ := own.Item(it.ID)
		if is.Status != domain.StatusAnswered || it.Bonus {
			continue
		}
		if adjust == nil && it.Method == domain.MethodLevels && is.Score == it.Max && len(it.Levels) > 1 {
			adjust = it
			continue
		}
		others = append(others, it.ID)
	}
	if adjust == nil || len(others) < 2 {
		t.Fatal("the demo has no items to review")
	}
	return adjust, others[0], others[1]
}

func TestReviewCommands(t *testing.T) {
	runIt, id, ws, env := reviewEnv(t)
	sid := strconv.FormatInt(id, 10)
	adj, acc, req := pickItems(t, ws)
	dir := t.TempDir()
	good := filepath.Join(dir, "review.yaml")
	writeText(t, good, fmt.Sprintf(`format: pingce/review@1
catalog: %s
unit: {name: %s}
round: %s
reviewer: 李四
items:
  %s: {answer: {level: %s}, reason: 文件缺一项}
  %s: {accept: true, comment: 材料齐全}
  %s: {request: 请补充台账}
`, ws.Catalog.Ref(), ws.Assessment.Unit.Name, ws.Assessment.Round, adj.ID, adj.Levels[1].Label, acc, req))
	bad := filepath.Join(dir, "bad.yaml")
	writeText(t, bad, fmt.Sprintf(`format: pingce/review@1
catalog: %s
items:
  %s: {answer: {level: %s}}
  %s: {points: 9999, reason: x}
  NOPE: {accept: true}
`, ws.Catalog.Ref(), adj.ID, adj.Levels[1].Label, acc))

	t.Run("List", func(t *testing.T) {
		code, out, e := runIt("review", "list", "--status", "submitted")
		if code != 0 || !strings.Contains(out, sid) || !strings.Contains(out, "submitted") || !strings.Contains(out, "REVIEWED") {
			t.Fatalf("exit %d\n%s%s", code, out, e)
		}
		code, out, _ = runIt("review", "list", "--json")
		var lines []reviewLine
		if code != 0 || json.Unmarshal([]byte(out), &lines) != nil || len(lines) == 0 {
			t.Fatalf("json: exit %d %s", code, out)
		}
		for _, l := range lines {
			if l.Status == "draft" {
				t.Errorf("review list shows a draft: %+v", l)
			}
		}
		if code, _, _ := runIt("review", "list", "--status", "draft"); code != 2 {
			t.Errorf("--status draft: exit %d, want 2", code)
		}
	})
	t.Run("ImportRefused", func(t *testing.T) {
		code, _, e := runIt("review", "import", "--role", "reviewer", "--assessment", sid, bad)
		if code != 1 {
			t.Fatalf("bad file: exit %d\n%s", code, e)
		}
		for _, want := range []string{"bad.yaml:4: item " + adj.ID + ":", "bad.yaml:5: item " + acc + ":", "bad.yaml:6: item NOPE:"} {
			if !strings.Contains(e, want) {
				t.Errorf("stderr lacks %q:\n%s", want, e)
			}
		}
		code, _, e = runIt("review", "import", "--role", "unit", "--assessment", sid, good)
		if code != 1 || !strings.Contains(e, "may not review") {
			t.Errorf("as the unit: exit %d %s", code, e)
		}
		_, out, _ := runIt("review", "show", "--json", sid)
		var got struct {
			Reviews map[string]any `json:"reviews"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Reviews) != len(ws.Reviews) {
			t.Errorf("a refused import stored %d reviews (had %d)", len(got.Reviews), len(ws.Reviews))
		}
	})
	t.Run("Import", func(t *testing.T) {
		code, out, e := runIt("review", "import", "--role", "reviewer", "--assessment", sid, good)
		if code != 0 || !strings.Contains(out, "3 verdict(s) stored") {
			t.Fatalf("exit %d\n%s%s", code, out, e)
		}
		code, out, _ = runIt("review", "show", sid)
		if code != 0 {
			t.Fatalf("review show: exit %d", code)
		}
		t.Log("review show:\n" + out)
		for _, want := range []string{adj.ID, "adjust", "文件缺一项", acc, "accept", req, "request", "请补充台账", "final", "grade"} {
			if !strings.Contains(out, want) {
				t.Errorf("review show lacks %q:\n%s", want, out)
			}
		}
		_, out, _ = runIt("score", "--assessment", sid, "--json")
		var sc struct {
			Final  float64 `json:"final"`
			Review *struct {
				Final float64 `json:"final"`
				Items []struct {
					ID     string  `json:"id"`
					Score  float64 `json:"score"`
					Reason string  `json:"reason"`
					By     string  `json:"by"`
				} `json:"items"`
			} `json:"review"`
		}
		if err := json.Unmarshal([]byte(out), &sc); err != nil || sc.Review == nil {
			t.Fatalf("score JSON %v %s", err, out)
		}
		if want := ws.Result().Final; sc.Final != want {
			t.Errorf("top-level final %v, want the unit's own %v", sc.Final, want)
		}
		found := false
		for _, it := range sc.Review.Items {
			if it.ID == adj.ID {
				found = it.Score == adj.Levels[1].Points && it.Reason == "文件缺一项" && it.By == "李四"
			}
		}
		if !found || sc.Review.Final >= sc.Final {
			t.Errorf("review object %+v", sc.Review)
		}
	})
	t.Run("Export", func(t *testing.T) {
		outPath := filepath.Join(dir, "out.yaml")
		if code, _, e := runIt("review", "export", "--assessment", sid, "-o", outPath); code != 0 {
			t.Fatalf("exit %d %s", code, e)
		}
		f, err := review.LoadFile(context.Background(), outPath, ws.Catalog)
		if err != nil {
			t.Fatal(err)
		}
		if r := f.Items[adj.ID]; r.Answer == nil || r.Answer.Level != adj.Levels[1].Label || r.Reason != "文件缺一项" || f.Reviewer != "李四" {
			t.Errorf("exported %+v", f.Items)
		}
		if fi, err := os.Stat(outPath); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("export file mode %v %v", fi.Mode(), err)
		}
		if code, _, _ := runIt("review", "export", "--assessment", sid, "-o", env.DB); code == 0 {
			t.Error("review export wrote over the database")
		}
	})
	t.Run("ApproveReturn", func(t *testing.T) {
		code, _, e := runIt("assessment", "approve", "--role", "reviewer", sid)
		if code != 1 || !strings.Contains(e, req) {
			t.Errorf("approve with an open request: exit %d %s", code, e)
		}
		if code, _, e := runIt("assessment", "return", "--role", "unit", "--reason", "补材料", sid); code != 1 {
			t.Errorf("return as the unit: exit %d %s", code, e)
		}
		if code, _, e := runIt("assessment", "return", "--role", "reviewer", "--reason", "请补充台账", sid); code != 0 {
			t.Fatalf("return: exit %d %s", code, e)
		}
		st, err := env.Backend.Open(context.Background(), env.DB)
		if err != nil {
			t.Fatal(err)
		}
		defer st.close()
		es, err := st.Audit.Audit(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		var reviews, returns int
		for _, e := range es {
			switch e.Action {
			case "review":
				reviews++
				if e.Actor != "李四" || e.Roles != "reviewer" {
					t.Errorf("review entry %+v", e)
				}
			case "return":
				returns++
				if e.Roles != "reviewer" {
					t.Errorf("return entry %+v", e)
				}
			}
		}
		if reviews != 3 || returns != 1 {
			t.Errorf("%d review and %d return entries, want 3 and 1", reviews, returns)
		}
		if _, out, _ := runIt("assessment", "audit", sid); !strings.Contains(out, "李四 (reviewer)  return") {
			t.Errorf("assessment audit does not show the role:\n%s", out)
		}
	})
	t.Run("RoleFlag", func(t *testing.T) {
		if code, _, e := runIt("review", "list", "--role", "boss"); code != 1 || !strings.Contains(e, "unit, reviewer or admin") {
			t.Errorf("--role boss: exit %d %s", code, e)
		}
		if code, _, e := runIt("review", "list", "--roles", "staff", "--role", "reviewer"); code != 1 {
			t.Errorf("--role outside --roles: exit %d %s", code, e)
		}
	})
}

func writeText(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
