package report

import (
	"fmt"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// countWords renders the answer of an answered count or deduct item: the
// count, with kinds the count of each kind (主要领导出席 2 次；其他领导出席
// 1 次), with multipliers the marked ones among them, and for a
// discretion item the range the reviewer picks the points in (issue 15
// shapes 5, 9, 8).
func countWords(it *domain.Item, a domain.Answer, lb Labels) string {
	times := func(n int) string { return fmt.Sprintf(lb.CountFormat, strconv.Itoa(n)) }
	if len(it.Kinds) > 0 {
		var parts []string
		for _, k := range it.Kinds {
			parts = append(parts, k.Label+" "+times(a.Counts[k.Key]))
		}
		return strings.Join(parts, lb.ListSep)
	}
	s := ""
	if a.Count != nil {
		s = times(*a.Count)
	}
	var marks []string
	for _, m := range it.Multipliers {
		if n := a.Counts[m.Key]; n > 0 {
			marks = append(marks, fmt.Sprintf(countedWords(lb).mark, m.Label, times(n), Num(m.Times)))
		}
	}
	if len(marks) > 0 {
		s += lb.Paren(strings.Join(marks, lb.ListSep))
	}
	if r, ok := it.DiscretionRange(a); ok {
		s += lb.Paren(fmt.Sprintf(countedWords(lb).discretion, Num(it.Discretion.Min), Num(it.Discretion.Max), Num(r.Min), Num(r.Max)))
	}
	return s
}

// countedLabels are the words of countWords, in the report's language.
type countedLabels struct {
	mark       string // %s label, %s times, %s multiplier
	discretion string // %s min, %s max per occurrence, %s low, %s high points
}

func countedWords(lb Labels) countedLabels {
	if lb.Colon == "：" {
		return countedLabels{mark: "其中%s %s，按 %s 倍计", discretion: "酌情每次扣 %s–%s 分，由审核人核定，可得 %s–%s 分"}
	}
	return countedLabels{mark: "of them %s %s, counted %s times", discretion: "at the reviewer's discretion %s–%s points each; %s–%s points reachable"}
}
