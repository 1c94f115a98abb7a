package sheet

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// Row is one item read from an official table, with the rule text it was
// scored from and what Propose made of it.
type Row struct {
	Where    string // file!sheet!cell of the item's title
	ItemID   string
	Title    string
	Text     string // the rule text, as the table writes it (kept as Item.Scoring)
	Lead     string // 牵头单位 / 考核主体, when the table names one
	Proposal Proposal
}

// node is a heading of the table while it is read.
type node struct {
	cat      *domain.Category
	kids     int // children made so far, for their ids
	level    int
	where    string
	points   float64 // points the heading's own column gives; NaN when none
	pointsAt string
	items    []*domain.Item
	subs     []*node
}

// group is a cell of points merged over several rows.
type group struct {
	points float64
	where  string
	items  []*domain.Item
}

// tableReader turns one grid into a catalog.
type tableReader struct {
	g    *grid
	opt  Options
	res  *Result
	cols []Column
	// column indexes by field; heading and max can be several.
	headings []int
	maxCols  []int // all max columns
	leafMax  int   // -1 when none
	headMax  map[int]int
	one      map[string]int // other fields: first column
	probs    []domain.Problem
	warns    []domain.Problem

	cat     *domain.Catalog
	top     []*node
	path    []*node // current heading of each level
	prevVal []string
	bonus   *node // the 加分项 block, once seen
	inVeto  bool
	groups  map[pos]*group
	last    *domain.Item
	lastRow *Row
	total   float64
	totalAt string
	// where each element of the catalog is, for Check's findings
	at     map[any]string
	fields map[any]map[string]string
	vetoN  int
	vetoAt []string
}

var (
	reNumber   = regexp.MustCompile(`^\(?` + num + `\)?(?:分)?$`)
	reCapText  = regexp.MustCompile(`(?:最高|最多|上限|不超过|封顶)(?:加)?` + num + `分`)
	reNoteRow  = regexp.MustCompile(`^(?:注|说明|备注|附注|附)[:：\d一二三四五六七八九十、.．]`)
	reTotalRow = regexp.MustCompile(`^(?:合计|总计|总分|小计|共计)`)
	reClause   = regexp.MustCompile(`(?:^|[;；。\n])\s*(?:\d+[.、．)）]|[（(](?:\d+|[一二三四五六七八九十]+)[)）]|[一二三四五六七八九十]+、)`)
)

// value returns the text of field's first column on row r.
func (t *tableReader) value(r int, field string) (string, int) {
	c, ok := t.one[field]
	if !ok {
		return "", -1
	}
	return clean(t.g.cell(r, c)), c
}

// row reads one data row.
func (t *tableReader) row(r int) {
	g := t.g
	vals := make([]string, len(t.headings))
	deep := -1
	for k, c := range t.headings {
		vals[k] = clean(g.cell(r, c))
		if o, ok := g.origin[pos{r, c}]; ok && o.c < c && k > 0 {
			vals[k] = "" // a heading merged over the columns to its right
		}
		if vals[k] != "" {
			deep = k
		}
	}
	rowText := t.rowText(r)
	if rowText == "" {
		return
	}
	first := firstText(g.rows[r])
	switch {
	case t.spansRow(r) && !strings.Contains(first, "加分") && !strings.Contains(first, "否决"):
		return // a note over the whole width
	case reNoteRow.MatchString(textReplacer.Replace(first)) && deep <= 0 && !t.hasContent(r):
		return
	case reTotalRow.MatchString(first):
		t.totalRow(r)
		return
	}
	if strings.Contains(first, "否决") && (deep <= 0 || t.spansRow(r) || strings.Contains(vals[0], "否决")) {
		t.inVeto = true
		t.vetoClauses(r, first)
		return
	}
	if t.inVeto {
		t.vetoRow(r, vals, deep)
		return
	}
	if deep < 0 {
		// No heading: the rule text continues the item above.
		t.continueItem(r)
		return
	}
	// Which levels start a new heading on this row.
	isNew := make([]bool, len(vals))
	parentNew := false
	for k := range vals {
		v := vals[k]
		switch {
		case v == "" && k < deep:
			vals[k] = t.prev(k) // a blank upper heading repeats the one above
		case v == "":
		case g.below(r, t.headings[k]) && !parentNew:
		case !parentNew && v == t.prev(k):
		default:
			isNew[k] = true
			parentNew = true
		}
	}
	if !isNew[deep] {
		t.continueItem(r)
		return
	}
	// The levels above deep are headings; a new heading with no content of
	// its own (a section row) is a heading, not an item.
	leafLevel := deep
	if !t.hasContent(r) && len(t.headings) > 1 && t.spansHeadings(r, deep) {
		leafLevel = -1
	}
	for k := 0; k < len(vals); k++ {
		if k == leafLevel {
			break
		}
		if k > deep {
			break
		}
		if isNew[k] || len(t.path) <= k || t.path[k] == nil {
			t.heading(r, k, vals[k])
		}
	}
	if leafLevel < 0 {
		return
	}
	t.item(r, deep, vals[deep])
}

// rowText returns the row's texts joined, "" when it holds none.
func (t *tableReader) rowText(r int) string {
	return strings.TrimSpace(strings.Join(t.g.rows[r], ""))
}

func firstText(row []string) string {
	for _, s := range row {
		if s = clean(s); s != "" {
			return s
		}
	}
	return ""
}

// spansRow reports whether row r is one merged cell over the table's width.
func (t *tableReader) spansRow(r int) bool {
	row := t.g.rows[r]
	if len(t.cols) < 2 {
		return false
	}
	v := ""
	for c := range t.cols {
		s := t.g.cell(r, c)
		if c == 0 {
			v = s
		} else if s != v {
			return false
		}
	}
	return v != "" && len(row) > 0
}

// spansHeadings reports whether the heading at level deep fills every
// heading column to its right on row r (a section row "一、组织领导").
func (t *tableReader) spansHeadings(r, deep int) bool {
	if deep == len(t.headings)-1 {
		return false
	}
	v := t.g.cell(r, t.headings[deep])
	for _, c := range t.headings[deep+1:] {
		if s := t.g.cell(r, c); s != "" && s != v {
			return false
		}
	}
	return true
}

// hasContent reports whether row r has a rule text, points, a
// requirement or evidence of its own.
func (t *tableReader) hasContent(r int) bool {
	for _, f := range []string{FieldScoring, FieldRequirement, FieldEvidence} {
		if v, _ := t.value(r, f); v != "" {
			return true
		}
	}
	return t.leafMax >= 0 && clean(t.g.cell(r, t.leafMax)) != "" && !t.g.below(r, t.leafMax)
}

func (t *tableReader) prev(k int) string {
	if k < len(t.prevVal) {
		return t.prevVal[k]
	}
	return ""
}

// heading starts a new heading at level k.
func (t *tableReader) heading(r, k int, title string) {
	var parent *node
	if k > 0 && len(t.path) >= k {
		parent = t.path[k-1]
	}
	if k > 0 && parent == nil {
		// A heading below nothing: hang it under an untitled first level.
		t.heading(r, k-1, title)
		parent = t.path[k-1]
	}
	n := &node{level: k, where: t.g.where(r, t.headings[k]), points: math.NaN()}
	var id string
	if parent == nil {
		id = topID(len(t.top))
	} else {
		parent.kids++
		id = childID(parent.cat.ID, parent.kids)
	}
	n.cat = &domain.Category{ID: id, Title: stripPoints(title)}
	if m := reMaxDed.FindStringSubmatch(textReplacer.Replace(title)); m != nil && number(m[1]) > 0 {
		budget := number(m[1]) // 本项限扣5分: the category's deduct items together
		n.cat.DeductCap = &budget
		t.fields[n.cat] = map[string]string{"deduct_cap": t.g.where(r, t.headings[k])}
	}
	if strings.Contains(title, "加分") || (parent != nil && parent.cat.Bonus) {
		n.cat.Bonus = parent == nil || !parent.cat.Bonus
		if parent == nil {
			t.bonus = n
			if m := reCapText.FindStringSubmatch(textReplacer.Replace(title)); m != nil {
				capV := number(m[1])
				t.cat.BonusCap = &capV
			}
		}
	}
	if c, ok := t.headMax[k]; ok {
		if v := clean(t.g.cell(r, c)); v != "" {
			if f, ok := parseNumber(v); ok {
				n.points, n.pointsAt = f, t.g.where(r, c)
			}
		}
	}
	if m := rePointsInTitle.FindStringSubmatch(textReplacer.Replace(title)); m != nil && math.IsNaN(n.points) {
		n.points, n.pointsAt = number(m[1]), n.where
	}
	t.at[n.cat] = n.where
	if parent == nil {
		t.top = append(t.top, n)
		t.cat.Categories = append(t.cat.Categories, n.cat)
	} else {
		parent.subs = append(parent.subs, n)
		parent.cat.Categories = append(parent.cat.Categories, n.cat)
	}
	t.path = append(t.path[:k], n)
	t.prevVal = append(t.prevVal[:min(k, len(t.prevVal))], title)
}

// rePointsInTitle finds "（100分）" in a heading.
var rePointsInTitle = regexp.MustCompile(`\(` + num + `分\)`)

// reTrailingPoints finds "（100分）" or "（最高10分）" ending a heading.
var reTrailingPoints = regexp.MustCompile(`\([^()]*\d+(?:\.\d+)?分[^()]*\)$`)

// stripPoints drops a trailing "（100分）" from a heading.
func stripPoints(s string) string {
	n := textReplacer.Replace(s)
	if loc := reTrailingPoints.FindStringIndex(n); loc != nil {
		if i := strings.LastIndexAny(s, "（("); i > 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// topID names the n-th top-level heading: A … Z, then A1 … (rare).
func topID(n int) string {
	if n < 26 {
		return string(rune('A' + n))
	}
	return "Z" + strconv.Itoa(n-25)
}

// childID names the n-th child of parent: A → A1, A1 → A1.1.
func childID(parent string, n int) string {
	if len(parent) == 1 {
		return parent + strconv.Itoa(n)
	}
	return parent + "." + strconv.Itoa(n)
}

// item adds the item of row r, titled by its heading at level deep.
func (t *tableReader) item(r, deep int, title string) {
	parent := (*node)(nil)
	if deep > 0 && len(t.path) >= deep {
		parent = t.path[deep-1]
	}
	if parent == nil {
		if t.top == nil || deep == 0 {
			// Items with no heading above: one category for them all.
			if len(t.top) == 0 || t.top[len(t.top)-1].cat.Title != t.cat.Title {
				n := &node{where: t.g.where(r, -1), points: math.NaN()}
				n.cat = &domain.Category{ID: topID(len(t.top)), Title: t.cat.Title}
				t.top = append(t.top, n)
				t.cat.Categories = append(t.cat.Categories, n.cat)
				t.at[n.cat] = n.where
			}
		}
		parent = t.top[len(t.top)-1]
	}
	parent.kids++
	it := &domain.Item{ID: childID(parent.cat.ID, parent.kids), Title: title}
	if parent.cat.Bonus || (t.bonus != nil && len(t.path) > 0 && t.path[0] == t.bonus) {
		it.Bonus = true
	}
	where := t.g.where(r, t.headings[deep])
	t.at[it] = where
	t.fields[it] = map[string]string{"title": where, "id": where}
	row := &Row{Where: where, ItemID: it.ID, Title: title}
	if len(t.path) > deep {
		t.path = t.path[:deep]
	}
	t.prevVal = append(t.prevVal[:min(deep, len(t.prevVal))], title)
	parent.items = append(parent.items, it)
	parent.cat.Items = append(parent.cat.Items, it)
	// Mark the heading path for the groups of points.
	t.fill(r, it, row)
	t.res.Rows = append(t.res.Rows, *row)
	t.last, t.lastRow = it, &t.res.Rows[len(t.res.Rows)-1]
}

// fill sets the item's fields from row r.
func (t *tableReader) fill(r int, it *domain.Item, row *Row) {
	if v, c := t.value(r, FieldScoring); v != "" {
		it.Scoring = v
		t.fields[it]["scoring"] = t.g.where(r, c)
	}
	if v, c := t.value(r, FieldRequirement); v != "" && !t.g.below(r, c) {
		it.Requirement = v
		t.fields[it]["requirement"] = t.g.where(r, c)
	}
	if v, _ := t.value(r, FieldEvidence); v != "" {
		it.Evidence = splitList(v)
	}
	if v, _ := t.value(r, FieldAppliesTo); v != "" && !strings.Contains(v, "全部") {
		it.AppliesTo = splitList(v)
	}
	if v, _ := t.value(r, FieldBasis); v != "" {
		it.Basis = v
	}
	if v, _ := t.value(r, FieldUnit); v != "" {
		it.Unit = v
	}
	if v, _ := t.value(r, FieldLead); v != "" {
		row.Lead, it.Lead = v, v
	}
	if t.leafMax >= 0 {
		c := t.leafMax
		t.fields[it]["max"] = t.g.where(r, c)
		if v := clean(t.g.cell(r, c)); v != "" {
			f, ok := parseNumber(v)
			switch {
			case !ok:
				t.probs = append(t.probs, t.problem(t.g.where(r, c), it.ID, ProbNotNumber, "{value:q} is not a number of points", "value", v))
			case t.g.below(r, c) || t.spansRows(r, c):
				o, ok := t.g.origin[pos{r, c}]
				if !ok {
					o = pos{r, c}
				}
				gr := t.groups[o]
				if gr == nil {
					gr = &group{points: f, where: t.g.where(o.r, o.c)}
					t.groups[o] = gr
				}
				gr.items = append(gr.items, it)
			default:
				it.Max = f
			}
		}
	}
	text := it.Scoring
	if text == "" {
		text = it.Requirement
	}
	row.Text = it.Scoring
	row.Proposal = Propose(text)
}

// spansRows reports whether the merge at r, c covers rows below it.
func (t *tableReader) spansRows(r, c int) bool {
	_, last := t.g.span(r, c)
	return last > r
}

// continueItem adds row r's rule text to the item above (a rule split
// over rows under one merged title).
func (t *tableReader) continueItem(r int) {
	if t.last == nil {
		return
	}
	if v, c := t.value(r, FieldScoring); v != "" && !t.g.below(r, c) {
		t.last.Scoring = strings.TrimSpace(t.last.Scoring + "\n" + v)
		t.lastRow.Text = t.last.Scoring
		t.lastRow.Proposal = Propose(t.last.Scoring)
	}
	if t.leafMax >= 0 && !t.g.below(r, t.leafMax) {
		if f, ok := parseNumber(clean(t.g.cell(r, t.leafMax))); ok {
			t.last.Max += f
		}
	}
}

// totalRow reads a 合计 row: the total of the catalog.
func (t *tableReader) totalRow(r int) {
	for _, c := range append([]int{t.leafMax}, t.maxCols...) {
		if c < 0 {
			continue
		}
		if f, ok := parseNumber(clean(t.g.cell(r, c))); ok {
			t.total, t.totalAt = f, t.g.where(r, c)
			return
		}
	}
}

// vetoClauses reads the clauses of a 一票否决 heading row, when its text
// lists them ("有下列情形之一的，实行一票否决：1.… 2.…").
func (t *tableReader) vetoClauses(r int, first string) {
	texts := []string{}
	for _, s := range t.g.rows[r] {
		s = clean(s)
		if s != "" && (len(texts) == 0 || texts[len(texts)-1] != s) {
			texts = append(texts, s)
		}
	}
	for _, s := range texts {
		for _, cl := range splitClauses(s) {
			t.addVeto(t.g.where(r, 0), cl)
		}
	}
}

// vetoRow adds the veto a row under the 一票否决 heading states.
func (t *tableReader) vetoRow(r int, vals []string, deep int) {
	text := ""
	if deep >= 0 && !t.g.below(r, t.headings[deep]) {
		text = vals[deep]
	}
	if v, _ := t.value(r, FieldScoring); v != "" && (text == "" || strings.Contains(text, "否决")) {
		text = v
	}
	if text == "" {
		return
	}
	for _, cl := range splitClauses(text) {
		t.addVeto(t.g.where(r, max(0, t.headings[max(deep, 0)])), cl)
	}
}

func (t *tableReader) addVeto(where, title string) {
	title = strings.Trim(strings.TrimSpace(title), "；;。，,")
	if title == "" || strings.HasSuffix(title, "否决") || strings.HasSuffix(title, "否决项") || strings.HasSuffix(title, "：") {
		return
	}
	t.vetoN++
	effect, points := proposeVeto(title) // rule_more.go
	t.cat.Vetoes = append(t.cat.Vetoes, domain.Veto{ID: "V" + strconv.Itoa(t.vetoN), Title: title, Effect: effect, Points: points})
	t.vetoAt = append(t.vetoAt, where) // t.at is set in finish, once the vetoes do not move
}

// splitClauses splits "1.…；2.…" into its clauses; text without numbered
// clauses is one clause (after a colon, if it has one).
func splitClauses(s string) []string {
	if i := strings.LastIndexAny(s, ":："); i >= 0 && reClause.MatchString(s[i:]) {
		s = s[i+len(string([]rune(s[i:])[0])):]
	}
	locs := reClause.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		if i := strings.IndexAny(s, ":："); i >= 0 && strings.Contains(s[:i], "否决") {
			s = s[i+len(string([]rune(s[i:])[0])):]
		}
		return []string{s}
	}
	var out []string
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if cl := strings.TrimSpace(s[l[1]:end]); cl != "" {
			out = append(out, cl)
		}
	}
	return out
}

// splitList splits "查台账、听汇报" into its entries.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、,，;；/\n", r)
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseNumber reads a number of points: "10", "10分", "（5）", "７.５".
func parseNumber(s string) (float64, bool) {
	m := reNumber.FindStringSubmatch(textReplacer.Replace(s))
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	return f, err == nil && domain.OrdinaryNumber(f)
}
