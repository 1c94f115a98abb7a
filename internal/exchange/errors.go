package exchange

import (
	"errors"
	"fmt"
	"strconv"

	"pingce/internal/domain"
)

// Problem codes of exchange packages, with the names of their Args. Every
// refusal of Open and of a Store's Apply carries exactly one of them. Args
// hold names from the package (files, units, ids, fingerprints), numbers
// in digits, and codes (the Why*, At*, TooLarge*, Detail*, Claim* and
// Status* values below), never English words: the user interface writes
// each problem in the user's language from its code and Args
// (internal/ui/message); the English Msg is for logs and the CLI.
const (
	ProbBadKey        = "package.bad_key"        // prefix, size: a key line that is not a key
	ProbNotPackage    = "package.not_package"    // file, why (Why*): not a package (empty, not a zip, data before it)
	ProbTruncated     = "package.truncated"      // at (At*), name (AtEntry): damaged or cut short (an ejected stick)
	ProbTooLarge      = "package.too_large"      // what (TooLarge* or an entry's name), limit (bytes, or a count for TooLargeEntries)
	ProbInflated      = "package.inflated"       // size, file, ratio: the entries inflate to more than ratio times the file (Limits.Ratio)
	ProbBadEntry      = "package.bad_entry"      // name, why (Why*): an entry name or kind the reader refuses
	ProbEntryTwice    = "package.entry_twice"    // name: an entry present twice (or twice up to case)
	ProbEntryMissing  = "package.entry_missing"  // name: an entry the manifest lists but the zip lacks
	ProbEntryExtra    = "package.entry_extra"    // name: an entry the manifest does not list
	ProbBadSignature  = "package.bad_signature"  // the signature does not match the manifest
	ProbBadManifest   = "package.bad_manifest"   // detail (Detail*), field, value, name: the manifest cannot be read
	ProbVersion       = "package.version"        // format, want: another format version
	ProbHash          = "package.hash"           // name: an entry's content is not what the manifest says
	ProbSize          = "package.size"           // name, size, want, more ("1": more than size): an entry's size is not what the manifest says
	ProbContent       = "package.content"        // name, detail (Detail*) and its Args: an entry that cannot be read as its kind
	ProbClaims        = "package.claims"         // what (Claim*), claimed, actual: the manifest says other of the assessment than the answers it carries
	ProbPassword      = "package.password"       // the package is sealed and no password was given
	ProbWrongPassword = "package.wrong_password" // the password does not open it
	ProbUnknownKey    = "package.unknown_key"    // unit, fingerprint: a key not yet trusted (confirm to trust it)
	ProbKeyOtherUnit  = "package.key_other_unit" // unit, fingerprint, owner: the key belongs to another unit
	ProbRekeyed       = "package.rekeyed"        // unit, fingerprint, known: the unit is known with another key
	ProbRecipient     = "package.recipient"      // recipient, own: addressed to another installation
	ProbOwnPackage    = "package.own_package"    // own: made by this database itself (its own key signed it)
	ProbReplay        = "package.replay"         // id: the same package id with other content
	ProbStale         = "package.stale"          // revision, latest: an older revision than one imported
	ProbNoAssessment  = "package.no_assessment"  // what the package answers is not here
	ProbKind          = "package.kind"           // kind (Kind*), status (a status or Status*), peer: the package does not fit the assessment's state
	// ProbNothingToSend: an export finds no package to send of the
	// assessment (args status: its status; why: a Send* value).
	ProbNothingToSend = "package.nothing_to_send"
)

// Why there is no package to send (ProbNothingToSend "why").
const (
	SendState        = "state"         // a unit sends its submitted assessment; the lead a received one it returned or approved
	SendNotExchanged = "not_exchanged" // a register package goes to the other side of an exchange only
	SendNoEntries    = "no_entries"    // the assessment has no register entries
)

// Why a file is not a package or an entry is refused (ProbNotPackage,
// ProbBadEntry "why").
const (
	WhyEmpty        = "empty"         // the file is empty
	WhyNotFile      = "not_file"      // not a plain file (a folder, a device)
	WhyNotZip       = "not_zip"       // it does not start as a zip archive
	WhyZipEmpty     = "zip_empty"     // the zip holds no entry
	WhyDataBefore   = "data_before"   // data before the zip archive
	WhyWorkFactor   = "work_factor"   // a sealed file asking for more scrypt work than Pingce allows
	WhyNoName       = "no_name"       // an entry without a name
	WhyBackslash    = "backslash"     // a name with a backslash
	WhyAbsolute     = "absolute"      // an absolute path
	WhyDrive        = "drive"         // a drive path (C:)
	WhyFolder       = "folder"        // a folder
	WhyOutside      = "outside"       // a name leading out of the package (..)
	WhySymlink      = "symlink"       // a symbolic link
	WhyNotPlain     = "not_plain"     // another kind of entry than a plain file
	WhyUnknownEntry = "unknown_entry" // a name that is not one of the format
	WhyMethod       = "method"        // compressed in a way Pingce does not write
)

// Where a package is damaged or cut short (ProbTruncated "at").
const (
	AtEnd         = "end"          // the zip's directory at its end
	AtSealHeader  = "seal_header"  // the sealed file's header
	AtSealContent = "seal_content" // the sealed content
	AtEntry       = "entry"        // the entry "name"
)

// What is over its cap (ProbTooLarge "what"), besides an entry's name.
const (
	TooLargeFile    = "package" // the package file; limit in bytes
	TooLargeEntries = "entries" // the number of entries; limit a count
	TooLargeTotal   = "total"   // the sum of the declared sizes (Limits.Total); limit in bytes
)

// What is wrong in the manifest or an entry (ProbBadManifest,
// ProbContent "detail"), with the Args each takes.
const (
	DetailNotJSON         = "not_json"          // not well-formed JSON
	DetailWrongType       = "wrong_type"        // field: a value of the wrong type
	DetailUnknownField    = "unknown_field"     // field: a key the format does not have
	DetailTrailing        = "trailing"          // more after the JSON value
	DetailBadID           = "bad_id"            // the package id is not 32 hex digits
	DetailBadKind         = "bad_kind"          // value: an unknown kind
	DetailBadUID          = "bad_uid"           // the assessment uid is not 32 hex digits
	DetailBadRevision     = "bad_revision"      // the revision is not 1 or more
	DetailNoReplyTo       = "no_reply_to"       // a review without in_reply_to
	DetailBadRecipient    = "bad_recipient"     // the recipient is not a fingerprint
	DetailBadCatalogHash  = "bad_catalog_hash"  // the catalog hash is not a SHA-256
	DetailWrongKey        = "wrong_key"         // the sender's key is not the signer's
	DetailUnknownEntry    = "unknown_entry"     // name: it lists an entry that is not one of a package
	DetailBadFile         = "bad_file"          // name: an entry without a valid hash or size
	DetailNotByHash       = "not_by_hash"       // name: an evidence entry not named by its hash
	DetailProblem         = "problem"           // problem, line, item, arg.*: the entry's own problem (a catalog, answers or review file's), flattened
	DetailOtherCatalog    = "other_catalog"     // value, want: catalog.json is another catalog than the manifest's
	DetailEvidenceMissing = "evidence_missing"  // value, item: an attachment whose content is not in the package
	DetailUnknownItem     = "unknown_item"      // value, item: an attachment of an item the catalog lacks
	DetailUnusedEvidence  = "unused_evidence"   // value: an evidence entry nothing refers to
	DetailOriginalSame    = "original_same"     // value (entry): an original name equal to the name
	DetailOriginalLong    = "original_long"     // value, max (entry): an original name over MaxOriginalName bytes
	DetailOriginalText    = "original_text"     // value (entry): an original name that is not valid text
	DetailStandingNotLead = "standing_not_lead" // a standing in a unit's package: only the lead ranks
	DetailReviewNotReview = "review_not_review" // review.yaml in a package that is not a review
	DetailCatalogConflict = "catalog_conflict"  // value: the catalog id@version is stored here with other content
	DetailNotCanonical    = "not_canonical"     // catalog.json is not in the canonical form of a catalog document
	DetailTaskEntry       = "task_entry"        // entry: a register entry (tasks.json) the format does not allow
	DetailTaskItem        = "task_item"         // entry, item: a register entry about an item the catalog lacks
	DetailTaskFile        = "task_file"         // entry, value: a closure file whose content is not in the package
	DetailTaskTwice       = "task_twice"        // entry, value: a register entry's uid given twice
	DetailInvalid         = "invalid"           // anything else the format does not allow (the English Msg says what)
)

// What of the assessment the manifest claims other than its answers say
// (ProbClaims "what").
const (
	ClaimAnswered   = "answered"   // the number of applicable items answered
	ClaimApplicable = "applicable" // the number of applicable items
)

// States of an assessment ProbKind's "status" may name besides an
// assessment status (domain.AssessmentStatus).
const (
	StatusOwn       = "own"        // this database's own assessment (it sent it)
	StatusOtherSide = "other_side" // exchanged with another side; "peer" is its fingerprint
)

// detailError is an error with a Detail* code and its Args, for the
// "detail" of ProbContent.
type detailError struct {
	code string
	kv   []string
	msg  string
}

func (e *detailError) Error() string { return e.msg }

// detailf returns a detailError of code with Args kv and an English
// message.
func detailf(code string, kv []string, format string, a ...any) error {
	return &detailError{code: code, kv: kv, msg: fmt.Sprintf(format, a...)}
}

// contentErr says that the entry name cannot be read as its kind because
// of err: a detailError gives its code, a problem of the entry's own
// parser is flattened into the Args (DetailProblem), a JSON error names
// what is wrong; anything else is DetailInvalid, with err's text in the
// English message only.
func contentErr(name string, err error) error {
	kv := []string{"name", name}
	var de *detailError
	ps := domain.ErrorProblems(err)
	switch {
	case errors.As(err, &de):
		kv = append(append(kv, "detail", de.code), de.kv...)
	case len(ps) > 0 && ps[0].Code != "":
		q := ps[0]
		kv = append(kv, "detail", DetailProblem, "problem", q.Code)
		if q.Line > 0 {
			kv = append(kv, "line", strconv.Itoa(q.Line))
		}
		if q.ItemID != "" {
			kv = append(kv, "item", q.ItemID)
		}
		for k, v := range q.Args {
			kv = append(kv, "arg."+k, v)
		}
		err = errors.New(q.String())
	case isJSONError(err):
		code, _, k, v := jsonDetail(err)
		kv = append(kv, "detail", code, k, v)
	default:
		kv = append(kv, "detail", DetailInvalid)
	}
	return fail(domain.EINVALID, ProbContent, "{name} cannot be read: "+err.Error(), kv...)
}

// fail returns an error with code whose one problem is prob with Args kv
// and whose message is format with the Args filled in (domain.NewProblem).
func fail(code, prob, format string, kv ...string) *domain.Error {
	p := domain.NewProblem(prob, format, kv...)
	return &domain.Error{Code: code, Message: p.Msg, Problems: []domain.Problem{p}}
}

// ProblemCode returns the package.* problem code err carries, "" when none.
func ProblemCode(err error) string {
	for _, p := range domain.ErrorProblems(err) {
		if len(p.Code) > 8 && p.Code[:8] == "package." {
			return p.Code
		}
	}
	return ""
}

// problemName returns the "name" value of err's problem with the given
// code ("" when err has none).
func problemName(err error, code string) string {
	for _, p := range domain.ErrorProblems(err) {
		if p.Code == code {
			return p.Args["name"]
		}
	}
	return ""
}
