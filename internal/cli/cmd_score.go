package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

func init() {
	register(command{
		name:    "score",
		args:    "--catalog FILE|ID --answers FILE [--unit-type T] [--json] | --assessment ID [--json]",
		summary: "score an answers file against a catalog (or a stored assessment): a table, or the JSON of docs/formats.md §3",
		run:     runScore,
	})
}

func runScore(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("score")
	catArg := fs.String("catalog", "", "catalog file, or the id[@version] of a built-in catalog")
	ansArg := fs.String("answers", "", "answers file (format pingce/answers@1)")
	unitType := fs.String("unit-type", "", "unit type for applies_to (default: the answers file's unit type)")
	asJSON := fs.Bool("json", false, "print the score as JSON")
	assessment := fs.Int64("assessment", 0, "score a stored assessment instead of files")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected argument %q", fs.Arg(0))
	}
	var (
		cat *domain.Catalog
		set *domain.AnswerSet
		ws  *domain.Workspace
	)
	switch {
	case *assessment != 0:
		if *catArg != "" || *ansArg != "" {
			return usageErrorf("--assessment goes without --catalog and --answers")
		}
		var err error
		if ws, err = scoreAssessment(ctx, env, *assessment); err != nil {
			return err
		}
		cat, set = ws.Catalog, ws.Answers
		if *unitType == "" {
			*unitType = ws.Assessment.Unit.Type
		}
	case *catArg == "" || *ansArg == "":
		return usageErrorf("--catalog and --answers are both needed")
	default:
		var err error
		if cat, err = resolveCatalog(ctx, *catArg); err != nil {
			return err
		}
		if set, err = readAnswersFile(ctx, *ansArg, cat); err != nil {
			return err
		}
	}
	opt := domain.Options{UnitType: *unitType}
	if ws != nil && *unitType == ws.Assessment.Unit.Type {
		opt.Peers = ws.Peers // the round's facts the lead's package brought
	}
	res := domain.Score(cat, set, opt)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if ws != nil && *unitType == ws.Assessment.Unit.Type { // the reviewed score under "review" (formats.md §4)
			return enc.Encode(domain.ScoreJSON{Result: res, Review: ws.ReviewScore()})
		}
		return enc.Encode(res)
	}
	writeScoreTable(env.Stdout, cat, set, res)
	return nil
}

// resolveCatalog loads a catalog file, or a built-in catalog by id[@version]
// when no such file exists.
func resolveCatalog(ctx context.Context, arg string) (*domain.Catalog, error) {
	if _, err := os.Stat(arg); err == nil || strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") {
		return catalog.LoadFile(ctx, arg)
	}
	c, err := catalog.Builtin(arg)
	if err != nil {
		return nil, fmt.Errorf("no catalog file %q and no built-in catalog of that id: %w", arg, err)
	}
	return c, nil
}

// writeScoreTable prints the score as a readable table: one line per
// category, then the totals and the grade.
func writeScoreTable(w io.Writer, cat *domain.Catalog, set *domain.AnswerSet, r *domain.Result) {
	say(w, "%s  %s@%s\n", cat.Title, cat.ID, cat.Version)
	if set != nil && (set.Unit.Name != "" || set.Round != "") {
		say(w, "%s  %s  %s\n", set.Unit.Name, r.UnitType, set.Round)
	}
	sayln(w)
	// Titles go last: terminals draw CJK characters two columns wide, which
	// padding by rune count would misalign.
	say(w, "%-8s %8s %8s %7s  %s\n", "id", "score", "max", "rate", "category")
	var walk func(cs []*domain.Category, depth int)
	walk = func(cs []*domain.Category, depth int) {
		for _, c := range cs {
			s, _ := r.Category(c.ID)
			rate := "-"
			if s.Max > 0 {
				rate = fmt.Sprintf("%.1f%%", s.Score/s.Max*100)
			}
			say(w, "%-8s %8s %8s %7s  %s%s%s\n", strings.Repeat("  ", depth)+c.ID, num(s.Score), num(s.Max), rate, strings.Repeat("  ", depth), c.Title,
				adjustmentNote(c, s.Adjustment))
			walk(c.Categories, depth+1)
		}
	}
	walk(cat.Categories, 0)
	sayln(w)
	say(w, "answered      %d of %d applicable items\n", r.Answered, r.Applicable)
	say(w, "raw           %s of %s applicable\n", num(r.Raw), num(r.ApplicableMax))
	if adj := baseAdjustment(cat, r); adj != 0 {
		say(w, "  adjustments %s (the categories' own rules, included in raw)\n", signedNum(adj))
	}
	say(w, "scaled        %s of %s\n", num(r.Scaled), num(r.Total))
	say(w, "bonus         %s\n", num(r.Bonus))
	if r.VetoDeduct != 0 {
		say(w, "veto deduct   -%s\n", num(r.VetoDeduct))
	}
	say(w, "final         %s (%s%%)\n", num(r.Final), num(r.Percent))
	sayReach(w, r) // roundpeers.go: 待全市汇总后计分 and the range
	say(w, "grade         %s\n", r.Grade)
	for _, c := range r.Caps {
		say(w, "cap           %s %s: at best %s\n", c.Kind, c.Ref, c.MaxGrade)
	}
	for _, v := range r.Vetoes {
		title, effect := "", ""
		if vt, ok := cat.Veto(v); ok {
			title, effect = vt.Title, vetoEffect(cat, vt)
		}
		say(w, "veto          %s %s: %s\n", v, title, effect)
	}
}

// num formats a score without trailing zeros: 12.5, 846.35, 10.
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
