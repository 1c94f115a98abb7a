package cli

import (
	"context"
	"fmt"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/roundview"
	"pingce/internal/userfile"
)

func init() {
	register(command{name: "package export", args: "--assessment ID -o FILE [--register] [--password-file F]",
		summary: "write a signed exchange package (a submission, or a review of a received one; formats.md §7)", run: runPackageExport})
	register(command{name: "package inspect", args: "FILE [--password-file F]",
		summary: "verify a package and show what importing it would do; changes nothing", run: runPackageInspect})
	register(command{name: "package import", args: "FILE [--trust-new] [--password-file F]",
		summary: "verify and import a package in one transaction", run: runPackageImport})
}

// maxPasswordFile caps a password file.
const maxPasswordFile = 4 << 10

// readPassword reads the password file: its first line, without the line
// break ("" when no file is given).
func readPassword(ctx context.Context, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := userfile.ReadFile(ctx, "password file", path, maxPasswordFile)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", domain.Errorf(domain.EINVALID, "the password file %s is empty", path)
	}
	return line, nil
}

func (s *Services) exchange() (exchange.Services, error) {
	x, err := exchangeStore(s)
	if err != nil {
		return exchange.Services{}, err
	}
	out := exchange.Services{Assessments: s.Assessments, Answers: s.Answers, Audit: s.Audit, Evidence: s.Evidence,
		Units: s.Units, Profile: s.Profile, Store: x}
	if s.Tasks != nil {
		out.Tasks = s.Tasks
	}
	if s.Round != nil {
		src := roundview.Source{Units: s.Units, Catalogs: s.Catalogs, Assessments: s.Assessments, Round: s.Round, Settings: s.RoundSettings}
		if s.Rounds != nil {
			src.Rounds = s.Rounds
		}
		out.Standing = func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
			return roundview.StandingOf(ctx, src, ws)
		}
	}
	return out, nil
}

func runPackageExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("package export")
	id := fs.Int64("assessment", 0, "assessment id")
	out := fs.String("o", "", "package file to write (such as 某某分局_2026-Q3_提交_r1.pingce)")
	pwFile := fs.String("password-file", "", "seal the package with the password in this file (its first line)")
	reg := fs.Bool("register", false, "write a register package (整改进展包): the assessment's 整改 entries only, for the other side of an exchange it has been in, in any state")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || *out == "" || fs.NArg() != 0 {
		return usageErrorf("give --assessment ID and -o FILE")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	password, err := readPassword(ctx, *pwFile)
	if err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := s.exchange()
		if err != nil {
			return err
		}
		export := x.Export
		if *reg {
			export = x.ExportRegister
		}
		m, err := export(ctx, *id, *out, password, env.outputs(), false)
		if err != nil {
			return err
		}
		n, size := 0, int64(0)
		for _, f := range m.Files {
			if strings.HasPrefix(f.Name, exchange.EvidenceDir) {
				n, size = n+1, size+f.Size
			}
		}
		sealed := ""
		if password != "" {
			sealed = ", sealed with the password"
		}
		say(env.Stdout, "wrote %s: %s r%d of %s %s (%d evidence files, %d bytes)%s\n", *out, m.Kind, m.Revision,
			m.Assessment.Unit.Name, m.Assessment.Round, n, size, sealed)
		say(env.Stdout, "signed by %s, fingerprint %s\n", m.Sender.Unit.Name, m.Sender.Fingerprint)
		if m.Recipient != "" {
			say(env.Stdout, "for the receiver with the key %s\n", m.Recipient)
		}
		return nil
	})
}

// describePackage prints what a verified package holds.
func describePackage(env *Env, p *exchange.Package) {
	m := &p.Manifest
	a := &m.Assessment
	kind := "submission (提交)"
	switch m.Kind {
	case exchange.KindReview:
		kind = "review (审核结果)"
	case exchange.KindRegister:
		kind = "register (整改进展)"
	}
	n, size := p.EvidenceSize()
	sealed := "no"
	if p.Sealed {
		sealed = "yes"
	}
	say(env.Stdout, "package:     %s r%d, id %s, made %s\n", kind, m.Revision, m.ID, m.Created.Local().Format("2006-01-02 15:04"))
	say(env.Stdout, "signed by:   %s (%s), fingerprint %s\n", m.Sender.Unit.Name, m.Sender.Operator, m.Sender.Fingerprint)
	say(env.Stdout, "assessment:  %s, round %s, status %s\n", a.Unit.Name, a.Round, a.Status)
	say(env.Stdout, "catalog:     %s (hash %.12s)\n", a.Catalog, a.CatalogHash)
	say(env.Stdout, "answered:    %d of %d items, score %s %s\n", a.Answered, a.Applicable, formatScore(a.Final), a.Grade)
	say(env.Stdout, "evidence:    %d files, %d bytes\n", n, size)
	say(env.Stdout, "audit:       %d entries\n", len(p.Audit))
	if len(p.Tasks) > 0 {
		say(env.Stdout, "register:    %s\n", tasksText(p.Tasks))
	}
	if p.Standing != nil {
		say(env.Stdout, "ranking:     %s\n", exchange.StandingText(p.Standing))
	}
	if m.Kind == exchange.KindReview {
		n := 0
		if p.Review != nil {
			n = len(p.Review.Items)
		}
		say(env.Stdout, "reviews:     %d items\n", n)
		if a.Reason != "" {
			say(env.Stdout, "reason:      %s\n", a.Reason)
		}
	}
	say(env.Stdout, "sealed:      %s\n", sealed)
}

// verifiedText says how much of a package inspect has checked: all of it,
// or — for a package this side refuses anyway — all but the evidence
// files' bytes, which are not read then.
func verifiedText(p *exchange.Package) string {
	if p.EvidenceVerified() {
		return "yes (signature, every entry and hash)"
	}
	return "signature, entries and documents; the evidence files are not read for a package that cannot be imported here"
}

func formatScore(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func runPackageInspect(ctx context.Context, env *Env, args []string) error {
	return packageIn(ctx, env, "package inspect", args, true)
}

func runPackageImport(ctx context.Context, env *Env, args []string) error {
	return packageIn(ctx, env, "package import", args, false)
}

func packageIn(ctx context.Context, env *Env, name string, args []string, check bool) error {
	fs := env.newFlagSet(name)
	pwFile := fs.String("password-file", "", "the password of a sealed package, in this file (its first line)")
	trustNew := new(bool)
	if !check {
		trustNew = fs.Bool("trust-new", false, "trust the sender's key when it is new here (compare the fingerprint with the sender first)")
	}
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("give one package file")
	}
	password, err := readPassword(ctx, *pwFile)
	if err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := s.exchange()
		if err != nil {
			return err
		}
		p, out, err := x.Import(ctx, fs.Arg(0), exchange.Options{Password: password}, exchange.ApplyOptions{TrustNew: *trustNew}, check)
		if p != nil {
			describePackage(env, p)
		}
		if err != nil {
			if p == nil {
				return err
			}
			if exchange.ProblemCode(err) == exchange.ProbUnknownKey {
				say(env.Stdout, "key:         NEW — compare the fingerprint above with the sender (by phone); then import with --trust-new\n")
			}
			if check {
				say(env.Stdout, "verified:    %s\nimport:      would be refused: %s\n", verifiedText(p), domain.ErrorMessage(err))
				return errSilent
			}
			return err
		}
		trust := "trusted"
		if out.NewKey {
			trust = "new (registered now)"
			if check {
				trust = "new"
			}
		}
		say(env.Stdout, "key:         %s\n", trust)
		switch {
		case out.Already:
			say(env.Stdout, "already imported: nothing changed (assessment %d)\n", out.AssessmentID)
		case check:
			say(env.Stdout, "verified:    %s\nimport:      would bring %d evidence files into %s (status after import: %s); nothing changed\n",
				verifiedText(p), out.Evidence, assessmentWhat(out), out.Status)
		default:
			say(env.Stdout, "imported into assessment %d: status %s, %d evidence files\n", out.AssessmentID, out.Status, out.Evidence)
		}
		if !out.Already && (out.Tasks > 0 || out.TasksKept > 0 || out.Standing != nil) {
			label := "arrived:    "
			if check {
				label = "would bring:"
			}
			say(env.Stdout, "%s %s\n", label, appliedText(out))
		}
		return nil
	})
}

// tasksText counts a package's register entries by status: "整改事项 5 条（待整改 2、申请销号 3）".
func tasksText(ts []exchange.TaskEntry) string {
	n := map[domain.TaskStatus]int{}
	for _, t := range ts {
		n[t.Task.Status]++
	}
	var parts []string
	for _, st := range domain.TaskStatuses {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", domain.TaskStatusNames[st], n[st]))
		}
	}
	return fmt.Sprintf("整改事项 %d 条（%s）", len(ts), strings.Join(parts, "、"))
}

// appliedText says what an import brought beyond the assessment:
// "整改事项 5 条（新增 2 条，1 条状态未采用）, 排名 第3/12（分县局）".
func appliedText(out *exchange.Applied) string {
	var parts []string
	if out.Tasks > 0 || out.TasksKept > 0 {
		s := fmt.Sprintf("整改事项 %d 条", out.Tasks)
		var more []string
		if out.TasksNew > 0 {
			more = append(more, fmt.Sprintf("新增 %d 条", out.TasksNew))
		}
		if out.TasksKept > 0 {
			more = append(more, fmt.Sprintf("%d 条状态未采用（本方状态保留）", out.TasksKept))
		}
		if len(more) > 0 {
			s += "（" + strings.Join(more, "，") + "）"
		}
		parts = append(parts, s)
	}
	if out.Standing != nil {
		parts = append(parts, exchange.StandingText(out.Standing))
	}
	return strings.Join(parts, ", ")
}

func assessmentWhat(out *exchange.Applied) string {
	if out.CreatedAssess {
		return "a new assessment"
	}
	return fmt.Sprintf("assessment %d", out.AssessmentID)
}
