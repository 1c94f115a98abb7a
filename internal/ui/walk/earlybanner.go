package walk

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

// earlyNote is what the banner of a returned assessment adds when it was
// submitted before submissions were recorded (早期提交, schema 6;
// domain.BaseUnrecorded): what it handed in then is not known, so the
// reviewer will not see which items the unit changed when it submits
// again. "" for every other assessment.
func earlyNote(ws *domain.Workspace) string {
	if ws == nil || ws.Assessment.Status != domain.Returned || ws.ChangeBase() != domain.BaseUnrecorded {
		return ""
	}
	return lang.L("Submitted before submissions were recorded (早期提交): when you submit again, the reviewer cannot see which items you changed. Say what you changed in the items' notes.")
}
