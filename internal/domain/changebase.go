package domain

// ChangeBase says what "changed since the last submission"
// (Workspace.Changed) can compare with.
type ChangeBase int

// What Workspace.Changed compares with.
const (
	// BaseRecorded: there is a submission to compare with.
	BaseRecorded ChangeBase = iota
	// BaseFirst: the first submission, or a draft never submitted:
	// nothing came before it, so nothing counts as changed.
	BaseFirst
	// BaseUnrecorded: the assessment was submitted before submissions
	// were recorded (schema 6, 早期提交): what it handed in then is not
	// known, so nothing counts as changed until it is submitted again,
	// when that earlier submission becomes the baseline.
	BaseUnrecorded
)

// ChangeBase returns what Changed compares with for the workspace.
func (w *Workspace) ChangeBase() ChangeBase {
	submittedBefore := !w.Assessment.SubmittedAt.IsZero()
	switch w.Assessment.Status {
	case Submitted, Approved:
		switch {
		case w.Last == nil && submittedBefore:
			return BaseUnrecorded
		case w.Last != nil && w.Previous == nil && w.Last.Seq > 1:
			// returned before schema 6 too: its next submission is the
			// second, and the first was not recorded
			return BaseUnrecorded
		case w.Last == nil || w.Previous == nil:
			return BaseFirst
		}
	default:
		switch {
		case w.Last == nil && submittedBefore:
			return BaseUnrecorded
		case w.Last == nil:
			return BaseFirst
		}
	}
	return BaseRecorded
}
