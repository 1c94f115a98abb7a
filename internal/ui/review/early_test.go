package review

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/kit"
)

// TestEarlySubmission: a submission made before submissions were
// recorded (the schema-2 database of an older release) opens for review
// with a note that its changes cannot be marked — no error, an empty
// changed view; the 审核 area says 早期提交 too. Returned, changed by the
// unit and submitted again, it shows exactly the unit's change.
func TestEarlySubmission(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "storage", "testdata", "schema2.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	st := storagetest.OpenFile(t, path)
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	staff := domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: domain.Roles})
	lines, err := Lines(lead, st)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, x := range lines {
		if x.Status == domain.Submitted {
			id = x.ID
			if !x.Unrecorded || x.Changed != 0 {
				t.Errorf("审核 line of the early submission %+v", x)
			}
			if text := strings.Join((&List{}).cells(x), " "); !strings.Contains(text, "early submission") {
				t.Errorf("line %q does not say it is an early submission", text)
			}
		}
	}
	if id == 0 {
		t.Fatal("no submitted assessment in the schema-2 database")
	}
	tasks := &kit.Tasks{Context: func() context.Context { return lead }, OnError: func(err error) { t.Error(err) }}
	f := &flow{t: t, st: st, id: id, lead: lead, staff: staff, tasks: tasks}
	f.deps = Deps{Window: test.NewTempWindow(t, nil), Tasks: tasks, Assessments: st, Reviews: st,
		Confirm: func(_, _ string, ok func()) { f.confirmed++; ok() }}

	s := f.open()
	if !s.baseNote.Visible() || !strings.Contains(s.baseNote.Text, "earlier submission cannot be marked") {
		t.Fatalf("the early submission's note: %q (shown %v)", s.baseNote.Text, s.baseNote.Visible())
	}
	f.tasks.Interact(func() { s.filter.SetSelectedIndex(2) }) // changed since the last submission
	if n := len(s.changed); n != 0 {
		t.Errorf("%d items marked changed without a recorded submission", n)
	}
	f.tasks.Interact(func() { s.Return("请补充") })
	f.settle(s)
	if s.ws.Assessment.Status != domain.Returned {
		t.Fatalf("not returned: %s", s.status.Text)
	}

	// The unit changes one note and submits again.
	ws := f.stored()
	var changed string
	for _, it := range ws.Catalog.Items() {
		if a, ok := ws.Answers.Answers[it.ID]; ok && a.Note != "" && !it.IsComposite() {
			a.Note += "（已补充）"
			if _, err := st.SaveAnswer(staff, id, it.ID, a); err != nil {
				t.Fatal(err)
			}
			changed = it.ID
			break
		}
	}
	if err := st.Submit(staff, id); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = f.open()
	if s.baseNote.Visible() {
		t.Errorf("the note stays after a recorded submission: %q", s.baseNote.Text)
	}
	if len(s.changed) != 1 || !s.changed[changed] {
		t.Errorf("changed %v, want only %s", s.changed, changed)
	}
}
