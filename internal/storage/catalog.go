package storage

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"pingce/internal/domain"
)

// ImportCatalog stores the catalog unless the same content (by hash) is
// stored already; created tells which. EINVALID, with the problems, for a
// catalog domain.Catalog.Check refuses, whatever it was read from;
// EFORBIDDEN unless the context's user may manage catalogs (storing what
// is stored already needs no right); ECONFLICT when another catalog with
// the same id@version but different content is stored.
func (s *Store) ImportCatalog(ctx context.Context, c *domain.Catalog) (domain.CatalogInfo, bool, error) {
	if c == nil || c.ID == "" || c.Version == "" {
		return domain.CatalogInfo{}, false, domain.Errorf(domain.EINVALID, "a catalog needs an id and a version")
	}
	if ps := c.CheckProblems(); len(ps) > 0 {
		return domain.CatalogInfo{}, false, &domain.Error{Code: domain.EINVALID, Problems: ps,
			Message: fmt.Sprintf("catalog %s refused: %d problem(s), the first: %s", c.Ref(), len(ps), ps[0])}
	}
	user, _ := domain.UserFrom(ctx)
	hash, body, err := CatalogHash(c)
	if err != nil {
		return domain.CatalogInfo{}, false, err
	}
	var row catalogRow
	created := false
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		created = false
		err := tx.Where("hash = ?", hash).Take(&row).Error
		if err == nil {
			return nil
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if err := domain.Authorize(user, domain.ActManageCatalogs, nil); err != nil {
			return err
		}
		var other catalogRow
		err = tx.Where("catalog_id = ? AND version = ?", c.ID, c.Version).Take(&other).Error
		if err == nil {
			return domain.Errorf(domain.ECONFLICT,
				"catalog %s is stored already with different content (hash %.8s, this one %.8s): give the changed catalog a new version",
				c.Ref(), other.Hash, hash)
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		row = catalogRow{CatalogID: c.ID, Version: c.Version, Title: c.Title, Hash: hash,
			Items: len(c.Items()), Total: c.Total, Body: string(body),
			ImportedBy: user.Name, ImportedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		created = true
		return s.audit(ctx, tx, 0, "", "catalog_import", nil, row.info())
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Someone else stored it at the same moment: report what is there.
		if e2 := s.db.WithContext(ctx).Where("hash = ?", hash).Take(&row).Error; e2 == nil {
			return row.info(), false, nil
		}
	}
	if err != nil {
		return domain.CatalogInfo{}, false, dbErr(err, "import catalog "+c.Ref())
	}
	return row.info(), created, nil
}

// ListCatalogs returns the stored catalogs by id and version.
func (s *Store) ListCatalogs(ctx context.Context) ([]domain.CatalogInfo, error) {
	var rows []catalogRow
	err := s.db.WithContext(ctx).Omit("body").Order("catalog_id, version").Find(&rows).Error
	if err != nil {
		return nil, dbErr(err, "list catalogs")
	}
	out := make([]domain.CatalogInfo, len(rows))
	for i := range rows {
		out[i] = rows[i].info()
	}
	return out, nil
}

// FindCatalog returns the catalog named "id@version". ENOTFOUND if absent.
func (s *Store) FindCatalog(ctx context.Context, ref string) (*domain.Catalog, error) {
	id, version := domain.ParseRef(ref)
	var row catalogRow
	err := s.db.WithContext(ctx).Select("id", "hash").
		Where("catalog_id = ? AND version = ?", id, version).Take(&row).Error
	if err != nil {
		return nil, notFound(err, "no catalog %s is stored", ref)
	}
	return s.catalogByRow(ctx, s.db, row.ID, row.Hash)
}

// FindCatalogInfo returns what is known about the stored catalog "id@version".
// ENOTFOUND if absent.
func (s *Store) FindCatalogInfo(ctx context.Context, ref string) (domain.CatalogInfo, error) {
	id, version := domain.ParseRef(ref)
	var row catalogRow
	err := s.db.WithContext(ctx).Omit("body").
		Where("catalog_id = ? AND version = ?", id, version).Take(&row).Error
	if err != nil {
		return domain.CatalogInfo{}, notFound(err, "no catalog %s is stored", ref)
	}
	return row.info(), nil
}

// catalogByRow returns the parsed catalog of a catalog row, from memory when
// a catalog with that hash was parsed before (stored catalogs never change).
func (s *Store) catalogByRow(ctx context.Context, db *gorm.DB, rowID int64, hash string) (*domain.Catalog, error) {
	if hash != "" {
		s.catMu.Lock()
		c := s.cats[hash]
		s.catMu.Unlock()
		if c != nil {
			return c, nil
		}
	}
	var row catalogRow
	if err := db.WithContext(ctx).Take(&row, rowID).Error; err != nil {
		return nil, notFound(err, "stored catalog %d is missing", rowID)
	}
	c, err := decodeCatalog([]byte(row.Body))
	if err != nil {
		return nil, fmt.Errorf("read stored catalog %s@%s: %w", row.CatalogID, row.Version, err)
	}
	s.remember(row.Hash, c)
	return c, nil
}

func (s *Store) remember(hash string, c *domain.Catalog) {
	s.catMu.Lock()
	defer s.catMu.Unlock()
	if _, ok := s.cats[hash]; !ok {
		s.cats[hash] = c
	}
}
