package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/cli"
	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/pdf"
	"pingce/internal/report/xlsx"
	"pingce/internal/roundview"
	"pingce/internal/storage"
	"pingce/internal/ui"
	"pingce/internal/ui/catalogs"
	"pingce/internal/ui/exchangeui"
	"pingce/internal/ui/export"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
	"pingce/internal/ui/overview"
	"pingce/internal/ui/review"
	taskboard "pingce/internal/ui/tasks"
	"pingce/internal/ui/walk"
)

// AppID is the application id of FyneApp.toml; preferences are kept under it.
const AppID = "cn.pingce.desktop"

// registerTranslations adds the shell's and the walk-through's strings.
func registerTranslations() error {
	if err := ui.RegisterTranslations(); err != nil {
		return err
	}
	if err := filedialog.RegisterTranslations(); err != nil {
		return err
	}
	if err := opener.RegisterTranslations(); err != nil {
		return err
	}
	if err := overview.RegisterTranslations(); err != nil {
		return err
	}
	if err := exchangeui.RegisterTranslations(); err != nil {
		return err
	}
	if err := review.RegisterTranslations(); err != nil {
		return err
	}
	if err := catalogs.RegisterTranslations(); err != nil {
		return err
	}
	if err := taskboard.RegisterTranslations(); err != nil {
		return err
	}
	return walk.RegisterTranslations()
}

// guiFlags parses the window's command line, "pingce [--db FILE] [--user
// NAME]", into env. The error is flag.ErrHelp after -h.
func guiFlags(env *cli.Env, args []string) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet("pingce", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	env.BindFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected %q", fs.Arg(0))
	}
	return fs, nil
}

// explicitUser returns the operator named by --user or PINGCE_USER, or ""
// when neither is given (the login name is no operator's name).
func explicitUser(env *cli.Env, fs *flag.FlagSet) string {
	given := env.Getenv("PINGCE_USER") != ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "user" {
			given = true
		}
	})
	if !given {
		return ""
	}
	return strings.TrimSpace(env.User)
}

// writeReport writes the report of ws in the format the export dialog asks
// for, in the language of the interface.
func writeReport(ctx context.Context, ws *domain.Workspace, format string, w io.Writer) error {
	return writeReportWith(ctx, ws, nil, format, w)
}

// roundReport returns writeReport with the round's figures from st: the
// catalog's rules that compare units are scored with the assessment's
// peer group when the round has it (roundview.PeersOf).
func roundReport(st *storage.Store) func(context.Context, *domain.Workspace, string, io.Writer) error {
	return func(ctx context.Context, ws *domain.Workspace, format string, w io.Writer) error {
		src := roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}
		peers, err := roundview.PeersOf(ctx, src, ws)
		if err != nil {
			return err
		}
		return writeReportWith(ctx, ws, peers, format, w)
	}
}

// writeReportWith is writeReport with the facts of the unit's peer group
// (nil: its figures wait for the round).
func writeReportWith(ctx context.Context, ws *domain.Workspace, peers *domain.PeerFacts, format string, w io.Writer) error {
	doc := buildReportWith(ctx, ws, peers)
	switch format {
	case export.FormatPDF:
		return pdf.Write(ctx, w, doc)
	case export.FormatXLSX:
		return xlsx.Write(ctx, w, doc)
	}
	return domain.Errorf(domain.EINVALID, "unknown report format %q", format)
}

// writeRound writes the round report (排名通报) of the bureau overview in
// the format it asks for.
func writeRound(ctx context.Context, doc *report.RoundDocument, format string, w io.Writer) error {
	switch format {
	case overview.FormatPDF:
		return pdf.WriteRound(ctx, w, doc)
	case overview.FormatXLSX:
		return xlsx.WriteRound(ctx, w, doc)
	}
	return domain.Errorf(domain.EINVALID, "unknown report format %q", format)
}

// writeRegister writes the rectification register from the board.
func writeRegister(ctx context.Context, w io.Writer, format string, ts []domain.Task, now time.Time) error {
	switch format {
	case taskboard.FormatXLSX:
		return xlsx.WriteTasks(ctx, w, ts, now)
	case taskboard.FormatPDF:
		return pdf.WriteTasks(ctx, w, &pdf.TaskDocument{Title: "整改台账", Tasks: ts, Now: now})
	}
	return domain.Errorf(domain.EINVALID, "unknown register format %q", format)
}

// writeNotices writes 督办通知 from the board, one numbered page per entry.
func writeNotices(ctx context.Context, w io.Writer, ts []domain.Task, numbers []string, now time.Time) error {
	ns := make([]pdf.Notice, len(numbers))
	for i, n := range numbers {
		ns[i] = pdf.Notice{Number: n, Date: now}
	}
	return pdf.WriteNotices(ctx, w, ts, ns, now)
}

// unprintable lists the characters of the PDF report of ws that no font on
// this machine can draw, for the export dialog to ask before it writes.
func unprintable(ctx context.Context, ws *domain.Workspace) ([]export.Missing, error) {
	ms, err := pdf.Unprintable(buildReport(ctx, ws))
	if err != nil {
		return nil, err
	}
	return missingOf(ms), nil
}

// unprintableRound lists the characters of a round report's PDF that no
// font on this machine can draw.
func unprintableRound(doc *report.RoundDocument) ([]kit.Missing, error) {
	ms, err := pdf.UnprintableRound(doc)
	if err != nil {
		return nil, err
	}
	return missingOf(ms), nil
}

// missingOf turns the PDF writer's list into the dialogs'.
func missingOf(ms []pdf.Missing) []kit.Missing {
	out := make([]kit.Missing, len(ms))
	for i, m := range ms {
		out[i].Char = m.Char
		for _, p := range m.Places {
			out[i].Places = append(out[i].Places, kit.Place{Part: p.Part, ID: p.ID})
		}
	}
	return out
}

// buildReport lays out the report of ws, in the language of the interface.
func buildReport(ctx context.Context, ws *domain.Workspace) *report.Document {
	return buildReportWith(ctx, ws, nil)
}

// buildReportWith is buildReport with the facts of the unit's peer group.
func buildReportWith(ctx context.Context, ws *domain.Workspace, peers *domain.PeerFacts) *report.Document {
	return report.Build(ws, report.Options{Date: time.Now(), Preparer: domain.ActorFrom(ctx), Labels: reportLabels(), Peers: peers})
}

// reportLabels returns the fixed texts of reports in the language the
// interface shows: English labels when the window is in English, nil (the
// Chinese labels) when it is in Chinese. Fyne picks the interface language
// from the system's locales among the translations it has; the name of the
// application tells which one it picked ("Pingce" is only ever English).
func reportLabels() *report.Labels {
	if lang.L("Pingce") != "Pingce" {
		return nil
	}
	lb := report.EnglishLabels()
	return &lb
}
