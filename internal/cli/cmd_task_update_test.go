package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
)

// TestTaskUpdateAllOrNothing: task update --attach F --apply and task close
// --attach F are one change — refused (the reviewer may not apply, a
// closure without its comment), the entry, its files and timeline and the
// stored contents are as before; taken by the unit, all of it is kept.
func TestTaskUpdateAllOrNothing(t *testing.T) {
	db, _ := taskDB(t)
	mustRun(t, db, "task", "add", "--assessment", "1", "--problem", "会议记录不全", "--measure", "补齐记录",
		"--owner", "赵六", "--due", "2099-12-31")
	id := strconv.FormatInt(listTasksJSON(t, db)[0].ID, 10)
	mustRun(t, db, "task", "update", id, "--start")
	content := "%PDF-1.4 只为本测试的整改报告"
	f := filepath.Join(t.TempDir(), "整改报告.pdf")
	writeText(t, f, content)
	sum := sha256.Sum256([]byte(content))
	sha := hex.EncodeToString(sum[:])
	show := func() taskJSON {
		t.Helper()
		var j taskJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, "task", "show", "--json", id)), &j); err != nil {
			t.Fatal(err)
		}
		return j
	}
	stored := func() bool {
		t.Helper()
		st, err := storage.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		r, err := st.OpenContent(context.Background(), sha)
		if err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Fatal(err)
			}
			return false
		}
		r.Close()
		return true
	}
	before := show()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"apply by the reviewer", []string{"task", "update", id, "--role", "reviewer", "--attach", f, "--apply", "--measure", "补齐并复核记录"}},
		{"close without a comment", []string{"task", "close", id, "--attach", f}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, errOut := runOn(t, db, tc.args...); code != 1 {
				t.Fatalf("exit %d, want a refusal: %s", code, errOut)
			}
			if after := show(); !reflect.DeepEqual(after, before) {
				t.Errorf("a refused update changed the entry:\n%+v\nwas\n%+v", after, before)
			}
			if stored() {
				t.Error("the refused file's content is stored")
			}
		})
	}
	mustRun(t, db, "task", "update", id, "--role", "unit", "--attach", f, "--apply", "--measure", "补齐并复核记录")
	if j := show(); j.Status != string(domain.TaskClosureRequested) || len(j.Files) != 1 || j.Measure != "补齐并复核记录" || !stored() {
		t.Errorf("the unit's update kept %+v", j)
	}
}
