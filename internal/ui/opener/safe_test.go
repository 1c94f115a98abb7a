package opener

import (
	"errors"
	"testing"
)

// TestOpenFileRefusesPrograms never hands a program, script or shortcut to
// the system (issue 10 #8), whoever asks.
func TestOpenFileRefusesPrograms(t *testing.T) {
	for _, name := range []string{"/tmp/x/setup.exe", "/tmp/x/report_fdp.exe", "/tmp/x/run.bat", "/tmp/x/a.pdf.lnk", "/tmp/x/noext"} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t)
			var got error
			r.o.OpenFile(name, func(err error) { got = err })
			if !errors.Is(got, ErrNotViewable) || len(r.opened) != 0 {
				t.Errorf("OpenFile(%s): %v, opened %q", name, got, r.opened)
			}
		})
	}
	r := newRig(t)
	r.o.OpenFile("/tmp/x/报告.pdf", nil)
	r.settle()
	if len(r.opened) != 1 {
		t.Errorf("a PDF was not opened: %q", r.opened)
	}
}
