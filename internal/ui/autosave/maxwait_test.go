package autosave

import (
	"testing"
	"time"
)

// TestMaxWait: someone typing without a pause longer than the delay still
// has their text stored, at the latest MaxWait after the first keystroke
// not stored (issue 11 #7: the last seconds before a crash were lost).
func TestMaxWait(t *testing.T) {
	cases := []struct {
		name      string
		maxWait   time.Duration
		wantSaved bool
	}{
		{"with a max wait, stored while typing", 60 * time.Millisecond, true},
		{"with a max wait longer than the typing, not yet", time.Hour, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.q.Delay = 200 * time.Millisecond // longer than any pause between keys below
			h.q.MaxWait = tc.maxWait
			text := ""
			savedWhileTyping := false
			for i := 0; i < 30; i++ { // 30 keys, one every 10 ms: 300 ms without a pause of 200 ms
				text += "字"
				h.q.Set("A1", text)
				deadline := time.After(10 * time.Millisecond)
			wait:
				for {
					select {
					case f := <-h.posted:
						f()
					case <-deadline:
						break wait
					}
				}
				if h.st.get("A1") != "" {
					savedWhileTyping = true
				}
			}
			if savedWhileTyping != tc.wantSaved {
				t.Errorf("stored while typing: %v, want %v (calls %d)", savedWhileTyping, tc.wantSaved, h.st.ncalls())
			}
			h.settle()
			if got := h.st.get("A1"); got != text {
				t.Errorf("stored %q after the pause, want all %d characters", got, len([]rune(text)))
			}
		})
	}
	t.Run("the default is 2 s", func(t *testing.T) {
		if q := New(Config[string, string]{}); q.MaxWait != 2*time.Second || DefaultMaxWait != 2*time.Second {
			t.Errorf("MaxWait %v", q.MaxWait)
		}
	})
}
