package cli

import (
	"context"
	"fmt"
	"strings"

	"pingce/internal/demo"
	"pingce/internal/domain"
)

func init() {
	register(command{name: "demo", args: "[--bureau [--seed N]]",
		summary: "fill the database with a realistic demo: a half-done and a submitted assessment, or with --bureau a whole city bureau over three rounds",
		run:     runDemo})
}

// runDemo fills the database with demo.Single, or demo.Bureau.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("demo")
	bureau := fs.Bool("bureau", false, "fill a whole bureau: 1 市局, 8 分县局, 20 派出所 and 4 局直单位 over three rounds, in every state")
	seed := fs.Uint64("seed", 2026, "with --bureau: the seed the answers, states and reviews follow")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if env.User == "" || env.User == "root" {
		env.User = "张三"
	}
	opt := demo.Single()
	if *bureau {
		opt = demo.Bureau(*seed)
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		res, err := demo.Fill(ctx, demo.Stores{Units: s.Units, Catalogs: s.Catalogs, Assessments: s.Assessments,
			Answers: s.Answers, Reviews: s.Reviews, Evidence: s.Evidence, Rounds: s.Rounds, Profile: s.Profile}, opt)
		if err != nil {
			return err
		}
		if a := res.Already; a != nil {
			fmt.Fprintf(env.Stdout, "the demo data is already there (assessment %d, %s %s)\n", a.ID, a.Unit.Name, a.Round)
			return nil
		}
		if !*bureau {
			prev, cur := res.Assessments[0], res.Assessments[1]
			fmt.Fprintf(env.Stdout, "demo: %s, catalog %s\n  assessment %d: %s, submitted\n  assessment %d: %s, half done\n",
				prev.Unit.Name, res.Catalog, prev.ID, prev.Round, cur.ID, cur.Round)
			return nil
		}
		printBureau(env, res)
		return nil
	})
}

// printBureau says what the bureau demo stored: the units by type, and the
// assessments of each round by state.
func printBureau(env *Env, res *demo.Result) {
	types := map[string]int{}
	for _, u := range res.Units {
		types[u.Type]++
	}
	fmt.Fprintf(env.Stdout, "demo: %d units (%d 市局, %d 分县局, %d 派出所, %d 局直单位), catalog %s\n", len(res.Units),
		types["市局"], types["分县局"], types["派出所"], types["局直单位"], res.Catalog)
	var rounds []string
	byRound := map[string]map[domain.AssessmentStatus]int{}
	for _, m := range res.Assessments {
		if byRound[m.Round] == nil {
			rounds = append(rounds, m.Round)
			byRound[m.Round] = map[domain.AssessmentStatus]int{}
		}
		byRound[m.Round][m.Status]++
	}
	for _, r := range rounds {
		var parts []string
		for _, s := range []domain.AssessmentStatus{domain.Draft, domain.Submitted, domain.Returned, domain.Approved} {
			if n := byRound[r][s]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, s))
			}
		}
		fmt.Fprintf(env.Stdout, "  %s: %s\n", r, strings.Join(parts, ", "))
	}
}
