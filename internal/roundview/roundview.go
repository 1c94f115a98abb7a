// Package roundview assembles one round of one catalog as a bureau looks
// at it: every unit, the summaries of this round and the rounds before, the
// round's own peer groups and bands, the scores of its assessments, and
// from them the rankings, the matrix, the common shortfalls and each unit's
// trend. It works on the domain's service interfaces only, so the overview
// screen, the CLI's rank and report --round, and tests with a fake all
// read a round the same way.
package roundview

import (
	"context"
	"fmt"
	"math"
	"sort"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// Source is what a round view reads: the store's services, as the domain's
// interfaces. Tests hand it a fake.
type Source struct {
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Round       domain.RoundService
	// Rounds, when set, gives the rounds' dates, which order the rounds;
	// without it they are ordered by name.
	Rounds RoundLister
	// Settings, when set, gives a round's own peer groups and bands;
	// without it units are grouped by type with the default bands.
	Settings domain.RoundSettingsService
}

// RoundLister lists the stored rounds (assessment periods).
type RoundLister interface {
	ListRounds(ctx context.Context) ([]domain.Round, error)
}

// Data is one round of one catalog as the overview shows it: the units, the
// summaries of this round and the ones before (for the change of rank and
// the trend), and the scores of this round's assessments.
type Data struct {
	Round     string
	CatalogID string
	Catalog   *domain.Catalog
	// Rounds are the rounds that have assessments, oldest first; Catalogs
	// the catalog ids this round's assessments use.
	Rounds   []string
	Catalogs []string
	Units    []domain.Unit
	// Settings are the round's peer groups and bands (the zero settings:
	// by unit type, default bands); every round is ranked with them.
	Settings domain.RoundSettings
	// byRound holds the summaries of each round, of CatalogID only.
	byRound map[string][]domain.AssessmentSummary
	// Results are this round's scored assessments.
	Results []domain.RoundResult
	// history holds the scored assessments of other rounds once loaded
	// (History), by round.
	history map[string][]domain.RoundResult
	// index finds a unit's result in history: round → unit → position.
	index map[string]map[int64]int
}

// Load reads a round of one catalog: round "" is the newest round, catalog
// "" the catalog most of the round's assessments use. ENOTFOUND when there
// are no assessments at all or none of the round.
func Load(ctx context.Context, src Source, round, catalogID string) (*Data, error) {
	units, err := src.Units.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	all, err := src.Assessments.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", err)
	}
	d := &Data{Units: units, byRound: map[string][]domain.AssessmentSummary{}, history: map[string][]domain.RoundResult{}}
	d.Rounds = orderRounds(ctx, src.Rounds, all)
	if len(d.Rounds) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "there are no assessments yet")
	}
	if round == "" {
		round = d.Rounds[len(d.Rounds)-1]
	}
	d.Round = round
	d.Settings = domain.RoundSettings{Round: round}
	if src.Settings != nil {
		if d.Settings, err = src.Settings.RoundSettings(ctx, round); err != nil {
			return nil, fmt.Errorf("settings of round %s: %w", round, err)
		}
	}
	count := map[string]int{}
	refs := map[string]map[string]int{} // catalog id → ref → assessments
	for _, s := range all {
		if s.Round != round {
			continue
		}
		if count[s.CatalogID] == 0 {
			d.Catalogs = append(d.Catalogs, s.CatalogID)
			refs[s.CatalogID] = map[string]int{}
		}
		count[s.CatalogID]++
		refs[s.CatalogID][s.CatalogRef()]++
	}
	if len(d.Catalogs) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "round %s has no assessments", round)
	}
	sort.Strings(d.Catalogs)
	if catalogID == "" || count[catalogID] == 0 {
		catalogID = d.Catalogs[0]
		for _, id := range d.Catalogs {
			if count[id] > count[catalogID] {
				catalogID = id
			}
		}
	}
	d.CatalogID = catalogID
	ref := mostUsed(refs[catalogID])
	if d.Catalog, err = src.Catalogs.FindCatalog(ctx, ref); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", ref, err)
	}
	for _, s := range all {
		if s.CatalogID == catalogID {
			d.byRound[s.Round] = append(d.byRound[s.Round], s)
		}
	}
	if d.Results, err = src.Round.RoundResults(ctx, round, catalogID); err != nil {
		return nil, fmt.Errorf("scores of round %s: %w", round, err)
	}
	d.Results = d.scoreRound(round, d.Results)
	d.history[round] = d.Results
	return d, nil
}

// scoreRound scores the rules of the catalog that depend on the other
// units (ranks, group averages, quotas) over the round's results, with
// the round's peer groups, and puts the figures into the round's
// summaries, which the ranking reads. A catalog without such rules is
// left as it is.
//
// A unit whose peer group ranks fewer than two units keeps its own
// figures, which wait for the round: compared with itself alone it would
// be first, at its own average, and a unit working alone in its own
// database would read a final its round never gave (domain.StandingOf
// says nothing of such a ranking either).
func (d *Data) scoreRound(round string, rs []domain.RoundResult) []domain.RoundResult {
	if !d.Catalog.RoundScored() {
		return rs
	}
	opt := d.Settings.RankOptions(d.Catalog.UnitTypes)
	scored := domain.ScoreRound(d.Catalog, rs, opt)
	alone := d.alone(round, opt)
	for i := range scored {
		if scored[i].Peers != nil && alone[scored[i].Unit.ID] {
			scored[i] = rs[i]
		}
	}
	rs = scored
	byID := make(map[int64]*domain.RoundResult, len(rs))
	for i := range rs {
		byID[rs[i].AssessmentID] = &rs[i]
	}
	sums := d.byRound[round]
	for i := range sums {
		r := byID[sums[i].ID]
		if r == nil || r.Own == nil {
			continue
		}
		sums[i].Final, sums[i].Grade, sums[i].AwaitsRound = r.Own.Final, r.Own.Grade, r.Own.AwaitsRound
		if rv := r.Reviewed; rv != nil {
			sums[i].ReviewedFinal, sums[i].ReviewedGrade = rv.Final, rv.Grade
		}
	}
	return rs
}

// alone returns the units of the round whose peer group ranks fewer than
// two units (domain.StandingOf's rule).
func (d *Data) alone(round string, opt domain.RankOptions) map[int64]bool {
	out := map[int64]bool{}
	for _, g := range domain.RankRound(d.Units, d.byRound[round], nil, opt) {
		ranked := 0
		for _, r := range g.Rows {
			if r.Rank > 0 {
				ranked++
			}
		}
		if ranked < 2 {
			for _, r := range g.Rows {
				out[r.Unit.ID] = true
			}
		}
	}
	return out
}

// mostUsed returns the key with the highest count, the greatest on a tie
// (the newer catalog version).
func mostUsed(m map[string]int) string {
	best := ""
	for k, n := range m {
		if best == "" || n > m[best] || (n == m[best] && k > best) {
			best = k
		}
	}
	return best
}

// orderRounds returns the rounds of the assessments, oldest first: by start
// date where both rounds have one, else by name.
func orderRounds(ctx context.Context, rl RoundLister, all []domain.AssessmentSummary) []string {
	starts := map[string]int64{}
	if rl != nil {
		if rs, err := rl.ListRounds(ctx); err == nil {
			for _, r := range rs {
				if !r.Start.IsZero() {
					starts[r.Name] = r.Start.Unix()
				}
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range all {
		if !seen[s.Round] {
			seen[s.Round] = true
			out = append(out, s.Round)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		si, iok := starts[out[i]]
		sj, jok := starts[out[j]]
		if iok && jok && si != sj {
			return si < sj
		}
		return out[i] < out[j]
	})
	return out
}

// roundIndex returns the place of round in d.Rounds, or -1.
func (d *Data) roundIndex(round string) int {
	for i, r := range d.Rounds {
		if r == round {
			return i
		}
	}
	return -1
}

// rankOf ranks one round, with the change since the round before it.
func (d *Data) rankOf(round string, approvedOnly bool) []domain.RankGroup {
	var prev []domain.AssessmentSummary // the nearest earlier round of the catalog
	for i := d.roundIndex(round) - 1; i >= 0 && prev == nil; i-- {
		prev = d.byRound[d.Rounds[i]]
	}
	opt := d.Settings.RankOptions(d.Catalog.UnitTypes)
	opt.ApprovedOnly = approvedOnly
	return domain.RankRound(d.Units, d.byRound[round], prev, opt)
}

// Bands returns the round's bands: its own, else the defaults.
func (d *Data) Bands() domain.Bands {
	if d.Settings.Bands == (domain.Bands{}) {
		return domain.DefaultBands
	}
	return d.Settings.Bands
}

// Rank ranks the round in its peer groups.
func (d *Data) Rank(approvedOnly bool) []domain.RankGroup { return d.rankOf(d.Round, approvedOnly) }

// Earlier returns the rankings of the rounds before this one, oldest first,
// for the report's trend.
func (d *Data) Earlier(approvedOnly bool) []report.RoundRanking {
	var out []report.RoundRanking
	for _, r := range d.Rounds[:max(d.roundIndex(d.Round), 0)] {
		if len(d.byRound[r]) > 0 {
			out = append(out, report.RoundRanking{Round: r, Groups: d.rankOf(r, approvedOnly)})
		}
	}
	return out
}

// Matrix returns the round's matrix with the units in the order of groups:
// every group's ranked units first, then its others.
func (d *Data) Matrix(groups []domain.RankGroup) *domain.Matrix {
	order := map[int64]int{}
	for _, g := range groups {
		for _, r := range g.Rows {
			order[r.Unit.ID] = len(order)
		}
	}
	rs := append([]domain.RoundResult(nil), d.Results...)
	sort.SliceStable(rs, func(i, j int) bool {
		oi, iok := order[rs[i].Unit.ID]
		oj, jok := order[rs[j].Unit.ID]
		if iok != jok {
			return iok
		}
		return oi < oj
	})
	return domain.NewMatrix(d.Catalog, rs)
}

// CommonLosses returns the items units lose points on, of the ranked units
// (a draft's unanswered items are no shortfall).
func (d *Data) CommonLosses(groups []domain.RankGroup) []domain.CommonLoss {
	ranked := map[int64]bool{}
	for _, g := range groups {
		for _, r := range g.Rows {
			if r.Rank > 0 {
				ranked[r.Unit.ID] = true
			}
		}
	}
	var rs []domain.RoundResult
	for _, r := range d.Results {
		if ranked[r.Unit.ID] {
			rs = append(rs, r)
		}
	}
	return domain.CommonLosses(d.Catalog, rs)
}

// NeedHistory returns the rounds of CatalogID whose scores are not loaded
// yet, for the trend.
func (d *Data) NeedHistory() []string {
	var out []string
	for _, r := range d.Rounds {
		if _, ok := d.history[r]; !ok && len(d.byRound[r]) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// LoadHistory reads the scores of the rounds given (NeedHistory) into a new
// map; SetHistory keeps it. It runs off the UI goroutine.
func LoadHistory(ctx context.Context, rs domain.RoundService, catalogID string, rounds []string) (map[string][]domain.RoundResult, error) {
	out := map[string][]domain.RoundResult{}
	for _, r := range rounds {
		res, err := rs.RoundResults(ctx, r, catalogID)
		if err != nil {
			return nil, fmt.Errorf("scores of round %s: %w", r, err)
		}
		out[r] = res
	}
	return out, nil
}

// SetHistory keeps scores read by LoadHistory.
//
// A catalog's rules that depend on the round are scored over each round's
// results with this round's peer groups.
func (d *Data) SetHistory(h map[string][]domain.RoundResult) {
	for r, res := range h {
		if r != d.Round {
			res = d.scoreRound(r, res)
		}
		d.history[r] = res
		delete(d.index, r)
	}
}

// ResultOf returns the unit's scored assessment of a round, or nil when it
// has none (or the round's scores are not loaded).
func (d *Data) ResultOf(round string, unitID int64) *domain.RoundResult {
	if d.index == nil {
		d.index = map[string]map[int64]int{}
	}
	ix, ok := d.index[round]
	if !ok {
		ix = make(map[int64]int, len(d.history[round]))
		for i, r := range d.history[round] {
			ix[r.Unit.ID] = i
		}
		d.index[round] = ix
	}
	if i, ok := ix[unitID]; ok {
		return &d.history[round][i]
	}
	return nil
}

// Series is one line of a trend chart: a value per round, NaN where there
// is none.
type Series struct {
	Name   string
	Values []float64 // score rates, 0 to 1 (more with bonus)
	Bold   bool      // the total
}

// Trend is a unit's score rate and each top-level category's over the
// rounds (oldest first), on each assessment's basis (审定 or 自评).
type Trend struct {
	Rounds []string
	Series []Series
	// Scores are the final scores per round, NaN where there is none.
	Scores []float64
}

// TrendOf builds the trend of a unit over the rounds whose scores are
// loaded; total names the series of the total score rate.
func (d *Data) TrendOf(unitID int64, total string) Trend {
	var t Trend
	for _, r := range d.Rounds {
		if _, ok := d.history[r]; ok {
			t.Rounds = append(t.Rounds, r)
		}
	}
	tot := Series{Name: total, Bold: true}
	cats := make([]Series, len(d.Catalog.Categories))
	for i, c := range d.Catalog.Categories {
		cats[i].Name = c.Title
	}
	for _, r := range t.Rounds {
		rr := d.ResultOf(r, unitID)
		if rr == nil {
			tot.Values = append(tot.Values, math.NaN())
			t.Scores = append(t.Scores, math.NaN())
			for i := range cats {
				cats[i].Values = append(cats[i].Values, math.NaN())
			}
			continue
		}
		res := rr.Basis()
		t.Scores = append(t.Scores, res.Final)
		rate := math.NaN()
		if res.Total > 0 {
			rate = res.Final / res.Total
		}
		tot.Values = append(tot.Values, rate)
		byID := map[string]domain.CategoryScore{}
		for _, cs := range res.Categories {
			byID[cs.ID] = cs
		}
		for i, c := range d.Catalog.Categories {
			v := math.NaN()
			if cs, ok := byID[c.ID]; ok && cs.Max > 0 {
				max := cs.Max
				if c.Bonus && d.Catalog.BonusCap != nil && *d.Catalog.BonusCap < max {
					max = *d.Catalog.BonusCap
				}
				v = cs.Score / max
			}
			cats[i].Values = append(cats[i].Values, v)
		}
	}
	t.Series = append([]Series{tot}, cats...)
	return t
}

// StandingOf reads the round of ws and says where its unit stands in its
// peer group, with its target if the round sets one: for the unit's own
// score panel, where the database holds the other units' assessments too (a
// bureau's shared database, or the lead's). Nil when its group ranks fewer
// than two units.
func StandingOf(ctx context.Context, src Source, ws *domain.Workspace) (*domain.Standing, error) {
	d, err := Load(ctx, src, ws.Assessment.Round, ws.Catalog.ID)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, nil
		}
		return nil, err
	}
	unit := ws.Assessment.Unit.ID
	var res *domain.Result
	var peers *domain.PeerFacts
	if rr := d.ResultOf(d.Round, unit); rr != nil {
		res = rr.Basis()
		if rr.AssessmentID == ws.Assessment.ID && d.Catalog.Ref() == ws.Catalog.Ref() {
			peers = rr.Peers // what a review package brings the unit to score itself with (standing.json)
		}
	}
	var target *domain.UnitTarget
	if t, ok := d.Settings.Target(unit); ok {
		target = &t
	}
	st := domain.StandingOf(d.Catalog, d.Round, d.Rank(false), unit, res, target)
	if st != nil {
		st.Peers = peers
	}
	return st, nil
}

// Scored reads a round of one catalog and returns, by assessment id, the
// results it scored with their peer group (Own and Reviewed: the round's
// figures, as the ranking shows them): a list of assessments shows those
// instead of the figures that wait for the round. A unit whose group
// ranks fewer than two units is not among them. Nil when the round has
// no assessments of the catalog or the catalog compares no units.
func Scored(ctx context.Context, src Source, round, catalogID string) (map[int64]domain.RoundResult, error) {
	d, err := Load(ctx, src, round, catalogID)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, nil
		}
		return nil, err
	}
	var out map[int64]domain.RoundResult
	for _, r := range d.Results {
		if r.Peers == nil || r.Own == nil {
			continue
		}
		if out == nil {
			out = map[int64]domain.RoundResult{}
		}
		out[r.AssessmentID] = r
	}
	return out, nil
}

// PeersOf reads the round of ws and returns the facts of its peer group
// that the catalog's rules comparing units need (ranks, group averages,
// quotas), for a report of the assessment with the round's figures. Nil
// when the catalog has no such rules, the round has no scores, or the
// assessment is not among its group's peers (a draft): its report then
// says its figures wait for the round.
func PeersOf(ctx context.Context, src Source, ws *domain.Workspace) (*domain.PeerFacts, error) {
	if ws == nil || ws.Catalog == nil || !ws.Catalog.RoundScored() || src.Round == nil {
		return nil, nil
	}
	d, err := Load(ctx, src, ws.Assessment.Round, ws.Catalog.ID)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, nil
		}
		return nil, err
	}
	if d.Catalog.Ref() != ws.Catalog.Ref() {
		return nil, nil // the round is scored on another version
	}
	for _, r := range d.Results {
		if r.AssessmentID == ws.Assessment.ID {
			return r.Peers, nil
		}
	}
	return nil, nil
}
