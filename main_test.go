package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleErrorUnderC runs this test binary again under the C locale
// and checks that Fyne's start-up did not log a locale error: the
// posixlocale import must initialise before Fyne's lang package.
func TestNoLocaleErrorUnderC(t *testing.T) {
	if os.Getenv("PINGCE_LOCALE_CHILD") == "1" {
		return
	}
	for _, v := range []string{"C", "C.UTF-8", "POSIX"} {
		t.Run(v, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleErrorUnderC$")
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "LANG=") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANGUAGE=") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(cmd.Env, "LANG="+v, "LC_ALL="+v, "PINGCE_LOCALE_CHILD=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			if strings.Contains(string(out), "locale") {
				t.Errorf("start-up under LANG=%s logged:\n%s", v, out)
			}
		})
	}
}
