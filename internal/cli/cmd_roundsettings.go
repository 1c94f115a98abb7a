package cli

import (
	"context"
	"strconv"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/report"
)

func init() {
	register(command{name: "round group", args: "--round ROUND --name GROUP --units ID,ID,…",
		summary: "set a peer group (同类编组) of a round: the units ranked against each other; --units \"\" removes it",
		run:     runRoundGroup})
	register(command{name: "round bands", args: "--round ROUND --green RATE --yellow RATE",
		summary: "set a round's score-rate bands, e.g. --green 0.9 --yellow 0.8; --green 0 --yellow 0 for the defaults",
		run:     runRoundBands})
	register(command{name: "round show", args: "ROUND",
		summary: "show a round's peer groups, bands and targets", run: runRoundShow})
}

// roundSettings reads the settings of a round, or refuses without the service.
func roundSettings(ctx context.Context, s *Services, round string) (domain.RoundSettings, error) {
	if s.RoundSettings == nil {
		return domain.RoundSettings{}, domain.Errorf(domain.EINTERNAL, "this database keeps no round settings")
	}
	return s.RoundSettings.RoundSettings(ctx, round)
}

func runRoundGroup(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round group")
	round := fs.String("round", "", "round, such as 2026-Q3")
	name := fs.String("name", "", "the group's name, such as 城区分局")
	units := fs.String("units", "", "unit ids (pingce unit list), comma separated; empty removes the group")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *round == "" || *name == "" || fs.NArg() > 0 {
		return usageErrorf("give --round, --name and --units")
	}
	var ids []int64
	for _, f := range strings.FieldsFunc(*units, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf("--units: %q is not a unit id", f)
		}
		ids = append(ids, id)
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rs, err := roundSettings(ctx, s, *round)
		if err != nil {
			return err
		}
		var groups []domain.PeerGroup
		found := false
		for _, g := range rs.Groups {
			if g.Name == *name {
				found = true
				if len(ids) > 0 {
					groups = append(groups, domain.PeerGroup{Name: g.Name, UnitIDs: ids})
				}
				continue
			}
			groups = append(groups, g)
		}
		if !found && len(ids) > 0 {
			groups = append(groups, domain.PeerGroup{Name: *name, UnitIDs: ids})
		}
		rs.Round, rs.Groups = *round, groups
		if err := s.RoundSettings.SaveRoundSettings(ctx, rs); err != nil {
			return err
		}
		if len(ids) == 0 {
			say(env.Stdout, "round %s: group %s removed\n", *round, *name)
		} else {
			say(env.Stdout, "round %s: group %s has %d units\n", *round, *name, len(ids))
		}
		return nil
	})
}

func runRoundBands(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round bands")
	round := fs.String("round", "", "round, such as 2026-Q3")
	green := fs.Float64("green", -1, "lowest score rate of the green band, 0 to 1")
	yellow := fs.Float64("yellow", -1, "lowest score rate of the yellow band, 0 to 1")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *round == "" || *green < 0 || *yellow < 0 || fs.NArg() > 0 {
		return usageErrorf("give --round, --green and --yellow")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rs, err := roundSettings(ctx, s, *round)
		if err != nil {
			return err
		}
		rs.Round, rs.Bands = *round, domain.Bands{Green: *green, Yellow: *yellow}
		if err := s.RoundSettings.SaveRoundSettings(ctx, rs); err != nil {
			return err
		}
		say(env.Stdout, "round %s: %s\n", *round, bandsText(rs.Bands))
		return nil
	})
}

// bandsText says a round's bands: "green ≥ 90%, yellow ≥ 80%".
func bandsText(b domain.Bands) string {
	def := ""
	if b == (domain.Bands{}) {
		b, def = domain.DefaultBands, " (default)"
	}
	return "green ≥ " + report.Pct(b.Green*100) + ", yellow ≥ " + report.Pct(b.Yellow*100) + def
}

func runRoundShow(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round show")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("give one round")
	}
	round := fs.Arg(0)
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rs, err := roundSettings(ctx, s, round)
		if err != nil {
			return err
		}
		units, err := s.Units.ListUnits(ctx)
		if err != nil {
			return err
		}
		names := map[int64]string{}
		for _, u := range units {
			names[u.ID] = u.Name
		}
		say(env.Stdout, "round %s\nbands: %s\n", round, bandsText(rs.Bands))
		if len(rs.Groups) == 0 {
			sayln(env.Stdout, "peer groups: by unit type")
		} else {
			t := newTable([]string{"GROUP", "UNITS"})
			for _, g := range rs.Groups {
				var us []string
				for _, id := range g.UnitIDs {
					us = append(us, safeText(names[id])+" ("+strconv.FormatInt(id, 10)+")")
				}
				t.row(safeText(g.Name), strings.Join(us, "、"))
			}
			if err := t.write(env.Stdout); err != nil {
				return err
			}
		}
		if len(rs.Targets) == 0 {
			sayln(env.Stdout, "targets: none")
			return nil
		}
		sayln(env.Stdout, "targets:")
		return targetsTable(rs.Targets, names).write(env.Stdout) // roundtarget.go
	})
}

func init() {
	register(command{name: "round target", args: "--round ROUND --unit ID (--rank N | --score X | --grade G | --clear)",
		summary: "set a unit's target for a round (保五争三创一): a rank in its group, a score or a grade", run: runRoundTarget})
}

func runRoundTarget(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("round target")
	round := fs.String("round", "", "round, such as 2026-Q3")
	unit := fs.Int64("unit", 0, "unit id (pingce unit list)")
	rank := fs.Int("rank", 0, "the rank to reach in the unit's group, such as 5 (保五)")
	score := fs.Float64("score", 0, "the score to reach")
	grade := fs.String("grade", "", "the grade to reach")
	clear := fs.Bool("clear", false, "remove the unit's target")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	set := 0
	for _, b := range []bool{*rank != 0, *score != 0, *grade != "", *clear} {
		if b {
			set++
		}
	}
	if *round == "" || *unit <= 0 || set != 1 || fs.NArg() > 0 {
		return usageErrorf("give --round, --unit and one of --rank, --score, --grade or --clear")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rs, err := roundSettings(ctx, s, *round)
		if err != nil {
			return err
		}
		t := domain.UnitTarget{UnitID: *unit, Rank: *rank, Score: *score, Grade: *grade}
		if err := checkTarget(ctx, s, *round, t); err != nil { // roundtarget.go
			return err
		}
		var ts []domain.UnitTarget
		for _, old := range rs.Targets {
			if old.UnitID != *unit {
				ts = append(ts, old)
			}
		}
		if !*clear {
			ts = append(ts, t)
		}
		rs.Round, rs.Targets = *round, ts
		if err := s.RoundSettings.SaveRoundSettings(ctx, rs); err != nil {
			return err
		}
		if *clear {
			say(env.Stdout, "round %s: unit %d has no target\n", *round, *unit)
		} else {
			say(env.Stdout, "round %s: unit %d's target is %s\n", *round, *unit, targetText(t))
		}
		return nil
	})
}

// targetText says a target in words: "rank 5", "score 950", "grade 优秀".
func targetText(t domain.UnitTarget) string {
	switch {
	case t.Rank > 0:
		return "rank " + strconv.Itoa(t.Rank)
	case t.Score > 0:
		return "score " + report.Num(t.Score)
	}
	return "grade " + t.Grade
}
