package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/roundview"
)

func init() {
	register(command{name: "rank", args: "--round ROUND [--catalog ID] [--group G] [--approved-only] [--json]",
		summary: "rank the units of a round in their peer groups (the 核定 score where approved, else their own)",
		run:     runRank})
	register(command{name: "compare", args: "[--json] ID ID",
		summary: "compare two assessments of one catalog by category and item: two rounds of a unit, or two units",
		run:     runCompare})
}

// rankJSON is the JSON of `pingce rank --json`.
type rankJSON struct {
	Round   string          `json:"round"`
	Catalog string          `json:"catalog"`
	Groups  []rankGroupJSON `json:"groups"`
}

type rankGroupJSON struct {
	Group string         `json:"group"`
	Units []rankUnitJSON `json:"units"`
}

type rankUnitJSON struct {
	Unit     string  `json:"unit"`
	UnitType string  `json:"unit_type"`
	Status   string  `json:"status"`
	Score    float64 `json:"score"`
	Basis    string  `json:"basis"`
	Grade    string  `json:"grade"`
	Rank     *int    `json:"rank"`
	GapAbove float64 `json:"gap_above"`
	GapFirst float64 `json:"gap_first"`
	Change   *int    `json:"change"`
	Bottom   bool    `json:"bottom"`
	Band     string  `json:"band,omitempty"`
	// Target is the unit's target for the round and how it stands, when
	// the round sets one (round target).
	Target *targetJSON `json:"target,omitempty"`
}

type targetJSON struct {
	Rank  int      `json:"rank,omitempty"`
	Score float64  `json:"score,omitempty"`
	Grade string   `json:"grade,omitempty"`
	Met   bool     `json:"met"`
	Lacks float64  `json:"lacks"`
	Items []string `json:"items"` // where the lacking points are cheapest: most lost first
	Cover float64  `json:"cover"` // what those items would add if won back whole
}

func runRank(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("rank")
	round := fs.String("round", "", "round to rank, such as 2026-Q3")
	catID := fs.String("catalog", "", "catalog id, when the round's assessments use more than one")
	group := fs.String("group", "", "only this peer group (a unit type)")
	approvedOnly := fs.Bool("approved-only", false, "rank approved assessments only")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *round == "" || fs.NArg() > 0 {
		return usageErrorf("give --round")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rd, err := loadRound(ctx, s, *round, *catID, *approvedOnly)
		if err != nil {
			return err
		}
		groups, err := onlyGroup(rd.groups, *group, *round)
		if err != nil {
			return err
		}
		gaps, err := targetGaps(ctx, s, rd, groups, *round)
		if err != nil {
			return err
		}
		if *asJSON {
			return printRankJSON(env, *round, rd.catalogID, groups, gaps)
		}
		if err := printRank(env, *round, rd.catalogID, groups); err != nil {
			return err
		}
		return printTargets(env, groups, gaps)
	})
}

// roundData is a round ranked, with what the round report needs besides.
type roundData struct {
	*roundview.Data
	catalogID string
	catalog   *domain.Catalog
	settings  domain.RoundSettings
	groups    []domain.RankGroup
	// earlier are the rankings of the rounds before, oldest first.
	earlier []report.RoundRanking
}

// loadRound reads a round of one catalog through roundview, as the overview
// screen does, and ranks it: catID names the catalog when the round's
// assessments use more than one (a usage error otherwise), and must be one
// they use.
func loadRound(ctx context.Context, s *Services, round, catID string, approvedOnly bool) (*roundData, error) {
	if s.Round == nil {
		return nil, domain.Errorf(domain.EINTERNAL, "this database cannot score a whole round")
	}
	src := roundview.Source{Units: s.Units, Catalogs: s.Catalogs, Assessments: s.Assessments, Round: s.Round, Settings: s.RoundSettings}
	if s.Rounds != nil {
		src.Rounds = s.Rounds
	}
	d, err := roundview.Load(ctx, src, round, catID)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND && !strings.Contains(err.Error(), round) {
			return nil, domain.Errorf(domain.ENOTFOUND, "round %s has no assessments", round)
		}
		return nil, err
	}
	switch {
	case catID != "" && !slices.Contains(d.Catalogs, catID):
		return nil, domain.Errorf(domain.ENOTFOUND, "no assessment of round %s uses catalog %q", round, catID)
	case catID == "" && len(d.Catalogs) > 1:
		return nil, usageErrorf("round %s uses several catalogs (%s): choose one with --catalog", round, strings.Join(d.Catalogs, ", "))
	}
	if d.Catalog.RoundScored() { // the earlier rounds' rankings need their scores too (roundview scores each round)
		h, err := roundview.LoadHistory(ctx, s.Round, d.CatalogID, d.NeedHistory())
		if err != nil {
			return nil, err
		}
		d.SetHistory(h)
	}
	return &roundData{Data: d, catalogID: d.CatalogID, catalog: d.Catalog, settings: d.Settings,
		groups: d.Rank(approvedOnly), earlier: d.Earlier(false)}, nil
}

// onlyGroup keeps the group named group, or all when group is "".
func onlyGroup(groups []domain.RankGroup, group, round string) ([]domain.RankGroup, error) {
	if group == "" {
		return groups, nil
	}
	var keep []domain.RankGroup
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
		if g.Name == group {
			keep = append(keep, g)
		}
	}
	if keep == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "no peer group %q in round %s; the groups are: %s", group, round, strings.Join(names, ", "))
	}
	return keep, nil
}

// rankWords are the round report's words for statuses and bases, which the
// CLI's tables use too.
var rankWords = report.ChineseRoundLabels()

var bandText = map[domain.RateBand]string{domain.BandGreen: "绿", domain.BandYellow: "黄", domain.BandRed: "红"}

func printRank(env *Env, round, catalog string, groups []domain.RankGroup) error {
	say(env.Stdout, "%s  %s\n", safeText(round), safeText(catalog))
	for _, g := range groups {
		name := g.Name
		if name == "" {
			name = "未编组"
		}
		say(env.Stdout, "\n[%s]\n", safeText(name))
		t := newTable([]string{"RANK", "UNIT", "STATUS", "SCORE", "BASIS", "GRADE", "BAND", "GAP", "TO 1ST", "CHANGE", ""}, 0, 3, 7, 8, 9)
		for _, r := range g.Rows {
			rank, score, basis, gap, first, change := "-", "-", "", "", "", ""
			if r.Rank > 0 {
				rank = strconv.Itoa(r.Rank)
				score = report.Num(r.Score)
				basis = rankWords.Bases[r.Basis]
				if r.Rank > 1 || r.GapFirst > 0 {
					gap, first = report.Num(r.GapAbove), report.Num(r.GapFirst)
				}
			} else if r.Status != domain.RankNotStarted {
				score = report.Num(r.Score)
				basis = rankWords.Bases[r.Basis]
			}
			if r.Change != nil {
				change = fmt.Sprintf("%+d", *r.Change)
				if *r.Change == 0 {
					change = "0"
				}
			}
			mark := ""
			if r.Bottom {
				mark = "末位"
			}
			grade := r.Grade
			if r.Status == domain.RankNotStarted {
				grade = ""
			}
			t.row(rank, safeText(r.Unit.Name), rankWords.Statuses[r.Status], score, basis, safeText(grade), bandText[r.Band], gap, first, change, mark)
		}
		if err := t.write(env.Stdout); err != nil {
			return err
		}
	}
	return nil
}

// targetGaps works out, for every unit with a target in the round, how it
// stands: by unit id.
func targetGaps(ctx context.Context, s *Services, rd *roundData, groups []domain.RankGroup, round string) (map[int64]domain.TargetGap, error) {
	if len(rd.settings.Targets) == 0 {
		return nil, nil
	}
	results := map[int64]*domain.Result{}
	for _, r := range rd.Results {
		results[r.Unit.ID] = r.Basis()
	}
	gaps := map[int64]domain.TargetGap{}
	for _, g := range groups {
		for _, r := range g.Rows {
			if t, ok := rd.settings.Target(r.Unit.ID); ok {
				gaps[r.Unit.ID] = domain.Gap(rd.catalog, g, r, results[r.Unit.ID], t)
			}
		}
	}
	return gaps, nil
}

// printTargets lists the units with a target: where they stand, what they
// lack and where it is cheapest to win.
func printTargets(env *Env, groups []domain.RankGroup, gaps map[int64]domain.TargetGap) error {
	if len(gaps) == 0 {
		return nil
	}
	fmt.Fprint(env.Stdout, "\n[TARGETS]\n")
	t := newTable([]string{"UNIT", "RANK", "TARGET", "MET", "LACKS", "CHEAPEST ITEMS (POINTS LOST)"}, 1, 4)
	for _, g := range groups {
		for _, r := range g.Rows {
			gap, ok := gaps[r.Unit.ID]
			if !ok {
				continue
			}
			rank, met, lacks := "-", "no", report.Num(gap.Lacks)
			if r.Rank > 0 {
				rank = strconv.Itoa(r.Rank)
			}
			if gap.Met {
				met, lacks = "yes", ""
			}
			if r.Rank == 0 && gap.Target.Rank > 0 { // nothing to compare until it is ranked
				met, lacks = "-", "not ranked yet"
			}
			var items []string
			for _, is := range gap.Items {
				items = append(items, is.ID+" "+report.Num(is.Lost()))
			}
			t.row(safeText(r.Unit.Name), rank, targetText(gap.Target), met, lacks, strings.Join(items, ", "))
		}
	}
	return t.write(env.Stdout)
}

func printRankJSON(env *Env, round, catalog string, groups []domain.RankGroup, gaps map[int64]domain.TargetGap) error {
	out := rankJSON{Round: round, Catalog: catalog, Groups: []rankGroupJSON{}}
	for _, g := range groups {
		gj := rankGroupJSON{Group: g.Name, Units: []rankUnitJSON{}}
		for _, r := range g.Rows {
			u := rankUnitJSON{Unit: r.Unit.Name, UnitType: r.Unit.Type, Status: string(r.Status),
				Score: r.Score, Basis: string(r.Basis), Grade: r.Grade, GapAbove: r.GapAbove, GapFirst: r.GapFirst,
				Change: r.Change, Bottom: r.Bottom, Band: string(r.Band)}
			if r.Rank > 0 {
				rank := r.Rank
				u.Rank = &rank
			}
			if r.Status == domain.RankNotStarted {
				u.Basis, u.Grade = "", ""
			}
			if gap, ok := gaps[r.Unit.ID]; ok {
				tj := &targetJSON{Rank: gap.Target.Rank, Score: gap.Target.Score, Grade: gap.Target.Grade,
					Met: gap.Met, Lacks: gap.Lacks, Items: []string{}, Cover: gap.Cover}
				for _, is := range gap.Items {
					tj.Items = append(tj.Items, is.ID)
				}
				u.Target = tj
			}
			gj.Units = append(gj.Units, u)
		}
		out.Groups = append(out.Groups, gj)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// compareJSON is the JSON of `pingce compare --json`.
type compareJSON struct {
	A          compareSide      `json:"a"`
	B          compareSide      `json:"b"`
	Categories []compareRowJSON `json:"categories"`
	Items      []compareRowJSON `json:"items"`
}

type compareSide struct {
	Assessment int64   `json:"assessment"`
	Unit       string  `json:"unit"`
	Round      string  `json:"round"`
	Catalog    string  `json:"catalog"`
	Score      float64 `json:"score"`
	Basis      string  `json:"basis"`
	Grade      string  `json:"grade"`
}

type compareRowJSON struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	A      float64 `json:"a"`
	B      float64 `json:"b"`
	Diff   float64 `json:"diff"`
	Change string  `json:"change"`
}

var changeText = map[domain.Change]string{
	domain.ChangeUp: "进步", domain.ChangeDown: "退步", domain.ChangeSame: "持平",
	domain.ChangeOnlyA: "仅前者适用", domain.ChangeOnlyB: "仅后者适用",
}

func runCompare(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("compare")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErrorf("give two assessment ids")
	}
	var ids [2]int64
	for i := range ids {
		id, err := strconv.ParseInt(fs.Arg(i), 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf("%q is not an assessment id", fs.Arg(i))
		}
		ids[i] = id
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		var ws [2]*domain.Workspace
		for i, id := range ids {
			w, err := s.Assessments.OpenAssessment(ctx, id)
			if err != nil {
				return err
			}
			ws[i] = w
		}
		if ws[0].Catalog.ID != ws[1].Catalog.ID {
			return domain.Errorf(domain.EINVALID, "assessment %d uses catalog %s and %d uses %s: only assessments of one catalog compare",
				ids[0], ws[0].Catalog.ID, ids[1], ws[1].Catalog.ID)
		}
		var res [2]*domain.Result
		var sides [2]compareSide
		for i, w := range ws {
			r, basis := w.Result(), domain.BasisSelf
			if w.Assessment.Status == domain.Approved {
				r, basis = w.ReviewedResult(), domain.BasisApproved
			}
			res[i] = r
			sides[i] = compareSide{Assessment: ids[i], Unit: w.Assessment.Unit.Name, Round: w.Assessment.Round,
				Catalog: w.Catalog.Ref(), Score: r.Final, Basis: string(basis), Grade: r.Grade}
		}
		cmp := domain.Compare(ws[1].Catalog, res[0], res[1])
		if *asJSON {
			out := compareJSON{A: sides[0], B: sides[1], Categories: []compareRowJSON{}, Items: []compareRowJSON{}}
			for _, r := range cmp.Categories {
				out.Categories = append(out.Categories, compareRowJSON{r.ID, r.Title, r.A, r.B, r.Diff, string(r.Change)})
			}
			for _, r := range cmp.Items {
				out.Items = append(out.Items, compareRowJSON{r.ID, r.Title, r.A, r.B, r.Diff, string(r.Change)})
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		}
		for i, sd := range sides {
			say(env.Stdout, "%c  #%d %s %s: %s (%s, %s)\n", 'A'+i, sd.Assessment, safeText(sd.Unit), safeText(sd.Round),
				report.Num(sd.Score), rankWords.Bases[domain.Basis(sd.Basis)], safeText(sd.Grade))
		}
		for _, part := range []struct {
			head string
			rows []domain.CompareRow
		}{{"CATEGORY", cmp.Categories}, {"ITEM", cmp.Items}} {
			sayln(env.Stdout)
			t := newTable([]string{part.head, "TITLE", "A", "B", "B−A", ""}, 2, 3, 4)
			for _, r := range part.rows {
				diff := ""
				if r.Change == domain.ChangeUp || r.Change == domain.ChangeDown || r.Change == domain.ChangeSame {
					diff = report.Num(r.Diff)
					if r.Diff > 0 {
						diff = "+" + diff
					}
				}
				t.row(safeText(r.ID), safeText(r.Title), report.Num(r.A), report.Num(r.B), diff, changeText[r.Change])
			}
			if err := t.write(env.Stdout); err != nil {
				return err
			}
		}
		return nil
	})
}
