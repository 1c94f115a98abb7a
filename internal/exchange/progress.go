package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"pingce/internal/answers"
	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// BuildRegister gathers a register package (KindRegister, 整改进展包) of
// the assessment: its 整改 entries with their timelines and closure files,
// for the other side of an exchange the assessment has been in (a unit's
// closure requests after the approval, the lead's closures), whatever the
// assessment's state. The answers travel as they are (the format wants
// them); the audit trail only with the register's own steps.
func (s Services) BuildRegister(ctx context.Context, id int64) (*Contents, error) {
	if _, ok := s.Store.(TaskLinker); !ok || s.Tasks == nil {
		return nil, domain.Errorf(domain.EINTERNAL, "this database cannot send register entries (a wiring error)")
	}
	ws, err := s.Assessments.OpenAssessment(ctx, id)
	if err != nil {
		return nil, err
	}
	link, err := s.Store.ExchangeInfo(ctx, id)
	if err != nil {
		return nil, err
	}
	if link.Peer == "" {
		return nil, fail(domain.EINVALID, ProbNothingToSend, "there is no package to send of this {status} assessment: a register package goes to the other side of an exchange, once the assessment has been sent or received",
			"status", string(ws.Assessment.Status), "why", SendNotExchanged)
	}
	if u, ok := domain.UserFrom(ctx); ok && !u.Has(domain.RoleStaff) && !u.Has(domain.RoleReviewer) && !u.Has(domain.RoleAdmin) {
		return nil, domain.Errorf(domain.EFORBIDDEN, "sending a register package needs the staff, reviewer or admin role")
	}
	a := ws.Assessment
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
	revision := 1
	for _, e := range trail {
		if strings.HasPrefix(e.Action, "task_") && e.Action != "task_receive" {
			c.Audit = append(c.Audit, AuditRecord{At: e.At.UTC(), Actor: e.Actor, Roles: e.Roles, Item: e.ItemID,
				Action: e.Action, Before: e.Before, After: e.After})
		}
		if e.Action == "package_export" {
			var d struct {
				Kind     string `json:"kind"`
				Revision int    `json:"revision"`
			}
			if json.Unmarshal([]byte(e.After), &d) == nil && d.Kind == KindRegister && d.Revision >= revision {
				revision = d.Revision + 1
			}
		}
	}
	taskFiles, err := s.tasks(ctx, id, c)
	if err != nil {
		return nil, err
	}
	if len(c.Tasks) == 0 {
		return nil, fail(domain.EINVALID, ProbNothingToSend, "there is no package to send of this {status} assessment: it has no register entries",
			"status", string(a.Status), "why", SendNoEntries)
	}
	c.Evidence = s.contents(nil, taskFiles)
	res := ws.Result()
	unit := Unit{Name: a.Unit.Name, Type: a.Unit.Type, Superior: a.Unit.Superior, Code: a.Unit.Code}
	m := Manifest{Kind: KindRegister, Recipient: link.Peer, Sender: Sender{Unit: unit, Operator: domain.ActorFrom(ctx)},
		Assessment: Assessment{UID: link.UID, Unit: unit, Round: a.Round, Catalog: a.CatalogRef(), CatalogHash: link.CatalogHash,
			Status: string(a.Status), SubmittedBy: a.SubmittedBy, SubmittedAt: a.SubmittedAt.UTC(),
			Answered: res.Answered, Applicable: res.Applicable, Final: res.Final, Grade: res.Grade},
		Revision: revision}
	if link.Received { // the lead's: with the round's ranking as it stands now
		m.Sender.Unit = s.ownUnit(ctx, a.Unit)
		if s.Standing != nil {
			if c.Standing, err = s.Standing(ctx, ws); err != nil {
				return nil, fmt.Errorf("rank the round: %w", err)
			}
		}
	}
	c.Manifest = m
	return c, nil
}

// ExportRegister writes the register package of the assessment to path,
// verified before the rename, as Export does.
func (s Services) ExportRegister(ctx context.Context, id int64, path, password string, guard *userfile.Guard, replace bool) (*Manifest, error) {
	c, err := s.BuildRegister(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.write(ctx, id, c, path, password, guard, replace)
}
