package storage

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// The rectification register (整改台账, schema 9): entries, their
// timelines, their closure evidence files (contents in evidence_blobs,
// shared with evidence) and the answers carried into a next round.

// taskRow is one register entry.
type taskRow struct {
	ID           int64   `gorm:"primaryKey"`
	Source       string  `gorm:"not null"`
	Round        string  `gorm:"not null;default:'';index"`
	UnitID       int64   `gorm:"not null;default:0;index"`
	UnitName     string  `gorm:"not null;default:''"`
	AssessmentID int64   `gorm:"not null;default:0;index"`
	ItemID       string  `gorm:"not null;default:''"`
	ItemTitle    string  `gorm:"not null;default:''"`
	Lost         float64 `gorm:"not null;default:0"`

	Problem string    `gorm:"not null;default:''"`
	Measure string    `gorm:"not null;default:''"`
	Target  string    `gorm:"not null;default:''"`
	Lead    string    `gorm:"not null;default:''"`
	Assist  string    `gorm:"not null;default:''"`
	Owner   string    `gorm:"not null;default:''"`
	Checker string    `gorm:"not null;default:''"`
	Due     time.Time `gorm:"column:due_on;not null"`
	Kind    string    `gorm:"not null"`
	Status  string    `gorm:"not null;index"`

	ExtensionReason string     `gorm:"not null;default:''"`
	ExtensionDue    *time.Time `gorm:"column:extension_due_on"`
	Extended        bool       `gorm:"not null;default:false"`
	Returned        bool       `gorm:"not null;default:false"`

	ClosedComment string `gorm:"not null;default:''"`
	ClosedBy      string `gorm:"not null;default:''"`
	ClosedAt      *time.Time

	Notices    int    `gorm:"not null;default:0"`
	FirstRound string `gorm:"not null;default:''"`

	CreatedBy string `gorm:"not null;default:''"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName names the tasks table for GORM.
func (taskRow) TableName() string { return "tasks" }

// taskNoteRow is one entry of a register entry's timeline.
type taskNoteRow struct {
	ID     int64     `gorm:"primaryKey"`
	TaskID int64     `gorm:"not null;index"`
	Task   *taskRow  `gorm:"belongsTo:x;foreignKey:TaskID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	At     time.Time `gorm:"not null"`
	By     string    `gorm:"column:by_name;not null;default:''"`
	Kind   string    `gorm:"not null"`
	Status string    `gorm:"not null;default:''"`
	Text   string    `gorm:"not null;default:''"`
}

// TableName names the task_notes table for GORM.
func (taskNoteRow) TableName() string { return "task_notes" }

// taskFileRow is a closure evidence file; its content is a blob shared
// with evidence (dropOrphanBlobs keeps blobs a task file uses).
type taskFileRow struct {
	ID        int64    `gorm:"primaryKey"`
	TaskID    int64    `gorm:"not null;index"`
	Task      *taskRow `gorm:"belongsTo:x;foreignKey:TaskID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	Name      string   `gorm:"not null"`
	MediaType string   `gorm:"not null;default:''"`
	Size      int64    `gorm:"not null"`
	SHA256    string   `gorm:"column:sha256;not null;index"`
	Blob      *blobRow `gorm:"belongsTo:x;foreignKey:SHA256;references:SHA256;constraint:OnUpdate:CASCADE,OnDelete:RESTRICT"`
	AddedBy   string   `gorm:"not null;default:''"`
	AddedAt   time.Time
	// OriginalName is the name the file was given when Name is a cleaned
	// one (schema 16, as evidence.original_name).
	OriginalName string `gorm:"not null;default:''"`
}

// TableName names the task_files table for GORM.
func (taskFileRow) TableName() string { return "task_files" }

// carriedRow marks an answer carried from the last round (沿用上轮) that
// the unit has not confirmed: Answer is the carried answer as a document;
// the mark stands while the item's answer is still that one.
type carriedRow struct {
	AssessmentID int64          `gorm:"primaryKey;autoIncrement:false"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	ItemID       string         `gorm:"primaryKey"`
	FromID       int64          `gorm:"column:from_assessment_id;not null"`
	Answer       string         `gorm:"not null;default:''"`
}

// TableName names the carried_answers table for GORM.
func (carriedRow) TableName() string { return "carried_answers" }

func migrateTasks(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&taskRow{}, &taskNoteRow{}, &taskFileRow{}, &carriedRow{}); err != nil {
		return fmt.Errorf("create the register's tables: %w", err)
	}
	return nil
}

func taskRowOf(t *domain.Task) taskRow {
	return taskRow{ID: t.ID, Source: string(t.Source), Round: t.Round, UnitID: t.UnitID, UnitName: t.UnitName,
		AssessmentID: t.AssessmentID, ItemID: t.ItemID, ItemTitle: t.ItemTitle, Lost: t.Lost,
		Problem: t.Problem, Measure: t.Measure, Target: t.Target, Lead: t.Lead, Assist: t.Assist, Owner: t.Owner,
		Checker: t.Checker, Due: t.Due.UTC(), Kind: string(t.Kind), Status: string(t.Status),
		ExtensionReason: t.ExtensionReason, ExtensionDue: timePtr(t.ExtensionDue), Extended: t.Extended, Returned: t.Returned,
		ClosedComment: t.ClosedComment, ClosedBy: t.ClosedBy, ClosedAt: timePtr(t.ClosedAt),
		Notices: t.Notices, FirstRound: t.FirstRound, CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

func (r *taskRow) domain() domain.Task {
	return domain.Task{ID: r.ID, Source: domain.TaskSource(r.Source), Round: r.Round, UnitID: r.UnitID, UnitName: r.UnitName,
		AssessmentID: r.AssessmentID, ItemID: r.ItemID, ItemTitle: r.ItemTitle, Lost: r.Lost,
		Problem: r.Problem, Measure: r.Measure, Target: r.Target, Lead: r.Lead, Assist: r.Assist, Owner: r.Owner,
		Checker: r.Checker, Due: r.Due.UTC(), Kind: domain.TaskKind(r.Kind), Status: domain.TaskStatus(r.Status),
		ExtensionReason: r.ExtensionReason, ExtensionDue: timeOf(r.ExtensionDue), Extended: r.Extended, Returned: r.Returned,
		ClosedComment: r.ClosedComment, ClosedBy: r.ClosedBy, ClosedAt: timeOf(r.ClosedAt),
		Notices: r.Notices, FirstRound: r.FirstRound, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func (r *taskFileRow) domain() domain.TaskFile {
	return domain.TaskFile{ID: r.ID, TaskID: r.TaskID, Name: r.Name, MediaType: r.MediaType, Size: r.Size,
		SHA256: r.SHA256, AddedBy: r.AddedBy, AddedAt: r.AddedAt.UTC(), OriginalName: r.OriginalName}
}

// taskDoc is a register entry in the audit trail: its fields, not its
// timeline (each step is an audit entry of its own).
type taskDoc struct {
	ID           int64   `json:"id"`
	Source       string  `json:"source"`
	Round        string  `json:"round"`
	UnitID       int64   `json:"unit_id"`
	AssessmentID int64   `json:"assessment_id"`
	ItemID       string  `json:"item_id"`
	Problem      string  `json:"problem"`
	Measure      string  `json:"measure"`
	Target       string  `json:"target"`
	Lead         string  `json:"lead"`
	Assist       string  `json:"assist"`
	Owner        string  `json:"owner"`
	Checker      string  `json:"checker"`
	Due          string  `json:"due"`
	Kind         string  `json:"kind"`
	Status       string  `json:"status"`
	Extension    string  `json:"extension_due"`
	Reason       string  `json:"extension_reason"`
	Closed       string  `json:"closed_comment"`
	Files        int     `json:"files"`
	Note         string  `json:"note"`
	Lost         float64 `json:"lost"`
}

func docOf(t *domain.Task) taskDoc {
	d := taskDoc{ID: t.ID, Source: string(t.Source), Round: t.Round, UnitID: t.UnitID, AssessmentID: t.AssessmentID,
		ItemID: t.ItemID, Problem: t.Problem, Measure: t.Measure, Target: t.Target, Lead: t.Lead, Assist: t.Assist,
		Owner: t.Owner, Checker: t.Checker, Due: domain.DateText(t.Due), Kind: string(t.Kind), Status: string(t.Status),
		Extension: domain.DateText(t.ExtensionDue), Reason: t.ExtensionReason, Closed: t.ClosedComment,
		Files: len(t.Files), Lost: t.Lost}
	if n := len(t.Notes); n > 0 {
		d.Note = t.Notes[n-1].Text
	}
	return d
}

// auditTask records one change of an entry.
func (s *Store) auditTask(ctx context.Context, tx *gorm.DB, act domain.TaskAction, before, after *domain.Task) error {
	t := after
	if t == nil {
		t = before
	}
	var b, a any
	if before != nil {
		b = docOf(before)
	}
	if after != nil {
		a = docOf(after)
	}
	return s.audit(ctx, tx, t.AssessmentID, t.ItemID, string(act), b, a)
}

// CreateTasks stores new entries, all or none (domain.TaskService).
// Each entry's round, unit and item title come from its assessment; its
// status is 待整改 and its creator the context's user.
func (s *Store) CreateTasks(ctx context.Context, ts []domain.Task) ([]domain.Task, error) {
	u, _ := domain.UserFrom(ctx)
	out := make([]domain.Task, 0, len(ts))
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		out = out[:0]
		states := map[int64]*state{}
		for i := range ts {
			t := ts[i]
			t.ID, t.Status, t.Notes, t.Files = 0, domain.TaskOpen, nil, nil
			if t.AssessmentID != 0 {
				st := states[t.AssessmentID]
				if st == nil {
					var err error
					if st, err = s.load(ctx, tx, t.AssessmentID); err != nil {
						return err
					}
					states[t.AssessmentID] = st
				}
				t.Round, t.UnitID, t.UnitName = st.row.Round, st.row.UnitID, st.unit.Name
				if t.ItemID != "" {
					it := st.cat.Item(t.ItemID)
					if it == nil {
						return domain.Errorf(domain.ENOTFOUND, "catalog %s has no item %q", st.cat.Ref(), t.ItemID)
					}
					t.ItemTitle = it.Title
				}
			} else if t.UnitID != 0 {
				var ur unitRow
				if err := tx.Take(&ur, t.UnitID).Error; err != nil {
					return notFound(err, "no unit with id %d", t.UnitID)
				}
				t.UnitName = ur.Name
			}
			if err := domain.AuthorizeTask(u, domain.TaskActCreate, &t); err != nil {
				return err
			}
			if err := domain.ValidateTask(&t); err != nil {
				return err
			}
			now := s.now()
			t.CreatedBy, t.CreatedAt, t.UpdatedAt = u.Name, now, now
			row := taskRowOf(&t)
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("store register entry: %w", err)
			}
			t.ID = row.ID
			if err := s.auditTask(ctx, tx, domain.TaskActCreate, nil, &t); err != nil {
				return err
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return nil, dbErr(err, "create register entries")
	}
	return out, nil
}

// ListTasks returns the entries the filter selects, by id, with their
// timelines, files and the packages they came from (domain.TaskService).
// Four queries whatever the number of entries.
func (s *Store) ListTasks(ctx context.Context, f domain.TaskFilter) ([]domain.Task, error) {
	var out []domain.Task
	err := s.read(ctx, func(tx *gorm.DB) error {
		var err error
		out, err = listTasks(tx, f)
		return err
	})
	return out, dbErr(err, "list register entries")
}

func listTasks(tx *gorm.DB, f domain.TaskFilter) ([]domain.Task, error) {
	return listTasksWhere(tx, f, 0)
}

// listTasksWhere is listTasks, of the one entry id when id is not 0.
func listTasksWhere(tx *gorm.DB, f domain.TaskFilter, id int64) ([]domain.Task, error) {
	fresh := func() *gorm.DB { return tx.Session(&gorm.Session{NewDB: true}) }
	q := fresh().Model(&taskRow{})
	if id != 0 {
		q = q.Where("id = ?", id)
	}
	if f.Round != "" {
		q = q.Where("round = ?", f.Round)
	}
	if f.UnitID != 0 {
		q = q.Where("unit_id = ?", f.UnitID)
	}
	if f.AssessmentID != 0 {
		q = q.Where("assessment_id = ?", f.AssessmentID)
	}
	if f.ItemID != "" {
		q = q.Where("item_id = ?", f.ItemID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.Source != "" {
		q = q.Where("source = ?", string(f.Source))
	}
	if f.Owner != "" {
		q = q.Where("owner = ?", f.Owner)
	}
	if f.Open {
		q = q.Where("status <> ?", string(domain.TaskClosed))
	}
	var rows []taskRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]domain.Task, len(rows))
	idx := make(map[int64]int, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
		idx[rows[i].ID] = i
	}
	if len(rows) == 0 {
		return out, nil
	}
	// Notes and files of the selected entries: by the same filter as a
	// subquery, so that the statement's size does not grow with the list.
	sub := q.Session(&gorm.Session{}).Select("id")
	var notes []taskNoteRow
	if err := fresh().Where("task_id IN (?)", sub).Order("id").Find(&notes).Error; err != nil {
		return nil, fmt.Errorf("read timelines: %w", err)
	}
	for i := range notes {
		n := &notes[i]
		if j, ok := idx[n.TaskID]; ok {
			out[j].Notes = append(out[j].Notes, domain.TaskNote{At: n.At.UTC(), By: n.By, Kind: domain.TaskNoteKind(n.Kind),
				Status: domain.TaskStatus(n.Status), Text: n.Text})
		}
	}
	var files []taskFileRow
	if err := fresh().Where("task_id IN (?)", sub).Order("id").Find(&files).Error; err != nil {
		return nil, fmt.Errorf("read closure evidence: %w", err)
	}
	for i := range files {
		if j, ok := idx[files[i].TaskID]; ok {
			out[j].Files = append(out[j].Files, files[i].domain())
		}
	}
	if err := readOrigins(fresh, sub, idx, out); err != nil { // tasks_origin.go
		return nil, err
	}
	return out, nil
}

// Task returns one entry (domain.TaskService).
func (s *Store) Task(ctx context.Context, id int64) (*domain.Task, error) {
	var t *domain.Task
	err := s.read(ctx, func(tx *gorm.DB) error {
		var err error
		t, err = loadTask(tx, id)
		return err
	})
	return t, dbErr(err, fmt.Sprintf("read register entry %d", id))
}

func loadTask(tx *gorm.DB, id int64) (*domain.Task, error) {
	var n int64
	if err := tx.Model(&taskRow{}).Where("id = ?", id).Count(&n).Error; err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no register entry with id %d", id)
	}
	ts, err := listTasksWhere(tx, domain.TaskFilter{}, id)
	if err != nil {
		return nil, err
	}
	if len(ts) != 1 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no register entry with id %d", id)
	}
	return &ts[0], nil
}

// lockTask reads an entry for a change, its row locked on PostgreSQL.
func (s *Store) lockTask(tx *gorm.DB, id int64) (*domain.Task, error) {
	var row taskRow
	if err := s.forUpdate(tx).Take(&row, id).Error; err != nil {
		return nil, notFound(err, "no register entry with id %d", id)
	}
	return loadTask(tx, id)
}

// saveTask writes the entry's row and the timeline notes after the first
// old ones.
func saveTask(tx *gorm.DB, t *domain.Task, old int) error {
	row := taskRowOf(t)
	if err := tx.Select("*").Omit("id", "created_at", "created_by").Where("id = ?", t.ID).Updates(&row).Error; err != nil {
		return fmt.Errorf("store register entry %d: %w", t.ID, err)
	}
	for _, n := range t.Notes[old:] {
		nr := taskNoteRow{TaskID: t.ID, At: n.At, By: n.By, Kind: string(n.Kind), Status: string(n.Status), Text: n.Text}
		if err := tx.Create(&nr).Error; err != nil {
			return fmt.Errorf("store the timeline of entry %d: %w", t.ID, err)
		}
	}
	return nil
}

// EditTask changes an entry's fields (domain.Task.Edit), audited.
func (s *Store) EditTask(ctx context.Context, id int64, next domain.Task) (*domain.Task, error) {
	return s.changeTask(ctx, id, domain.TaskActEdit, func(u domain.User, t *domain.Task) error {
		return t.Edit(u, next, s.now())
	})
}

// StepTask takes a step on an entry (domain.Task.Step), audited.
func (s *Store) StepTask(ctx context.Context, id int64, act domain.TaskAction, in domain.TaskStep) (*domain.Task, error) {
	return s.changeTask(ctx, id, act, func(u domain.User, t *domain.Task) error {
		return t.Step(u, act, in, s.now())
	})
}

func (s *Store) changeTask(ctx context.Context, id int64, act domain.TaskAction, fn func(domain.User, *domain.Task) error) (*domain.Task, error) {
	u, _ := domain.UserFrom(ctx)
	var out *domain.Task
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		t, err := s.lockTask(tx, id)
		if err != nil {
			return err
		}
		if err := s.changeTaskTx(ctx, tx, u, t, act, fn); err != nil {
			return err
		}
		out = t
		return nil
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("%s register entry %d", act, id))
	}
	return out, nil
}

// changeTaskTx applies fn to the locked entry t, stores it and audits act.
func (s *Store) changeTaskTx(ctx context.Context, tx *gorm.DB, u domain.User, t *domain.Task, act domain.TaskAction, fn func(domain.User, *domain.Task) error) error {
	before := *t
	before.Notes = slices.Clone(t.Notes)
	before.Files = slices.Clone(t.Files)
	if err := fn(u, t); err != nil {
		return err
	}
	if err := saveTask(tx, t, len(before.Notes)); err != nil {
		return err
	}
	return s.auditTask(ctx, tx, act, &before, t)
}

// ChangeTask makes a change of an entry all or nothing
// (domain.TaskChanger): the field edit, the closure evidence files and the
// steps in one transaction, each part audited as on its own. A refused
// part (a step the user's role may not take, a file over the limit, an
// edit that does not validate) leaves the entry, its timeline, its files
// and the stored contents as they were.
func (s *Store) ChangeTask(ctx context.Context, id int64, c domain.TaskChange) (*domain.Task, error) {
	names := make([]string, len(c.Files))
	for i, f := range c.Files {
		n, err := domain.CleanFileName(f.Name)
		if err != nil {
			return nil, fmt.Errorf("closure evidence file name: %w", err)
		}
		names[i] = n
	}
	u, _ := domain.UserFrom(ctx)
	var out *domain.Task
	err := s.largeWrite(ctx, func() error {
		return s.transaction(ctx, func(tx *gorm.DB) error {
			t, err := s.lockTask(tx, id)
			if err != nil {
				return err
			}
			if c.Edit != nil {
				next := *c.Edit
				if err := s.changeTaskTx(ctx, tx, u, t, domain.TaskActEdit, func(u domain.User, t *domain.Task) error {
					return t.Edit(u, next, s.now())
				}); err != nil {
					return err
				}
			}
			for i, f := range c.Files {
				if _, err := s.addTaskFileTx(ctx, tx, u, t, names[i], originalName(f.Name, names[i]), f.Content); err != nil {
					return err
				}
			}
			for _, m := range c.Steps {
				if err := s.changeTaskTx(ctx, tx, u, t, m.Act, func(u domain.User, t *domain.Task) error {
					return t.Step(u, m.Act, m.In, s.now())
				}); err != nil {
					return err
				}
			}
			out = t
			return nil
		})
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("change register entry %d", id))
	}
	if len(c.Files) > 0 {
		s.checkpointSoon()
	}
	return out, nil
}

// AddTaskFile adds a closure evidence file to an entry, its content kept
// once per SHA-256 with the evidence files (domain.TaskService).
// ETOOLARGE over the evidence size limit.
func (s *Store) AddTaskFile(ctx context.Context, id int64, given string, r io.Reader) (*domain.TaskFile, error) {
	name, err := domain.CleanFileName(given)
	if err != nil {
		return nil, fmt.Errorf("closure evidence file name: %w", err)
	}
	u, _ := domain.UserFrom(ctx)
	var out domain.TaskFile
	err = s.largeWrite(ctx, func() error {
		return s.transaction(ctx, func(tx *gorm.DB) error {
			t, err := s.lockTask(tx, id)
			if err != nil {
				return err
			}
			out, err = s.addTaskFileTx(ctx, tx, u, t, name, originalName(given, name), r)
			return err
		})
	})
	if err != nil {
		return nil, dbErr(err, fmt.Sprintf("add closure evidence to entry %d", id))
	}
	s.checkpointSoon()
	return &out, nil
}

// addTaskFileTx attaches closure evidence file name, read from r, to the
// locked entry t (appended to t.Files), audited; original is the name it
// was given when name is a cleaned one (originalName), else "".
func (s *Store) addTaskFileTx(ctx context.Context, tx *gorm.DB, u domain.User, t *domain.Task, name, original string, r io.Reader) (domain.TaskFile, error) {
	if err := domain.AuthorizeTask(u, domain.TaskActAttach, t); err != nil {
		return domain.TaskFile{}, err
	}
	before := *t
	before.Files = slices.Clone(t.Files)
	now := s.now()
	// Read, hashed and stored a piece at a time (chunks.go).
	c, err := putContent(tx, name, r, "", s.maxEvidence)
	if err != nil {
		return domain.TaskFile{}, err
	}
	fr := taskFileRow{TaskID: t.ID, Name: name, MediaType: mediaType(name, c.Head), Size: c.Size, SHA256: c.SHA256,
		AddedBy: u.Name, AddedAt: now, OriginalName: original}
	if err := tx.Create(&fr).Error; err != nil {
		return domain.TaskFile{}, fmt.Errorf("attach closure evidence: %w", err)
	}
	out := fr.domain()
	t.Files = append(t.Files, out)
	t.UpdatedAt = now
	if err := tx.Model(&taskRow{}).Where("id = ?", t.ID).Update("updated_at", now).Error; err != nil {
		return domain.TaskFile{}, err
	}
	return out, s.auditTask(ctx, tx, domain.TaskActAttach, &before, t)
}

// TaskFileContent returns a closure evidence file's bytes. ENOTFOUND if
// there is no such file.
func (s *Store) TaskFileContent(ctx context.Context, fileID int64) ([]byte, error) {
	var fr taskFileRow
	if err := s.db.WithContext(ctx).Select("id", "sha256").Take(&fr, fileID).Error; err != nil {
		return nil, dbErr(notFound(err, "no closure evidence file with id %d", fileID), "read closure evidence")
	}
	b, err := readContent(ctx, s.db, fr.SHA256) // chunks.go
	if err != nil {
		return nil, dbErr(err, "read closure evidence")
	}
	return b, nil
}
