package domain

import (
	"testing"
	"time"
)

func TestChangeBase(t *testing.T) {
	at := time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC)
	one, two := &Submission{Seq: 1}, &Submission{Seq: 2}
	tests := []struct {
		name        string
		status      AssessmentStatus
		submittedAt time.Time
		last, prev  *Submission
		want        ChangeBase
	}{
		{"draft never submitted", Draft, time.Time{}, nil, nil, BaseFirst},
		{"first submission", Submitted, at, one, nil, BaseFirst},
		{"resubmitted", Submitted, at, two, one, BaseRecorded},
		{"approved after a resubmission", Approved, at, two, one, BaseRecorded},
		{"returned, compared with the last submission", Returned, at, one, nil, BaseRecorded},
		{"submitted before schema 6", Submitted, at, nil, nil, BaseUnrecorded},
		{"approved before schema 6", Approved, at, nil, nil, BaseUnrecorded},
		{"returned before schema 6", Returned, at, nil, nil, BaseUnrecorded},
		{"resubmitted after a return before schema 6", Submitted, at, two, nil, BaseUnrecorded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Workspace{Assessment: Assessment{Status: tt.status, SubmittedAt: tt.submittedAt}, Last: tt.last, Previous: tt.prev}
			if got := w.ChangeBase(); got != tt.want {
				t.Errorf("ChangeBase = %d, want %d", got, tt.want)
			}
		})
	}
}
