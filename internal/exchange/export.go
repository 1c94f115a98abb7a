package exchange

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"pingce/internal/answers"
	"pingce/internal/domain"
	"pingce/internal/review"
	"pingce/internal/userfile"
)

// Services are the domain services an export reads and an import writes
// through.
type Services struct {
	Assessments domain.AssessmentService
	Answers     domain.AnswerService
	Audit       domain.AuditService
	Evidence    domain.EvidenceService
	Units       domain.UnitService    // optional: names the lead's unit in a review
	Profile     domain.ProfileService // optional: this side's own unit
	// Tasks, optional, is the 整改 register: with it (and a Store that is a
	// TaskLinker) the assessment's entries travel in tasks.json.
	Tasks domain.TaskService
	// Standing, optional, says where the assessment stands in its round's
	// ranking (roundview.StandingOf); a review carries it in standing.json.
	Standing StandingFunc
	Store    Store
}

// Build gathers the contents of the package the assessment's state calls
// for: a submission of a submitted assessment of this database's own, or
// a review of a returned or approved assessment this database received.
func (s Services) Build(ctx context.Context, id int64) (*Contents, error) {
	ws, err := s.Assessments.OpenAssessment(ctx, id)
	if err != nil {
		return nil, err
	}
	link, err := s.Store.ExchangeInfo(ctx, id)
	if err != nil {
		return nil, err
	}
	a := ws.Assessment
	st := a.Status
	var kind string
	switch {
	case st == domain.Submitted && !link.Received:
		kind = KindSubmission
	case (st == domain.Returned || st == domain.Approved) && link.Received:
		kind = KindReview
	default:
		return nil, fail(domain.EINVALID, ProbNothingToSend, "there is no package to send of this {status} assessment: a unit sends its submitted assessment; the lead sends a received one it returned or approved",
			"status", string(st), "why", SendState)
	}
	// The kind also follows this side's role: a unit's staff send
	// submissions, reviewers send reviews (an administrator may do both).
	if u, ok := domain.UserFrom(ctx); ok {
		need := domain.RoleStaff
		if kind == KindReview {
			need = domain.RoleReviewer
		}
		if !u.Has(need) && !u.Has(domain.RoleAdmin) {
			return nil, domain.Errorf(domain.EFORBIDDEN, "sending a %s package needs the %s role", kind, need)
		}
	}
	set, err := s.Answers.ExportAnswers(ctx, id)
	if err != nil {
		return nil, err
	}
	ans, err := answers.Marshal(set, ws.Catalog)
	if err != nil {
		return nil, fmt.Errorf("write answers: %w", err)
	}
	trail, err := s.Audit.Audit(ctx, id)
	if err != nil {
		return nil, err
	}
	c := &Contents{Catalog: link.CatalogDoc, Answers: ans}
	for _, e := range trail {
		if !travels(kind, e.Action) {
			continue
		}
		c.Audit = append(c.Audit, AuditRecord{At: e.At.UTC(), Actor: e.Actor, Roles: e.Roles, Item: e.ItemID,
			Action: e.Action, Before: e.Before, After: e.After})
	}
	ids := map[string]int64{}
	var size int64
	for _, item := range slices.Sorted(maps.Keys(ws.Evidence)) {
		for _, e := range ws.Evidence[item] {
			c.Attachments = append(c.Attachments, Attachment{Item: e.ItemID, Name: e.Name, MediaType: e.MediaType,
				SHA256: e.SHA256, Size: e.Size, AddedBy: e.AddedBy, AddedAt: e.AddedAt.UTC(), OriginalName: e.OriginalName})
			if _, ok := ids[e.SHA256]; !ok {
				ids[e.SHA256] = e.ID
				size += e.Size
			}
		}
	}
	taskFiles, err := s.tasks(ctx, id, c)
	if err != nil {
		return nil, err
	}
	c.Evidence = s.contents(ids, taskFiles)
	res := ws.Result()
	if kind == KindReview {
		res = ws.ReviewedResult()
	}
	unit := Unit{Name: a.Unit.Name, Type: a.Unit.Type, Superior: a.Unit.Superior, Code: a.Unit.Code}
	m := Manifest{Kind: kind, Recipient: link.Peer,
		Sender: Sender{Unit: unit, Operator: domain.ActorFrom(ctx)},
		Assessment: Assessment{UID: link.UID, Unit: unit, Round: a.Round, Catalog: a.CatalogRef(),
			CatalogHash: link.CatalogHash, Status: string(st), SubmittedBy: a.SubmittedBy, SubmittedAt: a.SubmittedAt.UTC(),
			Answered: res.Answered, Applicable: res.Applicable, Final: res.Final, Grade: res.Grade, EvidenceSize: size},
		Revision: 1}
	if ws.Last != nil {
		m.Revision = ws.Last.Seq
	}
	if kind == KindReview {
		m.Sender.Unit = s.ownUnit(ctx, a.Unit)
		m.Revision, m.InReplyTo = max(link.Revision, 1), link.LastPackage
		m.Assessment.Reason = a.ReturnReason
		m.Assessment.DecidedBy, m.Assessment.DecidedAt = a.ReturnedBy, a.ReturnedAt.UTC()
		if st == domain.Approved {
			m.Assessment.DecidedBy, m.Assessment.DecidedAt, m.Assessment.Reason = a.ApprovedBy, a.ApprovedAt.UTC(), ""
		}
		rf := review.FromWorkspace(ws)
		if c.Review, err = review.Marshal(rf, ws.Catalog); err != nil {
			return nil, fmt.Errorf("write review: %w", err)
		}
		if s.Standing != nil {
			if c.Standing, err = s.Standing(ctx, ws); err != nil {
				return nil, fmt.Errorf("rank the round: %w", err)
			}
		}
	}
	c.Manifest = m
	return c, nil
}

// contents opens a content by its SHA-256: through the Store when it can,
// else as the evidence file (ids) or closure file (taskFiles) of that hash.
func (s Services) contents(ids, taskFiles map[string]int64) func(ctx context.Context, sha string) (io.ReadCloser, error) {
	return func(ctx context.Context, sha string) (io.ReadCloser, error) {
		if o, ok := s.Store.(ContentOpener); ok {
			return o.OpenContent(ctx, sha)
		}
		var b []byte
		var err error
		if eid, ok := ids[sha]; ok {
			b, err = s.Evidence.EvidenceContent(ctx, eid)
		} else {
			b, err = s.Tasks.TaskFileContent(ctx, taskFiles[sha])
		}
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(b)), nil
	}
}

// tasks puts the assessment's register entries into c with their uids,
// and returns the closure files' ids by content, for a Store that cannot
// open contents itself.
func (s Services) tasks(ctx context.Context, id int64, c *Contents) (map[string]int64, error) {
	linker, ok := s.Store.(TaskLinker)
	if s.Tasks == nil || !ok {
		return nil, nil
	}
	ts, err := s.Tasks.ListTasks(ctx, domain.TaskFilter{AssessmentID: id})
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	ids := make([]int64, len(ts))
	for i := range ts {
		ids[i] = ts[i].ID
	}
	uids, err := linker.TaskUIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	files := map[string]int64{}
	for _, t := range ts {
		for _, f := range t.Files {
			files[f.SHA256] = f.ID
		}
		c.Tasks = append(c.Tasks, TaskEntry{UID: uids[t.ID], Task: t})
	}
	return files, nil
}

// travels reports whether an audit entry goes into a package of kind:
// only this side's own doings — never the entries an earlier package
// brought (received_…, task_receive) — and, in a review, only the
// review's steps (the lead's copy of the unit's answers is the unit's
// history already).
func travels(kind, action string) bool {
	if strings.HasPrefix(action, "received_") || action == "task_receive" { // what the other side sent, not done here
		return false
	}
	if kind == KindReview {
		switch action {
		case "review", "return", "approve":
			return true
		}
		return false
	}
	return true
}

// ownUnit names this side's unit: the profile's, else the unit above the
// assessed one.
func (s Services) ownUnit(ctx context.Context, assessed domain.Unit) Unit {
	if s.Profile != nil && s.Units != nil {
		if p, err := s.Profile.Profile(ctx); err == nil && p.UnitID != 0 {
			if us, err := s.Units.ListUnits(ctx); err == nil {
				for _, u := range us {
					if u.ID == p.UnitID {
						return Unit{Name: u.Name, Type: u.Type, Superior: u.Superior, Code: u.Code}
					}
				}
			}
		}
	}
	if assessed.Superior != "" {
		return Unit{Name: assessed.Superior}
	}
	return Unit{Name: "评测牵头单位"}
}

// Export writes the package of the assessment to path: into a temporary
// file beside it, which it opens again and verifies in full before the
// rename (userfile.Guard.Write), so that a package that exists is whole.
// replace allows overwriting an existing file.
func (s Services) Export(ctx context.Context, id int64, path, password string, guard *userfile.Guard, replace bool) (*Manifest, error) {
	c, err := s.Build(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.write(ctx, id, c, path, password, guard, replace)
}

// write writes the contents c of a package about the assessment id to path
// (Export) and records the export.
func (s Services) write(ctx context.Context, id int64, c *Contents, path, password string, guard *userfile.Guard, replace bool) (*Manifest, error) {
	key, err := s.Store.OwnKey(ctx)
	if err != nil {
		return nil, err
	}
	var m *Manifest
	report := progressFrom(ctx)
	err = guard.Write(ctx, path, replace, func(ctx context.Context, f *os.File) error {
		var werr error
		// Written, then read back: each half of the bar (WithProgress).
		wctx := WithProgress(ctx, func(done, total int64) { report(done, 2*total) })
		if m, werr = Write(wctx, f, c, key, password); werr != nil {
			return werr
		}
		// The file goes to the disk while it is read back: the reading
		// checks what was written (from the system's cache either way),
		// the sync makes it last, and the rename waits for both — the
		// verification no longer waits for the disk first.
		synced := make(chan error, 1)
		go func() { synced <- f.Sync() }()
		var written int64
		for _, f := range m.Files {
			written += f.Size
		}
		p, err := Open(ctx, f.Name(), Options{Password: password,
			Progress: func(done, total int64) { report(written+done, written+total) }})
		if serr := <-synced; serr != nil {
			if err == nil {
				p.Close()
			}
			return serr
		}
		if err != nil {
			if name, ok := strings.CutPrefix(problemName(err, ProbHash), EvidenceDir); ok {
				return damagedEvidence(name, "another hash")
			}
			return fmt.Errorf("the package just written does not verify: %w", err)
		}
		defer p.Close()
		if p.Manifest.ID != m.ID {
			return domain.Errorf(domain.EINTERNAL, "the package just written reads back as another package")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.Store.MarkExported(ctx, id, m); err != nil {
		return m, err
	}
	return m, nil
}

// Import opens and verifies the package at path and applies it (check:
// only checks what applying would do, and changes nothing).
func (s Services) Import(ctx context.Context, path string, opt Options, apply ApplyOptions, check bool) (*Package, *Applied, error) {
	// Applying reads every evidence entry, or verifies it, inside the
	// Store's transaction (ApplyPackage): hashed there, once, not also here.
	// A check runs the same steps and rolls back; it hashes the evidence
	// only once the receiver's checks have passed (or failed only because
	// the key is new, which the user is about to decide on): a package this
	// side refuses anyway — another unit's key, a re-keyed unit, another
	// recipient — costs no pass over gigabytes of evidence. Package.
	// EvidenceVerified says whether it was hashed.
	opt.CheckEvidenceLater = true
	p, err := Open(ctx, path, opt)
	if err != nil {
		return nil, nil, err
	}
	defer p.Close()
	var out *Applied
	if check {
		out, err = s.Store.CheckPackage(ctx, p, apply)
		if ProblemCode(err) == ProbUnknownKey {
			if verr := p.VerifyEvidence(ctx); verr != nil {
				return p, out, verr
			}
		}
	} else {
		out, err = s.Store.ApplyPackage(ctx, p, apply)
	}
	return p, out, err
}

// SuggestedName proposes a file name that says what the package is and
// nothing secret beyond it: 某某分局_2026-Q3_提交_r2.pingce.
func SuggestedName(m *Manifest) string {
	what := "提交"
	switch m.Kind {
	case KindReview:
		what = "审核结果"
	case KindRegister:
		what = "整改进展"
	}
	name := fmt.Sprintf("%s_%s_%s_r%d.pingce", m.Assessment.Unit.Name, m.Assessment.Round, what, m.Revision)
	if clean, err := domain.CleanFileName(name); err == nil {
		return clean
	}
	return strings.ReplaceAll(name, "/", "_")
}

// Fingerprint returns the fingerprint of this side's key (made on first
// use), as the settings show it.
func (s Services) Fingerprint(ctx context.Context) (string, error) {
	key, err := s.Store.OwnKey(ctx)
	if err != nil {
		return "", err
	}
	return Fingerprint(key.Public().(ed25519.PublicKey)), nil
}

// EvidenceVerified reports whether every evidence entry of the package has
// been read and found to be what the manifest says (by Open, or since, by
// an import or VerifyEvidence).
func (p *Package) EvidenceVerified() bool {
	for _, f := range p.Manifest.Files {
		if strings.HasPrefix(f.Name, EvidenceDir) && p.meter.counts(f.Name) {
			return false
		}
	}
	return true
}
