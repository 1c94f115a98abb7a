package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// CheckAnswer returns what is wrong with answer a to item it: fields that do
// not fit the method, unknown level labels or parts, a zero or missing
// baseline, a negative count, N/A without a reason. An empty answer, or one
// with only a note, evidence or flag, is not wrong: it is unanswered.
func (it *Item) CheckAnswer(a Answer) []Problem {
	var ps []Problem
	add := func(code, format string, kv ...string) {
		p := NewProblem(code, format, kv...)
		p.ItemID = it.ID
		ps = append(ps, p)
	}
	if a.NA {
		if strings.TrimSpace(a.Reason) == "" {
			add(ProbNAWithoutReason, "na needs a non-empty reason")
		}
		return ps
	}
	wrong := func(field string) {
		add(ProbWrongField, "field {field:q} does not fit method {method}", "field", field, "method", it.methodName())
	}
	has := map[string]bool{
		"met":      a.Met != nil,
		"level":    a.Level != "",
		"value":    a.Value != nil,
		"baseline": a.Baseline != nil,
		"count":    a.Count != nil,
		"counts":   len(a.Counts) > 0,
		"parts":    len(a.Parts) > 0,
	}
	allowed := map[string]bool{}
	switch {
	case it.IsComposite():
		allowed["parts"] = true
	case it.Method == MethodCheck:
		allowed["met"] = true
	case it.Method == MethodLevels:
		allowed["level"] = true
	case it.Method == MethodNumeric:
		allowed["value"] = true
		allowed["baseline"] = it.Change || it.Difference
	case it.Method == MethodDeduct || it.Method == MethodCount:
		allowed["count"] = len(it.Kinds) == 0 // with kinds: counts by kind instead
		allowed["counts"] = it.Counted()
	}
	for _, f := range []string{"met", "level", "value", "baseline", "count", "counts", "parts"} {
		if has[f] && !allowed[f] {
			wrong(f)
		}
	}
	if a.Reason != "" && !a.NA {
		wrong("reason")
	}
	if it.Method == MethodNumeric && !it.IsComposite() {
		if a.Value != nil && !OrdinaryNumber(*a.Value) {
			add(ProbNotFinite, "{field} must be an ordinary number (0, or from 1e-9 to 1e15 in size), not {value}", "field", "value", "value", fmt.Sprint(*a.Value))
		}
		if a.Baseline != nil && !OrdinaryNumber(*a.Baseline) {
			add(ProbNotFinite, "{field} must be an ordinary number (0, or from 1e-9 to 1e15 in size), not {value}", "field", "baseline", "value", fmt.Sprint(*a.Baseline))
		}
	}
	switch {
	case it.IsComposite():
		for id, pa := range a.Parts {
			p := it.Part(id)
			if p == nil {
				add(ProbUnknownPart, "no part {part:q}", "part", id)
				continue
			}
			if pa.NA || pa.Reason != "" {
				// A part cannot leave the item's max: only a whole item is N/A.
				p := NewProblem(ProbPartNA, "na applies to a whole item, not to one of its parts")
				p.ItemID = it.ID + "." + id
				ps = append(ps, p)
				continue
			}
			for _, pp := range p.CheckAnswer(pa) {
				pp.ItemID = it.ID + "." + id
				ps = append(ps, pp)
			}
		}
	case it.Method == MethodLevels:
		if a.Level != "" {
			if _, ok := it.Level(a.Level); !ok {
				add(ProbUnknownLevel, "level {level:q} is not one of the catalog's levels", "level", a.Level)
			}
		}
	case it.Method == MethodNumeric && it.Difference: // value − baseline: a baseline of 0 is fine
		if a.Value != nil && a.Baseline == nil {
			add(ProbMissingBaseline, "a change item needs baseline beside value")
		}
	case it.Method == MethodNumeric && it.Change:
		if a.Value != nil && a.Baseline == nil {
			add(ProbMissingBaseline, "a change item needs baseline beside value")
		}
		if a.Baseline != nil && *a.Baseline == 0 {
			add(ProbBaselineZero, "baseline must not be 0 (the change would divide by zero)")
		}
	case it.Method == MethodDeduct || it.Method == MethodCount:
		if a.Count != nil && *a.Count < 0 {
			add(ProbNegativeCount, "count must be 0 or more, not {value}", "value", strconv.Itoa(*a.Count))
		}
		if it.Counted() && len(a.Counts) > 0 {
			it.checkCounts(a, add) // tiered.go
		}
	}
	return ps
}

func (it *Item) methodName() string {
	if it.IsComposite() {
		return "parts"
	}
	return string(it.Method)
}

// CheckAnswers returns every problem of the answer set against the catalog:
// the catalog reference, a unit type the catalog does not know (when it
// lists its unit types), unknown items and vetoes, and each answer's own
// problems. Problems carry item ids; the file reader adds lines.
func CheckAnswers(c *Catalog, s *AnswerSet) []Problem {
	var ps []Problem
	if s.Catalog != "" && s.Catalog != c.Ref() {
		ps = append(ps, NewProblem(ProbWrongCatalog, "answers are for catalog {catalog}, not {want}",
			"catalog", s.Catalog, "want", c.Ref()))
	}
	if s.Unit.Type != "" {
		// A type the catalog does not know would silently exclude every
		// item with applies_to.
		ps = append(ps, ErrorProblems(CheckUnitType(s.Unit.Type, c.UnitTypes))...)
	}
	for _, it := range c.Items() {
		if a, ok := s.Answers[it.ID]; ok {
			ps = append(ps, it.CheckAnswer(a)...)
		}
	}
	for id := range s.Answers {
		if c.Item(id) == nil {
			p := NewProblem(ProbUnknownItem, "the catalog has no such item")
			p.ItemID = id
			ps = append(ps, p)
		}
	}
	for _, v := range s.Vetoes {
		if _, ok := c.Veto(v); !ok {
			ps = append(ps, NewProblem(ProbUnknownVeto, "the catalog has no veto {veto:q}", "veto", v))
		}
	}
	return ps
}

// SubmissionProblems lists what blocks submitting the answers for a unit of
// the given type: applicable base items left unanswered, N/A without a
// reason, and items with EvidenceRequired that have neither a note nor
// evidence (a bonus item needs evidence only when it claims points). hasFiles reports whether evidence files are stored for an item;
// it may be nil, in which case Answer.Evidence is used.
func SubmissionProblems(c *Catalog, s *AnswerSet, unitType string, hasFiles func(itemID string) bool) []Problem {
	var ps []Problem
	for _, it := range c.Items() {
		if !it.AppliesToType(unitType) {
			continue
		}
		a, ok := s.Answers[it.ID]
		if a.NA {
			if strings.TrimSpace(a.Reason) == "" {
				ps = append(ps, Problem{ItemID: it.ID, Code: ProbNAWithoutReason, Msg: "N/A without a reason"})
			}
			continue
		}
		if !ok || !it.Answered(a) {
			if !it.Bonus {
				ps = append(ps, Problem{ItemID: it.ID, Code: ProbUnanswered, Msg: "not answered"})
			}
			continue
		}
		if it.Bonus && it.PointsFor(a, unitType) == 0 {
			continue // no bonus claimed: nothing to prove
		}
		if it.EvidenceRequired && strings.TrimSpace(a.Note) == "" {
			files := len(a.Evidence) > 0
			if hasFiles != nil {
				files = hasFiles(it.ID)
			}
			if !files {
				ps = append(ps, Problem{ItemID: it.ID, Code: ProbNoEvidence, Msg: "evidence required: add a note or a file"})
			}
		}
	}
	return ps
}
