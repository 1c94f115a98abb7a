package storage

import (
	"encoding/json"
	"errors"

	"gorm.io/gorm"

	"pingce/internal/domain"
	"pingce/internal/exchange"
)

// What a package must fit besides its signature and the registry of
// trusted keys: a unit submits its own assessments only; an assessment
// exchanged already goes on with the key it was exchanged with (unless an
// administrator has replaced that key here) and keeps its unit, unit type,
// round and catalog; a review answers a submission package this side sent.

// checkSendersUnit refuses a submission of an assessment of another unit
// than the signer's.
func checkSendersUnit(m *exchange.Manifest) error {
	if m.Assessment.Unit.Name != m.Sender.Unit.Name {
		return packageErr(domain.EFORBIDDEN, exchange.ProbNotSendersUnit,
			"the package is signed by {unit} but holds an assessment of {owner}: a unit submits its own assessments only",
			"unit", m.Sender.Unit.Name, "owner", m.Assessment.Unit.Name)
	}
	return nil
}

// checkPeer refuses a package about an assessment exchanged with another
// key, while that key is still registered here.
func checkPeer(tx *gorm.DB, link linkRow, m *exchange.Manifest) error {
	if link.Peer == "" || link.Peer == m.Sender.Fingerprint {
		return nil
	}
	var peer trustRow
	err := tx.Take(&peer, "fingerprint = ?", link.Peer).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // the administrator replaced or removed the key it was exchanged with
	} else if err != nil {
		return err
	}
	return packageErr(domain.EFORBIDDEN, exchange.ProbPeer,
		"this assessment is exchanged with {peer_unit} (key {peer}), not with the key {fingerprint} that signed the package",
		"fingerprint", m.Sender.Fingerprint, "peer", link.Peer, "peer_unit", peer.Unit)
}

// checkSameAssessment refuses a package that says other of the assessment
// than the receiver's copy: its unit, unit type, round or catalog.
func checkSameAssessment(tx *gorm.DB, id int64, m *exchange.Manifest) error {
	var a assessmentRow
	if err := tx.Select("unit_id", "round", "catalog_id", "catalog_version").Take(&a, id).Error; err != nil {
		return err
	}
	var u unitRow
	if err := tx.Select("name", "type").Take(&u, a.UnitID).Error; err != nil {
		return err
	}
	for _, c := range []struct{ what, pkg, here string }{
		{"unit", m.Assessment.Unit.Name, u.Name},
		{"unit_type", m.Assessment.Unit.Type, u.Type},
		{"round", m.Assessment.Round, a.Round},
		{"catalog", m.Assessment.Catalog, a.CatalogID + "@" + a.CatalogVersion},
	} {
		if c.pkg != c.here {
			return mismatch(c.what, c.pkg, c.here)
		}
	}
	return nil
}

// mismatch is the refusal of a package whose what differs from here.
func mismatch(what, pkg, here string) error {
	return packageErr(domain.ECONFLICT, exchange.ProbMismatch,
		"the package's {what} is {package}, this database's copy of the assessment has {here}",
		"what", what, "package", pkg, "here", here)
}

// checkReplyTo refuses a review that answers no submission package of the
// assessment that this database exported.
func checkReplyTo(tx *gorm.DB, id int64, m *exchange.Manifest) error {
	var rows []auditRow
	if m.InReplyTo != "" {
		if err := tx.Select("after").Where("assessment_id = ? AND action = ? AND after LIKE ?", id, "package_export", `%"`+m.InReplyTo+`"%`).
			Find(&rows).Error; err != nil {
			return err
		}
	}
	for _, r := range rows {
		var d packageDocT
		if json.Unmarshal([]byte(r.After), &d) == nil && d.ID == m.InReplyTo && d.Kind == exchange.KindSubmission {
			return nil
		}
	}
	return packageErr(domain.EINVALID, exchange.ProbReplyTo,
		"the review answers the package {id}, which is no submission of this assessment sent from here",
		"id", m.InReplyTo)
}
