package cli

import (
	"fmt"
	"io"
)

// say is fmt.Fprintf for everything the commands print: each text among
// args — a string, an error, a fmt.Stringer (a problem), a []string — goes
// through safeText first, so that stored or outside text (a name, a file
// name, the message of an error naming one) can neither forge a line nor
// move the cursor nor turn round what a terminal shows. A %q verb quotes
// its argument, escapes included, on its own and takes it as it is.
func say(w io.Writer, format string, args ...any) {
	verbs := verbsOf(format, len(args))
	safe := make([]any, len(args))
	for i, a := range args {
		if verbs[i] == 'q' {
			safe[i] = a
			continue
		}
		safe[i] = escapeArg(a)
	}
	fmt.Fprintf(w, format, safe...)
}

// sayln is fmt.Fprintln with its arguments escaped as say does.
func sayln(w io.Writer, args ...any) {
	safe := make([]any, len(args))
	for i, a := range args {
		safe[i] = escapeArg(a)
	}
	fmt.Fprintln(w, safe...)
}

// escapeArg returns the text of a as safeText writes it, and anything
// that is not text as it is.
func escapeArg(a any) any {
	switch v := a.(type) {
	case string:
		return safeText(v)
	case []string:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = safeText(s)
		}
		return out
	case error:
		return safeText(v.Error())
	case fmt.Stringer:
		return safeText(v.String())
	}
	return a
}

// verbsOf returns the verb of each of n arguments of format, in order ('s',
// 'd', 'q' …); an argument a * width or precision takes gets '*', one the
// format does not reach or that an explicit index ([2]) makes uncertain
// gets 's', so that it is escaped.
func verbsOf(format string, n int) []rune {
	verbs := make([]rune, n)
	for i := range verbs {
		verbs[i] = 's'
	}
	arg := 0
	set := func(v rune) {
		if arg < n {
			verbs[arg] = v
		}
		arg++
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && (format[i] == '+' || format[i] == '-' || format[i] == '#' || format[i] == ' ' || format[i] == '0') {
			i++
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.' || format[i] == '*') {
			if format[i] == '*' {
				set('*')
			}
			i++
		}
		switch {
		case i >= len(format):
		case format[i] == '%':
		case format[i] == '[':
			for j := range verbs { // explicit indexes: escape every text
				verbs[j] = 's'
			}
			return verbs
		default:
			set(rune(format[i]))
		}
	}
	return verbs
}
