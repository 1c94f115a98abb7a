package domain

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Rules that depend on the other units of the round (issue 15, shapes 7c
// and 11–13): a N/A item counted as the peer group's average, points
// against the group's average of a value, points by rank among peers, a
// cap for a value below the group's average and grade quotas. A unit
// working alone cannot know them: Score gives such an item the range it
// can still reach (ItemScore.Pending, the low end counted) and marks the
// result AwaitsRound (待全市汇总后计分). ScoreRound scores a whole round,
// each peer group against itself, and gives the final figures.

// Relative scores Points at the peer group's average of the value and Per
// points more for each unit the value is better (higher, or lower with
// LowerIsBetter), Per less for each unit worse, within 0 and max (达到基数
// 计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.04分).
type Relative struct {
	Points        float64
	Per           float64
	LowerIsBetter bool
}

// RankRule scores a unit by its place among its peers on the value (the
// best first; tied values share the better place). Exactly one of Points,
// Proportional and Bottom is set.
type RankRule struct {
	// Points are the points of the first places in order (排名1-5名的依次
	// 赋予60分、57分、54分…); a place beyond the list scores 0.
	Points []float64
	// Proportional: max × value / the first's value, or the first's value /
	// value with LowerIsBetter (第2-5名按第1名的比例得分), for the first Top
	// places (0: all); places beyond Top score 0.
	Proportional bool
	Top          int
	// Bottom: the last Bottom places (ties with them included) lose Per of
	// max (月度排名末两位的扣0.5分); nobody does in a group of Bottom units
	// or fewer.
	Bottom int
	Per    float64
	// LowerIsBetter ranks the lowest value first.
	LowerIsBetter bool
}

// CapBelowAverage is the kind of a cap on a value below the group's average.
const CapBelowAverage = "below_average"

// Kinds of CapHit beside the caps' own: a grade quota and a grade's
// required items.
const (
	CapQuota    = "quota"    // Ref: the grade whose quota the unit is beyond
	CapRequires = "requires" // Ref: the required item the unit lacks
)

// PeerFacts are what a unit's peer group tells its round-relative rules:
// given in Options.Peers by ScoreRound. Nil Options.Peers scores a unit
// alone.
type PeerFacts struct {
	// Items are the unit's points on its relative and rank items.
	Items map[string]PeerPoints
	// Means are the group's average values of numeric items (relative
	// items and below_average caps), over the peers that answered them.
	Means map[string]float64
	// NAAverages are the group's average points of the N/A-average items,
	// over the peers that answered them; an item missing here (nobody
	// answered it) is left out of a N/A unit's applicable max.
	NAAverages map[string]float64
	// Quota, when the group's grade quotas moved the unit down, is that
	// (kind quota): the grade is at best its MaxGrade. It applies to the
	// score the ranking uses (the reviewed one once approved).
	Quota *CapHit
}

// PeerPoints is one unit's points on one relative or rank item.
type PeerPoints struct {
	Points float64
	Place  int32    // the place among the peers (rank items)
	Base   *float64 // the group's average (relative items)
}

// RoundScored reports whether the item's points depend on the round: a
// relative or rank rule, or N/A counted as the group's average.
func (it *Item) RoundScored() bool {
	return it.Relative != nil || it.Rank != nil || it.NA == NAAverage
}

// RoundScored reports whether the catalog has rules that need the round:
// round-scored items, below_average caps or grade quotas.
func (c *Catalog) RoundScored() bool {
	for _, it := range c.Items() {
		if it.RoundScored() {
			return true
		}
	}
	for _, cp := range c.Caps {
		if cp.BelowAverage != "" {
			return true
		}
	}
	for _, g := range c.Grades {
		if g.Quota != nil {
			return true
		}
	}
	return false
}

// RoundRange returns the points a relative or rank item can reach before
// the round is known.
func (it *Item) RoundRange() PointRange {
	switch r := it.Rank; {
	case r != nil && len(r.Points) > 0:
		return PointRange{Min: 0, Max: Round2(math.Min(r.Points[0], it.Max))}
	case r != nil && r.Bottom > 0:
		return PointRange{Min: Round2(math.Max(it.Max-r.Per, 0)), Max: it.Max}
	}
	return PointRange{Min: 0, Max: it.Max}
}

// exactMatch reports whether the answer's value is one of the item's exact
// values, which score fixed points whatever the peers do.
func (it *Item) exactMatch(a Answer) bool {
	if a.Value == nil {
		return false
	}
	for _, e := range it.Exact {
		if *a.Value == e.Value {
			return true
		}
	}
	return false
}

// roundItem scores an answered relative or rank item: from the peers when
// they are known, else at the low end of its range, marked as waiting.
func roundItem(it *Item, a Answer, is *ItemScore, peers *PeerFacts, blk *blocks) {
	if it.exactMatch(a) {
		return
	}
	if peers != nil {
		if p, ok := peers.Items[it.ID]; ok {
			is.Score, is.Place, is.Base = p.Points, p.Place, p.Base
		}
		return
	}
	rng := it.RoundRange()
	is.Score, is.Pending, is.AwaitsRound = rng.Min, blk.ranges.add(rng), true
}

// naAverage scores a N/A answer on a N/A-average item: the group's average
// when known; left out when the round knows no peer's points; alone, the
// range 0 to max, counted at 0. It reports whether the item counts.
func naAverage(it *Item, is *ItemScore, peers *PeerFacts, blk *blocks) bool {
	if peers != nil {
		avg, ok := peers.NAAverages[it.ID]
		if !ok {
			return false
		}
		is.NAAverage, is.Score, is.Base = true, avg, blk.bases.add(avg)
		return true
	}
	is.NAAverage, is.Pending, is.AwaitsRound = true, blk.ranges.add(PointRange{Min: 0, Max: it.Max}), true
	return true
}

// gradeOf returns the grade of the first band whose Min the final reaches
// and whose required items the result has at full marks, with a CapHit
// for each better band the score reached but a requirement barred.
func gradeOf(c *Catalog, r *Result) (string, []CapHit) {
	var hits []CapHit
	for _, g := range c.Grades {
		if g.Min > r.Final {
			continue
		}
		missing := ""
		for _, id := range g.Requires {
			is, ok := r.Item(id)
			if ok && is.Status != StatusExcluded && (!is.Counts() || is.Score < is.Max-1e-9) {
				missing = id
				break
			}
		}
		if missing == "" {
			for i := range hits {
				hits[i].MaxGrade = g.Grade
			}
			return g.Grade, hits
		}
		hits = append(hits, CapHit{Kind: CapRequires, Ref: missing})
	}
	return "", nil
}

// belowAverage returns the hit of a below_average cap with the peers
// known (below: it holds); alone, it reports whether the cap waits for the
// round. A unit whose answer gives the item no value is not below the
// average.
func belowAverage(c *Catalog, r *Result, cp Cap, answers map[string]Answer, peers *PeerFacts) (hit CapHit, below, waits bool) {
	it := c.Item(cp.BelowAverage)
	if it == nil || cp.ItemLost != "" || cp.CategoryRatioBelow != nil {
		return CapHit{}, false, false
	}
	a := answers[it.ID]
	v, ok := it.NumericValue(a)
	if !ok || a.NA || !it.AppliesToType(r.UnitType) {
		return CapHit{}, false, false
	}
	if peers == nil {
		return CapHit{}, false, true
	}
	mean, ok := peers.Means[it.ID]
	if !ok {
		return CapHit{}, false, false
	}
	hair := 1e-9 * math.Max(1, math.Abs(mean))
	below = v < mean-hair
	if it.Relative != nil && it.Relative.LowerIsBetter || it.Rank != nil && it.Rank.LowerIsBetter {
		below = v > mean+hair // worse than the average
	}
	if !below {
		return CapHit{}, false, false
	}
	return CapHit{Kind: CapBelowAverage, Ref: it.ID, MaxGrade: cp.MaxGrade}, true, false
}

// applyQuota lowers the grade of a result scored with the round to what
// the group's quotas left it (PeerFacts.Quota).
func applyQuota(c *Catalog, r *Result, peers *PeerFacts) {
	if peers == nil || peers.Quota == nil || r.Grade == "" {
		return
	}
	q := *peers.Quota
	if c.GradeRank(r.Grade) >= 0 && c.GradeRank(r.Grade) < c.GradeRank(q.MaxGrade) {
		r.Grade = q.MaxGrade
		r.Caps = append(r.Caps, q)
	}
}

// quotaWaits reports whether the result's grade has a quota, which a unit
// alone cannot apply.
func quotaWaits(c *Catalog, grade string) bool {
	for _, g := range c.Grades {
		if g.Grade == grade {
			return g.Quota != nil
		}
	}
	return false
}

// ScoreRound scores a round's assessments of catalog c with the rules that
// depend on the other units: every peer group (opt.Groups, else by unit
// type) against itself. The peers are the group's submitted and approved
// assessments (approved only with opt.ApprovedOnly) that carry their
// answers and were scored with c's version; their results come back scored with the group (Own and
// Reviewed), the others as they were, waiting for the round. The result
// is a new slice in the order of rs; rs is not changed.
//
// The group's average of a value, and a unit's place, are over the peers
// whose answer gives the item a value (not N/A, not excluded); a N/A
// item counted as the average gets the mean of the peers' points on it,
// on their ranking basis; grade quotas count the group's peers and are
// counted on the score the ranking uses (Basis) — the lowest-scoring
// beyond the quota get the next grade (their own and reviewed results
// alike), all of a tie at the quota's line with them, so the share is
// never passed.
func ScoreRound(c *Catalog, rs []RoundResult, opt RankOptions) []RoundResult {
	out := slices.Clone(rs)
	if !c.RoundScored() || len(rs) == 0 {
		return out
	}
	units := make([]Unit, 0, len(rs))
	at := make(map[int64]int, len(rs))
	for i, r := range rs {
		if _, dup := at[r.Unit.ID]; !dup {
			at[r.Unit.ID] = i
			units = append(units, r.Unit)
		}
	}
	rules := roundRulesOf(c)
	var groups [][]int // the peers of each group, as indexes in rs
	for _, g := range groupUnits(units, opt) {
		var peers []int
		for _, u := range g.units {
			i := at[u.ID]
			if isPeer(c, rs[i], opt.ApprovedOnly) {
				peers = append(peers, i)
			}
		}
		if len(peers) > 0 {
			groups = append(groups, peers)
		}
	}
	// The groups share no unit: each is scored on its own, all at once.
	c.Items() // index the catalog before the workers read it
	var wg sync.WaitGroup
	for _, peers := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rules.scoreGroup(c, rs, out, peers)
		}()
	}
	wg.Wait()
	return out
}

// roundRules are the items of a catalog that its round's rules read.
type roundRules struct {
	valued    []*Item // relative, rank and below_average caps' items: their values
	ritems    []int   // in valued: the relative and rank items
	meanItems []int   // in valued: the items whose group average counts
	naItems   []*Item // the N/A-average items: their points
}

func roundRulesOf(c *Catalog) roundRules {
	var rr roundRules
	for _, it := range c.Items() {
		ranked := it.Relative != nil || it.Rank != nil
		mean := it.Relative != nil || slices.ContainsFunc(c.Caps, func(cp Cap) bool { return cp.BelowAverage == it.ID })
		if ranked {
			rr.ritems = append(rr.ritems, len(rr.valued))
		}
		if mean {
			rr.meanItems = append(rr.meanItems, len(rr.valued))
		}
		if ranked || mean {
			rr.valued = append(rr.valued, it)
		}
		if it.NA == NAAverage {
			rr.naItems = append(rr.naItems, it)
		}
	}
	return rr
}

// scoreGroup scores the peers of one group (indexes in rs) with their
// facts into out, and applies the group's quotas.
func (rr roundRules) scoreGroup(c *Catalog, rs, out []RoundResult, peers []int) {
	// What each peer's answers give the items, read in one go per peer
	// and on every processor: the answers of a large round do not fit in
	// a processor's cache, and reading them item by item over the group
	// took as long as scoring the units.
	width := len(rr.valued) + len(rr.naItems)
	rows := make([]reading, len(peers)*width) // peers[k]'s at k×width
	parallel(len(peers), func(k int) {
		readPeer(&rs[peers[k]], rr.valued, rr.naItems, rows[k*width:(k+1)*width])
	})
	values := make([][]peerValue, len(rr.valued))
	for col := range rr.valued {
		n := 0
		for k := range peers {
			if rows[k*width+col].ok {
				n++
			}
		}
		if n == 0 {
			continue
		}
		values[col] = make([]peerValue, 0, n)
		for k := range peers {
			if rd := rows[k*width+col]; rd.ok {
				values[col] = append(values[col], peerValue{k, rd.v})
			}
		}
	}
	means := map[string]float64{}
	for _, col := range rr.meanItems {
		if vs := values[col]; len(vs) > 0 {
			sum := 0.0
			for _, v := range vs {
				sum += v.v
			}
			means[rr.valued[col].ID] = sum / float64(len(vs))
		}
	}
	// The group's means and N/A averages are the same for each of its
	// units: one map each, shared.
	naAverages := make(map[string]float64, len(rr.naItems))
	facts := make([]PeerFacts, len(peers)) // peers[k]'s at k
	for k := range facts {
		facts[k] = PeerFacts{Items: make(map[string]PeerPoints, len(rr.ritems)), Means: means, NAAverages: naAverages}
	}
	for _, col := range rr.ritems {
		it, vs := rr.valued[col], values[col]
		places := rankPlaces(it.Rank, vs)
		for j, v := range vs {
			facts[v.k].Items[it.ID] = peerPoints(it, v.v, vs, places[j], means[it.ID])
		}
	}
	for n, it := range rr.naItems {
		if avg, ok := naMean(it, rows[len(rr.valued)+n:], width, facts); ok {
			naAverages[it.ID] = avg
		}
	}
	// Each result is scored on its own, so the order of the work changes
	// nothing; the quotas then count the group's results.
	parallel(len(peers), func(k int) {
		i := peers[k]
		out[i] = scoreWith(c, rs[i], &facts[k])
	})
	applyQuotas(c, out, peers)
}

// parallel calls f(0) … f(n−1) on every processor (on this goroutine for
// fewer than 64 calls), and returns when all have returned.
func parallel(n int, f func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1)
	if workers == 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < n; k += workers {
				f(k)
			}
		}()
	}
	wg.Wait()
}

// reading is what one peer's answer gives one of the round's items: the
// value of a valued item, or the points of a N/A-average item. ok is
// false when it gives nothing that counts; ranked, on a N/A-average item,
// says its points are the peer's on the item in the round when the round
// gives it any.
type reading struct {
	v          float64
	ok, ranked bool
}

// readPeer fills row with what the peer's answers give the valued items
// (the value, as the group's average and places take it: not N/A, not
// excluded) and then the N/A-average items (the points on its ranking
// basis: a reviewer's on an approved assessment).
func readPeer(r *RoundResult, valued, naItems []*Item, row []reading) {
	for k, it := range valued {
		if !it.AppliesToType(r.Unit.Type) {
			continue
		}
		a, ok := r.Answers.Answers[it.ID]
		if !ok || a.NA {
			continue
		}
		if v, ok := it.NumericValue(a); ok {
			row[k] = reading{v: v, ok: true}
		}
	}
	row = row[len(valued):]
	for k, it := range naItems {
		a, ok := r.Answers.Answers[it.ID]
		o, override := r.Overrides[it.ID]
		approved := override && r.Status == Approved
		switch {
		case !it.AppliesToType(r.Unit.Type) || !ok || a.NA && !approved:
		case approved && finite(o):
			row[k] = reading{v: Round2(math.Min(math.Max(o, 0), it.Max)), ok: true}
		case it.Answered(a):
			row[k] = reading{v: Round2(it.PointsFor(a, r.Unit.Type)), ok: true, ranked: !it.exactMatch(a)}
		}
	}
}

// naMean returns the average points of the peers that answered a
// N/A-average item, on their ranking basis, and whether any did: col is
// its column of the peers' readings, every width-th from the first.
func naMean(it *Item, col []reading, width int, facts []PeerFacts) (float64, bool) {
	sum, n := 0.0, 0
	for k := range facts {
		rd := col[k*width]
		if !rd.ok {
			continue
		}
		pts := rd.v
		if p, ok := facts[k].Items[it.ID]; ok && rd.ranked {
			pts = p.Points // its points in the round
		}
		sum += pts
		n++
	}
	if n == 0 {
		return 0, false
	}
	return Round2(sum / float64(n)), true
}

// isPeer reports whether an assessment counts among its group's peers: it
// carries its answers and was scored with this version of the catalog.
func isPeer(c *Catalog, r RoundResult, approvedOnly bool) bool {
	if r.Answers == nil || r.Own != nil && r.Own.Version != c.Version {
		return false
	}
	return r.Status == Approved || r.Status == Submitted && !approvedOnly
}

// scoreWith scores a round result's answers with its peers' facts: its own
// answers, and with the reviewer's points when it has any.
func scoreWith(c *Catalog, r RoundResult, f *PeerFacts) RoundResult {
	r.Peers = f
	own := Score(c, r.Answers, Options{UnitType: r.Unit.Type, Peers: f})
	r.Own, r.Reviewed = own, own
	if len(r.Overrides) > 0 {
		r.Reviewed = Score(c, r.Answers, Options{UnitType: r.Unit.Type, Peers: f, Overrides: r.Overrides})
	}
	return r
}

// peerValue is one peer's value of an item.
type peerValue struct {
	k int // the peer's position in its group
	v float64
}

// sameValue compares two values as equal when they differ by a binary hair.
func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// standing is where a value stands among its group's: its place (ties share
// the better one), the last place its tie takes, and the best value.
type standing struct {
	first, last int
	best        float64
}

// rankPlaces returns the place of each of vs under rule r (nil for a
// relative item: no places), sorting once.
func rankPlaces(r *RankRule, vs []peerValue) []standing {
	out := make([]standing, len(vs))
	if r == nil || len(vs) == 0 {
		return out
	}
	order := make([]int, len(vs))
	for k := range order {
		order[k] = k
	}
	// The best first, equal values in the peers' order (as a stable sort
	// leaves them, but sorting in O(n log n)).
	slices.SortFunc(order, func(a, b int) int {
		c := cmp.Compare(vs[b].v, vs[a].v)
		if r.LowerIsBetter {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	best := vs[order[0]].v
	for a := 0; a < len(order); {
		b := a + 1
		for b < len(order) && sameValue(vs[order[b]].v, vs[order[a]].v) {
			b++
		}
		for k := a; k < b; k++ {
			out[order[k]] = standing{first: a + 1, last: b, best: best}
		}
		a = b
	}
	return out
}

// peerPoints scores value v of a relative or rank item among the group's
// values vs (v among them, at place pl), with the group's mean.
func peerPoints(it *Item, v float64, vs []peerValue, pl standing, mean float64) PeerPoints {
	if rl := it.Relative; rl != nil {
		d := v - mean
		if rl.LowerIsBetter {
			d = -d
		}
		base := Round2(mean)
		return PeerPoints{Points: Round2(math.Min(math.Max(rl.Points+rl.Per*d, 0), it.Max)), Base: &base}
	}
	r, best := it.Rank, pl.best
	pp := PeerPoints{Place: int32(pl.first)}
	switch {
	case len(r.Points) > 0:
		if pl.first <= len(r.Points) {
			pp.Points = Round2(math.Min(r.Points[pl.first-1], it.Max))
		}
	case r.Proportional:
		if r.Top > 0 && pl.first > r.Top {
			break
		}
		ratio := 0.0
		switch {
		case pl.first == 1:
			ratio = 1
		case !r.LowerIsBetter && best > 0:
			ratio = v / best
		case r.LowerIsBetter && v > 0 && best >= 0:
			ratio = best / v
		}
		pp.Points = Round2(it.Max * math.Min(math.Max(ratio, 0), 1))
	default:
		pp.Points = it.Max
		if n := len(vs); n > r.Bottom && pl.last > n-r.Bottom {
			pp.Points = Round2(math.Max(it.Max-r.Per, 0))
		}
	}
	return pp
}

// applyQuotas applies the grade quotas to the peers' results, counted on
// their ranking basis: band by band from the top, the units of a grade
// beyond its share of the group drop to the next grade, lowest final
// first and a tie at the line together.
func applyQuotas(c *Catalog, out []RoundResult, peers []int) {
	n := len(peers)
	for gi, g := range c.Grades {
		if g.Quota == nil || gi+1 >= len(c.Grades) {
			continue
		}
		allowed := int(math.Floor(*g.Quota*float64(n) + 1e-9))
		var in []int
		for _, i := range peers {
			if out[i].Basis().Grade == g.Grade {
				in = append(in, i)
			}
		}
		if len(in) <= allowed {
			continue
		}
		sort.SliceStable(in, func(a, b int) bool {
			return cents(out[in[a]].Basis().Final) > cents(out[in[b]].Basis().Final)
		})
		keep := allowed
		for keep > 0 && cents(out[in[keep-1]].Basis().Final) == cents(out[in[keep]].Basis().Final) {
			keep-- // a tie at the line drops together
		}
		next := c.Grades[gi+1].Grade
		for _, i := range in[keep:] {
			dropGrade(c, &out[i], g.Grade, next)
		}
	}
}

// dropGrade gives the result the next grade by the quota of grade: its
// own and its reviewed result alike (each only where it is better), as a
// report scored with its facts gives it.
func dropGrade(c *Catalog, r *RoundResult, grade, next string) {
	q := CapHit{Kind: CapQuota, Ref: grade, MaxGrade: next}
	if r.Peers != nil {
		r.Peers.Quota = &q
	}
	f := &PeerFacts{Quota: &q}
	drop := func(res *Result) *Result {
		if res == nil {
			return nil
		}
		b := *res
		b.Caps = slices.Clone(b.Caps)
		applyQuota(c, &b, f)
		return &b
	}
	same := r.Own == r.Reviewed
	r.Own = drop(r.Own)
	if same {
		r.Reviewed = r.Own
	} else {
		r.Reviewed = drop(r.Reviewed)
	}
}

// gradeEqual compares two grade bands, their gate and quota too.
func gradeEqual(a, b GradeBand) bool {
	return a.Min == b.Min && a.Grade == b.Grade && slices.Equal(a.Requires, b.Requires) && ptrEqual(a.Quota, b.Quota)
}

// roundRulesEqual compares the round's rules of two items (catalog diff).
func roundRulesEqual(o, n *Item) bool {
	rankEqual := (o.Rank == nil) == (n.Rank == nil)
	if rankEqual && o.Rank != nil {
		a, b := o.Rank, n.Rank
		rankEqual = slices.Equal(a.Points, b.Points) && a.Proportional == b.Proportional && a.Top == b.Top &&
			a.Bottom == b.Bottom && a.Per == b.Per && a.LowerIsBetter == b.LowerIsBetter
	}
	return rankEqual && ptrEqual(o.Relative, n.Relative) && o.NA == n.NA
}
