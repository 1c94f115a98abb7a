package exchange

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pingce/internal/domain"
)

// The optional entries of a package (docs/formats.md §7): a package
// without them is as before, and a writer leaves them out when it has
// nothing to put in them, so that such a package reads on an older Pingce.
const (
	TasksName    = "tasks.json"    // the 整改 register's entries of the assessment, both kinds
	StandingName = "standing.json" // review packages: where the unit stands in its round's ranking
)

// Caps of the register and standing entries, beyond the document size.
const (
	MaxTasks        = 10000 // entries in tasks.json
	MaxTaskNotes    = 1000  // timeline notes of one entry
	MaxTaskFiles    = 200   // closure evidence files of one entry
	maxStandingRank = 100000
	maxTargetItems  = 10000
)

// TaskEntry is one register entry (整改事项) that travels in a package:
// the entry as the sender keeps it, and its uid, which names it on every
// machine. In a received package Task's ids (ID, UnitID, AssessmentID,
// file ids) are 0: the receiver links the entry to its own assessment.
type TaskEntry struct {
	UID  string
	Task domain.Task
}

// taskRecord is an entry of tasks.json. Its JSON keys are part of the
// format.
type taskRecord struct {
	UID             string         `json:"uid"`
	Source          string         `json:"source"`
	Round           string         `json:"round"`
	FirstRound      string         `json:"first_round,omitempty"`
	Item            string         `json:"item,omitempty"`
	Lost            float64        `json:"lost,omitempty"`
	Problem         string         `json:"problem"`
	Measure         string         `json:"measure"`
	Target          string         `json:"target,omitempty"`
	Lead            string         `json:"lead,omitempty"`
	Assist          string         `json:"assist,omitempty"`
	Owner           string         `json:"owner"`
	Checker         string         `json:"checker,omitempty"`
	Due             string         `json:"due"`
	Kind            string         `json:"kind"`
	Status          string         `json:"status"`
	ExtensionReason string         `json:"extension_reason,omitempty"`
	ExtensionDue    string         `json:"extension_due,omitempty"`
	Extended        bool           `json:"extended,omitempty"`
	Returned        bool           `json:"returned,omitempty"`
	ClosedComment   string         `json:"closed_comment,omitempty"`
	ClosedBy        string         `json:"closed_by,omitempty"`
	ClosedAt        time.Time      `json:"closed_at,omitzero"`
	Notices         int            `json:"notices,omitempty"`
	CreatedBy       string         `json:"created_by,omitempty"`
	CreatedAt       time.Time      `json:"created_at,omitzero"`
	Notes           []noteRecord   `json:"notes,omitempty"`
	Files           []taskFileItem `json:"files,omitempty"`
}

type noteRecord struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Kind   string    `json:"kind"`
	Status string    `json:"status,omitempty"`
	Text   string    `json:"text"`
}

// taskFileItem is a closure evidence file of an entry: its content is the
// entry EvidenceDir+SHA256, shared with the evidence files.
type taskFileItem struct {
	Name      string    `json:"name"`
	MediaType string    `json:"media_type,omitempty"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	AddedBy   string    `json:"added_by,omitempty"`
	AddedAt   time.Time `json:"added_at,omitzero"`
	// OriginalName is the name the file was given when Name is a cleaned
	// one (as evidence.json's); left out otherwise, so that a package
	// without one is what older Pingce wrote and reads.
	OriginalName string `json:"original_name,omitempty"`
}

func recordOf(e TaskEntry) taskRecord {
	t := &e.Task
	r := taskRecord{UID: e.UID, Source: string(t.Source), Round: t.Round, FirstRound: t.FirstRound, Item: t.ItemID,
		Lost: t.Lost, Problem: t.Problem, Measure: t.Measure, Target: t.Target, Lead: t.Lead, Assist: t.Assist,
		Owner: t.Owner, Checker: t.Checker, Due: domain.DateText(t.Due), Kind: string(t.Kind), Status: string(t.Status),
		ExtensionReason: t.ExtensionReason, ExtensionDue: domain.DateText(t.ExtensionDue), Extended: t.Extended,
		Returned: t.Returned, ClosedComment: t.ClosedComment, ClosedBy: t.ClosedBy, ClosedAt: utc(t.ClosedAt),
		Notices: t.Notices, CreatedBy: t.CreatedBy, CreatedAt: utc(t.CreatedAt)}
	for _, n := range t.Notes {
		r.Notes = append(r.Notes, noteRecord{At: utc(n.At), By: n.By, Kind: string(n.Kind), Status: string(n.Status), Text: n.Text})
	}
	for _, f := range t.Files {
		r.Files = append(r.Files, taskFileItem{Name: f.Name, MediaType: f.MediaType, SHA256: f.SHA256, Size: f.Size,
			AddedBy: f.AddedBy, AddedAt: utc(f.AddedAt), OriginalName: f.OriginalName})
	}
	return r
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// entryOf checks a record of tasks.json and makes it an entry; the error
// says what is wrong (the caller names the entry and the file).
func (r *taskRecord) entry(cat *domain.Catalog) (TaskEntry, error) {
	t := domain.Task{Source: domain.TaskSource(r.Source), Round: r.Round, FirstRound: r.FirstRound, ItemID: r.Item,
		Lost: r.Lost, Problem: r.Problem, Measure: r.Measure, Target: r.Target, Lead: r.Lead, Assist: r.Assist,
		Owner: r.Owner, Checker: r.Checker, Kind: domain.TaskKind(r.Kind), Status: domain.TaskStatus(r.Status),
		ExtensionReason: r.ExtensionReason, Extended: r.Extended, Returned: r.Returned,
		ClosedComment: r.ClosedComment, ClosedBy: r.ClosedBy, ClosedAt: r.ClosedAt, Notices: r.Notices,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
	if !validID(r.UID) {
		return TaskEntry{}, fmt.Errorf("its uid is not 32 hex digits")
	}
	var err error
	if t.Due, err = packageDate("due", r.Due); err != nil {
		return TaskEntry{}, err
	}
	if r.ExtensionDue != "" {
		if t.ExtensionDue, err = packageDate("extension_due", r.ExtensionDue); err != nil {
			return TaskEntry{}, err
		}
	}
	if !t.Status.Valid() {
		return TaskEntry{}, fmt.Errorf("%q is not a status", r.Status)
	}
	if r.Item != "" && cat.Item(r.Item) == nil {
		return TaskEntry{}, detailf(DetailTaskItem, []string{"item", r.Item}, "it is about item %s, which the catalog does not have", r.Item)
	}
	if ps := domain.CheckTask(&t); len(ps) > 0 {
		return TaskEntry{}, &domain.Error{Code: domain.EINVALID, Message: ps[0].Msg, Problems: ps[:1]} // written as the register writes it
	}
	if !domain.OrdinaryNumber(r.Lost) || r.Lost < 0 || r.Notices < 0 || r.Notices > MaxTaskNotes {
		return TaskEntry{}, fmt.Errorf("its lost points or notice count is out of range")
	}
	for _, f := range []struct{ name, v string }{{"round", r.Round}, {"first_round", r.FirstRound},
		{"extension_reason", r.ExtensionReason}, {"closed_comment", r.ClosedComment}, {"closed_by", r.ClosedBy},
		{"created_by", r.CreatedBy}} {
		if err := checkText(f.name, f.v, domain.MaxTaskText); err != nil {
			return TaskEntry{}, err
		}
	}
	if len(r.Notes) > MaxTaskNotes || len(r.Files) > MaxTaskFiles {
		return TaskEntry{}, fmt.Errorf("it has more than %d notes or %d files", MaxTaskNotes, MaxTaskFiles)
	}
	for i, n := range r.Notes {
		k := domain.TaskNoteKind(n.Kind)
		switch {
		case k != domain.NoteProgress && k != domain.NoteStatus && k != domain.NoteNotice && k != domain.NoteCarry:
			return TaskEntry{}, fmt.Errorf("note %d: %q is not a kind of note", i+1, n.Kind)
		case n.Status != "" && !domain.TaskStatus(n.Status).Valid():
			return TaskEntry{}, fmt.Errorf("note %d: %q is not a status", i+1, n.Status)
		}
		if err := checkText(fmt.Sprintf("note %d", i+1), n.Text, domain.MaxTaskText); err != nil {
			return TaskEntry{}, err
		}
		if err := checkText(fmt.Sprintf("note %d: by", i+1), n.By, domain.MaxNameLen); err != nil {
			return TaskEntry{}, err
		}
		t.Notes = append(t.Notes, domain.TaskNote{At: n.At, By: n.By, Kind: k, Status: domain.TaskStatus(n.Status), Text: n.Text})
	}
	for _, f := range r.Files {
		if clean, err := domain.CleanFileName(f.Name); err != nil || clean != f.Name {
			return TaskEntry{}, fmt.Errorf("the closure file %q does not have a clean file name", f.Name)
		}
		if err := checkText("media_type", f.MediaType, 200); err != nil {
			return TaskEntry{}, err
		}
		if err := checkText("added_by", f.AddedBy, domain.MaxNameLen); err != nil {
			return TaskEntry{}, err
		}
		if err := checkOriginal("closure file", f.Name, f.OriginalName); err != nil {
			return TaskEntry{}, err
		}
		t.Files = append(t.Files, domain.TaskFile{Name: f.Name, MediaType: f.MediaType, SHA256: f.SHA256, Size: f.Size,
			AddedBy: f.AddedBy, AddedAt: f.AddedAt, OriginalName: f.OriginalName})
	}
	return TaskEntry{UID: r.UID, Task: t}, nil
}

func packageDate(field, s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date (YYYY-MM-DD)", field, s)
	}
	return d, nil
}

// checkText refuses a text that is not UTF-8, holds NUL, or is longer
// than max characters.
func checkText(field, s string, max int) error {
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		return fmt.Errorf("%s is not valid text (UTF-8 without NUL characters)", field)
	case utf8.RuneCountInString(s) > max:
		return fmt.Errorf("%s is longer than %d characters", field, max)
	}
	return nil
}

// inEntry says that err is wrong with the n-th entry (uid) of tasks.json:
// a detailError keeps its code and gains the entry's number, a problem of
// the register (domain.CheckTask) stays one, anything else is
// DetailTaskEntry with err's English in the message only.
func inEntry(n int, uid string, err error) error {
	var de *detailError
	switch {
	case errors.As(err, &de):
		return &detailError{code: de.code, kv: append([]string{"entry", strconv.Itoa(n)}, de.kv...), msg: fmt.Sprintf("entry %d (%s): %s", n, uid, de.msg)}
	case len(domain.ErrorProblems(err)) > 0:
		return fmt.Errorf("entry %d (%s): %w", n, uid, err)
	}
	return detailf(DetailTaskEntry, []string{"entry", strconv.Itoa(n)}, "entry %d (%s): %v", n, uid, err)
}

// parseTasks reads tasks.json: every entry checked, uids distinct, every
// closure file's content in the package at its size. It returns the
// contents the entries use.
func (p *Package) parseTasks(data []byte, cat *domain.Catalog) (map[string]bool, error) {
	var recs []taskRecord
	if err := decodeStrict(data, &recs); err != nil {
		return nil, err
	}
	if len(recs) > MaxTasks {
		return nil, fmt.Errorf("it holds %d entries, more than %d", len(recs), MaxTasks)
	}
	used := map[string]bool{}
	seen := map[string]bool{}
	for i := range recs {
		e, err := recs[i].entry(cat)
		if err != nil {
			return nil, inEntry(i+1, recs[i].UID, err)
		}
		if seen[e.UID] {
			return nil, detailf(DetailTaskTwice, []string{"entry", strconv.Itoa(i + 1), "value", e.UID}, "entry %d: the uid %s is given twice", i+1, e.UID)
		}
		seen[e.UID] = true
		for _, f := range e.Task.Files {
			ef := p.entries[EvidenceDir+f.SHA256]
			if !validHash(f.SHA256) || ef == nil || p.size(ef.Name) != f.Size {
				return nil, detailf(DetailTaskFile, []string{"entry", strconv.Itoa(i + 1), "value", f.Name},
					"entry %d (%s): the closure file %q is not in the package at the size given", i+1, e.UID, f.Name)
			}
			used[f.SHA256] = true
		}
		p.Tasks = append(p.Tasks, e)
	}
	return used, nil
}

// standingRecord is standing.json: where the unit stands in its peer
// group by the lead's ranking of the round. Its JSON keys are part of the
// format.
type standingRecord struct {
	Round  string        `json:"round"`
	Group  string        `json:"group,omitempty"`
	Rank   int           `json:"rank"`
	Ranked int           `json:"ranked"`
	Target *targetRecord `json:"target,omitempty"`
	// Peers (optional, peers.go): the peer group's facts the lead scored
	// the unit with; older packages have none.
	Peers *peersRecord `json:"peers,omitempty"`
}

type targetRecord struct {
	Rank  int          `json:"rank,omitempty"`
	Score float64      `json:"score,omitempty"`
	Grade string       `json:"grade,omitempty"`
	Met   bool         `json:"met"`
	Lacks float64      `json:"lacks"`
	Cover float64      `json:"cover"`
	Items []targetItem `json:"items,omitempty"`
}

type targetItem struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
}

func standingRecordOf(s *domain.Standing) standingRecord {
	r := standingRecord{Round: s.Round, Group: s.Group, Rank: s.Rank, Ranked: s.Ranked, Peers: peersRecordOf(s.Peers)}
	if g := s.Target; g != nil {
		r.Target = &targetRecord{Rank: g.Target.Rank, Score: g.Target.Score, Grade: g.Target.Grade, Met: g.Met,
			Lacks: g.Lacks, Cover: g.Cover}
		for _, it := range g.Items {
			r.Target.Items = append(r.Target.Items, targetItem{ID: it.ID, Score: it.Score, Max: it.Max})
		}
	}
	return r
}

// parseStanding reads standing.json for an assessment of round in cat.
func parseStanding(data []byte, round string, cat *domain.Catalog) (*domain.Standing, error) {
	var r standingRecord
	if err := decodeStrict(data, &r); err != nil {
		return nil, err
	}
	switch {
	case r.Round != round:
		return nil, fmt.Errorf("it is the standing in round %q, not in the assessment's round %q", r.Round, round)
	case r.Ranked < 2 || r.Ranked > maxStandingRank:
		return nil, fmt.Errorf("ranked %d: a standing ranks 2 to %d units", r.Ranked, maxStandingRank)
	case r.Rank < 0 || r.Rank > r.Ranked:
		return nil, fmt.Errorf("rank %d is not between 0 and the %d units ranked", r.Rank, r.Ranked)
	}
	if err := checkText("group", r.Group, domain.MaxNameLen); err != nil {
		return nil, err
	}
	s := &domain.Standing{Round: r.Round, Group: r.Group, Rank: r.Rank, Ranked: r.Ranked}
	if r.Peers != nil {
		var err error
		if s.Peers, err = parsePeers(r.Peers, cat); err != nil {
			return nil, err
		}
	}
	if t := r.Target; t != nil {
		set := 0
		for _, b := range []bool{t.Rank != 0, t.Score != 0, t.Grade != ""} {
			if b {
				set++
			}
		}
		switch {
		case set != 1:
			return nil, fmt.Errorf("the target sets %d of rank, score and grade, not one", set)
		case t.Rank < 0 || t.Rank > maxStandingRank:
			return nil, fmt.Errorf("the target rank %d is out of range", t.Rank)
		case !points(t.Score) || !points(t.Lacks) || !points(t.Cover):
			return nil, fmt.Errorf("the target's score, lacks or cover is not a number of points")
		case len(t.Items) > maxTargetItems:
			return nil, fmt.Errorf("the target names more than %d items", maxTargetItems)
		}
		if err := checkText("target grade", t.Grade, domain.MaxNameLen); err != nil {
			return nil, err
		}
		g := &domain.TargetGap{Target: domain.UnitTarget{Rank: t.Rank, Score: t.Score, Grade: t.Grade}, Met: t.Met,
			Lacks: t.Lacks, Cover: t.Cover}
		for _, it := range t.Items {
			if cat.Item(it.ID) == nil {
				return nil, fmt.Errorf("the target names item %s, which the catalog does not have", it.ID)
			}
			if !points(it.Score) || !points(it.Max) {
				return nil, fmt.Errorf("item %s: its points are not a number of points", it.ID)
			}
			g.Items = append(g.Items, domain.ItemScore{ID: it.ID, Score: it.Score, Max: it.Max})
		}
		s.Target = g
	}
	return s, nil
}

// points reports whether f is a number of points a standing may hold.
func points(f float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0) && f >= 0 && (f == 0 || domain.OrdinaryNumber(f))
}

// StandingText says where a standing puts the unit, in Chinese, as the
// CLI and the import dialog show it: "排名 第3/12（分县局）· 目标第1名 差71分".
func StandingText(s *domain.Standing) string {
	if s == nil {
		return ""
	}
	out := "排名 "
	if s.Rank > 0 {
		out += "第" + strconv.Itoa(s.Rank) + "/" + strconv.Itoa(s.Ranked)
	} else {
		out += "未排名（共" + strconv.Itoa(s.Ranked) + "个单位）"
	}
	if s.Group != "" {
		out += "（" + s.Group + "）"
	}
	if g := s.Target; g != nil {
		goal := ""
		switch {
		case g.Target.Rank > 0:
			goal = "目标第" + strconv.Itoa(g.Target.Rank) + "名"
		case g.Target.Score > 0:
			goal = "目标" + num(g.Target.Score) + "分"
		default:
			goal = "目标" + g.Target.Grade
		}
		switch {
		case g.Met:
			out += " · " + goal + " 已达到"
		case g.Lacks > 0:
			out += " · " + goal + " 差" + num(g.Lacks) + "分"
		}
	}
	return out
}

func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

// MaxOriginalName caps an evidence file's original name, in bytes (the
// database keeps at most as much).
const MaxOriginalName = 1000

// checkOriginalName refuses an evidence file's original name that is not
// text, longer than MaxOriginalName bytes, or the stored name itself.
func checkOriginalName(a Attachment) error { return checkOriginal("evidence", a.Name, a.OriginalName) }

// checkOriginal refuses the original name o of a file stored as name
// (evidence, or a register entry's closure file — what) that is not text,
// longer than MaxOriginalName bytes, or the stored name itself.
func checkOriginal(what, name, o string) error {
	switch {
	case o == "":
		return nil
	case o == name:
		return detailf(DetailOriginalSame, []string{"value", name}, "the %s %q gives its own name as its original name", what, name)
	case len(o) > MaxOriginalName:
		return detailf(DetailOriginalLong, []string{"value", name, "max", strconv.Itoa(MaxOriginalName)},
			"the original name of the %s %q is longer than %d bytes", what, name, MaxOriginalName)
	case !utf8.ValidString(o) || strings.ContainsRune(o, 0):
		return detailf(DetailOriginalText, []string{"value", name}, "the original name of the %s %q is not valid text", what, name)
	}
	return nil
}

// StandingFunc says where an assessment stands in its round's ranking
// (nil: not known).
type StandingFunc func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error)

// WithReceived returns where an assessment stands for its score panel:
// the ranking the lead's last package brought (received, by assessment
// id: a unit that works alone and cannot rank its round), else what local
// ranks from this database's own assessments (a shared database, the
// lead's). Either may be nil.
func WithReceived(received func(ctx context.Context, assessmentID int64) (*domain.Standing, error), local StandingFunc) StandingFunc {
	return func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
		if received != nil {
			if s, err := received(ctx, ws.Assessment.ID); err != nil || s != nil {
				return s, err
			}
		}
		if local == nil {
			return nil, nil
		}
		return local(ctx, ws)
	}
}
