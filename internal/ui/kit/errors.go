package ui

import (
	"errors"
	"os"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/message"
)

// ErrorText returns a plain sentence for err that says what went wrong and
// what to do, in the user's language. The details of a domain error (an item
// id, a file and line) are listed by ErrorDetails.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, os.ErrNotExist) {
		return lang.L("The file or folder does not exist. Check the path and try again.")
	}
	if errors.Is(err, errFileInUse) {
		return lang.L("The file is open in another program. Close it there and export again.")
	}
	if errors.Is(err, os.ErrPermission) {
		return lang.L("Pingce may not read or write this file or folder. Choose another place or ask your administrator.")
	}
	if domain.ErrorCode(err) == domain.EINTERNAL {
		return lang.L("Something went wrong. Try again; if it happens again, tell your administrator the details below.")
	}
	return message.ErrorText(err)
}

// ErrorDetails returns the details behind err, one per line: the problems of
// a domain error in the user's language, or its message when there are none.
func ErrorDetails(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, p := range domain.ErrorProblems(err) {
		out = append(out, message.ProblemText(p))
	}
	if len(out) > 0 {
		return out
	}
	var de *domain.Error
	if errors.As(err, &de) {
		if de.Code == domain.EINTERNAL && de.Message == "" {
			return nil
		}
		return []string{de.Message}
	}
	return []string{err.Error()}
}
