package exchange

// Problems of a package that is sound in itself but does not fit what the
// receiver holds (internal/storage applies them): the sender, the
// assessment it names, the package it answers.
const (
	// ProbNotSendersUnit: a submission of another unit's assessment (args
	// unit: the signer's unit, owner: the assessment's unit).
	ProbNotSendersUnit = "package.not_senders_unit"
	// ProbPeer: the assessment is exchanged with another key that is still
	// registered here (args fingerprint, peer, peer_unit).
	ProbPeer = "package.peer"
	// ProbMismatch: the package says other of the assessment than the
	// receiver's copy (args what: unit, unit_type, round or catalog;
	// package, here: the two values).
	ProbMismatch = "package.mismatch"
	// ProbReplyTo: a review that answers no submission package this side
	// sent (args id).
	ProbReplyTo = "package.reply_to"
)
