package exchange

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/ui/message"
)

// inChinese switches the user interface's messages to Chinese.
func inChinese(t *testing.T) {
	t.Helper()
	t.Setenv("LANGUAGE", "zh_CN")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LANG", "zh_CN.UTF-8")
	message.ErrorText(nil) // its own translations first, then again for the language
	if err := message.AddTranslations(os.DirFS("../ui/message"), "translations"); err != nil {
		t.Fatal(err)
	}
}

var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.@/+:-]*`)

// chineseWords are the ASCII words a Chinese message may hold besides the
// values of its Args (names, ids, fingerprints, formats): units and
// formats Chinese text writes so too.
var chineseWords = []string{"JSON", "SHA-256", "GB", "MB", "KB", "U"}

// englishLeft returns the ASCII words of text that are neither in one of
// the Args' values nor one of chineseWords: English left in a Chinese
// message.
func englishLeft(text string, args map[string]string) []string {
	var left []string
	for _, w := range asciiWord.FindAllString(text, -1) {
		w = strings.TrimRight(w, ".:-")
		if slices.Contains(chineseWords, w) {
			continue
		}
		found := false
		for _, v := range args {
			if strings.Contains(v, w) {
				found = true
				break
			}
		}
		if !found {
			left = append(left, w)
		}
	}
	return left
}

// TestRefusalsInChinese writes every refusal of badPackages as the
// window shows it in Chinese — the advice above, each problem below — and
// fails on an English word left in them (audit of issue 13, GAP-3: "its
// end", "1073741824 bytes", "more than 15", flate's errors, the empty
// file's whole message).
func TestRefusalsInChinese(t *testing.T) {
	inChinese(t)
	for _, tc := range badPackages(t) {
		if tc.want == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(context.Background(), save(t, tc.data), tc.opt)
			ps := domain.ErrorProblems(err)
			if len(ps) == 0 {
				t.Fatalf("no problem: %v", err)
			}
			advice := message.ErrorText(err)
			if left := englishLeft(advice, nil); len(left) > 0 || advice == "" {
				t.Errorf("advice %q: English %v", advice, left)
			}
			for _, p := range ps {
				got := message.ProblemText(p)
				if got == p.Msg {
					t.Errorf("%s written as its English message %q", p.Code, got)
				}
				if left := englishLeft(got, p.Args); len(left) > 0 {
					t.Errorf("%q (%s %v): English %v", got, p.Code, p.Args, left)
				}
			}
		})
	}
}
