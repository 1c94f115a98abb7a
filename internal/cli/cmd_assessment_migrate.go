package cli

import (
	"context"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

func init() {
	register(command{name: "assessment migrate", args: "--to ID@VERSION|FILE.yaml ID",
		summary: "a new draft of the assessment on another version of its catalog: answers carried where the item still takes them, notes and evidence always, the rest listed as needing a new answer; the old assessment is kept and linked",
		run:     runAssessmentMigrate})
}

// migrator is what a backend's assessment service offers for moving an
// assessment to another catalog version (*storage.Store has it).
type migrator interface {
	MigrateAssessment(ctx context.Context, id int64, toRef string) (*domain.Assessment, domain.MigrationPlan, error)
}

func runAssessmentMigrate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment migrate")
	to := fs.String("to", "", "the catalog version to move to: id@version (stored or built-in), or a .yaml file to store first")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *to == "" {
		return usageErrorf("name one assessment and --to id@version")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("the assessment id must be a number, not %q", fs.Arg(0))
	}
	if _, v := domain.ParseRef(*to); v == "" && !strings.HasSuffix(*to, ".yaml") && !strings.HasSuffix(*to, ".yml") {
		return usageErrorf("--to wants id@version (or a .yaml catalog file), not %q", *to)
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		m, ok := s.Assessments.(migrator)
		if !ok {
			return domain.Errorf(domain.EINVALID, "this database cannot move assessments to another catalog version")
		}
		cat, err := ensureCatalog(ctx, s.Catalogs, *to)
		if err != nil {
			return err
		}
		na, plan, err := m.MigrateAssessment(ctx, id, cat.Ref())
		if err != nil {
			return err
		}
		kept := 0
		for _, c := range plan.Carried {
			if c.Kept {
				kept++
			}
		}
		say(env.Stdout, "assessment %d: a draft on %s for %s, %s, made from assessment %d (%s, kept as it is)\n",
			na.ID, na.CatalogRef(), na.Unit.Name, na.Round, id, plan.Diff.From)
		say(env.Stdout, "answers carried: %d; notes and evidence carried with every item still there\n", kept)
		if len(plan.NeedsAnswer) > 0 {
			say(env.Stdout, "need a new answer (指标已变更 or new): %d\n", len(plan.NeedsAnswer))
			for _, iid := range plan.NeedsAnswer {
				title := ""
				if it := cat.Item(iid); it != nil {
					title = it.Title
				}
				say(env.Stdout, "  %s %s\n", iid, title)
			}
		}
		if len(plan.Dropped) > 0 {
			say(env.Stdout, "answers to items the new version no longer has (kept in assessment %d): %s\n", id, strings.Join(plan.Dropped, ", "))
		}
		return nil
	})
}
