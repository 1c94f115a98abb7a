package storage

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/readahead"
)

// The exchange tables (schema 8, docs/formats.md §7). The signing key is
// kept per database, not per installation: the database is the unit's
// identity (its profile, units and assessments live in it), so a backup or
// a move to another machine keeps the key the lead has registered, one
// machine may keep the databases of several units apart, and desktops that
// share one PostgreSQL database sign as the one unit they are.

// exchangeKeyRow is this database's signing key (one row, id 1).
type exchangeKeyRow struct {
	ID          int    `gorm:"primaryKey;autoIncrement:false"`
	Seed        string `gorm:"not null"` // the Ed25519 seed, base64
	Key         string `gorm:"not null"` // the public key line
	Fingerprint string `gorm:"not null"`
	CreatedAt   time.Time
}

// TableName names the exchange_key table for GORM.
func (exchangeKeyRow) TableName() string { return "exchange_key" }

// trustRow is a key the receiver trusts for a unit: one key per unit.
type trustRow struct {
	Fingerprint string `gorm:"primaryKey"`
	Unit        string `gorm:"not null;uniqueIndex"`
	Key         string `gorm:"not null"`
	AddedBy     string `gorm:"not null;default:''"`
	AddedAt     time.Time
}

// TableName names the exchange_trust table for GORM.
func (trustRow) TableName() string { return "exchange_trust" }

// linkRow gives an assessment its identity across machines.
type linkRow struct {
	AssessmentID int64          `gorm:"primaryKey;autoIncrement:false"`
	Assessment   *assessmentRow `gorm:"belongsTo:x;foreignKey:AssessmentID;constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	UID          string         `gorm:"column:uid;not null;uniqueIndex"`
	Received     bool           `gorm:"not null;default:false"`
	Peer         string         `gorm:"not null;default:''"`
	LastPackage  string         `gorm:"not null;default:''"`
	Revision     int            `gorm:"not null;default:0"`
	LastExported *time.Time
}

// TableName names the exchange_links table for GORM.
func (linkRow) TableName() string { return "exchange_links" }

// importRow is a package applied here.
type importRow struct {
	PackageID    string `gorm:"primaryKey"`
	ManifestSHA  string `gorm:"column:manifest_sha256;not null"`
	UID          string `gorm:"column:uid;not null;index"`
	Kind         string `gorm:"not null"`
	Revision     int    `gorm:"not null"`
	Sender       string `gorm:"not null"` // fingerprint
	AssessmentID int64  `gorm:"not null;default:0"`
	Audit        string `gorm:"not null;default:''"` // the sender's audit trail (audit.json)
	ImportedBy   string `gorm:"not null;default:''"`
	ImportedAt   time.Time
}

// TableName names the exchange_imports table for GORM.
func (importRow) TableName() string { return "exchange_imports" }

func migrateExchange(tx *gorm.DB) error {
	return tx.AutoMigrate(&exchangeKeyRow{}, &trustRow{}, &linkRow{}, &importRow{})
}

// OwnKey returns this database's signing key, making it on first use.
func (s *Store) OwnKey(ctx context.Context) (ed25519.PrivateKey, error) {
	var key ed25519.PrivateKey
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var err error
		key, err = s.ownKey(tx)
		return err
	})
	if err != nil {
		return nil, dbErr(err, "read this database's key")
	}
	return key, nil
}

func (s *Store) ownKey(tx *gorm.DB) (ed25519.PrivateKey, error) {
	var row exchangeKeyRow
	err := tx.Take(&row, 1).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		pub, priv, gerr := ed25519.GenerateKey(rand.Reader)
		if gerr != nil {
			return nil, gerr
		}
		row = exchangeKeyRow{ID: 1, Seed: base64.StdEncoding.EncodeToString(priv.Seed()),
			Key: exchange.KeyLine(pub), Fingerprint: exchange.Fingerprint(pub), CreatedAt: s.now()}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return nil, err
		}
		err = tx.Take(&row, 1).Error // another process may have been first
	}
	if err != nil {
		return nil, err
	}
	seed, err := base64.StdEncoding.DecodeString(row.Seed)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, domain.Errorf(domain.EINTERNAL, "this database's signing key is damaged")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// TrustedKeys returns the keys this side trusts, by unit.
func (s *Store) TrustedKeys(ctx context.Context) ([]exchange.TrustedKey, error) {
	var rows []trustRow
	if err := s.db.WithContext(ctx).Order("unit").Find(&rows).Error; err != nil {
		return nil, dbErr(err, "read trusted keys")
	}
	out := make([]exchange.TrustedKey, 0, len(rows))
	for _, r := range rows {
		pub, _ := exchange.ParseKeyLine(r.Key)
		out = append(out, exchange.TrustedKey{Unit: r.Unit, Key: pub, Fingerprint: r.Fingerprint,
			AddedBy: r.AddedBy, AddedAt: r.AddedAt.UTC().Format(time.RFC3339)})
	}
	return out, nil
}

// TrustKey registers pub as the key of unit (exchange.Store). Replacing a
// unit's key, or moving a key to another unit, needs the admin role.
func (s *Store) TrustKey(ctx context.Context, unit string, pub ed25519.PublicKey) error {
	if err := domain.ValidName(unit); err != nil {
		return err
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error { return s.trust(ctx, tx, unit, pub, true) })
	return dbErr(err, "trust key")
}

func (s *Store) trust(ctx context.Context, tx *gorm.DB, unit string, pub ed25519.PublicKey, mayReplace bool) error {
	user, _ := domain.UserFrom(ctx)
	fp := exchange.Fingerprint(pub)
	var old []trustRow
	if err := tx.Where("unit = ? OR fingerprint = ?", unit, fp).Find(&old).Error; err != nil {
		return err
	}
	if len(old) == 1 && old[0].Unit == unit && old[0].Fingerprint == fp {
		return nil // registered already
	}
	if len(old) > 0 {
		if !mayReplace || !user.Has(domain.RoleAdmin) {
			return domain.Errorf(domain.EFORBIDDEN,
				"%s or the key %s is registered already: only an administrator may register another key", unit, fp)
		}
		if err := tx.Where("unit = ? OR fingerprint = ?", unit, fp).Delete(&trustRow{}).Error; err != nil {
			return err
		}
	}
	row := trustRow{Fingerprint: fp, Unit: unit, Key: exchange.KeyLine(pub), AddedBy: user.Name, AddedAt: s.now()}
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	var before any
	if len(old) > 0 {
		before = trustDocs(old)
	}
	return s.record(ctx, tx, auditRow{Action: "key_trust"}, before, trustDocs([]trustRow{row}))
}

type trustDoc struct {
	Unit        string `json:"unit"`
	Fingerprint string `json:"fingerprint"`
}

func trustDocs(rs []trustRow) []trustDoc {
	out := make([]trustDoc, len(rs))
	for i, r := range rs {
		out[i] = trustDoc{Unit: r.Unit, Fingerprint: r.Fingerprint}
	}
	return out
}

// RemoveKey forgets a trusted key (admin only).
func (s *Store) RemoveKey(ctx context.Context, fingerprint string) error {
	user, _ := domain.UserFrom(ctx)
	if !user.Has(domain.RoleAdmin) {
		return domain.Errorf(domain.EFORBIDDEN, "only an administrator may remove a trusted key")
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var row trustRow
		if err := tx.Take(&row, "fingerprint = ?", fingerprint).Error; err != nil {
			return notFound(err, "no trusted key %s", fingerprint)
		}
		if err := tx.Delete(&row).Error; err != nil {
			return err
		}
		return s.record(ctx, tx, auditRow{Action: "key_remove"}, trustDocs([]trustRow{row}), nil)
	})
	return dbErr(err, "remove key")
}

// ExchangeInfo returns the assessment's exchange identity, making its uid
// on first use, with its catalog document.
func (s *Store) ExchangeInfo(ctx context.Context, id int64) (*exchange.Link, error) {
	var out exchange.Link
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var a assessmentRow
		if err := tx.Select("id", "catalog_row_id").Take(&a, id).Error; err != nil {
			return notFound(err, "no assessment with id %d", id)
		}
		var cr catalogRow
		if err := tx.Select("hash", "body").Take(&cr, a.CatalogRowID).Error; err != nil {
			return err
		}
		var l linkRow
		err := tx.Take(&l, "assessment_id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			l = linkRow{AssessmentID: id, UID: exchange.NewID()}
			err = tx.Create(&l).Error
		}
		if err != nil {
			return err
		}
		out = exchange.Link{AssessmentID: id, UID: l.UID, Received: l.Received, Peer: l.Peer,
			LastPackage: l.LastPackage, Revision: l.Revision, CatalogDoc: []byte(cr.Body), CatalogHash: cr.Hash}
		if l.LastExported != nil {
			out.LastExported = l.LastExported.UTC()
		}
		return nil
	})
	if err != nil {
		return nil, dbErr(err, "read exchange identity")
	}
	return &out, nil
}

// MarkExported records that a package about the assessment was written.
func (s *Store) MarkExported(ctx context.Context, id int64, m *exchange.Manifest) error {
	now := s.now()
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&linkRow{}).Where("assessment_id = ?", id).Update("last_exported", now).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, id, "", "package_export", nil, packageDoc(m))
	})
	return dbErr(err, "record export")
}

// packageDoc is what the audit trail records of a package.
type packageDocT struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Revision    int    `json:"revision"`
	Sender      string `json:"sender"`
	Fingerprint string `json:"fingerprint"`
}

func packageDoc(m *exchange.Manifest) packageDocT {
	return packageDocT{ID: m.ID, Kind: m.Kind, Revision: m.Revision, Sender: m.Sender.Unit.Name, Fingerprint: m.Sender.Fingerprint}
}

// errCheckOnly rolls back CheckPackage's transaction.
var errCheckOnly = errors.New("check only")

// CheckPackage runs every check and step of ApplyPackage in a transaction
// it rolls back: the database is left as it was.
func (s *Store) CheckPackage(ctx context.Context, p *exchange.Package, opt exchange.ApplyOptions) (*exchange.Applied, error) {
	out, err := s.applyPackage(ctx, p, opt, true)
	if err != nil {
		return out, err
	}
	return out, nil
}

// ApplyPackage applies a verified package in one transaction: the
// receiver's checks (recipient, already imported, trust, revision), then a
// submission creates or updates the assessment on the lead's side, or a
// review brings the verdicts, return or approval back to the unit.
func (s *Store) ApplyPackage(ctx context.Context, p *exchange.Package, opt exchange.ApplyOptions) (*exchange.Applied, error) {
	return s.applyPackage(ctx, p, opt, false)
}

func (s *Store) applyPackage(ctx context.Context, p *exchange.Package, opt exchange.ApplyOptions, dry bool) (*exchange.Applied, error) {
	if p == nil {
		return nil, domain.Errorf(domain.EINVALID, "no package to import")
	}
	user, _ := domain.UserFrom(ctx)
	var out *exchange.Applied
	err := s.largeWrite(ctx, func() error { // the evidence may be hundreds of MB
		return s.transaction(ctx, func(tx *gorm.DB) error {
			out = &exchange.Applied{}
			if err := s.receive(ctx, tx, p, opt, user, out); err != nil {
				return err
			}
			if dry {
				return errCheckOnly
			}
			return nil
		})
	})
	if errors.Is(err, errCheckOnly) {
		err = nil
	}
	if err != nil {
		return out, dbErr(err, "import package")
	}
	if !dry && !out.Already {
		s.checkpointSoon()
	}
	return out, nil
}

func packageErr(code, prob, format string, kv ...string) error {
	pr := domain.NewProblem(prob, format, kv...)
	return &domain.Error{Code: code, Message: pr.Msg, Problems: []domain.Problem{pr}}
}

// receive does ApplyPackage's work inside tx.
func (s *Store) receive(ctx context.Context, tx *gorm.DB, p *exchange.Package, opt exchange.ApplyOptions, user domain.User, out *exchange.Applied) error {
	m := &p.Manifest
	switch m.Kind {
	case exchange.KindSubmission:
		if !user.Has(domain.RoleReviewer) && !user.Has(domain.RoleAdmin) {
			return domain.Errorf(domain.EFORBIDDEN, "importing a submission needs the reviewer or admin role")
		}
	case exchange.KindReview:
		if !user.Has(domain.RoleStaff) && !user.Has(domain.RoleAdmin) {
			return domain.Errorf(domain.EFORBIDDEN, "importing a review needs the staff or admin role")
		}
	case exchange.KindRegister:
		if !user.Has(domain.RoleStaff) && !user.Has(domain.RoleReviewer) && !user.Has(domain.RoleAdmin) {
			return domain.Errorf(domain.EFORBIDDEN, "importing register entries needs the staff, reviewer or admin role")
		}
	}
	own, err := s.ownKey(tx)
	if err != nil {
		return err
	}
	ownFP := exchange.Fingerprint(own.Public().(ed25519.PublicKey))
	if m.Recipient != "" && m.Recipient != ownFP {
		return packageErr(domain.EINVALID, exchange.ProbRecipient, "the package is addressed to the key {recipient}, not to this one ({own})",
			"recipient", m.Recipient, "own", ownFP)
	}
	if m.Sender.Fingerprint == ownFP {
		return packageErr(domain.EINVALID, exchange.ProbOwnPackage, "the package was made by this database itself (key {own}): import it on the other side",
			"own", ownFP)
	}
	var prev importRow
	err = tx.Take(&prev, "package_id = ?", m.ID).Error
	if err == nil {
		if prev.ManifestSHA == p.ManifestSHA256 {
			out.Already, out.AssessmentID = true, prev.AssessmentID
			return nil
		}
		return packageErr(domain.ECONFLICT, exchange.ProbReplay, "a package with the id {id} was imported already with other content", "id", m.ID)
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	if err := s.checkTrust(ctx, tx, p, opt, out); err != nil {
		return err
	}
	var latest *int
	if err := tx.Model(&importRow{}).Select("MAX(revision)").Where("uid = ? AND kind = ?", m.Assessment.UID, m.Kind).Scan(&latest).Error; err != nil {
		return err
	}
	if latest != nil && m.Revision <= *latest {
		return packageErr(domain.ECONFLICT, exchange.ProbStale, "this is revision {revision}; revision {latest} was imported already",
			"revision", strconv.Itoa(m.Revision), "latest", strconv.Itoa(*latest))
	}
	// The sender's changes are made in the sender's name: the audit trail
	// then says who entered what, as the package's own trail does.
	operator := m.Sender.Operator
	if domain.ValidName(operator) != nil {
		operator = m.Sender.Unit.Name
	}
	sctx := domain.WithUser(ctx, domain.User{Name: operator, Roles: domain.Roles})
	v := s.within(tx)
	switch m.Kind {
	case exchange.KindSubmission:
		err = v.receiveSubmission(sctx, tx, p, out)
	case exchange.KindRegister:
		err = v.receiveRegister(sctx, tx, p, out) // exchangetasks.go
	default:
		err = v.receiveReview(sctx, tx, p, out)
	}
	if err != nil {
		return err
	}
	audit, _ := json.Marshal(p.Audit)
	if err := tx.Create(&importRow{PackageID: m.ID, ManifestSHA: p.ManifestSHA256, UID: m.Assessment.UID, Kind: m.Kind,
		Revision: m.Revision, Sender: m.Sender.Fingerprint, AssessmentID: out.AssessmentID, Audit: string(audit),
		ImportedBy: user.Name, ImportedAt: s.now()}).Error; err != nil {
		return err
	}
	link := map[string]any{"last_package": m.ID, "revision": m.Revision, "peer": m.Sender.Fingerprint}
	if m.Kind == exchange.KindRegister { // answers no submission: a review still replies to the last one
		link = map[string]any{"peer": m.Sender.Fingerprint}
	}
	if err := tx.Model(&linkRow{}).Where("assessment_id = ?", out.AssessmentID).Updates(link).Error; err != nil {
		return err
	}
	if out.ReceivedEntries, err = s.keepReceivedAudit(tx, out.AssessmentID, p.Audit); err != nil {
		return err
	}
	var st assessmentRow
	if err := tx.Select("status").Take(&st, out.AssessmentID).Error; err != nil {
		return err
	}
	out.Status = st.Status
	// Every evidence entry not read above (a content stored here already)
	// is checked before the transaction commits: a mismatch rolls it all back.
	if err := p.VerifyEvidence(ctx); err != nil {
		return err
	}
	return s.audit(ctx, tx, out.AssessmentID, "", "package_import", nil, packageDoc(m))
}

// checkTrust applies the registry of trusted keys to the package's signer.
func (s *Store) checkTrust(ctx context.Context, tx *gorm.DB, p *exchange.Package, opt exchange.ApplyOptions, out *exchange.Applied) error {
	m := &p.Manifest
	fp, unit := m.Sender.Fingerprint, m.Sender.Unit.Name
	// The rows that bear on the signer (its key's, its unit's), judged by
	// the one rule the window uses too (exchange.KeyStatus).
	var rows []trustRow
	if err := tx.Where("fingerprint = ? OR unit = ?", fp, unit).Find(&rows).Error; err != nil {
		return err
	}
	keys := make([]exchange.TrustedKey, len(rows))
	for i, r := range rows {
		keys[i] = exchange.TrustedKey{Unit: r.Unit, Fingerprint: r.Fingerprint}
	}
	status, owner := exchange.KeyStatus(keys, m)
	out.Key = status
	switch status {
	case exchange.KeyTrusted:
		return nil
	case exchange.KeyOtherUnit:
		return packageErr(domain.EFORBIDDEN, exchange.ProbKeyOtherUnit, "the package says it comes from {unit}, but its key {fingerprint} is registered for {owner}",
			"unit", unit, "fingerprint", fp, "owner", owner)
	case exchange.KeyRekeyed:
		known := ""
		for _, r := range rows {
			if r.Unit == unit {
				known = r.Fingerprint
			}
		}
		return packageErr(domain.EFORBIDDEN, exchange.ProbRekeyed, "{unit} is registered with the key {known}, not {fingerprint}: an administrator must register the new key first",
			"unit", unit, "fingerprint", fp, "known", known)
	}
	out.NewKey = true
	if !opt.TrustNew {
		return packageErr(domain.EFORBIDDEN, exchange.ProbUnknownKey, "the package is signed by a key not registered here: {unit}, fingerprint {fingerprint}; compare it with the sender and confirm",
			"unit", unit, "fingerprint", fp)
	}
	return s.trust(ctx, tx, unit, p.Signer, false)
}

// within returns a view of the store whose writes run inside tx (as
// savepoints), so that a package applies all or nothing.
func (s *Store) within(tx *gorm.DB) *Store {
	v := &Store{db: tx, dialect: s.dialect, path: s.path, Now: s.Now, maxEvidence: s.maxEvidence,
		cats: map[string]*domain.Catalog{}}
	v.checkpoints.Store(true) // never from inside the transaction
	return v
}

// receiveSubmission creates or updates the lead's copy of the assessment.
func (s *Store) receiveSubmission(ctx context.Context, tx *gorm.DB, p *exchange.Package, out *exchange.Applied) error {
	m := &p.Manifest
	if err := checkSendersUnit(m); err != nil { // exchangefit.go
		return err
	}
	var link linkRow
	err := tx.Take(&link, "uid = ?", m.Assessment.UID).Error
	var id int64
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		if id, err = s.newReceived(ctx, tx, p, out); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		if !link.Received {
			return packageErr(domain.EINVALID, exchange.ProbKind, "a {kind} package of this database's own assessment cannot be imported here (it is {status})",
				"kind", m.Kind, "status", "own")
		}
		id = link.AssessmentID
		if err := checkPeer(tx, link, m); err != nil {
			return err
		}
		if err := checkSameAssessment(tx, id, m); err != nil {
			return err
		}
		var a assessmentRow
		if err := tx.Select("status").Take(&a, id).Error; err != nil {
			return err
		}
		if a.Status != string(domain.Returned) {
			return packageErr(domain.ECONFLICT, exchange.ProbKind, "a {kind} package does not fit the assessment here, which is {status}: return it first",
				"kind", m.Kind, "status", a.Status)
		}
		var evs []evidenceRow
		if err := tx.Where("assessment_id = ?", id).Find(&evs).Error; err != nil {
			return err
		}
		for _, e := range evs {
			if err := s.RemoveEvidence(ctx, e.ID); err != nil {
				return err
			}
		}
	}
	out.AssessmentID = id
	set := *p.Answers
	if err := s.ImportAnswers(ctx, id, &set); err != nil {
		return err
	}
	st, err := s.load(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, a := range p.Attachments {
		if err := s.receiveEvidence(ctx, tx, p, st, a); err != nil {
			return fmt.Errorf("attach %s: %w", a.Name, err)
		}
		out.Evidence++
	}
	if err := s.receiveTasks(ctx, tx, p, id, out); err != nil { // exchangetasks.go
		return err
	}
	return s.Submit(ctx, id)
}

// receiveEvidence stores one of the package's files and attaches it to
// its item of the lead's copy st, in the import's own transaction: the
// content first (hashed once, by the package's reader, as it is stored),
// then the attachment. Not through addEvidence, whose savepoint around the
// content would make SQLite copy each page it spills from its cache (the
// earlier files') to a statement journal, and which loads the assessment
// and reads the content's head back for every file.
func (s *Store) receiveEvidence(ctx context.Context, tx *gorm.DB, p *exchange.Package, st *state, a exchange.Attachment) error {
	if st.cat.Item(a.Item) == nil {
		return domain.Errorf(domain.ENOTFOUND, "catalog %s has no item %q", st.cat.Ref(), a.Item)
	}
	name, err := domain.CleanFileName(a.Name)
	if err != nil {
		return fmt.Errorf("evidence file name: %w", err)
	}
	rc, err := p.Evidence(a.SHA256)
	if err != nil {
		return err
	}
	// Read ahead: the package's next MiB is read, inflated and hashed
	// while SQLite stores this one (two processors at work, not one in turn).
	ra := readahead.New(rc, chunkSize, 2)
	c, err := putContent(tx, name, ra, a.SHA256, s.maxEvidence)
	ra.Close()
	rc.Close()
	if err != nil {
		return err
	}
	ev, err := s.attach(ctx, tx, st.row.ID, a.Item, name, a.Name, c)
	if errors.Is(err, errSameFile) {
		return keepOriginalName(tx, ev.ID, a.OriginalName, ev.Name) // exchangetasks.go
	} else if err != nil {
		return err
	}
	// Who attached it and when, as the sender's database says (the
	// attachment's own facts), not the package's operator at the import.
	if domain.ValidName(a.AddedBy) == nil && !a.AddedAt.IsZero() {
		if err := tx.Model(&evidenceRow{}).Where("id = ?", ev.ID).
			Updates(map[string]any{"added_by": a.AddedBy, "added_at": a.AddedAt.UTC()}).Error; err != nil {
			return err
		}
	}
	return keepOriginalName(tx, ev.ID, a.OriginalName, ev.Name) // exchangetasks.go
}

// newReceived makes the lead's copy of an assessment it has not seen:
// the catalog and the unit when they are new here (the catalog first: a
// unit's type must be one of the catalogs').
func (s *Store) newReceived(ctx context.Context, tx *gorm.DB, p *exchange.Package, out *exchange.Applied) (int64, error) {
	m := &p.Manifest
	var cr catalogRow
	err := tx.Select("hash").Where("catalog_id = ? AND version = ?", p.Catalog.ID, p.Catalog.Version).Take(&cr).Error
	switch {
	case err == nil:
		if cr.Hash != m.Assessment.CatalogHash {
			return 0, packageErr(domain.ECONFLICT, exchange.ProbContent,
				fmt.Sprintf("{name}: the catalog {value} is stored here with other content (hash %.8s, the package's %.8s)", cr.Hash, m.Assessment.CatalogHash),
				"name", exchange.CatalogName, "detail", exchange.DetailCatalogConflict, "value", p.Catalog.Ref())
		}
	case errors.Is(err, gorm.ErrRecordNotFound):
		info, created, err := s.ImportCatalog(ctx, p.Catalog)
		if err != nil {
			return 0, err
		}
		if info.Hash != m.Assessment.CatalogHash {
			return 0, packageErr(domain.EINVALID, exchange.ProbContent, "{name}: it is not in the canonical form of a catalog document",
				"name", exchange.CatalogName, "detail", exchange.DetailNotCanonical)
		}
		out.CreatedCatalog = created
	default:
		return 0, err
	}
	au := m.Assessment.Unit
	var u unitRow
	err = tx.Where("name = ?", au.Name).Order("id").Take(&u).Error
	unitID := u.ID
	if errors.Is(err, gorm.ErrRecordNotFound) {
		nu := &domain.Unit{Name: au.Name, Type: au.Type, Superior: au.Superior, Code: au.Code}
		if err := s.CreateUnit(ctx, nu); err != nil {
			return 0, err
		}
		unitID, out.CreatedUnit = nu.ID, true
	} else if err != nil {
		return 0, err
	} else if u.Type != au.Type {
		return 0, mismatch("unit_type", au.Type, u.Type)
	}
	a := &domain.Assessment{Unit: domain.Unit{ID: unitID}, Round: m.Assessment.Round,
		CatalogID: p.Catalog.ID, CatalogVersion: p.Catalog.Version}
	if err := s.CreateAssessment(ctx, a); err != nil {
		return 0, err
	}
	out.CreatedAssess = true
	if err := tx.Create(&linkRow{AssessmentID: a.ID, UID: m.Assessment.UID, Received: true, Peer: m.Sender.Fingerprint}).Error; err != nil {
		return 0, err
	}
	return a.ID, nil
}

// receiveReview brings the lead's verdicts, return or approval back to
// the unit's own assessment.
func (s *Store) receiveReview(ctx context.Context, tx *gorm.DB, p *exchange.Package, out *exchange.Applied) error {
	m := &p.Manifest
	var link linkRow
	err := tx.Take(&link, "uid = ?", m.Assessment.UID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && link.Received) {
		return packageErr(domain.ENOTFOUND, exchange.ProbNoAssessment, "the assessment the review is about is not this database's own ({what})",
			"what", m.Assessment.Unit.Name+" "+m.Assessment.Round)
	} else if err != nil {
		return err
	}
	out.AssessmentID = link.AssessmentID
	if err := checkPeer(tx, link, m); err != nil { // exchangefit.go
		return err
	}
	if err := checkSameAssessment(tx, link.AssessmentID, m); err != nil {
		return err
	}
	if err := checkReplyTo(tx, link.AssessmentID, m); err != nil {
		return err
	}
	var a assessmentRow
	if err := tx.Select("status").Take(&a, link.AssessmentID).Error; err != nil {
		return err
	}
	if a.Status != string(domain.Submitted) {
		return packageErr(domain.ECONFLICT, exchange.ProbKind, "a {kind} package does not fit the assessment here, which is {status}",
			"kind", m.Kind, "status", a.Status)
	}
	if p.Review != nil && len(p.Review.Items) > 0 {
		if _, err := s.ImportReviews(ctx, link.AssessmentID, p.Review.Items); err != nil {
			return err
		}
	}
	if err := s.receiveTasks(ctx, tx, p, link.AssessmentID, out); err != nil { // exchangetasks.go
		return err
	}
	if err := s.receiveStanding(tx, p, link.AssessmentID, out); err != nil {
		return err
	}
	switch domain.AssessmentStatus(m.Assessment.Status) {
	case domain.Returned:
		return s.Return(ctx, link.AssessmentID, m.Assessment.Reason)
	case domain.Approved:
		return s.Approve(ctx, link.AssessmentID)
	}
	return nil
}

// receivedPrefix marks the audit entries a package brought: the sender's
// own trail, kept under the receiver's copy of the assessment with the
// sender's actor, time and roles (docs/formats.md §7).
const receivedPrefix = "received_"

// keepReceivedAudit adds the entries of the sender's audit trail that are
// newer than those kept from earlier packages, and returns how many.
func (s *Store) keepReceivedAudit(tx *gorm.DB, id int64, recs []exchange.AuditRecord) (int, error) {
	var last *time.Time
	var rows []auditRow
	if err := tx.Model(&auditRow{}).Where("assessment_id = ? AND action LIKE ?", id, receivedPrefix+"%").
		Order("at DESC").Limit(1).Find(&rows).Error; err != nil {
		return 0, err
	}
	if len(rows) == 1 {
		last = &rows[0].At
	}
	n := 0
	for _, r := range recs {
		at := r.At.UTC().Truncate(time.Microsecond)
		if last != nil && !at.After(*last) {
			continue
		}
		e := auditRow{At: at, Actor: r.Actor, AssessmentID: id, ItemID: r.Item, Action: receivedPrefix + r.Action,
			Before: r.Before, After: r.After, Roles: r.Roles}
		if err := tx.Create(&e).Error; err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// OpenContent opens the stored content with the given SHA-256 for
// reading (exchange.ContentOpener), a piece at a time: the export copies
// it into the package without ever holding it whole, and no query stays
// open between reads. ENOTFOUND when no such content is stored.
func (s *Store) OpenContent(ctx context.Context, sha256 string) (io.ReadCloser, error) {
	r, err := openContent(ctx, s.db, sha256)
	if err != nil {
		return nil, dbErr(err, "read file content")
	}
	return r, nil
}
