package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"pingce/internal/domain"
)

func init() {
	register(command{name: "assessment new", args: "--unit ID --round ROUND --catalog REF | --from ID --round ROUND [--catalog REF]",
		summary: "create a draft assessment; REF is a stored or built-in catalog (id or id@version) or a .yaml file; --from starts it from a previous assessment (以上轮为基础新建)",
		run:     runAssessmentNew})
	register(command{name: "assessment list", args: "[--unit ID] [--round ROUND] [--status STATUS] [--json]",
		summary: "list assessments with progress, score and grade, newest first", run: runAssessmentList})
	register(command{name: "assessment show", args: "[--json] ID",
		summary: "show an assessment: status, score by category, what blocks submission", run: runAssessmentShow})
	register(command{name: "assessment submit", args: "ID",
		summary: "submit an assessment for review (refused while items are missing)", run: runAssessmentSubmit})
	register(command{name: "assessment return", args: "--reason TEXT ID",
		summary: "send a submitted assessment back to the unit", run: runAssessmentReturn})
	register(command{name: "assessment approve", args: "ID",
		summary: "approve a submitted assessment", run: runAssessmentApprove})
	register(command{name: "assessment audit", args: "ID",
		summary: "print the audit trail of an assessment: who changed what, when, before → after", run: runAssessmentAudit})
}

func runAssessmentAudit(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment audit")
	flagID := fs.Int64("assessment", 0, "assessment id")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := assessmentID(fs, *flagID)
	if err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		es, err := s.Audit.Audit(ctx, id) // the trail outlives a deleted draft
		if err != nil {
			return err
		}
		if len(es) == 0 {
			return domain.Errorf(domain.ENOTFOUND, "no assessment with id %d", id)
		}
		for _, e := range es {
			item := ""
			if e.ItemID != "" {
				item = " " + e.ItemID
			}
			who := e.Actor
			if e.Roles != "" { // the roles acted in (schema 6)
				who += " (" + e.Roles + ")"
			}
			say(env.Stdout, "%s  %s  %s%s: %s → %s\n", e.At.Local().Format("2006-01-02 15:04:05"), who,
				e.Action, item, orDash(e.Before), orDash(e.After))
		}
		return nil
	})
}

func orDash(s string) string {
	if s == "" || s == "null" {
		return "-"
	}
	return s
}

// assessmentID reads the assessment id from --assessment or the one
// positional argument.
func assessmentID(fs *flag.FlagSet, flagVal int64) (int64, error) {
	switch {
	case flagVal != 0 && fs.NArg() == 0:
		return flagVal, nil
	case flagVal == 0 && fs.NArg() == 1:
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil || id <= 0 {
			return 0, usageErrorf("assessment id %q is not a positive number", fs.Arg(0))
		}
		return id, nil
	}
	return 0, usageErrorf("give one assessment id")
}

func runAssessmentNew(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment new")
	unitID := fs.Int64("unit", 0, "unit id (see pingce unit list)")
	round := fs.String("round", "", "round, such as 2026-Q3")
	ref := fs.String("catalog", "", "catalog: id, id@version or a .yaml file")
	from := fs.Int64("from", 0, "start from this previous assessment: its answers, notes and evidence carried, open register entries moved (cmd_task.go)")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if *from > 0 {
		if *round == "" || *unitID != 0 {
			return usageErrorf("--from takes --round (the unit is the previous assessment's)")
		}
		return newFromPrevious(ctx, env, *from, *round, *ref)
	}
	if *unitID <= 0 || *round == "" || *ref == "" {
		return usageErrorf("--unit, --round and --catalog are required")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		cat, err := ensureCatalog(ctx, s.Catalogs, *ref)
		if err != nil {
			return err
		}
		a := &domain.Assessment{Unit: domain.Unit{ID: *unitID}, Round: *round, CatalogID: cat.ID, CatalogVersion: cat.Version}
		if err := s.Assessments.CreateAssessment(ctx, a); err != nil {
			return err
		}
		say(env.Stdout, "assessment %d: %s, %s, %s (%s)\n", a.ID, a.Unit.Name, a.Round, a.CatalogRef(), a.Status)
		return nil
	})
}

// summaryJSON is a line of `assessment list --json`.
type summaryJSON struct {
	ID         int64   `json:"id"`
	UnitID     int64   `json:"unit_id"`
	Unit       string  `json:"unit"`
	UnitType   string  `json:"unit_type"`
	Round      string  `json:"round"`
	Catalog    string  `json:"catalog"`
	Status     string  `json:"status"`
	Answered   int     `json:"answered"`
	Applicable int     `json:"applicable"`
	Final      float64 `json:"final"`
	Total      float64 `json:"total"`
	Grade      string  `json:"grade"`
	UpdatedAt  string  `json:"updated_at"`
}

func runAssessmentList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment list")
	unitID := fs.Int64("unit", 0, "only this unit")
	round := fs.String("round", "", "only this round")
	status := fs.String("status", "", "only this status: draft, submitted, returned or approved")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	f := domain.AssessmentFilter{Round: *round, Status: domain.AssessmentStatus(*status)}
	if *unitID != 0 {
		f.UnitID = unitID
	}
	switch f.Status {
	case "", domain.Draft, domain.Submitted, domain.Returned, domain.Approved:
	default:
		return usageErrorf("--status %q: give draft, submitted, returned or approved", *status)
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		list, err := s.Assessments.ListAssessments(ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]summaryJSON, len(list))
			for i, s := range list {
				out[i] = summaryJSON{ID: s.ID, UnitID: s.Unit.ID, Unit: s.Unit.Name, UnitType: s.Unit.Type, Round: s.Round,
					Catalog: s.CatalogRef(), Status: string(s.Status), Answered: s.Answered, Applicable: s.Applicable,
					Final: s.Final, Total: s.Total, Grade: s.Grade, UpdatedAt: s.UpdatedAt.Format(time.RFC3339)}
			}
			return emitJSON(env, out)
		}
		tw := newTabTable(env.Stdout)
		fmt.Fprintln(tw, "ID\tUNIT\tROUND\tCATALOG\tSTATUS\tANSWERED\tSCORE\tGRADE")
		for _, s := range list {
			say(tw, "%d\t%s\t%s\t%s\t%s\t%d/%d\t%g/%g\t%s\n", s.ID, safeText(s.Unit.Name), safeText(s.Round), safeText(s.CatalogRef()),
				s.Status, s.Answered, s.Applicable, s.Final, s.Total, s.Grade)
		}
		return tw.Flush()
	})
}

func runAssessmentShow(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment show")
	flagID := fs.Int64("assessment", 0, "assessment id")
	asJSON := fs.Bool("json", false, "print JSON: the assessment and its score")
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
	res := ws.Result()
	a := ws.Assessment
	probs := ws.SubmissionProblems()
	if *asJSON {
		files := 0
		for _, evs := range ws.Evidence {
			files += len(evs)
		}
		return emitJSON(env, map[string]any{
			"id": a.ID, "unit": a.Unit.Name, "unit_type": a.Unit.Type, "round": a.Round,
			"catalog": a.CatalogRef(), "status": a.Status, "created_by": a.CreatedBy,
			"created_at": a.CreatedAt.Format(time.RFC3339), "updated_at": a.UpdatedAt.Format(time.RFC3339),
			"return_reason": a.ReturnReason, "evidence_files": files,
			"score": res, "reviewed_score": ws.ReviewedResult(), "problems": problemStrings(probs),
		})
	}
	w := env.Stdout
	say(w, "assessment %d: %s (%s), round %s\n", a.ID, a.Unit.Name, a.Unit.Type, a.Round)
	say(w, "catalog:   %s %s\n", a.CatalogRef(), ws.Catalog.Title)
	say(w, "status:    %s\n", statusLine(a))
	say(w, "answered:  %d of %d applicable items\n", res.Answered, res.Applicable)
	say(w, "score:     %g of %g (%g%%), grade %s\n", res.Final, res.Total, res.Percent, res.Grade)
	for _, id := range res.Vetoes { // what each veto did (shapes.go)
		if v, ok := ws.Catalog.Veto(id); ok {
			say(w, "veto:      %s %s: %s\n", safeText(v.ID), safeText(v.Title), vetoEffect(ws.Catalog, v))
		}
	}
	if len(ws.Reviews) > 0 {
		rr := ws.ReviewedResult()
		say(w, "reviewed:  %g, grade %s\n", rr.Final, rr.Grade)
	}
	tw := newTabTable(w)
	fmt.Fprintln(tw, "\nCATEGORY\tTITLE\tSCORE")
	for _, c := range ws.Catalog.Categories {
		cs, _ := res.Category(c.ID)
		say(tw, "%s\t%s\t%g/%g%s\n", safeText(c.ID), safeText(c.Title), cs.Score, cs.Max, adjustmentNote(c, cs.Adjustment))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if a.Status.Editable() {
		if len(probs) == 0 {
			fmt.Fprintln(w, "\nready to submit")
		} else {
			say(w, "\n%d item(s) block submission:\n", len(probs))
			for _, p := range probs {
				say(w, "  %s\n", p)
			}
		}
	}
	return nil
}

func statusLine(a domain.Assessment) string {
	at := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }
	switch a.Status {
	case domain.Submitted:
		return fmt.Sprintf("submitted by %s at %s", a.SubmittedBy, at(a.SubmittedAt))
	case domain.Returned:
		return fmt.Sprintf("returned by %s at %s: %s", a.ReturnedBy, at(a.ReturnedAt), a.ReturnReason)
	case domain.Approved:
		return fmt.Sprintf("approved by %s at %s", a.ApprovedBy, at(a.ApprovedAt))
	}
	return fmt.Sprintf("%s, created by %s at %s", a.Status, a.CreatedBy, at(a.CreatedAt))
}

func problemStrings(ps []domain.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func runAssessmentSubmit(ctx context.Context, env *Env, args []string) error {
	return assessmentStep(ctx, env, args, "submit", func(ctx context.Context, s *Services, id int64) error {
		return s.Assessments.Submit(ctx, id)
	}, "submitted")
}

func runAssessmentApprove(ctx context.Context, env *Env, args []string) error {
	return assessmentStep(ctx, env, args, "approve", func(ctx context.Context, s *Services, id int64) error {
		return s.Reviews.Approve(ctx, id)
	}, "approved")
}

func runAssessmentReturn(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment return")
	flagID := fs.Int64("assessment", 0, "assessment id")
	reason := fs.String("reason", "", "why the assessment goes back to the unit")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := assessmentID(fs, *flagID)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*reason) == "" {
		return usageErrorf("--reason is required")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if err := s.Reviews.Return(ctx, id, *reason); err != nil {
			return err
		}
		say(env.Stdout, "assessment %d returned\n", id)
		return nil
	})
}

// assessmentStep runs a status change on the assessment named in args.
func assessmentStep(ctx context.Context, env *Env, args []string, name string,
	step func(ctx context.Context, s *Services, id int64) error, done string) error {
	fs := env.newFlagSet("assessment " + name)
	flagID := fs.Int64("assessment", 0, "assessment id")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := assessmentID(fs, *flagID)
	if err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if err := step(ctx, s, id); err != nil {
			return err
		}
		say(env.Stdout, "assessment %d %s\n", id, done)
		return nil
	})
}
