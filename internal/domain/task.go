package domain

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The rectification register (整改台账): one Task per problem found in an
// assessment — a lost point, a reviewer's request, a 督办 matter or one
// typed by hand — with its measure, the people responsible, a deadline and
// a status that only moves as the rules of TaskRules allow.

// TaskSource says where a register entry comes from.
type TaskSource string

// The sources of register entries.
const (
	SourceShortfall   TaskSource = "shortfall"   // 自评失分: the item lost points
	SourceReview      TaskSource = "review"      // 审核意见: the reviewer's reason or request
	SourceSupervision TaskSource = "supervision" // 督办: a matter under supervision
	SourceManual      TaskSource = "manual"      // 手工: typed by hand
)

// TaskSources lists every source in a stable order.
var TaskSources = []TaskSource{SourceShortfall, SourceReview, SourceSupervision, SourceManual}

// Valid reports whether s is one of TaskSources.
func (s TaskSource) Valid() bool { return slices.Contains(TaskSources, s) }

// TaskKind is how an entry is to be rectified.
type TaskKind string

// The kinds of rectification.
const (
	KindImmediate TaskKind = "immediate" // 立行立改
	KindDeadline  TaskKind = "deadline"  // 限期整改
	KindOngoing   TaskKind = "ongoing"   // 长期坚持
)

// TaskKinds lists every kind in a stable order.
var TaskKinds = []TaskKind{KindImmediate, KindDeadline, KindOngoing}

// Valid reports whether k is one of TaskKinds.
func (k TaskKind) Valid() bool { return slices.Contains(TaskKinds, k) }

// TaskStatus is where an entry stands.
type TaskStatus string

// The statuses of an entry: open → in progress → closure requested →
// closed; an extension may be requested and granted on the way.
const (
	TaskOpen               TaskStatus = "open"                // 待整改
	TaskInProgress         TaskStatus = "in_progress"         // 整改中 (基本完成 too)
	TaskClosureRequested   TaskStatus = "closure_requested"   // 申请销号
	TaskClosed             TaskStatus = "closed"              // 已销号
	TaskExtensionRequested TaskStatus = "extension_requested" // 申请延期
	TaskExtended           TaskStatus = "extended"            // 已延期
)

// TaskStatuses lists every status in the order of the board's columns.
var TaskStatuses = []TaskStatus{TaskOpen, TaskInProgress, TaskExtensionRequested, TaskExtended,
	TaskClosureRequested, TaskClosed}

// Valid reports whether s is one of TaskStatuses.
func (s TaskStatus) Valid() bool { return slices.Contains(TaskStatuses, s) }

// Done reports whether the entry is closed (销号).
func (s TaskStatus) Done() bool { return s == TaskClosed }

// Chinese names of the sources, kinds and statuses, as the register and
// its exports write them.
var (
	TaskSourceNames = map[TaskSource]string{SourceShortfall: "自评失分", SourceReview: "审核意见",
		SourceSupervision: "督办", SourceManual: "手工"}
	TaskKindNames = map[TaskKind]string{KindImmediate: "立行立改", KindDeadline: "限期整改",
		KindOngoing: "长期坚持"}
	TaskStatusNames = map[TaskStatus]string{TaskOpen: "待整改", TaskInProgress: "整改中",
		TaskClosureRequested: "申请销号", TaskClosed: "已销号", TaskExtensionRequested: "申请延期",
		TaskExtended: "已延期"}
)

// ParseTaskStatus reads a status by its code or Chinese name. "基本完成"
// (basically done) is not a status of its own: it is still 整改中.
func ParseTaskStatus(s string) (TaskStatus, bool) {
	s = strings.TrimSpace(s)
	if s == "基本完成" || s == "推进中" {
		return TaskInProgress, true
	}
	return parseNamed(s, TaskStatuses, TaskStatusNames)
}

// ParseTaskSource reads a source by its code or Chinese name.
func ParseTaskSource(s string) (TaskSource, bool) {
	return parseNamed(strings.TrimSpace(s), TaskSources, TaskSourceNames)
}

// ParseTaskKind reads a kind by its code or Chinese name.
func ParseTaskKind(s string) (TaskKind, bool) {
	return parseNamed(strings.TrimSpace(s), TaskKinds, TaskKindNames)
}

func parseNamed[T ~string](s string, all []T, names map[T]string) (T, bool) {
	for _, v := range all {
		if s == string(v) || s == names[v] {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// TaskNoteKind says what a timeline entry records.
type TaskNoteKind string

// The kinds of timeline entries.
const (
	NoteProgress TaskNoteKind = "progress" // a progress note by anyone working on it
	NoteStatus   TaskNoteKind = "status"   // a status change, with its reason or comment
	NoteNotice   TaskNoteKind = "notice"   // a 督办通知 was issued (Text holds its number)
	NoteCarry    TaskNoteKind = "carry"    // carried over into the next round
)

// TaskNote is one dated entry of an entry's progress timeline.
type TaskNote struct {
	At   time.Time
	By   string
	Kind TaskNoteKind
	// Status is the status the entry moved to (NoteStatus), "" otherwise.
	Status TaskStatus
	Text   string
}

// TaskFile is a closure evidence file of an entry, kept like evidence:
// its content stored once per SHA-256.
type TaskFile struct {
	ID        int64
	TaskID    int64
	Name      string
	MediaType string
	Size      int64
	SHA256    string
	AddedBy   string
	AddedAt   time.Time
	// OriginalName is the name the file was given when Name is a cleaned
	// one (CleanFileName changed it); "" otherwise, as Evidence keeps it.
	OriginalName string
}

// TaskOrigin is an exchange package that brought or changed an entry:
// its kind ("submission", "review" or "register", docs/formats.md §7),
// the sender's unit and operator, the package's id and when it was
// imported here.
type TaskOrigin struct {
	Kind     string
	Unit     string
	Operator string
	Package  string
	At       time.Time
}

// Task is one entry of the rectification register (整改台账).
type Task struct {
	ID     int64
	Source TaskSource
	// The round, unit, assessment and item the entry is about. The
	// assessment and item may be absent for an entry typed by hand.
	Round        string
	UnitID       int64
	UnitName     string
	AssessmentID int64
	ItemID       string
	ItemTitle    string
	Lost         float64 // points the item lost when the entry was made; 0 if none

	Problem string // 问题描述
	Measure string // 整改措施
	Target  string // 整改目标
	Lead    string // 责任单位（主办）
	Assist  string // 责任单位（协办）
	Owner   string // 责任人
	Checker string // 复核人
	Due     time.Time
	Kind    TaskKind
	Status  TaskStatus

	// The extension asked for or granted (申请延期 / 已延期): why, and the
	// new date; ExtendedDue becomes the deadline once granted.
	ExtensionReason string
	ExtensionDue    time.Time
	Extended        bool
	// Returned is set when a closure request was sent back: the card shows
	// yellow until it is applied for again.
	Returned bool

	Notes []TaskNote
	Files []TaskFile

	// The closure (销号意见 with who and when).
	ClosedComment string
	ClosedBy      string
	ClosedAt      time.Time

	// Notices counts the 督办通知 issued for the entry.
	Notices int
	// FirstRound is the round the entry was made in, when it was carried
	// over into a later one; "" otherwise.
	FirstRound string

	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time

	// Origin is the exchange package that brought the entry into this
	// database; nil for an entry made here. Received is the last package
	// that changed it since; nil when none has.
	Origin   *TaskOrigin
	Received *TaskOrigin
}

// Deadline returns the date the entry is due: the granted extension's
// when there is one.
func (t *Task) Deadline() time.Time {
	if t.Extended && !t.ExtensionDue.IsZero() {
		return t.ExtensionDue
	}
	return t.Due
}

// Overdue reports whether the entry is not closed and its deadline day
// has ended at now (in now's location). Overdue is never stored: it is
// asked with the clock of the moment.
func (t *Task) Overdue(now time.Time) bool {
	return !t.Status.Done() && !t.Deadline().IsZero() && t.DaysLeft(now) < 0
}

// DaysLeft returns the whole days from now's calendar date (in now's
// location) to the deadline's (dates are kept as midnight UTC): 0 on the
// day itself, negative when overdue.
func (t *Task) DaysLeft(now time.Time) int {
	d := t.Deadline()
	a := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// TaskColour is the 三色督办 colour of a card.
type TaskColour string

// The colours: none, blue (deadline near), yellow (behind or returned),
// red (overdue).
const (
	ColourNone   TaskColour = ""
	ColourBlue   TaskColour = "blue"
	ColourYellow TaskColour = "yellow"
	ColourRed    TaskColour = "red"
)

// NearDays is how many days before the deadline an entry turns blue.
const NearDays = 7

// Colour returns the entry's 三色督办 colour at now: red when overdue;
// yellow when a closure request was returned, or when it is still 待整改
// with half of its time gone (behind); blue when the deadline is at most
// NearDays away; none otherwise, and for a closed entry.
func (t *Task) Colour(now time.Time) TaskColour {
	switch {
	case t.Status.Done():
		return ColourNone
	case t.Overdue(now):
		return ColourRed
	case t.Returned:
		return ColourYellow
	case t.Status == TaskOpen && t.behind(now):
		return ColourYellow
	case !t.Deadline().IsZero() && t.DaysLeft(now) <= NearDays:
		return ColourBlue
	}
	return ColourNone
}

// behind reports whether more than half of the time from the entry's
// making to its deadline has gone.
func (t *Task) behind(now time.Time) bool {
	if t.CreatedAt.IsZero() || t.Deadline().IsZero() {
		return false
	}
	made := time.Date(t.CreatedAt.Year(), t.CreatedAt.Month(), t.CreatedAt.Day(), 0, 0, 0, 0, time.UTC)
	left := t.DaysLeft(now)
	total := int(time.Date(t.Deadline().Year(), t.Deadline().Month(), t.Deadline().Day(), 0, 0, 0, 0, time.UTC).Sub(made).Hours() / 24)
	return total > 0 && left*2 < total
}

// TaskAction is a change to a register entry.
type TaskAction string

// The changes to an entry.
const (
	TaskActCreate         TaskAction = "task_create"          // make the entry (立项交办)
	TaskActEdit           TaskAction = "task_edit"            // change the problem, measure, people, deadline …
	TaskActNote           TaskAction = "task_note"            // add a progress note
	TaskActAttach         TaskAction = "task_attach"          // add a closure evidence file
	TaskActStart          TaskAction = "task_start"           // 待整改 → 整改中
	TaskActRequestClosure TaskAction = "task_request_closure" // apply for closure (申请销号), with evidence
	TaskActClose          TaskAction = "task_close"           // close (销号), with evidence and a comment
	TaskActReject         TaskAction = "task_reject"          // send a closure request back
	TaskActRequestExtend  TaskAction = "task_request_extension"
	TaskActGrantExtend    TaskAction = "task_grant_extension"
	TaskActRefuseExtend   TaskAction = "task_refuse_extension"
	TaskActNotice         TaskAction = "task_notice" // issue a 督办通知
	TaskActCarry          TaskAction = "task_carry"  // carry into the next round
)

// TaskActionNames names the steps in Chinese, as the timeline and the
// problems write them.
var TaskActionNames = map[TaskAction]string{TaskActCreate: "立项", TaskActEdit: "修改", TaskActNote: "记录进展",
	TaskActAttach: "上传佐证", TaskActStart: "开始整改", TaskActRequestClosure: "申请销号", TaskActClose: "销号",
	TaskActReject: "退回销号申请", TaskActRequestExtend: "申请延期", TaskActGrantExtend: "批准延期",
	TaskActRefuseExtend: "不予延期", TaskActNotice: "督办", TaskActCarry: "转入下一轮"}

// TaskSide is who may take a step: the unit that rectifies, or the side
// that assigned the entry (reviewers, the evaluation lead).
type TaskSide int

// The sides.
const (
	SideUnit     TaskSide = 1 << iota // the unit's staff
	SideAssigner                      // the reviewer / lead role
)

// TaskRule says who may take a step and from which statuses, and where it
// leads ("" keeps the status).
type TaskRule struct {
	Sides TaskSide
	From  []TaskStatus
	To    TaskStatus
}

var openStatuses = []TaskStatus{TaskOpen, TaskInProgress, TaskClosureRequested, TaskExtensionRequested, TaskExtended}
var workStatuses = []TaskStatus{TaskOpen, TaskInProgress, TaskExtended}

// TaskRules is the register's workflow: who may take each step, from
// where, to where. Only the assigning side closes; the unit applies.
var TaskRules = map[TaskAction]TaskRule{
	TaskActCreate:         {Sides: SideAssigner | SideUnit, To: TaskOpen},
	TaskActEdit:           {Sides: SideAssigner | SideUnit, From: openStatuses},
	TaskActNote:           {Sides: SideAssigner | SideUnit, From: openStatuses},
	TaskActAttach:         {Sides: SideAssigner | SideUnit, From: openStatuses},
	TaskActStart:          {Sides: SideUnit, From: []TaskStatus{TaskOpen}, To: TaskInProgress},
	TaskActRequestClosure: {Sides: SideUnit, From: workStatuses, To: TaskClosureRequested},
	TaskActClose:          {Sides: SideAssigner, From: []TaskStatus{TaskClosureRequested, TaskInProgress, TaskExtended}, To: TaskClosed},
	TaskActReject:         {Sides: SideAssigner, From: []TaskStatus{TaskClosureRequested}, To: TaskInProgress},
	TaskActRequestExtend:  {Sides: SideUnit, From: workStatuses, To: TaskExtensionRequested},
	TaskActGrantExtend:    {Sides: SideAssigner, From: []TaskStatus{TaskExtensionRequested}, To: TaskExtended},
	TaskActRefuseExtend:   {Sides: SideAssigner, From: []TaskStatus{TaskExtensionRequested}, To: TaskInProgress},
	TaskActNotice:         {Sides: SideAssigner, From: openStatuses},
	TaskActCarry:          {Sides: SideAssigner | SideUnit, From: openStatuses},
}

// Problem codes of the register, with the names of their Args.
const (
	ProbTaskForbidden    = "task.forbidden"     // user, step: the user's roles do not take this step
	ProbTaskStatus       = "task.status"        // step, state: the step does not start from this status
	ProbTaskField        = "task.field_missing" // field: a required field is empty
	ProbTaskTooLong      = "task.too_long"      // field, max
	ProbTaskNoEvidence   = "task.no_evidence"   // closure (or its request) without an evidence file
	ProbTaskNoComment    = "task.no_comment"    // closure or return without a comment
	ProbTaskNoReason     = "task.no_reason"     // extension request without a reason
	ProbTaskExtensionDue = "task.extension_due" // due, new: the new date is not after the deadline
	ProbTaskSource       = "task.source"        // value: not a source
	ProbTaskKind         = "task.kind"          // value: not a kind
	ProbTaskUnconfirmed  = "task.carried"       // a carried answer not yet confirmed (submission)
)

// MaxTaskText is the longest text field of an entry, in characters.
const MaxTaskText = 2000

// sides returns the sides u acts on for an entry of unit: staff of that
// unit (or of none) rectify, reviewers of another unit (or of none) assign.
func sides(u User, unitID int64) TaskSide {
	var s TaskSide
	if u.Has(RoleStaff) && (u.Unit == 0 || u.Unit == unitID) {
		s |= SideUnit
	}
	if u.Has(RoleReviewer) && (u.Unit == 0 || u.Unit != unitID) {
		s |= SideAssigner
	}
	return s
}

func taskError(code string, t *Task, p Problem) *Error {
	return &Error{Code: code, Message: "register entry " + taskName(t) + ": " + p.Msg, Problems: []Problem{p}}
}

func taskName(t *Task) string {
	if t.ID == 0 {
		return "(new)"
	}
	return "#" + strconv.FormatInt(t.ID, 10)
}

// AuthorizeTask reports whether u may take step act on t now: EFORBIDDEN
// when the user is on neither side the rule names, EINVALID when the step
// does not start from the entry's status.
func AuthorizeTask(u User, act TaskAction, t *Task) error {
	r, ok := TaskRules[act]
	if !ok {
		return Errorf(EINVALID, "%s is not a change to a register entry", act)
	}
	if sides(u, t.UnitID)&r.Sides == 0 {
		return taskError(EFORBIDDEN, t, NewProblem(ProbTaskForbidden,
			"{user} may not {step} (the unit applies, the assigning side closes)", "user", u.Name, "step", string(act)))
	}
	if err := ValidName(u.Name); err != nil {
		return err
	}
	if act != TaskActCreate && !slices.Contains(r.From, t.Status) {
		return taskError(EINVALID, t, NewProblem(ProbTaskStatus, "{step} is not possible while it is {state}",
			"step", string(act), "state", string(t.Status)))
	}
	return nil
}

// TaskStep is the input of a step: the comment, reason or note, and the
// new date of an extension request.
type TaskStep struct {
	Text string
	Due  time.Time
}

// Step takes act on t for u at now, as TaskRules and the rules of each step
// allow, and records it in the timeline. On an error t is unchanged.
//
//   - applying for closure needs at least one evidence file;
//   - closing needs an evidence file and a comment (销号意见);
//   - sending a closure request back needs a comment;
//   - an extension request needs a reason and a new date after the
//     deadline;
//   - a progress note needs text; on a 待整改 entry the unit's note starts
//     the work (整改中). "基本完成" in a note is still 整改中.
func (t *Task) Step(u User, act TaskAction, in TaskStep, now time.Time) error {
	if err := AuthorizeTask(u, act, t); err != nil {
		return err
	}
	text := strings.TrimSpace(in.Text)
	fail := func(code string, p Problem) error { return taskError(code, t, p) }
	switch act {
	case TaskActRequestClosure:
		if len(t.Files) == 0 {
			return fail(EBLOCKED, NewProblem(ProbTaskNoEvidence, "closure needs evidence: add a file first"))
		}
	case TaskActClose:
		if len(t.Files) == 0 {
			return fail(EBLOCKED, NewProblem(ProbTaskNoEvidence, "closure needs evidence: add a file first"))
		}
		if text == "" {
			return fail(EINVALID, NewProblem(ProbTaskNoComment, "closure needs a comment (销号意见)"))
		}
	case TaskActReject:
		if text == "" {
			return fail(EINVALID, NewProblem(ProbTaskNoComment, "say why the closure request goes back"))
		}
	case TaskActRequestExtend:
		if text == "" {
			return fail(EINVALID, NewProblem(ProbTaskNoReason, "an extension needs a reason"))
		}
		if d := t.Deadline(); in.Due.IsZero() || !in.Due.After(d) {
			return fail(EINVALID, NewProblem(ProbTaskExtensionDue, "the new date {new} must be after the deadline {due}",
				"new", DateText(in.Due), "due", DateText(d)))
		}
	case TaskActNote:
		if text == "" {
			return fail(EINVALID, NewProblem(ProbTaskField, "{field} is empty", "field", "note"))
		}
	}
	if n := utf8.RuneCountInString(text); n > MaxTaskText {
		return fail(EINVALID, NewProblem(ProbTaskTooLong, "{field} is longer than {max} characters", "field", "text", "max", strconv.Itoa(MaxTaskText)))
	}
	to := TaskRules[act].To
	note := TaskNote{At: now, By: u.Name, Kind: NoteStatus, Status: to, Text: text}
	switch act {
	case TaskActNote:
		note.Kind, note.Status = NoteProgress, ""
		if t.Status == TaskOpen && sides(u, t.UnitID)&SideUnit != 0 {
			to, note.Status = TaskInProgress, ""
		}
	case TaskActNotice:
		note.Kind = NoteNotice
		t.Notices++
	case TaskActCarry:
		note.Kind = NoteCarry
	case TaskActRequestClosure:
		t.Returned = false
	case TaskActClose:
		t.ClosedComment, t.ClosedBy, t.ClosedAt = text, u.Name, now
	case TaskActReject:
		t.Returned = true
	case TaskActRequestExtend:
		t.ExtensionReason, t.ExtensionDue = text, in.Due
	case TaskActGrantExtend:
		t.Extended = true
	case TaskActRefuseExtend:
		t.ExtensionDue = time.Time{}
		if t.Extended { // an earlier extension stands
			to = TaskExtended
		}
	}
	if to != "" {
		t.Status = to
	}
	t.Notes = append(t.Notes, note)
	t.UpdatedAt = now
	return nil
}

// CheckTask lists what is wrong with an entry's fields: required ones
// (problem, measure, owner, deadline) empty, text too long or not valid
// text, a source or kind that is not one.
func CheckTask(t *Task) []Problem {
	var ps []Problem
	for _, f := range []struct {
		name, value string
		required    bool
	}{
		{"problem", t.Problem, true}, {"measure", t.Measure, true}, {"owner", t.Owner, true},
		{"target", t.Target, false}, {"lead", t.Lead, false}, {"assist", t.Assist, false},
		{"checker", t.Checker, false},
	} {
		v := strings.TrimSpace(f.value)
		switch {
		case f.required && v == "":
			ps = append(ps, NewProblem(ProbTaskField, "{field} is empty", "field", f.name))
		case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
			ps = append(ps, NewProblem(ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", f.name))
		case utf8.RuneCountInString(v) > MaxTaskText:
			ps = append(ps, NewProblem(ProbTaskTooLong, "{field} is longer than {max} characters", "field", f.name, "max", strconv.Itoa(MaxTaskText)))
		}
	}
	if t.Due.IsZero() {
		ps = append(ps, NewProblem(ProbTaskField, "{field} is empty", "field", "due"))
	}
	if !t.Source.Valid() {
		ps = append(ps, NewProblem(ProbTaskSource, "{value:q} is not a source: use shortfall, review, supervision or manual", "value", string(t.Source)))
	}
	if !t.Kind.Valid() {
		ps = append(ps, NewProblem(ProbTaskKind, "{value:q} is not a kind: use immediate, deadline or ongoing", "value", string(t.Kind)))
	}
	return ps
}

// ValidateTask returns EINVALID with CheckTask's problems, or nil.
func ValidateTask(t *Task) error {
	ps := CheckTask(t)
	if len(ps) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "register entry " + taskName(t) + ": " + ps[0].Msg, Problems: ps}
}

// DateText writes a date as 2006-01-02, "" for the zero time.
func DateText(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// ParseDate reads a calendar date written 2006-01-02 (or 2006/01/02),
// as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "/", "-")
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, Errorf(EINVALID, "%q is not a date: write it as 2026-06-30", s)
	}
	return d, nil
}

// TaskFilter selects register entries; zero fields match all.
type TaskFilter struct {
	Round        string
	UnitID       int64
	AssessmentID int64
	ItemID       string
	Status       TaskStatus
	Source       TaskSource
	Owner        string
	// Open keeps only entries not closed.
	Open bool
}

// Match reports whether t passes the filter.
func (f TaskFilter) Match(t *Task) bool {
	return (f.Round == "" || t.Round == f.Round) && (f.UnitID == 0 || t.UnitID == f.UnitID) &&
		(f.AssessmentID == 0 || t.AssessmentID == f.AssessmentID) && (f.ItemID == "" || t.ItemID == f.ItemID) &&
		(f.Status == "" || t.Status == f.Status) && (f.Source == "" || t.Source == f.Source) &&
		(f.Owner == "" || t.Owner == f.Owner) && (!f.Open || !t.Status.Done())
}

// UnitTasks is the register's count for one unit: entries, closed ones,
// overdue ones, and the closure rate (逐项销号 %).
type UnitTasks struct {
	UnitID   int64
	UnitName string
	Total    int
	Closed   int
	Overdue  int
	ByStatus map[TaskStatus]int
}

// Rate returns the share of entries closed, from 0 to 1 (0 without entries).
func (u UnitTasks) Rate() float64 {
	if u.Total == 0 {
		return 0
	}
	return float64(u.Closed) / float64(u.Total)
}

// CountTasks counts the entries per unit, in the order units first appear
// by name.
func CountTasks(ts []Task, now time.Time) []UnitTasks {
	idx := map[int64]int{}
	var out []UnitTasks
	for i := range ts {
		t := &ts[i]
		j, ok := idx[t.UnitID]
		if !ok {
			j = len(out)
			idx[t.UnitID] = j
			out = append(out, UnitTasks{UnitID: t.UnitID, UnitName: t.UnitName, ByStatus: map[TaskStatus]int{}})
		}
		u := &out[j]
		u.Total++
		u.ByStatus[t.Status]++
		if t.Status.Done() {
			u.Closed++
		}
		if t.Overdue(now) {
			u.Overdue++
		}
	}
	slices.SortStableFunc(out, func(a, b UnitTasks) int { return strings.Compare(a.UnitName, b.UnitName) })
	return out
}

// Edit replaces t's fields by next's where u may change them, and checks
// the result (ValidateTask). The unit (责任单位) writes its measure,
// target, owner and co-organiser; the assigning side everything else too:
// the problem, lead unit, reviewer, deadline, type and source. The links
// (round, unit, assessment, item), the status and the history are not
// edited here. EFORBIDDEN when u changes a field that is not theirs.
func (t *Task) Edit(u User, next Task, now time.Time) error {
	if err := AuthorizeTask(u, TaskActEdit, t); err != nil {
		return err
	}
	s := sides(u, t.UnitID)
	e := *t
	e.Measure, e.Target, e.Owner, e.Assist = next.Measure, next.Target, next.Owner, next.Assist
	assigner := e.Problem != next.Problem || e.Lead != next.Lead || e.Checker != next.Checker ||
		!e.Due.Equal(next.Due) || e.Kind != next.Kind || e.Source != next.Source
	if assigner && s&SideAssigner == 0 {
		return taskError(EFORBIDDEN, t, NewProblem(ProbTaskForbidden,
			"{user} may not {step} (the unit applies, the assigning side closes)", "user", u.Name, "step", string(TaskActEdit)))
	}
	e.Problem, e.Lead, e.Checker, e.Due, e.Kind, e.Source = next.Problem, next.Lead, next.Checker, next.Due, next.Kind, next.Source
	if err := ValidateTask(&e); err != nil {
		return err
	}
	e.UpdatedAt = now
	*t = e
	return nil
}

// TaskService keeps the rectification register. Every change is checked
// by the domain (AuthorizeTask, Task.Step, Task.Edit) and audited.
type TaskService interface {
	// CreateTasks stores new entries, all or none, and returns them with
	// their ids. EINVALID with the problems of the first entry that does
	// not pass ValidateTask; ENOTFOUND for an unknown assessment or item.
	CreateTasks(ctx context.Context, ts []Task) ([]Task, error)
	// ListTasks returns the entries the filter selects, with their
	// timelines and files, by id.
	ListTasks(ctx context.Context, f TaskFilter) ([]Task, error)
	// Task returns one entry. ENOTFOUND when there is none.
	Task(ctx context.Context, id int64) (*Task, error)
	// EditTask changes an entry's fields (Task.Edit).
	EditTask(ctx context.Context, id int64, next Task) (*Task, error)
	// StepTask takes a step (Task.Step).
	StepTask(ctx context.Context, id int64, act TaskAction, in TaskStep) (*Task, error)
	// AddTaskFile adds a closure evidence file, kept like evidence.
	AddTaskFile(ctx context.Context, id int64, name string, r io.Reader) (*TaskFile, error)
	// TaskFileContent returns a closure evidence file's bytes.
	TaskFileContent(ctx context.Context, fileID int64) ([]byte, error)
}
