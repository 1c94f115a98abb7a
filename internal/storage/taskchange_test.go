package storage_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestChangeTaskAllOrNothing: a change of a register entry (fields, closure
// evidence, steps) is kept whole or not at all — a 申请销号 refused for the
// user's role, an edit that does not validate or a file over the limit
// leaves the entry, its files, its timeline, the stored contents and the
// audit trail exactly as they were; the same change by the unit is kept
// with every part audited.
func TestChangeTaskAllOrNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		ctx := context.Background()
		a := storagetest.Fixture(t, s)
		staff := domain.WithUser(ctx, domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}})
		lead := domain.WithUser(ctx, domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}})
		created, err := s.CreateTasks(lead, []domain.Task{{AssessmentID: a.ID, ItemID: "A2", Source: domain.SourceManual, Kind: domain.KindDeadline,
			Problem: "台账不全", Measure: "补齐台账", Owner: "王五", Due: mustDate(t, "2099-12-31")}})
		mustOK(t, err)
		id := created[0].ID
		mustOK(t, second(s.StepTask(staff, id, domain.TaskActStart, domain.TaskStep{})))

		content := "%PDF-1.4 整改报告 only for this test"
		sum := sha256.Sum256([]byte(content))
		sha := hex.EncodeToString(sum[:])
		snapshot := func() (*domain.Task, int) {
			t.Helper()
			tk, err := s.Task(ctx, id)
			mustOK(t, err)
			trail, err := s.Audit(ctx, a.ID)
			mustOK(t, err)
			return tk, len(trail)
		}
		before, trail := snapshot()
		edited := *before
		edited.Measure = "补齐并复核台账"
		blank := *before
		blank.Owner = ""

		for _, tc := range []struct {
			name string
			ctx  context.Context
			c    domain.TaskChange
			code string
		}{
			{"apply by the lead (wrong role)", lead, domain.TaskChange{Edit: &edited,
				Files: []domain.TaskUpload{{Name: "整改报告.pdf", Content: strings.NewReader(content)}},
				Steps: []domain.TaskMove{{Act: domain.TaskActRequestClosure}}}, domain.EFORBIDDEN},
			{"edit that does not validate", staff, domain.TaskChange{Edit: &blank,
				Files: []domain.TaskUpload{{Name: "整改报告.pdf", Content: strings.NewReader(content)}},
				Steps: []domain.TaskMove{{Act: domain.TaskActRequestClosure}}}, domain.EINVALID},
			{"second step refused", staff, domain.TaskChange{
				Files: []domain.TaskUpload{{Name: "整改报告.pdf", Content: strings.NewReader(content)}},
				Steps: []domain.TaskMove{{Act: domain.TaskActRequestClosure}, {Act: domain.TaskActClose, In: domain.TaskStep{Text: "自己销号"}}}}, domain.EFORBIDDEN},
			{"bad file name", staff, domain.TaskChange{Edit: &edited,
				Files: []domain.TaskUpload{{Name: "..", Content: strings.NewReader(content)}}}, domain.EINVALID},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.ChangeTask(tc.ctx, id, tc.c)
				wantCode(t, err, tc.code)
				after, n := snapshot()
				if len(after.Files) != 0 || after.Status != before.Status || after.Measure != before.Measure ||
					len(after.Notes) != len(before.Notes) || !after.UpdatedAt.Equal(before.UpdatedAt) {
					t.Errorf("a refused change left %+v (was %+v)", after, before)
				}
				if n != trail {
					t.Errorf("audit trail %d entries, was %d", n, trail)
				}
				if r, err := s.OpenContent(ctx, sha); err == nil {
					r.Close()
					t.Error("the refused file's content is stored")
				} else {
					wantCode(t, err, domain.ENOTFOUND)
				}
			})
		}

		got, err := s.ChangeTask(staff, id, domain.TaskChange{Edit: &edited,
			Files: []domain.TaskUpload{{Name: "整改报告.pdf", Content: strings.NewReader(content)}},
			Steps: []domain.TaskMove{{Act: domain.TaskActNote, In: domain.TaskStep{Text: "已补齐"}}, {Act: domain.TaskActRequestClosure}}})
		mustOK(t, err)
		back, n := snapshot()
		if got.Status != domain.TaskClosureRequested || back.Status != domain.TaskClosureRequested || back.Measure != "补齐并复核台账" ||
			len(back.Files) != 1 || back.Files[0].SHA256 != sha || len(back.Notes) != len(before.Notes)+2 {
			t.Errorf("kept %+v", back)
		}
		if n != trail+4 { // edit, attach, note, request
			t.Errorf("audit trail grew by %d entries, want 4", n-trail)
		}
		b, err := s.TaskFileContent(ctx, back.Files[0].ID)
		mustOK(t, err)
		if string(b) != content {
			t.Errorf("stored %q", b)
		}
	})
}
