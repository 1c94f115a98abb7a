package domain

import (
	"context"
	"io"
)

// TaskChange is one change of a register entry made all or nothing: its
// fields edited (Task.Edit), closure evidence added, then steps taken in
// order (Task.Step). When any part is refused, nothing of it is kept: a
// refused 申请销号 does not leave the files attached for it.
type TaskChange struct {
	Edit  *Task        // the entry's new fields; nil keeps them
	Files []TaskUpload // closure evidence files to add, kept like evidence
	Steps []TaskMove   // steps taken after the files, in order
}

// TaskUpload is one closure evidence file to add: its name and content.
type TaskUpload struct {
	Name    string
	Content io.Reader
}

// TaskMove is one step of a TaskChange.
type TaskMove struct {
	Act TaskAction
	In  TaskStep
}

// Empty reports whether the change changes nothing.
func (c TaskChange) Empty() bool { return c.Edit == nil && len(c.Files) == 0 && len(c.Steps) == 0 }

// TaskChanger is a TaskService that changes an entry all or nothing, each
// part audited as it would be on its own.
type TaskChanger interface {
	ChangeTask(ctx context.Context, id int64, c TaskChange) (*Task, error)
}
