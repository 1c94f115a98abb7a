package catalogs

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

// The editor's rules that need the round (issue 15 #7c, #11, #12): a
// numeric item scored against its peer group's average or by its rank,
// and N/A as the group's average.
func init() {
	numericRules = append(numericRules, "relative", "rank")
	ruleKeys["relative"] = []string{"relative_points", "relative_per", "relative_lower_is_better"}
	ruleKeys["rank"] = []string{"rank_points", "rank_proportional", "rank_top", "rank_bottom", "rank_per", "rank_lower_is_better"}
	flagKeys = append(flagKeys, "relative_lower_is_better", "rank_proportional", "rank_lower_is_better")
	naValues = append(naValues, domain.NAAverage)
	for k, f := range map[string]func() string{
		"relative":                 func() string { return lang.L("Against the peer group's average") },
		"rank":                     func() string { return lang.L("By rank among peers") },
		"relative_points":          func() string { return lang.L("Points at the group's average") },
		"relative_per":             func() string { return lang.L("Points more or less per 1 from the average") },
		"relative_lower_is_better": func() string { return lang.L("Lower is better") },
		"rank_points":              func() string { return lang.L("Points of the first places in order (separated by 、)") },
		"rank_proportional":        func() string { return lang.L("In proportion to the first's value") },
		"rank_top":                 func() string { return lang.L("Only the first N places score (0: all)") },
		"rank_bottom":              func() string { return lang.L("The last N places lose points") },
		"rank_per":                 func() string { return lang.L("Points the last places lose") },
		"rank_lower_is_better":     func() string { return lang.L("Lower is better") },
		"na:" + domain.NAAverage:   func() string { return lang.L("N/A: the group's average points") },
	} {
		moreLabels[k] = f
	}
}
