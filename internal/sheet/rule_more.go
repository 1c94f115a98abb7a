package sheet

import (
	"regexp"
	"strings"

	"pingce/internal/domain"
)

// Phrasings of the answer-side and round shapes of issue 15.
var (
	// reDiscretion: "每发现一处酌情扣2-6分" (the whole rule, 扣完为止 aside).
	reDiscretion = regexp.MustCompile(`^(每[^,;]*?)?酌情扣` + num + `(?:分)?(?:-|至|到)` + num + `分(?:[,;]扣完为止)?$`)
	// reDouble: "重大安保期间发生的加倍扣分" (a clause beside a deduct rule).
	reDouble = regexp.MustCompile(`(?:^|[,;])([^,;]+?)(?:的)?,?加倍(?:扣分|扣除|计扣)`)
	// reNAAverage: "不具有该职能的按同类单位平均分得分".
	reNAAverage = regexp.MustCompile(`(?:^|[,;])[^,;]*?(?:按|以)同类(?:单位)?平均(?:分|得分)(?:得分|计分|计算|计)?`)
	// reRelative: "达到基数计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.04分".
	reRelative = regexp.MustCompile(`^[^,;]*?达到基数(?:的)?(?:计|得)` + num + `分[,;]每高(?:于基数)?` + num + `?一?个?百分点加` + num + `分[,;]每低(?:于基数)?` + num + `?一?个?百分点扣` + num + `分$`)
	// reRankPoints: "排名1-5名的依次赋予60分、57分、54分、51分、48分".
	reRankPoints = regexp.MustCompile(`^[^,;]*?排名(?:第)?1-(\d+)名(?:的)?,?依次(?:赋予|得|计)((?:\d+(?:\.\d+)?分?、?)+)$`)
	// reRankShare: "排名第1名得满分，第2-5名按第1名的比例得分".
	reRankShare = regexp.MustCompile(`^[^,;]*?(?:排名)?(?:第1名(?:的)?(?:得|计)满分[,;])?(?:排名)?第2-(\d+)名(?:的)?按(?:与)?第1名(?:的)?比例(?:得分|计分|折算)$`)
	// reRankBottom: "月度排名末两位的，每次扣0.5分".
	reRankBottom = regexp.MustCompile(`^[^,;]*?排名(?:倒数|末)(\d+|一|两|二|三|四|五)(?:位|名)(?:的)?,?(?:每次)?扣` + num + `分$`)
	// reKind: "主要领导出席每次得1分".
	reKind = regexp.MustCompile(`^(.+?)每(?:次|人次|人|个|项)(?:得|加|计)` + num + `分$`)
	// reKindsCap: "此项最高计3分" ending the kinds.
	reKindsCap = regexp.MustCompile(`^(?:此项|本项)?(?:最高|最多)(?:计|得|加)?` + num + `分$`)
)

// Veto clauses that say what a triggered veto does (issue 15 #14).
var (
	reVetoDeduct = regexp.MustCompile(`(?:扣|扣除|减)` + num + `分`)
	reVetoNoTop  = regexp.MustCompile(`一票否优|取消评优|不得评为优秀|不得评优|不能评为优秀`)
	reVetoLowest = regexp.MustCompile(`定为(?:最低等次|末等|五级|最低一级)|直接定为最低`)
	reVetoZero   = regexp.MustCompile(`(?:总分|得分|成绩|考评结果)(?:计|记|为|按)(?:0|零)分?|计零分|不得分`)
)

// proposeVeto reads the effect of a veto clause ("…的，扣30分", "一票否优",
// "定为最低等次", "总分计0分"); "" (the catalog's veto grade) when it says
// none, or more than one.
func proposeVeto(title string) (effect string, points float64) {
	t := textReplacer.Replace(title)
	var found []string
	if m := reVetoDeduct.FindStringSubmatch(t); m != nil && number(m[1]) > 0 {
		found, points = append(found, domain.VetoDeduct), number(m[1])
	}
	if reVetoNoTop.MatchString(t) {
		found = append(found, domain.VetoNoTop)
	}
	if reVetoLowest.MatchString(t) {
		found = append(found, domain.VetoLowest)
	}
	if reVetoZero.MatchString(t) {
		found = append(found, domain.VetoZero)
	}
	if len(found) != 1 {
		return "", 0
	}
	if found[0] != domain.VetoDeduct {
		points = 0
	}
	return found[0], points
}

// Piecewise slopes and changes in absolute terms (issue 15 #3, #4).
var (
	rePiece      = regexp.MustCompile(`低于` + num + `%?(?:\(含\))?(?:的)?,?每(?:降低|降|低|下降|减少)` + num + `?一?个?百分点扣` + num + `分`)
	reFlat       = regexp.MustCompile(`持平(?:的)?(?:计|得)` + num + `分`)
	reDownAdds   = regexp.MustCompile(`每(?:下降|减少)(\d+|一)?(?:起|件|人|次|个)(?:的)?加` + num + `分`)
	reUpDeducts  = regexp.MustCompile(`(?:每)?(?:上升|增加)(\d+|一)?(?:起|件|人|次|个)(?:的)?扣` + num + `分`)
	reZeroCases  = regexp.MustCompile(`(?:当月|本月|当期|本期|全年)?零发案(?:的)?(?:计|得)` + num + `分`)
	reScoreWords = regexp.MustCompile(`扣|得|加|计`)
)

// proposePiecewise reads "低于96%的，每降低1个百分点扣0.25分；低于90%的，每降低
// 1个百分点扣0.5分": two or more slopes below falling thresholds, and no
// other rule in the text.
func proposePiecewise(t string) (Proposal, bool) {
	ms := rePiece.FindAllStringSubmatchIndex(t, -1)
	if len(ms) < 2 || reScoreWords.MatchString(rePiece.ReplaceAllString(t, "")) {
		return Proposal{}, false
	}
	var segs []domain.Segment
	for i, m := range ms {
		at, step, per := number(t[m[2]:m[3]]), 1.0, number(t[m[6]:m[7]])
		if m[4] >= 0 {
			step = number(t[m[4]:m[5]])
		}
		if step <= 0 || per <= 0 || (i > 0 && at >= *segs[i-1].Below) {
			return Proposal{}, false
		}
		segs = append(segs, domain.Segment{Below: &at, Per: per / step})
	}
	return Proposal{Known: true, Method: domain.MethodNumeric, Piecewise: segs}, true
}

// proposeDifference reads "环比持平计6分，每下降1起加0.2分，上升一起扣0.2分，当月零发案
// 计8分": value − baseline, a slope around 0, fixed points for no case.
func proposeDifference(t string) (Proposal, bool) {
	flat, down, up := reFlat.FindStringSubmatch(t), reDownAdds.FindStringSubmatch(t), reUpDeducts.FindStringSubmatch(t)
	if flat == nil || down == nil || up == nil {
		return Proposal{}, false
	}
	rest := t
	for _, re := range []*regexp.Regexp{reFlat, reDownAdds, reUpDeducts, reZeroCases} {
		rest = re.ReplaceAllString(rest, "")
	}
	one := func(s string) bool { return s == "" || s == "一" || s == "1" }
	if reScoreWords.MatchString(rest) || !one(down[1]) || !one(up[1]) || number(down[2]) != number(up[2]) || number(down[2]) <= 0 {
		return Proposal{}, false
	}
	p := Proposal{Known: true, Method: domain.MethodNumeric, Difference: true,
		Slope: &domain.Slope{Base: 0, Points: number(flat[1]), Per: number(down[2]), LowerIsBetter: true}}
	if z := reZeroCases.FindStringSubmatch(t); z != nil {
		p.Exact = []domain.Exact{{Value: 0, Points: number(z[1])}}
		p.Max = number(z[1])
	}
	return p, true
}

// proposeRound reads the phrasings of the shapes that are no rule of
// proposeCount … proposeLevels: the reviewer's range, tiered counts, a
// value against the peers' average, and ranks.
func proposeRound(t string) (Proposal, bool) {
	if p, ok := proposePiecewise(t); ok {
		return p, true
	}
	if p, ok := proposeDifference(t); ok {
		return p, true
	}
	if m := reDiscretion.FindStringSubmatch(t); m != nil {
		d := &domain.Discretion{Min: number(m[2]), Max: number(m[3])}
		if d.Min <= 0 || d.Min > d.Max {
			return Proposal{}, false
		}
		return Proposal{Known: true, Method: domain.MethodDeduct, Discretion: d}, true
	}
	if m := reRelative.FindStringSubmatch(t); m != nil {
		up, down := number(m[3]), number(m[5])
		if up != down || up <= 0 || (m[2] != "" && number(m[2]) != 1) || (m[4] != "" && number(m[4]) != 1) {
			return Proposal{}, false
		}
		return Proposal{Known: true, Method: domain.MethodNumeric, Relative: &domain.Relative{Points: number(m[1]), Per: up}}, true
	}
	if m := reRankPoints.FindStringSubmatch(t); m != nil {
		var pts []float64
		for _, s := range strings.Split(strings.ReplaceAll(m[2], "分", ""), "、") {
			if s != "" {
				pts = append(pts, number(s))
			}
		}
		if len(pts) == 0 || len(pts) != int(number(m[1])) || !descending(pts) {
			return Proposal{}, false
		}
		return Proposal{Known: true, Method: domain.MethodNumeric, Rank: &domain.RankRule{Points: pts}, Max: pts[0]}, true
	}
	if m := reRankShare.FindStringSubmatch(t); m != nil && number(m[1]) >= 2 {
		return Proposal{Known: true, Method: domain.MethodNumeric, Rank: &domain.RankRule{Proportional: true, Top: int(number(m[1]))}}, true
	}
	if m := reRankBottom.FindStringSubmatch(t); m != nil {
		n := map[string]int{"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}[m[1]]
		if n == 0 {
			n = int(number(m[1]))
		}
		if n < 1 || number(m[2]) <= 0 {
			return Proposal{}, false
		}
		return Proposal{Known: true, Method: domain.MethodNumeric, Rank: &domain.RankRule{Bottom: n, Per: number(m[2])}}, true
	}
	return proposeKinds(segments(t))
}

// proposeKinds reads "主要领导出席每次得1分；其他领导每次得0.5分，此项最高计3分"
// (the cap may be left to the points column).
func proposeKinds(segs []string) (Proposal, bool) {
	p := Proposal{Known: true, Method: domain.MethodCount}
	if len(segs) > 0 {
		if last := reKindsCap.FindStringSubmatch(segs[len(segs)-1]); last != nil {
			p.Max = number(last[1])
			segs = segs[:len(segs)-1]
		}
	}
	if len(segs) < 2 {
		return Proposal{}, false
	}
	seen := map[string]bool{}
	for i, s := range segs {
		m := reKind.FindStringSubmatch(s)
		if m == nil || seen[m[1]] || number(m[2]) <= 0 {
			return Proposal{}, false
		}
		seen[m[1]] = true
		p.Kinds = append(p.Kinds, domain.Kind{Key: "k" + string(rune('1'+i)), Label: m[1], Per: number(m[2])})
	}
	return p, len(p.Kinds) >= 2 && len(p.Kinds) <= 9
}

// descending reports whether the points go down from place to place.
func descending(pts []float64) bool {
	for i := 1; i < len(pts); i++ {
		if pts[i] > pts[i-1] {
			return false
		}
	}
	return true
}
