package cli

import (
	"context"
	"fmt"
	"time"

	"pingce/internal/domain"
)

func init() {
	register(command{name: "round add", args: "--name ROUND [--start YYYY-MM-DD] [--end YYYY-MM-DD]",
		summary: "store a round (assessment period) with its dates, or change its dates", run: runRoundAdd})
	register(command{name: "round list", summary: "list the rounds", run: runRoundList})
}

func runRoundAdd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round add")
	name := fs.String("name", "", "round, such as 2026-Q3")
	start := fs.String("start", "", "first day, YYYY-MM-DD")
	end := fs.String("end", "", "last day, YYYY-MM-DD")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *name == "" || fs.NArg() > 0 {
		return usageErrorf("give --name")
	}
	r := domain.Round{Name: *name}
	for _, d := range []struct {
		flag, v string
		t       *time.Time
	}{{"--start", *start, &r.Start}, {"--end", *end, &r.End}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.v)
		if err != nil {
			return usageErrorf("%s %q: give a date as YYYY-MM-DD", d.flag, d.v)
		}
		*d.t = t
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if err := s.Rounds.SaveRound(ctx, r); err != nil {
			return err
		}
		say(env.Stdout, "round %s saved\n", r.Name)
		return nil
	})
}

func runRoundList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round list")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rs, err := s.Rounds.ListRounds(ctx)
		if err != nil {
			return err
		}
		day := func(t time.Time) string {
			if t.IsZero() {
				return "-"
			}
			return t.Format("2006-01-02")
		}
		tw := newTabTable(env.Stdout)
		fmt.Fprintln(tw, "ROUND\tSTART\tEND")
		for _, r := range rs {
			say(tw, "%s\t%s\t%s\n", safeText(r.Name), day(r.Start), day(r.End))
		}
		return tw.Flush()
	})
}
