package cli

import (
	"slices"
	"strings"
	"testing"
)

// FuzzCommandFirst: whatever the command line, CommandFirst does not
// panic, and what it returns is the same arguments, with a command first.
func FuzzCommandFirst(f *testing.F) {
	for _, s := range []string{"--db\x00p.db\x00db\x00path", "--user=x\x00unit\x00list", "--db", "--roles\x00\x00assessment\x00show\x001", "-db=\x00help"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		got, ok := CommandFirst(args)
		if !ok {
			if got != nil {
				t.Fatalf("not a command but %q", got)
			}
			return
		}
		a, b := slices.Clone(args), slices.Clone(got)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Fatalf("CommandFirst(%q) = %q: not the same arguments", args, got)
		}
		if _, _, found := lookup(got); !found {
			t.Fatalf("CommandFirst(%q) = %q: no command first", args, got)
		}
	})
}
