package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Step moves the assessment one step along the workflow (see Allowed): act
// is ActSubmit, ActReturn or ActApprove, done by u at the time at, with
// the reason a return needs. It records who, when and why on the
// assessment, or returns what forbids the step (Authorize) and leaves the
// assessment as it was. Submitting through Step does not look at the
// answers: Workspace.Submit does.
func (a *Assessment) Step(u User, act Action, at time.Time, reason string) error {
	var to AssessmentStatus
	switch act {
	case ActSubmit:
		to = Submitted
	case ActReturn:
		to = Returned
	case ActApprove:
		to = Approved
	default:
		return Errorf(EINVALID, "%q is not a step of the workflow", act)
	}
	if err := Authorize(u, act, a); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if act == ActReturn && reason == "" {
		p := NewProblem(ProbReturnReason, "returning an assessment needs a reason")
		return &Error{Code: EINVALID, Message: fmt.Sprintf("returning assessment %d needs a reason", a.ID), Problems: []Problem{p}}
	}
	if act == ActReturn {
		if ps := textProblem("", "reason", reason); len(ps) > 0 {
			return &Error{Code: EINVALID, Message: "the reason is not valid text", Problems: ps}
		}
	}
	a.Status, a.UpdatedAt = to, at
	switch to {
	case Submitted:
		a.SubmittedBy, a.SubmittedAt = u.Name, at
	case Returned:
		a.ReturnedBy, a.ReturnedAt, a.ReturnReason = u.Name, at, reason
	case Approved:
		a.ApprovedBy, a.ApprovedAt = u.Name, at
	}
	return nil
}

// Submit submits the workspace's assessment for review, by u at the time
// at: EFORBIDDEN or ELOCKED as Authorize says, then EBLOCKED with the
// problems while anything blocks submission (SubmissionProblems).
func (w *Workspace) Submit(u User, at time.Time) error {
	if err := Authorize(u, ActSubmit, &w.Assessment); err != nil {
		return err
	}
	if ps := w.SubmissionProblems(); len(ps) > 0 {
		return &Error{Code: EBLOCKED, Problems: ps,
			Message: fmt.Sprintf("assessment %d cannot be submitted yet: %d item(s) need attention", w.Assessment.ID, len(ps))}
	}
	return w.Assessment.Step(u, ActSubmit, at, "")
}

// CheckReview returns what is wrong with a reviewer's verdict on item it:
// points that are not a number within [0, max] (ProbReviewPoints), and
// text no database keeps (ProbBadText).
func (it *Item) CheckReview(r Review) []Problem {
	var ps []Problem
	if r.Score != nil {
		if v := *r.Score; !finite(v) || v < 0 || v > it.Max {
			p := NewProblem(ProbReviewPoints, "reviewed points must be between 0 and {max}, not {value}",
				"max", formatPoints(it.Max), "value", formatPoints(v))
			p.ItemID = it.ID
			ps = append(ps, p)
		}
	}
	return append(ps, textProblem(it.ID, "comment", r.Comment)...)
}

// formatPoints writes points for a message: 2.5, 10, NaN.
func formatPoints(v float64) string { return fmt.Sprint(v) }

// CheckVetoes returns the vetoes as the assessment keeps them (each once,
// in the order first given) and a ProbUnknownVeto problem for each the
// catalog lacks.
func CheckVetoes(c *Catalog, vetoes []string) ([]string, []Problem) {
	var ps []Problem
	var out []string
	for _, v := range vetoes {
		if _, ok := c.Veto(v); !ok {
			ps = append(ps, NewProblem(ProbUnknownVeto, "the catalog has no veto {veto:q}", "veto", v))
		} else if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, ps
}

// CheckRound returns what is wrong with a round: a name that ValidName
// refuses (ProbNoRound when it is empty), or an end before its start
// (ProbRoundDates). The error is EINVALID with the problems.
func CheckRound(r Round) error {
	if strings.TrimSpace(r.Name) == "" {
		p := NewProblem(ProbNoRound, "a round needs a name, such as 2026-Q3")
		return &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
	}
	if err := ValidName(r.Name); err != nil {
		return err
	}
	if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
		p := NewProblem(ProbRoundDates, "round {round} ends ({end}) before it starts ({start})",
			"round", r.Name, "end", r.End.Format("2006-01-02"), "start", r.Start.Format("2006-01-02"))
		return &Error{Code: EINVALID, Message: p.Msg, Problems: []Problem{p}}
	}
	return nil
}

// CheckText reports the text of an answer to item itemID (and of its
// parts) that no database can keep: invalid UTF-8 or NUL characters
// (PostgreSQL refuses both), as ProbBadText problems naming the field.
func CheckText(itemID string, a Answer) []Problem {
	var ps []Problem
	ps = append(ps, textProblem(itemID, "item id", itemID)...)
	ps = append(ps, textProblem(itemID, "level", a.Level)...)
	ps = append(ps, textProblem(itemID, "reason", a.Reason)...)
	ps = append(ps, textProblem(itemID, "note", a.Note)...)
	for _, e := range a.Evidence {
		ps = append(ps, textProblem(itemID, "evidence name", e)...)
	}
	ids := make([]string, 0, len(a.Parts))
	for id := range a.Parts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ps = append(ps, CheckText(itemID+"."+id, a.Parts[id])...)
	}
	return ps
}

// textProblem returns a ProbBadText problem when v is not valid UTF-8 or
// holds a NUL character.
func textProblem(itemID, field, v string) []Problem {
	if utf8.ValidString(v) && !strings.ContainsRune(v, 0) {
		return nil
	}
	p := NewProblem(ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", field)
	p.ItemID = itemID
	return []Problem{p}
}
