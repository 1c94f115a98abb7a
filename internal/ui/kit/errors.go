package kit

import (
	"errors"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/message"
	"pingce/internal/userfile"
)

// ErrFileInUse marks a file that could not be replaced because another
// program holds it open (Windows; userfile's writes mark it); ErrorText
// says so.
var ErrFileInUse = userfile.ErrInUse

// ErrorText returns a plain sentence for err that says what went wrong and
// what to do, in the user's language: for errors of the operating system
// (a missing file, no permission, a file held open) and for every domain
// error code (message.ErrorText). Every screen shows errors through it; the
// details of a domain error (an item id, a file and line) are listed by
// ErrorDetails.
func ErrorText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, os.ErrNotExist):
		return lang.L("The file or folder does not exist. Check the path and try again.")
	case errors.Is(err, ErrFileInUse):
		return lang.L("The file is open in another program. Close it there and export again.")
	case errors.Is(err, os.ErrPermission):
		return lang.L("Pingce may not read or write this file or folder. Choose another place or ask your administrator.")
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

// ShowError shows err in a dialog on w: its sentence, with its details below.
func ShowError(w fyne.Window, err error) {
	ShowProblems(w, lang.L("Something went wrong"), ErrorText(err), ErrorDetails(err))
}

// ShowProblems shows a message with a scrollable list of details.
func ShowProblems(w fyne.Window, title, msg string, details []string) {
	head := widget.NewLabel(msg)
	head.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject = head
	if len(details) > 0 {
		sc := container.NewVScroll(problemRows(details))
		sc.SetMinSize(fyne.NewSize(620, 260))
		body = container.NewBorder(head, nil, nil, nil, sc)
	}
	d := dialog.NewCustom(title, lang.L("Close"), body, w)
	d.Resize(fyne.NewSize(700, 200))
	if len(details) > 0 {
		d.Resize(fyne.NewSize(700, 420))
	}
	d.Show()
}

// Gate shows what is still missing in a dialog's hint line and enables its
// action button only when nothing is: hint "" means ready.
func Gate(label *widget.Label, button *widget.Button, hint string) {
	label.SetText(hint)
	if hint == "" {
		label.Hide()
		button.Enable()
	} else {
		label.Show()
		button.Disable()
	}
}

// problemRows lays out one problem per row, rows apart: where it is on a
// line of its own in grey (never wrapped: "第 36 行" stays whole), what is
// wrong under it, wrapped and selectable.
func problemRows(details []string) fyne.CanvasObject {
	rows := container.NewVBox()
	for i, d := range details {
		if i > 0 {
			rows.Add(widget.NewSeparator())
		}
		place, what := message.PlaceAndMessage(d)
		if place != "" {
			l := widget.NewLabel(place)
			l.Importance = widget.LowImportance
			l.Truncation = fyne.TextTruncateEllipsis
			rows.Add(l)
		}
		text := widget.NewLabel(what)
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		rows.Add(text)
	}
	return rows
}
