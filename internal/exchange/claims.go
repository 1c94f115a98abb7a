package exchange

import (
	"strconv"

	"pingce/internal/domain"
)

// checkClaims compares the counts the manifest gives of the assessment
// with the answers and catalog the package carries, and scores them
// (Package.Result): a window shows the counts, so a package whose
// manifest claims 999 of 999 items answered on a catalog of 59 is
// refused rather than shown as such (ProbClaims). Unit, unit type and
// round are the receiver's to compare with what it holds.
//
// The final score and grade are not compared: another version of Pingce
// may score the same answers differently. Result is what this side makes
// of them (a review's with the reviewer's points, 核定分). The answered
// and applicable counts are the sender's, scored with the round's facts
// it held and, for a review, the reviewer's points: an item marked N/A
// that counts as its group's average is counted alone (its points wait
// for the round) but not when those facts lack it, so each such item may
// be missing from both counts; a N/A item the reviewer gave points counts
// in both again. The items not answered are the same either way.
func (p *Package) checkClaims() error {
	m := &p.Manifest.Assessment
	claims := func(what, claimed, actual string) error {
		return fail(domain.EINVALID, ProbClaims, "the manifest says the "+claimEnglish[what]+" is {claimed}, but the package's answers and catalog give {actual}",
			"what", what, "claimed", claimed, "actual", actual)
	}
	a := p.Answers
	unitType := a.Unit.Type // the type the sender scored with (the receiver compares it with its own)
	if unitType == "" {
		unitType = m.Unit.Type
	}
	alone := domain.Score(p.Catalog, a, domain.Options{UnitType: unitType})
	var overrides map[string]float64 // a review's 核定分
	if p.Review != nil {
		overrides = map[string]float64{}
		for id, r := range p.Review.Items {
			if v, ok := r.ReviewedPoints(); ok {
				overrides[id] = v
			}
		}
	}
	naAverage, adjustedNA := 0, 0
	for i, it := range p.Catalog.Items() {
		is := alone.Items[i]
		switch {
		case it.Bonus:
		case is.NAAverage: // counted alone as the group's average
			naAverage++
		case is.Status == domain.StatusNA && !is.NAFull && p.Review != nil && p.Review.Items[it.ID].Verdict == domain.VerdictAdjust:
			adjustedNA++ // a reviewer's points make a N/A item count again
		}
	}
	itoa := strconv.Itoa
	switch {
	case m.Answered < alone.Answered-naAverage || m.Answered > alone.Answered+adjustedNA:
		return claims(ClaimAnswered, itoa(m.Answered), itoa(alone.Answered))
	case m.Applicable-m.Answered != alone.Applicable-alone.Answered:
		return claims(ClaimApplicable, itoa(m.Applicable), itoa(alone.Applicable))
	}
	opt := domain.Options{UnitType: unitType, Overrides: overrides}
	if p.Standing != nil {
		opt.Peers = p.Standing.Peers
	}
	p.Result = alone
	if opt.Overrides != nil || opt.Peers != nil {
		p.Result = domain.Score(p.Catalog, a, opt)
	}
	return nil
}

// claimEnglish names the Claim* values in the English message.
var claimEnglish = map[string]string{ClaimAnswered: "number of items answered", ClaimApplicable: "number of applicable items"}
