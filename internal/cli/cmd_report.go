package cli

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/pdf"
	"pingce/internal/report/xlsx"
)

func init() {
	register(command{name: "report",
		args:    "(--assessment ID | --catalog FILE|ID --answers FILE | --round ROUND [--group G] [--catalog ID]) [--pdf FILE] [--xlsx FILE] [--lang zh|en] [--date YYYY-MM-DD] [--preparer NAME] [--head NAME] [--reviewer NAME]",
		summary: "write the scored report of an assessment or an answers file, or the ranking report of a round, as PDF and/or Excel",
		run:     runReport})
}

func runReport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("report")
	id := fs.Int64("assessment", 0, "stored assessment id")
	catRef := fs.String("catalog", "", "catalog file (.yaml) or built-in id[@version], with --answers")
	ansFile := fs.String("answers", "", "answers file, with --catalog")
	pdfOut := fs.String("pdf", "", "write the PDF report to this file")
	xlsxOut := fs.String("xlsx", "", "write the Excel workbook to this file")
	lang := fs.String("lang", "zh", "language of the report: zh or en")
	date := fs.String("date", "", "report date YYYY-MM-DD (default today; \"none\" leaves it to be written by hand)")
	preparer := fs.String("preparer", "", "name printed beside 填报人")
	head := fs.String("head", "", "name printed beside 单位负责人")
	reviewer := fs.String("reviewer", "", "name printed beside 审核人")
	round := fs.String("round", "", "the ranking report of this round (排名通报) instead of one assessment's")
	group := fs.String("group", "", "with --round: only this peer group")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("unexpected argument %q", fs.Arg(0))
	}
	if *round != "" {
		if *id != 0 || *ansFile != "" {
			return usageErrorf("give --round alone, or --assessment, or --catalog with --answers")
		}
		return roundReport(ctx, env, roundReportArgs{round: *round, group: *group, catalog: *catRef,
			pdf: *pdfOut, xlsx: *xlsxOut, lang: *lang, date: *date})
	}
	if *group != "" {
		return usageErrorf("--group goes with --round")
	}
	fromStore := *id != 0
	fromFiles := *catRef != "" || *ansFile != ""
	switch {
	case fromStore && fromFiles:
		return usageErrorf("give either --assessment or --catalog with --answers, not both")
	case fromStore && *id < 0:
		return usageErrorf("--assessment takes a positive id")
	case !fromStore && (*catRef == "" || *ansFile == ""):
		return usageErrorf("give --assessment ID, or --catalog and --answers")
	case *pdfOut == "" && *xlsxOut == "":
		return usageErrorf("give --pdf FILE, --xlsx FILE or both")
	}
	opt := report.Options{Preparer: *preparer, Head: *head, Reviewer: *reviewer}
	switch *lang {
	case "zh", "zh_Hans", "zh-CN":
	case "en":
		lb := report.EnglishLabels()
		opt.Labels = &lb
	default:
		return usageErrorf("--lang is zh or en, not %q", *lang)
	}
	switch *date {
	case "":
		opt.Date = time.Now()
	case "none":
	default:
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return usageErrorf("--date %q: give YYYY-MM-DD", *date)
		}
		opt.Date = d
	}

	if err := env.checkOutputs(*pdfOut, *xlsxOut); err != nil {
		return err
	}
	var ws *domain.Workspace
	var err error
	if fromStore {
		if ws, err = scoreAssessment(ctx, env, *id); err == nil {
			opt.Peers, err = roundPeers(ctx, env, ws) // roundpeers.go: the round's figures
		}
	} else {
		ws, err = fileWorkspace(ctx, env, *catRef, *ansFile)
	}
	if err != nil {
		return err
	}
	doc := report.Build(ws, opt)
	if *pdfOut != "" {
		if err := warnUnprintable(env, doc); err != nil {
			return err
		}
	}
	outs := []struct {
		path  string
		write func(context.Context, io.Writer, *report.Document) error
	}{{*pdfOut, pdf.Write}, {*xlsxOut, xlsx.Write}}
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		err := env.writeOutput(ctx, o.path, func(w io.Writer) error { return o.write(ctx, w, doc) })
		if err != nil {
			return err
		}
		say(env.Stdout, "wrote %s\n", o.path)
	}
	r := ws.Result()
	say(env.Stdout, "%s %s: %s / %s (%s), %s\n", doc.Unit, doc.Round,
		report.Num(r.Final), report.Num(r.Total), report.Pct(r.Percent), r.Grade)
	return nil
}

// roundReportArgs are the flags of `pingce report --round`.
type roundReportArgs struct {
	round, group, catalog, pdf, xlsx, lang, date string
}

// roundReport writes the ranking report of a round (排名通报).
func roundReport(ctx context.Context, env *Env, a roundReportArgs) error {
	if a.pdf == "" && a.xlsx == "" {
		return usageErrorf("give --pdf FILE, --xlsx FILE or both")
	}
	in := report.RoundInput{Round: a.round, OnlyGroup: a.group}
	switch a.lang {
	case "zh", "zh_Hans", "zh-CN":
	case "en":
		lb := report.EnglishRoundLabels()
		in.Labels = &lb
	default:
		return usageErrorf("--lang is zh or en, not %q", a.lang)
	}
	switch a.date {
	case "":
		in.Date = time.Now().Format("2006-01-02")
	case "none":
	default:
		d, err := time.Parse("2006-01-02", a.date)
		if err != nil {
			return usageErrorf("--date %q: give YYYY-MM-DD", a.date)
		}
		in.Date = d.Format("2006-01-02")
	}
	if err := env.checkOutputs(a.pdf, a.xlsx); err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		rd, err := loadRound(ctx, s, a.round, a.catalog, false)
		if err != nil {
			return err
		}
		if _, err := onlyGroup(rd.groups, a.group, a.round); err != nil {
			return err
		}
		in.Catalog, in.Groups, in.Results, in.Bands, in.History = rd.catalog, rd.groups, rd.Results, rd.settings.Bands, rd.earlier
		doc := report.BuildRound(in)
		if a.pdf != "" {
			ms, err := pdf.UnprintableRound(doc)
			if err != nil {
				return err
			}
			warnMissing(env, ms)
		}
		outs := []struct {
			path  string
			write func(context.Context, io.Writer, *report.RoundDocument) error
		}{{a.pdf, pdf.WriteRound}, {a.xlsx, xlsx.WriteRound}}
		for _, o := range outs {
			if o.path == "" {
				continue
			}
			if err := env.writeOutput(ctx, o.path, func(w io.Writer) error { return o.write(ctx, w, doc) }); err != nil {
				return err
			}
			say(env.Stdout, "wrote %s\n", o.path)
		}
		ranked := 0
		for _, g := range doc.Groups {
			for _, r := range g.Rows {
				if r.Ranked {
					ranked++
				}
			}
		}
		say(env.Stdout, "%s: %d groups, %d units ranked, %d at the bottom\n", doc.Round, len(doc.Groups), ranked, len(doc.Bottom))
		return nil
	})
}

// warnUnprintable says, before the PDF is written, which characters of the
// report no font can draw and where they stand; the PDF shows 〓 for them.
func warnUnprintable(env *Env, doc *report.Document) error {
	ms, err := pdf.Unprintable(doc)
	if err != nil {
		return err
	}
	warnMissing(env, ms)
	return nil
}

// warnMissing prints the characters no font can draw, with their places.
func warnMissing(env *Env, ms []pdf.Missing) {
	if len(ms) == 0 {
		return
	}
	say(env.Stderr, "warning: no font on this machine can draw %d character(s) of the report; the PDF shows %c in their place:\n", len(ms), pdf.Placeholder)
	for _, m := range ms {
		var where []string
		for _, p := range m.Places {
			if p.ID != "" {
				where = append(where, p.Part+" "+p.ID)
			} else {
				where = append(where, p.Part)
			}
		}
		say(env.Stderr, "  %c U+%04X in %s\n", m.Char, m.Char, strings.Join(where, ", "))
	}
}

// fileWorkspace builds an in-memory workspace from a catalog (a file or a
// built-in id, else a catalog stored in the database) and an answers file.
func fileWorkspace(ctx context.Context, env *Env, catRef, ansFile string) (*domain.Workspace, error) {
	cat, err := reportCatalog(ctx, env, catRef)
	if err != nil {
		return nil, err
	}
	set, err := readAnswersFile(ctx, ansFile, cat)
	if err != nil {
		return nil, err
	}
	return &domain.Workspace{
		Assessment: domain.Assessment{
			Unit:      domain.Unit{Name: set.Unit.Name, Type: set.Unit.Type},
			Round:     set.Round,
			CatalogID: cat.ID, CatalogVersion: cat.Version,
			Vetoes: set.Vetoes,
		},
		Catalog: cat,
		Answers: set,
	}, nil
}

// reportCatalog reads a catalog file, else a built-in catalog, else one
// stored in the database.
func reportCatalog(ctx context.Context, env *Env, ref string) (*domain.Catalog, error) {
	if strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") || strings.ContainsAny(ref, `/\`) {
		return catalog.LoadFile(ctx, ref)
	}
	if c, err := catalog.Builtin(ref); err == nil {
		return c, nil
	}
	if _, err := os.Stat(ref); err == nil {
		return catalog.LoadFile(ctx, ref)
	}
	var c *domain.Catalog
	err := withStore(ctx, env, func(ctx context.Context, s *Services) error {
		var err error
		c, err = ensureCatalog(ctx, s.Catalogs, ref)
		return err
	})
	return c, err
}
