package exchange

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"pingce/internal/domain"
)

// peersRecord is standing.json's optional "peers": the facts of the
// unit's peer group the lead scored its round with (domain.PeerFacts), so
// that a unit sharing no database with its lead scores the rules that
// compare units (relative, rank, N/A as the group's average, below_average
// caps, grade quotas) as the lead did. Its JSON keys are part of the
// format (docs/formats.md §7).
type peersRecord struct {
	Items      []peerItemRecord  `json:"items,omitempty"`
	Means      []peerValueRecord `json:"means,omitempty"`
	NAAverages []peerValueRecord `json:"na_averages,omitempty"`
	Quota      *peerQuotaRecord  `json:"quota,omitempty"`
}

// peerItemRecord is the unit's points on one relative or rank item.
type peerItemRecord struct {
	ID     string   `json:"id"`
	Points float64  `json:"points"`
	Place  int32    `json:"place,omitempty"`
	Base   *float64 `json:"base,omitempty"`
}

// peerValueRecord is a group's average of one item: a value (means) or
// points (na_averages).
type peerValueRecord struct {
	ID    string  `json:"id"`
	Value float64 `json:"value"`
}

// peerQuotaRecord is the grade quota that moved the unit down: it was
// beyond Grade's quota and has at best MaxGrade.
type peerQuotaRecord struct {
	Grade    string `json:"grade"`
	MaxGrade string `json:"max_grade"`
}

// peersRecordOf writes f in item order, so the same facts give the same
// bytes.
func peersRecordOf(f *domain.PeerFacts) *peersRecord {
	if f == nil {
		return nil
	}
	r := &peersRecord{}
	for _, id := range slices.Sorted(maps.Keys(f.Items)) {
		p := f.Items[id]
		r.Items = append(r.Items, peerItemRecord{ID: id, Points: p.Points, Place: p.Place, Base: p.Base})
	}
	for _, id := range slices.Sorted(maps.Keys(f.Means)) {
		r.Means = append(r.Means, peerValueRecord{ID: id, Value: f.Means[id]})
	}
	for _, id := range slices.Sorted(maps.Keys(f.NAAverages)) {
		r.NAAverages = append(r.NAAverages, peerValueRecord{ID: id, Value: f.NAAverages[id]})
	}
	if q := f.Quota; q != nil {
		r.Quota = &peerQuotaRecord{Grade: q.Ref, MaxGrade: q.MaxGrade}
	}
	return r
}

// parsePeers checks the peer facts of a standing against the catalog: each
// item once, known, and of the rule it is given for; points within 0 and
// the item's max; places within the ranking's bounds; averages ordinary
// numbers; a quota of a grade that has one, moving down to a later grade.
func parsePeers(r *peersRecord, cat *domain.Catalog) (*domain.PeerFacts, error) {
	if len(r.Items) > maxTargetItems || len(r.Means) > maxTargetItems || len(r.NAAverages) > maxTargetItems {
		return nil, fmt.Errorf("the peers name more than %d items in a list", maxTargetItems)
	}
	f := &domain.PeerFacts{Items: map[string]domain.PeerPoints{}, Means: map[string]float64{}, NAAverages: map[string]float64{}}
	for _, p := range r.Items {
		it, err := peerItem(cat, "items", p.ID, f.Items)
		if err != nil {
			return nil, err
		}
		switch {
		case it.Relative == nil && it.Rank == nil:
			return nil, fmt.Errorf("peers items: item %s is not scored against the peers (relative or rank)", p.ID)
		case !inPoints(p.Points, it.Max):
			return nil, fmt.Errorf("peers items: item %s: %v points are not between 0 and its max %v", p.ID, p.Points, it.Max)
		case p.Place < 0 || p.Place > maxStandingRank:
			return nil, fmt.Errorf("peers items: item %s: place %d is out of range", p.ID, p.Place)
		case it.Rank != nil && p.Place == 0:
			return nil, fmt.Errorf("peers items: item %s is ranked but has no place", p.ID)
		case p.Base != nil && !ordinary(*p.Base):
			return nil, fmt.Errorf("peers items: item %s: its base is not an ordinary number", p.ID)
		}
		var base *float64
		if p.Base != nil {
			b := *p.Base
			base = &b
		}
		f.Items[p.ID] = domain.PeerPoints{Points: p.Points, Place: p.Place, Base: base}
	}
	for _, m := range r.Means {
		it, err := peerItem(cat, "means", m.ID, f.Means)
		if err != nil {
			return nil, err
		}
		if it.Relative == nil && !slices.ContainsFunc(cat.Caps, func(c domain.Cap) bool { return c.BelowAverage == it.ID }) {
			return nil, fmt.Errorf("peers means: item %s is neither relative nor a below_average cap's", m.ID)
		}
		if !ordinary(m.Value) {
			return nil, fmt.Errorf("peers means: item %s: its average is not an ordinary number", m.ID)
		}
		f.Means[m.ID] = m.Value
	}
	for _, a := range r.NAAverages {
		it, err := peerItem(cat, "na_averages", a.ID, f.NAAverages)
		if err != nil {
			return nil, err
		}
		switch {
		case it.NA != domain.NAAverage:
			return nil, fmt.Errorf("peers na_averages: item %s does not count N/A as the group's average", a.ID)
		case !inPoints(a.Value, it.Max):
			return nil, fmt.Errorf("peers na_averages: item %s: %v points are not between 0 and its max %v", a.ID, a.Value, it.Max)
		}
		f.NAAverages[a.ID] = a.Value
	}
	if q := r.Quota; q != nil {
		at := slices.IndexFunc(cat.Grades, func(g domain.GradeBand) bool { return g.Grade == q.Grade && g.Quota != nil })
		if at < 0 {
			return nil, fmt.Errorf("peers quota: the catalog has no grade %q with a quota", q.Grade)
		}
		if to := cat.GradeRank(q.MaxGrade); to <= cat.GradeRank(q.Grade) {
			return nil, fmt.Errorf("peers quota: %q is not a grade below %q", q.MaxGrade, q.Grade)
		}
		f.Quota = &domain.CapHit{Kind: domain.CapQuota, Ref: q.Grade, MaxGrade: q.MaxGrade}
	}
	return f, nil
}

// peerItem returns the catalog's item id for a list of the peers, refusing
// an unknown id and one the list has already.
func peerItem[V any](cat *domain.Catalog, list, id string, seen map[string]V) (*domain.Item, error) {
	it := cat.Item(id)
	if it == nil {
		return nil, fmt.Errorf("peers %s: item %q is not in the catalog", list, strings.ToValidUTF8(id, "?"))
	}
	if _, dup := seen[id]; dup {
		return nil, fmt.Errorf("peers %s: item %s is given twice", list, id)
	}
	return it, nil
}

// inPoints reports whether f is a number of points within 0 and max.
func inPoints(f, max float64) bool { return points(f) && f <= max+1e-9 }

// ordinary reports whether f is a finite number Pingce keeps (negative
// too: the average of a change may be).
func ordinary(f float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0) && domain.OrdinaryNumber(f)
}
