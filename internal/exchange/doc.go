// Package exchange writes and reads sealed exchange packages
// (pingce/package@1, docs/formats.md §7): a zip that carries a unit's
// submission to its evaluation lead, or the lead's review back, between
// machines that share no database.
//
// A package holds a manifest that lists every other entry with its SHA-256
// and size, a detached Ed25519 signature over the manifest's exact bytes,
// the catalog document, the answers file, the evidence files by content
// hash, and the assessment's audit trail; it may be sealed with a password
// (age, scrypt). Open treats the file as hostile: it checks the signature
// before it parses anything else, accepts only the entries the manifest
// names, reads every entry through a limit and checks its hash. What the
// package means (trust in the key, recipient, replay, revision) is decided
// by the Store that applies it.
package exchange
