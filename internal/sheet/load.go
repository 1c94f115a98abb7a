package sheet

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// LoadCatalog reads a catalog file of any kind Pingce reads: YAML
// (catalog.LoadFile), Pingce's template, or an official .xlsx/.docx
// table. An official table whose rule texts are not all understood is
// refused, each such row a problem at its cell: a dialog that imports in
// one step must not guess; the catalog screen lets the user confirm them.
func LoadCatalog(ctx context.Context, path string) (*domain.Catalog, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".docx":
	default:
		return catalog.LoadFile(ctx, path)
	}
	res, err := ReadFile(ctx, path, Options{})
	if err != nil {
		return nil, err
	}
	var ps []domain.Problem
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Code, "sheet.rule_") {
			ps = append(ps, w)
		}
	}
	if len(ps) > 0 {
		return nil, &domain.Error{Code: domain.EINVALID, Problems: ps,
			Message: fmt.Sprintf("%s: %d rule text(s) not understood: confirm them in the catalog screen, or import with pingce catalog import", filepath.Base(path), len(ps))}
	}
	return res.Catalog, nil
}
