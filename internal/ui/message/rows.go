package message

import "strings"

// PlaceAndMessage splits a text made by ProblemText into where the problem
// is and what is wrong, so that a list can show the place on a line of its
// own (a wrapped "第 36 行" broke into "第 36 /行"); place is "" when the
// text names no place.
func PlaceAndMessage(text string) (place, what string) {
	registered()
	colon := localizeKey("problem.colon", ": ", nil)
	if i := strings.Index(text, colon); i > 0 {
		return text[:i], text[i+len(colon):]
	}
	return "", text
}
