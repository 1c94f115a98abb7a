package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/pdf"
	"pingce/internal/report/xlsx"
)

// The rectification register (整改台账) on the command line: pingce task …,
// and pingce assessment confirm for the answers carried from the last round.

// Tasks keeps the register and starts a round from the last one.
type Tasks interface {
	domain.TaskService
	// ChangeTask changes an entry all or nothing: task update and task
	// close with --attach keep no file when their step is refused.
	domain.TaskChanger
	// CreateFrom creates a from the previous assessment fromID: answers,
	// notes and evidence carried and marked 沿用上轮, open entries moved.
	CreateFrom(ctx context.Context, fromID int64, a *domain.Assessment) error
	// ConfirmCarried confirms carried answers unchanged (all when items is
	// empty) and returns the items confirmed.
	ConfirmCarried(ctx context.Context, id int64, items []string) ([]string, error)
}

func init() {
	register(command{name: "task add",
		args:    "--assessment ID --item X --problem T --measure T --owner T --due DATE [--target T] [--lead T] [--assist T] [--checker T] [--kind K] [--source S]",
		summary: "add an entry to the rectification register (整改台账)", run: runTaskAdd})
	register(command{name: "task list", args: "[--round R] [--unit U] [--status S] [--source S] [--owner T] [--item X] [--overdue] [--json]",
		summary: "list the register's entries, overdue ones marked (derived from the date)", run: runTaskList})
	register(command{name: "task show", args: "[--json] ID",
		summary: "show an entry with its timeline, closure evidence and closure", run: runTaskShow})
	register(command{name: "task update",
		args:    "ID [--problem T] [--measure T] [--target T] [--owner T] [--lead T] [--assist T] [--checker T] [--due DATE] [--kind K] [--note T] [--attach FILE]… [--start | --apply | --return T | --extend DATE --reason T | --grant | --refuse T]",
		summary: "change an entry's fields, add a progress note or closure evidence, or move it on (申请销号, 延期 …)", run: runTaskUpdate})
	register(command{name: "task close", args: "ID --comment T",
		summary: "close an entry (销号) with a comment; refused without closure evidence", run: runTaskClose})
	register(command{name: "task export", args: "--xlsx F | --pdf F [--round R] [--unit U] [--status S] [--overdue]",
		summary: "write the register as a workbook (its columns in order) or a PDF grouped by unit with the closure rate", run: runTaskExport})
	register(command{name: "task generate", args: "--assessment ID [--measure T] [--owner T] [--due DATE] [--kind K] [--dry-run]",
		summary: "make an entry for every item that lost points or carries a review request (为所有失分项生成整改事项)", run: runTaskGenerate})
	register(command{name: "task notice", args: "--pdf F [--issuer T] [--number-from N] [--year Y] (ID… | --overdue [--round R] [--unit U])",
		summary: "write a 督办通知 PDF, one numbered page per entry, and record it on each entry", run: runTaskNotice})
	register(command{name: "assessment confirm", args: "ID [--item X]…",
		summary: "confirm answers carried from the last round (沿用上轮) unchanged: the items given, or all", run: runAssessmentConfirm})
}

// listFlag collects a repeated flag's values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds a value.
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// withTasks is withStore for the commands of the register: f gets its
// service, or the command fails when the database keeps none.
func withTasks(ctx context.Context, env *Env, f func(ctx context.Context, s *Services, ts Tasks) error) error {
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if s.Tasks == nil {
			return errors.New("this database keeps no rectification register")
		}
		return f(ctx, s, s.Tasks)
	})
}

// taskFields are the flags of an entry's fields, shared by add and update.
type taskFields struct {
	problem, measure, target, owner, lead, assist, checker, due, kind, source *string
}

func bindTaskFields(fs *flag.FlagSet, withSource bool) taskFields {
	f := taskFields{
		problem: fs.String("problem", "", "问题描述"), measure: fs.String("measure", "", "整改措施"),
		target: fs.String("target", "", "整改目标"), owner: fs.String("owner", "", "责任人"),
		lead: fs.String("lead", "", "责任单位（主办）; default: the assessment's unit"), assist: fs.String("assist", "", "责任单位（协办）"),
		checker: fs.String("checker", "", "复核人"), due: fs.String("due", "", "完成时限, 2026-06-30"),
		kind: fs.String("kind", "", "立行立改 (immediate), 限期整改 (deadline) or 长期坚持 (ongoing)"),
	}
	if withSource {
		f.source = fs.String("source", "manual", "自评失分 (shortfall), 审核意见 (review), 督办 (supervision) or 手工 (manual)")
	}
	return f
}

// apply writes the flags given (set) into t.
func (f taskFields) apply(fs *flag.FlagSet, t *domain.Task) error {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	for name, p := range map[string]*string{"problem": &t.Problem, "measure": &t.Measure, "target": &t.Target, "owner": &t.Owner,
		"lead": &t.Lead, "assist": &t.Assist, "checker": &t.Checker} {
		if set[name] {
			*p = strings.TrimSpace(*map[string]*string{"problem": f.problem, "measure": f.measure, "target": f.target,
				"owner": f.owner, "lead": f.lead, "assist": f.assist, "checker": f.checker}[name])
		}
	}
	if set["due"] {
		d, err := domain.ParseDate(*f.due)
		if err != nil {
			return usageErrorf("--due: %s", domain.ErrorMessage(err))
		}
		t.Due = d
	}
	if set["kind"] || t.Kind == "" {
		k, ok := domain.ParseTaskKind(firstNonEmptyString(*f.kind, string(domain.KindDeadline)))
		if !ok {
			return usageErrorf("--kind %q: use immediate (立行立改), deadline (限期整改) or ongoing (长期坚持)", *f.kind)
		}
		t.Kind = k
	}
	if f.source != nil && (set["source"] || t.Source == "") {
		s, ok := domain.ParseTaskSource(*f.source)
		if !ok {
			return usageErrorf("--source %q: use shortfall (自评失分), review (审核意见), supervision (督办) or manual (手工)", *f.source)
		}
		t.Source = s
	}
	return nil
}

func firstNonEmptyString(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func runTaskAdd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task add")
	id := fs.Int64("assessment", 0, "assessment id")
	unit := fs.Int64("unit", 0, "unit id, for an entry that belongs to no assessment")
	item := fs.String("item", "", "item id")
	f := bindTaskFields(fs, true)
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if *id <= 0 && *unit <= 0 {
		return usageErrorf("give --assessment ID (or --unit ID for an entry of no assessment)")
	}
	t := domain.Task{AssessmentID: *id, UnitID: *unit, ItemID: strings.TrimSpace(*item)}
	if err := f.apply(fs, &t); err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		if t.Lead == "" && t.AssessmentID != 0 {
			ws, err := s.Assessments.OpenAssessment(ctx, t.AssessmentID)
			if err != nil {
				return err
			}
			t.Lead = ws.Assessment.Unit.Name
		}
		out, err := ts.CreateTasks(ctx, []domain.Task{t})
		if err != nil {
			return err
		}
		say(env.Stdout, "entry %d: %s, %s, due %s (%s)\n", out[0].ID, out[0].UnitName, out[0].Problem,
			domain.DateText(out[0].Due), domain.TaskStatusNames[out[0].Status])
		return nil
	})
}

// taskFilterFlags are the selection flags of list, export and notice.
type taskFilterFlags struct {
	round, unit, status, source, owner, item, origin *string
	overdue                                          *bool
}

func bindTaskFilter(fs *flag.FlagSet) taskFilterFlags {
	return taskFilterFlags{
		round: fs.String("round", "", "only this round"), unit: fs.String("unit", "", "only this unit (id or name)"),
		status: fs.String("status", "", "only this status: 待整改, 整改中, 申请销号, 已销号, 申请延期, 已延期 (or open, in_progress …)"),
		source: fs.String("source", "", "only this source"), owner: fs.String("owner", "", "only this person responsible"),
		item: fs.String("item", "", "only this item"), overdue: fs.Bool("overdue", false, "only entries past their deadline"),
		origin: fs.String("origin", "", "only entries that came from: 提交包, 审核结果包, 整改进展包 (or submission, review, register), 本机 (local: made here)"),
	}
}

// selectTasks lists the entries the filter flags select, at now.
func (f taskFilterFlags) selectTasks(ctx context.Context, ts Tasks, now time.Time) ([]domain.Task, error) {
	var flt domain.TaskFilter
	flt.Round, flt.Owner, flt.ItemID = strings.TrimSpace(*f.round), strings.TrimSpace(*f.owner), strings.TrimSpace(*f.item)
	if *f.status != "" {
		st, ok := domain.ParseTaskStatus(*f.status)
		if !ok {
			return nil, usageErrorf("--status %q is not a status of the register", *f.status)
		}
		flt.Status = st
	}
	if *f.source != "" {
		src, ok := domain.ParseTaskSource(*f.source)
		if !ok {
			return nil, usageErrorf("--source %q is not a source", *f.source)
		}
		flt.Source = src
	}
	origin := strings.TrimSpace(*f.origin)
	if origin != "" {
		o, ok := parseOrigin(origin)
		if !ok {
			return nil, usageErrorf("--origin %q is not where an entry comes from: 提交包, 审核结果包, 整改进展包 or 本机", origin)
		}
		origin = o
	}
	unitName := ""
	if u := strings.TrimSpace(*f.unit); u != "" {
		if n, err := strconv.ParseInt(u, 10, 64); err == nil {
			flt.UnitID = n
		} else {
			unitName = u
		}
	}
	all, err := ts.ListTasks(ctx, flt)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, t := range all {
		if (unitName == "" || t.UnitName == unitName) && (!*f.overdue || t.Overdue(now)) && (origin == "" || originShort(&t) == origin) {
			out = append(out, t)
		}
	}
	return out, nil
}

// taskJSON is an entry in `task list --json` and `task show --json`.
type taskJSON struct {
	ID           int64          `json:"id"`
	Source       string         `json:"source"`
	Round        string         `json:"round"`
	UnitID       int64          `json:"unit_id"`
	Unit         string         `json:"unit"`
	AssessmentID int64          `json:"assessment_id,omitempty"`
	ItemID       string         `json:"item_id,omitempty"`
	ItemTitle    string         `json:"item_title,omitempty"`
	Lost         float64        `json:"lost,omitempty"`
	Problem      string         `json:"problem"`
	Measure      string         `json:"measure"`
	Target       string         `json:"target,omitempty"`
	Lead         string         `json:"lead,omitempty"`
	Assist       string         `json:"assist,omitempty"`
	Owner        string         `json:"owner"`
	Checker      string         `json:"checker,omitempty"`
	Due          string         `json:"due"`
	Deadline     string         `json:"deadline"`
	Kind         string         `json:"kind"`
	Status       string         `json:"status"`
	Overdue      bool           `json:"overdue"`
	Colour       string         `json:"colour,omitempty"`
	Extension    *extensionJSON `json:"extension,omitempty"`
	Notes        []noteJSON     `json:"timeline"`
	Files        []fileJSON     `json:"files"`
	Closure      *closureJSON   `json:"closure,omitempty"`
	Notices      int            `json:"notices,omitempty"`
	FirstRound   string         `json:"first_round,omitempty"`
	// Origin is the exchange package that brought the entry here,
	// Received the last one that changed it; absent: none.
	Origin   *originJSON `json:"origin,omitempty"`
	Received *originJSON `json:"received,omitempty"`
}

// originJSON is an exchange package an entry came from or was changed by.
type originJSON struct {
	Kind     string    `json:"kind"`
	Unit     string    `json:"unit,omitempty"`
	Operator string    `json:"operator,omitempty"`
	Package  string    `json:"package,omitempty"`
	At       time.Time `json:"at,omitzero"`
}

func toOriginJSON(o *domain.TaskOrigin) *originJSON {
	if o == nil {
		return nil
	}
	return &originJSON{Kind: o.Kind, Unit: o.Unit, Operator: o.Operator, Package: o.Package, At: o.At}
}

// parseOrigin reads --origin: a package kind by its code or Chinese name,
// or 本机 / local; it returns the 来自 column's text.
func parseOrigin(s string) (string, bool) {
	if s == "本机" || s == "local" {
		return "本机", true
	}
	for code, name := range report.PackageKindNames {
		if s == code || s == name {
			return name, true
		}
	}
	return "", false
}

// originShort is the 来自 column of task list: the kind of package that
// brought the entry, or 本机 for one made here.
func originShort(t *domain.Task) string {
	if t.Origin == nil {
		return "本机"
	}
	return report.PackageKindName(t.Origin.Kind)
}

type extensionJSON struct {
	Reason  string `json:"reason"`
	Due     string `json:"due"`
	Granted bool   `json:"granted"`
}

type noteJSON struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Kind   string    `json:"kind"`
	Status string    `json:"status,omitempty"`
	Text   string    `json:"text,omitempty"`
}

type fileJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	// OriginalName is the name the file was given when Name is a cleaned one.
	OriginalName string `json:"original_name,omitempty"`
}

type closureJSON struct {
	Comment string    `json:"comment"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

func toTaskJSON(t *domain.Task, now time.Time) taskJSON {
	j := taskJSON{ID: t.ID, Source: string(t.Source), Round: t.Round, UnitID: t.UnitID, Unit: t.UnitName,
		AssessmentID: t.AssessmentID, ItemID: t.ItemID, ItemTitle: t.ItemTitle, Lost: t.Lost, Problem: t.Problem,
		Measure: t.Measure, Target: t.Target, Lead: t.Lead, Assist: t.Assist, Owner: t.Owner, Checker: t.Checker,
		Due: domain.DateText(t.Due), Deadline: domain.DateText(t.Deadline()), Kind: string(t.Kind), Status: string(t.Status),
		Overdue: t.Overdue(now), Colour: string(t.Colour(now)), Notes: []noteJSON{}, Files: []fileJSON{},
		Notices: t.Notices, FirstRound: t.FirstRound, Origin: toOriginJSON(t.Origin), Received: toOriginJSON(t.Received)}
	if t.ExtensionReason != "" {
		j.Extension = &extensionJSON{Reason: t.ExtensionReason, Due: domain.DateText(t.ExtensionDue), Granted: t.Extended}
	}
	for _, n := range t.Notes {
		j.Notes = append(j.Notes, noteJSON{At: n.At, By: n.By, Kind: string(n.Kind), Status: string(n.Status), Text: n.Text})
	}
	for _, f := range t.Files {
		j.Files = append(j.Files, fileJSON{ID: f.ID, Name: f.Name, Size: f.Size, SHA256: f.SHA256, OriginalName: f.OriginalName})
	}
	if t.Status.Done() {
		j.Closure = &closureJSON{Comment: t.ClosedComment, By: t.ClosedBy, At: t.ClosedAt}
	}
	return j
}

func runTaskList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task list")
	flt := bindTaskFilter(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		now := time.Now()
		list, err := flt.selectTasks(ctx, ts, now)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]taskJSON, 0, len(list))
			for i := range list {
				out = append(out, toTaskJSON(&list[i], now))
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		}
		tb := newTable([]string{"ID", "来源", "来自", "轮次", "单位", "指标", "问题描述", "责任人", "完成时限", "状态"})
		for i := range list {
			t := &list[i]
			status := domain.TaskStatusNames[t.Status]
			if t.Overdue(now) {
				status += " 已超期"
			}
			tb.row(strconv.FormatInt(t.ID, 10), domain.TaskSourceNames[t.Source], originShort(t), safeText(t.Round), safeText(t.UnitName),
				safeText(t.ItemID), safeText(clip(t.Problem, 30)), safeText(t.Owner), domain.DateText(t.Deadline()), status)
		}
		if err := tb.write(env.Stdout); err != nil {
			return err
		}
		for _, c := range domain.CountTasks(list, now) {
			say(env.Stdout, "%s: %d 项，已销号 %d，销号率 %.0f%%，已超期 %d\n", c.UnitName, c.Total, c.Closed, c.Rate()*100, c.Overdue)
		}
		return nil
	})
}

// clip shortens s to n characters with an ellipsis, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// taskIDArg reads the one positional entry id.
func taskIDArg(fs *flag.FlagSet) (int64, error) {
	if fs.NArg() != 1 {
		return 0, usageErrorf("give the entry's ID (see pingce task list)")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf("%q is not an entry ID", fs.Arg(0))
	}
	return id, nil
}

func runTaskShow(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task show")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := taskIDArg(fs)
	if err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		t, err := ts.Task(ctx, id)
		if err != nil {
			return err
		}
		now := time.Now()
		if *asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(toTaskJSON(t, now))
		}
		printTask(env.Stdout, t, now)
		return nil
	})
}

// printTask prints the entry a field a line, the register's columns in
// order, with where it came from (来自, 最近更新: the exchange packages)
// after its source; the timeline and the closure evidence print one note
// or file a line under their heading, a file with the name it was given
// when that was cleaned. Every text is escaped as say does: a line break
// inside a note shows as \n, it cannot forge a line of its own.
func printTask(w io.Writer, t *domain.Task, now time.Time) {
	cells := xlsx.TaskRow(t, now)
	lists := map[string][]string{"进展情况": report.TaskNoteLines(t, now), "销号佐证": report.TaskFileLines(t)}
	for i, col := range xlsx.TaskColumns {
		switch col {
		case "轮次": // where the entry came from, after its source
			origin := "本机建立"
			if t.Origin != nil {
				origin = report.TaskOriginText(t.Origin, now)
			}
			say(w, "来自：%s\n", origin)
			if t.Received != nil {
				say(w, "最近更新：%s\n", report.TaskOriginText(t.Received, now))
			}
		case "来自": // said above
			continue
		}
		if cells[i] == "" {
			continue
		}
		if lines, ok := lists[col]; ok {
			say(w, "%s：\n", col)
			for _, l := range lines {
				say(w, "    %s\n", l)
			}
			continue
		}
		say(w, "%s：%s\n", col, cells[i])
	}
}

func runTaskUpdate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task update")
	f := bindTaskFields(fs, true)
	note := fs.String("note", "", "add a progress note (进展情况)")
	var attach listFlag
	fs.Var(&attach, "attach", "add a closure evidence file (repeat for more)")
	start := fs.Bool("start", false, "start the work: 待整改 → 整改中")
	apply := fs.Bool("apply", false, "apply for closure (申请销号): needs closure evidence")
	ret := fs.String("return", "", "send a closure request back, with the reason")
	extend := fs.String("extend", "", "ask for an extension to this date (with --reason)")
	reason := fs.String("reason", "", "why the extension is needed")
	grant := fs.Bool("grant", false, "grant the extension asked for")
	refuse := fs.String("refuse", "", "refuse the extension asked for, with the reason")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := taskIDArg(fs)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var steps []struct {
		act domain.TaskAction
		in  domain.TaskStep
	}
	add := func(act domain.TaskAction, in domain.TaskStep) {
		steps = append(steps, struct {
			act domain.TaskAction
			in  domain.TaskStep
		}{act, in})
	}
	moves := 0
	if *start {
		add(domain.TaskActStart, domain.TaskStep{})
		moves++
	}
	if set["note"] {
		add(domain.TaskActNote, domain.TaskStep{Text: *note})
	}
	if *apply {
		moves++
	}
	if set["return"] {
		add(domain.TaskActReject, domain.TaskStep{Text: *ret})
		moves++
	}
	if set["extend"] {
		d, err := domain.ParseDate(*extend)
		if err != nil {
			return usageErrorf("--extend: %s", domain.ErrorMessage(err))
		}
		add(domain.TaskActRequestExtend, domain.TaskStep{Text: *reason, Due: d})
		moves++
	} else if set["reason"] {
		return usageErrorf("--reason goes with --extend DATE")
	}
	if *grant {
		add(domain.TaskActGrantExtend, domain.TaskStep{})
		moves++
	}
	if set["refuse"] {
		add(domain.TaskActRefuseExtend, domain.TaskStep{Text: *refuse})
		moves++
	}
	if moves > 1 {
		return usageErrorf("give one of --start, --apply, --return, --extend, --grant, --refuse at a time")
	}
	fields := false
	for _, n := range []string{"problem", "measure", "target", "owner", "lead", "assist", "checker", "due", "kind", "source"} {
		fields = fields || set[n]
	}
	if !fields && len(steps) == 0 && len(attach) == 0 && !*apply {
		return usageErrorf("nothing to change: give a field, --note, --attach or a step")
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		// One change, kept whole or not at all: a refused step keeps
		// neither the edit nor the files attached for it.
		var ch domain.TaskChange
		if fields {
			t, err := ts.Task(ctx, id)
			if err != nil {
				return err
			}
			next := *t
			if err := f.apply(fs, &next); err != nil {
				return err
			}
			ch.Edit = &next
		}
		files, err := openTaskFiles(attach)
		if err != nil {
			return err
		}
		defer closeAll(files)
		ch.Files = uploads(attach, files)
		if *apply {
			add(domain.TaskActRequestClosure, domain.TaskStep{})
		}
		for _, st := range steps {
			ch.Steps = append(ch.Steps, domain.TaskMove{Act: st.act, In: st.in})
		}
		t, err := ts.ChangeTask(ctx, id, ch)
		if err != nil {
			return err
		}
		say(env.Stdout, "entry %d: %s, due %s\n", t.ID, domain.TaskStatusNames[t.Status], domain.DateText(t.Deadline()))
		return nil
	})
}

// openTaskFiles opens the closure evidence files given, all or none.
func openTaskFiles(paths []string) ([]*os.File, error) {
	var out []*os.File
	for _, p := range paths {
		fh, err := os.Open(p)
		if err != nil {
			closeAll(out)
			return nil, fmt.Errorf("read closure evidence: %w", err)
		}
		out = append(out, fh)
	}
	return out, nil
}

func closeAll(fs []*os.File) {
	for _, f := range fs {
		f.Close()
	}
}

// uploads names the opened files by their base names.
func uploads(paths []string, files []*os.File) []domain.TaskUpload {
	out := make([]domain.TaskUpload, len(files))
	for i, f := range files {
		out[i] = domain.TaskUpload{Name: filepath.Base(paths[i]), Content: f}
	}
	return out
}

func runTaskClose(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task close")
	comment := fs.String("comment", "", "销号意见 (required)")
	var attach listFlag
	fs.Var(&attach, "attach", "add a closure evidence file first (repeat for more)")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := taskIDArg(fs)
	if err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		files, err := openTaskFiles(attach)
		if err != nil {
			return err
		}
		defer closeAll(files)
		// The files and the closure together: a refused closure keeps no file.
		t, err := ts.ChangeTask(ctx, id, domain.TaskChange{Files: uploads(attach, files),
			Steps: []domain.TaskMove{{Act: domain.TaskActClose, In: domain.TaskStep{Text: *comment}}}})
		if err != nil {
			return err
		}
		say(env.Stdout, "entry %d: 已销号 by %s at %s\n", t.ID, t.ClosedBy, t.ClosedAt.Local().Format("2006-01-02 15:04"))
		return nil
	})
}

func runTaskExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task export")
	toXLSX := fs.String("xlsx", "", "write the register as a workbook")
	toPDF := fs.String("pdf", "", "write the register as a PDF grouped by unit")
	flt := bindTaskFilter(fs)
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if (*toXLSX == "") == (*toPDF == "") {
		return usageErrorf("give --xlsx F or --pdf F")
	}
	out := firstNonEmptyString(*toXLSX, *toPDF)
	if err := env.checkOutputs(out); err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		now := time.Now()
		list, err := flt.selectTasks(ctx, ts, now)
		if err != nil {
			return err
		}
		err = env.writeOutput(ctx, out, func(w io.Writer) error {
			if *toXLSX != "" {
				return xlsx.WriteTasks(ctx, w, list, now)
			}
			return pdf.WriteTasks(ctx, w, &pdf.TaskDocument{Title: "整改台账", Scope: strings.TrimSpace(*flt.round + " " + *flt.unit),
				Tasks: list, Now: now})
		})
		if err != nil {
			return fmt.Errorf("write the register: %w", err)
		}
		say(env.Stdout, "%d entries written to %s\n", len(list), out)
		return nil
	})
}

func runTaskGenerate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task generate")
	id := fs.Int64("assessment", 0, "assessment id")
	measure := fs.String("measure", "对照指标要求逐项整改，完善相关工作和台账", "整改措施 of every entry")
	owner := fs.String("owner", "", "责任人 of every entry; default: the unit's name")
	due := fs.String("due", "", "完成时限 of every entry; default: 30 days from today")
	kind := fs.String("kind", "deadline", "type of every entry")
	checker := fs.String("checker", "", "复核人 of every entry")
	dry := fs.Bool("dry-run", false, "print the entries without saving them")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() > 0 {
		return usageErrorf("give --assessment ID")
	}
	d := domain.TaskDefaults{Measure: *measure, Checker: *checker}
	if *due != "" {
		t, err := domain.ParseDate(*due)
		if err != nil {
			return usageErrorf("--due: %s", domain.ErrorMessage(err))
		}
		d.Due = t
	} else {
		n := time.Now().AddDate(0, 0, 30)
		d.Due = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	}
	k, ok := domain.ParseTaskKind(*kind)
	if !ok {
		return usageErrorf("--kind %q: use immediate, deadline or ongoing", *kind)
	}
	d.Kind = k
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		ws, err := s.Assessments.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		d.Owner = firstNonEmptyString(*owner, ws.Assessment.Unit.Name)
		existing, err := ts.ListTasks(ctx, domain.TaskFilter{AssessmentID: *id, Open: true})
		if err != nil {
			return err
		}
		gen := domain.GenerateTasks(ws, d, existing)
		if len(gen) == 0 {
			say(env.Stdout, "assessment %d: no item lost points or carries a request without an open entry\n", *id)
			return nil
		}
		if !*dry {
			if gen, err = ts.CreateTasks(ctx, gen); err != nil {
				return err
			}
		}
		for _, t := range gen {
			say(env.Stdout, "%s\t%s\t%s\n", entryID(t.ID), domain.TaskSourceNames[t.Source], t.Problem)
		}
		if *dry {
			say(env.Stdout, "%d entries proposed, none saved (--dry-run)\n", len(gen))
		} else {
			say(env.Stdout, "%d entries made, due %s: edit them with pingce task update ID\n", len(gen), domain.DateText(d.Due))
		}
		return nil
	})
}

func entryID(id int64) string {
	if id == 0 {
		return "-"
	}
	return strconv.FormatInt(id, 10)
}

func runTaskNotice(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("task notice")
	out := fs.String("pdf", "", "the PDF to write")
	issuer := fs.String("issuer", "", "督办单位, printed at the signature")
	from := fs.Int("number-from", 1, "number of the first notice")
	year := fs.Int("year", time.Now().Year(), "year in the notices' numbers")
	flt := bindTaskFilter(fs)
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("give --pdf F")
	}
	var ids []int64
	for _, a := range fs.Args() {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 {
			return usageErrorf("%q is not an entry ID", a)
		}
		ids = append(ids, n)
	}
	if len(ids) == 0 && !*flt.overdue {
		return usageErrorf("give the entries' IDs, or --overdue")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		now := time.Now()
		var list []domain.Task
		var err error
		if len(ids) > 0 {
			for _, id := range ids {
				t, err := ts.Task(ctx, id)
				if err != nil {
					return err
				}
				list = append(list, *t)
			}
		} else if list, err = flt.selectTasks(ctx, ts, now); err != nil {
			return err
		}
		if len(list) == 0 {
			say(env.Stdout, "no entry to supervise\n")
			return nil
		}
		notices := make([]pdf.Notice, len(list))
		for i := range list {
			if list[i].Status.Done() {
				return domain.Errorf(domain.EINVALID, "entry %d is closed (已销号): no notice for it", list[i].ID)
			}
			notices[i] = pdf.Notice{Number: fmt.Sprintf("督〔%d〕%d号", *year, *from+i), Issuer: *issuer, Date: now}
		}
		// Recorded first, all of them, so that a notice on paper is always
		// on its entry: a refusal (an entry the user may not supervise)
		// stops before anything is written.
		for i := range list {
			if _, err := ts.StepTask(ctx, list[i].ID, domain.TaskActNotice, domain.TaskStep{Text: notices[i].Number}); err != nil {
				return err
			}
		}
		if err := env.writeOutput(ctx, *out, func(w io.Writer) error {
			return pdf.WriteNotices(ctx, w, list, notices, now)
		}); err != nil {
			return fmt.Errorf("write the notices: %w", err)
		}
		say(env.Stdout, "%d notices (%s … %s) written to %s and recorded on the entries\n", len(list), notices[0].Number,
			notices[len(notices)-1].Number, *out)
		return nil
	})
}

func runAssessmentConfirm(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("assessment confirm")
	var items listFlag
	fs.Var(&items, "item", "confirm only this item (repeat for more); default: every carried answer")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	id, err := assessmentID(fs, 0)
	if err != nil {
		return err
	}
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		done, err := ts.ConfirmCarried(ctx, id, items)
		if err != nil {
			return err
		}
		if len(done) == 0 {
			say(env.Stdout, "assessment %d: no carried answer is waiting for confirmation\n", id)
			return nil
		}
		say(env.Stdout, "assessment %d: %d carried answers confirmed unchanged: %s\n", id, len(done), strings.Join(done, ", "))
		return nil
	})
}

// newFromPrevious is `assessment new --from ID`: the next round from the
// previous assessment.
func newFromPrevious(ctx context.Context, env *Env, from int64, round, ref string) error {
	return withTasks(ctx, env, func(ctx context.Context, s *Services, ts Tasks) error {
		a := &domain.Assessment{Round: round}
		if ref != "" {
			cat, err := ensureCatalog(ctx, s.Catalogs, ref)
			if err != nil {
				return err
			}
			a.CatalogID, a.CatalogVersion = cat.ID, cat.Version
		}
		if err := ts.CreateFrom(ctx, from, a); err != nil {
			return err
		}
		ws, err := s.Assessments.OpenAssessment(ctx, a.ID)
		if err != nil {
			return err
		}
		moved, err := ts.ListTasks(ctx, domain.TaskFilter{AssessmentID: a.ID})
		if err != nil {
			return err
		}
		say(env.Stdout, "assessment %d: %s, %s, %s (%s) from assessment %d\n", a.ID, a.Unit.Name, a.Round, a.CatalogRef(), a.Status, from)
		say(env.Stdout, "%d answers carried (沿用上轮) until confirmed or changed: pingce assessment confirm %d; %d open register entries moved in\n",
			len(ws.Carried), a.ID, len(moved))
		return nil
	})
}
