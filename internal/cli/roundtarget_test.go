package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRoundTargetsShownAndChecked: round show lists the round's targets;
// round target refuses a unit that does not exist and a grade none of the
// round's catalogs gives, saying which grades there are; rank says a unit
// with a rank target that is not ranked yet is not ranked, instead of "no"
// and a gap of 0.
func TestRoundTargetsShownAndChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a bureau")
	}
	db := bureauDB(t)
	ids := map[string]string{}
	for _, line := range strings.Split(mustRun(t, db, "unit", "list"), "\n")[1:] {
		if f := strings.Fields(line); len(f) >= 2 {
			ids[f[1]] = f[0]
		}
	}
	var r rankJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "分县局", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	var ranked, unranked string
	for _, u := range r.Groups[0].Units {
		switch {
		case u.Rank != nil && ranked == "":
			ranked = u.Unit
		case u.Rank == nil && unranked == "":
			unranked = u.Unit
		}
	}
	if ranked == "" || unranked == "" {
		t.Fatalf("fixture: the demo's 2026-Q3 分县局 need a ranked and an unranked unit: %+v", r.Groups[0].Units)
	}

	if out := mustRun(t, db, "round", "show", "2026-Q3"); !strings.Contains(out, "targets: none") {
		t.Errorf("round show without targets:\n%s", out)
	}
	mustRun(t, db, "round", "target", "--round", "2026-Q3", "--unit", ids[ranked], "--grade", "优秀")
	mustRun(t, db, "round", "target", "--round", "2026-Q3", "--unit", ids[unranked], "--rank", "3")
	show := mustRun(t, db, "round", "show", "2026-Q3")
	for _, want := range []string{ranked + " (" + ids[ranked] + ")  grade 优秀", unranked + " (" + ids[unranked] + ")"} {
		if !strings.Contains(show, want) {
			t.Errorf("round show lacks %q:\n%s", want, show)
		}
	}
	if !strings.Contains(show, "rank 3") {
		t.Errorf("round show lacks the rank target:\n%s", show)
	}

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a unit that does not exist", []string{"--unit", "9999", "--rank", "1"}, "no unit with id 9999"},
		{"a grade the round's catalog does not give", []string{"--unit", ids[ranked], "--grade", "超优"}, "give one of 优秀, 良好"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runOn(t, db, append([]string{"round", "target", "--round", "2026-Q3"}, tc.args...)...)
			if code != 1 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want 1 with %q: %s", code, tc.want, errOut)
			}
		})
	}
	if show2 := mustRun(t, db, "round", "show", "2026-Q3"); show2 != show {
		t.Errorf("a refused target changed the round:\n%s\nwas\n%s", show2, show)
	}

	text := mustRun(t, db, "rank", "--round", "2026-Q3", "--group", "分县局")
	for _, line := range strings.Split(text[strings.Index(text, "[TARGETS]"):], "\n") {
		if strings.HasPrefix(line, unranked) && !strings.Contains(line, "not ranked yet") {
			t.Errorf("the unranked unit's target line %q", line)
		}
	}
}
