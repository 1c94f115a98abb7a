package walk

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// The item's entries in the rectification register (整改台账, issue 17),
// shown in the item pane: this round's open entries, and how last round's
// lost points were rectified ("上轮失分 X 分，整改：已销号 / 逾期").

// loadTaskNotes reads the unit's entries once, when the view opens.
func (v *View) loadTaskNotes() {
	if v.deps.UnitTasks == nil {
		return
	}
	ts, err := v.deps.UnitTasks(v.ctx(), v.ws.Assessment.Unit.ID)
	if err != nil {
		return // the note is a help, not the answer: the pane shows without it
	}
	v.taskNotes = map[string][]domain.Task{}
	for _, t := range ts {
		if t.ItemID != "" {
			v.taskNotes[t.ItemID] = append(v.taskNotes[t.ItemID], t)
		}
	}
}

// taskNote returns what the register says about item id: "" when nothing.
func (v *View) taskNote(id string) string {
	round := v.ws.Assessment.Round
	now := v.now()
	var parts []string
	for i := range v.taskNotes[id] {
		t := &v.taskNotes[id][i]
		state := taskState(t, now)
		switch {
		case t.Round != round || t.FirstRound != "":
			from := t.FirstRound
			if from == "" {
				from = t.Round
			}
			if t.Round != round && t.AssessmentID != v.ws.Assessment.ID && t.Round > round {
				continue // a later round's entry
			}
			parts = append(parts, lang.L("Last round ({{.Round}}) lost {{.Lost}} points; rectification: {{.State}}",
				map[string]any{"Round": from, "Lost": kit.Number(t.Lost), "State": state}))
		case t.AssessmentID == v.ws.Assessment.ID && !t.Status.Done():
			parts = append(parts, lang.L("Rectification entry #{{.ID}}: {{.State}}, due {{.Due}}",
				map[string]any{"ID": t.ID, "State": state, "Due": domain.DateText(t.Deadline())}))
		}
	}
	return strings.Join(parts, "\n")
}

// taskState is an entry's state for the note: closed, overdue, or its status.
func taskState(t *domain.Task, now time.Time) string {
	switch {
	case t.Status.Done():
		return lang.L("closed (已销号)")
	case t.Overdue(now):
		return lang.L("overdue (逾期)")
	case t.Status == domain.TaskClosureRequested:
		return lang.L("closure applied for")
	case t.Status == domain.TaskExtensionRequested || t.Status == domain.TaskExtended:
		return lang.L("extension")
	case t.Status == domain.TaskOpen:
		return lang.L("not started")
	}
	return lang.L("in progress")
}
