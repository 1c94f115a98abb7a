package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"pingce/internal/domain"
	"pingce/internal/exchange"
)

// Where a register entry came from (schema 16): the exchange package that
// brought it into this database and the last one that changed it, kept on
// its exchange_task_links row, and the original names of closure files.

// migrateTaskOrigin adds the packages of an entry's link and the closure
// files' original names (schema 16), and fills the packages of entries
// received before from the audit trail: each task_receive entry is
// followed, in the same import, by the package_import entry naming the
// package. A database made at 16 has the columns from its AutoMigrate.
func migrateTaskOrigin(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, c := range []string{"OriginKind", "OriginUnit", "OriginOperator", "OriginPackage", "OriginAt",
		"ReceivedKind", "ReceivedUnit", "ReceivedOperator", "ReceivedPackage", "ReceivedAt"} {
		if m.HasColumn(&taskLinkRow{}, c) {
			continue
		}
		if err := m.AddColumn(&taskLinkRow{}, c); err != nil {
			return fmt.Errorf("add the entries' packages (%s): %w", c, err)
		}
	}
	if !m.HasColumn(&taskFileRow{}, "OriginalName") {
		if err := m.AddColumn(&taskFileRow{}, "OriginalName"); err != nil {
			return fmt.Errorf("add the closure files' original names: %w", err)
		}
	}
	return backfillTaskOrigins(tx)
}

// backfillTaskOrigins finds, for the entries received before schema 16,
// the package that brought each one and the last that changed it, in the
// audit trail. An entry whose package the trail does not name keeps the
// sender's unit as the trusted keys know it.
func backfillTaskOrigins(tx *gorm.DB) error {
	var links []taskLinkRow
	if err := tx.Find(&links).Error; err != nil {
		return err
	}
	if len(links) == 0 {
		return nil
	}
	var receives, imports []auditRow
	if err := tx.Where("action = ?", string(taskReceive)).Order("id").Find(&receives).Error; err != nil {
		return err
	}
	if err := tx.Where("action = ?", "package_import").Order("id").Find(&imports).Error; err != nil {
		return err
	}
	byAssessment := map[int64][]auditRow{}
	for _, r := range imports {
		byAssessment[r.AssessmentID] = append(byAssessment[r.AssessmentID], r)
	}
	origin, received := map[int64]domain.TaskOrigin{}, map[int64]domain.TaskOrigin{}
	for _, r := range receives {
		var doc struct {
			ID int64 `json:"id"`
		}
		if json.Unmarshal([]byte(r.After), &doc) != nil || doc.ID == 0 {
			continue
		}
		ims := byAssessment[r.AssessmentID]
		i := sort.Search(len(ims), func(i int) bool { return ims[i].ID > r.ID })
		if i == len(ims) {
			continue
		}
		var pd packageDocT
		if json.Unmarshal([]byte(ims[i].After), &pd) != nil {
			continue
		}
		o := domain.TaskOrigin{Kind: pd.Kind, Unit: pd.Sender, Operator: r.Actor, Package: pd.ID, At: ims[i].At.UTC()}
		if r.Before == "" {
			if _, ok := origin[doc.ID]; !ok {
				origin[doc.ID] = o
			}
		} else {
			received[doc.ID] = o // the last wins
		}
	}
	var trusted []trustRow
	if err := tx.Find(&trusted).Error; err != nil {
		return err
	}
	unitOf := map[string]string{}
	for _, k := range trusted {
		unitOf[k.Fingerprint] = k.Unit
	}
	for _, l := range links {
		set := map[string]any{}
		if l.Origin != "" && l.OriginPackage == "" && l.OriginUnit == "" {
			if o, ok := origin[l.TaskID]; ok {
				set["origin_kind"], set["origin_unit"], set["origin_operator"] = o.Kind, o.Unit, o.Operator
				set["origin_package"], set["origin_at"] = o.Package, o.At
			} else if u := unitOf[l.Origin]; u != "" {
				set["origin_unit"] = u
			}
		}
		if o, ok := received[l.TaskID]; ok && l.ReceivedPackage == "" {
			set["received_kind"], set["received_unit"], set["received_operator"] = o.Kind, o.Unit, o.Operator
			set["received_package"], set["received_at"] = o.Package, o.At
		}
		if len(set) == 0 {
			continue
		}
		if err := tx.Model(&taskLinkRow{}).Where("task_id = ?", l.TaskID).Updates(set).Error; err != nil {
			return fmt.Errorf("record the packages of entry %d: %w", l.TaskID, err)
		}
	}
	return nil
}

// packageOrigin is package p as the origin of the entries it brings or
// changes, imported now by the operator ctx acts for.
func (s *Store) packageOrigin(ctx context.Context, p *exchange.Package) domain.TaskOrigin {
	m := &p.Manifest
	return domain.TaskOrigin{Kind: m.Kind, Unit: m.Sender.Unit.Name, Operator: domain.ActorFrom(ctx), Package: m.ID,
		At: s.now().UTC()}
}

// origins returns the packages of a link: nil, nil for an entry made here
// that no package has changed.
func (l *taskLinkRow) origins() (origin, received *domain.TaskOrigin) {
	at := func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return t.UTC()
	}
	if l.Origin != "" {
		origin = &domain.TaskOrigin{Kind: l.OriginKind, Unit: l.OriginUnit, Operator: l.OriginOperator,
			Package: l.OriginPackage, At: at(l.OriginAt)}
	}
	if l.ReceivedPackage != "" {
		received = &domain.TaskOrigin{Kind: l.ReceivedKind, Unit: l.ReceivedUnit, Operator: l.ReceivedOperator,
			Package: l.ReceivedPackage, At: at(l.ReceivedAt)}
	}
	return origin, received
}

// readOrigins sets the packages of the listed entries (out, indexed by
// idx) whose ids sub selects.
func readOrigins(fresh func() *gorm.DB, sub *gorm.DB, idx map[int64]int, out []domain.Task) error {
	var links []taskLinkRow
	if err := fresh().Where("task_id IN (?) AND (origin <> '' OR received_package <> '')", sub).Find(&links).Error; err != nil {
		return fmt.Errorf("read where the entries came from: %w", err)
	}
	for i := range links {
		if j, ok := idx[links[i].TaskID]; ok {
			out[j].Origin, out[j].Received = links[i].origins()
		}
	}
	return nil
}

// fillOriginalNames gives the closure files of t known here without an
// original name (received before schema 16, or from an older Pingce) the
// one the sender's copy in has; not a change of the entry.
func fillOriginalNames(tx *gorm.DB, t *domain.Task, in []domain.TaskFile) error {
	given := map[string]string{}
	for _, f := range in {
		if f.OriginalName != "" {
			given[f.SHA256+"\x00"+f.Name] = originalName(f.OriginalName, f.Name)
		}
	}
	for i := range t.Files {
		f := &t.Files[i]
		if o := given[f.SHA256+"\x00"+f.Name]; f.OriginalName == "" && o != "" {
			if err := tx.Model(&taskFileRow{}).Where("id = ?", f.ID).Update("original_name", o).Error; err != nil {
				return fmt.Errorf("keep the original name of closure file %s: %w", f.Name, err)
			}
			f.OriginalName = o
		}
	}
	return nil
}
