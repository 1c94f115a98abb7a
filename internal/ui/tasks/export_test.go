package tasks

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// TestExportAndNotices writes the entries shown and issues notices for
// the overdue ones, recorded on each entry before the file is written.
func TestExportAndNotices(t *testing.T) {
	op := open(t, domain.User{Name: "刘建国", Unit: 9, Roles: []domain.Role{domain.RoleReviewer}})
	var wrote []int64
	var numbers []string
	op.b.deps.Outputs = userfile.NewGuard("")
	op.b.deps.WriteRegister = func(ctx context.Context, w io.Writer, format string, ts []domain.Task, now time.Time) error {
		for _, t := range ts {
			wrote = append(wrote, t.ID)
		}
		_, err := io.WriteString(w, format)
		return err
	}
	op.b.deps.WriteNotices = func(ctx context.Context, w io.Writer, ts []domain.Task, ns []string, now time.Time) error {
		for _, t := range ts {
			if t.Notices != 1 {
				return io.ErrUnexpectedEOF // the notice must be recorded first
			}
		}
		numbers = ns
		_, err := io.WriteString(w, strings.Join(ns, "\n"))
		return err
	}
	dir := t.TempDir()
	op.do(t, "filter", "unit=甲分局")
	op.tasks.Interact(func() { op.b.export(filepath.Join(dir, "台账.xlsx"), FormatXLSX, op.b.shownTasks()) })
	op.tasks.Wait()
	slices.Sort(wrote)
	if !slices.Equal(wrote, []int64{1, 2}) {
		t.Errorf("exported %v", wrote)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "台账.xlsx")); err != nil || string(data) != "xlsx" {
		t.Errorf("file %q %v", data, err)
	}
	ts := op.b.noticeTasks() // nothing selected: the overdue ones shown
	if len(ts) != 1 || ts[0].ID != 1 {
		t.Fatalf("notices for %+v", ts)
	}
	op.tasks.Interact(func() { op.b.notices(filepath.Join(dir, "督办.pdf"), ts) })
	op.tasks.Wait()
	if len(numbers) != 1 || numbers[0] != "督〔2026〕1-1号" {
		t.Errorf("numbers %v", numbers)
	}
	if !slices.Equal(op.reg.steps, []string{"1:task_notice"}) {
		t.Errorf("steps %v", op.reg.steps)
	}
	t.Run("a notice the user may not issue writes nothing", func(t *testing.T) {
		staff := open(t, domain.User{Name: "王五", Unit: 1, Roles: []domain.Role{domain.RoleStaff}})
		staff.b.deps.Outputs, staff.b.deps.WriteNotices = userfile.NewGuard(""), op.b.deps.WriteNotices
		path := filepath.Join(dir, "x.pdf")
		var shown bool
		staff.tasks.Interact(func() {
			staff.b.notices(path, []domain.Task{staff.reg.tasks[0]})
			shown = true
		})
		staff.tasks.Wait()
		if _, err := os.Stat(path); !shown || err == nil {
			t.Error("a refused notice wrote its file")
		}
	})
}
