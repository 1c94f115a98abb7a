package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"pingce/internal/domain"
)

// Options adjusts a report.
type Options struct {
	// Labels are the fixed texts; nil means ChineseLabels.
	Labels *Labels
	// Title replaces the report title built from the catalog title.
	Title string
	// Date is the report date; the zero time leaves the date to be written
	// by hand.
	Date time.Time
	// Preparer, Head and Reviewer are printed beside the signature labels
	// (填报人, 单位负责人, 审核人); empty leaves a line to sign on.
	Preparer, Head, Reviewer string
	// Progress is copied to Document.Progress for the writers.
	Progress func(done, total int)
	// Peers, when the round is known, scores the rules that compare the
	// unit with its peers (domain.ScoreRound's facts); nil takes the
	// workspace's own (Workspace.Peers), else reports them as waiting for
	// the round, with the range still open.
	Peers *domain.PeerFacts
}

// Build turns a workspace into a report document. It reads the workspace
// only and never fails: a workspace without answers reports every item as
// unanswered. ws.Catalog must not be nil.
func Build(ws *domain.Workspace, opt Options) *Document {
	lb := ChineseLabels()
	if opt.Labels != nil {
		lb = *opt.Labels
	}
	c := ws.Catalog
	answers := ws.Answers
	if answers == nil {
		answers = &domain.AnswerSet{}
	}
	d := &Document{
		Labels:         lb,
		Title:          opt.Title,
		Unit:           firstOf(ws.Assessment.Unit.Name, answers.Unit.Name),
		UnitType:       firstOf(ws.Assessment.Unit.Type, answers.Unit.Type),
		Round:          firstOf(ws.Assessment.Round, answers.Round),
		CatalogTitle:   c.Title,
		CatalogVersion: c.Version,
		CatalogRef:     c.Ref(),
		Source:         c.Source,
		Status:         statusWord(lb, ws.Assessment.Status),
		Progress:       opt.Progress,
	}
	if c.BonusCap != nil {
		v := *c.BonusCap
		d.BonusCap = &v
	}
	if d.Title == "" {
		d.Title = fmt.Sprintf(lb.TitleFormat, c.Title)
	}
	if !opt.Date.IsZero() {
		d.Date = opt.Date.Format("2006-01-02")
	}
	d.Signatures = []Signature{
		{Label: lb.Preparer, Name: opt.Preparer},
		{Label: lb.Head, Name: opt.Head},
		{Label: lb.Reviewer, Name: opt.Reviewer},
		{Label: lb.SignDate, Name: d.Date},
	}

	if opt.Peers == nil && d.UnitType == ws.Assessment.Unit.Type {
		opt.Peers = ws.Peers // the lead's round, brought by its package (a unit alone)
	}
	self := scoreOf(ws, d.UnitType, nil, opt.Peers)
	d.Self = figures(c, self, lb, "")
	var rev *domain.Result
	overrides := ws.Overrides()
	if len(ws.Reviews) > 0 {
		rev = scoreOf(ws, d.UnitType, overrides, opt.Peers)
		f := figures(c, rev, lb, lb.ReviewedPrefix)
		d.Reviewed = &f
	}

	// Categories, depth first as the scorer lists them.
	depth := map[string]int{}
	bonus := map[string]bool{}
	var walk func(cs []*domain.Category, dep int, b bool)
	walk = func(cs []*domain.Category, dep int, b bool) {
		for _, cat := range cs {
			depth[cat.ID] = dep
			bonus[cat.ID] = b || cat.Bonus
			walk(cat.Categories, dep+1, b || cat.Bonus)
		}
	}
	walk(c.Categories, 0, false)
	path := map[string]string{}
	var walkPath func(cs []*domain.Category, prefix string)
	walkPath = func(cs []*domain.Category, prefix string) {
		for _, cat := range cs {
			p := strings.TrimSpace(cat.ID + " " + cat.Title)
			if prefix != "" {
				p = prefix + " / " + p
			}
			path[cat.ID] = p
			walkPath(cat.Categories, p)
		}
	}
	walkPath(c.Categories, "")
	for i, cs := range self.Categories {
		row := CategoryRow{ID: cs.ID, Depth: depth[cs.ID], Bonus: bonus[cs.ID], Score: cs.Score, Max: cs.Max,
			Adjustment: cs.Adjustment, ReviewedAdjustment: cs.Adjustment}
		if cat := c.Category(cs.ID); cat != nil {
			row.Title = cat.Title
		}
		// A top-level bonus category counts against the bonus cap, not the
		// sum of its items: no more than the cap is added to the score.
		capped := func(v float64) float64 { return v }
		if cat := c.Category(cs.ID); cat != nil && cat.Bonus && depth[cs.ID] == 0 && c.BonusCap != nil {
			limit := *c.BonusCap
			capped = func(v float64) float64 { return min(v, limit) }
			row.Score, row.Max = capped(cs.Score), limit
		}
		row.Rate, row.HasRate = rate(row.Score, row.Max)
		row.ReviewedScore, row.ReviewedRate = row.Score, row.Rate
		if rev != nil && i < len(rev.Categories) {
			row.ReviewedScore = capped(rev.Categories[i].Score)
			row.ReviewedAdjustment = rev.Categories[i].Adjustment
			row.ReviewedRate, _ = rate(row.ReviewedScore, row.Max)
		}
		d.Categories = append(d.Categories, row)
	}

	// Items.
	for i, is := range self.Items {
		it := c.Item(is.ID)
		if it == nil {
			continue
		}
		catName := ""
		catID := ""
		if cat := c.CategoryOf(it.ID); cat != nil {
			catName = path[cat.ID]
			catID = cat.ID
		}
		if is.Status == domain.StatusExcluded {
			d.Excluded = append(d.Excluded, ExcludedRow{ID: it.ID, Title: it.Title, Category: catName,
				AppliesTo: strings.Join(it.AppliesTo, "、"), Max: it.Max})
			continue
		}
		a := answers.Answers[it.ID]
		row := ItemRow{
			ID: it.ID, Title: it.Title, Category: catName, CategoryID: catID,
			Requirement: it.Requirement, Bonus: it.Bonus, Status: is.Status,
			Score: is.Score, Max: is.Max, Lost: is.Lost(), ReviewedScore: is.Score, Grade: is.Grade, ReviewedGrade: is.Grade,
			Note: a.Note, Flagged: a.Flagged, NACounted: is.Status == domain.StatusNA && is.Counts(),
		}
		if is.Status == domain.StatusNA {
			row.NAReason = a.Reason
		}
		row.Lines = answerLines(it, a, is.Status, lb, d.UnitType)
		row.Answer = strings.Join(row.Lines, "\n")
		if rev != nil && i < len(rev.Items) {
			row.ReviewedScore = rev.Items[i].Score
			row.ReviewedGrade = rev.Items[i].Grade
			row.IsReviewed = rev.Items[i].Reviewed
			row.Lost = rev.Items[i].Lost()
		}
		if r, ok := ws.Reviews[it.ID]; ok {
			row.ReviewComment, row.ReviewReason, row.ReviewRequest = r.Comment, r.Reason, r.Request
		}
		// File names come from outside: shown with their hidden characters
		// escaped, so that "report\u202efdp.exe" cannot read "reportexe.pdf".
		if evs := ws.Evidence[it.ID]; len(evs) > 0 {
			for _, e := range evs {
				row.Evidence = append(row.Evidence, EvidenceRef{Name: domain.QuoteText(e.Name), Short: e.ShortHash(),
					Original: originalNote(e.OriginalName, lb)})
			}
		} else {
			for _, n := range a.Evidence {
				row.Evidence = append(row.Evidence, EvidenceRef{Name: domain.QuoteText(n)})
			}
		}
		row.Remarks = remarks(row, lb)
		d.Details = append(d.Details, row)
	}

	// Shortfalls: base items that lost points (reviewed points when reviewed).
	for _, row := range d.Details {
		if !row.Bonus && row.Lost > 0 {
			d.Shortfalls = append(d.Shortfalls, row)
		}
	}
	sort.SliceStable(d.Shortfalls, func(i, j int) bool { return d.Shortfalls[i].Lost > d.Shortfalls[j].Lost })

	// Items below the top grade of their bands, by the points the summary
	// ends with (the reviewer's when reviewed), as the shortfalls.
	for _, row := range d.Details {
		g := row.Grade
		if rev != nil {
			g = row.ReviewedGrade
		}
		if bands := c.ItemGradeBands(row.ID); g != "" && len(bands) > 0 && g != bands[0].Grade {
			d.BelowTop = append(d.BelowTop, row)
		}
	}
	sort.SliceStable(d.BelowTop, func(i, j int) bool { return d.BelowTop[i].Lost > d.BelowTop[j].Lost })
	fillReview(d, ws, self, rev) // review.go
	return d
}

// gradeCounts orders a score's item grade counts by the catalog's bands,
// then the categories' own bands, in catalog order.
func gradeCounts(c *domain.Catalog, counts map[string]int) []GradeCount {
	if len(counts) == 0 {
		return nil
	}
	var out []GradeCount
	seen := map[string]bool{}
	add := func(bands []domain.ItemGradeBand) {
		for _, b := range bands {
			if n := counts[b.Grade]; n > 0 && !seen[b.Grade] {
				seen[b.Grade] = true
				out = append(out, GradeCount{Grade: b.Grade, Count: n})
			}
		}
	}
	add(c.ItemGrades)
	for _, it := range c.Items() {
		add(c.ItemGradeBands(it.ID))
	}
	return out
}

// ItemGradesText says the counts in words: "优秀 25 项、良好 11 项".
func ItemGradesText(lb Labels, gs []GradeCount) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf(lb.ItemGradeCount, g.Grade, g.Count))
	}
	return strings.Join(parts, lb.GradeSep)
}

func scoreOf(ws *domain.Workspace, unitType string, overrides map[string]float64, peers *domain.PeerFacts) *domain.Result {
	return domain.Score(ws.Catalog, ws.Answers, domain.Options{UnitType: unitType, Overrides: overrides, Peers: peers})
}

func figures(c *domain.Catalog, r *domain.Result, lb Labels, prefix string) Figures {
	f := Figures{
		Final: r.Final, Total: r.Total, Percent: r.Percent,
		Raw: r.Raw, ApplicableMax: r.ApplicableMax, Scaled: r.Scaled, Bonus: r.Bonus,
		Grade: r.Grade, BandGrade: r.BandGrade, Answered: r.Answered, Applicable: r.Applicable,
		Vetoed: len(r.Vetoes) > 0, Capped: len(r.Caps) > 0,
		ItemGrades: gradeCounts(c, r.ItemGrades),
		Adjustment: baseAdjustment(c, r), VetoDeduct: r.VetoDeduct,
	}
	for _, id := range r.Vetoes {
		v, _ := c.Veto(id)
		f.VetoZero = f.VetoZero || v.Effect == domain.VetoZero
		f.Notices = append(f.Notices, prefix+vetoNotice(c, v, lb))
	}
	for _, n := range adjustNotices(c, r, lb.Shapes) {
		f.Notices = append(f.Notices, prefix+n)
	}
	for _, n := range roundNotices(c, r, lb) { // roundrules.go: 待全市汇总后计分, quotas …
		f.Notices = append(f.Notices, prefix+n)
	}
	f.AwaitsRound, f.Reach = r.AwaitsRound, r.Reach
	// The hits of one category_ratio_below cap, one per category under the
	// ratio, make one notice; item_lost caps keep a notice each.
	type capKey struct {
		ratio float64
		grade string
	}
	var catOrder []capKey
	catHits := map[capKey][]domain.CapHit{}
	for _, h := range r.Caps {
		if h.Kind != "category_ratio_below" {
			continue
		}
		k := capKey{h.Ratio, h.MaxGrade}
		if _, ok := catHits[k]; !ok {
			catOrder = append(catOrder, k)
		}
		catHits[k] = append(catHits[k], h)
	}
	for _, k := range catOrder {
		f.Notices = append(f.Notices, prefix+capCatNotice(c, catHits[k], lb))
	}
	for _, h := range r.Caps {
		if h.Kind == "category_ratio_below" || roundCap(h) {
			continue
		}
		title := ""
		if it := c.Item(h.Ref); it != nil {
			title = it.Title
		}
		format := lb.CapItemFormat
		if is, ok := r.Item(h.Ref); ok && is.Status == domain.StatusUnanswered && lb.CapOpenFormat != "" {
			format = lb.CapOpenFormat // not lost: not answered yet
		}
		f.Notices = append(f.Notices, prefix+fmt.Sprintf(format, h.Ref, title, h.MaxGrade))
	}
	return f
}

// capCatNotice words the hits of one category_ratio_below cap as one
// notice: the categories with their titles when there are at most
// capTitlesUpTo of them, else their ids and how many there are.
func capCatNotice(c *domain.Catalog, hits []domain.CapHit, lb Labels) string {
	ratio, grade := Pct(hits[0].Ratio*100), hits[0].MaxGrade
	sep := lb.Enum
	if sep == "" {
		sep = "、"
	}
	names := make([]string, len(hits))
	for i, h := range hits {
		names[i] = h.Ref
		if len(hits) <= capTitlesUpTo {
			if cat := c.Category(h.Ref); cat != nil && cat.Title != "" {
				names[i] += " " + cat.Title
			}
		}
	}
	if len(hits) <= capTitlesUpTo {
		return fmt.Sprintf(lb.CapCatFormat, strings.Join(names, sep), ratio, grade)
	}
	return fmt.Sprintf(lb.CapCatsFormat, strings.Join(names, sep), len(hits), ratio, grade)
}

// capTitlesUpTo is how many categories a cap notice names with their
// titles; more are named by id only.
const capTitlesUpTo = 3

// rate returns score/max in percent rounded to 2 decimals, and false when
// max is 0.
func rate(score, max float64) (float64, bool) {
	if max <= 0 {
		return 0, false
	}
	return domain.Round2(score / max * 100), true
}

// answerLines renders an answer in words: 是/否, the level label, the value
// with its unit (and baseline and change), the count, or one line per part.
func answerLines(it *domain.Item, a domain.Answer, status string, lb Labels, unitType string) []string {
	switch status {
	case domain.StatusNA:
		if w := naWord(it, lb); w != "" {
			return []string{w}
		}
		return []string{lb.NA}
	case domain.StatusExcluded:
		return []string{lb.ExcludedWord}
	}
	if it.IsComposite() {
		var out []string
		for _, p := range it.Parts {
			pa, ok := a.Parts[p.ID]
			w := lb.Unanswered
			pts := 0.0
			if ok && p.Answered(pa) {
				w = answerWords(p, pa, lb)
				pts = p.PointsFor(pa, unitType)
			}
			out = append(out, fmt.Sprintf("%s %s%s%s (%s/%s)", p.ID, p.Title, lb.Colon, w, Num(pts), Num(p.Max)))
		}
		return out
	}
	if !it.Answered(a) {
		return []string{lb.Unanswered}
	}
	return []string{answerWords(it, a, lb)}
}

// answerWords renders the answer of a simple (not composite) answered item.
func answerWords(it *domain.Item, a domain.Answer, lb Labels) string {
	switch it.Method {
	case domain.MethodCheck:
		if a.Met != nil && *a.Met {
			return lb.YesWord
		}
		return lb.NoWord
	case domain.MethodLevels:
		return a.Level
	case domain.MethodNumeric:
		if (it.Change || it.Difference) && a.Baseline != nil {
			ch, _ := it.NumericValue(a)
			sign := ""
			if Num(ch) != "0" && ch > 0 {
				sign = "+"
			}
			change := sign + Pct(ch)
			if it.Difference { // value − baseline, in the value's unit
				change = sign + Num(ch) + it.Unit
			}
			return fmt.Sprintf(lb.ChangeFormat, Num(*a.Value)+it.Unit, Num(*a.Baseline)+it.Unit, change)
		}
		return Num(*a.Value) + it.Unit
	case domain.MethodDeduct, domain.MethodCount:
		return countWords(it, a, lb) // counted.go: kinds, marks, discretion
	}
	return ""
}

// remarks joins what is said about an item beyond its answer, one labelled
// line each.
func remarks(r ItemRow, lb Labels) string {
	var out []string
	if r.NAReason != "" {
		out = append(out, lb.NAReason+lb.Colon+r.NAReason)
	}
	if r.Note != "" {
		out = append(out, lb.Note+lb.Colon+r.Note)
	}
	if len(r.Evidence) > 0 {
		names := make([]string, len(r.Evidence))
		for i, e := range r.Evidence {
			names[i] = e.String()
		}
		out = append(out, lb.Evidence+lb.Colon+strings.Join(names, lb.ListSep))
	}
	if r.ReviewReason != "" {
		out = append(out, lb.Review.Reason+lb.Colon+r.ReviewReason)
	}
	if r.ReviewRequest != "" {
		out = append(out, lb.Review.Request+lb.Colon+r.ReviewRequest)
	}
	if r.ReviewComment != "" {
		out = append(out, lb.ReviewNote+lb.Colon+r.ReviewComment)
	}
	if r.Flagged {
		out = append(out, lb.Flagged)
	}
	return strings.Join(out, "\n")
}

// Num formats a score as a person writes it: rounded to 2 decimals, without
// trailing zeros ("6", "6.5", "846.35").
func Num(x float64) string {
	x = domain.Round2(x)
	if x == 0 || math.IsNaN(x) {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Pct formats a percentage: Num and a percent sign ("85.64%").
func Pct(x float64) string { return Num(x) + "%" }

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// statusWord names an assessment status in the report's language.
func statusWord(lb Labels, s domain.AssessmentStatus) string {
	if w, ok := lb.AssessmentStatus[string(s)]; ok {
		return w
	}
	return string(s)
}

// originalNote labels an evidence file's name as given ("（原名：…）"),
// escaped; "" when the file kept its name.
func originalNote(original string, lb Labels) string {
	if original == "" {
		return ""
	}
	if lb.Colon == "：" {
		return "（" + lb.OriginalName + lb.Colon + domain.QuoteText(original) + "）"
	}
	return " (" + lb.OriginalName + lb.Colon + domain.QuoteText(original) + ")"
}
