package walk

import (
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

// errorText turns an error from storage into a sentence that says what to do.
func errorText(err error) string {
	switch domain.ErrorCode(err) {
	case "":
		return ""
	case domain.ELOCKED:
		return lang.L("the assessment is submitted and locked, so it can no longer be changed.")
	case domain.EINVALID:
		return lang.L("the input does not fit this item. Check the numbers and choices you entered.")
	case domain.ENOTFOUND:
		return lang.L("it no longer exists. Go back to the home screen and open the assessment again.")
	case domain.ECONFLICT:
		return lang.L("someone else changed it at the same time. Go back to the home screen and open it again.")
	case domain.EBLOCKED:
		return lang.L("some items still need attention before submitting.")
	case domain.ETOOLARGE:
		return lang.L("the file is too large. Attach a smaller file, for example a PDF or a scanned page.")
	}
	return lang.L("the database could not be reached or written. Try again; if it keeps failing, restart Pingce.")
}
