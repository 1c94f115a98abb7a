package message

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

// The problems of exchange packages (package.*) carry codes and numbers in
// their Args, never English (internal/exchange, errors.go): packageArgs
// writes each in the user's language.

// packageArgs replaces the coded Args of a package problem in data by
// words of the user's language: why, where and what, sizes, kinds and
// states.
func packageArgs(p domain.Problem, data map[string]any) {
	a := p.Args
	switch strings.TrimPrefix(p.Code, "package.") {
	case "not_package", "bad_entry":
		if t := whyTexts(a["why"]); t != "" {
			data["why"] = t
		}
	case "truncated":
		data["at"] = atText(a["at"], a["name"])
	case "too_large":
		what, limit := tooLargeTexts(a["what"], a["limit"])
		data["what"], data["limit"] = what, limit
	case "inflated":
		data["size"], data["file"] = sizeArg(a["size"]), sizeArg(a["file"])
	case "bad_manifest", "content":
		data["detail"] = detailText(p)
	case "size":
		if a["more"] != "" {
			data["size"] = lang.L("more than {{.Size}}", map[string]any{"Size": a["size"]})
		}
	case "version":
		if a["format"] == "" {
			data["format"] = lang.L("(none given)")
		}
	case "claims":
		switch a["what"] {
		case "answered":
			data["what"] = lang.L("the number of items answered")
		case "applicable":
			data["what"] = lang.L("the number of applicable items")
		}
	case "mismatch":
		switch a["what"] {
		case "unit":
			data["what"] = lang.L("the unit")
		case "unit_type":
			data["what"] = lang.L("the unit type")
		case "round":
			data["what"] = lang.L("the round")
		case "catalog":
			data["what"] = lang.L("the catalog")
		}
	case "kind":
		data["kind"] = packageKindText(a["kind"])
		data["status"] = packageStatusText(a["status"], a["peer"])
	case "nothing_to_send":
		data["why"] = nothingToSendText(a["why"])
	}
}

// whyTexts says why a file is not a package or an entry is refused.
func whyTexts(why string) string {
	switch why {
	case "empty":
		return lang.L("the file is empty")
	case "not_file":
		return lang.L("it is not a file")
	case "not_zip":
		return lang.L("it does not start as a package does (it is another kind of file, or has data before the package)")
	case "zip_empty":
		return lang.L("the archive holds nothing")
	case "data_before":
		return lang.L("there is data before the package")
	case "work_factor":
		return lang.L("its password asks for more work than Pingce allows, which Pingce never writes")
	case "no_name":
		return lang.L("it has no name")
	case "backslash":
		return lang.L("its name holds a backslash")
	case "absolute":
		return lang.L("its name is an absolute path")
	case "drive":
		return lang.L("its name is a drive path")
	case "folder":
		return lang.L("it is a folder")
	case "outside":
		return lang.L("its name leads out of the package")
	case "symlink":
		return lang.L("it is a symbolic link")
	case "not_plain":
		return lang.L("it is not a plain file")
	case "unknown_entry":
		return lang.L("a Pingce package has no such entry")
	case "method":
		return lang.L("it is compressed in a way Pingce does not write")
	}
	return lang.L("it does not fit the format of a package")
}

// atText says where a package is damaged.
func atText(at, name string) string {
	switch at {
	case "end":
		return lang.L("the table of contents at its end is missing")
	case "seal_header":
		return lang.L("at the header of the sealed file")
	case "seal_content":
		return lang.L("in its sealed content")
	}
	if name != "" {
		return lang.L("at “{{.Name}}”", map[string]any{"Name": name})
	}
	return lang.L("inside the package")
}

// tooLargeTexts says what is over its cap and the cap.
func tooLargeTexts(what, limit string) (string, string) {
	switch what {
	case "package":
		return lang.L("The package file"), sizeArg(limit)
	case "entries":
		return lang.L("The number of entries in the package"), limit
	case "total":
		return lang.L("The total size of the package's entries"), sizeArg(limit)
	}
	return "“" + what + "”", sizeArg(limit)
}

// sizeArg writes a number of bytes given in digits for people (64 MB,
// 1 GB); what is not a number stays as it is.
func sizeArg(digits string) string {
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n < 0 {
		return digits
	}
	return SizeText(n)
}

// SizeText writes a number of bytes for people in the user's language:
// 512 bytes, 3.5 KB, 64 MB, 1 GB.
func SizeText(n int64) string {
	unit := func(div float64) string {
		v := float64(n) / div
		v = math.Round(v*10) / 10
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	switch {
	case n >= 1<<30:
		return lang.L("{{.Size}} GB", map[string]any{"Size": unit(1 << 30)})
	case n >= 1<<20:
		return lang.L("{{.Size}} MB", map[string]any{"Size": unit(1 << 20)})
	case n >= 1<<10:
		return lang.L("{{.Size}} KB", map[string]any{"Size": unit(1 << 10)})
	}
	return lang.L("{{.Size}} bytes", map[string]any{"Size": strconv.FormatInt(n, 10)})
}

// detailText says what is wrong in a package's manifest or entry, from
// its detail code and Args.
func detailText(p domain.Problem) string {
	a := p.Args
	d := map[string]any{"Field": a["field"], "Value": a["value"], "Name": a["name"], "Item": a["item"], "Want": a["want"], "Max": a["max"],
		"Entry": a["entry"]}
	switch a["detail"] {
	case "not_json":
		return lang.L("it is not well-formed JSON")
	case "wrong_type":
		if a["field"] == "" {
			return lang.L("a value has the wrong type")
		}
		return lang.L("“{{.Field}}” has a value of the wrong type", d)
	case "unknown_field":
		return lang.L("it holds the key “{{.Field}}”, which the format does not have", d)
	case "trailing":
		return lang.L("there is more after the document")
	case "bad_id":
		return lang.L("the package id is not 32 hex digits")
	case "bad_kind":
		return lang.L("the kind “{{.Value}}” is unknown", d)
	case "bad_uid":
		return lang.L("the assessment's uid is not 32 hex digits")
	case "bad_revision":
		return lang.L("the revision is not 1 or more")
	case "no_reply_to":
		return lang.L("a review package does not say which submission it answers")
	case "bad_recipient":
		return lang.L("the recipient is not a key fingerprint")
	case "bad_catalog_hash":
		return lang.L("the catalog's hash is not a SHA-256")
	case "wrong_key":
		return lang.L("the sender's key is not the key that signed it")
	case "unknown_entry":
		return lang.L("it lists an entry “{{.Name}}” a package does not have", d)
	case "bad_file":
		return lang.L("“{{.Name}}” has no valid hash or size", d)
	case "not_by_hash":
		return lang.L("the evidence entry “{{.Name}}” is not named by its hash", d)
	case "problem":
		return innerProblem(p)
	case "other_catalog":
		return lang.L("it is the catalog {{.Value}}, not {{.Want}} as the manifest says", d)
	case "evidence_missing":
		return lang.L("the evidence “{{.Value}}” of item {{.Item}} is not in the package", d)
	case "unknown_item":
		return lang.L("the evidence “{{.Value}}” is for item {{.Item}}, which the catalog does not have", d)
	case "unused_evidence":
		return lang.L("“{{.Value}}” is neither evidence of an item nor a closure file", d)
	case "original_same":
		return lang.L("the original name of “{{.Value}}” is its own name", d)
	case "original_long":
		return lang.L("the original name of “{{.Value}}” is longer than {{.Max}} bytes", d)
	case "original_text":
		return lang.L("the original name of “{{.Value}}” is not valid text", d)
	case "standing_not_lead":
		return lang.L("only the lead's packages carry the round's ranking")
	case "review_not_review":
		return lang.L("only a review package carries the lead's verdicts")
	case "catalog_conflict":
		return lang.L("this database holds the catalog {{.Value}} with other content", d)
	case "not_canonical":
		return lang.L("it is not in the canonical form of a catalog document")
	case "task_entry":
		return lang.L("register entry {{.Entry}} does not fit the format", d)
	case "task_item":
		return lang.L("register entry {{.Entry}} is about item {{.Item}}, which the catalog does not have", d)
	case "task_file":
		return lang.L("the closure file “{{.Value}}” of register entry {{.Entry}} is not in the package", d)
	case "task_twice":
		return lang.L("register entry {{.Entry}} has the id of an entry before it", d)
	}
	return lang.L("its content does not fit the format")
}

// innerProblem writes the problem of a catalog, answers or review file in
// a package, which Open flattened into the Args (problem, line, item,
// arg.*), with its place.
func innerProblem(p domain.Problem) string {
	q := domain.Problem{Code: p.Args["problem"], ItemID: p.Args["item"], Args: map[string]string{}}
	q.Line, _ = strconv.Atoi(p.Args["line"])
	for k, v := range p.Args {
		if k, ok := strings.CutPrefix(k, "arg."); ok {
			q.Args[k] = v
		}
	}
	if _, ok := problemTemplates[q.Code]; !ok || strings.HasPrefix(q.Code, "package.") {
		return lang.L("its content does not fit the format")
	}
	return ProblemText(q)
}

// packageKindText names a kind of package.
func packageKindText(kind string) string {
	switch kind {
	case "submission":
		return lang.L("A submission package")
	case "review":
		return lang.L("A review package")
	case "register":
		return lang.L("A register package")
	}
	return lang.L("This package")
}

// packageStatusText says what the assessment a package does not fit is,
// to follow "the assessment is".
func packageStatusText(status, peer string) string {
	switch status {
	case "own":
		return lang.L("this database's own assessment")
	case "other_side":
		return lang.L("exchanged with another side (key {{.Peer}})", map[string]any{"Peer": peer})
	}
	return statusText(domain.AssessmentStatus(status))
}

// nothingToSendText says why there is no package to send.
func nothingToSendText(why string) string {
	switch why {
	case "state":
		return lang.L("a unit sends its submitted assessment; the lead sends a received one it returned or approved")
	case "not_exchanged":
		return lang.L("a register package goes to the other side once the assessment has been sent or received")
	case "no_entries":
		return lang.L("the assessment has no register entries")
	}
	return lang.L("the assessment is not in a state to be sent")
}

// packageAdvice says what to do about a package refused with the problem
// code: the sentence above the details of the error, in place of the
// generic sentence of its error code.
func packageAdvice(code string) string {
	switch strings.TrimPrefix(code, "package.") {
	case "version":
		return lang.L("Update Pingce, then import the package again. Nothing in this database was changed.")
	case "password", "wrong_password":
		return lang.L("Enter the password the sender told you (by phone, not with the package). Nothing in this database was changed.")
	case "bad_key":
		return lang.L("Copy the whole key line again from the other side's settings.")
	case "unknown_key", "key_other_unit", "rekeyed", "peer", "not_senders_unit":
		return lang.L("Compare the key's fingerprint with the sender by phone; an administrator manages the trusted keys. Nothing in this database was changed.")
	case "recipient", "own_package", "replay", "stale", "no_assessment", "kind", "mismatch", "reply_to":
		return lang.L("The package does not fit what this database holds, as said below. Nothing in this database was changed.")
	case "nothing_to_send":
		return lang.L("No package was written.")
	}
	return lang.L("The package cannot be used as it is: copy it again, or ask the sender to export it again. Nothing in this database was changed.")
}
