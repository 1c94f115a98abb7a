package kit

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

// StatusText returns the localized name of an assessment status.
func StatusText(s domain.AssessmentStatus) string {
	switch s {
	case domain.Draft:
		return lang.L("Draft")
	case domain.Submitted:
		return lang.L("Submitted")
	case domain.Returned:
		return lang.L("Returned")
	case domain.Approved:
		return lang.L("Approved")
	}
	return string(s)
}

// Statuses lists the statuses in the order filters offer them.
var Statuses = []domain.AssessmentStatus{domain.Draft, domain.Returned, domain.Submitted, domain.Approved}
