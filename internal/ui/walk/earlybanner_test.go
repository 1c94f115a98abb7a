package walk

import (
	"context"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestEarlySubmissionReturned: an assessment submitted and returned before
// submissions were recorded (早期提交, domain.BaseUnrecorded) tells the
// unit in the returned banner that the reviewer will not see what it
// changes; a returned assessment whose submission is recorded, and a
// draft that was never submitted, say nothing of it.
func TestEarlySubmissionReturned(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Submit(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	lead := domain.WithUser(context.Background(), domain.User{Name: "刘审核", Roles: []domain.Role{domain.RoleReviewer}})
	if err := s.Return(lead, a.ID, "请补充材料"); err != nil {
		t.Fatal(err)
	}
	const early = "早期提交"
	for _, tc := range []struct {
		name  string
		ws    func(ws *domain.Workspace)
		early bool
	}{
		{"returned, its submission recorded", func(*domain.Workspace) {}, false},
		{"returned before submissions were recorded", func(ws *domain.Workspace) {
			ws.Last, ws.Previous = nil, nil // what a schema-5 database held
		}, true},
		{"a draft never submitted", func(ws *domain.Workspace) {
			ws.Last, ws.Previous = nil, nil
			ws.Assessment.Status, ws.Assessment.SubmittedAt, ws.Assessment.ReturnReason = domain.Draft, time.Time{}, ""
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := s.OpenAssessment(context.Background(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			tc.ws(ws)
			if got := ws.ChangeBase() == domain.BaseUnrecorded; got != tc.early {
				t.Fatalf("fixture: ChangeBase unrecorded = %v, want %v", got, tc.early)
			}
			h := newHarnessWS(t, s, s, ws)
			h.settle()
			text := h.v.bar.banner.Text
			if got := strings.Contains(text, early); got != tc.early {
				t.Errorf("banner %q: says %s = %v, want %v", text, early, got, tc.early)
			}
			if tc.early && (!strings.Contains(text, "请补充材料") || !h.v.bar.bannerBox.Visible()) {
				t.Errorf("banner %q (shown %v) lost the lead's message", text, h.v.bar.bannerBox.Visible())
			}
		})
	}
}
