package walk

import "pingce/internal/ui/message"

// errorText turns an error from storage into a sentence that says what to do.
func errorText(err error) string { return message.ErrorText(err) }
