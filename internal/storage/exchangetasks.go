package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
	"pingce/internal/exchange"
)

// What travels in exchange packages beyond the assessment (schema 14,
// docs/formats.md §7): the 整改 register's entries, named across machines
// by a uid, and the ranking a review brings to a unit that works alone.

// taskLinkRow gives a register entry its identity across machines.
type taskLinkRow struct {
	TaskID int64    `gorm:"primaryKey;autoIncrement:false"`
	Task   *taskRow `gorm:"belongsTo:x;foreignKey:TaskID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	UID    string   `gorm:"column:uid;not null;uniqueIndex"`
	// Origin is the fingerprint of the key of the database that brought
	// the entry here; "" for an entry made here.
	Origin string `gorm:"not null;default:''"`
	// The package that brought the entry (Origin…) and the last one that
	// changed it since (Received…): kind, sender unit and operator,
	// package id, when imported (schema 16, tasks_origin.go).
	OriginKind       string `gorm:"not null;default:''"`
	OriginUnit       string `gorm:"not null;default:''"`
	OriginOperator   string `gorm:"not null;default:''"`
	OriginPackage    string `gorm:"not null;default:''"`
	OriginAt         *time.Time
	ReceivedKind     string `gorm:"not null;default:''"`
	ReceivedUnit     string `gorm:"not null;default:''"`
	ReceivedOperator string `gorm:"not null;default:''"`
	ReceivedPackage  string `gorm:"not null;default:''"`
	ReceivedAt       *time.Time
}

// TableName names the exchange_task_links table for GORM.
func (taskLinkRow) TableName() string { return "exchange_task_links" }

// standingRow is the ranking the lead's last package brought for one of
// this database's own assessments.
type standingRow struct {
	AssessmentID int64          `gorm:"primaryKey;autoIncrement:false"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	Round        string         `gorm:"not null"`
	GroupName    string         `gorm:"not null;default:''"`
	Rank         int            `gorm:"not null;default:0"`
	Ranked       int            `gorm:"not null;default:0"`
	Target       string         `gorm:"not null;default:''"` // the target gap as JSON, "" for none
	Peers        string         `gorm:"not null;default:''"` // the peer facts as JSON (schema 15), "" for none
	PackageID    string         `gorm:"not null;default:''"`
	ReceivedAt   time.Time
}

// TableName names the exchange_standings table for GORM.
func (standingRow) TableName() string { return "exchange_standings" }

func migrateExchangeRegister(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&taskLinkRow{}, &standingRow{}); err != nil {
		return fmt.Errorf("create the exchange register tables: %w", err)
	}
	return nil
}

// migrateStandingPeers adds the peer facts a standing brings (schema 15);
// a database made at 14 or later has them from its AutoMigrate.
func migrateStandingPeers(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&standingRow{}, "Peers") {
		return nil
	}
	if err := tx.Migrator().AddColumn(&standingRow{}, "Peers"); err != nil {
		return fmt.Errorf("add the standings' peer facts: %w", err)
	}
	return nil
}

// TaskUIDs returns the uid of each register entry given, making those it
// lacks (exchange.TaskLinker).
func (s *Store) TaskUIDs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		for _, chunk := range chunks(ids, 500) {
			var rows []taskLinkRow
			if err := tx.Where("task_id IN ?", chunk).Find(&rows).Error; err != nil {
				return err
			}
			for _, r := range rows {
				out[r.TaskID] = r.UID
			}
		}
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			r := taskLinkRow{TaskID: id, UID: exchange.NewID()}
			if err := tx.Create(&r).Error; err != nil {
				return fmt.Errorf("name register entry %d: %w", id, err)
			}
			out[id] = r.UID
		}
		return nil
	})
	if err != nil {
		return nil, dbErr(err, "name register entries for exchange")
	}
	return out, nil
}

func chunks[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

// taskReceive is the audit action of a register entry a package brought
// or changed (before/after: the entry documents of formats.md §10).
const taskReceive domain.TaskAction = "task_receive"

// receiveTasks applies the register entries a package brought to the
// assessment id, inside tx (docs/formats.md §7, Register entries). The
// lead (a review) is the side that assigns and closes; the unit (a
// submission) the side that rectifies: of an entry known here, each
// package changes only the fields and statuses its side may (TaskRules);
// timelines and closure files are merged, each note and file once.
func (s *Store) receiveTasks(ctx context.Context, tx *gorm.DB, p *exchange.Package, id int64, out *exchange.Applied) error {
	if len(p.Tasks) == 0 {
		return nil
	}
	st, err := s.load(ctx, tx, id)
	if err != nil {
		return err
	}
	fromLead := p.Manifest.Kind == exchange.KindReview
	if p.Manifest.Kind == exchange.KindRegister { // from the lead when the assessment is this database's own
		var l linkRow
		if err := tx.Take(&l, "assessment_id = ?", id).Error; err != nil {
			return err
		}
		fromLead = !l.Received
	}
	for i := range p.Tasks {
		e := &p.Tasks[i]
		bad := func(detail string) error {
			return packageErr(domain.EINVALID, exchange.ProbContent, "{name} cannot be read: {detail}",
				"name", exchange.TasksName, "detail", fmt.Sprintf("entry %s: %s", e.UID, detail))
		}
		if e.Task.ItemID != "" && st.cat.Item(e.Task.ItemID) == nil {
			return bad(fmt.Sprintf("item %s is not in the catalog %s of the assessment here", e.Task.ItemID, st.cat.Ref()))
		}
		var link taskLinkRow
		err := tx.Take(&link, "uid = ?", e.UID).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := s.newReceivedTask(ctx, tx, p, st, e, fromLead); err != nil {
				return err
			}
			out.Tasks++
			out.TasksNew++
		case err != nil:
			return err
		default:
			t, err := loadTask(tx, link.TaskID)
			if err != nil {
				return err
			}
			if t.UnitID != st.row.UnitID {
				return bad(fmt.Sprintf("it is entry #%d here, of another unit (%s)", t.ID, t.UnitName))
			}
			changed, kept, err := s.mergeTask(ctx, tx, p, st, t, &e.Task, fromLead)
			if err != nil {
				return err
			}
			if changed {
				out.Tasks++
			}
			if kept {
				out.TasksKept++
			}
		}
	}
	return nil
}

// receiveRegister applies a register package (整改进展包): the entries
// only, to the assessment the package is about, which must have been
// exchanged with its sender; its answers and state are left as they are.
func (s *Store) receiveRegister(ctx context.Context, tx *gorm.DB, p *exchange.Package, out *exchange.Applied) error {
	m := &p.Manifest
	var link linkRow
	err := tx.Take(&link, "uid = ?", m.Assessment.UID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return packageErr(domain.ENOTFOUND, exchange.ProbNoAssessment, "the assessment the register entries are about is not here ({what}): import its submission or review first",
			"what", m.Assessment.Unit.Name+" "+m.Assessment.Round)
	} else if err != nil {
		return err
	}
	if err := checkPeer(tx, link, m); err != nil { // exchangefit.go
		return err
	}
	out.AssessmentID = link.AssessmentID
	if p.Standing != nil && link.Received {
		return packageErr(domain.EINVALID, exchange.ProbContent, "{name} cannot be read: a unit's package carries no ranking: only the lead ranks the round",
			"name", exchange.StandingName, "detail", exchange.DetailStandingNotLead)
	}
	if err := s.receiveTasks(ctx, tx, p, link.AssessmentID, out); err != nil {
		return err
	}
	return s.receiveStanding(tx, p, link.AssessmentID, out)
}

// newReceivedTask stores an entry this database has not seen, linked to
// the assessment st. From a unit, its status is at most what the unit may
// reach from 待整改: a closure it made itself arrives as 申请销号, an
// extension as 申请延期.
func (s *Store) newReceivedTask(ctx context.Context, tx *gorm.DB, p *exchange.Package, st *state, e *exchange.TaskEntry, fromLead bool) error {
	t := e.Task
	t.ID, t.AssessmentID, t.Round, t.UnitID, t.UnitName = 0, st.row.ID, st.row.Round, st.row.UnitID, st.unit.Name
	if t.FirstRound == "" && e.Task.Round != "" && e.Task.Round != st.row.Round {
		t.FirstRound = e.Task.Round
	}
	if t.ItemID != "" {
		t.ItemTitle = st.cat.Item(t.ItemID).Title
	}
	files, notes := t.Files, t.Notes
	t.Files, t.Notes = nil, nil
	if !fromLead {
		want := t.Status
		t.Status = domain.TaskOpen
		t.Extended, t.ClosedComment, t.ClosedBy, t.ClosedAt = false, "", "", time.Time{}
		if to, ok := reach(domain.SideUnit, domain.TaskOpen, unitView(want), len(files) > 0); ok {
			t.Status = to
		}
		if t.Status != domain.TaskExtensionRequested {
			t.ExtensionReason, t.ExtensionDue = "", time.Time{}
		}
	}
	if err := domain.ValidateTask(&t); err != nil {
		return err
	}
	now := s.now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = now
	}
	t.UpdatedAt = now
	row := taskRowOf(&t)
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("store register entry: %w", err)
	}
	t.ID = row.ID
	o := s.packageOrigin(ctx, p)
	link := taskLinkRow{TaskID: t.ID, UID: e.UID, Origin: p.Manifest.Sender.Fingerprint, OriginKind: o.Kind, OriginUnit: o.Unit,
		OriginOperator: o.Operator, OriginPackage: o.Package, OriginAt: timePtr(o.At)}
	if err := tx.Create(&link).Error; err != nil {
		return fmt.Errorf("name register entry %d: %w", t.ID, err)
	}
	t.Origin = &o
	t.Notes = notes
	if err := saveNotes(tx, t.ID, notes); err != nil {
		return err
	}
	for _, f := range files {
		tf, err := s.receiveTaskFile(tx, p, t.ID, f)
		if err != nil {
			return err
		}
		t.Files = append(t.Files, tf)
	}
	return s.auditTask(ctx, tx, taskReceive, nil, &t)
}

// mergeTask applies what the sender's side may change of an entry known
// here: changed when anything did, kept when the sender's status could not
// be taken although it is not merely behind this side's (the sender's
// side may not take the entry there, or both sides moved it).
func (s *Store) mergeTask(ctx context.Context, tx *gorm.DB, p *exchange.Package, st *state, t, in *domain.Task, fromLead bool) (changed, kept bool, err error) {
	before := *t
	before.Notes, before.Files = slices.Clone(t.Notes), slices.Clone(t.Files)
	if fromLead {
		t.Problem, t.Lead, t.Checker, t.Due, t.Kind, t.Source = in.Problem, in.Lead, in.Checker, in.Due, in.Kind, in.Source
		t.Notices = max(t.Notices, in.Notices)
	} else {
		t.Measure, t.Target, t.Owner, t.Assist = in.Measure, in.Target, in.Owner, in.Assist
	}
	if t.AssessmentID != st.row.ID { // carried into the next round on the sender's side
		if t.FirstRound == "" {
			t.FirstRound = t.Round
		}
		t.AssessmentID, t.Round = st.row.ID, st.row.Round
	}
	// Timeline and files: each note and file once.
	noteKey := func(n domain.TaskNote) string {
		return n.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano) + "\x00" + n.By + "\x00" + string(n.Kind) + "\x00" + string(n.Status) + "\x00" + n.Text
	}
	haveNote := map[string]bool{}
	for _, n := range t.Notes {
		haveNote[noteKey(n)] = true
	}
	var fresh []domain.TaskNote
	for _, n := range in.Notes {
		if k := noteKey(n); !haveNote[k] {
			haveNote[k] = true
			fresh = append(fresh, n)
		}
	}
	slices.SortStableFunc(fresh, func(a, b domain.TaskNote) int { return a.At.Compare(b.At) })
	haveFile := map[string]bool{}
	for _, f := range t.Files {
		haveFile[f.SHA256+"\x00"+f.Name] = true
	}
	var newFiles []domain.TaskFile
	for _, f := range in.Files {
		if k := f.SHA256 + "\x00" + f.Name; !haveFile[k] {
			haveFile[k] = true
			newFiles = append(newFiles, f)
		}
	}
	if err := fillOriginalNames(tx, t, in.Files); err != nil { // tasks_origin.go
		return false, false, err
	}
	// The status, where the sender's side may take it.
	side, want := domain.SideAssigner, in.Status
	if !fromLead {
		side, want = domain.SideUnit, unitView(in.Status)
	}
	if want != t.Status {
		to, ok := reach(side, t.Status, want, len(t.Files)+len(newFiles) > 0)
		switch {
		case !ok:
			// Kept, unless the sender is only behind: its status leads to
			// this side's by the steps either side takes.
			_, behind := reach(domain.SideUnit|domain.SideAssigner, want, t.Status, true)
			kept = !behind
		case fromLead:
			t.Status, t.Returned, t.Extended = to, in.Returned, in.Extended
			t.ExtensionReason, t.ExtensionDue = in.ExtensionReason, in.ExtensionDue
			t.ClosedComment, t.ClosedBy, t.ClosedAt = in.ClosedComment, in.ClosedBy, in.ClosedAt
		default:
			t.Status = to
			switch to {
			case domain.TaskExtensionRequested:
				t.ExtensionReason, t.ExtensionDue = in.ExtensionReason, in.ExtensionDue
			case domain.TaskClosureRequested:
				t.Returned = false
			}
		}
	}
	if err := domain.ValidateTask(t); err != nil {
		return false, false, err
	}
	changed = len(fresh) > 0 || len(newFiles) > 0 || docOf(&before) != docOf(t) || before.Notices != t.Notices ||
		before.Returned != t.Returned || before.Extended != t.Extended || before.FirstRound != t.FirstRound
	if !changed {
		return false, kept, nil
	}
	t.UpdatedAt = s.now()
	t.Notes = append(t.Notes, fresh...)
	if err := saveTask(tx, t, len(before.Notes)); err != nil {
		return false, false, err
	}
	for _, f := range newFiles {
		tf, err := s.receiveTaskFile(tx, p, t.ID, f)
		if err != nil {
			return false, false, err
		}
		t.Files = append(t.Files, tf)
	}
	o := s.packageOrigin(ctx, p)
	if err := tx.Model(&taskLinkRow{}).Where("task_id = ?", t.ID).Updates(map[string]any{"received_kind": o.Kind,
		"received_unit": o.Unit, "received_operator": o.Operator, "received_package": o.Package, "received_at": o.At}).Error; err != nil {
		return false, false, fmt.Errorf("record the package that changed entry %d: %w", t.ID, err)
	}
	t.Received = &o
	return true, kept, s.auditTask(ctx, tx, taskReceive, &before, t)
}

// unitView is the status a unit's entry may arrive in: a closure or an
// extension the unit granted itself is, to the lead, a request.
func unitView(st domain.TaskStatus) domain.TaskStatus {
	switch st {
	case domain.TaskClosed:
		return domain.TaskClosureRequested
	case domain.TaskExtended:
		return domain.TaskExtensionRequested
	}
	return st
}

// reach reports whether steps side may take (domain.TaskRules) lead from
// status from to status to; a closure, or a request for one, needs files.
func reach(side domain.TaskSide, from, to domain.TaskStatus, files bool) (domain.TaskStatus, bool) {
	if (to == domain.TaskClosed || to == domain.TaskClosureRequested) && !files {
		return from, false
	}
	seen := map[domain.TaskStatus]bool{from: true}
	queue := []domain.TaskStatus{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			return to, true
		}
		for _, r := range domain.TaskRules {
			if r.Sides&side == 0 || r.To == "" || seen[r.To] || !slices.Contains(r.From, cur) {
				continue
			}
			seen[r.To] = true
			queue = append(queue, r.To)
		}
	}
	return from, false
}

// saveNotes stores timeline notes of a new entry.
func saveNotes(tx *gorm.DB, taskID int64, notes []domain.TaskNote) error {
	for _, n := range notes {
		nr := taskNoteRow{TaskID: taskID, At: n.At, By: n.By, Kind: string(n.Kind), Status: string(n.Status), Text: n.Text}
		if err := tx.Create(&nr).Error; err != nil {
			return fmt.Errorf("store the timeline of entry %d: %w", taskID, err)
		}
	}
	return nil
}

// receiveTaskFile stores a closure evidence file a package brought, its
// content read from the package through the evidence size limit.
func (s *Store) receiveTaskFile(tx *gorm.DB, p *exchange.Package, taskID int64, f domain.TaskFile) (domain.TaskFile, error) {
	rc, err := p.Evidence(f.SHA256)
	if err != nil {
		return domain.TaskFile{}, err
	}
	// Stored a piece at a time as it is read; the package's reader checks
	// the hash (chunks.go putContent).
	c, err := putContent(tx, f.Name, rc, f.SHA256, s.maxEvidence)
	rc.Close()
	if err != nil {
		return domain.TaskFile{}, fmt.Errorf("read closure evidence file %s: %w", f.Name, err)
	}
	now := s.now()
	at := f.AddedAt
	if at.IsZero() {
		at = now
	}
	fr := taskFileRow{TaskID: taskID, Name: f.Name, MediaType: mediaType(f.Name, c.Head), Size: c.Size, SHA256: f.SHA256,
		AddedBy: f.AddedBy, AddedAt: at, OriginalName: originalName(f.OriginalName, f.Name)}
	if err := tx.Create(&fr).Error; err != nil {
		return domain.TaskFile{}, fmt.Errorf("attach closure evidence: %w", err)
	}
	return fr.domain(), nil
}

// keepOriginalName records the name an evidence file was given, which a
// package brought beside its cleaned name (schema 11).
func keepOriginalName(tx *gorm.DB, evidenceID int64, given, cleaned string) error {
	o := originalName(given, cleaned)
	if o == "" {
		return nil
	}
	return tx.Model(&evidenceRow{}).Where("id = ?", evidenceID).Update("original_name", o).Error
}

// standingTargetDoc is a standing's target as exchange_standings keeps it.
type standingTargetDoc struct {
	Rank  int                `json:"rank,omitempty"`
	Score float64            `json:"score,omitempty"`
	Grade string             `json:"grade,omitempty"`
	Met   bool               `json:"met"`
	Lacks float64            `json:"lacks"`
	Cover float64            `json:"cover"`
	Items []domain.ItemScore `json:"items,omitempty"`
}

// receiveStanding keeps the ranking a review brought for the assessment;
// a review without one leaves the last one kept.
func (s *Store) receiveStanding(tx *gorm.DB, p *exchange.Package, id int64, out *exchange.Applied) error {
	sd := p.Standing
	if sd == nil {
		return nil
	}
	row := standingRow{AssessmentID: id, Round: sd.Round, GroupName: sd.Group, Rank: sd.Rank, Ranked: sd.Ranked,
		PackageID: p.Manifest.ID, ReceivedAt: s.now()}
	if g := sd.Target; g != nil {
		b, err := json.Marshal(standingTargetDoc{Rank: g.Target.Rank, Score: g.Target.Score, Grade: g.Target.Grade, Met: g.Met,
			Lacks: g.Lacks, Cover: g.Cover, Items: g.Items})
		if err != nil {
			return err
		}
		row.Target = string(b)
	}
	if sd.Peers != nil {
		b, err := json.Marshal(sd.Peers)
		if err != nil {
			return err
		}
		row.Peers = string(b)
	}
	if err := tx.Where("assessment_id = ?", id).Delete(&standingRow{}).Error; err != nil {
		return err
	}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("keep the round's ranking: %w", err)
	}
	out.Standing = sd
	return nil
}

// ReceivedStanding returns where the lead's last package about one of this
// database's own assessments put it in its round's ranking: what a unit
// that shares no database with its lead shows on its score panel. Nil
// (and no error) when no package brought one.
func (s *Store) ReceivedStanding(ctx context.Context, assessmentID int64) (*domain.Standing, error) {
	var rows []standingRow
	if err := s.db.WithContext(ctx).Where("assessment_id = ?", assessmentID).Limit(1).Find(&rows).Error; err != nil {
		return nil, dbErr(err, "read the round's ranking")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	r := rows[0]
	out := &domain.Standing{Round: r.Round, Group: r.GroupName, Rank: r.Rank, Ranked: r.Ranked}
	if r.Target != "" {
		var d standingTargetDoc
		if err := json.Unmarshal([]byte(r.Target), &d); err != nil {
			return nil, domain.Errorf(domain.EINTERNAL, "the kept ranking of assessment %d is damaged: %v", assessmentID, err)
		}
		out.Target = &domain.TargetGap{Target: domain.UnitTarget{Rank: d.Rank, Score: d.Score, Grade: d.Grade},
			Met: d.Met, Lacks: d.Lacks, Cover: d.Cover, Items: d.Items}
	}
	peers, err := standingPeers(r, assessmentID)
	if err != nil {
		return nil, err
	}
	out.Peers = peers
	return out, nil
}

// standingPeers decodes the peer facts a kept standing holds (nil: none).
func standingPeers(r standingRow, assessmentID int64) (*domain.PeerFacts, error) {
	if r.Peers == "" {
		return nil, nil
	}
	var f domain.PeerFacts
	if err := json.Unmarshal([]byte(r.Peers), &f); err != nil {
		return nil, domain.Errorf(domain.EINTERNAL, "the kept peer facts of assessment %d are damaged: %v", assessmentID, err)
	}
	return &f, nil
}

// receivedPeers returns the peer facts the lead's last package brought for
// a stored assessment, which its workspace scores the rules comparing
// units with: only while the assessment cannot change (submitted or
// approved: the answers the lead scored), never for a draft or a returned
// one, whose answers may have moved on since.
func receivedPeers(tx *gorm.DB, st *state) (*domain.PeerFacts, error) {
	if st.cat == nil || !st.cat.RoundScored() || st.row.domain(st.unit).Status.Editable() {
		return nil, nil
	}
	var rows []standingRow
	if err := tx.Where("assessment_id = ?", st.row.ID).Limit(1).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read the round's peer facts of assessment %d: %w", st.row.ID, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return standingPeers(rows[0], st.row.ID)
}
