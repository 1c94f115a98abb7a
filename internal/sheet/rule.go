package sheet

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// Proposal is the scoring rule Propose reads from an official rule text
// ("每发现一处扣0.5分，扣完为止"): a method and its parameters, for the
// user to accept or change. A proposal that is not Known leaves the method
// to the user; Reason says why the text was not understood.
type Proposal struct {
	Known  bool
	Method domain.Method
	Max    float64 // full points the text states (得满分 does not); 0 when it states none

	Levels    []domain.Level
	Bands     []domain.Band
	Shortfall *domain.Shortfall
	Linear    *domain.Linear
	Per       float64 // deduct, count
	MaxDeduct float64 // deduct: "最多扣N分", "本项限扣N分" (floor = max − N); 0 when not stated

	// Overflow (deduct): "扣满4分的，追加扣除10分".
	Overflow *domain.Overflow
	// Uncapped (count): "每抓获一人加1分" states no cap; only a bonus item
	// takes it (the caps of its category and the catalog bound it).
	Uncapped bool
	// NA is the N/A treatment the text states ("不具有该职能的以满分计":
	// domain.NAFull); "" when it states none.
	NA string
	// Targets are the targets by unit type ("市局80%，分县局75%，派出所70%")
	// of a shortfall rule, in the text's order; the first is the rule's
	// own, the others become rules by unit type.
	Targets []UnitTarget
	// Discretion (deduct): "每发现一处酌情扣2-6分": the reviewer picks.
	Discretion *domain.Discretion
	// Kinds (count): "主要领导出席每次得1分；其他领导每次得0.5分".
	Kinds []domain.Kind
	// Relative (numeric): "达到基数计4分，每高于基数1个百分点加0.04分…".
	Relative *domain.Relative
	// Rank (numeric): "排名1-5名的依次赋予60分、57分…", "排名末两位的扣0.5分".
	Rank *domain.RankRule
	// Multipliers (deduct): "重大安保期间发生的加倍扣分": such a case counts twice.
	Multipliers []domain.Multiplier
	// Piecewise (numeric): "低于96%的，每降低1个百分点扣0.25分；低于90%的…扣0.5分".
	Piecewise []domain.Segment
	// Slope, Difference and Exact (numeric): "环比持平计6分，每下降1起加0.2分，
	// 上升一起扣0.2分，当月零发案计8分".
	Slope      *domain.Slope
	Difference bool
	Exact      []domain.Exact

	// Reason is the code of why the text was not understood (Reason* constants).
	Reason string
}

// UnitTarget is the target a rule text states for one unit type.
type UnitTarget struct {
	UnitType string
	Target   float64
}

// Why a rule text was not understood.
const (
	ReasonEmpty    = "empty"    // no rule text
	ReasonVague    = "vague"    // judged by the assessors (酌情, 视情, 综合评定 …)
	ReasonRange    = "range"    // a range of points (扣1-3分)
	ReasonMixed    = "mixed"    // more than one rule in one text
	ReasonUnknown  = "unknown"  // no phrasing Pingce knows
	ReasonConflict = "conflict" // the text disagrees with the points column
)

// Summary writes the proposal in the catalog format's words, for a person
// to compare with the text: "deduct per 0.5", "levels 有=5, 无=0".
func (p Proposal) Summary() string {
	if !p.Known {
		return "?"
	}
	n := domain.CheckNumber
	switch p.Method {
	case domain.MethodDeduct:
		s := "deduct per " + n(p.Per)
		if d := p.Discretion; d != nil {
			s = "deduct per " + n(d.Min) + "-" + n(d.Max) + " (reviewer)"
		}
		if p.MaxDeduct > 0 {
			s += ", at most " + n(p.MaxDeduct)
		}
		if p.Overflow != nil {
			s += ", at " + n(p.Overflow.At) + " extra " + n(p.Overflow.Extra)
		}
		for _, m := range p.Multipliers {
			s += ", ×" + n(m.Times) + " " + m.Label
		}
		return s + p.naSummary()
	case domain.MethodCount:
		s := "count per " + n(p.Per)
		if len(p.Kinds) > 0 {
			var ks []string
			for _, k := range p.Kinds {
				ks = append(ks, k.Label+"="+n(k.Per))
			}
			s = "count kinds " + strings.Join(ks, ", ")
		}
		if p.Uncapped {
			s += ", uncapped"
		}
		return s + p.naSummary()
	case domain.MethodCheck:
		return "check " + n(p.Max) + p.naSummary()
	case domain.MethodLevels:
		parts := make([]string, len(p.Levels))
		for i, l := range p.Levels {
			parts[i] = l.Label + "=" + n(l.Points)
		}
		return "levels " + strings.Join(parts, ", ") + p.naSummary()
	case domain.MethodNumeric:
		switch {
		case len(p.Piecewise) > 0:
			var ss []string
			for _, sg := range p.Piecewise {
				ss = append(ss, "<"+n(*sg.Below)+" "+n(sg.Per))
			}
			return "numeric piecewise " + strings.Join(ss, ", ") + p.naSummary()
		case p.Slope != nil:
			s := "numeric difference: " + n(p.Slope.Points) + " at " + n(p.Slope.Base) + ", " + n(p.Slope.Per) + " per 1"
			for _, e := range p.Exact {
				s += ", exactly " + n(e.Value) + "=" + n(e.Points)
			}
			return s + p.naSummary()
		case p.Relative != nil:
			return "numeric relative: " + n(p.Relative.Points) + " at the average, " + n(p.Relative.Per) + " per 1" + p.naSummary()
		case p.Rank != nil && p.Rank.Proportional:
			return "numeric rank: in proportion to the first, top " + strconv.Itoa(p.Rank.Top) + p.naSummary()
		case p.Rank != nil && p.Rank.Bottom > 0:
			return "numeric rank: last " + strconv.Itoa(p.Rank.Bottom) + " lose " + n(p.Rank.Per) + p.naSummary()
		case p.Rank != nil:
			pts := make([]string, len(p.Rank.Points))
			for i, v := range p.Rank.Points {
				pts[i] = n(v)
			}
			return "numeric rank: " + strings.Join(pts, ", ") + p.naSummary()
		case p.Shortfall != nil:
			s := p.Shortfall
			dir := "below"
			if s.LowerIsBetter {
				dir = "above"
			}
			out := "numeric shortfall: target " + n(s.Target) + ", " + n(s.Per) + " per " + n(s.Step) + " " + dir
			for _, t := range p.Targets[min(1, len(p.Targets)):] {
				out += ", " + t.UnitType + " " + n(t.Target)
			}
			return out + p.naSummary()
		case p.Linear != nil:
			return "numeric linear " + n(p.Linear.Zero) + "→" + n(p.Linear.Full) + p.naSummary()
		default:
			parts := make([]string, len(p.Bands))
			for i, b := range p.Bands {
				if b.AtLeast != nil {
					parts[i] = "≥" + n(*b.AtLeast) + "=" + n(b.Points)
				} else {
					parts[i] = "≤" + n(*b.AtMost) + "=" + n(b.Points)
				}
			}
			return "numeric bands " + strings.Join(parts, ", ") + p.naSummary()
		}
	}
	return string(p.Method)
}

// naSummary is ", n/a full" when the text states a N/A treatment.
func (p Proposal) naSummary() string {
	if p.NA == "" {
		return ""
	}
	return ", n/a " + p.NA
}

// Apply sets the proposal's method and parameters on the item, whose Max
// is set; an unknown proposal changes nothing.
func (p Proposal) Apply(it *domain.Item) {
	if !p.Known {
		return
	}
	it.Method = p.Method
	it.Levels = slices.Clone(p.Levels)
	it.Bands = slices.Clone(p.Bands)
	it.Change, it.ZeroAt = false, 0
	it.Linear, it.Shortfall = nil, nil
	if p.Linear != nil {
		l := *p.Linear
		it.Linear = &l
	}
	if p.Shortfall != nil {
		s := *p.Shortfall
		it.Shortfall = &s
	}
	it.Per = p.Per
	it.Floor = 0
	if p.MaxDeduct > 0 && p.MaxDeduct < it.Max {
		it.Floor = it.Max - p.MaxDeduct
	}
	it.Overflow = nil
	if p.Overflow != nil {
		ov := *p.Overflow
		it.Overflow = &ov
	}
	it.Uncapped = p.Uncapped && it.Bonus
	it.NA = p.NA
	it.Discretion, it.Relative, it.Rank = nil, nil, nil
	it.Kinds = slices.Clone(p.Kinds)
	it.Multipliers = slices.Clone(p.Multipliers)
	it.Piecewise, it.Exact, it.Difference, it.Slope = slices.Clone(p.Piecewise), slices.Clone(p.Exact), p.Difference, nil
	if p.Slope != nil {
		sl := *p.Slope
		it.Slope = &sl
	}
	if p.Discretion != nil {
		d := *p.Discretion
		it.Discretion = &d
	}
	if p.Relative != nil {
		r := *p.Relative
		it.Relative = &r
	}
	if p.Rank != nil {
		r := *p.Rank
		r.Points = slices.Clone(r.Points)
		it.Rank = &r
	}
	it.ByUnitType = nil
	if p.Shortfall != nil && len(p.Targets) > 1 {
		it.ByUnitType = map[string]*domain.Item{}
		for _, t := range p.Targets[1:] {
			s := *p.Shortfall
			s.Target = t.Target
			it.ByUnitType[t.UnitType] = &domain.Item{ID: it.ID, Max: it.Max, Method: domain.MethodNumeric, Shortfall: &s}
		}
	}
}

// fits reports whether the proposal fits an item of max points, and makes
// it not Known (ReasonConflict) when it does not.
func (p *Proposal) fits(max float64) {
	if !p.Known {
		return
	}
	bad := false
	switch p.Method {
	case domain.MethodLevels:
		bad = len(p.Levels) == 0 || p.Levels[0].Points != max
	case domain.MethodNumeric:
		for _, b := range p.Bands {
			bad = bad || b.Points > max
		}
	case domain.MethodDeduct, domain.MethodCount:
		bad = p.Per > max
		for _, k := range p.Kinds {
			bad = bad || k.Per > max
		}
		if d := p.Discretion; d != nil {
			bad = d.Max > max
		}
	case domain.MethodCheck:
		bad = p.Max != 0 && p.Max != max
	}
	if bad {
		*p = Proposal{Reason: ReasonConflict}
	}
}

// textReplacer writes full-width digits, letters and punctuation as
// ASCII and drops spaces, so that one set of patterns reads them all.
var textReplacer = func() *strings.Replacer {
	var pairs []string
	for r := '０'; r <= '９'; r++ {
		pairs = append(pairs, string(r), string('0'+(r-'０')))
	}
	pairs = append(pairs,
		"．", ".", "％", "%", "（", "(", "）", ")", "，", ",", "；", ";", "。", ";",
		"：", ":", "－", "-", "—", "-", "–", "-", "～", "-", "~", "-", "≧", "≥", ">=", "≥",
		"＞", ">", "＜", "<", "≤", "≤", "<=", "≤", "\n", ";", "\r", "", " ", "", "\t", "", "　", "")
	return strings.NewReplacer(pairs...)
}()

// Patterns of the rule texts. num is a number; seg a part of a sentence.
const num = `(\d+(?:\.\d+)?)`

var (
	reVague  = regexp.MustCompile(`酌情|视情|综合评定|综合评价|综合评分|综合考评|由考核组|另扣|加倍|从重`)
	reRange  = regexp.MustCompile(`(扣|得|加)` + num + `(?:分)?(?:-|至|到)` + num + `分`)
	reAdd    = regexp.MustCompile(`每[^,;]*?加` + num + `分`)
	reAddCap = regexp.MustCompile(`(?:最高|最多|上限|累计不超过|不超过|封顶)(?:加)?` + num + `分`)
	reDeduct = regexp.MustCompile(`每[^,;]*?扣` + num + `分`)
	reMaxDed = regexp.MustCompile(`(?:(?:最多|最高|累计最多|累计最高|至多|本项限|限)扣|最高减|最多减|扣分不超过)` + num + `分`)
	// reNAFull finds a clause giving full marks to a unit without the duty
	// ("不具有该职能的以满分计", "未承担此项任务的得满分").
	reNAFull = regexp.MustCompile(`(?:^|[,;])[^,;]*?(?:不具有|不具备|没有|无|未承担|不承担|不涉及)[^,;]*?(?:职能|任务|工作|业务|此项|该项|职责)[^,;]*?(?:的)?,?(?:以|按|计|得)满分(?:计|计算|计分)?`)
	// reOverflow finds "扣满4分的，追加扣除10分".
	reOverflow = regexp.MustCompile(`(?:^|[,;])(?:本项)?扣满` + num + `分(?:的)?,?(?:并|另行|另外)?(?:追加|再)扣(?:除)?` + num + `分`)
	// reUnitTarget finds a target by unit type ("市局80%", "分县局达到75%").
	reUnitTarget = regexp.MustCompile(`(市公安局|市局|分县局|县市区局|分局|县局|派出所|局直单位|直属单位)(?:达到|不低于|为|:)?` + num + `%`)
	reStated     = regexp.MustCompile(`(?:本项|满分|共|本项满分|总分)` + num + `分`)
	rePoint      = regexp.MustCompile(`百分点|个点|%`)
	reShortUp    = regexp.MustCompile(`每(?:高|上升|超过|超出|增加|多)` + num + `?一?个?百分点[^,;]*?扣` + num + `分`)
	reShortDn    = regexp.MustCompile(`每(?:低|下降|降低|少|减少|差)` + num + `?一?个?百分点[^,;]*?扣` + num + `分`)
	reTarget     = regexp.MustCompile(num + `%(?:\(含\))?(?:以上|及以上|以下|及以下|以内)?(?:的)?,?得满分`)
	reLinear     = regexp.MustCompile(num + `%(?:\(含\))?(?:以上|及以上)?(?:的)?,?得满分,?(?:低于的?|以下)?按比例(?:折算|计分|得分)`)
	reGain       = regexp.MustCompile(`得` + num + `分`)
	reBand       = regexp.MustCompile(`^[^\d]*?(超过|达到|不低于|高于|大于等于|大于|≥|>|在)?` + num + `%?(?:-` + num + `%?)?(\(含\))?(以上|及以上)?(?:的)?,?得` + num + `分$`)
	reBelow      = regexp.MustCompile(`^[^\d]*?(低于|不足|小于|<|未达到)` + num + `%?(?:的)?,?(?:不得分|得0分|不计分)$`)
	reLevel      = regexp.MustCompile(`^(.+?)(?:的)?,?得` + num + `分$`)
	reLevel0     = regexp.MustCompile(`^(.+?)(?:的)?,?(?:不得分|得0分|不计分)$`)
	reCheckOn    = regexp.MustCompile(`^(?:有|已|能|是|建立|建成|制定|开展|完成|达到|落实|按时|按要求|符合)`)
)

// Propose reads the rule text of one item and proposes its method: the
// common phrasings of official tables only. Anything else is not Known,
// never guessed.
func Propose(text string) Proposal {
	t := textReplacer.Replace(text)
	t = strings.Trim(t, ";,")
	if t == "" {
		return Proposal{Reason: ReasonEmpty}
	}
	var extra Proposal
	t, extra = clauses(t)
	if t == "" {
		return Proposal{Reason: ReasonUnknown}
	}
	p := propose(t)
	if !p.Known {
		return p
	}
	switch {
	case (extra.Overflow != nil || extra.Multipliers != nil) && (p.Method != domain.MethodDeduct || p.Discretion != nil),
		len(extra.Targets) > 0 && p.Shortfall == nil:
		return Proposal{Reason: ReasonMixed}
	}
	p.Overflow, p.NA, p.Targets, p.Multipliers = extra.Overflow, extra.NA, extra.Targets, extra.Multipliers
	return p
}

// clauses takes the clauses of the shapes that qualify a rule out of a
// normalized text: the N/A treatment, an overflow penalty, targets by
// unit type. It returns the rest of the text.
func clauses(t string) (string, Proposal) {
	var p Proposal
	if loc := reNAFull.FindStringIndex(t); loc != nil {
		p.NA = domain.NAFull
		t = t[:loc[0]] + t[loc[1]:]
	}
	if m := reDouble.FindStringSubmatchIndex(t); m != nil {
		label := strings.TrimSuffix(t[m[2]:m[3]], "的")
		p.Multipliers = []domain.Multiplier{{Key: "double", Label: label, Times: 2}}
		t = t[:m[0]] + t[m[1]:]
	}
	if loc := reNAAverage.FindStringIndex(t); loc != nil && p.NA == "" {
		p.NA = domain.NAAverage
		t = t[:loc[0]] + t[loc[1]:]
	}
	if m := reOverflow.FindStringSubmatchIndex(t); m != nil {
		p.Overflow = &domain.Overflow{At: number(t[m[2]:m[3]]), Extra: number(t[m[4]:m[5]])}
		t = t[:m[0]] + t[m[1]:]
	}
	if ms := reUnitTarget.FindAllStringSubmatchIndex(t, -1); len(ms) >= 2 {
		seen := map[string]bool{}
		for i, m := range ms {
			ut := t[m[2]:m[3]]
			// The targets are one run: only separators between them.
			if seen[ut] || (i > 0 && strings.Trim(t[ms[i-1][1]:m[0]], ",、;") != "") {
				return t, p
			}
			seen[ut] = true
			p.Targets = append(p.Targets, UnitTarget{UnitType: ut, Target: number(t[m[4]:m[5]])})
		}
		first, last := ms[0], ms[len(ms)-1]
		t = t[:first[0]] + "达到" + t[first[4]:first[5]] + "%" + t[last[1]:]
	}
	return strings.Trim(t, ";,"), p
}

// propose reads a normalized text without the clauses of clauses.
func propose(t string) Proposal {
	if p, ok := proposeRound(t); ok { // rule_more.go
		return p
	}
	switch {
	case reVague.MatchString(t):
		return Proposal{Reason: ReasonVague}
	case reRange.MatchString(t):
		return Proposal{Reason: ReasonRange}
	}
	if p, ok := proposeCount(t); ok {
		return p
	}
	if m := reLinear.FindStringSubmatch(t); m != nil && !strings.Contains(t, "扣") && number(m[1]) > 0 {
		return Proposal{Known: true, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: number(m[1])}}
	}
	if p, ok := proposeShortfall(t); ok {
		return p
	}
	if p, ok := proposeDeduct(t); ok {
		return p
	}
	segs := segments(strings.NewReplacer(",得", "得", ",不得", "不得", ",扣", "扣").Replace(t))
	if p, ok := proposeBands(segs); ok {
		return p
	}
	if p, ok := proposeCheck(segs); ok {
		return p
	}
	if p, ok := proposeLevels(segs); ok {
		return p
	}
	if strings.Contains(t, "扣") || strings.Contains(t, "得") {
		return Proposal{Reason: ReasonMixed}
	}
	return Proposal{Reason: ReasonUnknown}
}

// segments splits a normalized text at , and ; into its non-empty parts.
func segments(t string) []string {
	f := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' })
	out := f[:0]
	for _, s := range f {
		if s = strings.Trim(s, ":、"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func number(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// proposeCount reads "每项加2分，最高加10分" (a bonus counted per case).
func proposeCount(t string) (Proposal, bool) {
	ms := reAdd.FindAllStringSubmatch(t, -1)
	if len(ms) != 1 || strings.Contains(t, "扣") {
		return Proposal{}, false
	}
	p := Proposal{Known: true, Method: domain.MethodCount, Per: number(ms[0][1])}
	if c := reAddCap.FindStringSubmatch(t); c != nil {
		p.Max = number(c[1])
	} else {
		p.Uncapped = true
	}
	return p, p.Per > 0
}

// proposeShortfall reads "达到95%得满分，每低1个百分点扣0.2分" and its
// lower-is-better twin "控制在5%以内得满分，每高1个百分点扣1分".
func proposeShortfall(t string) (Proposal, bool) {
	target := reTarget.FindAllStringSubmatch(t, -1)
	dn := reShortDn.FindAllStringSubmatch(t, -1)
	up := reShortUp.FindAllStringSubmatch(t, -1)
	if len(target) != 1 || len(dn)+len(up) != 1 || len(reDeduct.FindAllString(t, -1)) != 1 {
		return Proposal{}, false
	}
	m, lower := dn, false
	if len(up) == 1 {
		m, lower = up, true
	}
	step := 1.0
	if m[0][1] != "" {
		step = number(m[0][1])
	}
	s := &domain.Shortfall{Target: number(target[0][1]), Step: step, Per: number(m[0][2]), LowerIsBetter: lower}
	if s.Step <= 0 || s.Per <= 0 {
		return Proposal{}, false
	}
	return Proposal{Known: true, Method: domain.MethodNumeric, Shortfall: s}, true
}

// proposeDeduct reads "每发现一处扣0.5分，扣完为止" and "每少一次扣2分，最多扣6分".
func proposeDeduct(t string) (Proposal, bool) {
	ms := reDeduct.FindAllStringSubmatch(t, -1)
	if len(ms) == 0 || strings.Contains(t, "加") || reGain.MatchString(t) {
		return Proposal{}, false
	}
	per := number(ms[0][1])
	for _, m := range ms {
		if number(m[1]) != per || rePoint.MatchString(m[0]) {
			return Proposal{}, false
		}
	}
	p := Proposal{Known: true, Method: domain.MethodDeduct, Per: per}
	if m := reMaxDed.FindStringSubmatch(t); m != nil {
		p.MaxDeduct = number(m[1])
	}
	if m := reStated.FindStringSubmatch(t); m != nil {
		p.Max = number(m[1])
	}
	return p, per > 0
}

// proposeBands reads "超过98%(含)得5分；超过95%(含)得3分" and
// "≥90%得15分；70%-90%得10分；<70%得0分".
func proposeBands(segs []string) (Proposal, bool) {
	var bands []domain.Band
	for _, s := range segs {
		if reBelow.MatchString(s) {
			continue
		}
		m := reBand.FindStringSubmatch(s)
		if m == nil {
			return Proposal{}, false
		}
		// A bare number is a band only with a % or a comparing word.
		if m[1] == "" && m[5] == "" && !strings.Contains(s, "%") {
			return Proposal{}, false
		}
		at := number(m[2])
		bands = append(bands, domain.Band{AtLeast: &at, Points: number(m[6])})
	}
	if len(bands) < 2 {
		return Proposal{}, false
	}
	slices.SortStableFunc(bands, func(a, b domain.Band) int { return cmp.Compare(*b.AtLeast, *a.AtLeast) })
	for i := 1; i < len(bands); i++ {
		if *bands[i].AtLeast == *bands[i-1].AtLeast || bands[i].Points > bands[i-1].Points {
			return Proposal{}, false
		}
	}
	// A band giving nothing says what "none matches" says already.
	for len(bands) > 1 && bands[len(bands)-1].Points == 0 {
		bands = bands[:len(bands)-1]
	}
	return Proposal{Known: true, Method: domain.MethodNumeric, Bands: bands, Max: bands[0].Points}, true
}

// proposeCheck reads "有…得X分，无…不得分".
func proposeCheck(segs []string) (Proposal, bool) {
	if len(segs) != 2 {
		return Proposal{}, false
	}
	on, off := segs[0], segs[1]
	m := reLevel.FindStringSubmatch(on)
	if m == nil || !reLevel0.MatchString(off) || !reCheckOn.MatchString(on) || rePoint.MatchString(on) {
		return Proposal{}, false
	}
	x := number(m[2])
	if x <= 0 {
		return Proposal{}, false
	}
	return Proposal{Known: true, Method: domain.MethodCheck, Max: x}, true
}

// proposeLevels reads "A得X分，B得Y分…".
func proposeLevels(segs []string) (Proposal, bool) {
	var ls []domain.Level
	for _, s := range segs {
		if m := reLevel0.FindStringSubmatch(s); m != nil {
			ls = append(ls, domain.Level{Label: m[1]})
			continue
		}
		m := reLevel.FindStringSubmatch(s)
		if m == nil || strings.Contains(m[1], "得") || strings.Contains(m[1], "扣") {
			return Proposal{}, false
		}
		ls = append(ls, domain.Level{Label: m[1], Points: number(m[2])})
	}
	if len(ls) < 2 {
		return Proposal{}, false
	}
	seen := map[string]bool{}
	for _, l := range ls {
		if seen[l.Label] {
			return Proposal{}, false
		}
		seen[l.Label] = true
	}
	slices.SortStableFunc(ls, func(a, b domain.Level) int { return cmp.Compare(b.Points, a.Points) })
	if ls[0].Points <= 0 {
		return Proposal{}, false
	}
	return Proposal{Known: true, Method: domain.MethodLevels, Levels: ls, Max: ls[0].Points}, true
}
