package sheet

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/ui/message"
)

// TestProblemsInChinese writes the problems and warnings of bad tables in
// Chinese: each starts with its file!sheet!cell and none falls back to
// the English text.
func TestProblemsInChinese(t *testing.T) {
	for k, v := range map[string]string{"LANGUAGE": "zh_CN", "LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"} {
		t.Setenv(k, v)
	}
	var ps []domain.Problem
	collect := func(res *Result, err error) {
		ps = append(ps, domain.ErrorProblems(err)...)
		if res != nil {
			ps = append(ps, res.Warnings...)
		}
	}
	rows, merges := officialRows()
	collect(Read(context.Background(), "细则.xlsx", book(t, "考评细则", rows, merges...), Options{}))
	collect(Read(context.Background(), "坏.xlsx", book(t, "表", [][]any{
		{"项目", "考评内容", "分值", "考评办法"},
		{"基础", "台账", "十分", "查阅台账"},
		{"", "制度", 5, "每处扣1-2分"},
		{"", "报送", 5, "按时报送得8分，未按时报送不得分"},
		{"", "宣传", 5, ""},
		{"", "队伍", 5, "每少1人扣1分；每缺1项得2分"},
		{"", "考核", 5, "查台账"},
	}, "A2:A7"), Options{Map: map[string]string{"无此列": "weight"}}))
	collect(Read(context.Background(), "空.xlsx", book(t, "S", [][]any{{"x"}}), Options{}))
	collect(Read(context.Background(), "乱.xlsx", []byte("PK"), Options{}))
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl, nil); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	english := regexp.MustCompile(`[A-Za-z]{4,}`)
	for _, p := range ps {
		seen[p.Code] = true
		got := message.ProblemText(p)
		if !strings.HasPrefix(got, p.File) || !strings.Contains(p.File, ".xlsx") {
			t.Errorf("%q does not start with its place %q", got, p.File)
		}
		what := message.ProblemMessage(p)
		if what == p.Msg {
			t.Errorf("%s: not translated: %q", p.Code, what)
		}
		if w := english.FindString(strings.NewReplacer(append([]string{"weight", "", "xlsx", ""}, fieldPairs()...)...).Replace(what)); w != "" && p.Code != ProbNotWorkbook {
			t.Errorf("%s: English word %q in %q", p.Code, w, what)
		}
	}
	for _, code := range []string{ProbUnknownColumn, ProbRuleVague, ProbDefaultGrades, ProbDefaultVeto, ProbNotNumber,
		ProbRuleRange, ProbRuleConflict, ProbRuleEmpty, ProbRuleMixed, ProbRuleUnknown, ProbMapColumn, ProbMapField,
		ProbNoHeader, ProbNotWorkbook} {
		if !seen[code] {
			t.Errorf("no table shows %s", code)
		}
	}
}

// fieldPairs are the field names a Chinese message may show, to drop.
func fieldPairs() []string {
	var out []string
	for _, f := range Fields {
		out = append(out, f, "")
	}
	return out
}
