package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/review"
)

// The lead's review from the command line (issue 12): what waits for
// review, one assessment's review side by side with the unit's own, and
// review files (pingce/review@1, docs/formats.md §8) in and out.

func init() {
	register(command{name: "review list", args: "[--round R] [--status S] [--json]",
		summary: "submissions to review: own score (自评), reviewed score (核定) so far, items reviewed, open requests", run: runReviewList})
	register(command{name: "review show", args: "[--json] ID",
		summary: "an assessment's review: totals side by side, every reviewed or changed item with its verdict and reason", run: runReviewShow})
	register(command{name: "review import", args: "--assessment ID FILE",
		summary: "store the verdicts of a review file (pingce/review@1), all or nothing", run: runReviewImport})
	register(command{name: "review export", args: "--assessment ID [-o FILE]",
		summary: "write an assessment's review as a review file (pingce/review@1)", run: runReviewExport})
}

// reviewLine is one line of review list.
type reviewLine struct {
	ID       int64   `json:"id"`
	Unit     string  `json:"unit"`
	UnitType string  `json:"unit_type"`
	Round    string  `json:"round"`
	Status   string  `json:"status"`
	Own      float64 `json:"own"`
	Reviewed float64 `json:"reviewed"`
	Grade    string  `json:"grade"`
	Items    int     `json:"items"`
	Done     int     `json:"reviewed_items"`
	Changed  int     `json:"changed_items"`
	Requests int     `json:"open_requests"`
}

func runReviewList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("review list")
	round := fs.String("round", "", "only this round")
	status := fs.String("status", "", "only this status: submitted, returned or approved (default: all three)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	f := domain.AssessmentFilter{Round: *round, Status: domain.AssessmentStatus(*status)}
	switch f.Status {
	case "", domain.Submitted, domain.Returned, domain.Approved:
	default:
		return usageErrorf("--status %q: give submitted, returned or approved", *status)
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		list, err := s.Assessments.ListAssessments(ctx, f)
		if err != nil {
			return err
		}
		var out []reviewLine
		for _, sum := range list {
			if sum.Status == domain.Draft {
				continue
			}
			ws, err := s.Assessments.OpenAssessment(ctx, sum.ID)
			if err != nil {
				return err
			}
			l := reviewLine{ID: sum.ID, Unit: sum.Unit.Name, UnitType: sum.Unit.Type, Round: sum.Round, Status: string(sum.Status),
				Own: sum.Final, Reviewed: sum.ReviewedFinal, Grade: sum.ReviewedGrade, Done: len(ws.Reviews),
				Changed: len(ws.ChangedItems()), Requests: len(ws.OpenRequests())}
			for _, it := range ws.Result().Items {
				if it.Status != domain.StatusExcluded {
					l.Items++
				}
			}
			out = append(out, l)
		}
		if *asJSON {
			if out == nil {
				out = []reviewLine{}
			}
			return emitJSON(env, out)
		}
		t := newTable([]string{"ID", "UNIT", "ROUND", "STATUS", "OWN", "REVIEWED", "GRADE", "ITEMS", "CHANGED", "REQUESTS"}, 0, 4, 5, 7, 8, 9)
		for _, l := range out {
			t.row(strconv.FormatInt(l.ID, 10), safeText(l.Unit), safeText(l.Round), l.Status, num(l.Own), num(l.Reviewed),
				safeText(l.Grade), fmt.Sprintf("%d/%d", l.Done, l.Items), strconv.Itoa(l.Changed), strconv.Itoa(l.Requests))
		}
		return t.write(env.Stdout)
	})
}

func runReviewShow(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("review show")
	flagID := fs.Int64("assessment", 0, "assessment id")
	asJSON := fs.Bool("json", false, "print JSON: the score JSON with its review object, and every review")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := assessmentID(fs, *flagID)
	if err != nil {
		return err
	}
	ws, err := scoreAssessment(ctx, env, id)
	if err != nil {
		return err
	}
	if *asJSON {
		f := review.FromWorkspace(ws)
		items := map[string]any{}
		for id, r := range f.Items {
			items[id] = reviewJSON(r)
		}
		return emitJSON(env, map[string]any{"score": ws.ScoreJSON(), "reviews": items,
			"changed": orEmpty(ws.ChangedItems()), "open_requests": orEmpty(ws.OpenRequests())})
	}
	a := ws.Assessment
	own, rev := ws.Result(), ws.ReviewedResult()
	say(env.Stdout, "%s  %s  %s  %s\n", safeText(a.Unit.Name), safeText(a.Unit.Type), safeText(a.Round), a.Status)
	if a.Status == domain.Returned {
		say(env.Stdout, "returned by %s: %s\n", safeText(a.ReturnedBy), safeText(a.ReturnReason))
	}
	sayln(env.Stdout)
	t := newTable([]string{"CATEGORY", "OWN", "REVIEWED", "DIFF", "TITLE"}, 1, 2, 3)
	for _, c := range ws.Catalog.Categories {
		o, _ := own.Category(c.ID)
		r, _ := rev.Category(c.ID)
		t.row(c.ID, num(o.Score), num(r.Score), signed(r.Score-o.Score), safeText(c.Title))
	}
	t.row("final", num(own.Final), num(rev.Final), signed(rev.Final-own.Final), "")
	t.row("grade", own.Grade, rev.Grade, "", "")
	if err := t.write(env.Stdout); err != nil {
		return err
	}
	sayln(env.Stdout)
	changed := map[string]bool{}
	for _, id := range ws.ChangedItems() {
		changed[id] = true
	}
	it := newTable([]string{"ITEM", "VERDICT", "OWN", "REVIEWED", "CHANGED", "REASON / REQUEST / COMMENT"}, 2, 3)
	for _, is := range own.Items {
		r, reviewed := ws.Reviews[is.ID]
		if !reviewed && !changed[is.ID] {
			continue
		}
		rs, _ := rev.Item(is.ID)
		verdict, text := "-", ""
		if reviewed {
			r = ws.Catalog.Item(is.ID).NormalizedFor(r, ws.Assessment.Unit.Type)
			verdict = string(r.Verdict)
			text = strings.Join(nonEmpty(r.Reason, r.Request, r.Comment), " / ")
		}
		mark := ""
		if changed[is.ID] {
			mark = "changed"
		}
		it.row(is.ID, verdict, num(is.Score), num(rs.Score), mark, safeText(text))
	}
	return it.write(env.Stdout)
}

func runReviewImport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("review import")
	id := fs.Int64("assessment", 0, "assessment id")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 1 {
		return usageErrorf("give --assessment ID and one review file")
	}
	path := fs.Arg(0)
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		ws, err := s.Assessments.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		f, err := review.LoadFor(ctx, path, ws) // every problem of the file and against the assessment at once
		if err != nil {
			return err
		}
		res, err := s.Reviews.ImportReviews(ctx, *id, f.Items)
		if err != nil {
			return err
		}
		say(env.Stdout, "%d verdict(s) stored; reviewed score %s %s (own %s %s)\n", len(f.Items), num(res.Final), res.Grade,
			num(ws.Result().Final), ws.Result().Grade)
		return nil
	})
}

func runReviewExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("review export")
	id := fs.Int64("assessment", 0, "assessment id")
	out := fs.String("o", "", "write to this file instead of stdout")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 0 {
		return usageErrorf("give --assessment ID")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	ws, err := scoreAssessment(ctx, env, *id)
	if err != nil {
		return err
	}
	data, err := review.Marshal(review.FromWorkspace(ws), ws.Catalog)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = env.Stdout.Write(data)
		return err
	}
	if err := env.outputs().WriteData(ctx, *out, data); err != nil {
		return fmt.Errorf("write review: %w", err)
	}
	say(env.Stderr, "review written to %s\n", *out)
	return nil
}

// reviewJSON is a review in the keys of a review file's item.
func reviewJSON(r domain.Review) map[string]any {
	m := map[string]any{"verdict": r.Verdict}
	if r.Answer != nil {
		m["answer"] = answerJSON(*r.Answer)
	}
	if r.Score != nil {
		m["points"] = *r.Score
	}
	for k, v := range map[string]string{"reason": r.Reason, "comment": r.Comment, "request": r.Request, "by": r.By} {
		if v != "" {
			m[k] = v
		}
	}
	if !r.At.IsZero() {
		m["at"] = r.At.UTC().Format("2006-01-02T15:04:05Z")
	}
	return m
}

// answerJSON is the reviewer's answer in the keys of an answers file.
func answerJSON(a domain.Answer) map[string]any {
	m := map[string]any{}
	if a.Met != nil {
		m["met"] = *a.Met
	}
	if a.Level != "" {
		m["level"] = a.Level
	}
	if a.Value != nil {
		m["value"] = *a.Value
	}
	if a.Baseline != nil {
		m["baseline"] = *a.Baseline
	}
	if a.Count != nil {
		m["count"] = *a.Count
	}
	if len(a.Counts) > 0 {
		m["counts"] = a.Counts
	}
	if len(a.Parts) > 0 {
		ps := map[string]any{}
		for id, p := range a.Parts {
			ps[id] = answerJSON(p)
		}
		m["parts"] = ps
	}
	return m
}

func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// signed writes a difference with its sign: +5, −12.5, 0.
func signed(f float64) string {
	f = domain.Round2(f)
	switch {
	case f > 0:
		return "+" + num(f)
	case f < 0:
		return "-" + num(-f)
	}
	return "0"
}

// joinRoles writes roles comma-separated.
func joinRoles(rs []domain.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
