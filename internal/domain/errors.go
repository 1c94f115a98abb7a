package domain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error codes. The user interface maps each code to a localized sentence;
// Message carries the details (item id, file, line) in plain words.
const (
	EINVALID  = "invalid"   // input does not fit the contract
	ENOTFOUND = "not_found" // no such unit, assessment, catalog, item or file
	ECONFLICT = "conflict"  // already exists, or changed by someone else
	ELOCKED   = "locked"    // the assessment is submitted or approved
	EBLOCKED  = "blocked"   // submission refused: something is still missing
	ETOOLARGE = "too_large" // a file is over the size limit
	// EFORBIDDEN: the user's roles do not allow the action (Authorize).
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal" // anything else
)

// Error is an application error with a code the UI can translate.
type Error struct {
	Code    string
	Message string
	// Problems lists the individual findings behind an EINVALID or EBLOCKED error.
	Problems []Problem
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// "internal error" for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorProblems returns the problems carried by the first *Error in err's chain.
func ErrorProblems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// Problem is one finding about a catalog, an answer or a submission.
type Problem struct {
	File   string // file name, when the input came from a file
	Line   int    // 1-based line, 0 when unknown
	ItemID string // item the problem is about, if any
	Code   string // machine-readable kind: the Prob* constants here and in catalog, answers and yamlnode
	Msg    string // English description with the details
	// Args holds the named values the message mentions, for the user
	// interface to write the problem in the user's language from Code.
	// Conventions: "in" names the part of the file the problem is in
	// (grades, category, levels …) and "category" the id of its category;
	// "kind" says what was written where something else belonged (mapping,
	// list, alias, nothing or value), with "value" holding a value's text.
	Args map[string]string
}

// NewProblem returns a problem with code whose Args are the name, value
// pairs kv and whose Msg is format with {name} replaced by the value of
// name, {name:q} by it quoted as by %q, and {got} by what Args "kind" and
// "value" describe ("a list", "nothing", "\"abc\"" …).
func NewProblem(code, format string, kv ...string) Problem {
	p := Problem{Code: code}
	if len(kv) > 0 {
		p.Args = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			p.Args[kv[i]] = kv[i+1]
		}
	}
	p.Msg = ExpandMsg(format, p.Args)
	return p
}

// ExpandMsg replaces the {name}, {name:q} and {got} fields of format by
// the values of args (see NewProblem).
func ExpandMsg(format string, args map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(format, '{')
		j := strings.IndexByte(format[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j < i {
			b.WriteString(format)
			return b.String()
		}
		b.WriteString(format[:i])
		name := format[i+1 : j]
		format = format[j+1:]
		switch n, q := strings.CutSuffix(name, ":q"); {
		case name == "got":
			b.WriteString(KindPhrase(args["kind"], args["value"]))
		case q:
			b.WriteString(strconv.Quote(args[n]))
		default:
			b.WriteString(args[n])
		}
	}
}

// KindPhrase says in English what Args "kind" and "value" describe.
func KindPhrase(kind, value string) string {
	switch kind {
	case "mapping":
		return "a mapping"
	case "list":
		return "a list"
	case "alias":
		return "an alias"
	case "nothing":
		return "nothing"
	case "value":
		return strconv.Quote(value)
	}
	return "something else"
}

// String formats the problem as "file:line: item X: message".
func (p Problem) String() string {
	s := ""
	if p.File != "" {
		s = p.File + ":"
		if p.Line > 0 {
			s += fmt.Sprintf("%d:", p.Line)
		}
		s += " "
	} else if p.Line > 0 {
		s = fmt.Sprintf("line %d: ", p.Line)
	}
	if p.ItemID != "" {
		s += "item " + p.ItemID + ": "
	}
	return s + p.Msg
}

// Problem codes about answers and submissions.
const (
	ProbUnknownItem     = "unknown_item"     // answer to an item the catalog lacks
	ProbWrongField      = "wrong_field"      // a field that does not fit the item's method
	ProbUnknownLevel    = "unknown_level"    // level label not in the catalog
	ProbBaselineZero    = "baseline_zero"    // change item with baseline 0
	ProbMissingBaseline = "missing_baseline" // change item without baseline
	ProbNegativeCount   = "negative_count"   // count below 0
	ProbNotFinite       = "not_finite"       // value or baseline is NaN or infinite
	ProbNAWithoutReason = "na_no_reason"     // N/A without a reason
	ProbUnknownPart     = "unknown_part"     // part id the item lacks
	ProbUnknownVeto     = "unknown_veto"     // veto id the catalog lacks
	ProbWrongCatalog    = "wrong_catalog"    // answers name another catalog
	ProbUnanswered      = "unanswered"       // applicable item without answer
	ProbNoEvidence      = "no_evidence"      // evidence_required item without note or file
	ProbNotApplicable   = "not_applicable"   // answer to an item excluded for the unit type
	ProbPartNA          = "part_na"          // na or reason on a part's answer
	ProbBadText         = "bad_text"         // field: text no database keeps (invalid UTF-8, NUL)
)

// Problem codes of the workflow, names and rounds, with the names of their Args.
const (
	ProbReviewPoints = "review_points" // max, value: reviewed points outside [0, max]
	ProbReturnReason = "return_reason" // returning an assessment without a reason
	ProbNoRound      = "round_missing" // an assessment without a round
	ProbRoundDates   = "round_dates"   // round, start, end: a round that ends before it starts
	ProbNameEmpty    = "name_empty"    // a name that is empty or blank
	ProbNameTooLong  = "name_too_long" // length, max
	ProbNameChars    = "name_chars"    // char: a control character, or text that is not UTF-8
	ProbUnknownRole  = "unknown_role"  // role
)
