//go:build !windows

package opener

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRunWaiting(t *testing.T) {
	cases := []struct {
		name    string
		prog    string
		args    []string
		wantErr bool
		noProg  bool
	}{
		{"an opener that fails at once (xdg-open exit 3: no program)", "sh", []string{"-c", "exit 3"}, true, false},
		{"an opener that succeeds", "true", nil, false, false},
		{"a viewer still running after the grace time has opened", "sleep", []string{"5"}, false, false},
		{"no opener program at all", "pingce-no-such-opener", nil, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := runWaiting(context.Background(), 300*time.Millisecond, tc.prog, tc.args...)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if tc.noProg != errors.Is(err, ErrNoOpener) {
				t.Errorf("err = %v, ErrNoOpener %v", err, tc.noProg)
			}
		})
	}
}
