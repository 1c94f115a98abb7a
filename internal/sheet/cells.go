package sheet

import (
	"maps"

	"pingce/internal/domain"
)

// ItemCells writes an item (not a part, not its rules by unit type) as
// the cells of its row on the template's 指标 sheet, by column key: the
// text a user edits in a cell ("好=5\n差=0", "≥98=30", "是", "").
// ReadItemCells reads them back into the same item.
func ItemCells(it *domain.Item) map[string]string {
	tw := &cellWriter{}
	tw.item(it)
	return tw.cells
}

// ReadItemCells reads an item from its cells by column key, as the
// template's 指标 sheet is read; each cell that cannot be read is a
// problem at where (the item's place), naming the key. The item is not
// checked: run Catalog.Check on the catalog that holds it.
func ReadItemCells(where string, cells map[string]string) (*domain.Item, []domain.Problem) {
	tr := &templateReader{name: where, at: map[any]string{}, field: map[any]map[string]string{}}
	row := tableRow{n: 1, vals: maps.Clone(cells), cells: map[string]string{}}
	it := tr.item(where, row)
	for i := range tr.probs {
		tr.probs[i].File = where
		if tr.probs[i].ItemID == "" {
			tr.probs[i].ItemID = it.ID
		}
	}
	return it, tr.probs
}

// cellWriter collects the cells of one row as text.
type cellWriter struct{ cells map[string]string }

func (cw *cellWriter) item(it *domain.Item) {
	tw := &templateWriter{}
	vals := tw.itemCells("", "", it)
	cw.cells = map[string]string{}
	for k, v := range vals {
		cw.cells[k] = cellText(v)
	}
}

// cellText is the text of a value as the template writes it in a cell.
func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return domain.CheckNumber(v)
	case *float64:
		if v != nil {
			return domain.CheckNumber(*v)
		}
	case bool:
		if v {
			return "是"
		}
	}
	return ""
}
