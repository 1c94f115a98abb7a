package cli

import "pingce/internal/domain"

// safeText returns s fit to print on a terminal (domain.QuoteText):
// control characters (which could forge a line or move the cursor),
// bidirectional overrides (which reorder what is shown: "report\u202efdp.exe"
// reads "reportexe.pdf") and invalid UTF-8 are written as escapes such as
// \n, \x1b or \u202e; the rest is left as it is. say and sayln, the
// commands' printers, pass every text through it.
func safeText(s string) string { return domain.QuoteText(s) }
