package exchange

import "pingce/internal/domain"

// Problem codes of exchange packages, with the names of their Args. Every
// refusal of Open and of a Store's Apply carries exactly one of them.
const (
	ProbBadKey        = "package.bad_key"        // prefix, size: a key line that is not a key
	ProbNotPackage    = "package.not_package"    // file: not a package (empty, not a zip, data before it)
	ProbTruncated     = "package.truncated"      // file: cut short (an ejected stick)
	ProbTooLarge      = "package.too_large"      // what, limit: the file, an entry or the entry count over its cap
	ProbBadEntry      = "package.bad_entry"      // name, why: an entry name or kind the reader refuses
	ProbEntryTwice    = "package.entry_twice"    // name: an entry present twice (or twice up to case)
	ProbEntryMissing  = "package.entry_missing"  // name: an entry the manifest lists but the zip lacks
	ProbEntryExtra    = "package.entry_extra"    // name: an entry the manifest does not list
	ProbBadSignature  = "package.bad_signature"  // the signature does not match the manifest
	ProbBadManifest   = "package.bad_manifest"   // detail: the manifest cannot be read
	ProbVersion       = "package.version"        // format, want: another format version
	ProbHash          = "package.hash"           // name: an entry's content is not what the manifest says
	ProbSize          = "package.size"           // name, size, want: an entry's size is not what the manifest says
	ProbContent       = "package.content"        // name, detail: an entry that cannot be read as its kind
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
	ProbKind          = "package.kind"           // kind, status: the package does not fit the assessment's state
)

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
