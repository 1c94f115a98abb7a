package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bureauDB returns a database filled by `pingce demo --bureau`: 33 units over
// three rounds in every state.
func bureauDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "bureau.db")
	mustRun(t, db, "demo", "--bureau")
	return db
}

func TestRank(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	rankOf := func(t *testing.T, args ...string) rankJSON {
		t.Helper()
		var r rankJSON
		out := mustRun(t, db, append([]string{"rank", "--json"}, args...)...)
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("JSON: %v\n%s", err, out)
		}
		return r
	}
	t.Run("every group ranked on its own, unranked units last", func(t *testing.T) {
		r := rankOf(t, "--round", "2026-Q3")
		if r.Round != "2026-Q3" || r.Catalog != "demo-city-ref" {
			t.Fatalf("round %q catalog %q", r.Round, r.Catalog)
		}
		groups := map[string]int{}
		changes := 0
		for _, g := range r.Groups {
			groups[g.Group] = len(g.Units)
			last, unranked := 1e9, false
			for i, u := range g.Units {
				if u.UnitType != g.Group {
					t.Errorf("%s (%s) ranked in group %s", u.Unit, u.UnitType, g.Group)
				}
				if u.Rank == nil {
					unranked = true
					if u.Status == "submitted" || u.Status == "approved" {
						t.Errorf("%s is %s but not ranked", u.Unit, u.Status)
					}
					continue
				}
				if unranked {
					t.Errorf("%s ranked after an unranked unit", u.Unit)
				}
				if u.Score > last+1e-9 || (i == 0 && *u.Rank != 1) {
					t.Errorf("%s: rank %d score %v after %v", u.Unit, *u.Rank, u.Score, last)
				}
				if (u.Status == "approved") != (u.Basis == "approved") {
					t.Errorf("%s: status %s basis %s", u.Unit, u.Status, u.Basis)
				}
				if u.Change != nil {
					changes++
				}
				last = u.Score
			}
		}
		if groups["市局"] != 1 || groups["分县局"] != 8 || groups["派出所"] != 20 || groups["局直单位"] != 4 {
			t.Errorf("groups %v, want 1 市局, 8 分县局, 20 派出所, 4 局直单位", groups)
		}
		if changes == 0 {
			t.Error("no change of rank against 2026-Q2")
		}
	})
	t.Run("one group, approved only", func(t *testing.T) {
		r := rankOf(t, "--round", "2026-Q3", "--group", "派出所", "--approved-only")
		if len(r.Groups) != 1 || r.Groups[0].Group != "派出所" {
			t.Fatalf("groups %+v", r.Groups)
		}
		for _, u := range r.Groups[0].Units {
			if (u.Rank != nil) != (u.Status == "approved") {
				t.Errorf("%s: status %s, rank %v", u.Unit, u.Status, u.Rank)
			}
		}
	})
	t.Run("a table that lines up under Chinese names", func(t *testing.T) {
		out := mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "分县局")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		col := -1
		for _, l := range lines {
			i := strings.Index(l, "STATUS")
			if i < 0 {
				for _, st := range []string{"已审定", "已提交", "已退回", "填报中", "未开始"} {
					if j := strings.Index(l, st); j >= 0 {
						i = displayWidth(l[:j])
					}
				}
			} else {
				i = displayWidth(l[:i])
			}
			if i < 0 {
				continue
			}
			if col >= 0 && i != col {
				t.Errorf("status column at %d, header at %d:\n%s", i, col, out)
				break
			}
			col = i
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"rank"}, 2, "--round"},
			{[]string{"rank", "--round", "2030-Q1"}, 1, "no assessments"},
			{[]string{"rank", "--round", "2026-Q3", "--group", "交警"}, 1, "派出所"},
			{[]string{"rank", "--round", "2026-Q3", "--catalog", "nope"}, 1, "nope"},
		} {
			code, _, errOut := runOn(t, db, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: exit %d (want %d), stderr %q lacks %q", tc.args, code, tc.code, errOut, tc.want)
			}
		}
	})
}

func TestCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	out := mustRun(t, db, "assessment", "list", "--json")
	var list []struct {
		ID    int64  `json:"id"`
		Unit  string `json:"unit"`
		Round string `json:"round"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) < 2 {
		t.Fatalf("assessment list --json: %v\n%.300s", err, out)
	}
	// Two rounds of the first unit listed.
	var a, b int64
	for _, x := range list {
		for _, y := range list {
			if x.Unit == y.Unit && x.Round == "2026-Q2" && y.Round == "2026-Q3" {
				a, b = x.ID, y.ID
			}
		}
	}
	if a == 0 {
		t.Fatal("no unit with both 2026-Q2 and 2026-Q3")
	}
	var c compareJSON
	js := mustRun(t, db, "compare", "--json", itoa(a), itoa(b))
	if err := json.Unmarshal([]byte(js), &c); err != nil {
		t.Fatal(err)
	}
	if c.A.Round != "2026-Q2" || c.B.Round != "2026-Q3" || len(c.Categories) == 0 || len(c.Items) < 50 {
		t.Fatalf("compare: %+v, %d categories, %d items", c.A, len(c.Categories), len(c.Items))
	}
	moved := 0
	for _, it := range c.Items {
		switch it.Change {
		case "up", "down", "same":
			if d := it.B - it.A; d-it.Diff > 0.006 || it.Diff-d > 0.006 {
				t.Errorf("%s: diff %v, want %v", it.ID, it.Diff, d)
			}
			if it.Change != "same" {
				moved++
			}
		case "only_a", "only_b":
		default:
			t.Errorf("%s: change %q", it.ID, it.Change)
		}
	}
	if moved == 0 {
		t.Error("no item moved between the rounds")
	}
	text := mustRun(t, db, "compare", itoa(a), itoa(b))
	if !strings.Contains(text, "进步") && !strings.Contains(text, "退步") {
		t.Errorf("text lacks 进步/退步:\n%.500s", text)
	}
	if code, _, _ := runOn(t, db, "compare", itoa(a)); code != 2 {
		t.Errorf("one id: exit %d, want 2", code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestReport_Round(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	dir := t.TempDir()
	pdfPath, xlsxPath := filepath.Join(dir, "round.pdf"), filepath.Join(dir, "round.xlsx")
	out := mustRun(t, db, "report", "--round", "2026-Q3", "--pdf", pdfPath, "--xlsx", xlsxPath, "--date", "2026-10-08")
	if !strings.Contains(out, "2026-Q3: 4 groups") {
		t.Errorf("stdout %q", out)
	}
	for _, p := range []string{pdfPath, xlsxPath} {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"2026-Q3 排名通报", "同类编组排名 · 分县局", "同类编组排名 · 派出所", "共性失分项", "各组平均分走势", "2026-Q1", "2026-10-08"} {
			if !strings.Contains(string(text), s) {
				t.Errorf("PDF text lacks %q", s)
			}
		}
	}
	one := filepath.Join(dir, "one.xlsx")
	if out := mustRun(t, db, "report", "--round", "2026-Q3", "--group", "局直单位", "--xlsx", one); !strings.Contains(out, "1 groups, ") {
		t.Errorf("--group: %q", out)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"report", "--group", "派出所", "--assessment", "1", "--pdf", filepath.Join(dir, "x.pdf")}, 2},
		{[]string{"report", "--round", "2026-Q3", "--assessment", "1", "--pdf", filepath.Join(dir, "x.pdf")}, 2},
		{[]string{"report", "--round", "2026-Q3"}, 2},
		{[]string{"report", "--round", "2026-Q3", "--group", "交警", "--pdf", filepath.Join(dir, "x.pdf")}, 1},
	} {
		if code, _, errOut := runOn(t, db, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.code, errOut)
		}
	}
}

func TestRoundSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	mustRun(t, db, "round", "group", "--round", "2026-Q3", "--name", "城区", "--units", "2,3,4,5")
	mustRun(t, db, "round", "bands", "--round", "2026-Q3", "--green", "0.99", "--yellow", "0.5")
	show := mustRun(t, db, "round", "show", "2026-Q3")
	for _, w := range []string{"green ≥ 99%, yellow ≥ 50%", "城区", "东城区公安分局 (2)"} {
		if !strings.Contains(show, w) {
			t.Errorf("round show lacks %q:\n%s", w, show)
		}
	}
	var r rankJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "rank", "--round", "2026-Q3", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 2 || r.Groups[0].Group != "城区" || len(r.Groups[0].Units) != 4 || r.Groups[1].Group != "" {
		t.Fatalf("groups: %+v", r.Groups)
	}
	for _, u := range r.Groups[1].Units {
		if u.Rank != nil && u.Score < 990 && u.Band == "green" {
			t.Errorf("%s %v is green under the round's 99%% band", u.Unit, u.Score)
		}
	}
	// Removing the group ranks by unit type again.
	mustRun(t, db, "round", "group", "--round", "2026-Q3", "--name", "城区", "--units", "")
	if err := json.Unmarshal([]byte(mustRun(t, db, "rank", "--round", "2026-Q3", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 4 {
		t.Errorf("%d groups after removing 城区, want 4 unit types", len(r.Groups))
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"round", "group", "--round", "2026-Q3", "--name", "甲", "--units", "x"}, 2},
		{[]string{"round", "group", "--round", "2026-Q3", "--name", "甲", "--units", "9999"}, 1},
		{[]string{"round", "bands", "--round", "2026-Q3", "--green", "0.5", "--yellow", "0.9"}, 1},
		{[]string{"round", "show"}, 2},
	} {
		if code, _, errOut := runOn(t, db, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.code, errOut)
		}
	}
}

func TestRoundTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	var r rankJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "派出所", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	// The 派出所 ranked last, and the score of the one ranked third.
	units := r.Groups[0].Units
	var last rankUnitJSON
	var third float64
	for _, u := range units {
		if u.Rank != nil {
			last = u
			if *u.Rank <= 3 {
				third = u.Score
			}
		}
	}
	ids := map[string]string{}
	for _, line := range strings.Split(mustRun(t, db, "unit", "list"), "\n")[1:] {
		if f := strings.Fields(line); len(f) >= 2 {
			ids[f[1]] = f[0]
		}
	}
	mustRun(t, db, "round", "target", "--round", "2026-Q3", "--unit", ids[last.Unit], "--rank", "3")
	if err := json.Unmarshal([]byte(mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "派出所", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	for _, u := range r.Groups[0].Units {
		if u.Unit != last.Unit {
			if u.Target != nil {
				t.Errorf("%s has a target", u.Unit)
			}
			continue
		}
		if u.Target == nil || u.Target.Rank != 3 || u.Target.Met {
			t.Fatalf("%s target %+v", u.Unit, u.Target)
		}
		if want := third - u.Score; u.Target.Lacks < want-0.006 || u.Target.Lacks > want+0.006 {
			t.Errorf("lacks %v, want %v (third %v − own %v)", u.Target.Lacks, want, third, u.Score)
		}
		if len(u.Target.Items) == 0 || u.Target.Cover <= 0 {
			t.Errorf("no items proposed: %+v", u.Target)
		}
	}
	if out := mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "派出所"); !strings.Contains(out, "[TARGETS]") || !strings.Contains(out, "rank 3") {
		t.Errorf("text lacks the targets:\n%s", out)
	}
	mustRun(t, db, "round", "target", "--round", "2026-Q3", "--unit", ids[last.Unit], "--clear")
	if out := mustRun(t, db, "rank", "--round", "2026-Q3"); strings.Contains(out, "[TARGETS]") {
		t.Errorf("targets after --clear:\n%s", out)
	}
	if code, _, _ := runOn(t, db, "round", "target", "--round", "2026-Q3", "--unit", "1", "--rank", "2", "--score", "9"); code != 2 {
		t.Errorf("two targets at once: exit %d, want 2", code)
	}
}
